//! Opening a journal file safely: refuse what is not a regular file, recognise a debrief
//! journal positively (its header's `application_id`, or the tables of the first schema)
//! without writing a byte to anything else, tighten its modes, set the pragmas, and remember
//! which file it was so a journal deleted or replaced underneath is noticed before writing.

use std::fs::{self, File, OpenOptions};
use std::io::Read;
use std::os::unix::fs::{DirBuilderExt, MetadataExt, OpenOptionsExt, PermissionsExt};
use std::path::{Path, PathBuf};
use std::time::Duration;

use chrono::{DateTime, Utc};
use rusqlite::{Connection, OpenFlags};

use super::APPLICATION_ID;
use crate::{Error, Result};

const SQLITE_HEADER: &[u8; 16] = b"SQLite format 3\0";

/// The file a store was opened on (device and inode), to notice it being replaced.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) struct FileId {
    dev: u64,
    ino: u64,
}

impl FileId {
    pub(super) fn of(path: &Path) -> std::io::Result<FileId> {
        let m = fs::metadata(path)?;
        Ok(FileId {
            dev: m.dev(),
            ino: m.ino(),
        })
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

/// Read the header; decide from it, or (for a header without debrief's id) from the schema
/// read through an immutable connection, which creates and changes no file.
fn sniff(path: &Path, known: usize) -> Result<()> {
    let mut header = [0u8; 100];
    let mut read = 0;
    let mut f = File::open(path).map_err(|e| Error::NotWritable {
        path: path.to_path_buf(),
        reason: e.to_string(),
    })?;
    while read < header.len() {
        match f.read(&mut header[read..])? {
            0 => break,
            n => read += n,
        }
    }
    if read == 0 {
        return Ok(());
    }
    if read < header.len() || &header[..16] != SQLITE_HEADER {
        return Err(Error::NotADatabase {
            path: path.to_path_buf(),
        });
    }
    let be = |at: usize| {
        i64::from(u32::from_be_bytes([
            header[at],
            header[at + 1],
            header[at + 2],
            header[at + 3],
        ]))
    };
    let (user_version, app_id) = (be(60), be(68));
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
        // No id in the header: an older debrief journal, a new one whose header is still in
        // its -wal, or another program's database. Look, changing nothing.
        0 => match inspect(path) {
            Ok(view) => identity(&view, path, known).map(|_| ()),
            Err(_) => Err(foreign()),
        },
        _ => Err(foreign()),
    }
}

/// What a connection sees of a file: user_version, application_id, how many schema objects,
/// and whether the tables of a debrief journal are there.
type View = (i64, i64, i64, bool);

const VIEW_SQL: &str = "SELECT (SELECT user_version FROM pragma_user_version), \
        (SELECT application_id FROM pragma_application_id), \
        (SELECT count(*) FROM sqlite_schema), \
        EXISTS (SELECT 1 FROM sqlite_schema WHERE type = 'table' AND name = 'entries') \
        AND EXISTS (SELECT 1 FROM sqlite_schema WHERE type = 'table' AND name = 'drafts')";

/// Read the file without changing it. Without a `-wal`, through `immutable=1` (no lock, no
/// side files). With one, read-only (so the `-wal` is read but never checkpointed or
/// removed); a `-shm` SQLite creates for that is removed again.
fn inspect(path: &Path) -> rusqlite::Result<View> {
    let side = |suffix: &str| {
        let mut p = path.as_os_str().to_owned();
        p.push(suffix);
        PathBuf::from(p)
    };
    let (wal, shm) = (side("-wal"), side("-shm"));
    let has_wal = fs::metadata(&wal).is_ok_and(|m| m.len() > 0);
    let had_shm = shm.exists();
    let uri = if has_wal {
        format!("file:{}?mode=ro", uri_path(path))
    } else {
        format!("file:{}?immutable=1", uri_path(path))
    };
    let flags = OpenFlags::SQLITE_OPEN_READ_ONLY
        | OpenFlags::SQLITE_OPEN_URI
        | OpenFlags::SQLITE_OPEN_NO_MUTEX;
    let view = Connection::open_with_flags(uri, flags).and_then(|conn| {
        conn.query_row(VIEW_SQL, [], |r| {
            Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?))
        })
    });
    if !had_shm {
        let _ = fs::remove_file(&shm);
    }
    view
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
        .query_row(VIEW_SQL, [], |r| {
            Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?))
        })
        .map_err(|e| open_error(path, e))?;
    identity(&view, path, known)
}

/// A journal (and its `-wal` and `-shm`) readable by others is made private again: it is
/// debrief's own file, and it holds other people's stories.
pub(super) fn tighten_modes(path: &Path) {
    let mut names = vec![path.to_path_buf()];
    for suffix in ["-wal", "-shm"] {
        let mut p = path.as_os_str().to_owned();
        p.push(suffix);
        names.push(PathBuf::from(p));
    }
    for p in names {
        if let Ok(meta) = fs::metadata(&p)
            && meta.is_file()
            && meta.permissions().mode() & 0o077 != 0
        {
            let _ = fs::set_permissions(&p, fs::Permissions::from_mode(0o600));
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
    Ok(())
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
    match create_new_private_file(path) {
        Ok(_) => Ok(()),
        Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => Ok(()),
        Err(e) => Err(Error::NotWritable {
            path: path.to_path_buf(),
            reason: e.to_string(),
        }),
    }
}

pub(super) fn backup_name(dir: &Path, version: i64, now: DateTime<Utc>) -> PathBuf {
    dir.join(format!(
        "debrief-v{version}-before-migration-{}.db",
        now.format("%Y%m%dT%H%M%S%.3fZ")
    ))
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
        _ => Error::Database(err),
    }
}
