//! The command line: argument definitions (clap) and one file per subcommand. Each command
//! turns raw flags into validated domain values, calls the core, and prints the result.

mod add;
mod config;
mod context;
mod delete;
mod edit;
mod filters;
mod list;
mod output;
mod paths;
mod search;
mod show;
mod tags;

use std::path::PathBuf;

use clap::{Parser, Subcommand};

pub use context::Context;

/// debrief: a private reflective-practice journal for the terminal.
///
/// Run without a command to open the journal in the terminal interface.
#[derive(Debug, Parser)]
#[command(name = "debrief", version, about, long_about = None, max_term_width = 100)]
pub struct Cli {
    /// The journal file (default: your data folder; see `debrief paths`).
    #[arg(long, global = true, env = crate::paths::DB_ENV, value_name = "PATH")]
    pub db: Option<PathBuf>,

    /// The settings file (default: your config folder; see `debrief paths`).
    #[arg(long, global = true, env = crate::paths::CONFIG_ENV, value_name = "PATH")]
    pub config: Option<PathBuf>,

    #[command(subcommand)]
    pub command: Option<Command>,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Write a new entry (from the arguments, `-` for standard input, or your editor).
    Add(add::AddArgs),
    /// List entries, newest first.
    List(list::ListArgs),
    /// Full-text search, best match first.
    Search(search::SearchArgs),
    /// Show one entry in full.
    Show(show::ShowArgs),
    /// Edit an entry's text in your editor.
    Edit(edit::EditArgs),
    /// Move an entry to the trash (or delete it for good with --purge).
    Delete(delete::DeleteArgs),
    /// Bring an entry back from the trash.
    Restore(delete::RestoreArgs),
    /// List tags with how many entries carry each.
    Tags(tags::TagsArgs),
    /// Show where the journal, settings, backups and log live.
    Paths(paths::PathsArgs),
    /// Check the settings file, or print the default one (--default).
    Config(config::ConfigArgs),
}

/// Run a parsed command line. `None` (no command) is handled by the caller.
pub fn run(ctx: &Context, command: Command) -> anyhow::Result<()> {
    match command {
        Command::Add(a) => add::run(ctx, a),
        Command::List(a) => list::run(ctx, a),
        Command::Search(a) => search::run(ctx, a),
        Command::Show(a) => show::run(ctx, a),
        Command::Edit(a) => edit::run(ctx, a),
        Command::Delete(a) => delete::run(ctx, a),
        Command::Restore(a) => delete::restore(ctx, a),
        Command::Tags(a) => tags::run(ctx, a),
        Command::Paths(a) => paths::run(ctx, a),
        Command::Config(a) => config::run(ctx, a),
    }
}

/// Print the newest entries: what bare `debrief` shows when it is not run in a terminal.
pub fn print_recent(ctx: &Context) -> anyhow::Result<()> {
    list::run(ctx, list::ListArgs::recent())
}
