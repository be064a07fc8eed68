//! Checking a backup (read as it stands, into memory) and putting one back into the journal
//! in place. A live journal (its newest changes still in a `-wal` or `-journal` beside it)
//! is not checked or restored from: the file alone is not what SQLite would read.

use std::path::Path;

use rusqlite::Connection;

use super::backups::copy_database;
use super::{Store, open};
use crate::{Error, Result};

/// What verifying a backup found.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Verified {
    pub entries: i64,
    pub schema: i64,
    /// Empty when the copy is sound.
    pub problems: Vec<String>,
}

/// Refuse a file whose newest state is partly in a write-ahead log or a rollback journal
/// beside it (a journal in use, or a copy taken with its `-wal`): checking the file alone
/// would check something else than what SQLite reads.
fn not_live(path: &Path) -> Result<()> {
    for side in ["-wal", "-journal"] {
        let beside = open::side_file(path, side);
        if beside.symlink_metadata().is_ok_and(|m| m.len() > 0) {
            return Err(Error::Conflict(format!(
                "{} is a journal in use: its newest changes are in {} beside it, which a check of the file alone would miss; make a backup of it first (debrief --db {} backup) and use that",
                path.display(),
                beside.display(),
                path.display()
            )));
        }
    }
    Ok(())
}

impl Store {
    /// How many entries the journal holds, the trash included.
    pub fn count_entries(&self) -> Result<usize> {
        let n: i64 = self
            .conn
            .query_row("SELECT count(*) FROM entries", [], |r| r.get(0))?;
        Ok(usize::try_from(n).unwrap_or(0))
    }

    /// Check the backup at `path` without changing it: it is read into memory, and the copy
    /// is checked (the file, the search index) and its entries counted.
    pub fn verify_backup(path: &Path, key: Option<&crate::secret::Passphrase>) -> Result<Verified> {
        // Read as it stands, creating nothing beside it (no -wal, no -shm): a backup is
        // never written while it is checked. Older versions are read too.
        if !path.is_file() {
            return Err(Error::NotFound {
                what: "backup",
                id: path.display().to_string(),
            });
        }
        not_live(path)?;
        // An encrypted backup is read with the key given, into memory under that key.
        let key = open::key_for(path, key)?;
        let key = key.as_ref();
        let conn = open::open_immutable(path).map_err(|e| open::open_error(path, e))?;
        super::cipher::key(&conn, path, key)?;
        open::check_identity(&conn, path, super::migrations::STEPS.len())?;
        let mut copy = Connection::open_in_memory()?;
        // The copy in memory under the same key (SQLCipher copies only between alike).
        super::cipher::key(&copy, path, key)?;
        copy_database(&conn, &mut copy)?;
        let copy = Store {
            conn: copy,
            path: None,
            file: None,
            key: None,
        };
        // Whatever fails from here on is damage in the copy, reported as such.
        let mut problems = Vec::new();
        let entries = copy
            .conn
            .query_row("SELECT count(*) FROM entries", [], |r| r.get(0))
            .unwrap_or_else(|e| {
                problems.push(format!("the entries cannot be counted: {e}"));
                0
            });
        match copy.check_integrity() {
            Ok(found) => problems.extend(found),
            Err(e) => problems.push(e.to_string()),
        }
        Ok(Verified {
            entries,
            schema: copy.schema_version()?,
            problems,
        })
    }

    /// Replace the journal's whole content with the backup at `path`, in place and in one
    /// step (SQLite's backup API into this connection). Check the backup first. An encrypted
    /// backup is read with `key` (one made under an earlier passphrase), else with the
    /// journal's; what is restored keeps the journal's passphrase, and its id (a backup of
    /// another journal does not make this one that journal). A backup from an older debrief
    /// is brought up to date at once. Only while nobody else has the journal open (else
    /// [`Error::InUse`]); the store keeps it to itself until closed.
    pub fn restore_from(
        &mut self,
        path: &Path,
        key: Option<&crate::secret::Passphrase>,
    ) -> Result<()> {
        self.check_file()?;
        not_live(path)?;
        let encrypted = super::cipher::looks_encrypted(path);
        if encrypted != self.key.is_some() {
            let (backup, journal, first) = match encrypted {
                true => ("encrypted", "plain", "encrypt"),
                false => ("plain", "encrypted", "decrypt"),
            };
            return Err(Error::Conflict(format!(
                "{} is {backup}, and the journal is {journal}: a backup is restored into a journal like it; {first} the journal first (debrief {first})",
                path.display(),
            )));
        }
        // Read as it stands: a copy in WAL mode grows no -wal and -shm beside it.
        let source = open::open_immutable(path).map_err(|e| open::open_error(path, e))?;
        super::cipher::key(&source, path, key.or(self.key.as_ref()))?;
        let own = self.journal_id()?;
        // A window still open on the journal would go on with drafts and screens the backup
        // does not have.
        open::take_sole_use(&self.conn)?;
        copy_database(&source, &mut self.conn)?;
        self.migrate(super::migrations::STEPS)?;
        self.conn.pragma_update(None, "foreign_keys", "ON")?;
        if let Some(id) = own {
            self.conn
                .execute("UPDATE journal_identity SET id = ?1 WHERE only = 1", [id])?;
        }
        Ok(())
    }

    /// The journal's passphrase, when it is encrypted.
    pub fn key(&self) -> Option<&crate::secret::Passphrase> {
        self.key.as_ref()
    }
}
