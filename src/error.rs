//! The core's error type. Every message is written for the person at the keyboard: it says
//! what went wrong and what to do next, on one line. Each error also has a documented exit
//! code ([`Error::exit_code`]) so scripts can tell a typo from a busy journal.

use std::path::PathBuf;

/// Errors raised by the core (domain validation, storage, presentation).
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// A value the user gave cannot be used; `field` names it ("stress", "tag", "date", ...).
    #[error("{reason}")]
    Invalid { field: &'static str, reason: String },

    /// Nothing with this id exists (an entry, a draft, an action).
    #[error("{}", not_found(what, id))]
    NotFound { what: &'static str, id: String },

    /// The request does not fit the current state ("entry 4 is already in the trash").
    #[error("{0}")]
    Conflict(String),

    /// A save started from an older revision of the entry than the journal now holds: it
    /// was changed elsewhere meanwhile (another window, a command), and is not overwritten.
    #[error(
        "entry {id} was changed elsewhere (in another window or by a command) since you opened it, so it was not overwritten"
    )]
    Changed { id: String },

    #[error("the journal is busy (locked by another debrief process); try again in a moment")]
    Locked,

    /// A change that needs the journal to itself (encrypting it, changing its passphrase,
    /// restoring a backup) found it open elsewhere.
    #[error(
        "the journal is open in another debrief (the interface in another window, or a command still running), so nothing was changed: close it and run this again"
    )]
    InUse,

    #[error(
        "{path} is a directory, not a journal file: pass a file path such as {path}/debrief.db"
    )]
    PathIsDirectory { path: PathBuf },

    #[error("{path} is not a regular file, so it cannot be a journal: check the path")]
    NotAFile { path: PathBuf },

    #[error(
        "{path} is not a debrief journal (not a SQLite database); it was left untouched: check the path"
    )]
    NotADatabase { path: PathBuf },

    #[error(
        "{path} is a SQLite database of another program, not a debrief journal; it was left untouched: check the path"
    )]
    ForeignDatabase { path: PathBuf },

    #[error(
        "{path} was written by a newer debrief (schema version {found}, this one knows up to {known}); it was left untouched: upgrade debrief"
    )]
    TooNew {
        path: PathBuf,
        found: i64,
        known: usize,
    },

    #[error(
        "cannot create or write {path}: {reason}; choose a writable location with --db or DEBRIEF_DB"
    )]
    NotWritable { path: PathBuf, reason: String },

    /// The journal (its file, or its folder) cannot be written: it is left as it is.
    #[error(
        "the journal is read-only (its file or its folder cannot be written), so nothing was saved; it was left as it is: make it writable, or choose another with --db"
    )]
    ReadOnly,

    /// The disk holding the journal has no room for the change.
    #[error("the disk is full, so nothing was saved: free some space and try again")]
    DiskFull,

    /// Typing the journal could not take, and no rescue file could keep either.
    #[error(
        "your unsaved text could not be kept: {0}: make room (or make the journal's folder writable) before typing again"
    )]
    NotKept(String),

    /// The journal file was deleted or replaced while it was open.
    #[error(
        "the journal at {path} was deleted or replaced while debrief had it open, so nothing was written to it: restart debrief to use the journal now at that path"
    )]
    JournalGone { path: PathBuf },

    /// The file is not a plain SQLite file: an encrypted journal (or something else), and no
    /// passphrase could be had.
    #[error(
        "{path} is encrypted, or not a debrief journal: give its passphrase (debrief asks on a terminal; otherwise use --passphrase-file FILE or DEBRIEF_PASSPHRASE_FILE)"
    )]
    Encrypted { path: PathBuf },

    /// The passphrase does not open the file.
    #[error("wrong passphrase, or not a debrief journal: {path} was left untouched")]
    WrongPassphrase { path: PathBuf },

    /// The journal's passphrase does not open a backup, and no other could be had.
    #[error(
        "the passphrase does not open {path}, or it is not a debrief backup: one made under an earlier passphrase opens with --backup-passphrase-file FILE (on a terminal, debrief asks)"
    )]
    OldPassphrase { path: PathBuf },

    /// A stored value debrief cannot read back (a damaged or hand-edited journal).
    #[error(
        "the journal holds {what} that debrief cannot read ({value}); nothing was changed: restore a backup or report this"
    )]
    Corrupt { what: &'static str, value: String },

    /// `$VISUAL`/`$EDITOR` could not be used.
    #[error("{0}")]
    Editor(String),

    /// A signal (Ctrl-C, SIGTERM) stopped an operation, which was undone.
    #[error("{0}")]
    Interrupted(String),

    /// Another error with a note added for the user ("your text was kept in ...").
    #[error("{error} ({note})")]
    Noted { error: Box<Error>, note: String },

    /// Any other SQLite error. Converting a `rusqlite::Error` always goes through
    /// [`Error::from_sqlite`], so a busy journal is [`Error::Locked`] whichever `?` met it.
    #[error("journal error: {0}")]
    Database(rusqlite::Error),

    /// A file debrief was reading or writing for the user (an export, a backup, a settings
    /// file): what it was doing, and which file.
    #[error("cannot {doing} {}: {source}; nothing was left there: give another place", path.display())]
    File {
        doing: &'static str,
        path: PathBuf,
        source: std::io::Error,
    },

    #[error("journal schema error: {0}")]
    Migration(#[from] rusqlite_migration::Error),

    #[error("{0}")]
    Io(#[from] std::io::Error),
}

fn not_found(what: &str, id: &str) -> String {
    match what {
        "entry" => format!("no entry with id {id}: run `debrief list` to see ids"),
        _ => format!("no {what} with id {id}"),
    }
}

/// Result with the core's [`Error`].
pub type Result<T, E = Error> = std::result::Result<T, E>;

/// The exit codes of the `debrief` binary, one per kind of failure (documented in the README).
pub mod exit {
    /// Success, including output cut short by a closed pipe (`debrief list | head -1`).
    pub const OK: u8 = 0;
    /// Something unexpected: a database or I/O error, an editor that failed.
    pub const FAILURE: u8 = 1;
    /// The command line itself is wrong (unknown flag, missing argument): clap's code.
    pub const USAGE: u8 = 2;
    /// A value given is not valid (a rating out of range, an unreadable date, empty text).
    pub const INVALID: u8 = 3;
    /// No entry (or other item) has that id.
    pub const NOT_FOUND: u8 = 4;
    /// The request conflicts with the item's state (restoring an entry not in the trash).
    pub const CONFLICT: u8 = 5;
    /// The journal is locked by another process for longer than the busy timeout.
    pub const BUSY: u8 = 6;
    /// The journal cannot be used: not a journal, a newer one, a directory, not writable.
    pub const UNAVAILABLE: u8 = 7;
    /// Interrupted (Ctrl-C, SIGTERM) and undone: 128 + SIGINT, as shells report it.
    pub const INTERRUPTED: u8 = 130;
}

impl Error {
    /// A validation error about `field`, with a message for the user.
    pub fn invalid(field: &'static str, reason: impl Into<String>) -> Self {
        Error::Invalid {
            field,
            reason: reason.into(),
        }
    }

    /// No entry with this id.
    pub fn entry_not_found(id: impl ToString) -> Self {
        Error::NotFound {
            what: "entry",
            id: id.to_string(),
        }
    }

    /// This error with a note for the user; the exit code stays the error's own.
    pub fn with_note(self, note: impl Into<String>) -> Self {
        Error::Noted {
            error: Box::new(self),
            note: note.into(),
        }
    }

    /// The process exit code for this error (see [`exit`]).
    pub fn exit_code(&self) -> u8 {
        match self {
            Error::Invalid { .. } => exit::INVALID,
            Error::NotFound { .. } => exit::NOT_FOUND,
            Error::Conflict(_) | Error::Changed { .. } => exit::CONFLICT,
            Error::Locked | Error::InUse => exit::BUSY,
            Error::PathIsDirectory { .. }
            | Error::NotAFile { .. }
            | Error::NotADatabase { .. }
            | Error::ForeignDatabase { .. }
            | Error::TooNew { .. }
            | Error::NotWritable { .. }
            | Error::ReadOnly
            | Error::DiskFull
            | Error::NotKept(_)
            | Error::JournalGone { .. }
            | Error::Encrypted { .. }
            | Error::WrongPassphrase { .. }
            | Error::OldPassphrase { .. }
            | Error::Corrupt { .. } => exit::UNAVAILABLE,
            Error::Noted { error, .. } => error.exit_code(),
            Error::Interrupted(_) => exit::INTERRUPTED,
            Error::Editor(_)
            | Error::Database(_)
            | Error::Migration(_)
            | Error::Io(_)
            | Error::File { .. } => exit::FAILURE,
        }
    }

    /// What went wrong with `path` while `doing` it ("write the export to").
    pub fn file(doing: &'static str, path: impl Into<PathBuf>, source: std::io::Error) -> Self {
        Error::File {
            doing,
            path: path.into(),
            source,
        }
    }

    /// Turn SQLite's "busy"/"locked" into [`Error::Locked`], "read-only" into
    /// [`Error::ReadOnly`] and "full" into [`Error::DiskFull`], leaving other errors as they are.
    pub(crate) fn from_sqlite(err: rusqlite::Error) -> Self {
        use rusqlite::ErrorCode as C;
        match err.sqlite_error_code() {
            Some(C::DatabaseBusy) | Some(C::DatabaseLocked) => Error::Locked,
            Some(C::ReadOnly) => Error::ReadOnly,
            Some(C::DiskFull) => Error::DiskFull,
            _ => Error::Database(err),
        }
    }

    /// This error, or [`Error::DiskFull`] when it is an I/O failure of SQLite's (which says
    /// only "disk I/O error" when its side files cannot grow) and the disk holding `at` is
    /// full; a database error goes through [`Error::from_sqlite`].
    pub(crate) fn or_disk_full(self, at: &std::path::Path) -> Self {
        // (A journal opened read-only for the full disk refuses writes as read-only.)
        let io = match &self {
            Error::Database(e) => matches!(
                e.sqlite_error_code(),
                Some(rusqlite::ErrorCode::SystemIoFailure | rusqlite::ErrorCode::ReadOnly)
            ),
            Error::Io(e) => e.kind() == std::io::ErrorKind::StorageFull,
            _ => false,
        };
        if io && crate::platform::disk_is_full(at) {
            return Error::DiskFull;
        }
        match self {
            Error::Database(e) => Error::from_sqlite(e),
            other => other,
        }
    }
}

impl From<rusqlite::Error> for Error {
    fn from(err: rusqlite::Error) -> Self {
        Error::from_sqlite(err)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_kind_of_failure_has_its_own_exit_code() {
        let codes = [
            Error::invalid("stress", "x").exit_code(),
            Error::entry_not_found(3).exit_code(),
            Error::Conflict("x".into()).exit_code(),
            Error::Locked.exit_code(),
            Error::NotADatabase { path: "x".into() }.exit_code(),
            Error::Editor("x".into()).exit_code(),
        ];
        let mut unique = codes.to_vec();
        unique.sort();
        unique.dedup();
        assert_eq!(unique.len(), codes.len(), "{codes:?}");
        assert!(!codes.contains(&exit::OK) && !codes.contains(&exit::USAGE));
    }

    #[test]
    fn not_found_says_where_to_look_for_entries() {
        assert_eq!(
            Error::entry_not_found(7).to_string(),
            "no entry with id 7: run `debrief list` to see ids"
        );
        let e = Error::NotFound {
            what: "draft",
            id: "4".into(),
        };
        assert_eq!(e.to_string(), "no draft with id 4");
    }
}
