//! `debrief config`: check the settings file, or print the commented default one.

use clap::Args;

use super::Context;
use crate::config::{Config, DEFAULT_CONFIG};

#[derive(Debug, Args)]
pub struct ConfigArgs {
    /// Print a complete default settings file, every setting explained.
    #[arg(long)]
    pub default: bool,
}

pub fn run(ctx: &Context, args: ConfigArgs) -> anyhow::Result<()> {
    if args.default {
        print!("{DEFAULT_CONFIG}");
        return Ok(());
    }
    let path = &ctx.paths.config;
    if !path.exists() {
        println!(
            "{}: not created yet, so the defaults apply.",
            path.display()
        );
        println!(
            "Start one with: debrief config --default > {}",
            path.display()
        );
        return Ok(());
    }
    match Config::load(path) {
        (_, Some(problem)) => anyhow::bail!("{problem}"),
        (config, None) => {
            let (_, problems) = crate::tui::keymap::Keymap::with_overrides(&config.keys);
            if !problems.is_empty() {
                anyhow::bail!("{}: {}", path.display(), problems.join("; "));
            }
            println!("{}: ok.", path.display());
            Ok(())
        }
    }
}
