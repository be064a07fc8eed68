//! `debrief config`: check the settings file, or print the commented default one.

use std::io::Write;

use clap::Args;

use super::output::stdout;
use crate::config::DEFAULT_CONFIG;
use crate::keys::Keymap;
use crate::session::Session;
use crate::{Error, Result};

#[derive(Debug, Args)]
pub struct ConfigArgs {
    /// Print a complete default settings file, every setting explained.
    #[arg(long)]
    pub default: bool,
}

pub fn run(session: &Session, args: ConfigArgs) -> Result<()> {
    let mut out = stdout();
    if args.default {
        write!(out, "{DEFAULT_CONFIG}")?;
        out.flush()?;
        return Ok(());
    }
    let path = &session.paths.config;
    if !path.exists() {
        writeln!(
            out,
            "{}: not created yet, so the defaults apply.",
            path.display()
        )?;
        writeln!(
            out,
            "Start one with: debrief config --default > {}",
            path.display()
        )?;
        out.flush()?;
        return Ok(());
    }
    match session.load_config() {
        (_, Some(problem)) => Err(Error::invalid("config", problem)),
        (config, None) => {
            let (_, problems) = Keymap::with_overrides(&config.keys);
            if !problems.is_empty() {
                return Err(Error::invalid(
                    "config",
                    format!("{}: {}", path.display(), problems.join("; ")),
                ));
            }
            writeln!(out, "{}: ok.", path.display())?;
            out.flush()?;
            Ok(())
        }
    }
}
