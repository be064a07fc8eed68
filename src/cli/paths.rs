//! `debrief paths`: where everything lives.

use std::io::Write;

use clap::Args;

use super::output::{stdout, write_json};
use crate::session::Session;

#[derive(Debug, Args)]
pub struct PathsArgs {
    /// Print JSON: {"journal": ..., "config": ..., "templates": ..., "backups": ..., "log": ...}.
    #[arg(long)]
    pub json: bool,
}

pub fn run(session: &Session, args: PathsArgs) -> crate::Result<()> {
    let p = &session.paths;
    let mut out = stdout();
    if args.json {
        return write_json(
            &mut out,
            &serde_json::json!({
                "journal": p.journal, "config": p.config, "templates": p.templates,
                "backups": p.backups, "log": p.log,
            }),
        );
    }
    let state = |path: &std::path::Path| {
        if !path.exists() {
            "  (not created yet)"
        } else if path == p.journal && crate::storage::cipher::looks_encrypted(path) {
            "  (encrypted)"
        } else {
            ""
        }
    };
    for (name, path) in [
        ("journal", &p.journal),
        ("config", &p.config),
        ("templates", &p.templates),
        ("backups", &p.backups),
        ("log", &p.log),
    ] {
        writeln!(out, "{name:<9} {}{}", path.display(), state(path))?;
    }
    out.flush()?;
    Ok(())
}
