//! The figures trends show, each a pure function of [`TrendRow`]s: daily means and rolling
//! means, the weekday-by-hour heatmap, buckets by kind of work, flag and tag, the body's
//! regions, emotion quadrants, and days with and without what helps.

use std::collections::{BTreeMap, HashMap, HashSet};

use chrono::{Duration, NaiveDate};
use serde::Serialize;

use super::{Figure, MIN_DAYS_EACH_SIDE, MIN_N, TrendRow, tenths};
use crate::domain::vocab::List;
use crate::domain::{Kind, Recovery, Vocabulary};

/// The ratings of one day.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
pub struct DayMean {
    pub day: NaiveDate,
    pub n: usize,
    pub sum: u32,
    pub mean_tenths: u32,
}

/// Each day with a stress rating, oldest first.
pub fn daily_means(rows: &[TrendRow]) -> Vec<DayMean> {
    let mut by_day: BTreeMap<NaiveDate, (usize, u32)> = BTreeMap::new();
    for r in rows {
        if let Some(s) = r.stress {
            let d = by_day.entry(r.day).or_default();
            d.0 += 1;
            d.1 += u32::from(s);
        }
    }
    by_day
        .into_iter()
        .map(|(day, (n, sum))| DayMean {
            day,
            n,
            sum,
            mean_tenths: tenths(f64::from(sum) / n as f64),
        })
        .collect()
}

/// For each day of `days`, the mean of every rating in the `window` days ending that day;
/// `None` while the window holds fewer than [`MIN_N`] ratings.
pub fn rolling(days: &[DayMean], window: i64) -> Vec<(NaiveDate, Option<u32>)> {
    let mut start = 0;
    let (mut n, mut sum) = (0usize, 0u32);
    days.iter()
        .enumerate()
        .map(|(i, d)| {
            n += d.n;
            sum += d.sum;
            while days[start].day <= d.day - Duration::days(window) {
                n -= days[start].n;
                sum -= days[start].sum;
                start += 1;
            }
            debug_assert!(start <= i);
            let mean = (n >= MIN_N).then(|| tenths(f64::from(sum) / n as f64));
            (d.day, mean)
        })
        .collect()
}

/// Mean stress by weekday (0 Monday) and hour of the wall clock at writing.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Heatmap {
    pub cells: Vec<Vec<Figure>>,
}

pub fn heatmap(rows: &[TrendRow]) -> Heatmap {
    let mut values: Vec<Vec<Vec<u8>>> = vec![vec![Vec::new(); 24]; 7];
    for r in rows {
        if let Some(s) = r.stress {
            values[usize::from(r.weekday.min(6))][usize::from(r.hour.min(23))].push(s);
        }
    }
    Heatmap {
        cells: values
            .iter()
            .map(|day| day.iter().map(|v| Figure::of(v)).collect())
            .collect(),
    }
}

/// Stress for one label (a kind of work, a flag, a tag).
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Bucket {
    pub label: String,
    #[serde(flatten)]
    pub figure: Figure,
}

/// Rated entries grouped by the ids `key` gives each (an entry may have several), labelled
/// by `label`, most entries first.
pub fn buckets<'a>(
    rows: &'a [TrendRow],
    key: impl Fn(&'a TrendRow) -> &'a [String],
    label: impl Fn(&str) -> String,
) -> Vec<Bucket> {
    let mut by: HashMap<&str, Vec<u8>> = HashMap::new();
    for r in rows {
        if let Some(s) = r.stress {
            for id in key(r) {
                by.entry(id.as_str()).or_default().push(s);
            }
        }
    }
    let mut out: Vec<Bucket> = by
        .into_iter()
        .map(|(id, v)| Bucket {
            label: label(id),
            figure: Figure::of(&v),
        })
        .collect();
    out.sort_by(|a, b| {
        b.figure
            .n
            .cmp(&a.figure.n)
            .then_with(|| a.label.cmp(&b.label))
    });
    out
}

/// How often a region carried a sensation, and how strongly.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct RegionFigure {
    pub region: String,
    /// Check-ins in which it came up.
    pub n: usize,
    /// Mean intensity (0-3) in tenths.
    pub intensity_tenths: u32,
    /// (kind of work, check-ins), most first.
    pub by_context: Vec<(String, usize)>,
}

pub fn regions(rows: &[TrendRow]) -> Vec<RegionFigure> {
    let mut by: BTreeMap<&str, (usize, u32, BTreeMap<String, usize>)> = BTreeMap::new();
    for r in rows.iter().filter(|r| r.kind == Kind::Checkin) {
        let mut seen: BTreeMap<&str, u8> = BTreeMap::new();
        for (region, intensity) in &r.body {
            let i = seen.entry(region.as_str()).or_default();
            *i = (*i).max(*intensity);
        }
        for (region, intensity) in seen {
            let f = by.entry(region).or_default();
            f.0 += 1;
            f.1 += u32::from(intensity);
            *f.2.entry(r.context.clone().unwrap_or_else(|| "not said".into()))
                .or_default() += 1;
        }
    }
    let mut out: Vec<RegionFigure> = by
        .into_iter()
        .map(|(region, (n, total, contexts))| {
            let mut by_context: Vec<(String, usize)> = contexts.into_iter().collect();
            by_context.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
            RegionFigure {
                region: region.to_string(),
                n,
                intensity_tenths: (total * 10 + n as u32 / 2) / n as u32,
                by_context,
            }
        })
        .collect();
    out.sort_by(|a, b| b.n.cmp(&a.n).then_with(|| a.region.cmp(&b.region)));
    out
}

/// The days of one side of a comparison: how many, and their mean stress (in tenths).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize)]
pub struct Side {
    pub days: usize,
    pub mean_tenths: Option<u32>,
}

/// Stress on days with something and without it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Comparison {
    /// "a break", "a night of 6 hours or more", "movement".
    pub what: String,
    pub with: Side,
    pub without: Side,
    /// Both sides have [`MIN_DAYS_EACH_SIDE`] days: the means may be shown.
    pub enough: bool,
}

/// Days with and without a break, after a short night or a longer one, with and without
/// movement: the mean of each day's mean stress on each side.
pub fn compare(rows: &[TrendRow]) -> Vec<Comparison> {
    let means: BTreeMap<NaiveDate, u32> = daily_means(rows)
        .into_iter()
        .map(|d| (d.day, d.mean_tenths))
        .collect();
    let days_with = |pred: &dyn Fn(&Recovery) -> bool| -> HashSet<NaiveDate> {
        rows.iter()
            .filter(|r| r.recovery.as_ref().is_some_and(pred))
            .map(|r| r.day)
            .collect()
    };
    let breaks = days_with(&|r| matches!(r, Recovery::Break { .. }));
    let moved = days_with(&|r| matches!(r, Recovery::Move { .. }));
    let slept = |long: bool| {
        days_with(
            &move |r| matches!(r, Recovery::Sleep { minutes, .. } if (*minutes >= 360) == long),
        )
    };
    let (long, short) = (slept(true), slept(false));
    // The mean of the day means of the days `on` picks.
    let side = |on: &dyn Fn(&NaiveDate) -> bool| {
        let v: Vec<u32> = means
            .iter()
            .filter(|(d, _)| on(d))
            .map(|(_, m)| *m)
            .collect();
        Side {
            days: v.len(),
            mean_tenths: (!v.is_empty())
                .then(|| (v.iter().sum::<u32>() + v.len() as u32 / 2) / v.len() as u32),
        }
    };
    let split = |what: &str, marked: &HashSet<NaiveDate>| {
        comparison(
            what,
            side(&|d| marked.contains(d)),
            side(&|d| !marked.contains(d)),
        )
    };
    let sleep = comparison(
        "a night of 6 hours or more (against less)",
        side(&|d| long.contains(d)),
        side(&|d| short.contains(d) && !long.contains(d)),
    );
    vec![split("a break", &breaks), sleep, split("movement", &moved)]
}

fn comparison(what: &str, with: Side, without: Side) -> Comparison {
    let enough = with.days >= MIN_DAYS_EACH_SIDE && without.days >= MIN_DAYS_EACH_SIDE;
    Comparison {
        what: what.to_string(),
        with,
        without,
        enough,
    }
}

/// Emotions: each quadrant's share of the words chosen, now and before, and the words chosen
/// most often.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
pub struct Emotions {
    /// (quadrant label, words now, words before).
    pub quadrants: Vec<(String, usize, usize)>,
    pub words_now: usize,
    pub words_before: usize,
    /// (word, times), most first, at most five.
    pub top: Vec<(String, usize)>,
}

fn emotions(now: &[TrendRow], before: &[TrendRow], vocab: &Vocabulary) -> Emotions {
    // Words counted first, then placed: each word is looked up once, not once a use.
    let words = |rows: &[TrendRow]| {
        let mut n: HashMap<String, usize> = HashMap::new();
        for w in rows.iter().flat_map(|r| &r.emotions) {
            *n.entry(w.clone()).or_default() += 1;
        }
        n
    };
    let (now_words, before_words) = (words(now), words(before));
    let count = |words: &HashMap<String, usize>, q: &str| -> usize {
        words
            .iter()
            .filter(|(w, _)| vocab.quadrant_of(w).is_some_and(|g| g.id == q))
            .map(|(_, n)| n)
            .sum()
    };
    let mut top: Vec<(String, usize)> = now_words
        .iter()
        .map(|(w, n)| (vocab.label(List::Emotions, w), *n))
        .collect();
    top.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
    top.truncate(5);
    Emotions {
        quadrants: vocab
            .emotion_quadrants
            .iter()
            .map(|g| {
                (
                    g.label.clone(),
                    count(&now_words, &g.id),
                    count(&before_words, &g.id),
                )
            })
            .collect(),
        words_now: now.iter().map(|r| r.emotions.len()).sum(),
        words_before: before.iter().map(|r| r.emotions.len()).sum(),
        top,
    }
}

/// Everything the Trends view and `debrief trends` show for a period.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Trends {
    pub overall: Figure,
    pub days: Vec<DayMean>,
    pub rolling_7: Vec<(NaiveDate, Option<u32>)>,
    pub rolling_28: Vec<(NaiveDate, Option<u32>)>,
    pub heatmap: Heatmap,
    pub by_context: Vec<Bucket>,
    pub by_flag: Vec<Bucket>,
    pub by_tag: Vec<Bucket>,
    pub regions: Vec<RegionFigure>,
    pub emotions: Emotions,
    pub helps: Vec<Comparison>,
}

/// The trends of `rows`, with `before` (the period of the same length before) for emotions.
pub fn trends(rows: &[TrendRow], before: &[TrendRow], vocab: &Vocabulary) -> Trends {
    let days = daily_means(rows);
    let all: Vec<u8> = rows.iter().filter_map(|r| r.stress).collect();
    Trends {
        overall: Figure::of(&all),
        rolling_7: rolling(&days, 7),
        rolling_28: rolling(&days, 28),
        heatmap: heatmap(rows),
        by_context: buckets(
            rows,
            |r| r.context.as_slice(),
            |c| vocab.label(List::Contexts, c),
        ),
        by_flag: buckets(rows, |r| &r.difficulties, |f| vocab.label(List::Flags, f)),
        by_tag: buckets(rows, |r| &r.tags, |t| format!("#{t}")),
        regions: regions(rows)
            .into_iter()
            .map(|mut f| {
                f.region = vocab.label(List::Regions, &f.region);
                for (context, _) in &mut f.by_context {
                    *context = vocab.label(List::Contexts, context);
                }
                f
            })
            .collect(),
        emotions: emotions(rows, before, vocab),
        helps: compare(rows),
        days,
    }
}
