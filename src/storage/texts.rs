//! Every piece of free text the journal holds, entry by entry and field by field, streamed
//! for the confidentiality guard: titles, bodies, stage answers, supervision items, and the
//! peer reflection of a CPD record. Live and trashed entries alike (both are exported).

use rusqlite::params;

use super::Store;
use crate::Result;
use crate::domain::EntryId;

/// One piece of text: whose, which field ("body", "answer: feelings"), and whether the
/// entry is in the trash.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Text {
    pub entry: EntryId,
    pub field: String,
    pub text: String,
    pub trashed: bool,
}

/// The fields, one SELECT each, as (entry id, field, text).
const FIELDS: &str = "
    SELECT e.id AS id, 'title' AS field, e.title AS text FROM entries e WHERE e.title IS NOT NULL
    UNION ALL SELECT e.id, 'body', e.body FROM entries e WHERE e.body <> ''
    UNION ALL SELECT a.entry_id, 'answer: ' || a.stage, a.answer FROM stage_answers a
    UNION ALL SELECT i.entry_id, 'agenda', i.text FROM agenda_items i
    UNION ALL SELECT i.entry_id, 'agenda discussion', i.discussion FROM agenda_items i
        WHERE i.discussion IS NOT NULL
    UNION ALL SELECT d.entry_id, 'decision', d.text FROM decisions d
    UNION ALL SELECT x.entry_id, 'action', x.text FROM actions x
    UNION ALL SELECT x.entry_id, 'action reason', x.reason FROM actions x WHERE x.reason IS NOT NULL
    UNION ALL SELECT s.entry_id, 'support', s.support FROM supervision_sessions s
        WHERE s.support IS NOT NULL
    UNION ALL SELECT s.entry_id, 'learning', s.learning FROM supervision_sessions s
        WHERE s.learning IS NOT NULL
    UNION ALL SELECT c.entry_id, 'peer reflection', c.peer FROM cpd_records c WHERE c.peer IS NOT NULL";

/// The texts of every entry, or (`one`) of the entry `?1`. Two statements: `?1 IS NULL OR
/// t.id = ?1` would not reach into the union, and checking one entry would read every
/// entry's text.
fn texts_sql(one: bool) -> String {
    let filter = if one { "WHERE t.id = ?1" } else { "" };
    format!(
        "SELECT t.id, t.field, t.text, e.deleted_ms IS NOT NULL
         FROM ({FIELDS}) AS t JOIN entries e ON e.id = t.id
         {filter}
         ORDER BY t.id"
    )
}

impl Store {
    /// Each piece of free text of one entry (`Some(id)`) or of all of them, by entry id.
    pub fn each_text(
        &self,
        only: Option<EntryId>,
        mut f: impl FnMut(Text) -> Result<()>,
    ) -> Result<()> {
        let mut stmt = self.conn.prepare_cached(&texts_sql(only.is_some()))?;
        let mut rows = match only {
            Some(id) => stmt.query(params![id.0])?,
            None => stmt.query([])?,
        };
        while let Some(r) = rows.next()? {
            f(Text {
                entry: EntryId(r.get(0)?),
                field: r.get(1)?,
                text: r.get(2)?,
                trashed: r.get(3)?,
            })?;
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Found by the benchmark: one entry's check read the whole journal (100 ms plain at
    /// 100,000 entries, a second encrypted). Every part of the union must go by the id.
    #[test]
    fn one_entrys_text_is_read_by_its_id_not_by_a_scan() {
        let store = Store::open_in_memory().expect("store");
        let plan: Vec<String> = store
            .conn
            .prepare(&format!("EXPLAIN QUERY PLAN {}", texts_sql(true)))
            .expect("plan")
            .query_map([1], |r| r.get::<_, String>(3))
            .expect("rows")
            .collect::<rusqlite::Result<_>>()
            .expect("plan rows");
        let scans: Vec<&String> = plan.iter().filter(|d| d.starts_with("SCAN")).collect();
        assert!(scans.is_empty(), "{plan:#?}");
        assert!(texts_sql(false).contains("ORDER BY t.id"));
    }
}
