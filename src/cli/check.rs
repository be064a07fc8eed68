//! `debrief check [ID|--all] [--json]`: the identifiers of people an entry may hold (NHS and
//! NI numbers, postcodes, phones, emails, birth dates, ages, addresses, reference numbers,
//! titled names), each with what to do; and the warning `add` and `edit` print after saving.

use std::io::Write;

use clap::Args;
use serde::Serialize;

use super::output::{stdout, write_json};
use crate::Result;
use crate::domain::EntryRef;
use crate::privacy::Severity;
use crate::session::Session;
pub use crate::transfer::leaving::{Found, find, refuse_identifiers};

#[derive(Debug, Args)]
pub struct CheckArgs {
    /// The entry to check: its number from `debrief list`, or its UUID.
    #[arg(
        value_name = "ID",
        required_unless_present = "all",
        conflicts_with = "all"
    )]
    pub id: Option<String>,
    /// Check every entry, the trash included.
    #[arg(long)]
    pub all: bool,
    /// Print JSON instead of text.
    #[arg(long)]
    pub json: bool,
}

/// Files beside the journal that an interrupted encrypt or decrypt left and opening it
/// could not remove, and files named like them that nothing shows are debrief's (left
/// alone): one line each, on standard output (standard error with `--json`).
fn report_leftovers(session: &Session, json: bool) -> Result<()> {
    let t = session.tidy_leftovers();
    let lines = t
        .not_removed
        .iter()
        .map(|l| format!("could not remove {l}"))
        .chain(t.left_alone.iter().map(|p| {
            format!(
                "left alone: {} is named like a file of debrief's, but no record shows debrief made it; remove it yourself if you know what it is",
                p.display()
            )
        }));
    let mut out: Box<dyn Write> = match json {
        true => Box::new(std::io::stderr().lock()),
        false => Box::new(stdout()),
    };
    for line in lines {
        writeln!(out, "{}", crate::text::visible_line(&line))?;
    }
    Ok(())
}

/// How text may leave the journal (an export, a prep pack) when the guard finds identifiers.
#[derive(Debug, Clone, Copy, Default, clap::Args)]
pub struct LeaveArgs {
    /// Replace every identifier found with its kind ("[NHS number]") in what is written.
    #[arg(long, conflicts_with = "allow_identifiers")]
    pub redact: bool,
    /// Write identifiers as they are (the guard otherwise refuses while high-severity ones
    /// remain).
    #[arg(long)]
    pub allow_identifiers: bool,
}

impl LeaveArgs {
    pub fn leave(&self) -> crate::transfer::export::Leave {
        use crate::transfer::export::Leave;
        match (self.redact, self.allow_identifiers) {
            (true, _) => Leave::Redact,
            (false, true) => Leave::Allow,
            (false, false) => Leave::Refuse,
        }
    }
}

pub fn run(session: &Session, a: CheckArgs) -> Result<()> {
    let store = session.open_store_to_read()?;
    report_leftovers(session, a.json)?;
    let only = match &a.id {
        Some(typed) => Some(store.resolve(&typed.parse::<EntryRef>()?)?),
        None => None,
    };
    let (found, checked) = find(&store, only)?;
    let mut out = stdout();
    if a.json {
        #[derive(Serialize)]
        struct Report<'a> {
            entries_checked: usize,
            hits: &'a [Found],
        }
        return write_json(
            &mut out,
            &Report {
                entries_checked: checked,
                hits: &found,
            },
        );
    }
    for f in &found {
        writeln!(out, "{}", f.line())?;
    }
    let entries = |n: usize| if n == 1 { "entry" } else { "entries" };
    if found.is_empty() {
        writeln!(
            out,
            "No identifiers found in {checked} {}. Names without a title (\"Jo\") and indirect details (a rare condition, an unusual family) cannot be found this way: read before you share.",
            entries(checked)
        )?;
    } else {
        let with: std::collections::BTreeSet<i64> = found.iter().map(|f| f.entry).collect();
        let high = found
            .iter()
            .filter(|f| f.severity == Severity::High)
            .count();
        writeln!(
            out,
            "{} possible identifier{} ({high} high) in {} of {checked} {}. Nothing was changed: edit the entries to fix them.",
            found.len(),
            if found.len() == 1 { "" } else { "s" },
            with.len(),
            entries(checked)
        )?;
    }
    out.flush()?;
    Ok(())
}
