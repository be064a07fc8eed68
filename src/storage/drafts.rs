//! Drafts kept in the journal itself, so text being typed survives a crash, a closed
//! terminal or a lost connection. The payload is [`crate::domain::Draft`]'s versioned JSON.

use chrono::{DateTime, Utc};
use rusqlite::params;

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
    /// update that draft; a draft for an existing entry replaces any older one for it.
    pub fn save_draft(
        &mut self,
        draft_id: Option<i64>,
        draft: &Draft,
        now: DateTime<Utc>,
    ) -> Result<i64> {
        let payload = draft.to_json();
        let entry_id = draft.entry_id.map(|e| e.0);
        self.write(|tx| {
            if let Some(id) = draft_id {
                let n = tx.execute(
                    "UPDATE drafts SET payload = ?2, updated_ms = ?3, entry_id = ?4 WHERE id = ?1",
                    params![id, payload, to_ms(now), entry_id],
                )?;
                if n == 1 {
                    return Ok(id);
                }
            }
            if let Some(e) = entry_id {
                tx.execute("DELETE FROM drafts WHERE entry_id = ?1", [e])?;
            }
            tx.execute(
                "INSERT INTO drafts (entry_id, payload, updated_ms) VALUES (?1, ?2, ?3)",
                params![entry_id, payload, to_ms(now)],
            )?;
            Ok(tx.last_insert_rowid())
        })
    }

    /// All drafts, newest first.
    pub fn drafts(&self) -> Result<Vec<StoredDraft>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT id, entry_id, payload, updated_ms FROM drafts ORDER BY updated_ms DESC, id DESC",
        )?;
        let rows = stmt.query_map([], |r| {
            let payload: String = r.get(2)?;
            Ok(StoredDraft {
                id: r.get(0)?,
                entry_id: r.get::<_, Option<i64>>(1)?.map(EntryId),
                updated: from_ms(r.get(3)?),
                draft: Draft::from_json(&payload).map_err(|e| e.to_string()),
            })
        })?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// Forget a draft (after discarding it).
    pub fn discard_draft(&mut self, id: i64) -> Result<()> {
        self.write(|tx| {
            tx.execute("DELETE FROM drafts WHERE id = ?1", [id])?;
            Ok(())
        })
    }
}
