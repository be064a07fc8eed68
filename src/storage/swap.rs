//! Changing a journal's encryption (`debrief encrypt`, `decrypt`) by copy and swap, touching
//! no file but its own. A journal path that is a symlink is followed: the work is done
//! beside the real file, which becomes the new journal, and the link stays a link.
//!
//! 1. The journal is taken to itself (nobody else reads or writes it until the swap is done).
//! 2. A record of leftovers is started and a new working file made and written down in it
//!    (`leftovers`, `workfile`); the copy is written into that file, checked, and the journal
//!    leaves WAL mode.
//! 3. The old file is opened (checked to be the journal's file), given a second name that is
//!    written down first, and the copy is renamed over the journal in one step.
//! 4. The lock is let go; the old bytes are overwritten through the descriptor held, the
//!    second name removed, and the record with it.
//!
//! Ctrl-C or SIGTERM before step 3's rename undoes everything (the copy wiped); after it,
//! the change is finished (`interrupts`). A kill -9 leaves the record, and the next debrief
//! to open the journal wipes what it lists.

use std::fs::File;
use std::path::{Path, PathBuf};

use super::Store;
use super::interrupts::Watch;
use super::leftovers::Record;
use super::workfile::{self, Wiped, WorkFile};
use super::{cipher, open};
use crate::platform::{self, FileId};
use crate::secret::Passphrase;
use crate::{Error, Result};

/// What a change of encryption did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Changed {
    /// How many entries the journal holds.
    pub entries: i64,
    /// Whether the old file's bytes were overwritten (not when it has other hard links, or
    /// the overwriting failed: `notes` says which).
    pub overwritten: bool,
    /// Things to tell (an old file with other hard links, an interruption that came late).
    pub notes: Vec<String>,
}

/// The journal's file held open, with its identity, and its second name once made.
struct Old {
    file: File,
    id: FileId,
    second: Option<PathBuf>,
}

/// See the module's description. The store is closed on return.
pub(super) fn change(store: Store, to: Option<&Passphrase>) -> Result<Changed> {
    store.check_file()?;
    let Some(path) = store.path.clone() else {
        return Err(Error::Conflict(
            "an in-memory journal has no file to encrypt".into(),
        ));
    };
    let real = workfile::resolve(&path)?;
    // The file at the end of a link is the one opened.
    open::same_file(Some(&real), store.file)?;
    open::take_sole_use(&store.conn)?;
    let operation = if to.is_some() { "encrypt" } else { "decrypt" };
    let watch = Watch::start(store.conn.get_interrupt_handle());
    let mut record = Record::begin(&real, operation)?;
    let new = match WorkFile::create(&real) {
        Ok(new) => new,
        Err(e) => {
            record.finish();
            return Err(e);
        }
    };
    let mut old = None;
    let ready = swap(&store, &real, &new, to, (&watch, &mut record, &mut old));
    // The lock goes first: closing another descriptor of the journal's file would let go of
    // SQLite's lock under it.
    drop(store);
    let entries = match ready {
        Ok(entries) => entries,
        Err(e) => {
            roll_back(new, old, record);
            // Whatever step the signal stopped (SQLite reports its interrupt as an error).
            return Err(if watch.interrupted() {
                interrupted(to)
            } else {
                e
            });
        }
    };
    let mut notes = Vec::new();
    let (wiped, overwritten) = match old {
        Some(old) => wipe_old(old, to, &mut notes),
        None => (true, false),
    };
    // The new journal's descriptor is closed, not wiped: it is the journal now.
    drop(new);
    if wiped {
        record.finish();
    }
    if watch.interrupted() {
        notes.push(
            "the interruption came after the new journal was in place, so the change was finished first"
                .into(),
        );
    }
    Ok(Changed {
        entries,
        overwritten,
        notes,
    })
}

/// Steps 2 and 3 up to the rename; `old` is the journal's file once held.
fn swap(
    store: &Store,
    real: &Path,
    new: &WorkFile,
    to: Option<&Passphrase>,
    (watch, record, old): (&Watch, &mut Record, &mut Option<Old>),
) -> Result<i64> {
    record.note(&new.token, new.id)?;
    let entries = copy_and_check(store, real, new, to)?;
    second_name(store, real, record, old)?;
    // The last moment to stop: after the rename the change is finished.
    if watch.interrupted() {
        return Err(interrupted(to));
    }
    watch.finishing();
    std::fs::rename(&new.path, real)?;
    platform::sync_dir(real);
    Ok(entries)
}

/// Step 2: the copy under `to` in the working file, checked, and the journal out of WAL
/// mode (its `-wal` folded in and removed by SQLite). Returns the entries copied.
fn copy_and_check(
    store: &Store,
    real: &Path,
    new: &WorkFile,
    to: Option<&Passphrase>,
) -> Result<i64> {
    let (entries, version) = cipher::export(&store.conn, &new.path, to)?;
    cipher::verify_copy(&new.path, to, entries, version)?;
    if !new.still_named() {
        return Err(Error::Conflict(format!(
            "the working file {} was replaced by another while debrief wrote it; the journal was left as it was",
            new.path.display()
        )));
    }
    let mode: String = store
        .conn
        .query_row("PRAGMA journal_mode = DELETE", [], |r| r.get(0))?;
    // Held again, and to the end (the exclusive locking mode keeps it): nobody opens the old
    // file, or makes a -wal for it, before the swap.
    open::take_sole_use(&store.conn)?;
    let wal = open::side_file(real, "-wal");
    if !mode.eq_ignore_ascii_case("delete") || std::fs::symlink_metadata(&wal).is_ok() {
        return Err(Error::Conflict(format!(
            "{} is still there after the journal left WAL mode, so the journal was left as it was: move that file away and try again",
            wal.display()
        )));
    }
    Ok(entries)
}

/// Step 3's first half: the journal's file opened (without following a link) and checked to
/// be the store's, and a second name for it, written down in the record before it is made.
/// Where the folder takes no hard links, the old file has no second name and is wiped
/// through the descriptor alone.
fn second_name(
    store: &Store,
    real: &Path,
    record: &mut Record,
    old: &mut Option<Old>,
) -> Result<()> {
    let file = platform::open_not_followed(real, true)?;
    let id = FileId::of_file(&file)?;
    if Some(id) != store.file {
        // Another file (closing it lets go of no lock on the journal's).
        return Err(Error::JournalGone {
            path: real.to_path_buf(),
        });
    }
    let old = old.insert(Old {
        file,
        id,
        second: None,
    });
    let token = workfile::token()?;
    record.note(&token, id)?;
    let name = workfile::working_name(real, &token);
    old.second = std::fs::hard_link(real, &name).ok().map(|()| name);
    Ok(())
}

/// Undo before the swap: the second name removed (it is the journal), the copy wiped, and
/// the record removed once nothing it lists is left (else the next open finishes the job).
fn roll_back(new: WorkFile, old: Option<Old>, record: Record) {
    let mut clean = true;
    if let Some(Old {
        id,
        second: Some(name),
        ..
    }) = &old
    {
        clean &= workfile::remove_if_same(name, *id).is_ok();
    }
    clean &= new.wipe().is_ok();
    if clean {
        record.finish();
    }
}

/// Step 4: overwrite the old journal's bytes through the descriptor held and remove its
/// second name. A file with other hard links (a name the user gave it elsewhere) is not
/// overwritten, which would reach them: that is said. Returns whether nothing is left of it
/// beside the journal, and whether it was overwritten.
fn wipe_old(old: Old, to: Option<&Passphrase>, notes: &mut Vec<String>) -> (bool, bool) {
    let wiped = workfile::wipe_and_remove(&old.file, old.id, old.second.as_deref());
    let what = if to.is_some() { "plain" } else { "encrypted" };
    match wiped {
        Ok(Wiped::Overwritten) => (true, true),
        Ok(Wiped::OtherLinks(n)) => {
            notes.push(format!(
                "the old {what} journal file has {n} other hard link{} (another name for it elsewhere), so its bytes were not overwritten: they stay readable through {}",
                if n == 1 { "" } else { "s" },
                if n == 1 { "that name" } else { "those names" }
            ));
            (true, false)
        }
        Err(e) => {
            let again = match old.second {
                Some(_) => "; the next debrief to open the journal tries again",
                None => "",
            };
            notes.push(format!(
                "the old {what} journal file could not be overwritten ({e}){again}"
            ));
            (false, false)
        }
    }
}

fn interrupted(to: Option<&Passphrase>) -> Error {
    Error::Interrupted(format!(
        "interrupted: the journal was left as it was ({}), and the unfinished copy was overwritten and removed",
        if to.is_some() { "plain" } else { "encrypted" }
    ))
}

#[cfg(test)]
mod tests;
