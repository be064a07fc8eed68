//! What the timeline, `list` and `search` are narrowed to. A plain value the storage layer
//! turns into SQL; it combines freely (all conditions must hold).

use chrono::{DateTime, Utc};

use super::entry::{EntryId, EntrySummary, Kind, Rating};
use super::tags::Tag;

/// The most tags one filter names, wanted and unwanted together (a repeat counts once), as
/// many as one entry may carry: each is a lookup for every entry, and SQLite refuses a
/// condition nested too deep (found by fuzzing: a thousand tags made every search fail).
pub const MAX_FILTER_TAGS: usize = super::entry::MAX_TAGS;

/// Conditions an entry must meet. The default matches every live (not trashed) entry.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct EntryFilter {
    /// Written at or after this instant.
    pub since: Option<DateTime<Utc>>,
    /// Written before this instant.
    pub until: Option<DateTime<Utc>>,
    pub kind: Option<Kind>,
    /// These tags must be present: every one, or with `any_tag` at least one.
    pub tags: Vec<Tag>,
    /// One of `tags` is enough (`--or`).
    pub any_tag: bool,
    /// None of these tags may be present (`--not`).
    pub without_tags: Vec<Tag>,
    pub starred: bool,
    pub unfinished: bool,
    pub for_supervision: bool,
    pub min_stress: Option<Rating>,
    /// Show the trash instead of live entries.
    pub trashed: bool,
    /// Keyset paging: only entries strictly older than this (created ms, id) position.
    pub before: Option<(i64, EntryId)>,
    /// Keyset paging: only entries strictly newer than this (created ms, id) position.
    pub after: Option<(i64, EntryId)>,
}

impl EntryFilter {
    /// The same filter for the page that follows `last` (newest first).
    pub fn page_after(&self, last: &EntrySummary) -> EntryFilter {
        EntryFilter {
            before: Some((last.created.timestamp_millis(), last.id)),
            ..self.clone()
        }
    }

    /// The same filter for the page just newer than `first` (read oldest first).
    pub fn page_before(&self, first: &EntrySummary) -> EntryFilter {
        EntryFilter {
            after: Some((first.created.timestamp_millis(), first.id)),
            ..self.clone()
        }
    }

    /// Refuse a filter naming more than [`MAX_FILTER_TAGS`] different tags.
    pub fn check(&self) -> crate::Result<()> {
        let mut named: Vec<&Tag> = self.tags.iter().chain(&self.without_tags).collect();
        named.sort();
        named.dedup();
        if named.len() > MAX_FILTER_TAGS {
            return Err(crate::Error::invalid(
                "tag",
                format!(
                    "a filter names at most {MAX_FILTER_TAGS} tags, and this names {}: use the few that matter",
                    named.len()
                ),
            ));
        }
        Ok(())
    }

    /// True when nothing narrows the live timeline.
    pub fn is_empty(&self) -> bool {
        *self == EntryFilter::default()
    }
}
