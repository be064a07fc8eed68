//! Writing entries: insert, update (changing only what changed, so ids of agenda items,
//! decisions and actions stay stable), and saving an entry together with discarding its draft
//! in one transaction.

use std::sync::LazyLock;

use chrono::{DateTime, Utc};
use rusqlite::types::Value;
use rusqlite::{Connection, OptionalExtension, params};
use uuid::Uuid;

use super::entries::{entry_tags, load_entry};
use super::write_details::{rewrite_details, write_details};
use super::{Store, to_ms};
use crate::domain::{Details, EntryContent, EntryId, Kind, Rating, Revision, Tag};
use crate::{Error, Result};

/// Where [`Store::save`] writes: a new entry (written at `created`, with the writer's
/// offset then) or an existing one (its time corrected when `created` is given). A save to
/// an existing entry names the revision it started from, when it has one: if the entry has
/// changed since, the save is refused ([`Error::Changed`]) and nothing is written.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SaveTarget {
    New {
        created: DateTime<Utc>,
        utc_offset_s: i32,
    },
    Existing {
        id: EntryId,
        created: Option<(DateTime<Utc>, i32)>,
        revision: Option<Revision>,
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
    /// from: either both happen or neither does. A new supervision note covers the entries
    /// flagged for supervision up to it (linked, then unflagged) and takes the queued agenda
    /// items; [`Store::add_entry`] (imports, tests) does neither.
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
                } => {
                    let id = insert_in(tx, content, Uuid::new_v4(), created, utc_offset_s, now)?;
                    if content.kind() == Kind::Supervision {
                        super::sessions::begin_session(tx, id, now)?;
                    }
                    id
                }
                SaveTarget::Existing {
                    id,
                    created,
                    revision,
                } => {
                    if let Some(started_from) = revision {
                        check_revision(tx, id, started_from)?;
                    }
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

/// Refuse a save that started from `started_from` when entry `id` is at a later revision
/// (run inside the write transaction, so nothing can change between the look and the write).
fn check_revision(tx: &Connection, id: EntryId, started_from: Revision) -> Result<()> {
    let now: Option<i64> = tx
        .prepare_cached("SELECT revision FROM entries WHERE id = ?1")?
        .query_row([id.0], |r| r.get(0))
        .optional()?;
    match now {
        None => Err(Error::entry_not_found(id)),
        Some(r) if r != started_from.0 => Err(Error::Changed { id: id.to_string() }),
        Some(_) => Ok(()),
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
pub(super) fn exec(
    conn: &Connection,
    sql: &str,
    params: impl rusqlite::Params,
) -> rusqlite::Result<usize> {
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
    write_details(tx, id, &content.details, now)?;
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

    rewrite_details(tx, id, &old.content.details, &content.details, now)
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
