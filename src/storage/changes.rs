//! Changes made to an entry without editing it: a flag set or cleared, moving it to the
//! trash and back, and deleting it for good.

use chrono::{DateTime, Utc};
use rusqlite::{Connection, OptionalExtension, params};

use super::{Store, to_ms};
use crate::domain::{EntryId, Flag};
use crate::{Error, Result};

fn flag_column(flag: Flag) -> &'static str {
    match flag {
        Flag::Starred => "starred",
        Flag::ForSupervision => "for_supervision",
        Flag::Unfinished => "unfinished",
    }
}

impl Store {
    /// Set or clear one flag on an entry.
    pub fn set_flag(
        &mut self,
        id: EntryId,
        flag: Flag,
        on: bool,
        now: DateTime<Utc>,
    ) -> Result<()> {
        let sql = format!(
            "UPDATE entries SET {} = ?2, updated_ms = ?3 WHERE id = ?1",
            flag_column(flag)
        );
        self.write(
            |tx| match tx.execute(&sql, params![id.0, on, to_ms(now)])? {
                0 => Err(Error::entry_not_found(id)),
                _ => Ok(()),
            },
        )
    }

    /// Correct when an entry was written (with the writer's UTC offset then).
    pub fn set_created(
        &mut self,
        id: EntryId,
        created: DateTime<Utc>,
        utc_offset_s: i32,
        now: DateTime<Utc>,
    ) -> Result<()> {
        self.write(|tx| {
            match tx.execute(
                "UPDATE entries SET created_ms = ?2, utc_offset_s = ?3, updated_ms = ?4 WHERE id = ?1",
                params![id.0, to_ms(created), utc_offset_s, to_ms(now)],
            )? {
                0 => Err(Error::entry_not_found(id)),
                _ => Ok(()),
            }
        })
    }

    /// Move an entry to the trash (it keeps everything and can be restored).
    pub fn trash(&mut self, id: EntryId, now: DateTime<Utc>) -> Result<()> {
        self.write(|tx| {
            match tx.execute(
                "UPDATE entries SET deleted_ms = ?2 WHERE id = ?1 AND deleted_ms IS NULL",
                params![id.0, to_ms(now)],
            )? {
                0 => Err(trash_state_error(tx, id, "already in the trash")),
                _ => Ok(()),
            }
        })
    }

    /// Bring an entry back from the trash.
    pub fn restore(&mut self, id: EntryId) -> Result<()> {
        self.write(|tx| {
            match tx.execute(
                "UPDATE entries SET deleted_ms = NULL WHERE id = ?1 AND deleted_ms IS NOT NULL",
                [id.0],
            )? {
                0 => Err(trash_state_error(tx, id, "not in the trash")),
                _ => Ok(()),
            }
        })
    }

    /// Delete an entry and all its details for good, and erase them: freed pages are zeroed
    /// (`secure_delete`), the search index is merged so no old segment keeps the words, and
    /// the `-wal` is checkpointed and emptied so no old page image stays there. Copies made
    /// before (backups, exports) are beyond its reach.
    pub fn purge(&mut self, id: EntryId) -> Result<()> {
        self.write(|tx| {
            // Details go by ON DELETE CASCADE; the triggers keep the search index in step.
            match tx.execute("DELETE FROM entries WHERE id = ?1", [id.0])? {
                0 => Err(Error::entry_not_found(id)),
                _ => {
                    // A tag no entry uses any more goes too: a tag can name someone.
                    tx.execute(
                        "DELETE FROM tags WHERE id NOT IN (SELECT tag_id FROM entry_tags)",
                        [],
                    )?;
                    tx.execute(
                        "INSERT INTO entries_fts (entries_fts) VALUES ('optimize')",
                        [],
                    )?;
                    Ok(())
                }
            }
        })?;
        // The purge is committed; emptying the -wal is best effort (another reader may hold
        // it for a moment), and the next checkpoint finishes the job.
        let _ = self
            .conn
            .query_row("PRAGMA wal_checkpoint(TRUNCATE)", [], |_| Ok(()));
        Ok(())
    }
}

fn trash_state_error(conn: &Connection, id: EntryId, state: &str) -> Error {
    let exists = conn
        .query_row("SELECT 1 FROM entries WHERE id = ?1", [id.0], |_| Ok(()))
        .optional()
        .ok()
        .flatten()
        .is_some();
    if exists {
        Error::Conflict(format!("entry {id} is {state}"))
    } else {
        Error::entry_not_found(id)
    }
}
