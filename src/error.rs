//! The core's error type. Every message is written for the person at the keyboard:
//! it says what went wrong and what to do next, on one line.

use std::path::PathBuf;

/// Errors raised by the core (domain validation and storage).
#[derive(Debug, thiserror::Error)]
pub enum Error {
    #[error("{0}")]
    Invalid(String),

    #[error("no entry with id {0}: run `debrief list` to see ids")]
    NotFound(String),

    #[error(
        "{path} is a directory, not a journal file: pass a file path such as {path}/debrief.db"
    )]
    PathIsDirectory { path: PathBuf },

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

    #[error("the journal is busy (locked by another debrief process); try again in a moment")]
    Busy,

    #[error("journal error: {0}")]
    Database(#[from] rusqlite::Error),

    #[error("journal schema error: {0}")]
    Migration(#[from] rusqlite_migration::Error),

    #[error("{0}")]
    Io(#[from] std::io::Error),
}

/// Result with the core's [`Error`].
pub type Result<T, E = Error> = std::result::Result<T, E>;

impl Error {
    /// Shorthand for a validation error with a message for the user.
    pub fn invalid(message: impl Into<String>) -> Self {
        Error::Invalid(message.into())
    }

    /// Turn SQLite's "busy"/"locked" into [`Error::Busy`], leaving other errors as they are.
    pub(crate) fn from_sqlite(err: rusqlite::Error) -> Self {
        match err.sqlite_error_code() {
            Some(rusqlite::ErrorCode::DatabaseBusy) | Some(rusqlite::ErrorCode::DatabaseLocked) => {
                Error::Busy
            }
            _ => Error::Database(err),
        }
    }
}
