//! `debrief search`: ranked full-text search with a highlighted snippet per hit.

use std::io::Write;

use clap::Args;

use super::filters::FilterArgs;
use super::output::{JsonArray, stdout, summary_line};
use crate::domain::EntryFilter;
use crate::domain::query::parse_query;
use crate::domain::query::{MATCH_END, MATCH_START};
use crate::present::{Role, SummaryParts, snippet_spans};
use crate::session::Session;
use crate::transfer::{EntryRecord, SummaryRecord};
use crate::{Error, Result};

/// Flags and query words together; a flag wins where both set the same thing.
fn combine(flags: EntryFilter, words: EntryFilter) -> EntryFilter {
    let mut tags = words.tags;
    tags.extend(flags.tags);
    tags.sort();
    tags.dedup();
    EntryFilter {
        since: flags.since.or(words.since),
        until: flags.until.or(words.until),
        kind: flags.kind.or(words.kind),
        tags,
        any_tag: flags.any_tag,
        without_tags: flags.without_tags,
        starred: flags.starred || words.starred,
        unfinished: flags.unfinished || words.unfinished,
        for_supervision: flags.for_supervision || words.for_supervision,
        min_stress: flags.min_stress.or(words.min_stress),
        trashed: flags.trashed,
        before: None,
        after: None,
    }
}

#[derive(Debug, Args)]
pub struct SearchArgs {
    /// Words to find (all must appear; end a word with * for a prefix, e.g. boundar*), and
    /// optionally filters: kind:checkin tag:court since:last-monday stress>=6 is:starred.
    #[arg(required = true, value_name = "QUERY")]
    pub query: Vec<String>,
    /// How many results to show at most.
    #[arg(short = 'n', long = "limit", value_name = "N", default_value_t = 20)]
    pub limit: usize,
    #[command(flatten)]
    pub filters: FilterArgs,
    /// Print JSON (see the README's "Machine output").
    #[arg(long)]
    pub json: bool,
    /// With --json: whole entries (text, details) instead of one line each.
    #[arg(long, requires = "json")]
    pub full: bool,
}

pub fn run(session: &Session, args: SearchArgs) -> Result<()> {
    let flags = args.filters.to_filter(session)?;
    // The same little language as the search screen: words plus kind:, tag:, since:, ...
    let query = parse_query(&args.query.join(" "), &session.clock.now_zoned());
    if let Some(problem) = query.problems.first() {
        return Err(Error::invalid("query", problem.clone()));
    }
    let filter = combine(flags, query.filter);
    let text = query.text;
    if crate::storage::fts_query(&text, false).is_none() && filter.is_empty() {
        return Err(Error::invalid(
            "query",
            format!(
                "nothing to search for in '{}': type at least one word",
                args.query.join(" ").escape_debug()
            ),
        ));
    }
    let store = session.open_store_to_read()?;
    let hits = store.find(&text, false, &filter, args.limit)?;
    let mut out = stdout();
    if args.json {
        let mut array = JsonArray::default();
        for h in &hits {
            if args.full {
                array.push(&mut out, &EntryRecord::from(&store.get(h.entry.id)?))?;
                continue;
            }
            let record = SummaryRecord {
                snippet: Some(h.snippet.replace([MATCH_START, MATCH_END], "**")),
                ..SummaryRecord::from(&h.entry)
            };
            array.push(&mut out, &record)?;
        }
        array.finish(&mut out)?;
        out.flush()?;
        return Ok(());
    }
    if hits.is_empty() {
        writeln!(
            out,
            "No entries match '{}'.",
            crate::text::visible_line(&text)
        )?;
    }
    let painter = super::painter(session);
    for h in &hits {
        let parts = SummaryParts::of(&h.entry, &session.clock);
        writeln!(
            out,
            "{}  {}",
            painter.paint(&parts.day, Role::Dim),
            summary_line(painter, &parts).trim_start()
        )?;
        writeln!(out, "      {}", painter.line(&snippet_spans(&h.snippet)))?;
    }
    out.flush()?;
    Ok(())
}
