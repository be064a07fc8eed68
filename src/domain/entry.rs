//! An entry: what was written, when, and the flags and ratings around it.
//! [`EntryContent`] is what the writer controls; [`Entry`] adds identity and timestamps.

use std::fmt;
use std::str::FromStr;

use chrono::{DateTime, FixedOffset, Utc};
use serde::{Deserialize, Serialize};
use uuid::Uuid;

use super::checkin::{BodySensation, Emotion};
use super::supervision::SupervisionDetails;
use super::tags::Tag;
use crate::{Error, Result};

/// The largest body an entry may have: 1 MiB of UTF-8 text (about 150,000 words).
pub const MAX_BODY_BYTES: usize = 1024 * 1024;
/// The longest title, in characters.
pub const MAX_TITLE_CHARS: usize = 300;

/// The short integer id shown to the user.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(transparent)]
pub struct EntryId(pub i64);

impl fmt::Display for EntryId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.0.fmt(f)
    }
}

/// How the user names an entry on the command line: its short id or its UUID.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum EntryRef {
    Id(EntryId),
    Uuid(Uuid),
}

impl FromStr for EntryRef {
    type Err = Error;
    fn from_str(s: &str) -> Result<Self> {
        let s = s.trim().trim_start_matches('#');
        if let Ok(n) = s.parse::<i64>()
            && n > 0
        {
            return Ok(EntryRef::Id(EntryId(n)));
        }
        Uuid::parse_str(s).map(EntryRef::Uuid).map_err(|_| {
            Error::invalid(format!(
                "'{s}' is not an entry id: use the number shown by `debrief list`, or a UUID"
            ))
        })
    }
}

impl fmt::Display for EntryRef {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            EntryRef::Id(id) => id.fmt(f),
            EntryRef::Uuid(u) => u.fmt(f),
        }
    }
}

/// The three kinds of entry.
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
}

impl Kind {
    pub const ALL: [Kind; 3] = [Kind::Reflection, Kind::Checkin, Kind::Supervision];

    /// The stored and displayed name.
    pub fn as_str(self) -> &'static str {
        match self {
            Kind::Reflection => "reflection",
            Kind::Checkin => "checkin",
            Kind::Supervision => "supervision",
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
            other => Err(Error::invalid(format!(
                "unknown kind '{other}': use reflection, checkin or supervision"
            ))),
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
    pub fn new(what: &str, value: i64) -> Result<Rating> {
        if (0..=i64::from(Self::MAX)).contains(&value) {
            Ok(Rating(value as u8))
        } else {
            Err(Error::invalid(format!(
                "{what} must be a whole number from 0 to 10, got {value}"
            )))
        }
    }

    pub fn value(self) -> u8 {
        self.0
    }
}

impl TryFrom<u8> for Rating {
    type Error = Error;
    fn try_from(v: u8) -> Result<Self> {
        Rating::new("a rating", i64::from(v))
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

/// The answer to one stage of a reflective template (e.g. Gibbs "Feelings").
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct StageAnswer {
    pub stage: String,
    pub answer: String,
}

/// Everything about an entry that its writer controls.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct EntryContent {
    pub kind: Kind,
    pub title: Option<String>,
    pub body: String,
    pub stress: Option<Rating>,
    pub energy: Option<Rating>,
    /// Kind of work this relates to (home visit, court, duty, ...).
    pub work_context: Option<String>,
    pub tags: Vec<Tag>,
    pub starred: bool,
    pub for_supervision: bool,
    /// Marked "finish later".
    pub unfinished: bool,
    pub template: Option<String>,
    pub answers: Vec<StageAnswer>,
    /// Check-in details (usually on `checkin` entries).
    pub sensations: Vec<BodySensation>,
    pub emotions: Vec<Emotion>,
    /// Supervision details (on `supervision` entries).
    pub supervision: Option<SupervisionDetails>,
}

impl EntryContent {
    /// Check limits before anything is written. Inline `#tags` are *not* merged here:
    /// call [`EntryContent::absorb_inline_tags`] first where the writer typed them.
    pub fn validate(&self) -> Result<()> {
        if self.body.len() > MAX_BODY_BYTES {
            return Err(Error::invalid(format!(
                "the entry is {} KiB; the limit is 1024 KiB (1 MiB): split it into several entries",
                self.body.len().div_ceil(1024)
            )));
        }
        if let Some(t) = &self.title {
            if t.chars().count() > MAX_TITLE_CHARS {
                return Err(Error::invalid(format!(
                    "the title is longer than {MAX_TITLE_CHARS} characters: shorten it"
                )));
            }
            if t.contains('\n') {
                return Err(Error::invalid("a title is one line: remove the line break"));
            }
        }
        for s in &self.sensations {
            s.validate()?;
        }
        for e in &self.emotions {
            e.validate()?;
        }
        if let Some(s) = &self.supervision {
            s.validate()?;
        }
        Ok(())
    }

    /// True when there is nothing worth saving.
    pub fn is_blank(&self) -> bool {
        self.body.trim().is_empty()
            && self.title.as_deref().is_none_or(|t| t.trim().is_empty())
            && self.answers.iter().all(|a| a.answer.trim().is_empty())
            && self.sensations.is_empty()
            && self.emotions.is_empty()
            && self.stress.is_none()
            && self.supervision.is_none()
    }

    /// Add the `#tags` written in the title and body to the tag list (no duplicates, sorted).
    pub fn absorb_inline_tags(&mut self) {
        let mut found = super::tags::inline_tags(&self.body);
        if let Some(t) = &self.title {
            found.extend(super::tags::inline_tags(t));
        }
        self.tags.extend(found);
        self.tags.sort();
        self.tags.dedup();
    }

    /// The title, or the first non-empty line of the body (or of the first template answer)
    /// when there is none.
    pub fn headline(&self) -> &str {
        match headline(self.title.as_deref(), &self.body) {
            "" => self
                .answers
                .first()
                .map_or("", |a| headline(None, &a.answer)),
            h => h,
        }
    }
}

/// The title if set, else the first non-empty line of `body`.
pub fn headline<'a>(title: Option<&'a str>, body: &'a str) -> &'a str {
    match title.map(str::trim).filter(|t| !t.is_empty()) {
        Some(t) => t,
        None => body
            .lines()
            .map(str::trim)
            .find(|l| !l.is_empty())
            .unwrap_or(""),
    }
}

/// A stored entry.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Entry {
    pub id: EntryId,
    pub uuid: Uuid,
    /// When it was written (UTC), with the writer's offset at that moment.
    pub created: DateTime<FixedOffset>,
    pub updated: DateTime<Utc>,
    /// In the trash since; `None` while live.
    pub deleted: Option<DateTime<Utc>>,
    pub content: EntryContent,
}

/// One line of the timeline: enough to list an entry without loading all of it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct EntrySummary {
    pub id: EntryId,
    pub uuid: Uuid,
    pub kind: Kind,
    pub created: DateTime<FixedOffset>,
    pub headline: String,
    pub tags: Vec<Tag>,
    pub stress: Option<Rating>,
    pub energy: Option<Rating>,
    pub starred: bool,
    pub for_supervision: bool,
    pub unfinished: bool,
    pub deleted: Option<DateTime<Utc>>,
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
        assert!(Rating::new("energy", -1).is_err());
    }

    #[test]
    fn kinds_parse_with_friendly_aliases() {
        assert_eq!("Check-in".parse::<Kind>().ok(), Some(Kind::Checkin));
        assert_eq!("s".parse::<Kind>().ok(), Some(Kind::Supervision));
        let err = "visit".parse::<Kind>().expect_err("unknown");
        assert!(
            err.to_string()
                .contains("reflection, checkin or supervision")
        );
    }

    #[test]
    fn entry_refs_are_ids_or_uuids() {
        assert_eq!(
            "12".parse::<EntryRef>().ok(),
            Some(EntryRef::Id(EntryId(12)))
        );
        assert_eq!(
            "#7".parse::<EntryRef>().ok(),
            Some(EntryRef::Id(EntryId(7)))
        );
        let u = "0b5e4d0c-7b1a-4b5e-9a51-3f8f9d1c2e10";
        assert!(matches!(u.parse::<EntryRef>(), Ok(EntryRef::Uuid(_))));
        assert!("0".parse::<EntryRef>().is_err());
        assert!("abc".parse::<EntryRef>().is_err());
    }

    #[test]
    fn headline_falls_back_to_first_non_empty_line() {
        assert_eq!(headline(None, "\n\n  First line \nsecond"), "First line");
        assert_eq!(headline(Some("  "), "body"), "body");
        assert_eq!(headline(Some("Title"), "body"), "Title");
        assert_eq!(headline(None, ""), "");
    }

    #[test]
    fn a_guided_reflection_without_free_text_is_named_by_its_first_answer() {
        let c = EntryContent {
            answers: vec![StageAnswer {
                stage: "What?".into(),
                answer: "\nWe met at the door.".into(),
            }],
            ..Default::default()
        };
        assert_eq!(c.headline(), "We met at the door.");
    }

    #[test]
    fn oversized_bodies_are_refused_with_the_limit_named() {
        let c = EntryContent {
            body: "x".repeat(MAX_BODY_BYTES + 1),
            ..Default::default()
        };
        let err = c.validate().expect_err("too big");
        assert!(err.to_string().contains("1 MiB"), "{err}");
        let ok = EntryContent {
            body: "x".repeat(MAX_BODY_BYTES),
            ..Default::default()
        };
        assert!(ok.validate().is_ok());
    }

    #[test]
    fn inline_tags_join_explicit_ones_once() {
        let mut c = EntryContent {
            body: "Visit ran late #home-visit and #Court".into(),
            tags: vec![Tag::parse("court").expect("tag")],
            ..Default::default()
        };
        c.absorb_inline_tags();
        let names: Vec<_> = c.tags.iter().map(Tag::as_str).collect();
        assert_eq!(names, ["court", "home-visit"]);
    }

    #[test]
    fn blank_content_is_detected() {
        assert!(EntryContent::default().is_blank());
        assert!(
            EntryContent {
                body: " \n\t".into(),
                ..Default::default()
            }
            .is_blank()
        );
        assert!(
            !EntryContent {
                body: "x".into(),
                ..Default::default()
            }
            .is_blank()
        );
    }
}
