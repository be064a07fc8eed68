//! Supervision across sessions: actions that carry forward until they are done or dropped,
//! the queue of items for the next agenda, and the flagged entries a session covered.

use chrono::{DateTime, FixedOffset, Utc};
use rusqlite::{Connection, OptionalExtension, params};

use super::details::{RawAction, decode_date};
use super::write::exec;
use super::{Store, from_ms, to_ms};
use crate::domain::supervision::Function;
use crate::domain::{ActionStatus, EntryId, ItemId};
use crate::{Error, Result};

pub use crate::domain::sessions::{ActionChange, Actions, LastSession, Queued, SessionAction};

/// An action's columns in the order of [`super::details::ACTION_COLUMNS`], then its session.
const ACTIONS_SQL: &str = "SELECT a.id, a.text, a.owner, a.due_on, a.status, a.closed_ms, a.reason,
        a.entry_id, s.held_on, e.created_ms, e.utc_offset_s
    FROM actions a
    JOIN entries e ON e.id = a.entry_id
    LEFT JOIN supervision_sessions s ON s.entry_id = a.entry_id
    WHERE e.deleted_ms IS NULL";

impl Store {
    /// Actions of the live supervision notes: open ones by due date (undated last), or all
    /// of them, newest session first.
    pub fn actions(&self, which: Actions) -> Result<Vec<SessionAction>> {
        let (filter, order) = match which {
            Actions::Open => (
                " AND a.status = 'open'",
                " ORDER BY a.due_on IS NULL, a.due_on, a.id",
            ),
            Actions::Overdue(_) => (
                " AND a.status = 'open' AND a.due_on < ?1",
                " ORDER BY a.due_on, a.id",
            ),
            Actions::All => ("", " ORDER BY e.created_ms DESC, a.id"),
        };
        let sql = format!("{ACTIONS_SQL}{filter}{order}");
        let mut stmt = self.conn.prepare_cached(&sql)?;
        let rows = match which {
            Actions::Overdue(day) => stmt.query_map([day.to_string()], read_session_action)?,
            _ => stmt.query_map([], read_session_action)?,
        };
        rows.collect::<rusqlite::Result<Vec<_>>>()?
            .into_iter()
            .map(decode_session_action)
            .collect()
    }

    /// One action, with its session.
    pub fn action(&self, id: ItemId) -> Result<SessionAction> {
        self.conn
            .prepare_cached(&format!("{ACTIONS_SQL} AND a.id = ?1"))?
            .query_row([id.0], read_session_action)
            .optional()?
            .map(decode_session_action)
            .transpose()?
            .ok_or_else(|| Error::NotFound {
                what: "action",
                id: id.to_string(),
            })
    }

    /// Mark an action done, dropped (with an optional reason) or open again; the session's
    /// note counts as changed `now`.
    pub fn change_action(
        &mut self,
        id: ItemId,
        change: &ActionChange,
        now: DateTime<Utc>,
    ) -> Result<SessionAction> {
        let before = self.action(id)?;
        let (status, reason) = match change {
            ActionChange::Done => (ActionStatus::Done, None),
            ActionChange::Dropped { reason } => (ActionStatus::Dropped, reason.clone()),
            ActionChange::Reopened => (ActionStatus::Open, None),
        };
        let closed = match status {
            ActionStatus::Open => None,
            _ => Some(to_ms(now)),
        };
        self.write(|tx| {
            exec(
                tx,
                "UPDATE actions SET status = ?2, closed_ms = ?3, reason = ?4 WHERE id = ?1",
                params![id.0, status.as_str(), closed, reason],
            )?;
            exec(
                tx,
                "UPDATE entries SET updated_ms = ?2 WHERE id = ?1",
                params![before.session.0, to_ms(now)],
            )?;
            Ok(())
        })?;
        self.action(id)
    }

    /// Put an item on the next session's agenda.
    pub fn queue_agenda(
        &mut self,
        text: &str,
        function: Option<Function>,
        now: DateTime<Utc>,
    ) -> Result<i64> {
        let text = text.trim();
        if text.is_empty() {
            return Err(Error::invalid(
                "agenda",
                "say what you want to bring: debrief supervision agenda add \"the Jones case\"",
            ));
        }
        self.write(|tx| {
            exec(
                tx,
                "INSERT INTO agenda_queue (text, function, added_ms) VALUES (?1, ?2, ?3)",
                params![text, function.map(Function::as_str), to_ms(now)],
            )?;
            Ok(tx.last_insert_rowid())
        })
    }

    /// The items waiting for the next agenda, oldest first.
    pub fn agenda_queue(&self) -> Result<Vec<Queued>> {
        read_queue(&self.conn)
    }

    /// Take an item off the next agenda.
    pub fn unqueue(&mut self, id: i64) -> Result<()> {
        let gone =
            self.write(|tx| Ok(exec(tx, "DELETE FROM agenda_queue WHERE id = ?1", [id])?))?;
        match gone {
            0 => Err(Error::NotFound {
                what: "agenda item",
                id: id.to_string(),
            }),
            _ => Ok(()),
        }
    }

    /// The newest live supervision note.
    pub fn last_session(&self) -> Result<Option<LastSession>> {
        let row: Option<(i64, Option<String>, i64)> = self
            .conn
            .prepare_cached(
                "SELECT e.id, s.held_on, e.created_ms FROM entries e
                 LEFT JOIN supervision_sessions s ON s.entry_id = e.id
                 WHERE e.kind = 'supervision' AND e.deleted_ms IS NULL
                 ORDER BY e.created_ms DESC, e.id DESC LIMIT 1",
            )?
            .query_row([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))
            .optional()?;
        row.map(|(id, held_on, written)| {
            Ok(LastSession {
                id: EntryId(id),
                held_on: held_on.as_deref().map(decode_date).transpose()?,
                written: from_ms(written),
            })
        })
        .transpose()
    }

    /// The UUIDs of the entries a session covered, oldest first (for bundles).
    pub fn covered_uuids(&self, session: EntryId) -> Result<Vec<uuid::Uuid>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT e.uuid FROM session_entries c JOIN entries e ON e.id = c.entry_id
             WHERE c.session_id = ?1 ORDER BY e.created_ms, e.id",
        )?;
        let uuids = stmt
            .query_map([session.0], |r| r.get::<_, String>(0))?
            .collect::<rusqlite::Result<Vec<String>>>()?;
        Ok(uuids.iter().filter_map(|u| u.parse().ok()).collect())
    }

    /// The flagged entries a session covered, oldest first.
    pub fn covered_by(&self, session: EntryId) -> Result<Vec<EntryId>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT c.entry_id FROM session_entries c JOIN entries e ON e.id = c.entry_id
             WHERE c.session_id = ?1 ORDER BY e.created_ms, e.id",
        )?;
        let ids = stmt
            .query_map([session.0], |r| r.get(0))?
            .collect::<rusqlite::Result<Vec<i64>>>()?;
        Ok(ids.into_iter().map(EntryId).collect())
    }
}

/// A new session was recorded: the flagged entries written up to it are linked to it and
/// unflagged, so the next agenda starts clean, and the queued agenda items join its agenda.
pub(super) fn begin_session(tx: &Connection, session: EntryId, now: DateTime<Utc>) -> Result<()> {
    let covered = "SELECT id FROM entries WHERE for_supervision = 1 AND deleted_ms IS NULL
        AND id <> ?1 AND created_ms <= (SELECT created_ms FROM entries WHERE id = ?1)";
    exec(
        tx,
        &format!(
            "INSERT OR IGNORE INTO session_entries (session_id, entry_id) SELECT ?1, id FROM ({covered})"
        ),
        [session.0],
    )?;
    exec(
        tx,
        "UPDATE entries SET for_supervision = 0, updated_ms = ?2
         WHERE id IN (SELECT entry_id FROM session_entries WHERE session_id = ?1)",
        params![session.0, to_ms(now)],
    )?;
    // Only what was queued by the time of the session: a note written up later leaves
    // what was queued since for the next one.
    let held_ms: i64 = tx.query_row(
        "SELECT created_ms FROM entries WHERE id = ?1",
        [session.0],
        |r| r.get(0),
    )?;
    let queued: Vec<Queued> = read_queue(tx)?
        .into_iter()
        .filter(|q| to_ms(q.added) <= held_ms)
        .collect();
    let agenda: Vec<String> = {
        let mut stmt = tx.prepare_cached("SELECT text FROM agenda_items WHERE entry_id = ?1")?;
        let texts = stmt.query_map([session.0], |r| r.get(0))?;
        texts.collect::<rusqlite::Result<_>>()?
    };
    let first: i64 = tx.query_row(
        "SELECT coalesce(max(position) + 1, 0) FROM agenda_items WHERE entry_id = ?1",
        [session.0],
        |r| r.get(0),
    )?;
    let new = queued.iter().filter(|q| !agenda.contains(&q.text));
    for (position, q) in (first..).zip(new) {
        exec(
            tx,
            "INSERT INTO agenda_items (entry_id, position, text, function) VALUES (?1, ?2, ?3, ?4)",
            params![
                session.0,
                position,
                q.text,
                q.function.map(Function::as_str)
            ],
        )?;
    }
    for q in &queued {
        exec(tx, "DELETE FROM agenda_queue WHERE id = ?1", [q.id])?;
    }
    Ok(())
}

fn read_queue(conn: &Connection) -> Result<Vec<Queued>> {
    let mut stmt =
        conn.prepare_cached("SELECT id, text, function, added_ms FROM agenda_queue ORDER BY id")?;
    let rows = stmt.query_map([], |r| {
        Ok((
            r.get::<_, i64>(0)?,
            r.get::<_, String>(1)?,
            r.get::<_, Option<String>>(2)?,
            r.get::<_, i64>(3)?,
        ))
    })?;
    rows.collect::<rusqlite::Result<Vec<_>>>()?
        .into_iter()
        .map(|(id, text, function, added)| {
            Ok(Queued {
                id,
                text,
                function: function
                    .map(|f| {
                        f.parse().map_err(|_| Error::Corrupt {
                            what: "a supervision function",
                            value: f.clone(),
                        })
                    })
                    .transpose()?,
                added: from_ms(added),
            })
        })
        .collect()
}

type RawSessionAction = (RawAction, i64, Option<String>, i64, i32);

fn read_session_action(r: &rusqlite::Row<'_>) -> rusqlite::Result<RawSessionAction> {
    Ok((
        RawAction::read(r)?,
        r.get(7)?,
        r.get(8)?,
        r.get(9)?,
        r.get(10)?,
    ))
}

fn decode_session_action(
    (action, session, held_on, created_ms, offset): RawSessionAction,
) -> Result<SessionAction> {
    let offset = FixedOffset::east_opt(offset).ok_or_else(|| Error::Corrupt {
        what: "a UTC offset",
        value: offset.to_string(),
    })?;
    Ok(SessionAction {
        action: action.decode()?,
        session: EntryId(session),
        session_on: held_on.as_deref().map(decode_date).transpose()?,
        session_written: from_ms(created_ms).with_timezone(&offset),
    })
}
