//! The journal's vocabulary: entries and their three kinds, tags, ratings, check-in and
//! supervision details, filters and date words. Pure values and validation; no I/O.

pub mod checkin;
pub mod entry;
pub mod filter;
pub mod query;
pub mod supervision;
pub mod tags;
pub mod templates;
pub mod when;

pub use checkin::{BodySensation, Emotion};
pub use entry::{
    Entry, EntryContent, EntryId, EntryRef, EntrySummary, Kind, MAX_BODY_BYTES, Rating, StageAnswer,
};
pub use filter::EntryFilter;
pub use supervision::{ActionItem, ActionStatus, AgendaItem, SupervisionDetails};
pub use tags::Tag;
