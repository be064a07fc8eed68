//! Entries and their details: insert, read, update, list, flags, trash and tags.
//! Lists are keyset-paged queries on the timeline index; nothing loads the whole journal.

use std::sync::LazyLock;

use chrono::{DateTime, FixedOffset, NaiveDate, Utc};
use rusqlite::types::Value;
use rusqlite::{OptionalExtension, Row, Transaction, params};
use uuid::Uuid;

use super::{Store, from_ms, to_ms};
use crate::domain::entry::headline;
use crate::domain::{
    ActionItem, AgendaItem, BodySensation, Emotion, Entry, EntryContent, EntryFilter, EntryId,
    EntryRef, EntrySummary, Kind, Rating, StageAnswer, SupervisionDetails, Tag,
};
use crate::{Error, Result};

/// The flags that can be toggled on an entry without editing it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Flag {
    Starred,
    ForSupervision,
    Unfinished,
}

impl Flag {
    fn column(self) -> &'static str {
        match self {
            Flag::Starred => "starred",
            Flag::ForSupervision => "for_supervision",
            Flag::Unfinished => "unfinished",
        }
    }
}

/// Columns every summary query selects first, in this order (see [`summary_from_row`]).
pub(super) const SUMMARY_COLUMNS: &str = "e.id, e.uuid, e.kind, e.created_ms, e.utc_offset_s, \
    e.title, coalesce(nullif(trim(substr(e.body, 1, 300)), ''), (SELECT substr(answer, 1, 300) \
        FROM stage_answers WHERE entry_id = e.id ORDER BY position LIMIT 1), ''), e.stress, e.energy, e.starred, e.for_supervision, \
    e.unfinished, e.deleted_ms, \
    (SELECT group_concat(name, ' ') FROM (SELECT t.name FROM entry_tags et \
        JOIN tags t ON t.id = et.tag_id WHERE et.entry_id = e.id ORDER BY t.name))";

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

    /// Insert many entries in one transaction (imports and generated journals), keeping
    /// their UUIDs. All or nothing: one invalid entry leaves the journal unchanged.
    pub fn insert_many<'a>(
        &mut self,
        records: impl IntoIterator<Item = NewRecord<'a>>,
        now: DateTime<Utc>,
    ) -> Result<usize> {
        self.write(|tx| {
            let mut n = 0;
            for r in records {
                r.content.validate()?;
                insert_in(tx, r.content, r.uuid, r.created, r.utc_offset_s, now)?;
                n += 1;
            }
            Ok(n)
        })
    }

    /// Replace everything the writer controls in entry `id`; identity and creation time stay.
    pub fn update_entry(
        &mut self,
        id: EntryId,
        content: &EntryContent,
        now: DateTime<Utc>,
    ) -> Result<()> {
        content.validate()?;
        self.write(|tx| {
            let mut values = vec![Value::Integer(id.0), Value::Integer(to_ms(now))];
            values.extend(content_values(content));
            let changed = tx.execute(&UPDATE_SQL, rusqlite::params_from_iter(values))?;
            if changed == 0 {
                return Err(Error::NotFound(id.to_string()));
            }
            for table in [
                "entry_tags",
                "stage_answers",
                "body_sensations",
                "emotions",
                "supervision_sessions",
                "agenda_items",
                "decisions",
                "actions",
            ] {
                tx.execute(&format!("DELETE FROM {table} WHERE entry_id = ?1"), [id.0])?;
            }
            write_details(tx, id, content)
        })
    }

    /// Resolve a short id or UUID to the entry's id (trashed entries included).
    pub fn resolve(&self, r: &EntryRef) -> Result<EntryId> {
        let found = match r {
            EntryRef::Id(id) => self
                .conn
                .query_row("SELECT id FROM entries WHERE id = ?1", [id.0], |row| {
                    row.get(0)
                })
                .optional()?,
            EntryRef::Uuid(u) => self
                .conn
                .query_row(
                    "SELECT id FROM entries WHERE uuid = ?1",
                    [u.to_string()],
                    |row| row.get(0),
                )
                .optional()?,
        };
        found
            .map(EntryId)
            .ok_or_else(|| Error::NotFound(r.to_string()))
    }

    /// One whole entry with all its details (trashed entries included).
    pub fn get(&self, id: EntryId) -> Result<Entry> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT id, uuid, kind, created_ms, utc_offset_s, updated_ms, title, body, stress,
                    energy, work_context, starred, for_supervision, unfinished, template_id, deleted_ms
             FROM entries WHERE id = ?1",
        )?;
        let mut entry = stmt
            .query_row([id.0], |r| {
                Ok(Entry {
                    id: EntryId(r.get(0)?),
                    uuid: parse_uuid(r.get::<_, String>(1)?),
                    created: with_offset(r.get(3)?, r.get(4)?),
                    updated: from_ms(r.get(5)?),
                    deleted: r.get::<_, Option<i64>>(15)?.map(from_ms),
                    content: EntryContent {
                        kind: parse_kind(&r.get::<_, String>(2)?),
                        title: r.get(6)?,
                        body: r.get(7)?,
                        stress: rating(r.get(8)?),
                        energy: rating(r.get(9)?),
                        work_context: r.get(10)?,
                        starred: r.get(11)?,
                        for_supervision: r.get(12)?,
                        unfinished: r.get(13)?,
                        template: r.get(14)?,
                        ..Default::default()
                    },
                })
            })
            .optional()?
            .ok_or_else(|| Error::NotFound(id.to_string()))?;
        self.load_details(&mut entry)?;
        Ok(entry)
    }

    fn load_details(&self, entry: &mut Entry) -> Result<()> {
        let id = entry.id.0;
        let c = &mut entry.content;
        c.tags = self.entry_tags(entry.id)?;
        c.answers = self.collect(
            "SELECT stage, answer FROM stage_answers WHERE entry_id = ?1 ORDER BY position",
            id,
            |r| {
                Ok(StageAnswer {
                    stage: r.get(0)?,
                    answer: r.get(1)?,
                })
            },
        )?;
        c.sensations = self.collect(
            "SELECT region, sensation, intensity FROM body_sensations WHERE entry_id = ?1 ORDER BY id",
            id,
            |r| Ok(BodySensation { region: r.get(0)?, sensation: r.get(1)?, intensity: r.get(2)? }),
        )?;
        c.emotions = self.collect(
            "SELECT word, intensity FROM emotions WHERE entry_id = ?1 ORDER BY id",
            id,
            |r| {
                Ok(Emotion {
                    word: r.get(0)?,
                    intensity: r.get(1)?,
                })
            },
        )?;
        let session = self
            .conn
            .prepare_cached(
                "SELECT held_on, supervisor, session_type FROM supervision_sessions WHERE entry_id = ?1",
            )?
            .query_row([id], |r| {
                Ok(SupervisionDetails {
                    held_on: r.get::<_, Option<String>>(0)?.and_then(|d| parse_date(&d)),
                    supervisor: r.get(1)?,
                    session_type: r.get(2)?,
                    ..Default::default()
                })
            })
            .optional()?;
        if let Some(mut s) = session {
            s.agenda = self.collect(
                "SELECT text, function FROM agenda_items WHERE entry_id = ?1 ORDER BY position",
                id,
                |r| {
                    Ok(AgendaItem {
                        text: r.get(0)?,
                        function: r.get(1)?,
                    })
                },
            )?;
            s.decisions = self.collect(
                "SELECT text FROM decisions WHERE entry_id = ?1 ORDER BY position",
                id,
                |r| r.get(0),
            )?;
            s.actions = self.collect(
                "SELECT text, owner, due_on, status FROM actions WHERE entry_id = ?1 ORDER BY id",
                id,
                |r| {
                    Ok(ActionItem {
                        text: r.get(0)?,
                        owner: r.get(1)?,
                        due_on: r.get::<_, Option<String>>(2)?.and_then(|d| parse_date(&d)),
                        status: r.get::<_, String>(3)?.parse().unwrap_or_default(),
                    })
                },
            )?;
            c.supervision = Some(s);
        }
        Ok(())
    }

    fn collect<T>(
        &self,
        sql: &str,
        id: i64,
        f: impl FnMut(&Row<'_>) -> rusqlite::Result<T>,
    ) -> Result<Vec<T>> {
        let mut stmt = self.conn.prepare_cached(sql)?;
        let rows = stmt.query_map([id], f)?;
        Ok(rows.collect::<rusqlite::Result<Vec<T>>>()?)
    }

    fn entry_tags(&self, id: EntryId) -> Result<Vec<Tag>> {
        let names: Vec<String> = self.collect(
            "SELECT t.name FROM entry_tags et JOIN tags t ON t.id = et.tag_id
             WHERE et.entry_id = ?1 ORDER BY t.name",
            id.0,
            |r| r.get(0),
        )?;
        Ok(names.iter().filter_map(|n| Tag::parse(n).ok()).collect())
    }

    /// The newest entries matching `filter`, at most `limit`, newest first.
    pub fn list(&self, filter: &EntryFilter, limit: usize) -> Result<Vec<EntrySummary>> {
        let mut sql = format!("SELECT {SUMMARY_COLUMNS} FROM entries e WHERE ");
        let mut args = Vec::new();
        push_filter(&mut sql, &mut args, filter);
        sql.push_str(" ORDER BY e.created_ms DESC, e.id DESC LIMIT ?");
        args.push(Value::Integer(limit as i64));
        let mut stmt = self.conn.prepare_cached(&sql)?;
        let rows = stmt.query_map(rusqlite::params_from_iter(args), summary_from_row)?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// Set or clear one flag on an entry.
    pub fn set_flag(
        &mut self,
        id: EntryId,
        flag: Flag,
        on: bool,
        now: DateTime<Utc>,
    ) -> Result<()> {
        let sql = format!(
            "UPDATE entries SET {} = ?2, updated_ms = ?3 WHERE id = ?1",
            flag.column()
        );
        self.write(
            |tx| match tx.execute(&sql, params![id.0, on, to_ms(now)])? {
                0 => Err(Error::NotFound(id.to_string())),
                _ => Ok(()),
            },
        )
    }

    /// Move an entry to the trash (it keeps everything and can be restored).
    pub fn trash(&mut self, id: EntryId, now: DateTime<Utc>) -> Result<()> {
        self.write(|tx| {
            match tx.execute(
                "UPDATE entries SET deleted_ms = ?2 WHERE id = ?1 AND deleted_ms IS NULL",
                params![id.0, to_ms(now)],
            )? {
                0 => Err(trash_state_error(tx, id, "already in the trash")),
                _ => Ok(()),
            }
        })
    }

    /// Bring an entry back from the trash.
    pub fn restore(&mut self, id: EntryId) -> Result<()> {
        self.write(|tx| {
            match tx.execute(
                "UPDATE entries SET deleted_ms = NULL WHERE id = ?1 AND deleted_ms IS NOT NULL",
                [id.0],
            )? {
                0 => Err(trash_state_error(tx, id, "not in the trash")),
                _ => Ok(()),
            }
        })
    }

    /// Delete an entry and all its details for good.
    pub fn purge(&mut self, id: EntryId) -> Result<()> {
        self.write(|tx| {
            // Details go by ON DELETE CASCADE; the triggers keep the search index in step.
            match tx.execute("DELETE FROM entries WHERE id = ?1", [id.0])? {
                0 => Err(Error::NotFound(id.to_string())),
                _ => Ok(()),
            }
        })
    }

    /// Every tag on a live entry with the number of live entries carrying it, most used first.
    pub fn tag_counts(&self) -> Result<Vec<(Tag, u64)>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT t.name, count(*) AS n FROM entry_tags et
             JOIN tags t ON t.id = et.tag_id
             JOIN entries e ON e.id = et.entry_id AND e.deleted_ms IS NULL
             GROUP BY t.id ORDER BY n DESC, t.name",
        )?;
        let rows = stmt.query_map([], |r| Ok((r.get::<_, String>(0)?, r.get::<_, i64>(1)?)))?;
        let mut out = Vec::new();
        for row in rows {
            let (name, n) = row?;
            if let Ok(tag) = Tag::parse(&name) {
                out.push((tag, n as u64));
            }
        }
        Ok(out)
    }
}

/// One entry to insert with [`Store::insert_many`].
#[derive(Clone, Copy, Debug)]
pub struct NewRecord<'a> {
    pub uuid: Uuid,
    pub created: DateTime<Utc>,
    pub utc_offset_s: i32,
    pub content: &'a EntryContent,
}

/// The columns of `entries` that the writer controls, in the order of [`content_values`].
const CONTENT_COLUMNS: [&str; 10] = [
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
];

/// The values for [`CONTENT_COLUMNS`].
fn content_values(c: &EntryContent) -> [Value; 10] {
    let text = |t: &Option<String>| t.clone().map_or(Value::Null, Value::Text);
    let rating =
        |r: Option<Rating>| r.map_or(Value::Null, |r| Value::Integer(i64::from(r.value())));
    [
        Value::Text(c.kind.as_str().into()),
        text(&c.title),
        Value::Text(c.body.clone()),
        rating(c.stress),
        rating(c.energy),
        text(&c.work_context),
        Value::Integer(i64::from(c.starred)),
        Value::Integer(i64::from(c.for_supervision)),
        Value::Integer(i64::from(c.unfinished)),
        text(&c.template),
    ]
}

/// INSERT with ?1 uuid, ?2 created, ?3 offset, ?4 updated, then the content columns.
static INSERT_SQL: LazyLock<String> = LazyLock::new(|| {
    let places: Vec<String> = (5..5 + CONTENT_COLUMNS.len())
        .map(|i| format!("?{i}"))
        .collect();
    format!(
        "INSERT INTO entries (uuid, created_ms, utc_offset_s, updated_ms, {}) VALUES (?1, ?2, ?3, ?4, {})",
        CONTENT_COLUMNS.join(", "),
        places.join(", ")
    )
});

/// UPDATE with ?1 id, ?2 updated, then the content columns.
static UPDATE_SQL: LazyLock<String> = LazyLock::new(|| {
    let sets: Vec<String> = CONTENT_COLUMNS
        .iter()
        .enumerate()
        .map(|(i, c)| format!("{c} = ?{}", i + 3))
        .collect();
    format!(
        "UPDATE entries SET updated_ms = ?2, {} WHERE id = ?1",
        sets.join(", ")
    )
});

/// Run one statement through the connection's statement cache (bulk inserts reuse them).
fn exec(tx: &Transaction<'_>, sql: &str, params: impl rusqlite::Params) -> rusqlite::Result<usize> {
    tx.prepare_cached(sql)?.execute(params)
}

fn insert_in(
    tx: &Transaction<'_>,
    content: &EntryContent,
    uuid: Uuid,
    created: DateTime<Utc>,
    utc_offset_s: i32,
    now: DateTime<Utc>,
) -> Result<EntryId> {
    let mut values = vec![
        Value::Text(uuid.to_string()),
        Value::Integer(to_ms(created)),
        Value::Integer(i64::from(utc_offset_s)),
        Value::Integer(to_ms(now)),
    ];
    values.extend(content_values(content));
    exec(tx, &INSERT_SQL, rusqlite::params_from_iter(values))?;
    let id = EntryId(tx.last_insert_rowid());
    write_details(tx, id, content)?;
    Ok(id)
}

fn trash_state_error(tx: &Transaction<'_>, id: EntryId, state: &str) -> Error {
    let exists = tx
        .query_row("SELECT 1 FROM entries WHERE id = ?1", [id.0], |_| Ok(()))
        .optional()
        .ok()
        .flatten()
        .is_some();
    if exists {
        Error::invalid(format!("entry {id} is {state}"))
    } else {
        Error::NotFound(id.to_string())
    }
}

/// Insert tags, stage answers, check-in and supervision details for entry `id`.
fn write_details(tx: &Transaction<'_>, id: EntryId, c: &EntryContent) -> Result<()> {
    for tag in &c.tags {
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
    for (pos, a) in c.answers.iter().enumerate() {
        exec(
            tx,
            "INSERT INTO stage_answers (entry_id, position, stage, answer) VALUES (?1, ?2, ?3, ?4)",
            params![id.0, pos as i64, a.stage, a.answer],
        )?;
    }
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
    if let Some(s) = &c.supervision {
        exec(
            tx,
            "INSERT INTO supervision_sessions (entry_id, held_on, supervisor, session_type)
             VALUES (?1, ?2, ?3, ?4)",
            params![
                id.0,
                s.held_on.map(|d| d.to_string()),
                s.supervisor,
                s.session_type
            ],
        )?;
        for (pos, a) in s.agenda.iter().enumerate() {
            exec(
                tx,
                "INSERT INTO agenda_items (entry_id, position, text, function) VALUES (?1, ?2, ?3, ?4)",
                params![id.0, pos as i64, a.text, a.function],
            )?;
        }
        for (pos, d) in s.decisions.iter().enumerate() {
            exec(
                tx,
                "INSERT INTO decisions (entry_id, position, text) VALUES (?1, ?2, ?3)",
                params![id.0, pos as i64, d],
            )?;
        }
        for a in &s.actions {
            exec(
                tx,
                "INSERT INTO actions (entry_id, text, owner, due_on, status) VALUES (?1, ?2, ?3, ?4, ?5)",
                params![
                    id.0,
                    a.text,
                    a.owner,
                    a.due_on.map(|d| d.to_string()),
                    a.status.as_str()
                ],
            )?;
        }
    }
    Ok(())
}

/// Append the WHERE conditions for `f` (the caller has written "WHERE ").
pub(super) fn push_filter(sql: &mut String, args: &mut Vec<Value>, f: &EntryFilter) {
    sql.push_str(if f.trashed {
        "e.deleted_ms IS NOT NULL"
    } else {
        "e.deleted_ms IS NULL"
    });
    if let Some(since) = f.since {
        sql.push_str(" AND e.created_ms >= ?");
        args.push(Value::Integer(to_ms(since)));
    }
    if let Some(until) = f.until {
        sql.push_str(" AND e.created_ms < ?");
        args.push(Value::Integer(to_ms(until)));
    }
    if let Some(kind) = f.kind {
        sql.push_str(" AND e.kind = ?");
        args.push(Value::Text(kind.as_str().into()));
    }
    for tag in &f.tags {
        sql.push_str(
            " AND EXISTS (SELECT 1 FROM entry_tags et JOIN tags t ON t.id = et.tag_id \
             WHERE et.entry_id = e.id AND t.name = ?)",
        );
        args.push(Value::Text(tag.as_str().into()));
    }
    if f.starred {
        sql.push_str(" AND e.starred = 1");
    }
    if f.unfinished {
        sql.push_str(" AND e.unfinished = 1");
    }
    if f.for_supervision {
        sql.push_str(" AND e.for_supervision = 1");
    }
    if let Some(min) = f.min_stress {
        sql.push_str(" AND e.stress >= ?");
        args.push(Value::Integer(i64::from(min.value())));
    }
    if let Some((ms, id)) = f.before {
        // A row value, so SQLite walks the timeline index from this point on.
        sql.push_str(" AND (e.created_ms, e.id) < (?, ?)");
        args.extend([Value::Integer(ms), Value::Integer(id.0)]);
    }
}

/// Read the columns selected by [`SUMMARY_COLUMNS`].
pub(super) fn summary_from_row(r: &Row<'_>) -> rusqlite::Result<EntrySummary> {
    let title: Option<String> = r.get(5)?;
    let body_start: String = r.get(6)?;
    let tags: Option<String> = r.get(13)?;
    Ok(EntrySummary {
        id: EntryId(r.get(0)?),
        uuid: parse_uuid(r.get::<_, String>(1)?),
        kind: parse_kind(&r.get::<_, String>(2)?),
        created: with_offset(r.get(3)?, r.get(4)?),
        headline: headline(title.as_deref(), &body_start).to_string(),
        stress: rating(r.get(7)?),
        energy: rating(r.get(8)?),
        starred: r.get(9)?,
        for_supervision: r.get(10)?,
        unfinished: r.get(11)?,
        deleted: r.get::<_, Option<i64>>(12)?.map(from_ms),
        tags: tags
            .unwrap_or_default()
            .split(' ')
            .filter_map(|t| Tag::parse(t).ok())
            .collect(),
    })
}

fn with_offset(ms: i64, offset_s: i32) -> DateTime<FixedOffset> {
    let offset = FixedOffset::east_opt(offset_s)
        .unwrap_or_else(|| FixedOffset::east_opt(0).expect("zero offset"));
    from_ms(ms).with_timezone(&offset)
}

fn parse_uuid(s: String) -> Uuid {
    Uuid::parse_str(&s).unwrap_or_default()
}

fn parse_kind(s: &str) -> Kind {
    s.parse().unwrap_or_default()
}

fn rating(v: Option<i64>) -> Option<Rating> {
    v.and_then(|v| Rating::new("rating", v).ok())
}

fn parse_date(s: &str) -> Option<NaiveDate> {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").ok()
}
