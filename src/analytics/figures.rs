//! The figures trends show, each a pure function of summed [`Day`]s: daily means and rolling
//! means, the weekday-by-hour heatmap, buckets by kind of work, flag and tag, the body's
//! regions, emotion quadrants, and stress on days with and without a break or movement.

use std::collections::{BTreeMap, HashMap};

use chrono::{Datelike, Duration, NaiveDate};
use serde::Serialize;

use super::days::{Day, Sums, days_of};
use super::{Figure, MIN_DAYS_EACH_SIDE, MIN_N, TrendRow, tenths};
use crate::domain::Vocabulary;
use crate::domain::vocab::List;

/// The ratings of one day.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
pub struct DayMean {
    pub day: NaiveDate,
    pub n: usize,
    pub sum: u32,
    pub mean_tenths: u32,
}

/// Each day with a stress rating, oldest first.
pub fn daily_means(days: &[Day]) -> Vec<DayMean> {
    days.iter()
        .filter_map(|d| {
            let s = d.ratings();
            (s.n > 0).then(|| DayMean {
                day: d.day,
                n: s.n as usize,
                sum: s.sum,
                mean_tenths: tenths(f64::from(s.sum) / f64::from(s.n)),
            })
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

pub fn heatmap(days: &[Day]) -> Heatmap {
    let mut sums = [[Sums::default(); 24]; 7];
    for d in days {
        let weekday = d.day.weekday().num_days_from_monday() as usize;
        for (hour, s) in &d.hours {
            sums[weekday][usize::from(*hour).min(23)].merge(s);
        }
    }
    Heatmap {
        cells: sums
            .iter()
            .map(|day| day.iter().map(Figure::of_sums).collect())
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

/// The sums `key` picks from each day (by kind of work, flag or tag), merged by id and
/// labelled by `label`, most ratings first.
pub fn buckets(
    days: &[Day],
    key: impl Fn(&Day) -> &[(String, Sums)],
    label: impl Fn(&str) -> String,
) -> Vec<Bucket> {
    let mut by: HashMap<&str, Sums> = HashMap::new();
    for d in days {
        for (id, s) in key(d) {
            by.entry(id.as_str()).or_default().merge(s);
        }
    }
    let mut out: Vec<Bucket> = by
        .into_iter()
        .map(|(id, s)| Bucket {
            label: label(id),
            figure: s.figure(),
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

pub fn regions(days: &[Day]) -> Vec<RegionFigure> {
    let mut by: BTreeMap<&str, (u32, u32, BTreeMap<&str, u32>)> = BTreeMap::new();
    for r in days.iter().flat_map(|d| &d.regions) {
        let f = by.entry(r.region.as_str()).or_default();
        f.0 += r.n;
        f.1 += r.intensity;
        for (context, n) in &r.contexts {
            *f.2.entry(context.as_str()).or_default() += n;
        }
    }
    let mut out: Vec<RegionFigure> = by
        .into_iter()
        .filter(|(_, (n, _, _))| *n > 0)
        .map(|(region, (n, total, contexts))| {
            let mut by_context: Vec<(String, usize)> = contexts
                .into_iter()
                .map(|(c, k)| (c.to_string(), k as usize))
                .collect();
            by_context.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
            RegionFigure {
                region: region.to_string(),
                n: n as usize,
                intensity_tenths: (total * 10 + n / 2) / n,
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

/// Stress on days with something and without it, both sides inside the time it was logged.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Comparison {
    /// "a break", "a night of 6 hours or more", "movement".
    pub what: String,
    pub with: Side,
    pub without: Side,
    /// The first day in the period it was logged (the days compared start there); `None`
    /// when it was never logged in the period.
    pub since: Option<NaiveDate>,
    /// Both sides have [`MIN_DAYS_EACH_SIDE`] days: the means may be shown.
    pub enough: bool,
}

/// Stress on days with and without a break, after a night of 6 hours or more against a
/// shorter one, and with and without movement: the mean of each day's mean stress on each
/// side. Only days the person was logging count: from their first log of the thing in the
/// period, a rated day is "with" when they logged it and "without" when they logged some
/// other recovery that day ("not possible today" too) but not it. A day with no recovery
/// log at all is neither: nobody said what happened on it.
pub fn compare(days: &[Day]) -> Vec<Comparison> {
    let rated: Vec<(u32, &Day)> = days
        .iter()
        .filter_map(|d| {
            let s = d.ratings();
            (s.n > 0).then(|| (tenths(f64::from(s.sum) / f64::from(s.n)), d))
        })
        .collect();
    // The mean of the day means of the days `on` picks.
    let side = |on: &dyn Fn(&Day) -> bool| {
        let v: Vec<u32> = rated
            .iter()
            .filter(|(_, d)| on(d))
            .map(|(m, _)| *m)
            .collect();
        Side {
            days: v.len(),
            mean_tenths: (!v.is_empty())
                .then(|| (v.iter().sum::<u32>() + v.len() as u32 / 2) / v.len() as u32),
        }
    };
    let split = |what: &str, marked: &dyn Fn(&Day) -> bool| {
        let since = days.iter().find(|d| marked(d)).map(|d| d.day);
        let logging = |d: &Day| since.is_some_and(|s| d.day >= s) && d.helped.any_logged();
        comparison(
            what,
            side(marked),
            side(&|d| logging(d) && !marked(d)),
            since,
        )
    };
    let sleep = comparison(
        "a night of 6 hours or more (against less)",
        side(&|d| d.helped.long_sleep),
        side(&|d| d.helped.short_sleep && !d.helped.long_sleep),
        days.iter()
            .find(|d| d.helped.long_sleep || d.helped.short_sleep)
            .map(|d| d.day),
    );
    vec![
        split("a break", &|d| d.helped.break_taken),
        sleep,
        split("movement", &|d| d.helped.moved),
    ]
}

fn comparison(what: &str, with: Side, without: Side, since: Option<NaiveDate>) -> Comparison {
    let enough = with.days >= MIN_DAYS_EACH_SIDE && without.days >= MIN_DAYS_EACH_SIDE;
    Comparison {
        what: what.to_string(),
        with,
        without,
        since,
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

fn emotions(now: &[Day], before: &[Day], vocab: &Vocabulary) -> Emotions {
    // Words counted first, then placed: each word is looked up once, not once a use.
    fn words(days: &[Day]) -> HashMap<&str, usize> {
        let mut n: HashMap<&str, usize> = HashMap::new();
        for (w, k) in days.iter().flat_map(|d| &d.emotions) {
            *n.entry(w.as_str()).or_default() += *k as usize;
        }
        n
    }
    let (now_words, before_words) = (words(now), words(before));
    let count = |words: &HashMap<&str, usize>, q: &str| -> usize {
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
        words_now: now_words.values().sum(),
        words_before: before_words.values().sum(),
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
    trends_of_days(&days_of(rows), &days_of(before), vocab)
}

/// The trends of summed days, with the days of the period before for emotions.
pub fn trends_of_days(days: &[Day], before: &[Day], vocab: &Vocabulary) -> Trends {
    let means = daily_means(days);
    let mut all = Sums::default();
    for d in days {
        all.merge(&d.ratings());
    }
    Trends {
        overall: all.figure(),
        rolling_7: rolling(&means, 7),
        rolling_28: rolling(&means, 28),
        heatmap: heatmap(days),
        by_context: buckets(days, |d| &d.contexts, |c| vocab.label(List::Contexts, c)),
        by_flag: buckets(days, |d| &d.flags, |f| vocab.label(List::Flags, f)),
        by_tag: buckets(days, |d| &d.tags, |t| format!("#{t}")),
        regions: regions(days)
            .into_iter()
            .map(|mut f| {
                f.region = vocab.label(List::Regions, &f.region);
                for (context, _) in &mut f.by_context {
                    *context = vocab.label(List::Contexts, context);
                }
                f
            })
            .collect(),
        emotions: emotions(days, before, vocab),
        helps: compare(days),
        days: means,
    }
}
