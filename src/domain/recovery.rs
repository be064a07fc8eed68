//! The recovery log: what helped (sleep, a break, movement), or that nothing was possible
//! today. Quick facts, no streaks and no judgement; "not possible today" is a full answer.

use serde::{Deserialize, Serialize};

use crate::{Error, Result};

/// The longest sleep, break or movement one entry records, in minutes (a day).
pub const MAX_MINUTES: u16 = 24 * 60;

/// One recovery entry.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "activity", rename_all = "lowercase")]
pub enum Recovery {
    /// Sleep: how long, and how restful (0-10) if given.
    Sleep {
        minutes: u16,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        quality: Option<u8>,
    },
    /// A break taken, and for how long if given.
    Break {
        #[serde(default, skip_serializing_if = "Option::is_none")]
        minutes: Option<u16>,
    },
    /// Movement: one of the vocabulary's options (an id), and for how long if given.
    Move {
        movement: String,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        minutes: Option<u16>,
    },
    /// Nothing was possible today: a valid answer, recorded without comment.
    #[default]
    None,
}

impl Recovery {
    /// The stored name of the activity.
    pub fn activity(&self) -> &'static str {
        match self {
            Recovery::Sleep { .. } => "sleep",
            Recovery::Break { .. } => "break",
            Recovery::Move { .. } => "move",
            Recovery::None => "none",
        }
    }

    pub fn minutes(&self) -> Option<u16> {
        match self {
            Recovery::Sleep { minutes, .. } => Some(*minutes),
            Recovery::Break { minutes } | Recovery::Move { minutes, .. } => *minutes,
            Recovery::None => None,
        }
    }

    pub fn validate(&self) -> Result<()> {
        if let Some(m) = self.minutes()
            && m > MAX_MINUTES
        {
            return Err(Error::invalid(
                "minutes",
                format!("{m} minutes is more than a day: give at most {MAX_MINUTES}"),
            ));
        }
        match self {
            Recovery::Sleep {
                quality: Some(q), ..
            } if *q > 10 => Err(Error::invalid(
                "quality",
                format!("sleep quality must be a whole number from 0 to 10, got {q}"),
            )),
            Recovery::Move { movement, .. } if movement.trim().is_empty() => Err(Error::invalid(
                "movement",
                "say what movement it was (see `debrief vocab movement`)",
            )),
            _ => Ok(()),
        }
    }
}

/// Read hours of sleep as typed ("7", "7.5", "7h30", "7:30") into minutes.
pub fn parse_hours(typed: &str) -> Result<u16> {
    let t = typed.trim().to_lowercase();
    let bad = || {
        Error::invalid(
            "hours",
            format!(
                "'{}' is not a number of hours: write e.g. 7, 6.5 or 7:30 (up to 24)",
                typed.trim().escape_debug()
            ),
        )
    };
    let minutes = match t.split_once([':', 'h']) {
        Some((h, m)) => {
            let h: u32 = h.trim().parse().map_err(|_| bad())?;
            let m = m.trim().trim_end_matches('m');
            let m: u32 = if m.is_empty() {
                0
            } else {
                m.parse().map_err(|_| bad())?
            };
            if m >= 60 {
                return Err(bad());
            }
            h * 60 + m
        }
        None => {
            let h: f64 = t.parse().map_err(|_| bad())?;
            if !h.is_finite() || h < 0.0 {
                return Err(bad());
            }
            (h * 60.0).round() as u32
        }
    };
    if minutes > u32::from(MAX_MINUTES) {
        return Err(bad());
    }
    Ok(minutes as u16)
}

/// Read minutes as typed ("20", "20m", "1h") for the recovery log (at most a day).
pub fn parse_minutes(typed: &str) -> Result<u16> {
    parse_duration(typed, u32::from(MAX_MINUTES)).map(|m| m as u16)
}

/// Read a time as typed, in minutes: `40`, `40m`, `40 min`, `2h`, `1h30`, `1.5h`; at most
/// `max` minutes.
pub fn parse_duration(typed: &str, max: u32) -> Result<u32> {
    let t = typed.trim().to_lowercase().replace(' ', "");
    let bad = || {
        Error::invalid(
            "minutes",
            format!(
                "'{}' is not a number of minutes: write minutes (40) or hours (1h30, 1.5h), up to {max} minutes",
                typed.trim().escape_debug()
            ),
        )
    };
    let number = |s: &str| s.parse::<f64>().ok().filter(|n| n.is_finite() && *n >= 0.0);
    let minutes = match t.split_once('h') {
        Some((h, m)) => {
            let m = m.trim_end_matches("min").trim_end_matches('m');
            let extra = if m.is_empty() { Some(0.0) } else { number(m) };
            match (number(h), extra) {
                (Some(h), Some(m)) if m < 60.0 => h * 60.0 + m,
                _ => return Err(bad()),
            }
        }
        None => number(t.trim_end_matches("min").trim_end_matches('m')).ok_or_else(bad)?,
    };
    if minutes > f64::from(max) {
        return Err(bad());
    }
    Ok(minutes.round() as u32)
}

/// Minutes as people say them: "7 h 30", "45 min".
pub fn describe_minutes(m: u32) -> String {
    match (m / 60, m % 60) {
        (0, m) => format!("{m} min"),
        (h, 0) => format!("{h} h"),
        (h, m) => format!("{h} h {m:02}"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hours_are_read_as_people_write_them() {
        assert_eq!(parse_hours("7").ok(), Some(420));
        assert_eq!(parse_hours("6.5").ok(), Some(390));
        assert_eq!(parse_hours("7:30").ok(), Some(450));
        assert_eq!(parse_hours("7h30").ok(), Some(450));
        assert_eq!(parse_hours("7h").ok(), Some(420));
        for bad in ["", "-1", "25", "seven", "7:75", "NaN", "inf"] {
            assert!(parse_hours(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn minutes_are_read_and_bounded() {
        assert_eq!(parse_minutes("20").ok(), Some(20));
        assert_eq!(parse_minutes("20m").ok(), Some(20));
        assert_eq!(parse_minutes("45 min").ok(), Some(45));
        assert_eq!(parse_minutes("1h").ok(), Some(60));
        assert!(parse_minutes("1441").is_err());
        assert!(parse_minutes("-5").is_err());
        assert_eq!(describe_minutes(450), "7 h 30");
        assert_eq!(describe_minutes(45), "45 min");
        assert_eq!(describe_minutes(120), "2 h");
    }

    #[test]
    fn recovery_round_trips_as_tagged_json() {
        for r in [
            Recovery::Sleep {
                minutes: 420,
                quality: Some(6),
            },
            Recovery::Break { minutes: None },
            Recovery::Move {
                movement: "stairs".into(),
                minutes: Some(5),
            },
            Recovery::None,
        ] {
            let json = serde_json::to_string(&r).expect("json");
            assert!(
                json.contains(&format!("\"activity\":\"{}\"", r.activity())),
                "{json}"
            );
            assert_eq!(serde_json::from_str::<Recovery>(&json).ok(), Some(r));
        }
        assert!(
            Recovery::Sleep {
                minutes: 60,
                quality: Some(11)
            }
            .validate()
            .is_err()
        );
    }
}
