//! A backup as a file: the journal's identity read from inside one (what proves a file is
//! this journal's backup, and whole), and writing one whole: under a new temporary name in
//! the same folder, checked, and only then given its final name, so no half copy ever bears
//! a backup's name. Unfinished copies left by a process that was killed are told apart by
//! their name and proven by their content before anything removes them.

use std::path::{Path, PathBuf};

use rusqlite::Connection;

use super::{APPLICATION_ID, Store, backups, cipher, open};
use crate::secret::Passphrase;
use crate::{Error, Result};

/// What a file's content says about it, once it has shown it is a whole debrief journal.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(super) struct Content {
    /// The id of the journal it is a copy of (none: made before journals had one).
    pub id: Option<String>,
    pub encrypted: bool,
}

/// SQLite's own files beside a database, while it is written.
const SIDE_FILES: [&str; 3] = ["-journal", "-wal", "-shm"];

impl Store {
    /// The journal's own id (none only for a journal from before ids, while it is upgraded).
    pub fn journal_id(&self) -> Result<Option<String>> {
        read_id(&self.conn).map_err(Error::from)
    }

    /// Copy the whole journal to `dest`, a new file (a consistent snapshot, made with SQLite's
    /// backup API), private (0600, in a 0700 folder). The copy is written under a temporary
    /// name beside `dest`, checked (the whole file, the journal's id), and only then linked
    /// to `dest`, which is never written over; on any failure nothing is left.
    pub fn backup_to(&self, dest: &Path) -> Result<()> {
        let dir = crate::paths::journal_dir(dest);
        // Said of the place asked for (not of a working file's name), with no advice meant
        // for the journal's own path.
        let cannot =
            |reason: String| Error::file("write a backup to", dest, std::io::Error::other(reason));
        open::create_private_dir(&dir).map_err(|e| match e {
            Error::NotWritable { reason, .. } => cannot(reason),
            other => other,
        })?;
        let taken = || Error::NotWritable {
            path: dest.to_path_buf(),
            reason: "a file is already there".into(),
        };
        if dest.symlink_metadata().is_ok() {
            return Err(taken());
        }
        let id = self.journal_id()?;
        let temp = dir.join(backups::temporary_name(id.as_deref(), std::process::id()));
        crate::platform::create_new_private_file(&temp).map_err(|e| cannot(e.to_string()))?;
        let written = self
            .copy_into(&temp, id.as_deref())
            .and_then(|()| check_copy(&temp, self.key.as_ref(), id.as_deref()))
            .and_then(|()| give_name(&temp, dest).map_err(|e| e.unwrap_or_else(taken)));
        if written.is_err() {
            // Half a copy is no backup: it goes (the file and SQLite's beside it were made
            // by this run, under a name nobody else uses).
            remove_with_side_files(&temp);
        }
        written
    }

    /// The copy itself, into the new empty file `temp`, keyed like the journal. First the
    /// file is made a small database whose first page names the journal (`id`): SQLite's
    /// backup writes the copy's own first page only as it completes, so until then the
    /// unfinished file says whose it is. Written without a rollback journal (the file is
    /// thrown away if anything fails), then made one self-contained file (a copy in WAL mode
    /// would grow a -wal and -shm whenever read).
    fn copy_into(&self, temp: &Path, id: Option<&str>) -> Result<()> {
        let mut target = Connection::open(temp).map_err(|e| open::open_error(temp, e))?;
        cipher::key(&target, temp, self.key.as_ref())?;
        target.query_row("PRAGMA journal_mode = OFF", [], |r| r.get::<_, String>(0))?;
        if let Some(id) = id.filter(|id| id.bytes().all(|b| b.is_ascii_alphanumeric())) {
            target.execute_batch(&format!(
                "BEGIN; PRAGMA application_id = {APPLICATION_ID}; CREATE VIEW {MARK}{id} AS SELECT 1; COMMIT;"
            ))?;
        }
        backups::copy_database(&self.conn, &mut target)?;
        target.query_row("PRAGMA journal_mode = DELETE", [], |r| {
            r.get::<_, String>(0)
        })?;
        drop(target);
        std::fs::File::open(temp)?.sync_all()?;
        Ok(())
    }
}

/// The name that marks an unfinished copy, before the journal's id.
const MARK: &str = "debrief_unfinished_copy_";

/// The journal an unfinished copy at `path` names on its first page (see `copy_into`).
pub(super) fn marked_for(path: &Path, key: Option<&Passphrase>) -> Option<String> {
    let conn = keyed_immutable(path, key).ok()?;
    let app = pragma_number(&conn, "application_id").ok()?;
    let name: String = conn
        .query_row(
            "SELECT name FROM sqlite_schema WHERE type = 'view' AND name LIKE ?1 || '%'",
            [MARK],
            |r| r.get(0),
        )
        .ok()?;
    (app == APPLICATION_ID).then(|| name[MARK.len()..].to_string())
}

/// The journal id stored in the database of `conn` (none when it has no identity table).
fn read_id(conn: &Connection) -> rusqlite::Result<Option<String>> {
    let has: bool = conn.query_row(
        "SELECT EXISTS (SELECT 1 FROM sqlite_schema WHERE type = 'table' AND name = 'journal_identity')",
        [],
        |r| r.get(0),
    )?;
    if !has {
        return Ok(None);
    }
    conn.query_row("SELECT id FROM journal_identity WHERE only = 1", [], |r| {
        r.get(0)
    })
}

/// The new copy at `temp` is what it must be: a whole debrief journal with the id
/// `expected`, sound from end to end (SQLite's integrity check).
fn check_copy(temp: &Path, key: Option<&Passphrase>, expected: Option<&str>) -> Result<()> {
    let failed = |why: String| {
        Error::Conflict(format!(
            "the backup did not check out ({why}); nothing was kept under its name"
        ))
    };
    let (content, conn) = read_content(temp, key, true).map_err(failed)?;
    if content.id.as_deref() != expected {
        return Err(failed("it does not carry the journal's id".into()));
    }
    let sound: String = conn
        .query_row("PRAGMA integrity_check", [], |r| r.get(0))
        .map_err(|e| failed(e.to_string()))?;
    match sound.as_str() {
        "ok" => Ok(()),
        other => Err(failed(other.to_string())),
    }
}

/// Give the checked copy `temp` the name `dest` without ever writing over a file there: a
/// second link (refused when `dest` exists), then the temporary name goes. Where the file
/// system has no links (FAT), a rename once `dest` is seen to be free. `Err(None)`: a file
/// is already at `dest`.
fn give_name(temp: &Path, dest: &Path) -> std::result::Result<(), Option<Error>> {
    match std::fs::hard_link(temp, dest) {
        Ok(()) => {
            std::fs::remove_file(temp).map_err(|e| Some(e.into()))?;
        }
        Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => return Err(None),
        Err(_) if dest.symlink_metadata().is_ok() => return Err(None),
        Err(_) => std::fs::rename(temp, dest).map_err(|e| Some(e.into()))?,
    }
    crate::platform::sync_dir(dest);
    Ok(())
}

/// Remove `path` and SQLite's side files of it, best effort.
fn remove_with_side_files(path: &Path) {
    let _ = std::fs::remove_file(path);
    for side in SIDE_FILES {
        let _ = std::fs::remove_file(open::side_file(path, side));
    }
}

/// A connection to the file at `path` as it stands (no lock, nothing created beside it),
/// keyed when it looks encrypted; a reason when that cannot be had.
fn keyed_immutable(
    path: &Path,
    key: Option<&Passphrase>,
) -> std::result::Result<Connection, String> {
    let conn = open::open_immutable(path).map_err(|e| e.to_string())?;
    let key = key.filter(|_| cipher::looks_encrypted(path));
    match cipher::key(&conn, path, key) {
        Ok(()) => Ok(conn),
        Err(Error::WrongPassphrase { .. }) => {
            Err("encrypted under another passphrase, so its content cannot be checked".into())
        }
        Err(e) => Err(e.to_string()),
    }
}

/// What the file at `path` is, read from its content without changing it: a debrief journal
/// (its header's application id, or a first-schema journal's tables) and the journal id
/// inside it; when `whole` is asked for, also as many pages as its header says and no
/// half-written state beside it. Otherwise why not, in a few words. The connection it was
/// read through comes with it (opening an encrypted file derives its key, which takes time).
pub(super) fn read_content(
    path: &Path,
    key: Option<&Passphrase>,
    whole: bool,
) -> std::result::Result<(Content, Connection), String> {
    let meta = path.symlink_metadata().map_err(|e| e.to_string())?;
    if !meta.is_file() {
        return Err("not a regular file".into());
    }
    if meta.len() == 0 {
        return Err("empty".into());
    }
    if let Some(side) = SIDE_FILES[..2]
        .iter()
        .map(|s| open::side_file(path, s))
        .find(|p| whole && p.symlink_metadata().is_ok_and(|m| m.len() > 0))
    {
        return Err(format!("half written: {} is beside it", side.display()));
    }
    let encrypted = cipher::looks_encrypted(path);
    if encrypted && key.is_none() {
        return Err(
            "no database header: encrypted (and the journal has no passphrase), or not written yet"
                .into(),
        );
    }
    let conn = keyed_immutable(path, key)?;
    let foreign = |_| "not a debrief journal".to_string();
    match open::check_identity(&conn, path, super::migrations::STEPS.len()) {
        Ok(0) => return Err("an empty database".into()),
        Ok(_) => {}
        Err(e @ Error::TooNew { .. }) => return Err(e.to_string()),
        Err(e) => return Err(foreign(e)),
    }
    let number = |pragma: &str| pragma_number(&conn, pragma).map_err(|e| e.to_string());
    let (pages, page_size, app) = (
        number("page_count")?,
        number("page_size")?,
        number("application_id")?,
    );
    let expected = u64::try_from(pages.saturating_mul(page_size)).unwrap_or(0);
    if whole && expected != meta.len() {
        return Err(format!(
            "incomplete: {} bytes where its header says {expected}",
            meta.len()
        ));
    }
    let id = read_id(&conn).map_err(|e| e.to_string())?;
    if id.is_some() && app != APPLICATION_ID {
        return Err("not a debrief journal".into());
    }
    Ok((Content { id, encrypted }, conn))
}

/// A pragma's number (SQLCipher answers some as text on an encrypted database).
fn pragma_number(conn: &Connection, pragma: &str) -> rusqlite::Result<i64> {
    use rusqlite::types::Value;
    let value: Value = conn.query_row(&format!("PRAGMA {pragma}"), [], |r| r.get(0))?;
    match value {
        Value::Integer(n) => Ok(n),
        Value::Text(t) => t.trim().parse().map_err(|_| {
            rusqlite::Error::InvalidColumnType(0, pragma.into(), rusqlite::types::Type::Text)
        }),
        _ => Err(rusqlite::Error::InvalidColumnType(
            0,
            pragma.into(),
            rusqlite::types::Type::Null,
        )),
    }
}

/// Whether the plain file at `path` is a debrief journal's first page followed by less than
/// the pages it counts: a copy killed while SQLite wrote it out (its first page is written
/// first), which nothing can open. Read from the header's bytes.
pub(super) fn cut_short(path: &Path) -> bool {
    use std::io::Read;
    let mut header = [0u8; 100];
    let read = std::fs::File::open(path).and_then(|mut f| f.read_exact(&mut header));
    let Ok(len) = path.symlink_metadata().map(|m| m.len()) else {
        return false;
    };
    let be32 = |at: usize| {
        u64::from(u32::from_be_bytes([
            header[at],
            header[at + 1],
            header[at + 2],
            header[at + 3],
        ]))
    };
    let page_size = match u16::from_be_bytes([header[16], header[17]]) {
        1 => 65_536,
        n => u64::from(n),
    };
    read.is_ok()
        && &header[..16] == open::SQLITE_HEADER
        && i64::try_from(be32(68)).is_ok_and(|app| app == APPLICATION_ID)
        && page_size >= 512
        && len < be32(28) * page_size
}

/// Remove the unfinished copy at `path`, proven to be this journal's, and SQLite's files
/// beside it. A plain one is overwritten first (it holds the journal's text), unless it is
/// also the backup it was about to become (a second link to it: then only this name goes).
pub(super) fn remove_unfinished(path: &Path) -> Result<()> {
    let linked_elsewhere = {
        #[cfg(unix)]
        {
            use std::os::unix::fs::MetadataExt;
            path.symlink_metadata().is_ok_and(|m| m.nlink() > 1)
        }
        #[cfg(not(unix))]
        {
            false
        }
    };
    if cipher::looks_plain(path) && !linked_elsewhere {
        cipher::shred(path)?;
    } else {
        std::fs::remove_file(path)?;
    }
    remove_with_side_files(path);
    Ok(())
}

/// The side files of an unfinished copy at `path` that are there.
pub(super) fn side_files_of(path: &Path) -> Vec<PathBuf> {
    SIDE_FILES
        .iter()
        .map(|s| open::side_file(path, s))
        .filter(|p| p.symlink_metadata().is_ok())
        .collect()
}
