//! Handing text to the user's `$VISUAL`/`$EDITOR` (through the `edit` crate), for the CLI and
//! the TUI alike. The file lives in debrief's private `editing/` folder beside the journal
//! (mode 0600), not the shared temporary folder, and stays until the caller has the text safe
//! ([`EditedText::done`]); a file left by a debrief that was killed is found again
//! ([`leftovers`]) and offered back.

use std::io::{ErrorKind, Write};
use std::path::{Path, PathBuf};

use crate::{Error, Result};

/// The folder for editor files, beside the journal.
pub fn editing_dir(journal: &Path) -> PathBuf {
    crate::paths::journal_dir(journal).join("editing")
}

/// Text back from the editor, and the file it is still kept in.
#[derive(Debug)]
pub struct EditedText {
    pub text: String,
    pub file: PathBuf,
}

impl EditedText {
    /// The text is safe elsewhere: remove the editor's file.
    pub fn done(self) {
        let _ = std::fs::remove_file(&self.file);
    }
}

/// Let the user edit `initial` in their editor, in a new private file in `dir`.
pub fn edit_text_in(dir: &Path, initial: &str) -> Result<EditedText> {
    use std::io::IsTerminal;
    let named = ["VISUAL", "EDITOR"]
        .iter()
        .any(|v| std::env::var_os(v).is_some_and(|e| !e.is_empty()));
    if !named && !std::io::stdin().is_terminal() {
        // A fallback editor without a terminal would wait for input that never comes.
        return Err(Error::invalid(
            "text",
            "no text given and no terminal for an editor: pass the text as arguments, or - to read standard input",
        ));
    }
    let file = new_file(dir, initial)?;
    let edited = edit::edit_file(&file).and_then(|()| std::fs::read(&file));
    let text = match edited {
        Ok(bytes) => String::from_utf8(bytes).map_err(|_| {
            Error::Editor(format!(
                "the editor saved text that is not UTF-8; nothing was saved, and the text is still in {}",
                file.display()
            ))
        })?,
        Err(e) => {
            let _ = std::fs::remove_file(&file);
            return Err(match e.kind() {
                ErrorKind::NotFound => Error::Editor(
                    "no text editor found: set EDITOR (e.g. export EDITOR=nano) or pass the text as arguments"
                        .into(),
                ),
                _ => Error::Editor(format!("the editor failed ({e}); nothing was saved")),
            });
        }
    };
    Ok(EditedText { text, file })
}

/// A new private file holding `initial`, named by this process so a running debrief's file
/// is never taken for a leftover.
fn new_file(dir: &Path, initial: &str) -> Result<PathBuf> {
    crate::storage::create_private_dir(dir)?;
    let pid = std::process::id();
    for n in 0..10_000u32 {
        let path = dir.join(format!("{PREFIX}{pid}-{n}.md"));
        match crate::storage::create_new_private_file(&path) {
            Ok(mut f) => {
                f.write_all(initial.as_bytes())?;
                return Ok(path);
            }
            Err(e) if e.kind() == ErrorKind::AlreadyExists => continue,
            Err(e) => {
                return Err(Error::NotWritable {
                    path,
                    reason: e.to_string(),
                });
            }
        }
    }
    Err(Error::Editor("too many editor files".into()))
}

const PREFIX: &str = "debrief-edit-";

/// Editor files in `dir` left by a debrief that is no longer running (`alive` says), with
/// their text: typing that was in an editor when debrief was killed.
pub fn leftovers(dir: &Path, alive: impl Fn(u32) -> bool) -> Vec<(PathBuf, String)> {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return Vec::new();
    };
    let mut out: Vec<(PathBuf, String)> = entries
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| {
            let name = p.file_name().and_then(|n| n.to_str()).unwrap_or("");
            let pid = name
                .strip_prefix(PREFIX)
                .and_then(|rest| rest.split('-').next())
                .and_then(|pid| pid.parse::<u32>().ok());
            pid.is_some_and(|pid| !alive(pid))
        })
        .filter_map(|p| std::fs::read_to_string(&p).ok().map(|t| (p, t)))
        .filter(|(_, text)| !text.trim().is_empty())
        .collect();
    out.sort();
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn files_of_finished_processes_are_leftovers_and_running_ones_are_not() {
        let dir = tempfile::tempdir().expect("tmp");
        std::fs::write(
            dir.path().join(format!("{PREFIX}11-0.md")),
            "killed mid-edit",
        )
        .expect("w");
        std::fs::write(dir.path().join(format!("{PREFIX}22-0.md")), "still editing").expect("w");
        std::fs::write(dir.path().join(format!("{PREFIX}33-0.md")), "  \n").expect("w");
        std::fs::write(dir.path().join("notes.md"), "not ours").expect("w");
        let found = leftovers(dir.path(), |pid| pid == 22);
        let texts: Vec<&str> = found.iter().map(|(_, t)| t.as_str()).collect();
        assert_eq!(texts, ["killed mid-edit"]);
    }

    #[test]
    fn a_new_file_is_private_and_never_reused() {
        use std::os::unix::fs::PermissionsExt;
        let dir = tempfile::tempdir().expect("tmp");
        let a = new_file(dir.path(), "one").expect("a");
        let b = new_file(dir.path(), "two").expect("b");
        assert_ne!(a, b);
        let mode = std::fs::metadata(&a).expect("meta").permissions().mode() & 0o777;
        assert_eq!(mode, 0o600);
        assert_eq!(std::fs::read_to_string(b).expect("read"), "two");
    }
}
