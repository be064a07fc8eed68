//! How an entry is named: its short number, what a person types to name one (the number or
//! the UUID), and its revision (which change of it a save started from).

use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Serialize};
use uuid::Uuid;

use crate::{Error, Result};

/// The short integer id shown to the user.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(transparent)]
pub struct EntryId(pub i64);

impl fmt::Display for EntryId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.0.fmt(f)
    }
}

/// How the user names an entry on the command line: its short id or its UUID.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum EntryRef {
    Id(EntryId),
    Uuid(Uuid),
}

impl FromStr for EntryRef {
    type Err = Error;
    fn from_str(s: &str) -> Result<Self> {
        let s = s.trim().trim_start_matches('#');
        if let Ok(n) = s.parse::<i64>()
            && n > 0
        {
            return Ok(EntryRef::Id(EntryId(n)));
        }
        Uuid::parse_str(s).map(EntryRef::Uuid).map_err(|_| {
            Error::invalid(
                "id",
                format!(
                    "'{}' is not an entry id: use the number shown by `debrief list`, or a UUID",
                    s.escape_debug()
                ),
            )
        })
    }
}

impl fmt::Display for EntryRef {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            EntryRef::Id(id) => id.fmt(f),
            EntryRef::Uuid(u) => u.fmt(f),
        }
    }
}

/// An entry's revision: counts every change to it, whatever made it; a save names the
/// revision it started from, so a save over a newer one is a conflict, never an overwrite.
#[derive(
    Clone, Copy, Debug, Default, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize,
)]
#[serde(transparent)]
pub struct Revision(pub i64);
