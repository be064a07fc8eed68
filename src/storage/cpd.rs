//! Which entries were made into CPD records, when, and the peer reflection kept with each.
//! Which registration year a record counts for is the journal layer's (`journal::cpd`).

use chrono::{DateTime, Utc};
use rusqlite::{OptionalExtension, params};

use super::{Store, from_ms, to_ms};
use crate::Result;
use crate::domain::EntryId;

/// An entry made into a CPD record.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CpdMark {
    pub entry: EntryId,
    pub made: DateTime<Utc>,
    pub peer: Option<String>,
}

impl Store {
    /// Record that entry `id` was made into a CPD record `now`; `peer` replaces the peer
    /// reflection kept with it (`None` keeps the one there is). Made again, it keeps the
    /// first date.
    pub fn mark_cpd(
        &mut self,
        id: EntryId,
        now: DateTime<Utc>,
        peer: Option<&str>,
    ) -> Result<CpdMark> {
        self.write(|tx| {
            tx.execute(
                "INSERT INTO cpd_records (entry_id, made_ms, peer) VALUES (?1, ?2, ?3)
                 ON CONFLICT (entry_id) DO UPDATE SET peer = coalesce(?3, peer)",
                params![id.0, to_ms(now), peer],
            )?;
            Ok(())
        })?;
        Ok(self.cpd_mark(id)?.unwrap_or(CpdMark {
            entry: id,
            made: now,
            peer: peer.map(String::from),
        }))
    }

    /// Entry `id`'s CPD record, if it was made into one.
    pub fn cpd_mark(&self, id: EntryId) -> Result<Option<CpdMark>> {
        Ok(self
            .conn
            .prepare_cached("SELECT made_ms, peer FROM cpd_records WHERE entry_id = ?1")?
            .query_row([id.0], |r| {
                Ok(CpdMark {
                    entry: id,
                    made: from_ms(r.get(0)?),
                    peer: r.get(1)?,
                })
            })
            .optional()?)
    }

    /// Unmake entry `id`'s record; `false` when it was not one.
    pub fn unmark_cpd(&mut self, id: EntryId) -> Result<bool> {
        self.write(|tx| Ok(tx.execute("DELETE FROM cpd_records WHERE entry_id = ?1", [id.0])? > 0))
    }

    /// Every record of a live entry, by entry. (A person makes tens a year: the caller
    /// reads each entry to find its CPD date.)
    pub fn cpd_marks_all(&self) -> Result<Vec<CpdMark>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT c.entry_id, c.made_ms, c.peer FROM cpd_records c
             JOIN entries e ON e.id = c.entry_id AND e.deleted_ms IS NULL
             ORDER BY c.entry_id",
        )?;
        let rows = stmt.query_map([], |r| {
            Ok(CpdMark {
                entry: EntryId(r.get(0)?),
                made: from_ms(r.get(1)?),
                peer: r.get(2)?,
            })
        })?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }
}
