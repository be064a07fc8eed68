//! `debrief list`: the newest entries matching the filters, grouped by day.

use clap::Args;

use super::Context;
use super::filters::FilterArgs;
use super::output::{local, print_json, summary_line};
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

pub fn run(ctx: &Context, args: ListArgs) -> anyhow::Result<()> {
    let filter = args.filters.to_filter(ctx)?;
    let store = ctx.open_store()?;
    let entries = store.list(&filter, args.limit)?;
    if args.json {
        let records: Vec<SummaryRecord> = entries.iter().map(SummaryRecord::from).collect();
        return print_json(&records);
    }
    if entries.is_empty() {
        if filter.is_empty() {
            println!("The journal is empty. Write the first entry with: debrief add \"...\"");
        } else {
            println!("No entries match these filters.");
        }
        return Ok(());
    }
    let mut day = None;
    for e in &entries {
        let d = local(e.created).date_naive();
        if day != Some(d) {
            if day.is_some() {
                println!();
            }
            println!("{}", ctx.style.bold(&d.format("%A %-d %B %Y").to_string()));
            day = Some(d);
        }
        println!("{}", summary_line(ctx.style, e));
    }
    Ok(())
}
