//! Keeping text that could not be saved: a private file beside the journal, one per rescue,
//! never overwriting an earlier one, named in the error so the writer can find it.

use std::io::Write;
use std::path::{Path, PathBuf};

use crate::session::Session;

/// Write `text` to a new private file beside the journal and return the error to report,
/// extended with where the text is (or with a plea to copy it when even that failed).
pub fn rescue(session: &Session, text: &str, err: crate::Error) -> crate::Error {
    let dir = crate::paths::journal_dir(&session.paths.journal);
    let stamp = session.clock.now().format("%Y%m%dT%H%M%S");
    match write_new(&dir, &format!("debrief-unsaved-{stamp}"), text) {
        Ok(file) => err.with_note(format!("your text was kept in {}", file.display())),
        Err(_) => err.with_note("and your text could not be kept: copy it from your editor"),
    }
}

/// Create `dir/stem.txt` (or `stem-2.txt`, ...) that did not exist before, mode 0600.
fn write_new(dir: &Path, stem: &str, text: &str) -> std::io::Result<PathBuf> {
    crate::storage::create_private_dir(dir).map_err(std::io::Error::other)?;
    for n in 1..1000 {
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
    Err(std::io::Error::other("too many rescue files"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn two_rescues_in_the_same_second_keep_both_texts() {
        let dir = tempfile::tempdir().expect("tmp");
        let a = write_new(dir.path(), "debrief-unsaved-x", "first").expect("a");
        let b = write_new(dir.path(), "debrief-unsaved-x", "second").expect("b");
        assert_ne!(a, b);
        assert_eq!(std::fs::read_to_string(a).expect("a"), "first");
        assert_eq!(std::fs::read_to_string(b).expect("b"), "second");
    }
}
