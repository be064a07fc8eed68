//! `debrief delete` and `debrief restore`: the trash, and purging for good.

use std::io::{BufRead, IsTerminal, Write};

use clap::Args;

use super::Context;
use crate::domain::EntryRef;

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
}

#[derive(Debug, Args)]
pub struct RestoreArgs {
    /// The entry: its number from `debrief list --trash`, or its UUID.
    #[arg(value_name = "ID")]
    pub id: String,
}

pub fn run(ctx: &Context, args: DeleteArgs) -> anyhow::Result<()> {
    let r: EntryRef = args.id.parse()?;
    let mut store = ctx.open_store()?;
    let id = store.resolve(&r)?;
    if !args.purge {
        store.trash(id, ctx.clock.now())?;
        println!("Moved entry {id} to the trash (bring it back with: debrief restore {id}).");
        return Ok(());
    }
    if !args.yes
        && !confirm(&format!(
            "Delete entry {id} for good? This cannot be undone. [y/N] "
        ))?
    {
        println!("Kept entry {id}.");
        return Ok(());
    }
    store.purge(id)?;
    println!("Deleted entry {id} for good.");
    Ok(())
}

pub fn restore(ctx: &Context, args: RestoreArgs) -> anyhow::Result<()> {
    let r: EntryRef = args.id.parse()?;
    let mut store = ctx.open_store()?;
    let id = store.resolve(&r)?;
    store.restore(id)?;
    println!("Restored entry {id}.");
    Ok(())
}

/// Ask a yes/no question on the terminal; refuses to guess when there is no terminal.
fn confirm(question: &str) -> anyhow::Result<bool> {
    let stdin = std::io::stdin();
    if !stdin.is_terminal() {
        anyhow::bail!("refusing to delete for good without confirmation: add --yes");
    }
    eprint!("{question}");
    std::io::stderr().flush()?;
    let mut answer = String::new();
    stdin.lock().read_line(&mut answer)?;
    Ok(matches!(answer.trim().to_lowercase().as_str(), "y" | "yes"))
}
