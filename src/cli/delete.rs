//! `debrief delete` and `debrief restore`: the trash, and purging for good.

use std::io::Write;

use clap::Args;

use super::output::stdout;
use crate::Result;
use crate::domain::EntryRef;
use crate::journal::entries::{self, Change, Copies};
use crate::session::Session;

#[derive(Debug, Args)]
pub struct DeleteArgs {
    /// The entry: its number from `debrief list`, or its UUID.
    #[arg(value_name = "ID")]
    pub id: String,
    /// Delete for good instead of moving to the trash (asks first).
    #[arg(long)]
    pub purge: bool,
    /// With --purge: do not ask.
    #[arg(long, short = 'y')]
    pub yes: bool,
    /// With --purge: make no copy of the journal first (one is made by default and kept with
    /// the automatic backups until it rolls off).
    #[arg(long, requires = "purge")]
    pub no_backup: bool,
}

#[derive(Debug, Args)]
pub struct RestoreArgs {
    /// The entry: its number from `debrief list --trash`, or its UUID.
    #[arg(value_name = "ID")]
    pub id: String,
}

pub fn run(session: &Session, args: DeleteArgs) -> Result<()> {
    let r: EntryRef = args.id.parse()?;
    let mut store = session.open_store()?;
    let id = store.resolve(&r)?;
    let mut out = stdout();
    if !args.purge {
        entries::change(&mut store, &session.clock, id, Change::Trash, None)?;
        writeln!(
            out,
            "Moved entry {id} to the trash (bring it back with: debrief restore {id})."
        )?;
    } else if args.yes
        || super::output::confirm(
            &format!(
                "Delete entry {id} for good? This cannot be undone{}. [y/N] ",
                if args.no_backup {
                    ", and no copy is made"
                } else {
                    " (a copy of the journal is made first)"
                }
            ),
            "refusing to delete for good without confirmation: add --yes",
        )?
    {
        let keep = session.load_config().0.backups.keep;
        let copies = Copies {
            dir: &session.paths.backups,
            keep,
        };
        let purge = Change::Purge {
            copy: !args.no_backup,
        };
        let done =
            entries::change(&mut store, &session.clock, id, purge, Some(copies)).map_err(|e| {
                match args.no_backup {
                    false => e.with_note("add --no-backup to delete without a copy"),
                    true => e,
                }
            })?;
        match done.copy {
            Some(path) => writeln!(
                out,
                "Deleted entry {id} for good. A copy of the journal from just before is {} (kept with the automatic backups until it rolls off; delete it to leave no copy).",
                path.display()
            )?,
            None => writeln!(out, "Deleted entry {id} for good; no copy was made.")?,
        }
    } else {
        writeln!(out, "Kept entry {id}.")?;
    }
    out.flush()?;
    Ok(())
}

pub fn restore(session: &Session, args: RestoreArgs) -> Result<()> {
    let r: EntryRef = args.id.parse()?;
    let mut store = session.open_store()?;
    let id = store.resolve(&r)?;
    entries::change(&mut store, &session.clock, id, Change::Restore, None)?;
    let mut out = stdout();
    writeln!(out, "Restored entry {id}.")?;
    out.flush()?;
    Ok(())
}
