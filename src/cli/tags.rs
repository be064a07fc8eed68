//! `debrief tags`: every tag in use with its count.

use std::io::Write;

use clap::Args;

use super::output::{stdout, write_json};
use crate::session::Session;

#[derive(Debug, Args)]
pub struct TagsArgs {
    /// Print JSON: [{"tag": "...", "count": N}, ...].
    #[arg(long)]
    pub json: bool,
}

pub fn run(session: &Session, args: TagsArgs) -> crate::Result<()> {
    let store = session.open_store_to_read()?;
    let counts = store.tag_counts()?;
    let mut out = stdout();
    if args.json {
        let rows: Vec<_> = counts
            .iter()
            .map(|(t, n)| serde_json::json!({ "tag": t, "count": n }))
            .collect();
        return write_json(&mut out, &rows);
    }
    if counts.is_empty() {
        writeln!(
            out,
            "No tags yet. Add them with --tag NAME or #name in the text."
        )?;
    }
    let width = counts
        .iter()
        .map(|(t, _)| t.as_str().chars().count())
        .max()
        .unwrap_or(0)
        + 1;
    for (tag, n) in counts {
        writeln!(
            out,
            "#{:<width$} {n:>5}",
            crate::text::visible_line(tag.as_str())
        )?;
    }
    out.flush()?;
    Ok(())
}
