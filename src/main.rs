//! The `debrief` binary: parse the command line, run a command or the terminal interface,
//! and report errors as one readable line with a non-zero exit code.

use std::io::IsTerminal;
use std::process::ExitCode;

use clap::Parser;
use debrief::cli::{self, Cli, Context};
use debrief::paths::Paths;

fn main() -> ExitCode {
    let args = Cli::parse();
    match run(args) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!(
                "debrief: {}",
                debrief::text::visible_line(&format!("{e:#}"))
            );
            ExitCode::FAILURE
        }
    }
}

fn run(args: Cli) -> anyhow::Result<()> {
    let paths = Paths::resolve(args.db, args.config)?;
    let ctx = Context::from_env(paths);
    match args.command {
        Some(command) => cli::run(&ctx, command),
        None if std::io::stdout().is_terminal() && std::io::stdin().is_terminal() => {
            debrief::tui::run(&ctx)
        }
        None => cli::print_recent(&ctx),
    }
}
