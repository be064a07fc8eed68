//! Changing an entry without a form, the same way from both front ends: its star, flag and
//! finish-later mark (set to a value, never flipped from a stale copy), the trash, and
//! deleting it for good, after a copy of the journal unless asked not to.

use std::path::{Path, PathBuf};

use crate::clock::Clock;
use crate::domain::{EntryId, EntrySummary, Flag};
use crate::storage::Store;
use crate::storage::backups::{self, BackupKind};
use crate::{Error, Result};

/// A change to an entry.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Change {
    /// Set a flag to this value.
    Flag(Flag, bool),
    Trash,
    Restore,
    /// Deleting for good; with `copy`, the journal is backed up first (when it has a
    /// backups folder).
    Purge {
        copy: bool,
    },
}

/// Where the copy made before deleting for good goes: the backups folder, and how many
/// automatic backups to keep.
#[derive(Clone, Copy, Debug)]
pub struct Copies<'a> {
    pub dir: &'a Path,
    pub keep: usize,
}

/// What a change did.
#[derive(Clone, Debug, PartialEq)]
pub struct Changed {
    pub id: EntryId,
    pub change: Change,
    /// The entry as it is now; `None` once deleted for good.
    pub summary: Option<EntrySummary>,
    /// The copy of the journal made before deleting for good.
    pub copy: Option<PathBuf>,
}

/// Make `change` to entry `id`. Deleting for good with a copy asked for makes the copy into
/// `copies` first; if it fails, nothing is deleted (the error says so, and each front end
/// says how to delete without a copy).
pub fn change(
    store: &mut Store,
    clock: &Clock,
    id: EntryId,
    change: Change,
    copies: Option<Copies<'_>>,
) -> Result<Changed> {
    let now = clock.now();
    let copy = match (change, copies) {
        (Change::Purge { copy: true }, Some(c)) => {
            store.get(id)?;
            let made = backups::before(store, c.dir, BackupKind::BeforePurge, now, c.keep)
                .map_err(|e| {
                    Error::Conflict(format!(
                        "nothing was deleted: the copy of the journal made first failed ({e})"
                    ))
                })?;
            Some(made)
        }
        _ => None,
    };
    match change {
        Change::Flag(flag, on) => store.set_flag(id, flag, on, now)?,
        Change::Trash => store.trash(id, now)?,
        Change::Restore => store.restore(id)?,
        Change::Purge { .. } => store.purge(id)?,
    }
    let summary = match change {
        Change::Purge { .. } => None,
        _ => Some(store.summary(id)?),
    };
    Ok(Changed {
        id,
        change,
        summary,
        copy,
    })
}

#[cfg(test)]
mod tests {
    use chrono::TimeZone;

    use super::*;
    use crate::domain::EntryContent;

    fn clock() -> Clock {
        let at = chrono::Utc
            .with_ymd_and_hms(2026, 12, 7, 12, 0, 0)
            .single()
            .expect("time");
        Clock::fixed(at, jiff::tz::TimeZone::UTC)
    }

    #[test]
    fn a_flag_is_set_to_a_value_and_a_failed_copy_deletes_nothing() {
        let mut store = Store::open_in_memory().expect("store");
        let c = clock();
        let id = store
            .add_entry(&EntryContent::text("Hello there"), c.now(), 0, c.now())
            .expect("add");
        // Setting a flag twice to the same value leaves it set (no flipping).
        for _ in 0..2 {
            let done =
                change(&mut store, &c, id, Change::Flag(Flag::Starred, true), None).expect("star");
            assert!(done.summary.expect("summary").flags.starred);
        }
        // A backups folder that cannot be made: nothing is deleted.
        let blocked = tempfile::NamedTempFile::new().expect("file");
        let dir = blocked.path().join("backups");
        let copies = Copies { dir: &dir, keep: 7 };
        let err = change(
            &mut store,
            &c,
            id,
            Change::Purge { copy: true },
            Some(copies),
        )
        .expect_err("no copy");
        assert!(err.to_string().starts_with("nothing was deleted"), "{err}");
        assert!(store.get(id).is_ok(), "still there");
        change(
            &mut store,
            &c,
            id,
            Change::Purge { copy: false },
            Some(copies),
        )
        .expect("purge");
        assert!(store.get(id).is_err(), "gone");
    }
}
