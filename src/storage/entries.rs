//! Reading entries: one whole entry with its details, summaries for lists (keyset-paged on
//! the timeline index; nothing loads the whole journal), flags, trash and tags. Every stored
//! value is decoded strictly: a value debrief cannot read is an error, never a silent default.

use chrono::{DateTime, FixedOffset};
use rusqlite::types::Value;
use rusqlite::{Connection, OptionalExtension, Row};
use uuid::Uuid;

use super::details::{
    collect, decode_recovery, load_answers, load_checkin, load_learning, load_recovery,
    load_review_of, load_supervision,
};
use super::{Store, from_ms, to_ms};
use crate::domain::entry::headline;
use crate::domain::{
    Common, Details, Entry, EntryContent, EntryFilter, EntryId, EntryMeta, EntryRef, EntrySummary,
    Flags, Gist, Guided, Kind, Rating, Tag,
};
use crate::{Error, Result};

/// Columns every summary query selects first, in this order (see [`summary_from_row`]).
pub(super) const SUMMARY_COLUMNS: &str = "e.id, e.uuid, e.kind, e.created_ms, e.utc_offset_s, \
    e.title, substr(CAST(e.body AS BLOB), 1, 1200), e.stress, e.energy, e.starred, e.for_supervision, \
    e.unfinished, e.deleted_ms, \
    (SELECT group_concat(name, ' ') FROM (SELECT t.name FROM entry_tags et \
        JOIN tags t ON t.id = et.tag_id WHERE et.entry_id = e.id ORDER BY t.name)), \
    (SELECT substr(CAST(answer AS BLOB), 1, 1200) FROM stage_answers WHERE entry_id = e.id \
        ORDER BY position LIMIT 1), \
    e.work_context, \
    CASE WHEN e.kind = 'checkin' THEN \
        (SELECT group_concat(region || char(31) || sensation, char(30)) FROM \
            (SELECT region, sensation FROM body_sensations WHERE entry_id = e.id ORDER BY id)) END, \
    CASE WHEN e.kind = 'checkin' THEN \
        (SELECT group_concat(word, char(30)) FROM \
            (SELECT word FROM emotions WHERE entry_id = e.id ORDER BY id)) END, \
    CASE WHEN e.kind = 'checkin' THEN \
        (SELECT group_concat(flag, char(30)) FROM \
            (SELECT flag FROM difficulty_flags WHERE entry_id = e.id ORDER BY flag)) END, \
    CASE WHEN e.kind = 'learning' THEN \
        (SELECT activity || char(31) || coalesce(minutes, '') || char(31) || \
            EXISTS (SELECT 1 FROM stage_answers WHERE entry_id = e.id) \
            FROM learning_activities WHERE entry_id = e.id) END, \
    CASE WHEN e.kind = 'recovery' THEN \
        (SELECT activity || char(31) || coalesce(minutes, '') || char(31) || coalesce(quality, '') \
            || char(31) || coalesce(movement, '') FROM recovery WHERE entry_id = e.id) END, \
    CASE WHEN e.kind = 'supervision' THEN \
        (SELECT count(*) || char(31) || coalesce(min(due_on), '') FROM actions \
            WHERE entry_id = e.id AND status = 'open') END";

/// The start of a text read as bytes (SQLite's text functions stop at a NUL character; the
/// bytes do not), cut at a character boundary, NULs shown as spaces.
fn text_start(bytes: Option<Vec<u8>>) -> String {
    let bytes = bytes.unwrap_or_default();
    String::from_utf8_lossy(&bytes)
        .trim_end_matches('\u{fffd}')
        .replace('\0', " ")
}

impl Store {
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
        found.map(EntryId).ok_or_else(|| Error::entry_not_found(r))
    }

    /// One whole entry with all its details (trashed entries included).
    pub fn get(&self, id: EntryId) -> Result<Entry> {
        load_entry(&self.conn, id)
    }

    /// The list summary of one entry (trashed entries included).
    pub fn summary(&self, id: EntryId) -> Result<EntrySummary> {
        let mut stmt = self.conn.prepare_cached(&format!(
            "SELECT {SUMMARY_COLUMNS} FROM entries e WHERE e.id = ?1"
        ))?;
        stmt.query_row([id.0], summary_from_row)
            .optional()?
            .ok_or_else(|| Error::entry_not_found(id))?
    }

    /// The newest entries matching `filter`, at most `limit`, newest first.
    pub fn list(&self, filter: &EntryFilter, limit: usize) -> Result<Vec<EntrySummary>> {
        self.list_ordered(filter, limit, "DESC")
    }

    /// The oldest entries matching `filter`, at most `limit`, oldest first (for paging
    /// towards newer entries, and for jumping to the end of a list).
    pub fn list_oldest(&self, filter: &EntryFilter, limit: usize) -> Result<Vec<EntrySummary>> {
        self.list_ordered(filter, limit, "ASC")
    }

    /// Run `f` inside one read transaction: everything it reads is one consistent state of
    /// the journal (an export sees no entry change half way), and the file is locked once
    /// rather than once a query.
    pub fn reading<T>(&self, f: impl FnOnce(&Store) -> Result<T>) -> Result<T> {
        self.conn.execute_batch("BEGIN DEFERRED")?;
        let result = f(self);
        let _ = self.conn.execute_batch("COMMIT");
        result
    }

    /// The ids of the entries matching `filter` (all of them, the trash included, with
    /// `None`), oldest first: what an export walks through one entry at a time.
    pub fn ids(&self, filter: Option<&EntryFilter>) -> Result<Vec<EntryId>> {
        let mut sql = "SELECT e.id FROM entries e".to_string();
        let mut args = Vec::new();
        if let Some(f) = filter {
            sql.push_str(" WHERE ");
            push_filter(&mut sql, &mut args, f)?;
        }
        sql.push_str(" ORDER BY e.created_ms, e.id");
        let mut stmt = self.conn.prepare_cached(&sql)?;
        let ids = stmt.query_map(rusqlite::params_from_iter(args), |r| r.get(0).map(EntryId))?;
        Ok(ids.collect::<rusqlite::Result<Vec<_>>>()?)
    }

    fn list_ordered(
        &self,
        filter: &EntryFilter,
        limit: usize,
        order: &str,
    ) -> Result<Vec<EntrySummary>> {
        let mut sql = format!("SELECT {SUMMARY_COLUMNS} FROM entries e WHERE ");
        let mut args = Vec::new();
        push_filter(&mut sql, &mut args, filter)?;
        sql.push_str(&format!(
            " ORDER BY e.created_ms {order}, e.id {order} LIMIT ?"
        ));
        args.push(Value::Integer(limit as i64));
        let mut stmt = self.conn.prepare_cached(&sql)?;
        let rows = stmt.query_map(rusqlite::params_from_iter(args), summary_from_row)?;
        rows.map(|r| r?).collect()
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
            out.push((decode_tag(&name)?, n as u64));
        }
        Ok(out)
    }
}

/// Load one entry through any connection (the store's, or a write transaction's).
pub(super) fn load_entry(conn: &Connection, id: EntryId) -> Result<Entry> {
    let raw = conn
        .prepare_cached(
            "SELECT id, uuid, kind, created_ms, utc_offset_s, updated_ms, title, body, stress,
                    energy, work_context, starred, for_supervision, unfinished, template_id, deleted_ms,
                    revision
             FROM entries WHERE id = ?1",
        )?
        .query_row([id.0], |r| {
            Ok(RawEntry {
                id: r.get(0)?,
                uuid: r.get(1)?,
                kind: r.get(2)?,
                created_ms: r.get(3)?,
                offset_s: r.get(4)?,
                updated_ms: r.get(5)?,
                title: r.get(6)?,
                body: r.get(7)?,
                stress: r.get(8)?,
                energy: r.get(9)?,
                work_context: r.get(10)?,
                flags: Flags {
                    starred: r.get(11)?,
                    for_supervision: r.get(12)?,
                    unfinished: r.get(13)?,
                },
                template: r.get(14)?,
                deleted_ms: r.get(15)?,
                revision: r.get(16)?,
            })
        })
        .optional()?
        .ok_or_else(|| Error::entry_not_found(id))?;
    let kind = decode_kind(&raw.kind)?;
    let details = match kind {
        Kind::Reflection => Details::Reflection(Guided {
            template: raw.template,
            answers: load_answers(conn, id)?,
            review: load_review_of(conn, id)?,
        }),
        Kind::Learning => Details::Learning(load_learning(conn, id)?),
        Kind::Checkin => Details::Checkin(load_checkin(conn, id)?),
        Kind::Supervision => Details::Supervision(load_supervision(conn, id)?),
        Kind::Recovery => Details::Recovery(load_recovery(conn, id)?),
    };
    Ok(Entry {
        meta: EntryMeta {
            id: EntryId(raw.id),
            uuid: decode_uuid(&raw.uuid)?,
            created: with_offset(raw.created_ms, raw.offset_s)?,
            updated: from_ms(raw.updated_ms),
            deleted: raw.deleted_ms.map(from_ms),
            revision: crate::domain::Revision(raw.revision),
        },
        content: EntryContent {
            common: Common {
                title: raw.title,
                body: raw.body,
                tags: entry_tags(conn, id)?,
                stress: decode_rating("stress", raw.stress)?,
                energy: decode_rating("energy", raw.energy)?,
                work_context: raw.work_context,
                flags: raw.flags,
            },
            details,
        },
    })
}

struct RawEntry {
    id: i64,
    uuid: String,
    kind: String,
    created_ms: i64,
    offset_s: i32,
    updated_ms: i64,
    title: Option<String>,
    body: String,
    stress: Option<i64>,
    energy: Option<i64>,
    work_context: Option<String>,
    flags: Flags,
    template: Option<String>,
    deleted_ms: Option<i64>,
    revision: i64,
}

pub(super) fn entry_tags(conn: &Connection, id: EntryId) -> Result<Vec<Tag>> {
    let names: Vec<String> = collect(
        conn,
        "SELECT t.name FROM entry_tags et JOIN tags t ON t.id = et.tag_id
         WHERE et.entry_id = ?1 ORDER BY t.name",
        id,
        |r| r.get(0),
    )?;
    names.iter().map(|n| decode_tag(n)).collect()
}

/// Append the WHERE conditions for `f` (the caller has written "WHERE "), once it is a
/// filter SQLite can take ([`EntryFilter::check`]).
pub(super) fn push_filter(sql: &mut String, args: &mut Vec<Value>, f: &EntryFilter) -> Result<()> {
    f.check()?;
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
    const HAS_TAG: &str = "EXISTS (SELECT 1 FROM entry_tags et JOIN tags t ON t.id = et.tag_id \
         WHERE et.entry_id = e.id AND t.name";
    if f.any_tag && !f.tags.is_empty() {
        let places = vec!["?"; f.tags.len()].join(", ");
        sql.push_str(&format!(" AND {HAS_TAG} IN ({places}))"));
        args.extend(f.tags.iter().map(|t| Value::Text(t.as_str().into())));
    } else {
        for tag in &f.tags {
            sql.push_str(&format!(" AND {HAS_TAG} = ?)"));
            args.push(Value::Text(tag.as_str().into()));
        }
    }
    for tag in &f.without_tags {
        sql.push_str(&format!(" AND NOT {HAS_TAG} = ?)"));
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
    if let Some((ms, id)) = f.after {
        sql.push_str(" AND (e.created_ms, e.id) > (?, ?)");
        args.extend([Value::Integer(ms), Value::Integer(id.0)]);
    }
    Ok(())
}

/// Read the columns selected by [`SUMMARY_COLUMNS`]; the outer result is SQLite's, the inner
/// one says whether the stored values could be decoded.
pub(super) fn summary_from_row(r: &Row<'_>) -> rusqlite::Result<Result<EntrySummary>> {
    let title: Option<String> = r.get(5)?;
    let body_start = text_start(r.get(6)?);
    let first_answer = text_start(r.get(14)?);
    let tags: Option<String> = r.get(13)?;
    let uuid: String = r.get(1)?;
    let kind: String = r.get(2)?;
    let (created_ms, offset_s): (i64, i32) = (r.get(3)?, r.get(4)?);
    let (stress, energy): (Option<i64>, Option<i64>) = (r.get(7)?, r.get(8)?);
    let flags = Flags {
        starred: r.get(9)?,
        for_supervision: r.get(10)?,
        unfinished: r.get(11)?,
    };
    let id = EntryId(r.get(0)?);
    let deleted = r.get::<_, Option<i64>>(12)?.map(from_ms);
    let work_context: Option<String> = r.get(15)?;
    let split = |v: Option<String>| -> Vec<String> {
        v.map(|v| v.split('\u{1e}').map(String::from).collect())
            .unwrap_or_default()
    };
    let body: Vec<(String, String)> = split(r.get(16)?)
        .into_iter()
        .filter_map(|pair| {
            pair.split_once('\u{1f}')
                .map(|(a, b)| (a.to_string(), b.to_string()))
        })
        .collect();
    let (emotions, difficulties) = (split(r.get(17)?), split(r.get(18)?));
    let learning: Option<String> = r.get(19)?;
    let recovery: Option<String> = r.get(20)?;
    let supervision: Option<String> = r.get(21)?;
    Ok((|| {
        Ok(EntrySummary {
            id,
            uuid: decode_uuid(&uuid)?,
            kind: decode_kind(&kind)?,
            created: with_offset(created_ms, offset_s)?,
            headline: match headline(title.as_deref(), &body_start) {
                "" => headline(None, &first_answer).to_string(),
                h => h.to_string(),
            },
            stress: decode_rating("stress", stress)?,
            energy: decode_rating("energy", energy)?,
            flags,
            deleted,
            gist: match (kind.as_str(), recovery) {
                ("checkin", _) => Gist::Checkin {
                    body,
                    emotions,
                    difficulties,
                },
                ("learning", _) => decode_learning_gist(learning.as_deref())?,
                ("supervision", _) => decode_supervision_gist(supervision.as_deref())?,
                ("recovery", Some(packed)) => {
                    let mut f = packed.split('\u{1f}');
                    let mut next = || f.next().filter(|v| !v.is_empty());
                    let activity = next().unwrap_or_default().to_string();
                    let number = |v: Option<&str>| v.and_then(|n| n.parse::<i64>().ok());
                    let (minutes, quality) = (number(next()), number(next()));
                    let movement = next().map(String::from);
                    Gist::Recovery(decode_recovery(activity, minutes, quality, movement)?)
                }
                _ => Gist::None,
            },
            work_context,
            tags: tags
                .unwrap_or_default()
                .split(' ')
                .filter(|t| !t.is_empty())
                .map(decode_tag)
                .collect::<Result<_>>()?,
        })
    })())
}

/// A supervision note's gist from its packed summary column (open actions, first due date).
fn decode_supervision_gist(packed: Option<&str>) -> Result<Gist> {
    let (open, due) = packed
        .unwrap_or("0\u{1f}")
        .split_once('\u{1f}')
        .unwrap_or(("0", ""));
    let corrupt = || Error::Corrupt {
        what: "a supervision note's open actions",
        value: packed.unwrap_or_default().to_string(),
    };
    Ok(Gist::Supervision {
        open: open.parse().map_err(|_| corrupt())?,
        first_due: match due {
            "" => None,
            d => Some(chrono::NaiveDate::parse_from_str(d, "%Y-%m-%d").map_err(|_| corrupt())?),
        },
    })
}

/// A learning activity's gist from its packed summary column (activity, minutes, reflected).
fn decode_learning_gist(packed: Option<&str>) -> Result<Gist> {
    let corrupt = || Error::Corrupt {
        what: "a learning activity",
        value: packed.unwrap_or("(no details)").to_string(),
    };
    let mut f = packed.ok_or_else(corrupt)?.split('\u{1f}');
    let activity = f.next().unwrap_or("").parse().map_err(|_| corrupt())?;
    let minutes = match f.next().unwrap_or("") {
        "" => None,
        m => Some(m.parse::<u32>().map_err(|_| corrupt())?),
    };
    Ok(Gist::Learning {
        activity,
        minutes,
        reflected: f.next() == Some("1"),
    })
}

fn with_offset(ms: i64, offset_s: i32) -> Result<DateTime<FixedOffset>> {
    let offset = FixedOffset::east_opt(offset_s).ok_or_else(|| Error::Corrupt {
        what: "a UTC offset",
        value: offset_s.to_string(),
    })?;
    Ok(from_ms(ms).with_timezone(&offset))
}

fn decode_uuid(s: &str) -> Result<Uuid> {
    Uuid::parse_str(s).map_err(|_| Error::Corrupt {
        what: "an entry UUID",
        value: s.escape_debug().to_string(),
    })
}

pub(super) fn decode_kind(s: &str) -> Result<Kind> {
    // The stored names exactly (no allocation: lists and trends decode one a row).
    if let Some(k) = Kind::ALL.into_iter().find(|k| k.as_str() == s) {
        return Ok(k);
    }
    s.parse().map_err(|_| Error::Corrupt {
        what: "an entry kind",
        value: s.escape_debug().to_string(),
    })
}

fn decode_tag(s: &str) -> Result<Tag> {
    Tag::parse(s).map_err(|_| Error::Corrupt {
        what: "a tag",
        value: s.escape_debug().to_string(),
    })
}

fn decode_rating(what: &'static str, v: Option<i64>) -> Result<Option<Rating>> {
    v.map(|n| {
        Rating::new(what, n).map_err(|_| Error::Corrupt {
            what: "a rating",
            value: n.to_string(),
        })
    })
    .transpose()
}
