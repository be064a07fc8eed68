//! `debrief check [ID|--all] [--json]`: the identifiers of people an entry may hold (NHS and
//! NI numbers, postcodes, phones, emails, birth dates, ages, addresses, reference numbers,
//! titled names), each with what to do; and the warning `add` and `edit` print after saving.

use std::io::Write;

use clap::Args;
use serde::Serialize;

use super::output::{stdout, write_json};
use crate::Result;
use crate::domain::{EntryId, EntryRef};
use crate::privacy::{Hit, HitKind, Severity};
use crate::session::Session;
use crate::storage::Store;

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

/// One identifier found, and where.
#[derive(Clone, Debug, Serialize)]
pub struct Found {
    pub entry: i64,
    pub field: String,
    pub trashed: bool,
    pub kind: HitKind,
    pub severity: Severity,
    pub text: String,
    /// Byte offsets in the field's text.
    pub start: usize,
    pub end: usize,
    pub suggestion: &'static str,
    /// What to write instead, for a name on the list.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub role: Option<String>,
}

impl Found {
    /// A hit in `field` of entry `entry` (0: not an entry's text).
    fn at(entry: i64, field: String, trashed: bool, h: Hit) -> Found {
        Found {
            entry,
            field,
            trashed,
            kind: h.kind,
            severity: h.kind.severity(),
            start: h.span.start,
            end: h.span.end,
            text: h.text,
            suggestion: h.kind.suggestion(),
            role: h.role,
        }
    }

    fn new(t: &crate::storage::texts::Text, h: Hit) -> Found {
        Found::at(t.entry.0, t.field.clone(), t.trashed, h)
    }

    /// A hit in a text that is not an entry's (the prep pack), placed by its line.
    pub fn in_pack(text: &str, h: Hit) -> Found {
        let line = text[..h.span.start.min(text.len())].matches('\n').count() + 1;
        Found::at(0, format!("line {line}"), false, h)
    }

    /// `#12 body: NHS number "943 476 5919" (high): remove it: ...`
    fn line(&self) -> String {
        let severity = match self.severity {
            Severity::High => "high",
            Severity::Medium => "medium",
        };
        format!(
            "#{}{} {}: {} \"{}\" ({severity}): {}{}",
            self.entry,
            if self.trashed { " (in the trash)" } else { "" },
            self.field,
            self.kind.label(),
            crate::text::visible(&self.text),
            self.suggestion,
            match &self.role {
                Some(role) => format!(": \"{}\"", crate::text::visible(role)),
                None => String::new(),
            }
        )
    }
}

/// The identifiers in one entry (`Some`) or in all of them.
pub fn find(store: &Store, only: Option<EntryId>) -> Result<(Vec<Found>, usize)> {
    let mut found = Vec::new();
    let mut entries = std::collections::BTreeSet::new();
    let guard = store.guard()?;
    store.each_text(only, |t| {
        entries.insert(t.entry);
        found.extend(guard.scan(&t.text).into_iter().map(|h| Found::new(&t, h)));
        Ok(())
    })?;
    Ok((found, entries.len()))
}

/// After `add` or `edit`: a warning on standard error for each identifier the entry holds
/// (the entry is saved either way; nothing typed is refused).
pub fn warn_after_saving(store: &Store, id: EntryId) {
    let Ok((found, _)) = find(store, Some(id)) else {
        return;
    };
    let mut err = std::io::stderr().lock();
    for f in &found {
        let _ = writeln!(err, "debrief: warning: may identify someone: {}", f.line());
    }
    if !found.is_empty() {
        let _ = writeln!(
            err,
            "debrief: saved as written; fix with `debrief edit {}`, and see `debrief check {}`",
            id.0, id.0
        );
    }
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

/// Refuse to let `what` leave while `found` holds high-severity identifiers, naming the
/// first few and the ways on.
pub fn refuse_identifiers(what: &str, found: &[Found]) -> Result<()> {
    let high: Vec<&Found> = found
        .iter()
        .filter(|f| f.severity == Severity::High)
        .collect();
    if high.is_empty() {
        return Ok(());
    }
    let named: Vec<String> = high
        .iter()
        .take(3)
        .map(|f| match f.entry {
            0 => format!("{}: {}", f.field, f.kind.label()),
            n => format!("#{n} {}: {}", f.field, f.kind.label()),
        })
        .collect();
    Err(crate::Error::Conflict(format!(
        "{what} refused: {} high-severity identifier{} ({}{}); fix them (`debrief check --all`), add --redact to replace them with their kind, or --allow-identifiers to keep them as written",
        high.len(),
        if high.len() == 1 { "" } else { "s" },
        named.join(", "),
        if high.len() > 3 { ", ..." } else { "" }
    )))
}

pub fn run(session: &Session, a: CheckArgs) -> Result<()> {
    let store = session.open_store_to_read()?;
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
