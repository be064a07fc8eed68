//! `debrief tags`: every tag in use with its count.

use clap::Args;

use super::Context;
use super::output::print_json;

#[derive(Debug, Args)]
pub struct TagsArgs {
    /// Print JSON: [{"tag": "...", "count": N}, ...].
    #[arg(long)]
    pub json: bool,
}

pub fn run(ctx: &Context, args: TagsArgs) -> anyhow::Result<()> {
    let store = ctx.open_store()?;
    let counts = store.tag_counts()?;
    if args.json {
        let rows: Vec<_> = counts
            .iter()
            .map(|(t, n)| serde_json::json!({ "tag": t, "count": n }))
            .collect();
        return print_json(&rows);
    }
    if counts.is_empty() {
        println!("No tags yet. Add them with --tag NAME or #name in the text.");
        return Ok(());
    }
    let width = counts
        .iter()
        .map(|(t, _)| t.as_str().chars().count())
        .max()
        .unwrap_or(0)
        + 1;
    for (tag, n) in counts {
        println!(
            "#{:<width$} {n:>5}",
            crate::text::visible_line(tag.as_str())
        );
    }
    Ok(())
}
