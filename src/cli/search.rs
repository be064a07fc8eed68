//! `debrief search`: ranked full-text search with a highlighted snippet per hit.

use clap::Args;

use super::Context;
use super::filters::FilterArgs;
use super::output::{JsonArray, local, snippet_markdown, summary_line};
use crate::transfer::SummaryRecord;

#[derive(Debug, Args)]
pub struct SearchArgs {
    /// Words to find (all must appear; end a word with * for a prefix, e.g. boundar*).
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
    let filter = args.filters.to_filter(ctx)?;
    let text = args.query.join(" ");
    if crate::storage::fts_query(&text, false).is_none() {
        anyhow::bail!(
            "nothing to search for in '{}': type at least one word",
            text.escape_debug()
        );
    }
    let store = ctx.open_store()?;
    let hits = store.search(&text, false, &filter, args.limit)?;
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
