//! Writing entries: insert, update (changing only what changed, so ids of agenda items,
//! decisions and actions stay stable), and saving an entry together with discarding its draft
//! in one transaction.

use std::sync::LazyLock;

use chrono::{DateTime, Utc};
use rusqlite::types::Value;
use rusqlite::{Connection, params};
use uuid::Uuid;

use super::entries::{entry_tags, load_entry};
use super::{Store, to_ms};
use crate::domain::{
    ActionStatus, AgendaItem, CheckIn, Decision, Details, EntryContent, EntryId, ItemId, Learning,
    Rating, Recovery, StageAnswer, Supervision, Tag,
};
use crate::{Error, Result};

/// Where [`Store::save`] writes: a new entry (written at `created`, with the writer's
/// offset then) or an existing one (its time corrected when `created` is given).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SaveTarget {
    New {
        created: DateTime<Utc>,
        utc_offset_s: i32,
    },
    Existing {
        id: EntryId,
        created: Option<(DateTime<Utc>, i32)>,
    },
}

impl Store {
    /// Save a new entry written at `created` (with the writer's UTC offset) and return its id.
    pub fn add_entry(
        &mut self,
        content: &EntryContent,
        created: DateTime<Utc>,
        utc_offset_s: i32,
        now: DateTime<Utc>,
    ) -> Result<EntryId> {
        content.validate()?;
        self.write(|tx| insert_in(tx, content, Uuid::new_v4(), created, utc_offset_s, now))
    }

    /// Replace what the writer controls in entry `id`, touching only what changed;
    /// identity, creation time and the ids of supervision items stay.
    pub fn update_entry(
        &mut self,
        id: EntryId,
        content: &EntryContent,
        now: DateTime<Utc>,
    ) -> Result<()> {
        content.validate()?;
        self.write(|tx| update_in(tx, id, content, now))
    }

    /// Save `content` to `target` and, in the same transaction, forget the draft it came
    /// from: either both happen or neither does.
    pub fn save(
        &mut self,
        target: SaveTarget,
        content: &EntryContent,
        draft: Option<i64>,
        now: DateTime<Utc>,
    ) -> Result<EntryId> {
        content.validate()?;
        self.write(|tx| {
            let id = match target {
                SaveTarget::New {
                    created,
                    utc_offset_s,
                } => insert_in(tx, content, Uuid::new_v4(), created, utc_offset_s, now)?,
                SaveTarget::Existing { id, created } => {
                    update_in(tx, id, content, now)?;
                    if let Some((at, offset)) = created {
                        tx.execute(
                            "UPDATE entries SET created_ms = ?2, utc_offset_s = ?3 WHERE id = ?1",
                            params![id.0, to_ms(at), offset],
                        )?;
                    }
                    id
                }
            };
            if let Some(d) = draft {
                tx.execute("DELETE FROM drafts WHERE id = ?1", [d])?;
            }
            Ok(id)
        })
    }
}

/// The columns of `entries` that the writer controls, in the order of [`content_values`].
const CONTENT_COLUMNS: [&str; 11] = [
    "kind",
    "title",
    "body",
    "stress",
    "energy",
    "work_context",
    "starred",
    "for_supervision",
    "unfinished",
    "template_id",
    "search_words",
];

/// The values for [`CONTENT_COLUMNS`].
fn content_values(c: &EntryContent) -> [Value; 11] {
    let text = |t: &Option<String>| t.clone().map_or(Value::Null, Value::Text);
    let rating =
        |r: Option<Rating>| r.map_or(Value::Null, |r| Value::Integer(i64::from(r.value())));
    let common = &c.common;
    let template = match &c.details {
        Details::Reflection(g) => g.template.clone(),
        _ => None,
    };
    [
        Value::Text(c.kind().as_str().into()),
        text(&common.title),
        Value::Text(common.body.clone()),
        rating(common.stress),
        rating(common.energy),
        text(&common.work_context),
        Value::Integer(i64::from(common.flags.starred)),
        Value::Integer(i64::from(common.flags.for_supervision)),
        Value::Integer(i64::from(common.flags.unfinished)),
        text(&template),
        Value::Text(c.search_words()),
    ]
}

/// INSERT with ?1 id, ?2 uuid, ?3 created, ?4 offset, ?5 updated, then the content columns.
static INSERT_SQL: LazyLock<String> = LazyLock::new(|| {
    let places: Vec<String> = (6..6 + CONTENT_COLUMNS.len())
        .map(|i| format!("?{i}"))
        .collect();
    format!(
        "INSERT INTO entries (id, uuid, created_ms, utc_offset_s, updated_ms, {}) VALUES (?1, ?2, ?3, ?4, ?5, {})",
        CONTENT_COLUMNS.join(", "),
        places.join(", ")
    )
});

/// The next entry number: one more than any number given before, purged entries included.
fn next_entry_number(tx: &Connection) -> rusqlite::Result<i64> {
    tx.prepare_cached(
        "UPDATE entry_numbers SET last = max(last, (SELECT coalesce(max(id), 0) FROM entries)) + 1
         RETURNING last",
    )?
    .query_row([], |r| r.get(0))
}

/// Run one statement through the connection's statement cache (bulk inserts reuse them).
fn exec(conn: &Connection, sql: &str, params: impl rusqlite::Params) -> rusqlite::Result<usize> {
    conn.prepare_cached(sql)?.execute(params)
}

pub(super) fn insert_in(
    tx: &Connection,
    content: &EntryContent,
    uuid: Uuid,
    created: DateTime<Utc>,
    utc_offset_s: i32,
    now: DateTime<Utc>,
) -> Result<EntryId> {
    let id = next_entry_number(tx)?;
    let mut values = vec![
        Value::Integer(id),
        Value::Text(uuid.to_string()),
        Value::Integer(to_ms(created)),
        Value::Integer(i64::from(utc_offset_s)),
        Value::Integer(to_ms(now)),
    ];
    values.extend(content_values(content));
    exec(tx, &INSERT_SQL, rusqlite::params_from_iter(values))?;
    let id = EntryId(id);
    add_tags(tx, id, &content.common.tags)?;
    match &content.details {
        Details::Reflection(g) => write_answers(tx, id, &g.answers)?,
        Details::Checkin(c) => write_checkin(tx, id, c)?,
        Details::Supervision(s) => write_supervision(tx, id, s, None, now)?,
        Details::Recovery(r) => write_recovery(tx, id, r)?,
        Details::Learning(l) => write_learning(tx, id, l)?,
    }
    Ok(id)
}

pub(super) fn update_in(
    tx: &Connection,
    id: EntryId,
    content: &EntryContent,
    now: DateTime<Utc>,
) -> Result<()> {
    let old = load_entry(tx, id)?;
    if old.kind() != content.kind() {
        return Err(Error::Conflict(format!(
            "entry {id} is a {}; it cannot become a {}",
            old.kind().label(),
            content.kind().label()
        )));
    }
    // Only the changed columns, so the search index is rewritten only when text changed.
    let (old_values, new_values) = (content_values(&old.content), content_values(content));
    let mut sets = vec!["updated_ms = ?2".to_string()];
    let mut args = vec![Value::Integer(id.0), Value::Integer(to_ms(now))];
    for ((column, was), value) in CONTENT_COLUMNS.iter().zip(&old_values).zip(new_values) {
        if *was != value {
            args.push(value);
            sets.push(format!("{column} = ?{}", args.len()));
        }
    }
    tx.execute(
        &format!("UPDATE entries SET {} WHERE id = ?1", sets.join(", ")),
        rusqlite::params_from_iter(args),
    )?;

    let old_tags = entry_tags(tx, id)?;
    let new_tags = &content.common.tags;
    for gone in old_tags.iter().filter(|t| !new_tags.contains(t)) {
        exec(
            tx,
            "DELETE FROM entry_tags WHERE entry_id = ?1
             AND tag_id = (SELECT id FROM tags WHERE name = ?2)",
            params![id.0, gone.as_str()],
        )?;
    }
    let added: Vec<Tag> = new_tags
        .iter()
        .filter(|t| !old_tags.contains(t))
        .cloned()
        .collect();
    add_tags(tx, id, &added)?;

    match (&old.content.details, &content.details) {
        (Details::Reflection(a), Details::Reflection(b)) if a.answers != b.answers => {
            exec(tx, "DELETE FROM stage_answers WHERE entry_id = ?1", [id.0])?;
            write_answers(tx, id, &b.answers)?;
        }
        (Details::Checkin(a), Details::Checkin(b)) if a != b => {
            exec(
                tx,
                "DELETE FROM body_sensations WHERE entry_id = ?1",
                [id.0],
            )?;
            exec(tx, "DELETE FROM emotions WHERE entry_id = ?1", [id.0])?;
            exec(
                tx,
                "DELETE FROM difficulty_flags WHERE entry_id = ?1",
                [id.0],
            )?;
            write_checkin(tx, id, b)?;
        }
        (Details::Learning(a), Details::Learning(b)) if a != b => {
            exec(
                tx,
                "DELETE FROM learning_activities WHERE entry_id = ?1",
                [id.0],
            )?;
            exec(tx, "DELETE FROM stage_answers WHERE entry_id = ?1", [id.0])?;
            write_learning(tx, id, b)?;
        }
        (Details::Recovery(a), Details::Recovery(b)) if a != b => {
            exec(tx, "DELETE FROM recovery WHERE entry_id = ?1", [id.0])?;
            write_recovery(tx, id, b)?;
        }
        (Details::Supervision(a), Details::Supervision(b)) if a != b => {
            write_supervision(tx, id, b, Some(a), now)?;
        }
        _ => {}
    }
    Ok(())
}

fn add_tags(tx: &Connection, id: EntryId, tags: &[Tag]) -> Result<()> {
    for tag in tags {
        exec(
            tx,
            "INSERT OR IGNORE INTO tags (name) VALUES (?1)",
            [tag.as_str()],
        )?;
        exec(
            tx,
            "INSERT OR IGNORE INTO entry_tags (entry_id, tag_id)
             SELECT ?1, id FROM tags WHERE name = ?2",
            params![id.0, tag.as_str()],
        )?;
    }
    Ok(())
}

fn write_answers(tx: &Connection, id: EntryId, answers: &[StageAnswer]) -> Result<()> {
    for (pos, a) in answers.iter().enumerate() {
        exec(
            tx,
            "INSERT INTO stage_answers (entry_id, position, stage, answer) VALUES (?1, ?2, ?3, ?4)",
            params![id.0, pos as i64, a.stage, a.answer],
        )?;
    }
    Ok(())
}

fn write_checkin(tx: &Connection, id: EntryId, c: &CheckIn) -> Result<()> {
    for s in &c.sensations {
        exec(
            tx,
            "INSERT INTO body_sensations (entry_id, region, sensation, intensity) VALUES (?1, ?2, ?3, ?4)",
            params![id.0, s.region, s.sensation, s.intensity],
        )?;
    }
    for e in &c.emotions {
        exec(
            tx,
            "INSERT INTO emotions (entry_id, word, intensity) VALUES (?1, ?2, ?3)",
            params![id.0, e.word, e.intensity],
        )?;
    }
    for flag in &c.difficulties {
        exec(
            tx,
            "INSERT OR IGNORE INTO difficulty_flags (entry_id, flag) VALUES (?1, ?2)",
            params![id.0, flag],
        )?;
    }
    Ok(())
}

fn write_learning(tx: &Connection, id: EntryId, l: &Learning) -> Result<()> {
    exec(
        tx,
        "INSERT INTO learning_activities (entry_id, activity, author, link, minutes) VALUES (?1, ?2, ?3, ?4, ?5)",
        params![id.0, l.activity.as_str(), l.author, l.link, l.minutes],
    )?;
    write_answers(tx, id, &l.answers)
}

fn write_recovery(tx: &Connection, id: EntryId, r: &Recovery) -> Result<()> {
    let (quality, movement) = match r {
        Recovery::Sleep { quality, .. } => (*quality, None),
        Recovery::Move { movement, .. } => (None, Some(movement.as_str())),
        Recovery::Break { .. } | Recovery::None => (None, None),
    };
    exec(
        tx,
        "INSERT INTO recovery (entry_id, activity, minutes, quality, movement) VALUES (?1, ?2, ?3, ?4, ?5)",
        params![id.0, r.activity(), r.minutes(), quality, movement],
    )?;
    Ok(())
}

/// Write a session's details. With `old` (an update), items keep their ids: items with an id
/// are updated in place when changed, items whose id is gone are deleted, new ones inserted.
fn write_supervision(
    tx: &Connection,
    id: EntryId,
    s: &Supervision,
    old: Option<&Supervision>,
    now: DateTime<Utc>,
) -> Result<()> {
    exec(
        tx,
        "INSERT INTO supervision_sessions (entry_id, held_on, supervisor, session_type)
         VALUES (?1, ?2, ?3, ?4)
         ON CONFLICT (entry_id) DO UPDATE SET held_on = excluded.held_on,
             supervisor = excluded.supervisor, session_type = excluded.session_type",
        params![
            id.0,
            s.held_on.map(|d| d.to_string()),
            s.supervisor,
            s.session_type
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
    update: "UPDATE agenda_items SET position = ?3, text = ?4, function = ?5
             WHERE id = ?1 AND entry_id = ?2",
    insert: "INSERT INTO agenda_items (entry_id, position, text, function) VALUES (?1, ?2, ?3, ?4)",
    id: |a| a.id,
    values: |a| vec![a.text.clone().into(), a.function.clone().into()],
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
                "UPDATE actions SET text = ?3, owner = ?4, due_on = ?5, status = ?6, closed_ms = ?7
                 WHERE id = ?1 AND entry_id = ?2",
                params![
                    item.0,
                    id.0,
                    a.text,
                    a.owner,
                    due,
                    a.status.as_str(),
                    closed
                ],
            )?,
            None => {
                exec(
                    tx,
                    "INSERT INTO actions (entry_id, text, owner, due_on, status, closed_ms)
                     VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
                    params![id.0, a.text, a.owner, due, a.status.as_str(), closed],
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
