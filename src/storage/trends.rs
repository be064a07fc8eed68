//! The compact rows trends are computed from: one query per table over the period, joined
//! in memory by entry id, so no entry's text is ever read.

use std::collections::HashMap;

use chrono::{DateTime, Datelike, FixedOffset, Timelike, Utc};
use rusqlite::params;

use super::details::decode_recovery;
use super::entries::decode_kind;
use super::{Store, from_ms, to_ms};
use crate::analytics::TrendRow;
use crate::{Error, Result};

/// The live entries' conditions for a period; `?1` from and `?2` to, in milliseconds.
const IN_PERIOD: &str = "e.deleted_ms IS NULL AND e.created_ms >= ?1 AND e.created_ms < ?2";

impl Store {
    /// A row for each live entry written in [from, to), oldest first.
    pub fn trend_rows(&self, from: DateTime<Utc>, to: DateTime<Utc>) -> Result<Vec<TrendRow>> {
        let period = params![to_ms(from), to_ms(to)];
        let mut rows = Vec::new();
        let mut index: HashMap<i64, usize> = HashMap::new();
        let mut stmt = self.conn.prepare_cached(&format!(
            "SELECT e.id, e.created_ms, e.utc_offset_s, e.kind, e.stress, e.work_context
             FROM entries e INDEXED BY entries_trends WHERE {IN_PERIOD} ORDER BY e.created_ms, e.id"
        ))?;
        let raw = stmt.query_map(period, |r| {
            Ok((
                r.get::<_, i64>(0)?,
                r.get::<_, i64>(1)?,
                r.get::<_, i32>(2)?,
                r.get::<_, String>(3)?,
                r.get::<_, Option<i64>>(4)?,
                r.get::<_, Option<String>>(5)?,
            ))
        })?;
        for row in raw {
            let (id, created, offset, kind, stress, context) = row?;
            let offset = FixedOffset::east_opt(offset).ok_or_else(|| Error::Corrupt {
                what: "a UTC offset",
                value: offset.to_string(),
            })?;
            let local = from_ms(created).with_timezone(&offset);
            index.insert(id, rows.len());
            rows.push(TrendRow {
                day: local.date_naive(),
                weekday: local.weekday().num_days_from_monday() as u8,
                hour: local.hour() as u8,
                kind: decode_kind(&kind)?,
                stress: stress
                    .map(|s| super::details::small("stress", s, 0..=10))
                    .transpose()?,
                context,
                ..TrendRow::default()
            });
        }
        self.add_details(&mut rows, &index)?;
        Ok(rows)
    }

    /// Tags, flags, sensations, emotions and recovery of the rows `index` maps from ids.
    fn add_details(&self, rows: &mut [TrendRow], index: &HashMap<i64, usize>) -> Result<()> {
        // The detail rows of the period's entries, by the range of their ids (an index walk,
        // no lookup in `entries`); kept when the entry is one of the period's.
        let ids = (
            index.keys().min().copied().unwrap_or(0),
            index.keys().max().copied().unwrap_or(-1),
        );
        let mut each = |sql: &str,
                        f: &mut dyn FnMut(&mut TrendRow, &rusqlite::Row<'_>) -> Result<()>|
         -> Result<()> {
            let mut stmt = self.conn.prepare_cached(sql)?;
            let mut q = stmt.query(params![ids.0, ids.1])?;
            while let Some(r) = q.next()? {
                if let Some(i) = index.get(&r.get::<_, i64>(0)?) {
                    f(&mut rows[*i], r)?;
                }
            }
            Ok(())
        };
        let join = |table: &str, cols: &str| {
            format!("SELECT x.entry_id, {cols} FROM {table} x WHERE x.entry_id BETWEEN ?1 AND ?2")
        };
        each(
            "SELECT x.entry_id, t.name FROM entry_tags x JOIN tags t ON t.id = x.tag_id
             WHERE x.entry_id BETWEEN ?1 AND ?2",
            &mut |row, r| {
                row.tags.push(r.get(1)?);
                Ok(())
            },
        )?;
        each(&join("difficulty_flags", "x.flag"), &mut |row, r| {
            row.difficulties.push(r.get(1)?);
            Ok(())
        })?;
        each(
            &join("body_sensations", "x.region, x.intensity"),
            &mut |row, r| {
                let i = super::details::small("intensity", r.get(2)?, 0..=3)?;
                row.body.push((r.get(1)?, i));
                Ok(())
            },
        )?;
        each(&join("emotions", "x.word"), &mut |row, r| {
            row.emotions.push(r.get(1)?);
            Ok(())
        })?;
        each(
            &join("recovery", "x.activity, x.minutes, x.quality, x.movement"),
            &mut |row, r| {
                row.recovery = Some(decode_recovery(r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?)?);
                Ok(())
            },
        )?;
        Ok(())
    }

    /// When the oldest live entry was written, if there is one.
    pub fn first_written(&self) -> Result<Option<DateTime<Utc>>> {
        let ms: Option<i64> = self.conn.query_row(
            "SELECT min(created_ms) FROM entries WHERE deleted_ms IS NULL",
            [],
            |r| r.get(0),
        )?;
        Ok(ms.map(from_ms))
    }
}
