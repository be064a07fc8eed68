//! Reviews already answered: the reflections linked to a review's period, found by kind.

use rusqlite::{OptionalExtension, params};

use super::{Store, from_ms};
use crate::Result;
use crate::domain::EntryId;
use crate::domain::reviewed::{ReviewKind, ReviewOf};

impl Store {
    /// The newest live reflection answering a review of `kind`, and the period it covered.
    pub fn last_review(&self, kind: ReviewKind) -> Result<Option<(EntryId, ReviewOf)>> {
        let row: Option<(i64, i64, i64)> = self
            .conn
            .prepare_cached(
                "SELECT r.entry_id, r.from_ms, r.to_ms FROM review_periods r
                 JOIN entries e ON e.id = r.entry_id
                 WHERE r.kind = ?1 AND e.deleted_ms IS NULL
                 ORDER BY r.to_ms DESC, r.entry_id DESC LIMIT 1",
            )?
            .query_row(params![kind.as_str()], |r| {
                Ok((r.get(0)?, r.get(1)?, r.get(2)?))
            })
            .optional()?;
        Ok(row.map(|(id, from, to)| {
            (
                EntryId(id),
                ReviewOf {
                    kind,
                    from: from_ms(from),
                    to: from_ms(to),
                },
            )
        }))
    }
}
