//! Backups: consistent copies made with SQLite's backup API (safe while debrief is open),
//! named by the journal they are of, when and why they were made; found again only when their
//! content proves them this journal's and whole (see `backup_files`), listed, rolled (only
//! debrief's own automatic ones, the newest kept), and the unfinished copies a killed run
//! left are reported, and removed once proven this journal's.

use std::path::{Path, PathBuf};

use chrono::{DateTime, NaiveDateTime, Utc};
use rusqlite::Connection;

use super::Store;
use super::backup_files::{self, read_content};
use crate::secret::Passphrase;
use crate::{Error, Result};

pub use super::restore::Verified;

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

    fn suffix(self) -> String {
        match self {
            BackupKind::Daily => "daily".into(),
            BackupKind::Manual => "manual".into(),
            BackupKind::BeforeRestore => "before-restore".into(),
            BackupKind::BeforeImport => "before-import".into(),
            BackupKind::BeforePurge => "before-purge".into(),
            BackupKind::BeforeMigration(v) => format!("before-migration-v{v}"),
        }
    }

    fn from_suffix(suffix: &str) -> Option<BackupKind> {
        Some(match suffix {
            "daily" => BackupKind::Daily,
            "manual" => BackupKind::Manual,
            "before-restore" => BackupKind::BeforeRestore,
            "before-import" => BackupKind::BeforeImport,
            "before-purge" => BackupKind::BeforePurge,
            other => {
                BackupKind::BeforeMigration(other.strip_prefix("before-migration-v")?.parse().ok()?)
            }
        })
    }
}

const STAMP: &str = "%Y%m%dT%H%M%S%.3fZ";

/// Where a backup of `kind` made `at` of the journal with the id `journal` goes in `dir`:
/// `debrief-ID-WHEN-WHY.db`. A journal from before ids (only while it is upgraded) gets the
/// names backups had then.
pub fn name(dir: &Path, journal: Option<&str>, kind: BackupKind, at: DateTime<Utc>) -> PathBuf {
    let at = at.format(STAMP);
    dir.join(match (journal, kind) {
        (Some(id), _) => format!("debrief-{id}-{at}-{}.db", kind.suffix()),
        (None, BackupKind::BeforeMigration(v)) => format!("debrief-v{v}-before-migration-{at}.db"),
        (None, _) => format!("debrief-{at}-{}.db", kind.suffix()),
    })
}

/// A journal id as debrief makes them: 32 lowercase hex digits.
fn is_id(s: &str) -> bool {
    s.len() == 32
        && s.bytes()
            .all(|b| b.is_ascii_digit() || (b'a'..=b'f').contains(&b))
}

/// What a backup file's name says about it, if debrief named it: the journal's id (none for
/// a name from before ids), why and when.
fn parse_name(file: &str) -> Option<(Option<String>, BackupKind, DateTime<Utc>)> {
    let stem = file.strip_prefix("debrief-")?.strip_suffix(".db")?;
    let stamp = |s: &str| {
        NaiveDateTime::parse_from_str(s, STAMP)
            .ok()
            .map(|t| t.and_utc())
    };
    if let Some((id, rest)) = stem.split_once('-').filter(|(id, _)| is_id(id)) {
        let (at, kind) = rest.split_once('-')?;
        return Some((Some(id.into()), BackupKind::from_suffix(kind)?, stamp(at)?));
    }
    if let Some(rest) = stem.strip_prefix('v') {
        let (version, at) = rest.split_once("-before-migration-")?;
        let kind = BackupKind::BeforeMigration(version.parse().ok()?);
        return Some((None, kind, stamp(at)?));
    }
    let (at, kind) = stem.split_once('-')?;
    match BackupKind::from_suffix(kind)? {
        BackupKind::BeforeMigration(_) => None,
        kind => Some((None, kind, stamp(at)?)),
    }
}

/// The temporary name a copy is written under, beside its final name: hidden, the journal's
/// id, the writing process and a random part (`.debrief-ID-PID-RANDOM.partial`).
pub(super) fn temporary_name(journal: Option<&str>, pid: u32) -> String {
    let mut random = [0u8; 8];
    // Without randomness the name is still new (create_new refuses a taken one).
    let _ = getrandom::fill(&mut random);
    let random = u64::from_le_bytes(random);
    match journal {
        Some(id) => format!(".debrief-{id}-{pid}-{random:016x}.partial"),
        None => format!(".debrief-{pid}-{random:016x}.partial"),
    }
}

/// The journal id and process a temporary name carries, if debrief made it.
fn parse_temporary(file: &str) -> Option<(Option<String>, u32)> {
    let stem = file.strip_prefix(".debrief-")?.strip_suffix(".partial")?;
    let parts: Vec<&str> = stem.split('-').collect();
    let (id, pid, random) = match parts[..] {
        [id, pid, random] if is_id(id) => (Some(id.to_string()), pid, random),
        [pid, random] => (None, pid, random),
        _ => return None,
    };
    let random_ok = random.len() == 16 && random.bytes().all(|b| b.is_ascii_hexdigit());
    random_ok.then_some(())?;
    Some((id, pid.parse().ok()?))
}

/// Whose backups to look for: the journal's id, and the passphrase its encrypted backups open
/// with (an encrypted backup is proven by opening with it and reading the id inside).
#[derive(Clone, Debug)]
pub struct Owner {
    pub id: Option<String>,
    pub key: Option<Passphrase>,
}

impl Owner {
    /// The journal open in `store`.
    pub fn of(store: &Store) -> Result<Owner> {
        Ok(Owner {
            id: store.journal_id()?,
            key: store.key().cloned(),
        })
    }
}

/// One backup in the backups folder.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct BackupFile {
    pub path: PathBuf,
    pub kind: BackupKind,
    pub made: DateTime<Utc>,
    pub bytes: u64,
    pub encrypted: bool,
}

/// A file named like one of this journal's backups that its content does not prove to be
/// one: left alone, never listed or counted as a backup.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Unproven {
    pub path: PathBuf,
    pub why: String,
}

/// A copy left under its temporary name (its process was killed, or is still writing).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Unfinished {
    pub path: PathBuf,
    /// SQLite's files beside it (`-journal`, `-wal`, `-shm`).
    pub side_files: Vec<PathBuf>,
    pub state: Leftover,
}

/// What is known of an unfinished copy.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Leftover {
    /// Its process still runs: it may be being written right now.
    Running(u32),
    /// Its process is gone and its content proves it a copy of this journal: removable.
    Ours,
    /// Its process is gone, but its content does not prove whose it is (why).
    Unknown(String),
}

/// What the backups folder holds for one journal.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Inventory {
    /// This journal's backups, proven whole and its own by their content, newest first.
    pub backups: Vec<BackupFile>,
    /// Named like this journal's backups (or like a backup from before ids), not proven.
    pub unproven: Vec<Unproven>,
    /// Whole debrief backups from before journals had ids: of this journal or of another
    /// in the same folder, nobody can tell, so they are never rolled or removed.
    pub older: Vec<BackupFile>,
    /// This journal's unfinished copies.
    pub unfinished: Vec<Unfinished>,
}

/// What `dir` holds for the journal `owner`, each file judged by its content (nothing is
/// changed; another journal's backups are not looked at).
pub fn inventory(dir: &Path, owner: &Owner) -> Result<Inventory> {
    let entries = match std::fs::read_dir(dir) {
        Ok(e) => e,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(Inventory::default()),
        Err(e) => return Err(e.into()),
    };
    let mut found = Inventory::default();
    for entry in entries.filter_map(|e| e.ok()) {
        let path = entry.path();
        let Some(file) = entry.file_name().to_str().map(str::to_string) else {
            continue;
        };
        if let Some((id, pid)) = parse_temporary(&file) {
            if id == owner.id {
                found.unfinished.push(unfinished(path, pid, owner));
            }
        } else if let Some((id, kind, made)) = parse_name(&file) {
            judge(&mut found, path, (id, kind, made), owner);
        }
    }
    found.backups.sort_by_key(|b| std::cmp::Reverse(b.made));
    found.older.sort_by_key(|b| std::cmp::Reverse(b.made));
    Ok(found)
}

/// Sort the file at `path`, named as `named` says, into `found` by its content.
fn judge(
    found: &mut Inventory,
    path: PathBuf,
    named: (Option<String>, BackupKind, DateTime<Utc>),
    owner: &Owner,
) {
    let (id, kind, made) = named;
    if id.is_some() && id != owner.id {
        return;
    }
    let content = read_content(&path, owner.key.as_ref(), true).map(|(c, _)| c);
    let backup = |encrypted| BackupFile {
        bytes: path.symlink_metadata().map(|m| m.len()).unwrap_or(0),
        path: path.clone(),
        kind,
        made,
        encrypted,
    };
    match content {
        Ok(c) if id.is_none() => found.older.push(backup(c.encrypted)),
        Ok(c) if c.id == id => found.backups.push(backup(c.encrypted)),
        Ok(_) => found.unproven.push(Unproven {
            path,
            why: "a copy of another journal".into(),
        }),
        Err(why) => found.unproven.push(Unproven { path, why }),
    }
}

/// What is known of the unfinished copy at `path` made by process `pid`.
fn unfinished(path: PathBuf, pid: u32, owner: &Owner) -> Unfinished {
    let state = if crate::platform::process_alive(pid) {
        Leftover::Running(pid)
    } else {
        let marked = backup_files::marked_for(&path, owner.key.as_ref());
        match read_content(&path, owner.key.as_ref(), false).map(|(c, _)| c) {
            _ if marked.is_some() && marked == owner.id => Leftover::Ours,
            // Under this journal's temporary name, debrief's mark in its header, and cut
            // short while written: an unfinished copy nothing can open.
            _ if owner.id.is_some() && backup_files::cut_short(&path) => Leftover::Ours,
            Ok(c) if c.id.is_some() && c.id == owner.id => Leftover::Ours,
            Ok(c) if c.id.is_none() => {
                Leftover::Unknown("it carries no journal id to tell whose it is".into())
            }
            Ok(_) => Leftover::Unknown("a copy of another journal".into()),
            Err(why) => Leftover::Unknown(why),
        }
    };
    Unfinished {
        side_files: backup_files::side_files_of(&path),
        path,
        state,
    }
}

/// Remove the unfinished copies in `found` proven to be this journal's (and SQLite's files
/// beside them); returns what went.
pub fn clear_unfinished(found: &Inventory) -> Result<Vec<PathBuf>> {
    let mut gone = Vec::new();
    for u in found
        .unfinished
        .iter()
        .filter(|u| u.state == Leftover::Ours)
    {
        backup_files::remove_unfinished(&u.path)?;
        gone.push(u.path.clone());
    }
    Ok(gone)
}

/// Delete the journal `owner`'s automatic backups beyond the newest `keep`, and its proven
/// unfinished copies; returns what went. Only files whose content proves them this
/// journal's are counted or removed.
pub fn roll(dir: &Path, owner: &Owner, keep: usize) -> Result<Vec<PathBuf>> {
    let found = inventory(dir, owner)?;
    let mut gone = clear_unfinished(&found)?;
    for b in found
        .backups
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
    let owner = Owner::of(store)?;
    let path = name(dir, owner.id.as_deref(), kind, now);
    store.backup_to(&path)?;
    roll(dir, &owner, keep)?;
    Ok(path)
}

/// Is a daily backup of the journal `owner` due: none of this journal's of any kind in the
/// last 24 hours?
pub fn daily_due(dir: &Path, owner: &Owner, now: DateTime<Utc>) -> Result<bool> {
    Ok(inventory(dir, owner)?
        .backups
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
    key: Option<&Passphrase>,
) -> Result<Option<PathBuf>> {
    if !journal.is_file() {
        return Ok(None);
    }
    let store = Store::open_read_only(journal, key)?;
    let owner = Owner::of(&store)?;
    if !daily_due(dir, &owner, now)? {
        return Ok(None);
    }
    let path = name(dir, owner.id.as_deref(), BackupKind::Daily, now);
    store.backup_to(&path)?;
    roll(dir, &owner, keep)?;
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

#[cfg(test)]
mod tests {
    use super::*;

    const ID: &str = "0123456789abcdef0123456789abcdef";

    #[test]
    fn names_say_whose_when_and_why() {
        let at = DateTime::parse_from_rfc3339("2026-11-23T18:05:09.250Z")
            .expect("time")
            .with_timezone(&Utc);
        let dir = Path::new("/b");
        for id in [Some(ID), None] {
            for kind in [
                BackupKind::Daily,
                BackupKind::Manual,
                BackupKind::BeforeRestore,
                BackupKind::BeforeImport,
                BackupKind::BeforePurge,
                BackupKind::BeforeMigration(6),
            ] {
                let p = name(dir, id, kind, at);
                let file = p.file_name().and_then(|f| f.to_str()).expect("name");
                assert_eq!(
                    parse_name(file),
                    Some((id.map(String::from), kind, at)),
                    "{file}"
                );
            }
        }
        assert_eq!(
            name(dir, Some(ID), BackupKind::Daily, at),
            Path::new("/b/debrief-0123456789abcdef0123456789abcdef-20261123T180509.250Z-daily.db")
        );
        // The names of backups made before journals had ids are still read.
        assert_eq!(
            name(dir, None, BackupKind::Daily, at),
            Path::new("/b/debrief-20261123T180509.250Z-daily.db")
        );
        assert_eq!(
            parse_name("debrief-v6-before-migration-20261123T180509.250Z.db"),
            Some((None, BackupKind::BeforeMigration(6), at))
        );
        assert_eq!(parse_name("holiday.db"), None);
        assert_eq!(parse_name("debrief-20261123T180509.250Z-mine.db"), None);
        assert_eq!(
            parse_name("debrief-0123456789ABCDEF0123456789ABCDEF-20261123T180509.250Z-daily.db"),
            None
        );
    }

    #[test]
    fn temporary_names_carry_the_journal_and_the_process_and_are_new_each_time() {
        let a = temporary_name(Some(ID), 4242);
        let b = temporary_name(Some(ID), 4242);
        assert_ne!(a, b);
        assert!(a.starts_with(".debrief-") && a.ends_with(".partial"), "{a}");
        assert_eq!(parse_temporary(&a), Some((Some(ID.to_string()), 4242)));
        assert_eq!(parse_temporary(&temporary_name(None, 7)), Some((None, 7)));
        // A backup's name is not a temporary one, nor is a look-alike.
        assert_eq!(
            parse_temporary("debrief-20261123T180509.250Z-daily.db"),
            None
        );
        assert_eq!(parse_temporary(".debrief-12-nothex.partial"), None);
        assert_eq!(parse_name(&a), None);
    }
}
