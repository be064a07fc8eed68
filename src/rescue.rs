//! Keeping text the journal could not take (busy, gone, too large, read-only, a full disk): a
//! private file beside the journal, one per rescue, never overwriting an earlier one. Used by
//! the CLI when a save fails after the writer typed, and by the TUI when a closing or final
//! draft cannot be written. For an encrypted journal the file is encrypted under its
//! passphrase (`debrief rescued` shows it).
//!
//! A rescue does not depend on room the disk may not have: beside the journal debrief keeps
//! room reserved (a file of its own, [`RESERVE`]), given up the moment a rescue finds the disk
//! full. Where the journal's folder cannot take the file at all (read-only, or full even
//! then), it goes to debrief's state folder, then to a private folder of its own in the
//! temporary folder, and the message says where. A file that could not be written whole is
//! removed, never left looking like a rescue.

use std::io::Write;
use std::path::{Path, PathBuf};

use chrono::{DateTime, Utc};

use crate::secret::Passphrase;

/// The name every rescue file starts with.
pub const PREFIX: &str = "debrief-unsaved-";

/// How an encrypted rescue file's name ends.
const ENCRYPTED: &str = "encrypted";

/// The file beside the journal that keeps room for one rescue.
pub const RESERVE: &str = ".debrief-rescue-room";

/// How much room is kept: the largest entry (1 MiB) with room for an encrypted file's pages.
const RESERVE_BYTES: usize = 1_280 * 1024;

/// How the reserve file begins: what it is, for a person who finds it, and for debrief to
/// know it as its own.
const RESERVE_MAGIC: &[u8] =
    b"debrief: room kept on this disk so that text can be rescued when the disk is full; safe to delete\n";

/// Write `text` to a new private file (mode 0600) and return its path: plain text, or, with
/// the journal's passphrase `key`, encrypted under it. In `dir` (beside the journal) if it
/// can, giving up the room reserved there when the disk is full; else in debrief's other
/// places for rescues ([`crate::paths::rescue_places`]). Two rescues in the same second get
/// two files. The error is the first place's.
pub fn keep(
    dir: &Path,
    at: DateTime<Utc>,
    text: &str,
    key: Option<&Passphrase>,
) -> std::io::Result<PathBuf> {
    let first = match keep_in(dir, at, text, key) {
        Ok(path) => return Ok(path),
        Err(e) => e,
    };
    if release_room(dir)
        && let Ok(path) = keep_in(dir, at, text, key)
    {
        return Ok(path);
    }
    for place in crate::paths::rescue_places(true) {
        if let Ok(path) = keep_in(&place, at, text, key) {
            return Ok(path);
        }
    }
    Err(first)
}

/// [`keep`] in `dir` alone; a file that cannot be written whole is removed.
fn keep_in(
    dir: &Path,
    at: DateTime<Utc>,
    text: &str,
    key: Option<&Passphrase>,
) -> std::io::Result<PathBuf> {
    crate::storage::create_private_dir(dir).map_err(std::io::Error::other)?;
    let stem = format!("{PREFIX}{}", at.format("%Y%m%dT%H%M%S"));
    let ext = if key.is_some() { ENCRYPTED } else { "txt" };
    for n in 1..10_000 {
        let name = if n == 1 {
            format!("{stem}.{ext}")
        } else {
            format!("{stem}-{n}.{ext}")
        };
        let path = dir.join(name);
        let written = match (crate::storage::create_new_private_file(&path), key) {
            (Ok(f), Some(key)) => {
                drop(f);
                crate::storage::cipher::seal(&path, key, text).map_err(|e| match e {
                    crate::Error::Io(e) => e,
                    other => std::io::Error::other(other.to_string()),
                })
            }
            (Ok(mut f), None) => f.write_all(text.as_bytes()).and_then(|()| f.sync_all()),
            (Err(e), _) if e.kind() == std::io::ErrorKind::AlreadyExists => continue,
            (Err(e), _) => return Err(e),
        };
        return match written {
            Ok(()) => Ok(path),
            Err(e) => {
                // This run made it: never leave a part of the text looking like a rescue.
                let _ = std::fs::remove_file(&path);
                let mut journal = path.clone().into_os_string();
                journal.push("-journal");
                let _ = std::fs::remove_file(journal);
                Err(e)
            }
        };
    }
    Err(std::io::Error::other("too many rescue files in one second"))
}

/// Whether the file at `path` is debrief's reserve: a regular file (not a link) that begins
/// as a reserve does.
fn is_reserve(path: &Path) -> bool {
    let regular = std::fs::symlink_metadata(path).is_ok_and(|m| m.file_type().is_file());
    let mut head = vec![0u8; RESERVE_MAGIC.len()];
    regular
        && std::fs::File::open(path)
            .and_then(|mut f| std::io::Read::read_exact(&mut f, &mut head))
            .is_ok()
        && head == RESERVE_MAGIC
}

/// Keep room for one rescue in `dir` (the journal's folder), unless it is kept already;
/// best effort (a disk without the room, a folder that cannot be written: nothing is kept).
/// Only debrief's own reserve is ever replaced, and only when it is not whole.
pub fn reserve_room(dir: &Path) {
    let path = dir.join(RESERVE);
    if let Ok(meta) = std::fs::symlink_metadata(&path) {
        let whole = meta.len() == RESERVE_BYTES as u64;
        if whole || !is_reserve(&path) {
            return;
        }
        let _ = std::fs::remove_file(&path);
    }
    let Ok(mut f) = crate::storage::create_new_private_file(&path) else {
        return;
    };
    // Written out (not a sparse file): the room must really be taken now. (Not synced: the
    // filesystem counts the room when it is written, and one lost in a crash is made again.)
    let mut room = vec![0u8; RESERVE_BYTES];
    room[..RESERVE_MAGIC.len()].copy_from_slice(RESERVE_MAGIC);
    if f.write_all(&room).is_err() {
        drop(f);
        let _ = std::fs::remove_file(&path);
    }
}

/// Give up the room kept in `dir` for a rescue that needs it now; whether there was some.
fn release_room(dir: &Path) -> bool {
    let path = dir.join(RESERVE);
    is_reserve(&path) && std::fs::remove_file(&path).is_ok()
}

/// The rescue files in `dir` and in debrief's other places for rescues, newest first.
pub fn list_all(dir: &Path) -> Vec<PathBuf> {
    let mut out: Vec<PathBuf> = std::iter::once(dir.to_path_buf())
        .chain(crate::paths::rescue_places(false))
        .flat_map(|d| list(&d))
        .collect();
    out.sort_by(|a, b| b.file_name().cmp(&a.file_name()));
    out.dedup();
    out
}

/// The rescue files in `dir`, newest first.
pub fn list(dir: &Path) -> Vec<PathBuf> {
    let mut out: Vec<PathBuf> = std::fs::read_dir(dir)
        .map(|d| {
            d.filter_map(|e| e.ok().map(|e| e.path()))
                .filter(|p| {
                    p.file_name()
                        .and_then(|n| n.to_str())
                        .is_some_and(|n| n.starts_with(PREFIX))
                })
                .collect()
        })
        .unwrap_or_default();
    out.sort();
    out.reverse();
    out
}

/// Whether the rescue file at `path` is encrypted.
pub fn is_encrypted(path: &Path) -> bool {
    path.extension().is_some_and(|e| e == ENCRYPTED)
}

/// Where a rescued text is, said for a person: an encrypted one with how to read it.
pub fn whereabouts(path: &Path) -> String {
    match is_encrypted(path) {
        true => format!(
            "{} (encrypted: `debrief rescued {}` shows it)",
            path.display(),
            path.display()
        ),
        false => path.display().to_string(),
    }
}

/// The text kept at `path` (read with `key` when it is encrypted).
pub fn read(path: &Path, key: Option<&Passphrase>) -> crate::Result<String> {
    match (is_encrypted(path), key) {
        (true, Some(key)) => crate::storage::cipher::unseal(path, key),
        (true, None) => Err(crate::Error::Encrypted {
            path: path.to_path_buf(),
        }),
        (false, _) => Ok(std::fs::read_to_string(path)?),
    }
}

/// `err` with a note saying where `text` was kept (or that even that failed); the error's
/// kind, and so its exit code, stays.
pub fn keep_or_say(
    dir: &Path,
    at: DateTime<Utc>,
    text: &str,
    key: Option<&Passphrase>,
    err: crate::Error,
) -> crate::Error {
    match keep(dir, at, text, key) {
        Ok(file) => err.with_note(format!("your text was kept in {}", whereabouts(&file))),
        Err(e) => err.with_note(format!(
            "and your text could not be kept ({e}): copy it before closing"
        )),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::os::unix::fs::PermissionsExt;

    #[test]
    fn two_rescues_in_the_same_second_keep_both_texts_privately() {
        let dir = tempfile::tempdir().expect("tmp");
        let at = DateTime::<Utc>::from_timestamp(1_800_000_000, 0).expect("time");
        let a = keep(dir.path(), at, "first", None).expect("a");
        let b = keep(dir.path(), at, "second", None).expect("b");
        assert_ne!(a, b);
        assert_eq!(std::fs::read_to_string(&a).expect("a"), "first");
        assert_eq!(std::fs::read_to_string(&b).expect("b"), "second");
        let mode = std::fs::metadata(&b).expect("meta").permissions().mode() & 0o777;
        assert_eq!(mode, 0o600);
    }

    #[test]
    fn room_is_reserved_whole_given_up_for_a_rescue_and_only_debriefs_own() {
        let dir = tempfile::tempdir().expect("tmp");
        let room = dir.path().join(RESERVE);
        reserve_room(dir.path());
        let bytes = std::fs::read(&room).expect("reserve");
        assert_eq!(bytes.len(), RESERVE_BYTES);
        assert!(bytes.starts_with(RESERVE_MAGIC) && is_reserve(&room));
        assert!(release_room(dir.path()) && !room.exists());
        assert!(!release_room(dir.path()), "nothing left to give up");
        // A part of one (a run killed while writing it) is made whole again.
        std::fs::write(&room, RESERVE_MAGIC).expect("part");
        reserve_room(dir.path());
        assert_eq!(
            std::fs::metadata(&room).expect("meta").len() as usize,
            RESERVE_BYTES
        );
        // Someone else's file of that name, or a link by it, is neither replaced nor removed.
        std::fs::remove_file(&room).expect("rm");
        std::fs::write(&room, "not debrief's").expect("foreign");
        reserve_room(dir.path());
        assert!(!release_room(dir.path()));
        assert_eq!(
            std::fs::read_to_string(&room).expect("kept"),
            "not debrief's"
        );
        std::fs::remove_file(&room).expect("rm");
        let target = dir.path().join("target");
        std::fs::write(&target, RESERVE_MAGIC).expect("target");
        std::os::unix::fs::symlink(&target, &room).expect("link");
        reserve_room(dir.path());
        assert!(!release_room(dir.path()));
        assert!(room.is_symlink());
        assert_eq!(std::fs::read(&target).expect("target"), RESERVE_MAGIC);
    }

    #[test]
    fn with_a_passphrase_the_text_is_kept_encrypted_and_read_back_with_it() {
        let dir = tempfile::tempdir().expect("tmp");
        let at = DateTime::<Utc>::from_timestamp(1_800_000_000, 0).expect("time");
        let key = Passphrase::new("the journal's".into()).expect("key");
        let path = keep(dir.path(), at, "a private sentence", Some(&key)).expect("keep");
        assert!(is_encrypted(&path) && whereabouts(&path).contains("debrief rescued"));
        let bytes = std::fs::read(&path).expect("read");
        assert!(!String::from_utf8_lossy(&bytes).contains("private sentence"));
        assert_eq!(read(&path, Some(&key)).expect("open"), "a private sentence");
        let wrong = Passphrase::new("another".into()).expect("key");
        assert!(matches!(
            read(&path, Some(&wrong)),
            Err(crate::Error::WrongPassphrase { .. })
        ));
        assert!(read(&path, None).is_err());
        let mode = std::fs::metadata(&path).expect("meta").permissions().mode() & 0o777;
        assert_eq!(mode, 0o600);
    }
}
