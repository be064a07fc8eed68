//! `debrief list`: the newest entries matching the filters, grouped by day.

use std::io::Write;

use chrono::Utc;
use clap::Args;

use super::filters::FilterArgs;
use super::output::{JsonArray, stdout, summary_line};
use crate::present::{Role, SummaryParts};
use crate::session::Session;
use crate::transfer::{EntryRecord, SummaryRecord};

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
    /// With --json: whole entries (text, details) instead of one line each.
    #[arg(long, requires = "json")]
    pub full: bool,
}

impl ListArgs {
    /// The newest `limit` entries, no filters.
    pub fn recent(limit: usize) -> ListArgs {
        ListArgs {
            limit,
            filters: FilterArgs::default(),
            json: false,
            full: false,
        }
    }
}

/// Rows fetched per query: long listings are streamed page by page, never held whole.
const PAGE: usize = 1_000;

pub fn run(session: &Session, args: ListArgs) -> crate::Result<()> {
    let filter = args.filters.to_filter(session)?;
    let store = session.open_store_to_read()?;
    let painter = super::painter(session);
    let mut out = stdout();
    let mut json = args.json.then(JsonArray::default);
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
                Some(array) if args.full => {
                    array.push(&mut out, &EntryRecord::from(&store.get(e.id)?))?
                }
                Some(array) => array.push(&mut out, &SummaryRecord::from(e))?,
                None => {
                    let d = session
                        .clock
                        .local(e.created.with_timezone(&Utc))
                        .date_naive();
                    if day != Some(d) {
                        if day.is_some() {
                            writeln!(out)?;
                        }
                        let heading = d.format("%A %-d %B %Y").to_string();
                        writeln!(out, "{}", painter.paint(&heading, Role::Heading))?;
                        day = Some(d);
                    }
                    let parts = SummaryParts::of(e, &session.clock);
                    writeln!(out, "{}", summary_line(painter, &parts))?;
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
        None if args.limit == 0 => {}
        None if shown == 0 && !session.paths.journal.exists() => writeln!(
            out,
            "There is no journal at {} yet. Write the first entry with: debrief add \"...\"",
            session.paths.journal.display()
        )?,
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
