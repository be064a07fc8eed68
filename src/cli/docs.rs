//! `debrief completions SHELL` and `debrief man`: shell completions (clap_complete) and a man
//! page (clap_mangen), both made from the same command-line definition, printed to standard
//! output for the user to install (the README says where).

use std::io::Write;

use clap::{Args, CommandFactory, ValueEnum};

use super::Cli;
use super::output::stdout;

/// The shells completions are made for.
#[derive(Clone, Copy, Debug, ValueEnum)]
pub enum Shell {
    Bash,
    Zsh,
    Fish,
    Elvish,
    Powershell,
}

#[derive(Debug, Args)]
pub struct CompletionsArgs {
    /// The shell: bash, zsh, fish, elvish or powershell.
    #[arg(value_name = "SHELL")]
    pub shell: Shell,
}

pub fn completions(args: CompletionsArgs) -> crate::Result<()> {
    use clap_complete::Shell as S;
    let shell = match args.shell {
        Shell::Bash => S::Bash,
        Shell::Zsh => S::Zsh,
        Shell::Fish => S::Fish,
        Shell::Elvish => S::Elvish,
        Shell::Powershell => S::PowerShell,
    };
    let mut out = stdout();
    clap_complete::generate(shell, &mut Cli::command(), "debrief", &mut out);
    out.flush()?;
    Ok(())
}

pub fn man() -> crate::Result<()> {
    let mut out = stdout();
    clap_mangen::Man::new(Cli::command()).render(&mut out)?;
    out.flush()?;
    Ok(())
}
