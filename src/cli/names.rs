//! `debrief names`: the list of names never to write. Names are read from standard input
//! (never from the command line, which shells keep in their history) and only their keyed
//! hashes are stored; the list shows roles, never names.

use std::io::{BufRead, IsTerminal, Write};

use clap::{Args, Subcommand};

use super::output::{stdout, write_json};
use crate::session::Session;
use crate::storage::names::NameAdded;
use crate::{Error, Result};

#[derive(Debug, Args)]
pub struct NamesArgs {
    #[command(subcommand)]
    pub command: Option<NamesCommand>,
    /// Print the list as JSON.
    #[arg(long)]
    pub json: bool,
}

#[derive(Debug, Subcommand)]
pub enum NamesCommand {
    /// Put names on the list: typed on the terminal (or piped in), one a line.
    Add {
        /// What to write instead ("the mother", "Child A", "the GP").
        #[arg(long = "as", value_name = "ROLE")]
        role: String,
    },
    /// Take a name off the list, by its number in `debrief names`.
    Remove {
        #[arg(value_name = "N")]
        id: i64,
    },
}

pub fn run(session: &Session, a: NamesArgs) -> Result<()> {
    match a.command {
        None => list(session, a.json),
        Some(NamesCommand::Add { role }) => add(session, &role),
        Some(NamesCommand::Remove { id }) => {
            let mut store = session.open_store()?;
            store.remove_name(id)?;
            let mut out = stdout();
            writeln!(out, "Took name {id} off the list.")?;
            out.flush()?;
            Ok(())
        }
    }
}

fn list(session: &Session, json: bool) -> Result<()> {
    let store = session.open_store_to_read()?;
    let names = store.names()?;
    let mut out = stdout();
    if json {
        return write_json(&mut out, &names);
    }
    if names.is_empty() {
        writeln!(
            out,
            "No names on the list. Add one with: debrief names add --as \"the mother\" (the name is typed, not given on the command line)"
        )?;
    }
    for n in &names {
        writeln!(
            out,
            "{:>3}  {}  ({} word{}, added {})",
            n.id,
            crate::text::visible(&n.role),
            n.words,
            if n.words == 1 { "" } else { "s" },
            session.clock.local(n.added).format("%Y-%m-%d")
        )?;
    }
    out.flush()?;
    Ok(())
}

fn add(session: &Session, role: &str) -> Result<()> {
    if role.trim().is_empty() {
        return Err(Error::invalid(
            "role",
            "--as needs a role to write instead, such as \"the mother\" or \"Child A\"",
        ));
    }
    let mut store = session.open_store()?;
    let stdin = std::io::stdin();
    let person = stdin.is_terminal();
    let mut added = 0;
    let mut lines = stdin.lock();
    loop {
        if person {
            eprint!(
                "Name to write as \"{}\" (kept only as a keyed hash; Enter alone to finish): ",
                crate::text::visible(role)
            );
            std::io::stderr().flush()?;
        }
        let mut line = String::new();
        if lines.read_line(&mut line)? == 0 || (person && line.trim().is_empty()) {
            break;
        }
        if line.trim().is_empty() {
            continue;
        }
        let what = match store.add_name(line.trim(), role, session.clock.now())? {
            NameAdded::Added(n) => format!("Added name {} to the list", n.id),
            NameAdded::Renamed(n) => format!("Name {} was on the list already; its role", n.id),
        };
        super::output::note(format_args!(
            "{what}: written as \"{}\".",
            crate::text::visible(role)
        ));
        added += 1;
    }
    if added == 0 {
        return Err(Error::invalid(
            "name",
            "no name was given: type it when asked, or give a file of names, one a line (debrief names add --as ROLE < FILE)",
        ));
    }
    let mut out = stdout();
    writeln!(
        out,
        "{added} name{} on the list as \"{}\". Find where already written: debrief check --all",
        if added == 1 { "" } else { "s" },
        crate::text::visible(role)
    )?;
    out.flush()?;
    Ok(())
}
