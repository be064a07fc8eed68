//! `debrief show`: one entry in full, shaped by [`crate::present`] like the reader's screen.

use std::io::Write;

use clap::Args;

use super::output::{stdout, write_json};
use crate::domain::EntryRef;
use crate::present::{Role, entry_sections};
use crate::session::Session;
use crate::transfer::EntryRecord;

#[derive(Debug, Args)]
pub struct ShowArgs {
    /// The entry: its number from `debrief list`, or its UUID.
    #[arg(value_name = "ID")]
    pub id: String,
    /// Print JSON (see the README's "Machine output").
    #[arg(long)]
    pub json: bool,
}

pub fn run(session: &Session, args: ShowArgs) -> crate::Result<()> {
    let r: EntryRef = args.id.parse()?;
    let store = session.open_store_to_read()?;
    let entry = store.get(store.resolve(&r)?)?;
    let mut out = stdout();
    if args.json {
        return write_json(&mut out, &EntryRecord::from(&entry));
    }
    let painter = super::painter(session);
    for (i, section) in entry_sections(&entry, &session.clock).iter().enumerate() {
        if i > 0 {
            writeln!(out)?;
        }
        if let Some(h) = &section.heading {
            writeln!(out, "{}", painter.paint(h, Role::Heading))?;
        }
        for line in &section.lines {
            writeln!(out, "{}", painter.line(line))?;
        }
    }
    out.flush()?;
    Ok(())
}
