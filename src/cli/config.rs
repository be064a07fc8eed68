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
    #[arg(long, conflicts_with = "init")]
    pub default: bool,
    /// Write that file where debrief looks for it (private; an existing file is never replaced).
    #[arg(long)]
    pub init: bool,
}

/// Write the commented default settings to `path`, creating its folder; refuse to replace.
fn init(path: &std::path::Path) -> Result<()> {
    if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
        crate::storage::create_private_dir(dir)?;
    }
    match crate::storage::create_new_private_file(path) {
        Ok(mut f) => {
            f.write_all(DEFAULT_CONFIG.as_bytes())?;
            Ok(())
        }
        Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => Err(Error::Conflict(format!(
            "{} exists already and was left as it is: edit it, or move it away first",
            path.display()
        ))),
        Err(e) => Err(Error::NotWritable {
            path: path.to_path_buf(),
            reason: e.to_string(),
        }),
    }
}

pub fn run(session: &Session, args: ConfigArgs) -> Result<()> {
    let mut out = stdout();
    if args.default {
        write!(out, "{DEFAULT_CONFIG}")?;
        out.flush()?;
        return Ok(());
    }
    let path = &session.paths.config;
    if args.init {
        init(path)?;
        writeln!(out, "Wrote {}: every setting, explained.", path.display())?;
        out.flush()?;
        return Ok(());
    }
    if !path.exists() {
        writeln!(
            out,
            "{}: not created yet, so the defaults apply.",
            path.display()
        )?;
        writeln!(out, "Start one with: debrief config --init")?;
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
