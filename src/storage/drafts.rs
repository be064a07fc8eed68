//! Editor drafts kept in the journal itself, so text being typed survives a crash, a closed
//! terminal or a lost connection. The payload is opaque JSON owned by the editor.

use chrono::{DateTime, Utc};
use rusqlite::params;

use super::{Store, from_ms, to_ms};
use crate::Result;
use crate::domain::EntryId;

/// A saved draft.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Draft {
    pub id: i64,
    /// The entry being edited; `None` for a new entry.
    pub entry_id: Option<EntryId>,
    pub payload: String,
    pub updated: DateTime<Utc>,
}

impl Store {
    /// Save (or overwrite) a draft and return its id. Pass the id from an earlier save to
    /// update that draft; a draft for an existing entry replaces any older one for it.
    pub fn save_draft(
        &mut self,
        draft_id: Option<i64>,
        entry_id: Option<EntryId>,
        payload: &str,
        now: DateTime<Utc>,
    ) -> Result<i64> {
        self.write(|tx| {
            if let Some(id) = draft_id {
                let n = tx.execute(
                    "UPDATE drafts SET payload = ?2, updated_ms = ?3, entry_id = ?4 WHERE id = ?1",
                    params![id, payload, to_ms(now), entry_id.map(|e| e.0)],
                )?;
                if n == 1 {
                    return Ok(id);
                }
            }
            if let Some(e) = entry_id {
                tx.execute("DELETE FROM drafts WHERE entry_id = ?1", [e.0])?;
            }
            tx.execute(
                "INSERT INTO drafts (entry_id, payload, updated_ms) VALUES (?1, ?2, ?3)",
                params![entry_id.map(|e| e.0), payload, to_ms(now)],
            )?;
            Ok(tx.last_insert_rowid())
        })
    }

    /// All drafts, newest first.
    pub fn drafts(&self) -> Result<Vec<Draft>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT id, entry_id, payload, updated_ms FROM drafts ORDER BY updated_ms DESC, id DESC",
        )?;
        let rows = stmt.query_map([], draft_from_row)?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// Forget a draft (after saving or discarding it).
    pub fn discard_draft(&mut self, id: i64) -> Result<()> {
        self.write(|tx| {
            tx.execute("DELETE FROM drafts WHERE id = ?1", [id])?;
            Ok(())
        })
    }
}

fn draft_from_row(r: &rusqlite::Row<'_>) -> rusqlite::Result<Draft> {
    Ok(Draft {
        id: r.get(0)?,
        entry_id: r.get::<_, Option<i64>>(1)?.map(EntryId),
        payload: r.get(2)?,
        updated: from_ms(r.get(3)?),
    })
}
