//! Opening a journal file safely: refuse what is not a regular file, recognise a debrief
//! journal positively (its header's `application_id`, or the tables of the first schema)
//! without writing a byte to anything else, tighten its modes, set the pragmas, and remember
//! which file it was so a journal deleted or replaced underneath is noticed before writing.

use std::fs;
use std::path::{Path, PathBuf};
use std::time::Duration;

use rusqlite::{Connection, OpenFlags};

use super::APPLICATION_ID;
use crate::secret::Passphrase;
use crate::{Error, Result};

pub(super) const SQLITE_HEADER: &[u8; 16] = b"SQLite format 3\0";

/// The file a store was opened on, to notice it being replaced.
pub(super) use crate::platform::FileId;

/// A connection to the journal, keyed, with what was learnt opening it.
pub(super) struct Connected {
    pub conn: Connection,
    pub key: Option<Passphrase>,
    /// The schema version found (0: a new journal).
    pub version: i64,
    /// The file the connection opened.
    pub file: Option<FileId>,
}

/// Steps 1 to 3 of opening a journal: sniff the file (a regular file that is empty or
/// recognisably a debrief journal, read without changing it; an encrypted one when a key is
/// given; nothing yet, then created, encrypted when a key is given), connect, key, and read
/// the version, which waits for a journal another process holds to itself. When the file at
/// `path` is not the one connected to by then (`debrief encrypt` swapped its copy in while
/// this waited), it starts again on the file there now: the old one is about to be wiped.
pub(super) fn connect(
    path: &Path,
    options: &super::StoreOptions,
    known: usize,
) -> Result<Connected> {
    let mut attempts = 0;
    loop {
        attempts += 1;
        let before = FileId::of(path).ok();
        let key = key_for(path, options.key.as_ref())?;
        if !super::cipher::looks_encrypted(path) {
            prepare_file(path, known)?;
        }
        // Before SQLite opens them (it would take a read-only -shm as it finds it).
        side_files_follow(path);
        let flags = OpenFlags::SQLITE_OPEN_READ_WRITE
            | OpenFlags::SQLITE_OPEN_NO_MUTEX
            | OpenFlags::SQLITE_OPEN_URI;
        let conn = Connection::open_with_flags(path, flags).map_err(|e| open_error(path, e))?;
        conn.busy_timeout(options.busy_timeout)
            .map_err(|e| open_error(path, e))?;
        let version = super::cipher::key(&conn, path, key.as_ref())
            // Again on this connection: another process may be creating the journal now.
            .and_then(|()| check_identity(&conn, path, known));
        // Swapped while this waited: the old file may already be wiped, so whatever was
        // read from it (or failed to be) says nothing.
        let now = FileId::of(path).ok();
        if before.is_some() && now != before && attempts < 3 {
            continue;
        }
        let version = version?;
        super::kept::keep(path);
        return Ok(Connected {
            conn,
            key,
            version,
            // A journal created just now has its identity only now.
            file: before.or(now),
        });
    }
}

/// Whether the file at the journal's `path` is still the one `opened` (nothing to compare
/// for a journal in memory): a journal deleted or replaced underneath must not take writes
/// that would vanish with the old file.
pub(super) fn same_file(path: Option<&Path>, opened: Option<FileId>) -> Result<()> {
    let (Some(path), Some(opened)) = (path, opened) else {
        return Ok(());
    };
    match FileId::of(path) {
        Ok(now) if now == opened => Ok(()),
        _ => Err(Error::JournalGone {
            path: path.to_path_buf(),
        }),
    }
}

/// Refuse directories, devices, pipes and files that are not debrief journals (read without
/// changing them); create a missing journal (0600) in a 0700 folder.
pub(super) fn prepare_file(path: &Path, known: usize) -> Result<()> {
    if path.is_dir() {
        return Err(Error::PathIsDirectory {
            path: path.to_path_buf(),
        });
    }
    match fs::metadata(path) {
        Ok(meta) if !meta.is_file() => Err(Error::NotAFile {
            path: path.to_path_buf(),
        }),
        Ok(_) => sniff(path, known),
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

/// Read the header (the newest one, if a `-wal` beside the file holds a newer page 1); decide
/// from it, or, for a header without debrief's id, from the schema read through an immutable
/// connection, which takes no lock and creates or changes no file.
fn sniff(path: &Path, known: usize) -> Result<()> {
    let mut header = [0u8; 100];
    // Never open-and-close a journal this process may hold open in SQLite (see kept.rs).
    let read = super::kept::read_start(path, &mut header).map_err(|e| Error::NotWritable {
        path: path.to_path_buf(),
        reason: e.to_string(),
    })?;
    if read == 0 {
        return Ok(());
    }
    if read < header.len() || &header[..16] != SQLITE_HEADER {
        return Err(Error::NotADatabase {
            path: path.to_path_buf(),
        });
    }
    let in_wal = header_in_wal(&side_file(path, "-wal"));
    let (user_version, app_id) = in_wal.unwrap_or((be32(&header, 60), be32(&header, 68)));
    let foreign = || Error::ForeignDatabase {
        path: path.to_path_buf(),
    };
    match app_id {
        APPLICATION_ID if user_version > known as i64 => Err(Error::TooNew {
            path: path.to_path_buf(),
            found: user_version,
            known,
        }),
        APPLICATION_ID => Ok(()),
        // No id in the header: an older debrief journal, a new one still being created, or
        // another program's database. Look at its tables, changing nothing.
        0 => match open_immutable(path).and_then(|c| c.query_row(VIEW_SQL, [], view_row)) {
            // An empty file, or a journal being created right now whose first transaction is
            // not committed yet; the connection that writes checks again.
            Ok((0, 0, 0, false)) if in_wal.is_none() => Ok(()),
            Ok((version, _, tables, has_tables)) => identity(
                &(version.max(user_version), 0, tables, has_tables),
                path,
                known,
            )
            .map(|_| ()),
            Err(_) => Err(foreign()),
        },
        _ => Err(foreign()),
    }
}

/// The 4-byte big-endian number at `at`.
fn be32(bytes: &[u8], at: usize) -> i64 {
    bytes.get(at..at + 4).map_or(0, |b| {
        i64::from(u32::from_be_bytes([b[0], b[1], b[2], b[3]]))
    })
}

/// `path` with `suffix` appended (`journal.db-wal`).
pub(super) fn side_file(path: &Path, suffix: &str) -> PathBuf {
    let mut p = path.as_os_str().to_owned();
    p.push(suffix);
    PathBuf::from(p)
}

/// Whether the `-wal` beside `path` holds frames (more than its 32-byte header): changes the
/// main file may not have yet.
pub(super) fn wal_has_frames(path: &Path) -> bool {
    fs::metadata(side_file(path, "-wal")).is_ok_and(|m| m.len() > 32)
}

/// The user_version and application_id of the newest committed page 1 in a `-wal` file,
/// read as bytes (the WAL format: a 32-byte header, then frames of a 24-byte header and a
/// page; frames of the current generation carry the header's salts).
fn header_in_wal(wal: &Path) -> Option<(i64, i64)> {
    let data = fs::read(wal).ok()?;
    let magic = be32(&data, 0);
    if data.len() < 32 || (magic != 0x377f_0682 && magic != 0x377f_0683) {
        return None;
    }
    let page_size = match be32(&data, 8) {
        1 => 65_536,
        n => usize::try_from(n).ok().filter(|n| *n >= 512)?,
    };
    let salts = &data[16..24];
    let (mut committed, mut pending) = (None, None);
    let mut at = 32;
    while at + 24 + page_size <= data.len() {
        if &data[at + 8..at + 16] != salts {
            break;
        }
        if be32(&data, at) == 1 {
            let page = &data[at + 24..at + 24 + page_size];
            pending = Some((be32(page, 60), be32(page, 68)));
        }
        if be32(&data, at + 4) != 0 && pending.is_some() {
            committed = pending;
        }
        at += 24 + page_size;
    }
    committed
}

/// What a connection sees of a file: user_version, application_id, how many schema objects,
/// and whether the tables of a debrief journal are there.
type View = (i64, i64, i64, bool);

const VIEW_SQL: &str = "SELECT (SELECT user_version FROM pragma_user_version), \
        (SELECT application_id FROM pragma_application_id), \
        (SELECT count(*) FROM sqlite_schema), \
        EXISTS (SELECT 1 FROM sqlite_schema WHERE type = 'table' AND name = 'entries') \
        AND EXISTS (SELECT 1 FROM sqlite_schema WHERE type = 'table' AND name = 'drafts')";

fn view_row(r: &rusqlite::Row<'_>) -> rusqlite::Result<View> {
    Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?))
}

/// Decide from what a connection sees: the schema version of a debrief journal (0 for an
/// empty file), or why it is refused.
fn identity(view: &View, path: &Path, known: usize) -> Result<i64> {
    let &(version, app_id, tables, has_tables) = view;
    if tables == 0 && version == 0 && app_id == 0 {
        return Ok(0);
    }
    let ours = app_id == APPLICATION_ID || (app_id == 0 && version >= 1 && has_tables);
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

/// A read-only connection to the file as it stands on disk (no lock, no side files).
pub(super) fn open_immutable(path: &Path) -> rusqlite::Result<Connection> {
    let uri = format!("file:{}?immutable=1", uri_path(path));
    let flags = OpenFlags::SQLITE_OPEN_READ_ONLY
        | OpenFlags::SQLITE_OPEN_URI
        | OpenFlags::SQLITE_OPEN_NO_MUTEX;
    Connection::open_with_flags(uri, flags)
}

/// A path written for a `file:` URI (`%`, `?` and `#` escaped).
fn uri_path(path: &Path) -> String {
    let mut out = String::new();
    for c in path.to_string_lossy().chars() {
        match c {
            '%' => out.push_str("%25"),
            '?' => out.push_str("%3f"),
            '#' => out.push_str("%23"),
            c => out.push(c),
        }
    }
    out
}

/// The schema version of a debrief journal (0 for a new, empty file), checked again on the
/// connection that will write (another process may have created the schema meanwhile).
pub(super) fn check_identity(conn: &Connection, path: &Path, known: usize) -> Result<i64> {
    let view: View = conn
        .query_row(VIEW_SQL, [], view_row)
        .map_err(|e| open_error(path, e))?;
    identity(&view, path, known)
}

/// A journal (and its `-wal` and `-shm`) readable by others is made private again: it is
/// debrief's own file, and it holds other people's stories. One its owner made read-only is
/// left as it is (see [`crate::platform::make_private`]). SQLite gives the `-wal` and `-shm`
/// it makes the journal's mode: made while the journal was read-only, they are read-only too,
/// and once the journal is writable again they would refuse every write; so they follow the
/// journal.
pub(super) fn tighten_modes(path: &Path) {
    crate::platform::make_private(path);
    side_files_follow(path);
}

/// The journal's `-wal` and `-shm` made private (0600) when the journal is writable, private
/// without being made writable when it is not (see [`tighten_modes`]).
fn side_files_follow(path: &Path) {
    let writable = crate::platform::owner_can_write(path);
    for side in [side_file(path, "-wal"), side_file(path, "-shm")] {
        match writable {
            true => crate::platform::set_private_mode(&side),
            false => crate::platform::make_private(&side),
        }
    }
}

/// WAL and full sync. Switching to WAL needs a moment alone with the file and does not wait
/// on the busy timeout, so it is retried while another process holds it.
pub(super) fn set_pragmas(conn: &Connection, busy_timeout: Duration) -> rusqlite::Result<()> {
    let started = std::time::Instant::now();
    loop {
        match conn.query_row("PRAGMA journal_mode = WAL", [], |r| r.get::<_, String>(0)) {
            Ok(_) => break,
            Err(e)
                if matches!(
                    e.sqlite_error_code(),
                    Some(rusqlite::ErrorCode::DatabaseBusy | rusqlite::ErrorCode::DatabaseLocked)
                ) && started.elapsed() < busy_timeout =>
            {
                std::thread::sleep(Duration::from_millis(5));
            }
            Err(e) => return Err(e),
        }
    }
    conn.pragma_update(None, "synchronous", "FULL")?;
    // What is deleted is overwritten, not left in free pages.
    conn.pragma_update(None, "secure_delete", "ON")?;
    // Statement journals and sorts stay in memory: journal text never goes to a temporary
    // file, and a bulk write does not spend its time writing one.
    conn.pragma_update(None, "temp_store", "MEMORY")?;
    Ok(())
}

/// The key to open `path` with: the one `given` for an encrypted file, or for a new (or
/// empty) one, which is then created encrypted; none for a plain journal. A file that looks
/// encrypted, without a key, is refused.
pub(super) fn key_for(path: &Path, given: Option<&Passphrase>) -> Result<Option<Passphrase>> {
    if super::cipher::looks_encrypted(path) {
        return given.cloned().map(Some).ok_or_else(|| Error::Encrypted {
            path: path.to_path_buf(),
        });
    }
    let empty = fs::metadata(path).map(|m| m.len() == 0).unwrap_or(true);
    Ok(if empty { given.cloned() } else { None })
}

/// Create `dir` and its missing parents with mode 0700.
pub fn create_private_dir(dir: &Path) -> Result<()> {
    if dir.is_dir() {
        return Ok(());
    }
    crate::platform::create_private_dir_all(dir).map_err(|e| Error::NotWritable {
        path: dir.to_path_buf(),
        reason: e.to_string(),
    })
}

pub use crate::platform::create_new_private_file;

/// Create `path` with mode 0600 if it does not exist yet.
pub fn create_private_file(path: &Path) -> Result<()> {
    match create_new_private_file(path) {
        Ok(_) => Ok(()),
        Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => Ok(()),
        Err(e) => Err(Error::NotWritable {
            path: path.to_path_buf(),
            reason: e.to_string(),
        }),
    }
}

/// Explain an error met while opening `path`.
pub(super) fn open_error(path: &Path, err: rusqlite::Error) -> Error {
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
        Some(C::DiskFull) => Error::DiskFull,
        _ => Error::Database(err).or_disk_full(&crate::paths::journal_dir(path)),
    }
}

/// Make `conn` the journal's only user until it is closed (SQLite's exclusive locking mode,
/// the lock taken at once). Every other connection to the file, even an idle one such as an
/// interface left open in another window, holds a shared lock on it while open: then this
/// waits out the busy timeout and fails with [`Error::InUse`]. Once it holds, nobody else
/// can read or write the journal until `conn` is closed.
pub(super) fn take_sole_use(conn: &Connection) -> Result<()> {
    conn.pragma_update(None, "locking_mode", "EXCLUSIVE")?;
    match conn.execute_batch("BEGIN EXCLUSIVE; COMMIT;") {
        Ok(()) => Ok(()),
        Err(e) => {
            let _ = conn.pragma_update(None, "locking_mode", "NORMAL");
            match Error::from_sqlite(e) {
                Error::Locked => Err(Error::InUse),
                other => Err(other),
            }
        }
    }
}

/// Drop the per-value statistics ANALYZE keeps in `sqlite_stat4` (the per-index counts of
/// `sqlite_stat1` stay). With them SQLite prepares a statement again every time a bound value
/// changes, in case the plan should differ: each entry read whole paid for a dozen parses,
/// and an export of 100,000 entries took 6.4 s instead of 1.8 s. debrief's queries use their
/// indexes the same way whatever the values, so the counts are all the planner needs.
pub(super) fn forget_value_statistics(conn: &Connection) -> Result<()> {
    let kept: i64 = conn.query_row(
        "SELECT count(*) FROM sqlite_schema WHERE name = 'sqlite_stat4'",
        [],
        |r| r.get(0),
    )?;
    if kept > 0 {
        let rows: i64 = conn.query_row("SELECT count(*) FROM sqlite_stat4", [], |r| r.get(0))?;
        if rows > 0 {
            // Then the planner reloads what is left.
            conn.execute_batch("DELETE FROM sqlite_stat4; ANALYZE sqlite_schema;")?;
        }
    }
    Ok(())
}
