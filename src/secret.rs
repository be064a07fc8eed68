//! The journal's passphrase: held in memory that is wiped when dropped, read from a file (or
//! a file descriptor as `/dev/fd/N`) or asked for on the terminal without echo. Never from
//! the command line or a plain environment variable, which other processes and shell
//! histories can see.

use std::path::Path;

use zeroize::Zeroizing;

use crate::{Error, Result};

/// Names a file holding the passphrase (its first line).
pub const PASSPHRASE_FILE_ENV: &str = "DEBRIEF_PASSPHRASE_FILE";

/// The longest passphrase read from a file (its first line), in bytes.
pub const MAX_PASSPHRASE_BYTES: usize = 1024;

/// A passphrase; its bytes are overwritten when it is dropped.
#[derive(Clone)]
pub struct Passphrase(Zeroizing<String>);

impl std::fmt::Debug for Passphrase {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Passphrase(…)")
    }
}

impl Passphrase {
    /// A passphrase from text typed or read; empty ones are refused.
    pub fn new(text: String) -> Result<Passphrase> {
        let text = Zeroizing::new(text);
        if text.is_empty() {
            return Err(Error::invalid(
                "passphrase",
                "the passphrase is empty: type one, or put it on the first line of the passphrase file",
            ));
        }
        Ok(Passphrase(text))
    }

    pub fn expose(&self) -> &str {
        &self.0
    }

    /// The first line of the file at `path` (its line ending dropped), at most
    /// [`MAX_PASSPHRASE_BYTES`]; nothing after it is read, and a FIFO that nobody writes to
    /// is given up after [`crate::bounded::wait`].
    pub fn from_file(path: &Path) -> Result<Passphrase> {
        use crate::bounded::ReadError;
        let shown = path.display();
        let refuse = |why: String| Error::invalid("passphrase", why);
        let line = crate::bounded::first_line(path, MAX_PASSPHRASE_BYTES, crate::bounded::wait())
            .map_err(|e| match e {
                ReadError::Io(e) => refuse(format!(
                    "cannot read the passphrase file {shown}: {e}; check the path given by --passphrase-file or {PASSPHRASE_FILE_ENV}"
                )),
                ReadError::TooLarge { .. } => refuse(format!(
                    "the first line of the passphrase file {shown} is longer than 1 KiB, so it is not a passphrase: put the passphrase alone on the first line"
                )),
                e @ ReadError::TimedOut { .. } => refuse(format!(
                    "the passphrase file {shown} gave no line: {e}; write the passphrase to it, or give a file that holds it"
                )),
            })?;
        let text = String::from_utf8(line.to_vec()).map_err(|e| {
            // The bytes are wiped before the error leaves.
            drop(Zeroizing::new(e.into_bytes()));
            refuse(format!(
                "the first line of the passphrase file {shown} is not UTF-8 text: save it as UTF-8"
            ))
        })?;
        Passphrase::new(text)
    }

    /// The passphrase of the encrypted file `of`: from `file` when one is given, else asked
    /// for on the terminal; without either, the error says how to give one.
    pub fn obtain(file: Option<&Path>, of: &Path) -> Result<Passphrase> {
        match file {
            Some(file) => Passphrase::from_file(file),
            None if on_terminal() => Passphrase::ask(&format!(
                "Passphrase for {} (not shown as you type): ",
                of.display()
            )),
            None => Err(Error::Encrypted {
                path: of.to_path_buf(),
            }),
        }
    }

    /// Ask on the terminal, without echo.
    pub fn ask(prompt: &str) -> Result<Passphrase> {
        let typed = rpassword::prompt_password(prompt).map_err(|e| {
            Error::invalid(
                "passphrase",
                format!("cannot read a passphrase from the terminal ({e}); give it with --passphrase-file"),
            )
        })?;
        Passphrase::new(typed)
    }

    /// A new passphrase: from the file when one is given, else asked for twice on the
    /// terminal; `how` names the option that gives the file, for the error off a terminal.
    pub fn choose_new(file: Option<&Path>, how: &str) -> Result<Passphrase> {
        match file {
            Some(file) => Passphrase::from_file(file),
            None if on_terminal() => Passphrase::ask_new(),
            None => Err(Error::invalid(
                "passphrase",
                format!(
                    "there is no terminal to ask for the new passphrase on: give a file whose first line is the passphrase with {how}"
                ),
            )),
        }
    }

    /// Ask for a new passphrase twice on the terminal; they must match.
    pub fn ask_new() -> Result<Passphrase> {
        let first = Passphrase::ask("New passphrase (not shown as you type): ")?;
        let again = Passphrase::ask("The same passphrase again: ")?;
        if first.expose() != again.expose() {
            return Err(Error::invalid(
                "passphrase",
                "the two passphrases differ; nothing was changed: try again",
            ));
        }
        Ok(first)
    }
}

/// Whether a person can be asked here: standard input and standard error are a terminal.
pub fn on_terminal() -> bool {
    use std::io::IsTerminal;
    std::io::stdin().is_terminal() && std::io::stderr().is_terminal()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_passphrase_file_gives_its_first_line_and_debug_hides_it() {
        let dir = tempfile::tempdir().expect("dir");
        let path = dir.path().join("pass");
        std::fs::write(&path, "correct horse\nsecond line\n").expect("write");
        let p = Passphrase::from_file(&path).expect("read");
        assert_eq!(p.expose(), "correct horse");
        assert_eq!(format!("{p:?}"), "Passphrase(…)");
        std::fs::write(&path, "\n").expect("write");
        assert!(Passphrase::from_file(&path).is_err());
        assert!(Passphrase::from_file(&dir.path().join("none")).is_err());
    }
}
