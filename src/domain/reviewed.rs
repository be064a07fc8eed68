//! Which review a reflection answers: the kind of review and the period it looked back on,
//! so reviews stay part of the journal and can be found by period.

use std::fmt;
use std::str::FromStr;

use chrono::{DateTime, Duration, Utc};
use serde::{Deserialize, Serialize};

use crate::clock::Clock;
use crate::{Error, Result};

/// The kinds of review.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum ReviewKind {
    /// Today so far: straight after a visit.
    AfterVisit,
    /// The last seven days.
    Week,
    /// The last thirty days.
    Month,
    /// Since the last supervision note (or four weeks).
    Supervision,
}

impl ReviewKind {
    pub const ALL: [ReviewKind; 4] = [
        ReviewKind::AfterVisit,
        ReviewKind::Week,
        ReviewKind::Month,
        ReviewKind::Supervision,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            ReviewKind::AfterVisit => "after-visit",
            ReviewKind::Week => "week",
            ReviewKind::Month => "month",
            ReviewKind::Supervision => "supervision",
        }
    }

    /// The heading of the review.
    pub fn title(self) -> &'static str {
        match self {
            ReviewKind::AfterVisit => "After-visit review",
            ReviewKind::Week => "Weekly review",
            ReviewKind::Month => "Monthly review",
            ReviewKind::Supervision => "Before supervision",
        }
    }

    /// The review in a sentence: "the weekly review".
    pub fn name(self) -> &'static str {
        match self {
            ReviewKind::AfterVisit => "after-visit review",
            ReviewKind::Week => "weekly review",
            ReviewKind::Month => "monthly review",
            ReviewKind::Supervision => "review before supervision",
        }
    }

    /// The period in words, for "nothing was written in this …".
    pub fn noun(self) -> &'static str {
        match self {
            ReviewKind::AfterVisit => "day",
            ReviewKind::Week => "week",
            ReviewKind::Month => "month",
            ReviewKind::Supervision => "time since supervision",
        }
    }

    /// The period this review looks at, ending `now`. `last_supervision` is when the last
    /// supervision note was written, for the supervision review.
    pub fn period(
        self,
        now: DateTime<Utc>,
        clock: &Clock,
        last_supervision: Option<DateTime<Utc>>,
    ) -> (DateTime<Utc>, DateTime<Utc>) {
        let from = match self {
            ReviewKind::AfterVisit => clock.start_of_local_day(now),
            ReviewKind::Week => now - Duration::days(7),
            ReviewKind::Month => now - Duration::days(30),
            ReviewKind::Supervision => last_supervision.unwrap_or_else(|| now - Duration::days(28)),
        };
        (from, now)
    }
}

impl fmt::Display for ReviewKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl FromStr for ReviewKind {
    type Err = Error;
    fn from_str(s: &str) -> Result<ReviewKind> {
        let wanted = s.trim().to_lowercase().replace('_', "-");
        ReviewKind::ALL
            .into_iter()
            .find(|k| k.as_str() == wanted || (wanted == "visit" && *k == ReviewKind::AfterVisit))
            .ok_or_else(|| {
                Error::invalid(
                    "review",
                    format!(
                        "unknown review '{}': use after-visit, week, month or supervision",
                        s.trim().escape_debug()
                    ),
                )
            })
    }
}

/// The review a reflection answers, and the period it covered.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ReviewOf {
    pub kind: ReviewKind,
    pub from: DateTime<Utc>,
    pub to: DateTime<Utc>,
}
