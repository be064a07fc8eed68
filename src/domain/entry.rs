//! An entry: identity and timestamps ([`EntryMeta`]), what every kind shares ([`Common`]), and
//! the typed details of its kind ([`Details`]). [`EntryContent`] is what the writer controls.

use chrono::{DateTime, FixedOffset, Utc};
use serde::{Deserialize, Serialize};
use uuid::Uuid;

pub use super::ids::{EntryId, EntryRef, Revision};

pub use super::attributes::{Flag, Flags, Kind, Rating};
use super::checkin::CheckIn;
use super::learning::Learning;
use super::recovery::Recovery;
use super::supervision::Supervision;
use super::tags::Tag;
use crate::{Error, Result};

/// The largest body an entry may have: 1 MiB of UTF-8 text (about 150,000 words).
pub const MAX_BODY_BYTES: usize = 1024 * 1024;
/// The longest title, in characters.
pub const MAX_TITLE_CHARS: usize = 300;
/// The most tags one entry can carry.
pub const MAX_TAGS: usize = 64;

/// What every kind of entry has.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct Common {
    pub title: Option<String>,
    pub body: String,
    pub tags: Vec<Tag>,
    pub stress: Option<Rating>,
    pub energy: Option<Rating>,
    /// Kind of work this relates to (home visit, court, duty, ...).
    pub work_context: Option<String>,
    pub flags: Flags,
}

/// The answer to one stage of a reflective template, keyed by the stage's stable key
/// (`so_what`), not by its display title.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct StageAnswer {
    pub stage: String,
    pub answer: String,
}

/// A reflection: free (no template), or guided by a reflective model with one answer per stage.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct Guided {
    /// The template id (`gibbs`), or `None` for a free reflection.
    pub template: Option<String>,
    /// Non-empty answers in stage order.
    pub answers: Vec<StageAnswer>,
    /// The review this reflection answers, and the period it looked back on.
    pub review: Option<super::reviewed::ReviewOf>,
}

impl Guided {
    /// The answer to stage `key`, if there is one.
    pub fn answer(&self, key: &str) -> Option<&str> {
        self.answers
            .iter()
            .find(|a| a.stage == key)
            .map(|a| a.answer.as_str())
    }
}

/// The typed details of an entry's kind.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "lowercase")]
pub enum Details {
    Reflection(Guided),
    Checkin(CheckIn),
    Supervision(Supervision),
    Recovery(Recovery),
    Learning(Learning),
}

impl Default for Details {
    fn default() -> Self {
        Details::Reflection(Guided::default())
    }
}

impl Details {
    pub fn kind(&self) -> Kind {
        match self {
            Details::Reflection(_) => Kind::Reflection,
            Details::Checkin(_) => Kind::Checkin,
            Details::Supervision(_) => Kind::Supervision,
            Details::Recovery(_) => Kind::Recovery,
            Details::Learning(_) => Kind::Learning,
        }
    }

    fn validate(&self) -> Result<()> {
        match self {
            Details::Reflection(_) => Ok(()),
            Details::Checkin(c) => c.validate(),
            Details::Supervision(s) => s.validate(),
            Details::Recovery(r) => r.validate(),
            Details::Learning(l) => l.validate(),
        }
    }

    fn is_blank(&self) -> bool {
        match self {
            Details::Reflection(g) => g.answers.iter().all(|a| a.answer.trim().is_empty()),
            Details::Checkin(c) => c.is_empty(),
            Details::Supervision(s) => *s == Supervision::default(),
            // "Not possible today" is an answer too.
            Details::Recovery(_) => false,
            // A title says what it was; without one, only a reflection counts.
            Details::Learning(l) => !l.is_reflected(),
        }
    }
}

/// Everything about an entry that its writer controls.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct EntryContent {
    pub common: Common,
    pub details: Details,
}

impl EntryContent {
    /// Empty content of `kind`.
    pub fn of_kind(kind: Kind) -> EntryContent {
        EntryContent {
            common: Common::default(),
            details: kind.empty_details(),
        }
    }

    /// A free reflection with this text.
    pub fn text(body: impl Into<String>) -> EntryContent {
        EntryContent {
            common: Common {
                body: body.into(),
                ..Common::default()
            },
            details: Details::default(),
        }
    }

    pub fn kind(&self) -> Kind {
        self.details.kind()
    }

    /// Check limits before anything is written. Inline `#tags` are *not* merged here:
    /// call [`EntryContent::absorb_inline_tags`] first where the writer typed them.
    pub fn validate(&self) -> Result<()> {
        let c = &self.common;
        if c.body.len() > MAX_BODY_BYTES {
            return Err(Error::invalid(
                "body",
                format!(
                    "the entry is {} KiB; the limit is 1024 KiB (1 MiB): split it into several entries",
                    c.body.len().div_ceil(1024)
                ),
            ));
        }
        if let Some(t) = &c.title {
            if t.chars().count() > MAX_TITLE_CHARS {
                return Err(Error::invalid(
                    "title",
                    format!("the title is longer than {MAX_TITLE_CHARS} characters: shorten it"),
                ));
            }
            if t.contains('\n') {
                return Err(Error::invalid(
                    "title",
                    "a title is one line: remove the line break",
                ));
            }
        }
        if c.tags.len() > MAX_TAGS {
            return Err(Error::invalid(
                "tag",
                format!(
                    "an entry can carry at most {MAX_TAGS} tags, and this one has {}: keep the ones you will search by",
                    c.tags.len()
                ),
            ));
        }
        self.details.validate()
    }

    /// True when there is nothing worth saving.
    pub fn is_blank(&self) -> bool {
        let c = &self.common;
        c.body.trim().is_empty()
            && c.title.as_deref().is_none_or(|t| t.trim().is_empty())
            && c.stress.is_none()
            && c.energy.is_none()
            && c.work_context.is_none()
            && self.details.is_blank()
    }

    /// The words the search index holds for this entry besides its text: the kind of work,
    /// each body region with its sensation, emotions, difficulty flags, and a recovery entry's
    /// activity and movement; ids read as words (`upper_back` as `upper back`).
    pub fn search_words(&self) -> String {
        let mut words: Vec<&str> = Vec::new();
        words.extend(self.common.work_context.as_deref());
        match &self.details {
            Details::Checkin(c) => {
                for s in &c.sensations {
                    words.extend([s.region.as_str(), s.sensation.as_str()]);
                }
                words.extend(c.emotions.iter().map(|e| e.word.as_str()));
                words.extend(c.difficulties.iter().map(String::as_str));
            }
            Details::Recovery(r) => {
                words.push(r.activity());
                if let Recovery::Move { movement, .. } = r {
                    words.push(movement);
                }
            }
            Details::Learning(l) => {
                words.push(l.activity.as_str());
                words.extend(l.author.as_deref());
            }
            Details::Reflection(_) | Details::Supervision(_) => {}
        }
        words.join(" ").replace('_', " ")
    }

    /// Add the `#tags` written in the title and body to the tag list (no duplicates, sorted).
    pub fn absorb_inline_tags(&mut self) {
        let c = &mut self.common;
        let mut found = super::tags::inline_tags(&c.body);
        if let Some(t) = &c.title {
            found.extend(super::tags::inline_tags(t));
        }
        c.tags.extend(found);
        c.tags.sort();
        c.tags.dedup();
    }

    /// The title, or the first non-empty line of the body (or of the first stage answer)
    /// when there is none.
    pub fn headline(&self) -> &str {
        match headline(self.common.title.as_deref(), &self.common.body) {
            "" => match &self.details {
                Details::Reflection(g) => {
                    g.answers.first().map_or("", |a| headline(None, &a.answer))
                }
                Details::Learning(l) => l.answers.first().map_or("", |a| headline(None, &a.answer)),
                _ => "",
            },
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

/// An entry's identity and timestamps, set by the journal, never by the writer.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct EntryMeta {
    pub id: EntryId,
    pub uuid: Uuid,
    /// When it was written (UTC), with the writer's offset at that moment.
    pub created: DateTime<FixedOffset>,
    pub updated: DateTime<Utc>,
    /// In the trash since; `None` while live.
    pub deleted: Option<DateTime<Utc>>,
    /// How many times the entry's row has changed: a save names the revision it started
    /// from, so a save over a newer one is a conflict, never an overwrite.
    pub revision: Revision,
}

/// A stored entry.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Entry {
    pub meta: EntryMeta,
    pub content: EntryContent,
}

impl Entry {
    pub fn id(&self) -> EntryId {
        self.meta.id
    }

    pub fn kind(&self) -> Kind {
        self.content.kind()
    }

    /// The one-line summary a list shows for this entry.
    pub fn summary(&self) -> EntrySummary {
        let c = &self.content.common;
        EntrySummary {
            id: self.meta.id,
            uuid: self.meta.uuid,
            kind: self.kind(),
            created: self.meta.created,
            headline: self.content.headline().to_string(),
            tags: c.tags.clone(),
            stress: c.stress,
            energy: c.energy,
            flags: c.flags,
            deleted: self.meta.deleted,
            work_context: c.work_context.clone(),
            gist: Gist::of(&self.content.details),
        }
    }
}

/// What a list row shows of a check-in or a recovery entry besides its text.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub enum Gist {
    #[default]
    None,
    Checkin {
        /// (region, sensation) ids, in the order noticed.
        body: Vec<(String, String)>,
        emotions: Vec<String>,
        difficulties: Vec<String>,
    },
    Recovery(Recovery),
    Learning {
        activity: super::learning::Activity,
        minutes: Option<u32>,
        /// At least one reflection stage answered.
        reflected: bool,
    },
    /// A supervision note's actions still open, and the earliest due date among them.
    Supervision {
        open: usize,
        first_due: Option<chrono::NaiveDate>,
    },
}

impl Gist {
    pub fn of(details: &Details) -> Gist {
        match details {
            Details::Checkin(c) => Gist::Checkin {
                body: c
                    .sensations
                    .iter()
                    .map(|s| (s.region.clone(), s.sensation.clone()))
                    .collect(),
                emotions: c.emotions.iter().map(|e| e.word.clone()).collect(),
                difficulties: c.difficulties.clone(),
            },
            Details::Recovery(r) => Gist::Recovery(r.clone()),
            Details::Learning(l) => Gist::Learning {
                activity: l.activity,
                minutes: l.minutes,
                reflected: l.is_reflected(),
            },
            Details::Supervision(s) => {
                let open = s
                    .actions
                    .iter()
                    .filter(|a| a.status == super::ActionStatus::Open);
                Gist::Supervision {
                    open: open.clone().count(),
                    first_due: open.filter_map(|a| a.due_on).min(),
                }
            }
            Details::Reflection(_) => Gist::None,
        }
    }
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
    pub flags: Flags,
    pub deleted: Option<DateTime<Utc>>,
    /// Kind of work (a vocabulary id, or older free text).
    pub work_context: Option<String>,
    pub gist: Gist,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_kind_is_the_kind_of_the_details() {
        for k in Kind::ALL {
            assert_eq!(EntryContent::of_kind(k).kind(), k);
        }
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
            details: Details::Reflection(Guided {
                template: Some("driscoll".into()),
                answers: vec![StageAnswer {
                    stage: "what".into(),
                    answer: "\nWe met at the door.".into(),
                }],
                review: None,
            }),
            ..Default::default()
        };
        assert_eq!(c.headline(), "We met at the door.");
    }

    #[test]
    fn oversized_bodies_are_refused_with_the_limit_named() {
        let c = EntryContent::text("x".repeat(MAX_BODY_BYTES + 1));
        let err = c.validate().expect_err("too big");
        assert!(err.to_string().contains("1 MiB"), "{err}");
        assert!(
            EntryContent::text("x".repeat(MAX_BODY_BYTES))
                .validate()
                .is_ok()
        );
    }

    #[test]
    fn an_entry_carries_at_most_64_tags() {
        let mut c = EntryContent::text("x");
        c.common.tags = (0..MAX_TAGS)
            .map(|i| Tag::parse(&format!("t{i}")).expect("tag"))
            .collect();
        assert!(c.validate().is_ok());
        c.common.tags.push(Tag::parse("one-more").expect("tag"));
        let err = c.validate().expect_err("65 tags");
        assert!(err.to_string().contains("at most 64 tags"), "{err}");
    }

    #[test]
    fn inline_tags_join_explicit_ones_once() {
        let mut c = EntryContent::text("Visit ran late #home-visit and #Court");
        c.common.tags = vec![Tag::parse("court").expect("tag")];
        c.absorb_inline_tags();
        let names: Vec<_> = c.common.tags.iter().map(Tag::as_str).collect();
        assert_eq!(names, ["court", "home-visit"]);
    }

    #[test]
    fn search_words_are_the_details_as_words() {
        let v = crate::domain::Vocabulary::builtin();
        let mut c = EntryContent::of_kind(Kind::Checkin);
        c.common.work_context = Some("home_visit".into());
        c.details = Details::Checkin(CheckIn {
            sensations: vec![
                crate::domain::BodySensation::parse("upper back:tight", v).expect("s"),
            ],
            emotions: vec![crate::domain::Emotion::parse("on edge", v).expect("e")],
            difficulties: vec!["lone_late".into()],
        });
        assert_eq!(
            c.search_words(),
            "home visit upper back tight on edge lone late"
        );
        c.details = Details::Recovery(Recovery::Move {
            movement: "walking_meeting".into(),
            minutes: None,
        });
        assert_eq!(c.search_words(), "home visit move walking meeting");
        assert_eq!(EntryContent::text("x").search_words(), "");
    }

    #[test]
    fn blank_content_is_detected() {
        assert!(EntryContent::default().is_blank());
        assert!(EntryContent::text(" \n\t").is_blank());
        assert!(!EntryContent::text("x").is_blank());
        assert!(EntryContent::of_kind(Kind::Supervision).is_blank());
    }
}
