//! Backups: consistent copies made with SQLite's backup API (safe while debrief is open),
//! named by when and why they were made, listed, verified on a copy in memory, rolled (only
//! debrief's own automatic ones, the newest kept), and restored into the journal in place.

use std::path::{Path, PathBuf};

use chrono::{DateTime, NaiveDateTime, Utc};
use rusqlite::{Connection, OpenFlags};

use super::{Store, open};
use crate::{Error, Result};

/// Why a backup was made.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum BackupKind {
    /// The first time the interface started on a day.
    Daily,
    /// `debrief backup` into the backups folder.
    Manual,
    /// Just before `debrief backup --restore` replaced the journal.
    BeforeRestore,
    /// Just before `debrief import` brought entries in.
    BeforeImport,
    /// Just before an entry was deleted for good.
    BeforePurge,
    /// Just before the journal's layout was upgraded (from this schema version).
    BeforeMigration(i64),
}

impl BackupKind {
    /// Made by debrief on its own (and so rolled away in time), not asked for.
    pub fn is_automatic(self) -> bool {
        self != BackupKind::Manual
    }

    pub fn describe(self) -> String {
        match self {
            BackupKind::Daily => "daily".into(),
            BackupKind::Manual => "made by you".into(),
            BackupKind::BeforeRestore => "before a restore".into(),
            BackupKind::BeforeImport => "before an import".into(),
            BackupKind::BeforePurge => "before deleting an entry for good".into(),
            BackupKind::BeforeMigration(v) => format!("before upgrading from version {v}"),
        }
    }

    fn suffix(self) -> &'static str {
        match self {
            BackupKind::Daily => "daily",
            BackupKind::Manual => "manual",
            BackupKind::BeforeRestore => "before-restore",
            BackupKind::BeforeImport => "before-import",
            BackupKind::BeforePurge => "before-purge",
            BackupKind::BeforeMigration(_) => "before-migration",
        }
    }
}

const STAMP: &str = "%Y%m%dT%H%M%S%.3fZ";

/// Where a backup of `kind` made `at` goes in `dir`.
pub fn name(dir: &Path, kind: BackupKind, at: DateTime<Utc>) -> PathBuf {
    match kind {
        BackupKind::BeforeMigration(v) => open::backup_name(dir, v, at),
        _ => dir.join(format!("debrief-{}-{}.db", at.format(STAMP), kind.suffix())),
    }
}

/// What a backup file's name says about it, if debrief named it.
fn parse_name(file: &str) -> Option<(BackupKind, DateTime<Utc>)> {
    let stem = file.strip_prefix("debrief-")?.strip_suffix(".db")?;
    let stamp = |s: &str| {
        NaiveDateTime::parse_from_str(s, STAMP)
            .ok()
            .map(|t| t.and_utc())
    };
    if let Some(rest) = stem.strip_prefix('v') {
        let (version, at) = rest.split_once("-before-migration-")?;
        return Some((
            BackupKind::BeforeMigration(version.parse().ok()?),
            stamp(at)?,
        ));
    }
    let (at, kind) = stem.split_once('-')?;
    let kind = match kind {
        "daily" => BackupKind::Daily,
        "manual" => BackupKind::Manual,
        "before-restore" => BackupKind::BeforeRestore,
        "before-import" => BackupKind::BeforeImport,
        "before-purge" => BackupKind::BeforePurge,
        _ => return None,
    };
    Some((kind, stamp(at)?))
}

/// One backup in the backups folder.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct BackupFile {
    pub path: PathBuf,
    pub kind: BackupKind,
    pub made: DateTime<Utc>,
    pub bytes: u64,
}

/// debrief's backups in `dir`, newest first (other files there are left alone and unlisted).
pub fn list(dir: &Path) -> Result<Vec<BackupFile>> {
    let entries = match std::fs::read_dir(dir) {
        Ok(e) => e,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(Vec::new()),
        Err(e) => return Err(e.into()),
    };
    let mut out: Vec<BackupFile> = entries
        .filter_map(|e| e.ok())
        .filter_map(|e| {
            let (kind, made) = parse_name(e.file_name().to_str()?)?;
            let meta = e.metadata().ok().filter(|m| m.is_file())?;
            Some(BackupFile {
                path: e.path(),
                kind,
                made,
                bytes: meta.len(),
            })
        })
        .collect();
    out.sort_by_key(|b| std::cmp::Reverse(b.made));
    Ok(out)
}

/// Delete debrief's automatic backups beyond the newest `keep`; returns what went.
pub fn roll(dir: &Path, keep: usize) -> Result<Vec<PathBuf>> {
    let mut gone = Vec::new();
    for b in list(dir)?
        .into_iter()
        .filter(|b| b.kind.is_automatic())
        .skip(keep)
    {
        std::fs::remove_file(&b.path)?;
        gone.push(b.path);
    }
    Ok(gone)
}

/// Back up `store` into `dir` before a change of `kind` (an import, a restore, a purge), then
/// roll the automatic backups to the newest `keep`; returns the copy's path.
pub fn before(
    store: &Store,
    dir: &Path,
    kind: BackupKind,
    now: DateTime<Utc>,
    keep: usize,
) -> Result<PathBuf> {
    let path = name(dir, kind, now);
    store.backup_to(&path)?;
    roll(dir, keep)?;
    Ok(path)
}

/// Is a daily backup due: none of any kind in the last 24 hours?
pub fn daily_due(dir: &Path, now: DateTime<Utc>) -> Result<bool> {
    Ok(list(dir)?
        .first()
        .is_none_or(|b| now - b.made >= chrono::Duration::hours(24)))
}

/// The daily backup of the journal at `journal`, if one is due, made through a connection of
/// its own (so the interface can go on meanwhile); then the automatic ones beyond `keep` go.
pub fn daily(
    journal: &Path,
    dir: &Path,
    now: DateTime<Utc>,
    keep: usize,
    key: Option<&crate::secret::Passphrase>,
) -> Result<Option<PathBuf>> {
    if !journal.is_file() || !daily_due(dir, now)? {
        return Ok(None);
    }
    let store = Store::open_read_only(journal, key)?;
    let path = name(dir, BackupKind::Daily, now);
    store.backup_to(&path)?;
    roll(dir, keep)?;
    Ok(Some(path))
}

/// Copy the whole database `from` into `to` with SQLite's backup API, a few pages a step.
/// While another process holds the journal locked, keep trying up to `from`'s busy timeout,
/// then say the journal is busy (the backup API's own loop would wait for ever).
pub(super) fn copy_database(from: &Connection, to: &mut Connection) -> Result<()> {
    use rusqlite::backup::StepResult;
    let patience_ms: i64 = from
        .query_row("PRAGMA busy_timeout", [], |r| r.get(0))
        .unwrap_or(5000);
    let patience = std::time::Duration::from_millis(u64::try_from(patience_ms).unwrap_or(0));
    let started = std::time::Instant::now();
    let backup = rusqlite::backup::Backup::new(from, to)?;
    loop {
        match backup.step(1024).map_err(Error::from_sqlite)? {
            StepResult::Done => return Ok(()),
            StepResult::More => {}
            StepResult::Busy | StepResult::Locked if started.elapsed() >= patience => {
                return Err(Error::Locked);
            }
            _ => std::thread::sleep(std::time::Duration::from_millis(10)),
        }
    }
}

/// What verifying a backup found.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Verified {
    pub entries: i64,
    pub schema: i64,
    /// Empty when the copy is sound.
    pub problems: Vec<String>,
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
    /// journal's; what is restored keeps the journal's passphrase. Only while nobody else has
    /// the journal open (else [`Error::InUse`]); the store keeps it to itself until closed.
    pub fn restore_from(
        &mut self,
        path: &Path,
        key: Option<&crate::secret::Passphrase>,
    ) -> Result<()> {
        self.check_file()?;
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
        let source = Connection::open_with_flags(path, OpenFlags::SQLITE_OPEN_READ_ONLY)
            .map_err(|e| open::open_error(path, e))?;
        super::cipher::key(&source, path, key.or(self.key.as_ref()))?;
        // A window still open on the journal would go on with drafts and screens the backup
        // does not have.
        open::take_sole_use(&self.conn)?;
        copy_database(&source, &mut self.conn)
    }

    /// The journal's passphrase, when it is encrypted.
    pub fn key(&self) -> Option<&crate::secret::Passphrase> {
        self.key.as_ref()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_say_when_and_why() {
        let at = DateTime::parse_from_rfc3339("2026-11-23T18:05:09.250Z")
            .expect("time")
            .with_timezone(&Utc);
        let dir = Path::new("/b");
        for kind in [
            BackupKind::Daily,
            BackupKind::Manual,
            BackupKind::BeforeRestore,
            BackupKind::BeforeImport,
            BackupKind::BeforeMigration(6),
        ] {
            let p = name(dir, kind, at);
            let file = p.file_name().and_then(|f| f.to_str()).expect("name");
            assert_eq!(parse_name(file), Some((kind, at)), "{file}");
        }
        assert_eq!(
            name(dir, BackupKind::Daily, at),
            Path::new("/b/debrief-20261123T180509.250Z-daily.db")
        );
        assert_eq!(parse_name("holiday.db"), None);
        assert_eq!(parse_name("debrief-20261123T180509.250Z-mine.db"), None);
    }
}
