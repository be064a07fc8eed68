//! The only place with SQL. [`Store`] owns the rusqlite connection: opening it in steps
//! (sniff the file, check it is a debrief journal of a version we know, pragmas, back up,
//! migrate), and one file per concern: reading entries, writing them, imports, drafts, search.

mod changes;
mod drafts;
mod entries;
mod import;
mod migrations;
pub mod search;
mod write;

use std::fs::{self, File, OpenOptions};
use std::io::Read;
use std::os::unix::fs::{DirBuilderExt, OpenOptionsExt};
use std::path::{Path, PathBuf};
use std::time::Duration;

use chrono::{DateTime, Utc};
use rusqlite::{Connection, OpenFlags, TransactionBehavior};

pub use drafts::StoredDraft;
pub use import::{ImportReport, ImportRow, OnConflict, RowOutcome};
pub use migrations::{LATEST_VERSION, migrations};
pub use search::{SearchHit, fts_query};
pub use write::SaveTarget;

use crate::{Error, Result};

/// How long a write waits for another debrief process before giving up.
pub const DEFAULT_BUSY_TIMEOUT: Duration = Duration::from_secs(5);

const SQLITE_HEADER: &[u8; 16] = b"SQLite format 3\0";

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
}

/// The journal: one SQLite connection and the operations on it.
pub struct Store {
    conn: Connection,
    path: Option<PathBuf>,
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
        // 1. Sniff: a regular file that is empty or a plain SQLite database, or nothing yet.
        prepare_file(path)?;
        // 2. Connect. (An encrypted journal will be keyed here, before anything is read.)
        let flags = OpenFlags::SQLITE_OPEN_READ_WRITE
            | OpenFlags::SQLITE_OPEN_NO_MUTEX
            | OpenFlags::SQLITE_OPEN_URI;
        let conn = Connection::open_with_flags(path, flags).map_err(|e| open_error(path, e))?;
        conn.busy_timeout(options.busy_timeout)
            .map_err(|e| open_error(path, e))?;
        // 3. Version: a debrief journal of a version this build knows, or a new file.
        let version = check_identity(&conn, path, steps.len())?;
        // 4. Pragmas, 5. a backup before changing an existing journal's layout, 6. migrate.
        set_pragmas(&conn, options.busy_timeout).map_err(|e| open_error(path, e))?;
        let mut store = Store {
            conn,
            path: Some(path.to_path_buf()),
        };
        if version > 0 && (version as usize) < steps.len() {
            store.backup_to(&backup_name(&options.backups, version, options.now))?;
        }
        store.migrate(steps).map_err(|e| match e {
            Error::Database(e) => open_error(path, e),
            other => other,
        })?;
        store.conn.pragma_update(None, "foreign_keys", "ON")?;
        Ok(store)
    }

    /// A private journal in memory, for tests and benchmarks.
    pub fn open_in_memory() -> Result<Store> {
        let conn = Connection::open_in_memory()?;
        let mut store = Store { conn, path: None };
        store.migrate(migrations::STEPS)?;
        store.conn.pragma_update(None, "foreign_keys", "ON")?;
        Ok(store)
    }

    /// The schema version recorded in the file.
    pub fn schema_version(&self) -> Result<i64> {
        Ok(self
            .conn
            .query_row("PRAGMA user_version", [], |r| r.get(0))?)
    }

    /// Copy the whole journal to `dest` (a consistent snapshot, made with SQLite's backup API).
    /// The copy is created with mode 0600 inside a 0700 folder.
    pub fn backup_to(&self, dest: &Path) -> Result<()> {
        if let Some(dir) = dest.parent().filter(|d| !d.as_os_str().is_empty()) {
            create_private_dir(dir)?;
        }
        create_private_file(dest)?;
        let mut target = Connection::open(dest).map_err(|e| open_error(dest, e))?;
        let backup = rusqlite::backup::Backup::new(&self.conn, &mut target)?;
        backup
            .run_to_completion(256, Duration::from_millis(10), None)
            .map_err(Error::from_sqlite)?;
        Ok(())
    }

    /// Refresh the query planner's statistics (after a bulk import).
    pub fn optimize(&self) -> Result<()> {
        self.conn.execute_batch("ANALYZE; PRAGMA optimize;")?;
        Ok(())
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
            "INSERT INTO entries_fts (entries_fts) VALUES ('integrity-check')",
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

    /// Run `f` inside an immediate (write-locking) transaction.
    fn write<T>(&mut self, f: impl FnOnce(&rusqlite::Transaction<'_>) -> Result<T>) -> Result<T> {
        let tx = self
            .conn
            .transaction_with_behavior(TransactionBehavior::Immediate)
            .map_err(Error::from_sqlite)?;
        let value = f(&tx)?;
        tx.commit().map_err(Error::from_sqlite)?;
        Ok(value)
    }
}

/// The schema version of a debrief journal (0 for a new, empty file); anything that is not a
/// debrief journal, or is one from a newer debrief, is refused before anything is written.
fn check_identity(conn: &Connection, path: &Path, known: usize) -> Result<i64> {
    // One statement, so the numbers come from the same moment (another process may be
    // creating the schema right now).
    let (version, app_id, tables, has_entries): (i64, i64, i64, bool) = conn
        .query_row(
            "SELECT (SELECT user_version FROM pragma_user_version), \
                    (SELECT application_id FROM pragma_application_id), \
                    (SELECT count(*) FROM sqlite_schema), \
                    EXISTS (SELECT 1 FROM sqlite_schema WHERE type = 'table' AND name = 'entries') \
                    AND EXISTS (SELECT 1 FROM sqlite_schema WHERE type = 'table' AND name = 'drafts')",
            [],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)),
        )
        .map_err(|e| open_error(path, e))?;
    let ours = app_id == APPLICATION_ID || (app_id == 0 && version >= 1 && has_entries);
    if tables == 0 && version == 0 && app_id == 0 {
        return Ok(0);
    }
    if !ours {
        return Err(Error::ForeignDatabase {
            path: path.to_path_buf(),
        });
    }
    if version > known as i64 {
        return Err(Error::TooNew {
            path: path.to_path_buf(),
            found: version,
            known,
        });
    }
    Ok(version)
}

/// WAL, foreign keys and full sync. Switching to WAL needs a moment alone with the file and
/// does not wait on the busy timeout, so it is retried while another process holds it.
fn set_pragmas(conn: &Connection, busy_timeout: Duration) -> rusqlite::Result<()> {
    let started = std::time::Instant::now();
    loop {
        match conn.query_row("PRAGMA journal_mode = WAL", [], |r| r.get::<_, String>(0)) {
            Ok(_) => break,
            Err(e)
                if e.sqlite_error_code() == Some(rusqlite::ErrorCode::DatabaseBusy)
                    && started.elapsed() < busy_timeout =>
            {
                std::thread::sleep(Duration::from_millis(5));
            }
            Err(e) => return Err(e),
        }
    }
    conn.pragma_update(None, "synchronous", "FULL")?;
    Ok(())
}

/// Refuse directories, devices, pipes and foreign files; create a missing journal (0600) in a
/// 0700 folder.
fn prepare_file(path: &Path) -> Result<()> {
    if path.is_dir() {
        return Err(Error::PathIsDirectory {
            path: path.to_path_buf(),
        });
    }
    if let Ok(meta) = fs::metadata(path)
        && !meta.is_file()
    {
        return Err(Error::NotAFile {
            path: path.to_path_buf(),
        });
    }
    match File::open(path) {
        Ok(mut f) => {
            let mut header = [0u8; 16];
            let mut read = 0;
            while read < header.len() {
                match f.read(&mut header[read..])? {
                    0 => break,
                    n => read += n,
                }
            }
            if read > 0 && (read < header.len() || &header != SQLITE_HEADER) {
                return Err(Error::NotADatabase {
                    path: path.to_path_buf(),
                });
            }
            Ok(())
        }
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
            if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
                create_private_dir(dir)?;
            }
            create_private_file(path)
        }
        Err(e) => Err(Error::NotWritable {
            path: path.to_path_buf(),
            reason: e.to_string(),
        }),
    }
}

/// Create `dir` and its missing parents with mode 0700.
pub fn create_private_dir(dir: &Path) -> Result<()> {
    if dir.is_dir() {
        return Ok(());
    }
    fs::DirBuilder::new()
        .recursive(true)
        .mode(0o700)
        .create(dir)
        .map_err(|e| Error::NotWritable {
            path: dir.to_path_buf(),
            reason: e.to_string(),
        })
}

/// Create `path` with mode 0600 and open it for writing; fails if it exists already.
pub fn create_new_private_file(path: &Path) -> std::io::Result<File> {
    OpenOptions::new()
        .write(true)
        .create_new(true)
        .mode(0o600)
        .open(path)
}

/// Create `path` with mode 0600 if it does not exist yet.
pub fn create_private_file(path: &Path) -> Result<()> {
    match OpenOptions::new()
        .write(true)
        .create_new(true)
        .mode(0o600)
        .open(path)
    {
        Ok(_) => Ok(()),
        Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => Ok(()),
        Err(e) => Err(Error::NotWritable {
            path: path.to_path_buf(),
            reason: e.to_string(),
        }),
    }
}

fn backup_name(dir: &Path, version: i64, now: DateTime<Utc>) -> PathBuf {
    dir.join(format!(
        "debrief-v{version}-before-migration-{}.db",
        now.format("%Y%m%dT%H%M%S%.3fZ")
    ))
}

/// Explain an error met while opening `path`.
fn open_error(path: &Path, err: rusqlite::Error) -> Error {
    use rusqlite::ErrorCode as C;
    match err.sqlite_error_code() {
        Some(C::NotADatabase) => Error::NotADatabase {
            path: path.to_path_buf(),
        },
        Some(C::ReadOnly) | Some(C::CannotOpen) | Some(C::PermissionDenied) => Error::NotWritable {
            path: path.to_path_buf(),
            reason: "the location is read-only or cannot be opened".into(),
        },
        Some(C::DatabaseBusy) | Some(C::DatabaseLocked) => Error::Locked,
        _ => Error::Database(err),
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
        assert!(
            name.starts_with(&format!("debrief-v{}-before-migration-", LATEST_VERSION)),
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
}
