//! Bringing many entries in at once (imports, generated journals): one transaction, entries
//! matched by UUID, and a report that says for every row what happened to it.

use chrono::{DateTime, Utc};
use rusqlite::{OptionalExtension, params};
use uuid::Uuid;

use super::write::{insert_in, update_in};
use super::{Store, from_ms, to_ms};
use crate::Result;
use crate::domain::{EntryContent, EntryId};

/// One entry to bring in, with its identity and timestamps.
#[derive(Clone, Debug)]
pub struct ImportRow {
    pub uuid: Uuid,
    pub created: DateTime<Utc>,
    pub utc_offset_s: i32,
    /// When it was last changed where it comes from (decides [`OnConflict::KeepNewer`]).
    pub updated: DateTime<Utc>,
    pub deleted: Option<DateTime<Utc>>,
    pub content: EntryContent,
}

/// What to do with a row whose UUID is already in the journal.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum OnConflict {
    /// Leave the journal's entry as it is.
    Skip,
    /// Replace the journal's entry when the row was changed more recently.
    KeepNewer,
}

/// What happened to one row.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum RowOutcome {
    Added(EntryId),
    Updated(EntryId),
    /// Already there (and not older).
    Skipped(EntryId),
    /// Not valid; nothing of it was written. The reason is for the user.
    Rejected(String),
}

/// The outcome of every row, in input order.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ImportReport {
    pub rows: Vec<RowOutcome>,
}

impl ImportReport {
    /// How many rows were added, updated, skipped and rejected.
    pub fn counts(&self) -> (usize, usize, usize, usize) {
        let mut c = (0, 0, 0, 0);
        for r in &self.rows {
            match r {
                RowOutcome::Added(_) => c.0 += 1,
                RowOutcome::Updated(_) => c.1 += 1,
                RowOutcome::Skipped(_) => c.2 += 1,
                RowOutcome::Rejected(_) => c.3 += 1,
            }
        }
        c
    }
}

impl Store {
    /// Bring `rows` in, in one transaction. A row that is not valid is rejected on its own
    /// (reported, nothing of it written) and the others go on; a write that fails ends the
    /// import with nothing of it kept. With `dry_run` nothing is kept: the report says what
    /// would happen.
    pub fn import(
        &mut self,
        rows: impl IntoIterator<Item = ImportRow>,
        on_conflict: OnConflict,
        dry_run: bool,
    ) -> Result<ImportReport> {
        self.import_stream(rows.into_iter().map(Ok), on_conflict, dry_run)
    }

    /// [`Store::import`] of rows as they are read: the first `Err` (a file that turns out
    /// malformed part way) ends the import with nothing of it kept, and is returned.
    pub fn import_stream(
        &mut self,
        rows: impl IntoIterator<Item = Result<ImportRow>>,
        on_conflict: OnConflict,
        dry_run: bool,
    ) -> Result<ImportReport> {
        self.check_file()?;
        let tx = self
            .conn
            .transaction_with_behavior(rusqlite::TransactionBehavior::Immediate)
            .map_err(crate::Error::from_sqlite)?;
        // The entries added get their place in the search index all at once, at the end
        // (see migration 7): those with ids above the largest there is now.
        let since: i64 =
            tx.query_row("SELECT coalesce(max(id), 0) FROM entries", [], |r| r.get(0))?;
        tx.execute(
            "INSERT INTO search_index_deferred (since_id) VALUES (?1)",
            [since],
        )?;
        let mut report = ImportReport::default();
        for row in rows {
            // Dropping the transaction rolls it back.
            let row = row?;
            if let Err(e) = row.content.validate() {
                report.rows.push(RowOutcome::Rejected(e.to_string()));
                continue;
            }
            let existing: Option<(i64, i64)> = tx
                .prepare_cached("SELECT id, updated_ms FROM entries WHERE uuid = ?1")?
                .query_row([row.uuid.to_string()], |r| Ok((r.get(0)?, r.get(1)?)))
                .optional()?;
            // No savepoint a row: each would make the search index write its pending words
            // out, and an import of thousands of entries spent most of its time merging those
            // small pieces. A row that is not valid was rejected above; a write that fails
            // here ends the whole import, and the transaction leaves nothing behind.
            let outcome = match existing {
                None => RowOutcome::Added(insert_in(
                    &tx,
                    &row.content,
                    row.uuid,
                    row.created,
                    row.utc_offset_s,
                    row.updated,
                )?),
                Some((id, updated_ms))
                    if on_conflict == OnConflict::KeepNewer
                        && row.updated > from_ms(updated_ms) =>
                {
                    let id = EntryId(id);
                    update_in(&tx, id, &row.content, row.updated)?;
                    RowOutcome::Updated(id)
                }
                Some((id, _)) => RowOutcome::Skipped(EntryId(id)),
            };
            // An entry added is live; only one in the trash, or one updated, needs its trash
            // state written (each UPDATE of an entry runs its triggers).
            let trash = match outcome {
                RowOutcome::Added(id) if row.deleted.is_some() => Some(id),
                RowOutcome::Updated(id) => Some(id),
                _ => None,
            };
            if let Some(id) = trash {
                super::write::exec(
                    &tx,
                    "UPDATE entries SET deleted_ms = ?2 WHERE id = ?1 AND deleted_ms IS NOT ?2",
                    params![id.0, row.deleted.map(to_ms)],
                )?;
            }
            report.rows.push(outcome);
        }
        tx.execute(
            "INSERT INTO entries_fts (rowid, title, body, answers, tags, words)
             SELECT id, title, body, answers, tags, words FROM entry_search_source WHERE id > ?1",
            [since],
        )?;
        tx.execute("DELETE FROM search_index_deferred", [])?;
        if dry_run {
            tx.rollback()?;
        } else {
            tx.commit().map_err(crate::Error::from_sqlite)?;
        }
        Ok(report)
    }
}
