//! Saving an entry of any kind, the one way both front ends do it: when it is dated, what a
//! new supervision note covers, the revision an edit started from, and what the guard finds
//! in it afterwards. A command and a screen that save the same thing store the same thing.

use chrono::{DateTime, Utc};

use super::dates::{self, Moment};
use super::guard::{self, Identifier};
use crate::clock::Clock;
use crate::domain::sessions::Actions;
use crate::domain::{Details, EntryContent, EntryId, EntrySummary, Kind, Revision};
use crate::storage::{SaveTarget, Store};
use crate::{Error, Result};

/// Where a save goes.
#[derive(Clone, Debug, PartialEq)]
pub enum Target {
    /// A new entry, written at `at` (`None`: now, or for a supervision note its session's
    /// day).
    New { at: Option<Moment> },
    /// Entry `id` as it was at `revision` (what the editor or form started from); its time
    /// corrected to `at` when given.
    Existing {
        id: EntryId,
        revision: Revision,
        at: Option<Moment>,
    },
}

/// A request to save `content`; `draft` is the draft it came from, forgotten in the same
/// transaction.
#[derive(Clone, Debug, PartialEq)]
pub struct Save {
    pub target: Target,
    pub content: EntryContent,
    pub draft: Option<i64>,
}

/// What a save did.
#[derive(Clone, Debug, PartialEq)]
pub struct Saved {
    pub id: EntryId,
    /// True for a new entry.
    pub new: bool,
    pub summary: EntrySummary,
    /// When it is dated.
    pub created: DateTime<Utc>,
    /// What the guard found in it (empty when nothing, or when the check itself failed: the
    /// entry is saved either way).
    pub identifiers: Vec<Identifier>,
    /// A new supervision note: what it took over.
    pub session: Option<SessionSaved>,
}

/// What a new supervision note took over when it was recorded.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SessionSaved {
    /// Entries flagged for supervision up to the session (now linked and unflagged).
    pub covered: usize,
    /// Items that were waiting in the agenda queue (now on its agenda).
    pub from_queue: usize,
    /// Actions of earlier sessions still open.
    pub open_elsewhere: usize,
    pub agenda: usize,
    pub decisions: usize,
    pub actions: usize,
}

/// Save `request`. Rules, for every kind and every front end:
/// - a new entry is dated at the moment given, else now; a new supervision note is dated
///   by its session's day (the end of that day for an earlier one), and a note without a
///   day is held on the day it is dated;
/// - a new supervision note covers the entries flagged up to its own time and takes the
///   agenda queue;
/// - an edit that started from an older revision than the journal holds is refused
///   ([`Error::Changed`]);
/// - the guard checks what was saved; a failure to check is not a failure to save.
pub fn save(store: &mut Store, clock: &Clock, request: Save) -> Result<Saved> {
    let Save {
        target,
        mut content,
        draft,
    } = request;
    content.validate()?;
    let now = clock.now();
    let (target, new) = match target {
        Target::New { at } => {
            // A new entry's items are new ones (saving an edited note as a new entry must not
            // name the old note's items).
            if let Details::Supervision(s) = &mut content.details {
                s.agenda.iter_mut().for_each(|i| i.id = None);
                s.decisions.iter_mut().for_each(|i| i.id = None);
                s.actions.iter_mut().for_each(|i| i.id = None);
            }
            let at = new_entry_moment(clock, &mut content, at)?;
            let target = SaveTarget::New {
                created: at.at,
                utc_offset_s: at.offset,
            };
            (target, true)
        }
        Target::Existing { id, revision, at } => {
            let target = SaveTarget::Existing {
                id,
                created: at.map(|m| (m.at, m.offset)),
                revision: Some(revision),
            };
            (target, false)
        }
    };
    let given_agenda = match &content.details {
        Details::Supervision(s) => s.agenda.len(),
        _ => 0,
    };
    let id = store.save(target, &content, draft, now)?;
    let summary = store.summary(id)?;
    let session = match new && content.kind() == Kind::Supervision {
        true => Some(session_saved(store, id, given_agenda)?),
        false => None,
    };
    Ok(Saved {
        id,
        new,
        created: summary.created.with_timezone(&Utc),
        identifiers: guard::in_entry(store, id).unwrap_or_default(),
        summary,
        session,
    })
}

/// What the supervision note `id`, just recorded, took over: its agenda as stored holds the
/// `given` items and those the queue added (which ones is storage's rule, `begin_session`).
fn session_saved(store: &Store, id: EntryId, given: usize) -> Result<SessionSaved> {
    let Details::Supervision(s) = store.get(id)?.content.details else {
        return Err(Error::Conflict(format!(
            "entry {id} is not a supervision note"
        )));
    };
    Ok(SessionSaved {
        covered: store.covered_by(id)?.len(),
        from_queue: s.agenda.len().saturating_sub(given),
        open_elsewhere: store
            .actions(Actions::Open)?
            .into_iter()
            .filter(|a| a.session != id)
            .count(),
        agenda: s.agenda.len(),
        decisions: s.decisions.len(),
        actions: s.actions.len(),
    })
}

/// When a new entry is dated, giving a supervision note without a day the day it is dated.
fn new_entry_moment(
    clock: &Clock,
    content: &mut EntryContent,
    at: Option<Moment>,
) -> Result<Moment> {
    let Details::Supervision(s) = &mut content.details else {
        return Ok(at.unwrap_or_else(|| dates::now(clock)));
    };
    let at = match (at, s.held_on) {
        (Some(at), _) => at,
        (None, Some(day)) => dates::session_moment(clock, day)?,
        (None, None) => dates::now(clock),
    };
    let day = clock.local(at.at).date_naive();
    let held = s.held_on.unwrap_or(day);
    if let Some(next) = s.next_on.filter(|next| *next < held) {
        return Err(Error::invalid(
            "next",
            format!("the next session ({next}) is before this one ({held}): give a day after it"),
        ));
    }
    if let Some(a) = s
        .actions
        .iter()
        .find(|a| a.due_on.is_some_and(|d| d < held))
    {
        return Err(Error::invalid(
            "action",
            format!(
                "'{}' is due {}, before the session that agreed it ({held}): give a day on or after it",
                a.text.escape_debug(),
                a.due_on.map(|d| d.to_string()).unwrap_or_default()
            ),
        ));
    }
    match s.held_on {
        None => s.held_on = Some(day),
        Some(held) if held != day => {
            return Err(Error::invalid(
                "on",
                format!(
                    "the session's date ({held}) and the time given ({day}) differ: give one of them"
                ),
            ));
        }
        Some(_) => {}
    }
    Ok(at)
}
