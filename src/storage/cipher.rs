//! Encryption at rest with SQLCipher: keying a connection (and telling a wrong passphrase
//! from a good one before anything is written), copying a journal into a new file under
//! another key (or none), and checking the copy. Swapping it in for the journal is `swap`'s.

use std::path::Path;

use rusqlite::Connection;

use crate::secret::Passphrase;
use crate::{Error, Result};

/// Key a connection just opened: SQLCipher's own logging off (it would write over the
/// screen), the key, and one read that tells whether the key fits. Without a key, only the
/// logging is switched off.
pub(super) fn key(conn: &Connection, path: &Path, key: Option<&Passphrase>) -> Result<()> {
    // Unknown to a plain SQLite, and then ignored.
    let _ = conn.execute_batch("PRAGMA cipher_log_level = NONE");
    let Some(key) = key else {
        return Ok(());
    };
    conn.pragma_update(None, "key", key.expose())?;
    match conn.query_row("SELECT count(*) FROM sqlite_schema", [], |r| {
        r.get::<_, i64>(0)
    }) {
        Ok(_) => Ok(()),
        Err(e) if e.sqlite_error_code() == Some(rusqlite::ErrorCode::NotADatabase) => {
            Err(Error::WrongPassphrase {
                path: path.to_path_buf(),
            })
        }
        Err(e) => Err(super::open::open_error(path, e)),
    }
}

/// Whether the file at `path` looks like an encrypted journal: whole pages of bytes that do
/// not start as a SQLite file does. (A plain file of text is not whole pages.)
pub fn looks_encrypted(path: &Path) -> bool {
    let Ok(meta) = std::fs::metadata(path) else {
        return false;
    };
    if !meta.is_file() || meta.len() < 1024 || meta.len() % 512 != 0 {
        return false;
    }
    first_bytes(path).is_some_and(|header| &header != super::open::SQLITE_HEADER)
}

/// Whether the file at `path` is a plain (unencrypted) SQLite file.
pub fn looks_plain(path: &Path) -> bool {
    first_bytes(path).is_some_and(|header| &header == super::open::SQLITE_HEADER)
}

/// The first 16 bytes of the file at `path`, where SQLite writes its name.
fn first_bytes(path: &Path) -> Option<[u8; 16]> {
    let mut header = [0u8; 16];
    // Through the journal's kept descriptor when this process has it open (see kept.rs).
    match super::kept::read_start(path, &mut header) {
        Ok(16) => Some(header),
        _ => None,
    }
}

/// How many entries the main database of `conn` holds, and its schema version: what a copy
/// must match.
fn entries_and_version(conn: &Connection) -> Result<(i64, i64)> {
    Ok(conn.query_row(
        "SELECT (SELECT count(*) FROM main.entries), (SELECT user_version FROM pragma_user_version)",
        [],
        |r| Ok((r.get(0)?, r.get(1)?)),
    )?)
}

/// Copy the database of `conn` into `dest`, a new, empty working file, under `to` (`None`:
/// plain), with SQLCipher's `sqlcipher_export`, and the schema version and debrief's mark
/// with it. The copy's rollback journal is kept in memory, so no `-journal` file appears
/// beside it. Returns the entries and schema version copied, read under the same lock. On
/// an error the caller wipes `dest`.
pub(super) fn export(
    conn: &Connection,
    dest: &Path,
    to: Option<&Passphrase>,
) -> Result<(i64, i64)> {
    conn.execute(
        "ATTACH DATABASE ?1 AS copy KEY ?2",
        rusqlite::params![
            dest.to_string_lossy(),
            to.map(Passphrase::expose).unwrap_or("")
        ],
    )?;
    // Under the write lock: nothing is written to the journal while it is copied.
    let done = (|| -> Result<(i64, i64)> {
        conn.query_row("PRAGMA copy.journal_mode = MEMORY", [], |_| Ok(()))?;
        conn.execute_batch("BEGIN IMMEDIATE")
            .map_err(Error::from_sqlite)?;
        conn.query_row("SELECT sqlcipher_export('copy')", [], |_| Ok(()))?;
        let (entries, version) = entries_and_version(conn)?;
        let app: i64 = conn.query_row("PRAGMA main.application_id", [], |r| r.get(0))?;
        conn.execute_batch(&format!(
            "PRAGMA copy.user_version = {version}; PRAGMA copy.application_id = {app};"
        ))?;
        Ok((entries, version))
    })();
    let committed = conn.execute_batch("COMMIT");
    let detached = conn.execute_batch("DETACH DATABASE copy");
    let done = done?;
    committed?;
    detached?;
    Ok(done)
}

/// Check the copy at `path` under `key`: it opens, is sound, and holds `entries` entries at
/// schema `version`.
pub(super) fn verify_copy(
    path: &Path,
    key: Option<&Passphrase>,
    entries: i64,
    version: i64,
) -> Result<()> {
    let conn = Connection::open_with_flags(path, rusqlite::OpenFlags::SQLITE_OPEN_READ_ONLY)?;
    self::key(&conn, path, key)?;
    let sound: String = conn.query_row("PRAGMA integrity_check", [], |r| r.get(0))?;
    let (n, v) = entries_and_version(&conn)?;
    if sound != "ok" || n != entries || v != version {
        return Err(Error::Conflict(format!(
            "the new copy did not check out ({sound}; {n} of {entries} entries, version {v} of {version}); the journal was left as it was"
        )));
    }
    Ok(())
}

/// Write `text` into the new, empty file at `path` as a small database encrypted under
/// `key` (text an encrypted journal could not take is kept this way, never in plain).
pub fn seal(path: &Path, key: &Passphrase, text: &str) -> Result<()> {
    let conn = Connection::open(path).map_err(|e| super::open::open_error(path, e))?;
    self::key(&conn, path, Some(key))?;
    conn.execute_batch("PRAGMA journal_mode = DELETE; CREATE TABLE unsaved (text TEXT NOT NULL);")?;
    conn.execute("INSERT INTO unsaved (text) VALUES (?1)", [text])?;
    Ok(())
}

/// The text [`seal`] kept at `path`, read with `key`.
pub fn unseal(path: &Path, key: &Passphrase) -> Result<String> {
    let conn = Connection::open_with_flags(path, rusqlite::OpenFlags::SQLITE_OPEN_READ_ONLY)
        .map_err(|e| super::open::open_error(path, e))?;
    self::key(&conn, path, Some(key))?;
    let texts: Vec<String> = conn
        .prepare("SELECT text FROM unsaved ORDER BY rowid")?
        .query_map([], |r| r.get(0))?
        .collect::<rusqlite::Result<_>>()?;
    Ok(texts.join("\n"))
}

pub use super::workfile::shred;

#[cfg(test)]
mod tests {
    use super::*;

    fn pass(s: &str) -> Passphrase {
        Passphrase::new(s.into()).expect("passphrase")
    }

    fn keyed(path: &Path, p: Option<&Passphrase>) -> Result<Connection> {
        let conn = Connection::open(path)?;
        key(&conn, path, p)?;
        Ok(conn)
    }

    #[test]
    fn a_keyed_file_has_no_plain_text_and_a_wrong_key_is_told_apart() {
        let dir = tempfile::tempdir().expect("dir");
        let path = dir.path().join("j.db");
        let conn = keyed(&path, Some(&pass("right"))).expect("key");
        conn.execute_batch(
            "PRAGMA journal_mode = WAL; CREATE TABLE t (x TEXT); INSERT INTO t VALUES ('a secret phrase');",
        )
        .expect("write");
        drop(conn);
        let bytes = std::fs::read(&path).expect("read");
        assert!(!String::from_utf8_lossy(&bytes).contains("secret phrase"));
        assert!(looks_encrypted(&path));
        assert!(matches!(
            keyed(&path, Some(&pass("wrong"))),
            Err(Error::WrongPassphrase { .. })
        ));
        let conn = keyed(&path, Some(&pass("right"))).expect("key");
        let x: String = conn
            .query_row("SELECT x FROM t", [], |r| r.get(0))
            .expect("read");
        assert_eq!(x, "a secret phrase");
        // Rekeying works in WAL mode.
        conn.pragma_update(None, "rekey", "another").expect("rekey");
        drop(conn);
        assert!(keyed(&path, Some(&pass("another"))).is_ok());
        assert!(matches!(
            keyed(&path, Some(&pass("right"))),
            Err(Error::WrongPassphrase { .. })
        ));
    }

    #[test]
    fn export_copies_under_another_key_with_the_version_and_the_mark() {
        crate::storage::testing::sqlcipher_ready();
        let dir = tempfile::tempdir().expect("dir");
        let journal = dir.path().join("j.db");
        let conn = keyed(&journal, None).expect("plain");
        conn.execute_batch(
            "PRAGMA user_version = 8; PRAGMA application_id = 1234; CREATE TABLE entries (x TEXT); INSERT INTO entries VALUES ('plain words');",
        )
        .expect("write");
        assert!(!looks_encrypted(&journal));
        let new = dir.path().join("copy");
        std::fs::File::create(&new).expect("empty file");
        assert_eq!(
            export(&conn, &new, Some(&pass("k"))).expect("export"),
            (1, 8)
        );
        drop(conn);
        verify_copy(&new, Some(&pass("k")), 1, 8).expect("the copy checks out");
        assert!(verify_copy(&new, Some(&pass("k")), 2, 8).is_err());
        // The copy's journal was in memory: nothing beside it.
        assert_eq!(std::fs::read_dir(dir.path()).expect("dir").count(), 2);
        let bytes = std::fs::read(&new).expect("read");
        assert!(!String::from_utf8_lossy(&bytes).contains("plain words"));
        let conn = keyed(&new, Some(&pass("k"))).expect("key");
        let (x, v, app): (String, i64, i64) = conn
            .query_row(
                "SELECT (SELECT x FROM entries), (SELECT user_version FROM pragma_user_version), (SELECT application_id FROM pragma_application_id)",
                [],
                |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
            )
            .expect("read");
        assert_eq!((x.as_str(), v, app), ("plain words", 8, 1234));
    }
}
