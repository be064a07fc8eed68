//! Supervision across sessions, as values: an action with the session that agreed it, which
//! actions to list, what happens to one, an item queued for the next agenda, and the newest
//! session. Storage reads and writes them; the review, the pack and the front ends show them.

use chrono::{DateTime, FixedOffset, NaiveDate, Utc};

use super::supervision::Function;
use super::{ActionItem, EntryId};

/// An action with the session that agreed it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SessionAction {
    pub action: ActionItem,
    pub session: EntryId,
    /// The session's date (or when its note was written, if it has none).
    pub session_on: Option<NaiveDate>,
    pub session_written: DateTime<FixedOffset>,
}

/// Which actions to list.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Actions {
    Open,
    /// Open and due before this day.
    Overdue(NaiveDate),
    All,
}

/// What happens to an action.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ActionChange {
    Done,
    Dropped { reason: Option<String> },
    Reopened,
}

/// An item waiting for the next session's agenda.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Queued {
    pub id: i64,
    pub text: String,
    pub function: Option<Function>,
    pub added: DateTime<Utc>,
}

/// The newest supervision note: its entry, its session date, when it was written.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct LastSession {
    pub id: EntryId,
    pub held_on: Option<NaiveDate>,
    pub written: DateTime<Utc>,
}
