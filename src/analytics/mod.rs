//! Trends over compact rows (a day, an hour, a rating, the kind of work, the body, what
//! helped), never over entries' text: stress over time, by weekday and hour, by kind of work,
//! the body, emotions, and what is associated with lower stress. Pure; every bucket has its n.

mod days;
mod figures;
pub mod signals;
#[cfg(test)]
mod tests;

pub use days::{Day, Helped, RegionDay, Sums, days_of};
pub use figures::{
    Bucket, Comparison, DayMean, Emotions, Heatmap, RegionFigure, Side, Trends, buckets, compare,
    daily_means, heatmap, regions, rolling, trends, trends_of_days,
};
pub use signals::{Signal, SignalKind, signals};

use chrono::NaiveDate;
use serde::Serialize;

use crate::domain::{Kind, Recovery};

/// A bucket with fewer entries than this shows "not enough data", never a number.
pub const MIN_N: usize = 5;

/// A comparison ("days with a break against days without") needs this many days each side:
/// the same rule as every other figure.
pub const MIN_DAYS_EACH_SIDE: usize = MIN_N;

/// One entry as trends see it: when on the writer's wall clock, and the figures, no text.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
pub struct TrendRow {
    /// The local day and hour of writing (with the UTC offset stored at capture).
    pub day: NaiveDate,
    /// 0 Monday to 6 Sunday.
    pub weekday: u8,
    pub hour: u8,
    pub kind: Kind,
    pub stress: Option<u8>,
    pub context: Option<String>,
    pub difficulties: Vec<String>,
    pub tags: Vec<String>,
    /// (region, intensity 0-3) of each sensation.
    pub body: Vec<(String, u8)>,
    /// The words of the sensations (in the order of `body`).
    pub sensations: Vec<String>,
    pub emotions: Vec<String>,
    pub recovery: Option<Recovery>,
}

/// A mean (and spread) in tenths, or `None` below [`MIN_N`].
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize)]
pub struct Figure {
    pub n: usize,
    /// Mean stress in tenths (54 is 5.4); `None` when n < [`MIN_N`].
    pub mean_tenths: Option<u32>,
    /// Standard deviation in tenths; `None` when n < [`MIN_N`].
    pub sd_tenths: Option<u32>,
}

impl Figure {
    /// The figure of `values` (ratings 0-10), honest about small n.
    pub fn of(values: &[u8]) -> Figure {
        let mut sums = Sums::default();
        for v in values {
            sums.add(*v);
        }
        Figure::of_sums(&sums)
    }

    /// The figure of summed ratings: the mean, and the spread (population standard
    /// deviation) from the sum of squares.
    pub fn of_sums(s: &Sums) -> Figure {
        let n = s.n as usize;
        if n < MIN_N {
            return Figure {
                n,
                ..Figure::default()
            };
        }
        let mean = f64::from(s.sum) / n as f64;
        let var = (f64::from(s.sq) / n as f64 - mean * mean).max(0.0);
        Figure {
            n,
            mean_tenths: Some(tenths(mean)),
            sd_tenths: Some(tenths(var.sqrt())),
        }
    }

    /// "5.4 (n=12)" or "not enough data (n=3)".
    pub fn describe(&self) -> String {
        match self.mean_tenths {
            Some(m) => format!("{} (n={})", tenths_text(m), self.n),
            None => format!("not enough data (n={})", self.n),
        }
    }
}

/// The periods trends offer, ending now.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Range {
    Weeks4,
    #[default]
    Months3,
    Year,
    /// From the first entry.
    All,
}

impl Range {
    pub const ALL: [Range; 4] = [Range::Weeks4, Range::Months3, Range::Year, Range::All];

    /// The length in days, or `None` for all of the journal.
    pub fn days(self) -> Option<i64> {
        match self {
            Range::Weeks4 => Some(28),
            Range::Months3 => Some(91),
            Range::Year => Some(365),
            Range::All => None,
        }
    }

    /// "4 weeks", "3 months", "a year", "all".
    pub fn label(self) -> &'static str {
        match self {
            Range::Weeks4 => "4 weeks",
            Range::Months3 => "3 months",
            Range::Year => "a year",
            Range::All => "all",
        }
    }

    /// The next range, round to the first.
    pub fn next(self) -> Range {
        let i = Range::ALL.iter().position(|r| *r == self).unwrap_or(0);
        Range::ALL[(i + 1) % Range::ALL.len()]
    }
}

impl std::str::FromStr for Range {
    type Err = crate::Error;

    /// "4w", "3m", "1y" or "all" (and their words).
    fn from_str(typed: &str) -> crate::Result<Range> {
        match typed.trim().to_lowercase().as_str() {
            "4w" | "4 weeks" | "month" => Ok(Range::Weeks4),
            "3m" | "3 months" | "quarter" => Ok(Range::Months3),
            "1y" | "year" => Ok(Range::Year),
            "all" => Ok(Range::All),
            other => Err(crate::Error::invalid(
                "range",
                format!(
                    "unknown range '{}': use 4w, 3m, 1y or all (or --since WHEN)",
                    other.escape_debug()
                ),
            )),
        }
    }
}

/// A value kept in tenths as text: 54 is "5.4".
pub fn tenths_text(t: u32) -> String {
    format!("{}.{}", t / 10, t % 10)
}

/// A value 0-10 in tenths, rounded half up.
fn tenths(v: f64) -> u32 {
    (v * 10.0).round().clamp(0.0, 100.0) as u32
}
