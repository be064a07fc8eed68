//! `debrief supervision prep`: the pack for the next session, as Markdown on standard output
//! or in a new private file.

use std::io::Write;
use std::path::PathBuf;

use clap::Args;

use crate::Result;
use crate::cli::output::{check_new_file, stdout, write_new_file};
use crate::session::Session;

#[derive(Debug, Args)]
pub struct PrepArgs {
    /// Where the pack starts: "last" (the last session, the default) or a date.
    #[arg(long, value_name = "last|WHEN", allow_hyphen_values = true)]
    pub since: Option<String>,
    /// Whole reflections, descriptions included (by default the analysis and what next).
    #[arg(long)]
    pub full: bool,
    /// Leave out the wellbeing summary.
    #[arg(long)]
    pub no_wellbeing: bool,
    /// Write the pack to this file (a new, private file: an existing one is never replaced).
    #[arg(short = 'o', long = "output", value_name = "FILE")]
    pub output: Option<PathBuf>,
    #[command(flatten)]
    pub leave: crate::cli::check::LeaveArgs,
}

pub fn run(session: &Session, a: PrepArgs) -> Result<()> {
    if let Some(path) = &a.output {
        check_new_file(path)?;
        crate::outfile::remove_on_signal();
    }
    let since = match a.since.as_deref().map(str::trim) {
        None | Some("last") => None,
        Some(words) => Some(session.read_date(words)?.since()),
    };
    let store = session.open_store_to_read()?;
    let pack = crate::review::prep(
        &store,
        &session.clock,
        since,
        a.full,
        !a.no_wellbeing,
        &session.vocabulary(),
    )?;
    let mut text = crate::present::supervision::pack_markdown(&pack, &session.clock);
    // The pack is checked as it would leave: what it quotes, in the words it quotes.
    let hits = store.guard()?.scan(&text);
    if a.leave.redact {
        text = crate::privacy::redact(&text, &hits);
    } else if !a.leave.allow_identifiers {
        let found: Vec<crate::cli::check::Found> = hits
            .into_iter()
            .map(|h| crate::cli::check::Found::in_pack(&text, h))
            .collect();
        crate::cli::check::refuse_identifiers("the prep pack", &found)?;
    }
    match &a.output {
        Some(path) => {
            write_new_file(path, &text)?;
            let mut out = stdout();
            writeln!(out, "Wrote the prep pack to {}.", path.display())?;
            out.flush()?;
        }
        None => {
            let mut out = stdout();
            out.write_all(text.as_bytes())?;
            out.flush()?;
        }
    }
    Ok(())
}
