//! One local day of the journal summed up: ratings' count, sum and sum of squares by hour,
//! kind of work, flag and tag; the body's regions; emotion words; what helped. Days add up,
//! so a period's trends are a fold over its days, and the store can keep each day summed.

use std::collections::BTreeMap;

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use super::{Figure, TrendRow};
use crate::domain::{Kind, Recovery};

/// Ratings (0-10) summed so that they add up across days. Kept as `[n, sum, sq]`.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(from = "(u32, u32, u32)", into = "(u32, u32, u32)")]
pub struct Sums {
    pub n: u32,
    pub sum: u32,
    /// The sum of the squares, for the spread.
    pub sq: u32,
}

impl From<(u32, u32, u32)> for Sums {
    fn from((n, sum, sq): (u32, u32, u32)) -> Sums {
        Sums { n, sum, sq }
    }
}

impl From<Sums> for (u32, u32, u32) {
    fn from(s: Sums) -> (u32, u32, u32) {
        (s.n, s.sum, s.sq)
    }
}

impl Sums {
    pub fn add(&mut self, rating: u8) {
        let v = u32::from(rating);
        self.n += 1;
        self.sum += v;
        self.sq += v * v;
    }

    pub fn merge(&mut self, other: &Sums) {
        self.n += other.n;
        self.sum += other.sum;
        self.sq += other.sq;
    }

    /// The mean and spread, or "not enough data" below [`super::MIN_N`].
    pub fn figure(&self) -> Figure {
        Figure::of_sums(self)
    }
}

/// How often a region came up on a day, how strongly, and with which kinds of work.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(
    from = "(String, u32, u32, Vec<(String, u32)>)",
    into = "(String, u32, u32, Vec<(String, u32)>)"
)]
pub struct RegionDay {
    pub region: String,
    /// Check-ins it came up in (once a check-in, at its strongest).
    pub n: u32,
    /// The sum of those strongest intensities (0-3 each).
    pub intensity: u32,
    /// (kind of work or "not said", check-ins).
    pub contexts: Vec<(String, u32)>,
}

impl From<(String, u32, u32, Vec<(String, u32)>)> for RegionDay {
    fn from((region, n, intensity, contexts): (String, u32, u32, Vec<(String, u32)>)) -> Self {
        RegionDay {
            region,
            n,
            intensity,
            contexts,
        }
    }
}

impl From<RegionDay> for (String, u32, u32, Vec<(String, u32)>) {
    fn from(r: RegionDay) -> Self {
        (r.region, r.n, r.intensity, r.contexts)
    }
}

/// What helped on a day, as far as the recovery log says.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct Helped {
    pub break_taken: bool,
    pub moved: bool,
    /// A night of 6 hours or more was logged.
    pub long_sleep: bool,
    /// A night of less than 6 hours was logged.
    pub short_sleep: bool,
    /// Any recovery entry was logged, "not possible today" too: the person was logging
    /// recovery that day, so a break or movement not logged is a day without.
    pub logged: bool,
}

impl Helped {
    fn is_nothing(&self) -> bool {
        *self == Helped::default()
    }

    /// Whether recovery was logged on the day (a day summed before `logged` was kept still
    /// counts when it holds a break, movement or a night).
    pub fn any_logged(&self) -> bool {
        self.logged || self.break_taken || self.moved || self.long_sleep || self.short_sleep
    }
}

/// One local day, summed. The store keeps it as JSON with one-letter keys, lists left out
/// when empty (a day's summary is read for every day of a long range).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Day {
    #[serde(rename = "d")]
    pub day: NaiveDate,
    /// Ratings by hour of writing (hours with none left out).
    #[serde(rename = "h", default, skip_serializing_if = "Vec::is_empty")]
    pub hours: Vec<(u8, Sums)>,
    #[serde(rename = "c", default, skip_serializing_if = "Vec::is_empty")]
    pub contexts: Vec<(String, Sums)>,
    #[serde(rename = "f", default, skip_serializing_if = "Vec::is_empty")]
    pub flags: Vec<(String, Sums)>,
    #[serde(rename = "t", default, skip_serializing_if = "Vec::is_empty")]
    pub tags: Vec<(String, Sums)>,
    #[serde(rename = "r", default, skip_serializing_if = "Vec::is_empty")]
    pub regions: Vec<RegionDay>,
    /// (emotion word, times chosen).
    #[serde(rename = "e", default, skip_serializing_if = "Vec::is_empty")]
    pub emotions: Vec<(String, u32)>,
    #[serde(rename = "x", default, skip_serializing_if = "Helped::is_nothing")]
    pub helped: Helped,
}

impl Day {
    /// A day with nothing on it (its entries were trashed or deleted).
    pub fn empty(day: NaiveDate) -> Day {
        sum_day(day, &[])
    }

    /// Every rating of the day.
    pub fn ratings(&self) -> Sums {
        let mut all = Sums::default();
        for (_, s) in &self.hours {
            all.merge(s);
        }
        all
    }
}

fn add_to(list: &mut BTreeMap<String, Sums>, key: &str, rating: u8) {
    match list.get_mut(key) {
        Some(s) => s.add(rating),
        None => {
            let mut s = Sums::default();
            s.add(rating);
            list.insert(key.to_string(), s);
        }
    }
}

/// The rows of one day, summed (rows of other days are a mistake of the caller).
fn sum_day(day: NaiveDate, rows: &[&TrendRow]) -> Day {
    let mut hours: BTreeMap<u8, Sums> = BTreeMap::new();
    let (mut contexts, mut flags, mut tags) = (BTreeMap::new(), BTreeMap::new(), BTreeMap::new());
    let mut regions: BTreeMap<String, (u32, u32, BTreeMap<String, u32>)> = BTreeMap::new();
    let mut emotions: BTreeMap<String, u32> = BTreeMap::new();
    let mut helped = Helped::default();
    for r in rows {
        if let Some(s) = r.stress {
            hours.entry(r.hour.min(23)).or_default().add(s);
            if let Some(c) = &r.context {
                add_to(&mut contexts, c, s);
            }
            for f in &r.difficulties {
                add_to(&mut flags, f, s);
            }
            for t in &r.tags {
                add_to(&mut tags, t, s);
            }
        }
        if r.kind == Kind::Checkin {
            let mut strongest: BTreeMap<&str, u8> = BTreeMap::new();
            for (region, intensity) in &r.body {
                let i = strongest.entry(region.as_str()).or_default();
                *i = (*i).max(*intensity);
            }
            let context = r.context.as_deref().unwrap_or("not said");
            for (region, intensity) in strongest {
                let f = regions.entry(region.to_string()).or_default();
                f.0 += 1;
                f.1 += u32::from(intensity);
                *f.2.entry(context.to_string()).or_default() += 1;
            }
        }
        for w in &r.emotions {
            *emotions.entry(w.clone()).or_default() += 1;
        }
        helped.logged |= r.recovery.is_some();
        match &r.recovery {
            Some(Recovery::Break { .. }) => helped.break_taken = true,
            Some(Recovery::Move { .. }) => helped.moved = true,
            Some(Recovery::Sleep { minutes, .. }) if *minutes >= 360 => helped.long_sleep = true,
            Some(Recovery::Sleep { .. }) => helped.short_sleep = true,
            _ => {}
        }
    }
    Day {
        day,
        hours: hours.into_iter().collect(),
        contexts: contexts.into_iter().collect(),
        flags: flags.into_iter().collect(),
        tags: tags.into_iter().collect(),
        regions: regions
            .into_iter()
            .map(|(region, (n, intensity, contexts))| RegionDay {
                region,
                n,
                intensity,
                contexts: contexts.into_iter().collect(),
            })
            .collect(),
        emotions: emotions.into_iter().collect(),
        helped,
    }
}

/// The days of `rows`, each summed, oldest first.
pub fn days_of(rows: &[TrendRow]) -> Vec<Day> {
    let mut by_day: BTreeMap<NaiveDate, Vec<&TrendRow>> = BTreeMap::new();
    for r in rows {
        by_day.entry(r.day).or_default().push(r);
    }
    by_day
        .into_iter()
        .map(|(day, rows)| sum_day(day, &rows))
        .collect()
}
