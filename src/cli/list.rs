//! `debrief list`: the newest entries matching the filters, grouped by day.

use clap::Args;

use super::Context;
use super::filters::FilterArgs;
use std::io::Write;

use super::output::{JsonArray, local, summary_line};
use crate::transfer::SummaryRecord;

#[derive(Debug, Args)]
pub struct ListArgs {
    /// How many entries to show at most.
    #[arg(short = 'n', long = "limit", value_name = "N", default_value_t = 20)]
    pub limit: usize,
    #[command(flatten)]
    pub filters: FilterArgs,
    /// Print JSON (see the README's "Machine output").
    #[arg(long)]
    pub json: bool,
}

impl ListArgs {
    /// The newest few entries, no filters.
    pub fn recent() -> ListArgs {
        ListArgs {
            limit: 10,
            filters: FilterArgs::default(),
            json: false,
        }
    }
}

/// Rows fetched per query: long listings are streamed page by page, never held whole.
const PAGE: usize = 1_000;

pub fn run(ctx: &Context, args: ListArgs) -> anyhow::Result<()> {
    let filter = args.filters.to_filter(ctx)?;
    let store = ctx.open_store()?;
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::new(stdout.lock());
    let mut json = args.json.then(JsonArray::new);
    let mut page_filter = filter.clone();
    let mut shown = 0;
    let mut day = None;
    while shown < args.limit {
        let want = PAGE.min(args.limit - shown);
        let page = store.list(&page_filter, want)?;
        let Some(last) = page.last() else { break };
        page_filter = filter.page_after(last);
        for e in &page {
            match &mut json {
                Some(array) => array.push(&mut out, &SummaryRecord::from(e))?,
                None => {
                    let d = local(e.created).date_naive();
                    if day != Some(d) {
                        if day.is_some() {
                            writeln!(out)?;
                        }
                        writeln!(
                            out,
                            "{}",
                            ctx.style.bold(&d.format("%A %-d %B %Y").to_string())
                        )?;
                        day = Some(d);
                    }
                    writeln!(out, "{}", summary_line(ctx.style, e))?;
                }
            }
        }
        shown += page.len();
        if page.len() < want {
            break;
        }
    }
    match json {
        Some(array) => array.finish(&mut out)?,
        None if shown == 0 && filter.is_empty() => writeln!(
            out,
            "The journal is empty. Write the first entry with: debrief add \"...\""
        )?,
        None if shown == 0 => writeln!(out, "No entries match these filters.")?,
        None => {}
    }
    out.flush()?;
    Ok(())
}
