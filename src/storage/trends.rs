//! The compact rows trends are computed from: one query per table over the period, joined
//! in memory by entry id, so no entry's text is ever read.

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
        let mut ids: Vec<i64> = Vec::new();
        let mut stmt = self.conn.prepare_cached(&format!(
            "SELECT e.id, e.created_ms, e.utc_offset_s, e.kind, e.stress, e.work_context
             FROM entries e INDEXED BY entries_trends WHERE {IN_PERIOD} ORDER BY e.created_ms, e.id"
        ))?;
        let mut raw = stmt.query(period)?;
        while let Some(r) = raw.next()? {
            let (id, created, offset) = (r.get(0)?, r.get(1)?, r.get(2)?);
            let kind = decode_kind(r.get_ref(3)?.as_str().map_err(rusqlite::Error::from)?)?;
            let (stress, context): (Option<i64>, Option<String>) = (r.get(4)?, r.get(5)?);
            let offset = FixedOffset::east_opt(offset).ok_or_else(|| Error::Corrupt {
                what: "a UTC offset",
                value: offset.to_string(),
            })?;
            let local = from_ms(created).with_timezone(&offset);
            ids.push(id);
            rows.push(TrendRow {
                day: local.date_naive(),
                weekday: local.weekday().num_days_from_monday() as u8,
                hour: local.hour() as u8,
                kind,
                stress: stress
                    .map(|s| super::details::small("stress", s, 0..=10))
                    .transpose()?,
                context,
                ..TrendRow::default()
            });
        }
        drop(raw);
        self.add_details(&mut rows, &ids)?;
        Ok(rows)
    }

    /// Tags, flags, sensations, emotions and recovery of `rows`, whose entry ids are `ids`.
    fn add_details(&self, rows: &mut [TrendRow], ids: &[i64]) -> Result<()> {
        // The detail rows of the period's entries, by the range of their ids (an index walk,
        // no lookup in `entries`); kept when the entry is one of the period's. Ids are dense,
        // so a table from id to row replaces a hash map.
        let (lo, hi) = (
            ids.iter().min().copied().unwrap_or(0),
            ids.iter().max().copied().unwrap_or(-1),
        );
        let mut index = vec![u32::MAX; usize::try_from(hi - lo + 1).unwrap_or(0)];
        for (i, id) in ids.iter().enumerate() {
            index[(id - lo) as usize] = i as u32;
        }
        let row_of = |id: i64| {
            usize::try_from(id - lo)
                .ok()
                .and_then(|k| index.get(k))
                .filter(|i| **i != u32::MAX)
                .map(|i| *i as usize)
        };
        let mut each = |sql: &str,
                        f: &mut dyn FnMut(&mut TrendRow, &rusqlite::Row<'_>) -> Result<()>|
         -> Result<()> {
            let mut stmt = self.conn.prepare_cached(sql)?;
            let mut q = stmt.query(params![lo, hi])?;
            while let Some(r) = q.next()? {
                if let Some(i) = row_of(r.get(0)?) {
                    f(&mut rows[i], r)?;
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
            &join("body_sensations", "x.region, x.intensity, x.sensation"),
            &mut |row, r| {
                let i = super::details::small("intensity", r.get(2)?, 0..=3)?;
                row.body.push((r.get(1)?, i));
                row.sensations.push(r.get(3)?);
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
}
