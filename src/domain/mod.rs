//! The journal's vocabulary: entries with their typed details (reflection, check-in,
//! supervision), drafts, tags, ratings, filters and date words. Pure values and validation; no I/O.

pub mod attributes;
pub mod checkin;
pub mod cpd;
pub mod date_forms;
pub mod date_words;
pub mod draft;
pub mod entry;
pub mod filter;
pub mod ids;
pub mod learning;
pub mod query;
pub mod recovery;
pub mod reviewed;
pub mod session_text;
pub mod sessions;
pub mod supervision;
pub mod tags;
pub mod templates;
pub mod texts;
pub mod vocab;
pub mod when;

pub use checkin::{BodySensation, CheckIn, Emotion};
pub use draft::Draft;
pub use entry::{
    Common, Details, Entry, EntryContent, EntryId, EntryMeta, EntryRef, EntrySummary, Flag, Flags,
    Gist, Guided, Kind, MAX_BODY_BYTES, MAX_TAGS, Rating, Revision, StageAnswer,
};
pub use filter::{EntryFilter, MAX_FILTER_TAGS};
pub use learning::{Activity, Learning};
pub use recovery::Recovery;
pub use supervision::{
    ActionItem, ActionStatus, AgendaItem, Decision, Function, ItemId, Supervision,
};
pub use tags::Tag;
pub use vocab::Vocabulary;
