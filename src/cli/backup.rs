//! `debrief backup [PATH]`, `--list`, `--verify PATH` and `--restore PATH`: a consistent copy
//! of the journal (even while the interface is open), the backups debrief keeps, a check of
//! any copy, and putting one back (after backing up the journal as it is).

use std::io::Write;
use std::path::{Path, PathBuf};

use clap::Args;

use super::output::stdout;
use crate::Result;
use crate::secret::Passphrase;
use crate::session::Session;
use crate::storage::backups::{self, BackupKind};

#[derive(Debug, Args)]
pub struct BackupArgs {
    /// Where to write the copy: a new file, or a folder to put it in (default: the backups
    /// folder, see `debrief paths`).
    #[arg(value_name = "PATH", conflicts_with_all = ["list", "verify", "restore"])]
    pub path: Option<PathBuf>,
    /// List the backups in the backups folder, newest first.
    #[arg(long, conflicts_with_all = ["verify", "restore"])]
    pub list: bool,
    /// Check a backup (read only): its file, its search index, how many entries.
    #[arg(long, value_name = "PATH", conflicts_with = "restore")]
    pub verify: Option<PathBuf>,
    /// Replace the journal with a backup, after backing up the journal as it is now.
    #[arg(long, value_name = "PATH")]
    pub restore: Option<PathBuf>,
    /// A file whose first line is the passphrase of the backup given to --verify or
    /// --restore, when it was made under an earlier passphrase than the journal's.
    #[arg(long, value_name = "FILE")]
    pub backup_passphrase_file: Option<PathBuf>,
    /// Restore without asking (needed when not on a terminal).
    #[arg(long, requires = "restore")]
    pub yes: bool,
}

pub fn run(session: &Session, a: BackupArgs) -> Result<()> {
    if a.list {
        return list(session);
    }
    if let Some(path) = &a.verify {
        return verify(session, path, a.backup_passphrase_file.as_deref()).map(|_| ());
    }
    if let Some(path) = &a.restore {
        return restore(session, path, a.backup_passphrase_file.as_deref(), a.yes);
    }
    if !session.paths.journal.exists() {
        return Err(crate::Error::invalid(
            "journal",
            format!(
                "there is no journal at {} yet, so nothing to back up",
                session.paths.journal.display()
            ),
        ));
    }
    let store = session.open_store_to_read()?;
    let now = session.clock.now();
    let id = store.journal_id()?;
    let dest = match &a.path {
        None => backups::name(
            &session.paths.backups,
            id.as_deref(),
            BackupKind::Manual,
            now,
        ),
        Some(p) if p.is_dir() => backups::name(p, id.as_deref(), BackupKind::Manual, now),
        Some(p) => p.clone(),
    };
    // A backup never replaces a file: not an older backup, not anything else.
    super::output::check_new_file(&dest)?;
    store.backup_to(&dest)?;
    let entries = store.count_entries()?;
    let mut out = stdout();
    writeln!(
        out,
        "Backed up {} to {} ({}).",
        crate::text::count(entries, "entry", "entries"),
        dest.display(),
        size(std::fs::metadata(&dest)?.len())
    )?;
    out.flush()?;
    Ok(())
}

/// "2.1 MB".
fn size(bytes: u64) -> String {
    match bytes {
        b if b >= 1 << 20 => format!("{:.1} MB", b as f64 / f64::from(1 << 20)),
        b => format!("{} kB", b.div_ceil(1024)),
    }
}

fn list(session: &Session) -> Result<()> {
    let dir = &session.paths.backups;
    let owner = backups::Owner::of(&session.open_store_to_read()?)?;
    let found = backups::inventory(dir, &owner)?;
    let removed = backups::clear_unfinished(&found)?;
    let mut out = stdout();
    if found.backups.is_empty() {
        writeln!(
            out,
            "No backups of this journal in {} yet. `debrief backup` makes one; the interface makes one a day.",
            dir.display()
        )?;
    }
    for b in &found.backups {
        writeln!(out, "{}", row(session, b))?;
    }
    say_unfinished(&mut out, &found.unfinished, &removed)?;
    if !found.unproven.is_empty() {
        writeln!(
            out,
            "Named like backups of this journal but not proven to be (left alone, never counted or removed):"
        )?;
        for u in &found.unproven {
            writeln!(out, "  {}: {}", u.path.display(), u.why)?;
        }
    }
    if !found.older.is_empty() {
        writeln!(
            out,
            "Made before backups carried their journal's id, so of this journal or another in the folder (never rolled or removed):"
        )?;
        for b in &found.older {
            writeln!(out, "  {}", row(session, b))?;
        }
    }
    out.flush()?;
    Ok(())
}

/// One backup on one line: when, how big, why, where.
fn row(session: &Session, b: &backups::BackupFile) -> String {
    format!(
        "{}  {:>9}  {:<32}  {}",
        session.clock.local(b.made).format("%a %-d %b %Y %H:%M"),
        size(b.bytes),
        b.kind.describe(),
        b.path.display()
    )
}

/// The copies a backup left unfinished (killed before it was complete), and what became of
/// each: removed (`removed`), still being written, or left for want of proof.
fn say_unfinished(
    out: &mut impl Write,
    unfinished: &[backups::Unfinished],
    removed: &[PathBuf],
) -> Result<()> {
    if unfinished.is_empty() {
        return Ok(());
    }
    writeln!(
        out,
        "Unfinished backups (interrupted before they were complete; never counted):"
    )?;
    for u in unfinished {
        let path = u.path.display();
        match &u.state {
            _ if removed.contains(&u.path) => writeln!(
                out,
                "  {path}: removed (an unfinished copy of this journal; its process is gone)"
            )?,
            backups::Leftover::Running(pid) => {
                writeln!(out, "  {path}: being written by process {pid}")?
            }
            backups::Leftover::Ours => writeln!(out, "  {path}: could not be removed")?,
            backups::Leftover::Unknown(why) => writeln!(
                out,
                "  {path}: left alone, debrief cannot prove it is its own ({why}); delete it if you do not want it"
            )?,
        }
    }
    Ok(())
}

/// A checked backup and the passphrase it opened with (none for a plain one).
struct Sound {
    verified: crate::storage::backups::Verified,
    key: Option<Passphrase>,
}

/// The backup at `path`, checked; a missing or damaged one is an error. An encrypted backup
/// is read with the journal's passphrase, or, when it was made under an earlier one, with
/// the passphrase asked for on the terminal.
fn sound(session: &Session, path: &Path, backup_key: Option<&Path>) -> Result<Sound> {
    no_such_file(path)?;
    let encrypted = crate::storage::cipher::looks_encrypted(path);
    let mut key = match (encrypted, backup_key) {
        (false, _) => None,
        (true, Some(file)) => Some(Passphrase::from_file(file)?),
        (true, None) => session.key_for(path)?,
    };
    let verified = match crate::storage::Store::verify_backup(path, key.as_ref()) {
        Err(crate::Error::WrongPassphrase { .. }) if backup_key.is_none() => {
            if !crate::secret::on_terminal() {
                return Err(crate::Error::OldPassphrase {
                    path: path.to_path_buf(),
                });
            }
            key = Some(Passphrase::ask(&format!(
                "{} was made under another passphrase; its passphrase (not shown as you type): ",
                path.display()
            ))?);
            crate::storage::Store::verify_backup(path, key.as_ref())?
        }
        other => other?,
    };
    if !verified.problems.is_empty() {
        return Err(crate::Error::Conflict(format!(
            "{} is damaged ({}); nothing was changed: use another backup",
            path.display(),
            verified.problems.join("; ")
        )));
    }
    Ok(Sound { verified, key })
}

/// Check a backup and say what was found.
fn verify(
    session: &Session,
    path: &Path,
    backup_key: Option<&Path>,
) -> Result<crate::storage::backups::Verified> {
    let v = sound(session, path, backup_key)?.verified;
    let mut out = stdout();
    writeln!(
        out,
        "{}: sound, {} (journal version {}).",
        path.display(),
        crate::text::count(v.entries as usize, "entry", "entries"),
        v.schema
    )?;
    out.flush()?;
    Ok(v)
}

/// A backup named that is not there gets its own plain message.
fn no_such_file(path: &Path) -> Result<()> {
    if path.exists() {
        return Ok(());
    }
    Err(crate::Error::invalid(
        "path",
        format!(
            "there is no backup at {}: `debrief backup --list` shows the ones debrief keeps",
            path.display()
        ),
    ))
}

fn restore(session: &Session, path: &Path, backup_key: Option<&Path>, yes: bool) -> Result<()> {
    let Sound { verified: v, key } = sound(session, path, backup_key)?;
    let journal = &session.paths.journal;
    let question = format!(
        "Replace the journal at {} with {} ({})? The journal as it is now is backed up first. Close any other debrief window first. [y/N] ",
        journal.display(),
        path.display(),
        crate::text::count(v.entries as usize, "entry", "entries")
    );
    let without = "restoring replaces the whole journal: add --yes to do it without a terminal";
    if !yes && !super::output::confirm(&question, without)? {
        eprintln!("Nothing was changed.");
        return Ok(());
    }
    let mut store = session.open_store()?;
    let before = session.backup_before(&store, BackupKind::BeforeRestore)?;
    store.restore_from(path, key.as_ref())?;
    drop(store);
    // Opening it again brings a backup from an older debrief up to date.
    let store = session.open_store()?;
    let mut out = stdout();
    writeln!(
        out,
        "Restored {} from {}. The journal as it was is in {}.",
        crate::text::count(store.count_entries()?, "entry", "entries"),
        path.display(),
        before.display()
    )?;
    out.flush()?;
    Ok(())
}
