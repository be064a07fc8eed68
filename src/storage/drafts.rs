//! Drafts kept in the journal itself, so text being typed survives a crash, a closed
//! terminal or a lost connection. The payload is [`crate::domain::Draft`]'s versioned JSON.

use chrono::{DateTime, Utc};
use rusqlite::{OptionalExtension, params};

use super::{Store, from_ms, to_ms};
use crate::Result;
use crate::domain::{Draft, EntryId};

/// A draft as stored: its id, when it was last written, and its content (or why it cannot be
/// read: such a draft is left in the journal, never deleted on its own).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct StoredDraft {
    pub id: i64,
    pub entry_id: Option<EntryId>,
    pub updated: DateTime<Utc>,
    pub draft: std::result::Result<Draft, String>,
}

impl Store {
    /// Save (or overwrite) a draft and return its id. Pass the id from an earlier save to
    /// update that draft; a draft for an existing entry replaces any older one for it. If that
    /// entry was deleted for good meanwhile (by another debrief), the draft is kept as the
    /// draft of a new entry: the text is never refused.
    ///
    /// `holder` is the process that keeps the draft open (`None` lets go of it, so the next
    /// start offers it).
    pub fn save_draft(
        &mut self,
        draft_id: Option<i64>,
        draft: &Draft,
        holder: Option<u32>,
        now: DateTime<Utc>,
    ) -> Result<i64> {
        self.write(|tx| {
            let mut draft = draft.clone();
            if let Some(e) = draft.entry_id {
                let exists: bool = tx.query_row(
                    "SELECT EXISTS (SELECT 1 FROM entries WHERE id = ?1)",
                    [e.0],
                    |r| r.get(0),
                )?;
                if !exists {
                    draft.entry_id = None;
                }
            }
            let payload = draft.to_json();
            let entry_id = draft.entry_id.map(|e| e.0);
            if let Some(id) = draft_id {
                let n = tx.execute(
                    "UPDATE drafts SET payload = ?2, updated_ms = ?3, entry_id = ?4, held_by = ?5
                     WHERE id = ?1",
                    params![id, payload, to_ms(now), entry_id, holder],
                )?;
                if n == 1 {
                    return Ok(id);
                }
            }
            if let Some(e) = entry_id {
                tx.execute("DELETE FROM drafts WHERE entry_id = ?1", [e])?;
            }
            tx.execute(
                "INSERT INTO drafts (entry_id, payload, updated_ms, held_by) VALUES (?1, ?2, ?3, ?4)",
                params![entry_id, payload, to_ms(now), holder],
            )?;
            Ok(tx.last_insert_rowid())
        })
    }

    /// All drafts, newest first.
    pub fn drafts(&self) -> Result<Vec<StoredDraft>> {
        Ok(self
            .drafts_with_holders()?
            .into_iter()
            .map(|(d, _)| d)
            .collect())
    }

    /// The drafts `me` may offer: held by nobody, by `me`, or by a process that `alive` says
    /// is gone (a crash, a closed terminal).
    pub fn free_drafts(&self, me: u32, alive: impl Fn(u32) -> bool) -> Result<Vec<StoredDraft>> {
        Ok(self
            .drafts_with_holders()?
            .into_iter()
            .filter(|(_, holder)| holder.is_none_or(|p| p == me || !alive(p)))
            .map(|(d, _)| d)
            .collect())
    }

    fn drafts_with_holders(&self) -> Result<Vec<(StoredDraft, Option<u32>)>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT id, entry_id, payload, updated_ms, held_by FROM drafts
             ORDER BY updated_ms DESC, id DESC",
        )?;
        let rows = stmt.query_map([], |r| {
            let payload: String = r.get(2)?;
            let draft = StoredDraft {
                id: r.get(0)?,
                entry_id: r.get::<_, Option<i64>>(1)?.map(EntryId),
                updated: from_ms(r.get(3)?),
                draft: Draft::from_json(&payload).map_err(|e| e.to_string()),
            };
            Ok((draft, r.get::<_, Option<u32>>(4)?))
        })?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// Take a draft to restore it: succeeds only if nobody holds it, or its holder is gone
    /// (`alive` says), so two windows never restore the same draft.
    pub fn claim_draft(
        &mut self,
        id: i64,
        holder: u32,
        alive: impl Fn(u32) -> bool,
    ) -> Result<bool> {
        self.write(|tx| {
            let held: Option<Option<u32>> = tx
                .query_row("SELECT held_by FROM drafts WHERE id = ?1", [id], |r| {
                    r.get(0)
                })
                .optional()?;
            match held {
                None => Err(crate::Error::NotFound {
                    what: "draft",
                    id: id.to_string(),
                }),
                Some(Some(p)) if p != holder && alive(p) => Ok(false),
                Some(_) => {
                    tx.execute(
                        "UPDATE drafts SET held_by = ?2 WHERE id = ?1",
                        params![id, holder],
                    )?;
                    Ok(true)
                }
            }
        })
    }

    /// Forget a draft (after discarding it).
    pub fn discard_draft(&mut self, id: i64) -> Result<()> {
        self.write(|tx| {
            tx.execute("DELETE FROM drafts WHERE id = ?1", [id])?;
            Ok(())
        })
    }
}
