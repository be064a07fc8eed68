//! `debrief search`: ranked full-text search with a highlighted snippet per hit.

use clap::Args;

use super::Context;
use super::filters::FilterArgs;
use super::output::{JsonArray, local, snippet_markdown, summary_line};
use crate::domain::EntryFilter;
use crate::domain::query::parse_query;
use crate::transfer::SummaryRecord;

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
        starred: flags.starred || words.starred,
        unfinished: flags.unfinished || words.unfinished,
        for_supervision: flags.for_supervision || words.for_supervision,
        min_stress: flags.min_stress.or(words.min_stress),
        trashed: flags.trashed,
        before: None,
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
}

pub fn run(ctx: &Context, args: SearchArgs) -> anyhow::Result<()> {
    let flags = args.filters.to_filter(ctx)?;
    // The same little language as the search screen: words plus kind:, tag:, since:, ...
    let query = parse_query(&args.query.join(" "), &ctx.clock.now_zoned());
    if let Some(problem) = query.problems.first() {
        anyhow::bail!("{problem}");
    }
    let filter = combine(flags, query.filter);
    let text = query.text;
    if crate::storage::fts_query(&text, false).is_none() && filter.is_empty() {
        anyhow::bail!(
            "nothing to search for in '{}': type at least one word",
            args.query.join(" ").escape_debug()
        );
    }
    let store = ctx.open_store()?;
    let hits = store.find(&text, false, &filter, args.limit)?;
    if args.json {
        let mut out = std::io::stdout().lock();
        let mut array = JsonArray::new();
        for h in &hits {
            let record = SummaryRecord {
                snippet: Some(snippet_markdown(&h.snippet)),
                ..SummaryRecord::from(&h.entry)
            };
            array.push(&mut out, &record)?;
        }
        return array.finish(&mut out);
    }
    if hits.is_empty() {
        println!("No entries match '{}'.", crate::text::visible_line(&text));
        return Ok(());
    }
    for h in &hits {
        let day = local(h.entry.created).format("%a %-d %b %Y").to_string();
        println!(
            "{}  {}",
            ctx.style.dim(&day),
            summary_line(ctx.style, &h.entry).trim_start()
        );
        println!("      {}", ctx.style.snippet(&h.snippet.replace('\n', " ")));
    }
    Ok(())
}
