//! The only place with SQL. [`Store`] owns the rusqlite connection: opening it in steps
//! (sniff the file, check it is a debrief journal of a version we know, pragmas, back up,
//! migrate), and one file per concern: reading entries, writing them, imports, drafts, search.

mod backup_files;
pub mod backups;
mod changes;
pub mod cipher;
mod cpd;
mod details;
mod drafts;
mod entries;
mod import;
mod interrupts;
mod kept;
pub mod leftovers;
mod migrations;
pub mod names;
mod open;
mod restore;
mod reviews;
pub mod search;
pub mod sessions;
mod supervision;
mod swap;
#[cfg(test)]
pub(crate) mod testing;
pub mod texts;
mod trend_days;
mod trends;
mod workfile;
mod write;
mod write_details;

use std::path::{Path, PathBuf};
use std::time::Duration;

use chrono::{DateTime, Utc};
use rusqlite::{Connection, OpenFlags, TransactionBehavior};

pub use cpd::CpdMark;
pub use drafts::StoredDraft;
pub use import::{ImportReport, ImportRow, Incoming, OnConflict, RowOutcome};
pub use migrations::{LATEST_VERSION, migrations};
pub use open::{create_new_private_file, create_private_dir, create_private_file};
pub use search::{RANK_WINDOW, SearchHit, fts_query};
pub use swap::Changed;
pub use write::SaveTarget;

use crate::{Error, Result};

/// How long a write waits for another debrief process before giving up.
pub const DEFAULT_BUSY_TIMEOUT: Duration = Duration::from_secs(5);

/// The `application_id` a debrief journal carries in its header (the bytes "dbrf"), written
/// by the second migration; journals made before it are recognised by their tables.
pub const APPLICATION_ID: i64 = 0x6462_7266;

/// Options for [`Store::open`].
#[derive(Clone, Debug)]
pub struct StoreOptions {
    /// Where to copy the journal before a migration changes it.
    pub backups: PathBuf,
    pub busy_timeout: Duration,
    /// Used to name backup files.
    pub now: DateTime<Utc>,
    /// The passphrase of an encrypted journal (ignored for a plain one; a new journal is
    /// created encrypted with it).
    pub key: Option<crate::secret::Passphrase>,
}

/// The journal: one SQLite connection and the operations on it.
pub struct Store {
    conn: Connection,
    path: Option<PathBuf>,
    /// The file opened, checked before every write.
    file: Option<open::FileId>,
    /// The passphrase, for an encrypted journal (its backups are encrypted with it too).
    key: Option<crate::secret::Passphrase>,
}

impl std::fmt::Debug for Store {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Store").field("path", &self.path).finish()
    }
}

impl Store {
    /// Open (creating if needed) the journal at `path` and bring its schema up to date.
    ///
    /// A directory, a file that is not SQLite, or a journal from a newer debrief is refused
    /// and left untouched. An existing journal is copied to `options.backups` before migrating.
    pub fn open(path: &Path, options: &StoreOptions) -> Result<Store> {
        Store::open_with(path, options, migrations::STEPS)
    }

    /// [`Store::open`] with an explicit migration list (the shipped one, or one step more in
    /// tests of upgrades).
    fn open_with(path: &Path, options: &StoreOptions, steps: &[&'static str]) -> Result<Store> {
        // 1-3. Sniff the file, connect, key an encrypted journal, read its version.
        let open::Connected {
            conn,
            key,
            version,
            file,
        } = open::connect(path, options, steps.len())?;
        // 4. Pragmas and private modes, 5. a backup before an existing journal's layout
        //    changes, 6. migrate.
        open::set_pragmas(&conn, options.busy_timeout).map_err(|e| open::open_error(path, e))?;
        open::tighten_modes(path);
        let mut store = Store {
            conn,
            path: Some(path.to_path_buf()),
            file,
            key,
        };
        if version > 0 && (version as usize) < steps.len() {
            let kind = backups::BackupKind::BeforeMigration(version);
            let id = store.journal_id()?;
            store.backup_to(&backups::name(
                &options.backups,
                id.as_deref(),
                kind,
                options.now,
            ))?;
        }
        store.migrate(steps).map_err(|e| match e {
            Error::Database(e) => open::open_error(path, e),
            other => other,
        })?;
        store.conn.pragma_update(None, "foreign_keys", "ON")?;
        // Best effort: a journal busy elsewhere opens all the same, and is tidied next time.
        let _ = open::forget_value_statistics(&store.conn);
        Ok(store)
    }

    /// Open an existing journal for reading only (a journal on a read-only disk or owned by
    /// someone else can still be listed and searched). It must already be at this version:
    /// a journal that needs upgrading has to be opened once where it can be written.
    pub fn open_read_only(path: &Path, key: Option<&crate::secret::Passphrase>) -> Result<Store> {
        let latest = migrations::STEPS.len();
        if !path.exists() {
            return Err(Error::NotWritable {
                path: path.to_path_buf(),
                reason: "there is no journal there yet".into(),
            });
        }
        let key = open::key_for(path, key)?;
        if key.is_none() {
            open::prepare_file(path, latest)?;
        }
        let flags = OpenFlags::SQLITE_OPEN_READ_ONLY
            | OpenFlags::SQLITE_OPEN_NO_MUTEX
            | OpenFlags::SQLITE_OPEN_URI;
        let keyed = |c: Connection| -> Result<Connection> {
            cipher::key(&c, path, key.as_ref())?;
            c.query_row("SELECT count(*) FROM sqlite_schema", [], |_| Ok(()))?;
            Ok(c)
        };
        let conn = match Connection::open_with_flags(path, flags)
            .map_err(Error::from)
            .and_then(keyed)
        {
            Err(e @ Error::WrongPassphrase { .. }) => return Err(e),
            Ok(c) => c,
            // A WAL journal whose folder cannot take a -shm (read-only, or a full disk): the
            // file as it stands, unless changes wait in its -wal (SQLite cannot read them
            // without a -shm, and what it showed would be missing them).
            Err(_) if open::wal_has_frames(path) => {
                return Err(Error::NotWritable {
                    path: path.to_path_buf(),
                    reason: "its latest changes wait in its -wal, which cannot be read without room for a -shm beside it (a full disk, or a folder that cannot be written): free some space".into(),
                });
            }
            Err(_) => open::open_immutable(path)
                .map_err(|e| open::open_error(path, e))
                .and_then(keyed)?,
        };
        let version = open::check_identity(&conn, path, latest)?;
        kept::keep(path);
        if version as usize != latest {
            return Err(Error::NotWritable {
                path: path.to_path_buf(),
                reason: format!(
                    "it is read-only and needs upgrading from version {version}; open it once where it can be written"
                ),
            });
        }
        Ok(Store {
            conn,
            path: Some(path.to_path_buf()),
            file: None,
            key,
        })
    }

    /// A private journal in memory, for tests and benchmarks.
    pub fn open_in_memory() -> Result<Store> {
        let conn = Connection::open_in_memory()?;
        let mut store = Store {
            conn,
            path: None,
            file: None,
            key: None,
        };
        store.migrate(migrations::STEPS)?;
        store.conn.pragma_update(None, "foreign_keys", "ON")?;
        Ok(store)
    }

    /// A number that changes whenever another connection (another debrief) commits a change
    /// to the journal: cheap to ask, so an open interface can notice and refresh.
    pub fn data_version(&self) -> Result<i64> {
        Ok(self
            .conn
            .query_row("PRAGMA data_version", [], |r| r.get(0))?)
    }

    /// The schema version recorded in the file.
    pub fn schema_version(&self) -> Result<i64> {
        Ok(self
            .conn
            .query_row("PRAGMA user_version", [], |r| r.get(0))?)
    }

    /// Put the journal under the passphrase `to` (`None`: plain): a copy under it is made
    /// in a new working file while nobody else has the journal open (else
    /// [`Error::InUse`]), checked, and swapped in for the journal, whose old bytes are then
    /// overwritten and removed; no other file is touched, and an interruption is undone or
    /// finished (see `swap`). The store is closed; open the journal again after.
    pub fn change_encryption(self, to: Option<&crate::secret::Passphrase>) -> Result<Changed> {
        swap::change(self, to)
    }

    /// Change the passphrase of an encrypted journal (SQLCipher's `rekey`, in place), while
    /// nobody else has it open (else [`Error::InUse`]): a window still open on the journal
    /// would go on reading it under the old key. The store keeps the journal to itself
    /// until it is closed.
    pub fn change_passphrase(&mut self, to: &crate::secret::Passphrase) -> Result<()> {
        self.check_file()?;
        if self.key.is_none() {
            return Err(Error::Conflict(
                "the journal is not encrypted: `debrief encrypt` gives it a passphrase".into(),
            ));
        }
        open::take_sole_use(&self.conn)?;
        self.conn.pragma_update(None, "rekey", to.expose())?;
        self.key = Some(to.clone());
        Ok(())
    }

    /// Refresh the query planner's statistics (after a bulk import).
    pub fn optimize(&self) -> Result<()> {
        self.conn.execute_batch("ANALYZE; PRAGMA optimize;")?;
        open::forget_value_statistics(&self.conn)
    }

    /// Check the database file and the search index; returns the problems found (none: empty).
    pub fn check_integrity(&self) -> Result<Vec<String>> {
        let mut problems: Vec<String> = self
            .conn
            .prepare("PRAGMA integrity_check")?
            .query_map([], |r| r.get::<_, String>(0))?
            .collect::<rusqlite::Result<Vec<_>>>()?
            .into_iter()
            .filter(|line| line != "ok")
            .collect();
        if let Err(e) = self.conn.execute(
            // With rank 1 the index is also compared with the content it is made from: it
            // must equal a rebuild.
            "INSERT INTO entries_fts (entries_fts, rank) VALUES ('integrity-check', 1)",
            [],
        ) {
            problems.push(format!("search index: {e}"));
        }
        Ok(problems)
    }

    fn migrate(&mut self, steps: &[&'static str]) -> Result<()> {
        // Take the write lock up front, so two processes opening a new journal at once
        // queue on the busy timeout instead of failing on a lock upgrade.
        self.conn
            .set_transaction_behavior(TransactionBehavior::Immediate);
        // Foreign keys are off while migrating (SQLite's own procedure for changing a
        // table's layout): rebuilding a parent table must not cascade into its children.
        // They are checked when turned back on.
        self.conn.pragma_update(None, "foreign_keys", "OFF")?;
        let result = migrations::migrations_of(steps).to_latest(&mut self.conn);
        self.conn
            .set_transaction_behavior(TransactionBehavior::Deferred);
        // Another process may have migrated between our version check and our lock:
        // its migration is atomic, so a journal now at the latest version is ready.
        if result.is_err() && self.schema_version().ok() == Some(steps.len() as i64) {
            return Ok(());
        }
        result.map_err(|e| match e {
            rusqlite_migration::Error::RusqliteError { err, .. } => Error::from_sqlite(err),
            other => Error::Migration(other),
        })
    }

    /// Is the file at the journal's path still the one opened? (See [`open::same_file`].)
    fn check_file(&self) -> Result<()> {
        open::same_file(self.path.as_deref(), self.file)
    }

    /// Run `f` inside an immediate (write-locking) transaction. A journal that cannot be
    /// written, or a full disk, is said as such ([`Error::ReadOnly`], [`Error::DiskFull`]).
    fn write<T>(&mut self, f: impl FnOnce(&rusqlite::Transaction<'_>) -> Result<T>) -> Result<T> {
        self.check_file()?;
        let path = self.path.clone();
        let written = (|| {
            let tx = self
                .conn
                .transaction_with_behavior(TransactionBehavior::Immediate)?;
            // Again under the lock: the journal may have been swapped for its encrypted (or
            // decrypted) copy while this waited for it, and a write to the old file would be
            // lost.
            open::same_file(self.path.as_deref(), self.file)?;
            let value = f(&tx)?;
            tx.commit()?;
            Ok(value)
        })();
        written.map_err(|e| write_error(path.as_deref(), e))
    }
}

/// What a failed write says: busy, read-only or a full disk (of the disk holding the
/// journal at `path`) in so many words; other failures as they are.
pub(crate) fn write_error(path: Option<&Path>, e: Error) -> Error {
    match path {
        Some(path) => e.or_disk_full(&crate::paths::journal_dir(path)),
        None => match e {
            Error::Database(e) => Error::from_sqlite(e),
            other => other,
        },
    }
}

/// Milliseconds since the epoch for an instant.
pub(crate) fn to_ms(at: DateTime<Utc>) -> i64 {
    at.timestamp_millis()
}

/// The instant for milliseconds since the epoch.
pub(crate) fn from_ms(ms: i64) -> DateTime<Utc> {
    DateTime::<Utc>::from_timestamp_millis(ms).unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::{EntryContent, EntryFilter};

    fn options(dir: &Path) -> StoreOptions {
        StoreOptions {
            key: None,
            backups: dir.join("backups"),
            busy_timeout: Duration::from_millis(500),
            now: DateTime::<Utc>::from_timestamp(1_800_000_000, 0).unwrap_or_default(),
        }
    }

    #[test]
    fn an_upgrade_copies_the_journal_aside_first() {
        let dir = tempfile::tempdir().expect("tmp");
        let path = dir.path().join("j.db");
        let at = DateTime::<Utc>::from_timestamp(1_700_000_000, 0).unwrap_or_default();
        {
            let mut store = Store::open(&path, &options(dir.path())).expect("v1");
            let c = EntryContent::text("before the upgrade");
            store.add_entry(&c, at, 0, at).expect("add");
        }
        let next: Vec<&'static str> = migrations::STEPS
            .iter()
            .copied()
            .chain(["ALTER TABLE entries ADD COLUMN mood TEXT;"])
            .collect();
        let store = Store::open_with(&path, &options(dir.path()), &next).expect("upgrade");
        assert_eq!(store.schema_version().expect("version"), next.len() as i64);

        let backups: Vec<_> = std::fs::read_dir(dir.path().join("backups"))
            .expect("backups folder")
            .map(|e| e.expect("entry").path())
            .collect();
        assert_eq!(backups.len(), 1, "{backups:?}");
        let name = backups[0]
            .file_name()
            .and_then(|n| n.to_str())
            .unwrap_or("");
        let id = store
            .journal_id()
            .expect("id")
            .expect("the journal has an id");
        assert!(
            name.starts_with(&format!("debrief-{id}-"))
                && name.ends_with(&format!("-before-migration-v{LATEST_VERSION}.db")),
            "{name}"
        );
        let copy = Store::open(&backups[0], &options(dir.path())).expect("the copy opens");
        assert_eq!(
            copy.schema_version().expect("version"),
            LATEST_VERSION as i64,
            "the copy is the old journal"
        );
        assert_eq!(
            copy.list(&EntryFilter::default(), 5).expect("list")[0].headline,
            "before the upgrade"
        );

        // Opening again at the same version makes no second copy.
        drop(store);
        Store::open_with(&path, &options(dir.path()), &next).expect("reopen");
        let copies = std::fs::read_dir(dir.path().join("backups"))
            .expect("dir")
            .filter(|e| {
                e.as_ref()
                    .is_ok_and(|e| e.path().extension().is_some_and(|x| x == "db"))
            })
            .count();
        assert_eq!(copies, 1);
    }

    #[test]
    fn the_integrity_check_compares_the_search_index_with_its_content() {
        testing::each_keying(|store| {
            let at = DateTime::<Utc>::from_timestamp(1_700_000_000, 0).unwrap_or_default();
            let id = store
                .add_entry(&EntryContent::text("indexed words"), at, 0, at)
                .expect("add");
            assert!(store.check_integrity().expect("check").is_empty());
            // The text changed behind the index's back: the check must notice.
            store
                .conn
                .execute_batch(
                    "DROP TRIGGER entries_fts_before_update; DROP TRIGGER entries_fts_after_update;",
                )
                .expect("drop triggers");
            store
                .conn
                .execute(
                    "UPDATE entries SET body = 'other words' WHERE id = ?1",
                    [id.0],
                )
                .expect("update");
            let problems = store.check_integrity().expect("check");
            assert!(
                problems.iter().any(|p| p.starts_with("search index")),
                "{problems:?}"
            );
        });
    }
}
