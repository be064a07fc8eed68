//! The small values around an entry: its kind, the 0-10 self-ratings, and the three flags
//! (★ starred, ⚑ for supervision, ✎ finish later).

use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Serialize};

use super::checkin::CheckIn;
use super::entry::{Details, Guided};
use super::recovery::Recovery;
use super::supervision::Supervision;
use crate::{Error, Result};

/// The kinds of entry. Each has its own [`Details`].
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Kind {
    /// A free or template-guided reflection.
    #[default]
    Reflection,
    /// A body-sensation and stress check-in.
    Checkin,
    /// Notes of a supervision session.
    Supervision,
    /// A recovery log entry: sleep, a break, movement, or none possible today.
    Recovery,
    /// A learning activity (article, podcast, course, ...) and a reflection on it.
    Learning,
}

impl Kind {
    pub const ALL: [Kind; 5] = [
        Kind::Reflection,
        Kind::Checkin,
        Kind::Supervision,
        Kind::Recovery,
        Kind::Learning,
    ];

    /// The stored and machine-readable name.
    pub fn as_str(self) -> &'static str {
        match self {
            Kind::Reflection => "reflection",
            Kind::Checkin => "checkin",
            Kind::Supervision => "supervision",
            Kind::Recovery => "recovery",
            Kind::Learning => "learning",
        }
    }

    /// The name in sentences ("a new check-in").
    pub fn label(self) -> &'static str {
        match self {
            Kind::Reflection => "reflection",
            Kind::Checkin => "check-in",
            Kind::Supervision => "supervision note",
            Kind::Recovery => "recovery log entry",
            Kind::Learning => "learning activity",
        }
    }

    /// Empty details of this kind.
    pub fn empty_details(self) -> Details {
        match self {
            Kind::Reflection => Details::Reflection(Guided::default()),
            Kind::Checkin => Details::Checkin(CheckIn::default()),
            Kind::Supervision => Details::Supervision(Supervision::default()),
            Kind::Recovery => Details::Recovery(Recovery::default()),
            Kind::Learning => Details::Learning(super::learning::Learning::default()),
        }
    }
}

impl fmt::Display for Kind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl FromStr for Kind {
    type Err = Error;
    fn from_str(s: &str) -> Result<Self> {
        match s.trim().to_lowercase().as_str() {
            "reflection" | "r" => Ok(Kind::Reflection),
            "checkin" | "check-in" | "c" => Ok(Kind::Checkin),
            "supervision" | "s" => Ok(Kind::Supervision),
            "recovery" => Ok(Kind::Recovery),
            "learning" | "learn" => Ok(Kind::Learning),
            other => Err(Error::invalid(
                "kind",
                format!(
                    "unknown kind '{}': use reflection, checkin, supervision, recovery or learning",
                    other.escape_debug()
                ),
            )),
        }
    }
}

/// A 0-10 self-rating (stress, energy).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(try_from = "u8", into = "u8")]
pub struct Rating(u8);

impl Rating {
    pub const MAX: u8 = 10;

    /// A rating, or an error naming `what` when `value` is outside 0-10.
    pub fn new(what: &'static str, value: i64) -> Result<Rating> {
        if (0..=i64::from(Self::MAX)).contains(&value) {
            Ok(Rating(value as u8))
        } else {
            Err(Error::invalid(
                what,
                format!("{what} must be a whole number from 0 to 10, got {value}"),
            ))
        }
    }

    pub fn value(self) -> u8 {
        self.0
    }
}

impl TryFrom<u8> for Rating {
    type Error = Error;
    fn try_from(v: u8) -> Result<Self> {
        Rating::new("rating", i64::from(v))
    }
}

impl From<Rating> for u8 {
    fn from(r: Rating) -> u8 {
        r.0
    }
}

impl fmt::Display for Rating {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.0.fmt(f)
    }
}

/// The flags that can be toggled on an entry without editing it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Flag {
    Starred,
    ForSupervision,
    Unfinished,
}

impl Flag {
    pub const ALL: [Flag; 3] = [Flag::Starred, Flag::ForSupervision, Flag::Unfinished];

    /// The marker shown in lists.
    pub fn marker(self) -> char {
        match self {
            Flag::Starred => '★',
            Flag::ForSupervision => '⚑',
            Flag::Unfinished => '✎',
        }
    }

    /// The words shown next to the marker when there is room ("for supervision").
    pub fn label(self) -> &'static str {
        match self {
            Flag::Starred => "starred",
            Flag::ForSupervision => "for supervision",
            Flag::Unfinished => "finish later",
        }
    }
}

/// The three flags of an entry.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct Flags {
    pub starred: bool,
    pub for_supervision: bool,
    /// Marked "finish later".
    pub unfinished: bool,
}

impl Flags {
    pub fn get(&self, flag: Flag) -> bool {
        match flag {
            Flag::Starred => self.starred,
            Flag::ForSupervision => self.for_supervision,
            Flag::Unfinished => self.unfinished,
        }
    }

    pub fn set(&mut self, flag: Flag, on: bool) {
        match flag {
            Flag::Starred => self.starred = on,
            Flag::ForSupervision => self.for_supervision = on,
            Flag::Unfinished => self.unfinished = on,
        }
    }

    /// The flags that are set, in display order.
    pub fn set_flags(&self) -> impl Iterator<Item = Flag> + '_ {
        Flag::ALL.into_iter().filter(|f| self.get(*f))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ratings_accept_zero_to_ten_only() {
        assert_eq!(Rating::new("stress", 0).map(Rating::value).ok(), Some(0));
        assert_eq!(Rating::new("stress", 10).map(Rating::value).ok(), Some(10));
        let err = Rating::new("stress", 11).expect_err("11 is out of range");
        assert_eq!(
            err.to_string(),
            "stress must be a whole number from 0 to 10, got 11"
        );
        assert!(matches!(
            err,
            Error::Invalid {
                field: "stress",
                ..
            }
        ));
        assert!(Rating::new("energy", -1).is_err());
    }

    #[test]
    fn kinds_parse_with_friendly_aliases() {
        assert_eq!("Check-in".parse::<Kind>().ok(), Some(Kind::Checkin));
        assert_eq!("s".parse::<Kind>().ok(), Some(Kind::Supervision));
        let err = "visit".parse::<Kind>().expect_err("unknown");
        assert!(
            err.to_string()
                .contains("reflection, checkin, supervision, recovery or learning")
        );
    }

    #[test]
    fn flags_are_set_and_listed_in_order() {
        let mut f = Flags::default();
        f.set(Flag::Unfinished, true);
        f.set(Flag::Starred, true);
        let markers: String = f.set_flags().map(Flag::marker).collect();
        assert_eq!(markers, "★✎");
        assert!(!f.get(Flag::ForSupervision));
    }
}
