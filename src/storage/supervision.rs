//! Writing a supervision note's items so each keeps its id across edits: agenda items,
//! decisions and actions updated in place, gone ones deleted, new ones inserted.

use chrono::{DateTime, Utc};
use rusqlite::types::Value;
use rusqlite::{Connection, params};

use super::to_ms;
use super::write::exec;
use crate::domain::{ActionStatus, AgendaItem, Decision, EntryId, ItemId, Supervision};
use crate::{Error, Result};

/// Write a session's details. With `old` (an update), items keep their ids: items with an id
/// are updated in place when changed, items whose id is gone are deleted, new ones inserted.
pub(super) fn write_supervision(
    tx: &Connection,
    id: EntryId,
    s: &Supervision,
    old: Option<&Supervision>,
    now: DateTime<Utc>,
) -> Result<()> {
    exec(
        tx,
        "INSERT INTO supervision_sessions
             (entry_id, held_on, supervisor, session_type, support, learning, next_on)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)
         ON CONFLICT (entry_id) DO UPDATE SET held_on = excluded.held_on,
             supervisor = excluded.supervisor, session_type = excluded.session_type,
             support = excluded.support, learning = excluded.learning,
             next_on = excluded.next_on",
        params![
            id.0,
            s.held_on.map(|d| d.to_string()),
            s.supervisor,
            s.session_type,
            s.support,
            s.learning,
            s.next_on.map(|d| d.to_string()),
        ],
    )?;
    let empty = Supervision::default();
    let old = old.unwrap_or(&empty);
    write_ordered(tx, id, &AGENDA, &s.agenda, &old.agenda)?;
    write_ordered(tx, id, &DECISIONS, &s.decisions, &old.decisions)?;
    write_actions(tx, id, s, old, now)
}

/// Delete the rows of `table` whose ids were in `old` and are not in `new`.
fn delete_gone(
    tx: &Connection,
    table: &'static str,
    old: impl Iterator<Item = Option<ItemId>>,
    new: &[Option<ItemId>],
) -> Result<()> {
    for gone in old.flatten().filter(|i| !new.contains(&Some(*i))) {
        exec(tx, &format!("DELETE FROM {table} WHERE id = ?1"), [gone.0])?;
    }
    Ok(())
}

/// One kind of ordered item of a supervision note, as stored: its table, its name in errors,
/// the SQL that updates (`?1` id, `?2` entry, `?3` position, then the values) and inserts
/// (`?1` entry, `?2` position, then the values) a row, and the values of an item.
struct OrderedItems<T> {
    table: &'static str,
    what: &'static str,
    update: &'static str,
    insert: &'static str,
    id: fn(&T) -> Option<ItemId>,
    values: fn(&T) -> Vec<Value>,
}

const AGENDA: OrderedItems<AgendaItem> = OrderedItems {
    table: "agenda_items",
    what: "agenda item",
    update: "UPDATE agenda_items SET position = ?3, text = ?4, function = ?5, discussion = ?6
             WHERE id = ?1 AND entry_id = ?2",
    insert: "INSERT INTO agenda_items (entry_id, position, text, function, discussion)
             VALUES (?1, ?2, ?3, ?4, ?5)",
    id: |a| a.id,
    values: |a| {
        vec![
            a.text.clone().into(),
            a.function.clone().into(),
            a.discussion.clone().into(),
        ]
    },
};

const DECISIONS: OrderedItems<Decision> = OrderedItems {
    table: "decisions",
    what: "decision",
    update: "UPDATE decisions SET position = ?3, text = ?4 WHERE id = ?1 AND entry_id = ?2",
    insert: "INSERT INTO decisions (entry_id, position, text) VALUES (?1, ?2, ?3)",
    id: |d| d.id,
    values: |d| vec![d.text.clone().into()],
};

/// Bring the stored items of one kind from `old` to `new`: gone ones deleted, changed or moved
/// ones updated in place, new ones inserted, unchanged ones left alone.
fn write_ordered<T: PartialEq>(
    tx: &Connection,
    id: EntryId,
    kind: &OrderedItems<T>,
    new: &[T],
    old: &[T],
) -> Result<()> {
    let ids: Vec<_> = new.iter().map(kind.id).collect();
    delete_gone(tx, kind.table, old.iter().map(kind.id), &ids)?;
    for (pos, item) in new.iter().enumerate() {
        let stored = (kind.id)(item);
        if stored.is_some() && old.iter().position(|o| o == item) == Some(pos) {
            continue;
        }
        let values = (kind.values)(item);
        match stored {
            Some(item) => {
                let head = [item.0.into(), id.0.into(), (pos as i64).into()];
                changed_row(
                    tx,
                    kind.what,
                    item.0,
                    kind.update,
                    rusqlite::params_from_iter(head.into_iter().chain(values)),
                )?
            }
            None => {
                let head: [Value; 2] = [id.0.into(), (pos as i64).into()];
                exec(
                    tx,
                    kind.insert,
                    rusqlite::params_from_iter(head.into_iter().chain(values)),
                )?;
            }
        }
    }
    Ok(())
}

fn write_actions(
    tx: &Connection,
    id: EntryId,
    s: &Supervision,
    old: &Supervision,
    now: DateTime<Utc>,
) -> Result<()> {
    let new: Vec<_> = s.actions.iter().map(|a| a.id).collect();
    delete_gone(tx, "actions", old.actions.iter().map(|a| a.id), &new)?;
    for a in &s.actions {
        // Closing time: kept while the status stays closed, set when it closes now.
        let was =
            a.id.and_then(|i| old.actions.iter().find(|o| o.id == Some(i)));
        let closed = match (a.status, was) {
            (ActionStatus::Open, _) => None,
            (_, Some(w)) if w.status != ActionStatus::Open => w.closed.or(Some(now)),
            _ => a.closed.or(Some(now)),
        };
        if was.is_some_and(|w| {
            w.text == a.text
                && w.owner == a.owner
                && w.due_on == a.due_on
                && w.status == a.status
                && w.closed == closed
                && w.reason == a.reason
        }) {
            continue;
        }
        let closed = closed.map(to_ms);
        let due = a.due_on.map(|d| d.to_string());
        match a.id {
            Some(item) => changed_row(
                tx,
                "action",
                item.0,
                "UPDATE actions SET text = ?3, owner = ?4, due_on = ?5, status = ?6, closed_ms = ?7,
                     reason = ?8
                 WHERE id = ?1 AND entry_id = ?2",
                params![
                    item.0,
                    id.0,
                    a.text,
                    a.owner,
                    due,
                    a.status.as_str(),
                    closed,
                    a.reason
                ],
            )?,
            None => {
                exec(
                    tx,
                    "INSERT INTO actions (entry_id, text, owner, due_on, status, closed_ms, reason)
                     VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
                    params![id.0, a.text, a.owner, due, a.status.as_str(), closed, a.reason],
                )?;
            }
        }
    }
    Ok(())
}

/// Run an UPDATE of one item that must belong to the entry being saved.
fn changed_row(
    tx: &Connection,
    what: &'static str,
    item: i64,
    sql: &str,
    params: impl rusqlite::Params,
) -> Result<()> {
    match exec(tx, sql, params)? {
        0 => Err(Error::NotFound {
            what,
            id: item.to_string(),
        }),
        _ => Ok(()),
    }
}
