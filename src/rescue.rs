//! Keeping text the journal could not take (busy, gone, too large): a private file beside
//! the journal, one per rescue, never overwriting an earlier one. Used by the CLI when a save
//! fails after the writer typed, and by the TUI when a closing or final draft cannot be written.
//! For an encrypted journal the file is encrypted under its passphrase (`debrief rescued`
//! shows it).

use std::io::Write;
use std::path::{Path, PathBuf};

use chrono::{DateTime, Utc};

use crate::secret::Passphrase;

/// The name every rescue file starts with.
pub const PREFIX: &str = "debrief-unsaved-";

/// How an encrypted rescue file's name ends.
const ENCRYPTED: &str = "encrypted";

/// Write `text` to a new private file (mode 0600) in `dir`, named by `at`, and return its path:
/// plain text, or, with the journal's passphrase `key`, encrypted under it. Two rescues in
/// the same second get two files.
pub fn keep(
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
        match (crate::storage::create_new_private_file(&path), key) {
            (Ok(f), Some(key)) => {
                drop(f);
                return match crate::storage::cipher::seal(&path, key, text) {
                    Ok(()) => Ok(path),
                    Err(e) => {
                        let _ = std::fs::remove_file(&path);
                        Err(std::io::Error::other(e.to_string()))
                    }
                };
            }
            (Ok(mut f), None) => {
                f.write_all(text.as_bytes())?;
                f.sync_all()?;
                return Ok(path);
            }
            (Err(e), _) if e.kind() == std::io::ErrorKind::AlreadyExists => continue,
            (Err(e), _) => return Err(e),
        }
    }
    Err(std::io::Error::other("too many rescue files in one second"))
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
