//! `debrief paths`: where everything lives.

use clap::Args;

use super::Context;
use super::output::print_json;

#[derive(Debug, Args)]
pub struct PathsArgs {
    /// Print JSON: {"journal": ..., "config": ..., "backups": ..., "log": ...}.
    #[arg(long)]
    pub json: bool,
}

pub fn run(ctx: &Context, args: PathsArgs) -> anyhow::Result<()> {
    let p = &ctx.paths;
    if args.json {
        return print_json(&serde_json::json!({
            "journal": p.journal, "config": p.config, "backups": p.backups, "log": p.log,
        }));
    }
    let state = |path: &std::path::Path| {
        if path.exists() {
            ""
        } else {
            "  (not created yet)"
        }
    };
    println!("journal  {}{}", p.journal.display(), state(&p.journal));
    println!("config   {}{}", p.config.display(), state(&p.config));
    println!("backups  {}{}", p.backups.display(), state(&p.backups));
    println!("log      {}{}", p.log.display(), state(&p.log));
    Ok(())
}
