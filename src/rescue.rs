//! Keeping text the journal could not take (busy, gone, too large): a private file beside
//! the journal, one per rescue, never overwriting an earlier one. Used by the CLI when a save
//! fails after the writer typed, and by the TUI when a closing or final draft cannot be written.

use std::io::Write;
use std::path::{Path, PathBuf};

use chrono::{DateTime, Utc};

/// The name every rescue file starts with.
pub const PREFIX: &str = "debrief-unsaved-";

/// Write `text` to a new private file (mode 0600) in `dir`, named by `at`, and return its path.
/// Two rescues in the same second get two files.
pub fn keep(dir: &Path, at: DateTime<Utc>, text: &str) -> std::io::Result<PathBuf> {
    crate::storage::create_private_dir(dir).map_err(std::io::Error::other)?;
    let stem = format!("{PREFIX}{}", at.format("%Y%m%dT%H%M%S"));
    for n in 1..10_000 {
        let name = if n == 1 {
            format!("{stem}.txt")
        } else {
            format!("{stem}-{n}.txt")
        };
        let path = dir.join(name);
        match crate::storage::create_new_private_file(&path) {
            Ok(mut f) => {
                f.write_all(text.as_bytes())?;
                f.sync_all()?;
                return Ok(path);
            }
            Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => continue,
            Err(e) => return Err(e),
        }
    }
    Err(std::io::Error::other("too many rescue files in one second"))
}

/// `err` with a note saying where `text` was kept (or that even that failed); the error's
/// kind, and so its exit code, stays.
pub fn keep_or_say(dir: &Path, at: DateTime<Utc>, text: &str, err: crate::Error) -> crate::Error {
    match keep(dir, at, text) {
        Ok(file) => err.with_note(format!("your text was kept in {}", file.display())),
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
        let a = keep(dir.path(), at, "first").expect("a");
        let b = keep(dir.path(), at, "second").expect("b");
        assert_ne!(a, b);
        assert_eq!(std::fs::read_to_string(&a).expect("a"), "first");
        assert_eq!(std::fs::read_to_string(&b).expect("b"), "second");
        let mode = std::fs::metadata(&b).expect("meta").permissions().mode() & 0o777;
        assert_eq!(mode, 0o600);
    }
}
