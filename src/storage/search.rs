//! Full-text search: turning what a person types into a safe FTS5 query, and the ranked
//! query itself (bm25, with a snippet that marks each match).

use std::collections::HashMap;

use rusqlite::types::Value;

use super::Store;
use super::entries::{SUMMARY_COLUMNS, push_filter, summary_from_row};
use crate::Result;
use crate::domain::{EntryFilter, EntrySummary};

pub use crate::domain::query::{MATCH_END, MATCH_START};

/// How many of the most recently written matches are ranked by relevance. A rare word has
/// fewer matches than this and is ranked over the whole journal; a word in most entries is
/// ranked among the newest matches, which keeps search instant at any journal size.
pub const RANK_WINDOW: usize = 2_000;

/// One search result: the entry's summary and a snippet with matches marked.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SearchHit {
    pub entry: EntrySummary,
    /// A short extract; matches are wrapped in [`MATCH_START`] and [`MATCH_END`].
    pub snippet: String,
}

/// The ids of the best `limit` matches for the FTS5 `query` among the newest [`RANK_WINDOW`]
/// that pass `filter`, best first (equal scores: written later first): the index walks
/// matches newest first and stops there. A search of the timeline or the trash alone takes
/// the cheap path: each match is checked against the short list of trashed ids, and only the
/// rows that can be shown are looked up (for their date).
fn ranking_sql(query: &str, filter: &EntryFilter, limit: usize) -> Result<(String, Vec<Value>)> {
    let state_only = *filter
        == EntryFilter {
            trashed: filter.trashed,
            ..EntryFilter::default()
        };
    if !state_only {
        return filtered_ranking_sql(query, filter, limit);
    }
    let sql = format!(
        "WITH matches (id, score) AS MATERIALIZED ( \
             SELECT rowid, rank FROM entries_fts WHERE entries_fts MATCH ?1 \
             AND rowid {} (SELECT id FROM entries WHERE deleted_ms IS NOT NULL) \
             ORDER BY rowid DESC LIMIT ?2), \
         last_shown (score) AS (SELECT score FROM matches ORDER BY score LIMIT 1 OFFSET ?3) \
         SELECT m.id FROM matches m \
         JOIN entries e INDEXED BY entries_search_filter ON e.id = m.id \
         WHERE m.score <= coalesce((SELECT score FROM last_shown), m.score) \
         ORDER BY m.score, e.created_ms DESC, m.id DESC LIMIT ?4",
        if filter.trashed { "IN" } else { "NOT IN" }
    );
    let args = vec![
        Value::Text(query.to_owned()),
        Value::Integer(RANK_WINDOW as i64),
        // Rows scoring worse than the last one shown cannot be shown, whatever their date.
        Value::Integer(limit.saturating_sub(1) as i64),
        Value::Integer(limit as i64),
    ];
    Ok((sql, args))
}

/// [`ranking_sql`] for any filter: each match is checked against the entry through the
/// narrow `entries_search_filter` index, not the entry's row (which holds its text).
fn filtered_ranking_sql(
    query: &str,
    filter: &EntryFilter,
    limit: usize,
) -> Result<(String, Vec<Value>)> {
    let mut sql = String::from(
        "SELECT id FROM (SELECT f.rowid AS id, f.rank AS score, e.created_ms AS created \
         FROM entries_fts f JOIN entries e INDEXED BY entries_search_filter ON e.id = f.rowid \
         WHERE f.entries_fts MATCH ? AND ",
    );
    let mut args = vec![Value::Text(query.to_owned())];
    push_filter(&mut sql, &mut args, filter)?;
    sql.push_str(" ORDER BY f.rowid DESC LIMIT ?) ORDER BY score, created DESC, id DESC LIMIT ?");
    args.push(Value::Integer(RANK_WINDOW as i64));
    args.push(Value::Integer(limit as i64));
    Ok((sql, args))
}

/// Letters the last word needs before search-as-you-type treats it as a prefix.
pub const MIN_TYPING_PREFIX: usize = 3;

/// Build an FTS5 query from free text, or `None` when nothing searchable is left.
///
/// Every word becomes a quoted string (inner `"` doubled), so FTS5 operators, quotes,
/// hyphens, apostrophes and column filters are taken literally and can never produce a
/// syntax error. A trailing `*` on a word asks for a prefix match (`boundar*`); with
/// `prefix_last` the last word is a prefix match anyway once it has three letters (search
/// as you type).
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
            // While typing, a word of one or two letters would match a large part of the
            // vocabulary; it becomes a prefix from the third letter on.
            let typing = prefix_last && i == last && stem.chars().count() >= MIN_TYPING_PREFIX;
            let prefix = stem.len() != w.len() || typing;
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
    /// What the search box shows: matches for `text` when it has words, otherwise the
    /// newest entries passing `filter` (without snippets).
    pub fn find(
        &self,
        text: &str,
        prefix_last: bool,
        filter: &EntryFilter,
        limit: usize,
    ) -> Result<Vec<SearchHit>> {
        if fts_query(text, prefix_last).is_some() {
            return self.search(text, prefix_last, filter, limit);
        }
        Ok(self
            .list(filter, limit)?
            .into_iter()
            .map(|entry| SearchHit {
                entry,
                snippet: String::new(),
            })
            .collect())
    }

    /// Entries matching `text` and `filter`, best match first (among the newest
    /// [`RANK_WINDOW`] matches), at most `limit`.
    /// Text with nothing searchable in it gives no hits.
    pub fn search(
        &self,
        text: &str,
        prefix_last: bool,
        filter: &EntryFilter,
        limit: usize,
    ) -> Result<Vec<SearchHit>> {
        let terms = text.split_whitespace().count();
        if terms > crate::domain::query::MAX_TERMS {
            return Err(crate::Error::invalid(
                "query",
                format!(
                    "a search looks for at most {} words, and this has {terms}: use the few that matter",
                    crate::domain::query::MAX_TERMS
                ),
            ));
        }
        let Some(query) = fts_query(text, prefix_last) else {
            return Ok(Vec::new());
        };
        let (sql, args) = ranking_sql(&query, filter, limit)?;
        let ids: Vec<i64> = self
            .conn
            .prepare_cached(&sql)?
            .query_map(rusqlite::params_from_iter(args), |r| r.get(0))?
            .collect::<rusqlite::Result<_>>()?;
        if ids.is_empty() {
            return Ok(Vec::new());
        }
        let mut snippets = self.snippets(&query, &ids)?;
        let mut summary = self.conn.prepare_cached(&format!(
            "SELECT {SUMMARY_COLUMNS} FROM entries e WHERE e.id = ?1"
        ))?;
        let mut hits = Vec::with_capacity(ids.len());
        for id in ids {
            hits.push(SearchHit {
                entry: summary.query_row([id], summary_from_row)??,
                snippet: snippets.remove(&id).unwrap_or_default(),
            });
        }
        Ok(hits)
    }

    /// Snippets for just the rows `ids`, in one pass over the matches between the lowest and
    /// highest id: the CASE keeps snippet() from running for the rows in between.
    fn snippets(&self, query: &str, ids: &[i64]) -> Result<HashMap<i64, String>> {
        let (lo, hi) = (
            ids.iter().min().copied().unwrap_or(0),
            ids.iter().max().copied().unwrap_or(0),
        );
        let wanted = ids.iter().map(i64::to_string).collect::<Vec<_>>().join(",");
        let mut snippets = HashMap::with_capacity(ids.len());
        let mut stmt = self.conn.prepare(&format!(
            "SELECT rowid, \
                 CASE WHEN rowid IN ({wanted}) \
                     THEN snippet(entries_fts, 1, '{MATCH_START}', '{MATCH_END}', '…', 14) END, \
                 CASE WHEN rowid IN ({wanted}) \
                     THEN snippet(entries_fts, -1, '{MATCH_START}', '{MATCH_END}', '…', 8) END \
             FROM entries_fts WHERE entries_fts MATCH ?1 AND rowid BETWEEN ?2 AND ?3"
        ))?;
        let mut rows = stmt.query(rusqlite::params![query, lo, hi])?;
        while let Some(row) = rows.next()? {
            let (Some(body), Some(best)) = (
                row.get::<_, Option<String>>(1)?,
                row.get::<_, Option<String>>(2)?,
            ) else {
                continue;
            };
            // The text around a match in the body; when only the title, tags or template
            // answers matched, what matched there, then the opening of the body.
            let snippet = if body.contains(MATCH_START) || best == body {
                body
            } else if body.trim().is_empty() {
                best
            } else {
                format!("{best} · {body}")
            };
            snippets.insert(row.get::<_, i64>(0)?, snippet);
        }
        Ok(snippets)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::Tag;
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

    fn plan(store: &Store, (sql, args): (String, Vec<Value>)) -> Vec<String> {
        store
            .conn
            .prepare(&format!("EXPLAIN QUERY PLAN {sql}"))
            .expect("plan")
            .query_map(rusqlite::params_from_iter(args), |r| r.get::<_, String>(3))
            .expect("rows")
            .collect::<rusqlite::Result<_>>()
            .expect("plan rows")
    }

    fn ranked(store: &Store, (sql, args): (String, Vec<Value>)) -> Vec<i64> {
        store
            .conn
            .prepare(&sql)
            .expect("prepare")
            .query_map(rusqlite::params_from_iter(args), |r| r.get(0))
            .expect("query")
            .collect::<rusqlite::Result<_>>()
            .expect("ids")
    }

    /// Found by the encrypted benchmark: each match read its whole entry to be checked
    /// against the filter (1,300 pages for a common phrase at 100,000 entries). Whatever the
    /// filter, matches come from the index, newest first; a search of the timeline or the
    /// trash checks them against the list of trashed ids, any other through the narrow index.
    #[test]
    fn matches_are_checked_without_reading_entries() {
        let store = Store::open_in_memory().expect("store");
        let day = chrono::DateTime::<chrono::Utc>::from_timestamp(1_800_000_000, 0).expect("time");
        let state_only = [
            EntryFilter::default(),
            EntryFilter {
                trashed: true,
                ..Default::default()
            },
        ];
        let filtered = [
            EntryFilter {
                since: Some(day - chrono::Duration::days(7)),
                until: Some(day),
                kind: Some(crate::domain::Kind::Checkin),
                min_stress: Some(crate::domain::Rating::new("stress", 5).expect("rating")),
                starred: true,
                unfinished: true,
                for_supervision: true,
                before: Some((day.timestamp_millis(), crate::domain::EntryId(9))),
                ..Default::default()
            },
            EntryFilter {
                tags: vec![Tag::parse("court").expect("tag")],
                without_tags: vec![Tag::parse("admin").expect("tag")],
                ..Default::default()
            },
        ];
        for (filter, narrow) in state_only
            .iter()
            .map(|f| (f, false))
            .chain(filtered.iter().map(|f| (f, true)))
        {
            let plan = plan(&store, ranking_sql("\"visit\"", filter, 10).expect("sql"));
            let first_scan = plan.iter().find(|d| d.starts_with("SCAN"));
            assert!(
                first_scan.is_some_and(|d| d.starts_with("SCAN f VIRTUAL TABLE")
                    || d.starts_with("SCAN entries_fts VIRTUAL TABLE")),
                "{filter:?}: {plan:#?}"
            );
            let trash_list = plan
                .iter()
                .any(|d| d == "SEARCH entries USING COVERING INDEX entries_trash (deleted_ms>?)");
            assert_eq!(trash_list, !narrow, "{filter:?}: {plan:#?}");
            assert!(
                plan.iter()
                    .any(|d| d
                        .starts_with("SEARCH e USING COVERING INDEX entries_search_filter (id=?")),
                "{filter:?}: {plan:#?}"
            );
            assert!(
                !plan.iter().any(|d| d.contains("INTEGER PRIMARY KEY")),
                "{filter:?}: {plan:#?}"
            );
        }
    }

    proptest! {
        /// The cheap path ranks exactly as checking every match against its entry would:
        /// the same ids in the same order, ties (equal scores, which short and repeated
        /// texts give) broken by date then id, trashed entries only in a search of the trash.
        #[test]
        fn the_cheap_ranking_equals_checking_every_entry(
            entries in proptest::collection::vec((0usize..4, 0i64..5, any::<bool>()), 1..30),
            limit in 1usize..8,
            trashed in any::<bool>(),
        ) {
            crate::storage::testing::each_keying(|store| {
                let texts = ["visit", "home visit", "visit visit", "a long visit to the home"];
                let base = chrono::DateTime::<chrono::Utc>::from_timestamp(1_800_000_000, 0)
                    .expect("time");
                for &(text, day, trash) in &entries {
                    let created = base - chrono::Duration::days(day);
                    let content = crate::domain::EntryContent::text(texts[text]);
                    let id = store.add_entry(&content, created, 0, base).expect("add");
                    if trash {
                        store.trash(id, base).expect("trash");
                    }
                }
                let filter = EntryFilter { trashed, ..Default::default() };
                for query in ["\"visit\"", "\"home\" \"visit\""] {
                    let cheap = ranked(store, ranking_sql(query, &filter, limit).expect("sql"));
                    let checked = ranked(store, filtered_ranking_sql(query, &filter, limit).expect("sql"));
                    assert_eq!(cheap, checked, "{query}");
                }
            });
        }

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
