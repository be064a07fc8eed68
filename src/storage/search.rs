//! Full-text search: turning what a person types into a safe FTS5 query, and the ranked
//! query itself (bm25, with a snippet that marks each match).

use rusqlite::types::Value;

use super::Store;
use super::entries::{SUMMARY_COLUMNS, SUMMARY_WIDTH, push_filter, summary_from_row};
use crate::Result;
use crate::domain::{EntryFilter, EntrySummary};

/// Marks the start of a matched word in [`SearchHit::snippet`].
pub const MATCH_START: char = '\u{E000}';
/// Marks the end of a matched word in [`SearchHit::snippet`].
pub const MATCH_END: char = '\u{E001}';

/// One search result: the entry's summary and a snippet with matches marked.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SearchHit {
    pub entry: EntrySummary,
    /// A short extract; matches are wrapped in [`MATCH_START`] and [`MATCH_END`].
    pub snippet: String,
}

/// Build an FTS5 query from free text, or `None` when nothing searchable is left.
///
/// Every word becomes a quoted string (inner `"` doubled), so FTS5 operators, quotes,
/// hyphens, apostrophes and column filters are taken literally and can never produce a
/// syntax error. A trailing `*` on a word asks for a prefix match (`boundar*`); with
/// `prefix_last` the last word is a prefix match anyway (search as you type).
/// All words must match, in any order.
pub fn fts_query(input: &str, prefix_last: bool) -> Option<String> {
    let cleaned: String = input
        .chars()
        .map(|c| if c.is_control() { ' ' } else { c })
        .collect();
    let words: Vec<&str> = cleaned
        .split_whitespace()
        .filter(|w| w.chars().any(char::is_alphanumeric))
        .collect();
    let last = words.len().checked_sub(1)?;
    let parts: Vec<String> = words
        .iter()
        .enumerate()
        .map(|(i, w)| {
            let stem = w.trim_end_matches('*');
            let prefix = stem.len() != w.len() || (prefix_last && i == last);
            let quoted = format!("\"{}\"", stem.replace('"', "\"\""));
            if prefix && stem.chars().any(char::is_alphanumeric) {
                quoted + "*"
            } else {
                quoted
            }
        })
        .collect();
    Some(parts.join(" "))
}

impl Store {
    /// Entries matching `text` and `filter`, best match first, at most `limit`.
    /// Text with nothing searchable in it gives no hits.
    pub fn search(
        &self,
        text: &str,
        prefix_last: bool,
        filter: &EntryFilter,
        limit: usize,
    ) -> Result<Vec<SearchHit>> {
        let Some(query) = fts_query(text, prefix_last) else {
            return Ok(Vec::new());
        };
        let mut sql = format!(
            "SELECT {SUMMARY_COLUMNS}, \
             snippet(entries_fts, -1, '{MATCH_START}', '{MATCH_END}', '…', 14) \
             FROM entries_fts JOIN entries e ON e.id = entries_fts.rowid \
             WHERE entries_fts MATCH ? AND "
        );
        let mut args = vec![Value::Text(query)];
        push_filter(&mut sql, &mut args, filter);
        sql.push_str(" ORDER BY bm25(entries_fts, 8.0, 1.0, 1.0, 4.0), e.created_ms DESC LIMIT ?");
        args.push(Value::Integer(limit as i64));
        let mut stmt = self.conn.prepare_cached(&sql)?;
        let rows = stmt.query_map(rusqlite::params_from_iter(args), |r| {
            Ok(SearchHit {
                entry: summary_from_row(r)?,
                snippet: r.get(SUMMARY_WIDTH)?,
            })
        })?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn words_are_quoted_and_all_required() {
        assert_eq!(
            fts_query("home visit", false).as_deref(),
            Some(r#""home" "visit""#)
        );
    }

    #[test]
    fn operators_and_quotes_are_literal() {
        assert_eq!(
            fts_query("NOT AND OR", false).as_deref(),
            Some(r#""NOT" "AND" "OR""#)
        );
        assert_eq!(
            fts_query(r#"say "hi"#, false).as_deref(),
            Some(r#""say" """hi""#)
        );
        assert_eq!(
            fts_query("title:court", false).as_deref(),
            Some(r#""title:court""#)
        );
        assert_eq!(
            fts_query("o'brien co-worker", false).as_deref(),
            Some(r#""o'brien" "co-worker""#)
        );
    }

    #[test]
    fn stars_make_prefixes() {
        assert_eq!(
            fts_query("boundar*", false).as_deref(),
            Some(r#""boundar"*"#)
        );
        assert_eq!(
            fts_query("safe boun", true).as_deref(),
            Some(r#""safe" "boun"*"#)
        );
    }

    #[test]
    fn nothing_searchable_gives_none() {
        for s in ["", "   ", "* - \"", "\u{0}\u{1}", "()"] {
            assert_eq!(fts_query(s, true), None, "{s:?}");
        }
    }

    #[test]
    fn control_characters_never_reach_fts() {
        assert_eq!(fts_query("a\u{0}b", false).as_deref(), Some(r#""a" "b""#));
    }

    proptest! {
        /// Whatever is typed, SQLite accepts the query (no syntax error ever reaches the user).
        #[test]
        fn every_query_is_valid_fts5(input in "\\PC{0,30}|[\"*^():+\\-a-z ]{0,20}", prefix in any::<bool>()) {
            let store = Store::open_in_memory().expect("store");
            let result = store.search(&input, prefix, &EntryFilter::default(), 5);
            prop_assert!(result.is_ok(), "{:?} -> {:?}: {:?}", input, fts_query(&input, prefix), result);
        }
    }
}
