//! The `debrief` binary: parse the command line, run a command or the terminal interface,
//! and report errors as one readable line with the error's exit code (README, "Exit codes").

use std::io::IsTerminal;
use std::process::ExitCode;

use clap::Parser;
use debrief::cli::{self, Cli};
use debrief::error::exit;
use debrief::paths::Paths;
use debrief::session::Session;

fn main() -> ExitCode {
    let args = Cli::parse();
    match run(args) {
        Ok(()) => ExitCode::SUCCESS,
        // A reader that stopped early (`debrief list | head -1`) is a normal end.
        Err(debrief::Error::Io(e)) if e.kind() == std::io::ErrorKind::BrokenPipe => {
            ExitCode::from(exit::OK)
        }
        Err(e) => {
            eprintln!("debrief: {}", debrief::text::visible_line(&e.to_string()));
            ExitCode::from(e.exit_code())
        }
    }
}

fn run(args: Cli) -> debrief::Result<()> {
    let paths = Paths::resolve(args.db, args.config)?;
    let mut session = Session::from_env(paths, args.color);
    session.passphrase_file = args.passphrase_file;
    let (stdin, stdout) = (
        std::io::stdin().is_terminal(),
        std::io::stdout().is_terminal(),
    );
    match args.command {
        // On a terminal a review opens in the interface, to be answered.
        Some(cli::Command::Review(r)) if stdin && stdout && r.to_answer() => {
            debrief::tui::run_from(&session, debrief::tui::Start::Review(r.kind))
        }
        Some(command) => cli::run(&session, command),
        None if stdin && stdout && args.limit.is_none() => debrief::tui::run(&session),
        None => cli::bare(&session, args.limit, !stdin),
    }
}
