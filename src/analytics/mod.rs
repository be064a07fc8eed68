//! Trends over compact rows (a day, an hour, a rating, the kind of work, the body, what
//! helped), never over entries' text: stress over time, by weekday and hour, by kind of work,
//! the body, emotions, and what is associated with lower stress. Pure; every bucket has its n.

mod figures;
#[cfg(test)]
mod tests;

pub use figures::{
    Bucket, Comparison, DayMean, Emotions, Heatmap, RegionFigure, Side, Trends, buckets, compare,
    daily_means, heatmap, regions, rolling, trends,
};

use chrono::NaiveDate;
use serde::Serialize;

use crate::domain::{Kind, Recovery};

/// A bucket with fewer entries than this shows "not enough data", never a number.
pub const MIN_N: usize = 5;

/// A comparison ("days with a break against days without") needs this many days each side.
pub const MIN_DAYS_EACH_SIDE: usize = 3;

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
        let n = values.len();
        if n < MIN_N {
            return Figure {
                n,
                ..Figure::default()
            };
        }
        let mean = values.iter().map(|v| f64::from(*v)).sum::<f64>() / n as f64;
        let var = values
            .iter()
            .map(|v| (f64::from(*v) - mean).powi(2))
            .sum::<f64>()
            / n as f64;
        Figure {
            n,
            mean_tenths: Some(tenths(mean)),
            sd_tenths: Some(tenths(var.sqrt())),
        }
    }

    /// "5.4 (n=12)" or "not enough data (n=3)".
    pub fn describe(&self) -> String {
        match self.mean_tenths {
            Some(m) => format!("{}.{} (n={})", m / 10, m % 10, self.n),
            None => format!("not enough data (n={})", self.n),
        }
    }
}

/// A value 0-10 in tenths, rounded half up.
fn tenths(v: f64) -> u32 {
    (v * 10.0).round().clamp(0.0, 100.0) as u32
}
