//! `debrief supervision prep`: the pack for the next session, as Markdown on standard output
//! or in a new private file.

use std::io::Write;
use std::path::PathBuf;

use clap::Args;

use crate::Result;
use crate::cli::output::{check_new_file, stdout, write_new_file};
use crate::journal::pack::PackRequest;
use crate::session::Session;

#[derive(Debug, Args)]
pub struct PrepArgs {
    /// Where the pack starts: "last" (the last session, the default) or a date.
    #[arg(long, value_name = "last|WHEN", allow_hyphen_values = true)]
    pub since: Option<String>,
    /// Whole reflections, descriptions included (by default the analysis and what next).
    #[arg(long)]
    pub full: bool,
    /// Put your wellbeing summary in (stress, emotions, the body): left out unless you ask,
    /// since who you bring the pack to may also be your line manager.
    #[arg(long)]
    pub wellbeing: bool,
    /// (Left out already unless --wellbeing is given.)
    #[arg(long, hide = true, conflicts_with = "wellbeing")]
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
    let request = PackRequest {
        since,
        full: a.full,
        wellbeing: a.wellbeing,
        vocab: session.vocabulary(),
    };
    let text = crate::journal::pack::leaving(&store, &session.clock, &request, a.leave.leave())?;
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
