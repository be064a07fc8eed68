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
    /// When it was made into a CPD record, and the peer reflection kept with it.
    pub cpd: Option<(DateTime<Utc>, Option<String>)>,
    /// For a supervision note: the entries (by UUID) its session covered.
    pub covered: Vec<Uuid>,
}

/// What an import brings in: an entry, or an item waiting for the next supervision agenda.
#[derive(Clone, Debug)]
pub enum Incoming {
    Entry(Box<ImportRow>),
    Queued {
        text: String,
        function: Option<crate::domain::Function>,
        added: DateTime<Utc>,
    },
    /// An entry of the file that cannot come in (it cannot be read, or is dated in the
    /// future): reported with the reason, in its place.
    Rejected(String),
    /// An entry the same as the one at this earlier position (from 1) of the file: it comes
    /// in once, and the report says so in its place.
    Merged(usize),
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
    /// The same as the entry at this earlier position (from 1) of the file, so kept once.
    Merged(usize),
}

/// The outcome of every row, in input order.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ImportReport {
    pub rows: Vec<RowOutcome>,
    /// Items put on the next supervision agenda (ones already there are not repeated).
    pub queued: usize,
}

impl ImportReport {
    /// How many rows were added, updated, skipped and rejected (rows merged into an
    /// earlier one are in none of them).
    pub fn counts(&self) -> (usize, usize, usize, usize) {
        let mut c = (0, 0, 0, 0);
        for r in &self.rows {
            match r {
                RowOutcome::Added(_) => c.0 += 1,
                RowOutcome::Updated(_) => c.1 += 1,
                RowOutcome::Skipped(_) => c.2 += 1,
                RowOutcome::Rejected(_) => c.3 += 1,
                RowOutcome::Merged(_) => {}
            }
        }
        c
    }
}

/// One entry in: added, updated (when newer and asked to), skipped or rejected, with its
/// trash state and CPD record. No savepoint a row: each would make the search index write its
/// pending words out, and an import of thousands of entries spent most of its time merging
/// those small pieces. A row that is not valid is rejected before any write; a write that
/// fails ends the whole import, and its transaction leaves nothing behind.
fn import_row(
    tx: &rusqlite::Connection,
    row: &ImportRow,
    on_conflict: OnConflict,
) -> Result<RowOutcome> {
    if let Err(e) = row.content.validate() {
        return Ok(RowOutcome::Rejected(e.to_string()));
    }
    let existing: Option<(i64, i64)> = tx
        .prepare_cached("SELECT id, updated_ms FROM entries WHERE uuid = ?1")?
        .query_row([row.uuid.to_string()], |r| Ok((r.get(0)?, r.get(1)?)))
        .optional()?;
    let outcome = match existing {
        None => RowOutcome::Added(insert_in(
            tx,
            &row.content,
            row.uuid,
            row.created,
            row.utc_offset_s,
            row.updated,
        )?),
        Some((id, updated_ms))
            if on_conflict == OnConflict::KeepNewer && row.updated > from_ms(updated_ms) =>
        {
            let id = EntryId(id);
            update_in(tx, id, &row.content, row.updated)?;
            RowOutcome::Updated(id)
        }
        Some((id, _)) => return Ok(RowOutcome::Skipped(EntryId(id))),
    };
    let (RowOutcome::Added(id) | RowOutcome::Updated(id)) = outcome else {
        return Ok(outcome);
    };
    // An entry added is live; only one in the trash, or one updated, needs its trash state
    // written (each UPDATE of an entry runs its triggers).
    if row.deleted.is_some() || matches!(outcome, RowOutcome::Updated(_)) {
        super::write::exec(
            tx,
            "UPDATE entries SET deleted_ms = ?2 WHERE id = ?1 AND deleted_ms IS NOT ?2",
            params![id.0, row.deleted.map(to_ms)],
        )?;
    }
    if let Some((made, peer)) = &row.cpd {
        super::write::exec(
            tx,
            "INSERT INTO cpd_records (entry_id, made_ms, peer) VALUES (?1, ?2, ?3)
             ON CONFLICT (entry_id) DO UPDATE SET made_ms = ?2, peer = ?3",
            params![id.0, to_ms(*made), peer],
        )?;
    }
    Ok(outcome)
}

/// Put an item on the next agenda unless the same item (text and time) is there; 1 if it was
/// added.
fn queue_in(
    tx: &rusqlite::Connection,
    text: &str,
    function: Option<crate::domain::Function>,
    added: DateTime<Utc>,
) -> Result<usize> {
    if text.trim().is_empty() {
        return Ok(0);
    }
    Ok(super::write::exec(
        tx,
        "INSERT INTO agenda_queue (text, function, added_ms)
         SELECT ?1, ?2, ?3 WHERE NOT EXISTS
             (SELECT 1 FROM agenda_queue WHERE text = ?1 AND added_ms = ?3)",
        params![
            text.trim(),
            function.map(crate::domain::Function::as_str),
            to_ms(added)
        ],
    )?)
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
        let items = rows.into_iter().map(|r| Ok(Incoming::Entry(Box::new(r))));
        self.import_stream(items, on_conflict, dry_run)
    }

    /// [`Store::import`] of rows as they are read: the first `Err` (a file that turns out
    /// malformed part way) ends the import with nothing of it kept, and is returned.
    pub fn import_stream(
        &mut self,
        rows: impl IntoIterator<Item = Result<Incoming>>,
        on_conflict: OnConflict,
        dry_run: bool,
    ) -> Result<ImportReport> {
        let path = self.path.clone();
        self.import_in_one(rows, on_conflict, dry_run)
            .map_err(|e| super::write_error(path.as_deref(), e))
    }

    fn import_in_one(
        &mut self,
        rows: impl IntoIterator<Item = Result<Incoming>>,
        on_conflict: OnConflict,
        dry_run: bool,
    ) -> Result<ImportReport> {
        self.check_file()?;
        let tx = self
            .conn
            .transaction_with_behavior(rusqlite::TransactionBehavior::Immediate)
            .map_err(crate::Error::from_sqlite)?;
        // Again under the lock (see Store::write).
        super::open::same_file(self.path.as_deref(), self.file)?;
        // The entries added get their place in the search index all at once, at the end
        // (see migration 7): those with ids above the largest there is now.
        let since: i64 =
            tx.query_row("SELECT coalesce(max(id), 0) FROM entries", [], |r| r.get(0))?;
        tx.execute(
            "INSERT INTO search_index_deferred (since_id) VALUES (?1)",
            [since],
        )?;
        let mut report = ImportReport::default();
        // Sessions and the entries they covered, linked once every entry is in.
        let mut covered: Vec<(EntryId, Vec<Uuid>)> = Vec::new();
        for item in rows {
            // Dropping the transaction rolls it back.
            let row = match item? {
                Incoming::Entry(row) => *row,
                Incoming::Queued {
                    text,
                    function,
                    added,
                } => {
                    report.queued += queue_in(&tx, &text, function, added)?;
                    continue;
                }
                Incoming::Rejected(why) => {
                    report.rows.push(RowOutcome::Rejected(why));
                    continue;
                }
                Incoming::Merged(with) => {
                    report.rows.push(RowOutcome::Merged(with));
                    continue;
                }
            };
            let outcome = import_row(&tx, &row, on_conflict)?;
            if let RowOutcome::Added(id) | RowOutcome::Updated(id) = outcome
                && !row.covered.is_empty()
            {
                covered.push((id, row.covered));
            }
            report.rows.push(outcome);
        }
        for (session, entries) in covered {
            for uuid in entries {
                super::write::exec(
                    &tx,
                    "INSERT OR IGNORE INTO session_entries (session_id, entry_id)
                     SELECT ?1, id FROM entries WHERE uuid = ?2",
                    params![session.0, uuid.to_string()],
                )?;
            }
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
