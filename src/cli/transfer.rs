//! `debrief export` (a bundle of whole entries, one at a time, to standard output or a new
//! private file) and `debrief import FILE` (a bundle, matched by UUID, in one transaction,
//! after a backup), with progress on standard error for long runs on a terminal.

use std::io::{IsTerminal, Write};
use std::path::PathBuf;

use clap::Args;
use serde::Serialize;

use super::filters::FilterArgs;
use super::output::{stdout, write_json};
use crate::Result;
use crate::session::Session;
use crate::storage::backups::BackupKind;
use crate::storage::{Incoming, OnConflict, RowOutcome};
use crate::transfer::export::{self, Exporter, Format, Leave};
use crate::transfer::incoming;

#[derive(Debug, Args)]
pub struct ExportArgs {
    /// The format: json (a debrief bundle, which `debrief import` reads back), md (readable;
    /// with -o DIR/ a file an entry with YAML front matter) or csv (one row an entry, no text
    /// but titles).
    #[arg(long, value_name = "FORMAT", default_value = "json")]
    pub format: String,
    /// Write to this new file (created private; never over an existing one) instead of
    /// standard output.
    #[arg(short = 'o', long, value_name = "PATH")]
    pub output: Option<PathBuf>,
    /// Without filters, every entry, the trash included.
    #[command(flatten)]
    pub filters: FilterArgs,
    #[command(flatten)]
    pub leave: super::check::LeaveArgs,
}

#[derive(Debug, Args)]
pub struct ImportArgs {
    /// The file to bring in: a bundle from `debrief export`.
    #[arg(value_name = "FILE")]
    pub file: PathBuf,
    /// What the file is: debrief (a bundle) or jrnl (jrnl's `--format json` export).
    #[arg(long, value_name = "FORMAT", default_value = "debrief")]
    pub format: String,
    /// Say what would be added, updated, skipped and rejected, and change nothing.
    #[arg(long)]
    pub dry_run: bool,
    /// Print JSON instead of text.
    #[arg(long)]
    pub json: bool,
}

/// Show progress on standard error only for long runs, and only to a person.
struct Progress {
    on: bool,
    total: usize,
    verb: &'static str,
    /// Entries so far, when counting without knowing how many will come.
    seen: std::cell::Cell<usize>,
}

impl Progress {
    fn new(total: usize, verb: &'static str) -> Progress {
        Progress {
            on: total >= 5000 && std::io::stderr().is_terminal(),
            total,
            verb,
            seen: std::cell::Cell::new(0),
        }
    }

    /// Counting entries as they come (how many is not known ahead), shown when `large`.
    fn counting(large: bool, verb: &'static str) -> Progress {
        Progress {
            on: large && std::io::stderr().is_terminal(),
            ..Progress::new(0, verb)
        }
    }

    fn step(&self) {
        let n = self.seen.get() + 1;
        self.seen.set(n);
        if self.on && n.is_multiple_of(1000) {
            eprint!("\r{} {n} entries read", self.verb);
        }
    }

    fn done(&self) {
        if self.on && self.seen.get() >= 1000 {
            eprintln!("\r{} {} entries read", self.verb, self.seen.get());
        }
    }

    fn at(&self, done: usize) {
        if self.on && (done.is_multiple_of(1000) || done == self.total) {
            eprint!("\r{} {done} of {} entries", self.verb, self.total);
            if done == self.total {
                eprintln!();
            }
        }
    }
}

pub fn export(session: &Session, a: ExportArgs) -> Result<()> {
    let format = Format::parse(&a.format)?;
    let filter = if a.filters.any() {
        Some(a.filters.to_filter(session)?)
    } else {
        None
    };
    if let Some(path) = &a.output {
        if !export::is_folder(format, path) {
            super::output::check_new_file(path)?;
        }
        crate::outfile::remove_on_signal();
    }
    let store = session.open_store_to_read()?;
    store.reading(|store| export_from(store, session, &a, format, filter.as_ref()))
}

/// The export itself, inside one read transaction.
fn export_from(
    store: &crate::storage::Store,
    session: &Session,
    a: &ExportArgs,
    format: Format,
    filter: Option<&crate::domain::EntryFilter>,
) -> Result<()> {
    let ids = store.ids(filter)?;
    let leave = a.leave.leave();
    let progress = Progress::new(ids.len(), "Exported");
    let at = |done| progress.at(done);
    let clock = &session.clock;
    let redacted = match &a.output {
        Some(path) => match export::export_to(
            store,
            clock,
            &ids,
            export::Destination {
                format,
                path,
                leave,
                whole_journal: filter.is_none(),
            },
            &at,
        )? {
            export::Outcome::Refused(found) => {
                return super::check::refuse_identifiers("export", &found);
            }
            export::Outcome::Written(w) => {
                let each = if w.folder { ", a file each" } else { "" };
                super::output::note(format_args!(
                    "Exported {} to {}{each}.",
                    crate::text::count(w.count, "entry", "entries"),
                    path.display()
                ));
                w.redacted
            }
        },
        None => {
            if leave == Leave::Refuse {
                let found = export::identifiers(store, &ids, format, filter.is_none())?;
                super::check::refuse_identifiers("export", &found)?;
            }
            let redact = (leave == Leave::Redact)
                .then(|| store.guard())
                .transpose()?;
            let mut exporter = Exporter::new(store, clock, &ids, redact, &at);
            exporter.whole_journal = filter.is_none();
            let mut out = stdout();
            match format {
                Format::Json => exporter.write(format, &mut out.json())?,
                _ => exporter.write(format, &mut out)?,
            };
            out.flush()?;
            exporter.redacted()
        }
    };
    if leave == Leave::Redact {
        let _ = writeln!(
            std::io::stderr(),
            "{redacted} identifier{} replaced with their kind or role.",
            if redacted == 1 { "" } else { "s" }
        );
    }
    Ok(())
}

/// Read the bundle at `path` on a thread of its own, sending each entry (a row, or why it
/// cannot come in) as soon as it is read (at most a few hundred wait at a time, so the file
/// is never held whole), then the error that stopped the reading, if one did; `rows` gets
/// what is sent.
fn read_bundle_into(
    file: std::fs::File,
    name: &str,
    now: chrono::DateTime<chrono::Utc>,
    rows: std::sync::mpsc::SyncSender<Result<Incoming>>,
) {
    let send = |item: Incoming| {
        // The import stopped (a write failed): stop reading too.
        rows.send(Ok(item))
            .map_err(|_| crate::Error::Conflict("the import stopped".into()))
    };
    let read = incoming::read_bundle(std::io::BufReader::new(file), name, now, send);
    if let Err(e) = read {
        let _ = rows.send(Err(e));
    }
}

/// Import the bundle `file`, read as a stream on a thread of its own, in one transaction;
/// progress on standard error for a large file on a terminal.
fn import_bundle(
    store: &mut crate::storage::Store,
    file: std::fs::File,
    name: &str,
    now: chrono::DateTime<chrono::Utc>,
    dry_run: bool,
) -> Result<crate::storage::ImportReport> {
    let large = file.metadata().map(|m| m.len()).unwrap_or(0) > 5_000_000;
    let progress = Progress::counting(large, "Importing:");
    let (send, receive) = std::sync::mpsc::sync_channel(256);
    std::thread::scope(|s| {
        s.spawn(|| read_bundle_into(file, name, now, send));
        let rows = receive.into_iter().inspect(|_| progress.step());
        let report = store.import_stream(rows, OnConflict::KeepNewer, dry_run);
        progress.done();
        report
    })
}

/// What an import did (or would do).
#[derive(Debug, Default, Serialize)]
struct Outcome {
    dry_run: bool,
    added: usize,
    updated: usize,
    skipped: usize,
    /// (position in the file, from 1; why).
    rejected: Vec<(usize, String)>,
    /// (position in the file, from 1; the earlier position it is the same as): jrnl entries
    /// with the same date, time and text, brought in once.
    merged: Vec<(usize, usize)>,
    /// Items put on the next supervision agenda.
    queued: usize,
}

pub fn import(session: &Session, a: ImportArgs) -> Result<()> {
    if !matches!(a.format.as_str(), "debrief" | "jrnl") {
        return Err(crate::Error::invalid(
            "format",
            format!(
                "unknown import format '{}': use debrief or jrnl",
                a.format.escape_debug()
            ),
        ));
    }
    let name = a.file.display().to_string();
    let cannot_read = |e: std::io::Error| {
        crate::Error::invalid(
            "file",
            format!("cannot read {name}: {e}; nothing was imported"),
        )
    };
    let file = std::fs::File::open(&a.file).map_err(cannot_read)?;
    let jrnl = match a.format.as_str() {
        "jrnl" => {
            let text = std::io::read_to_string(&file).map_err(cannot_read)?;
            let clock = &session.clock;
            Some(crate::transfer::jrnl::read(
                &text,
                &name,
                clock,
                clock.now(),
            )?)
        }
        _ => None,
    };
    let mut store = session.open_store()?;
    if !a.dry_run && store.count_entries()? > 0 {
        session.backup_before(&store, BackupKind::BeforeImport)?;
    }
    let report = match jrnl {
        // jrnl cannot say when an entry last changed: one already here stays as it is.
        Some(items) => {
            store.import_stream(items.into_iter().map(Ok), OnConflict::Skip, a.dry_run)?
        }
        None => import_bundle(&mut store, file, &name, session.clock.now(), a.dry_run)?,
    };
    say_outcome(&report, &name, &a)
}

/// What the import did, as text or JSON.
fn say_outcome(report: &crate::storage::ImportReport, name: &str, a: &ImportArgs) -> Result<()> {
    let mut outcome = Outcome {
        dry_run: a.dry_run,
        queued: report.queued,
        ..Outcome::default()
    };
    for (i, row) in report.rows.iter().enumerate() {
        match row {
            RowOutcome::Added(_) => outcome.added += 1,
            RowOutcome::Updated(_) => outcome.updated += 1,
            RowOutcome::Skipped(_) => outcome.skipped += 1,
            RowOutcome::Rejected(why) => outcome.rejected.push((i + 1, why.clone())),
            RowOutcome::Merged(with) => outcome.merged.push((i + 1, *with)),
        }
    }
    let mut out = stdout();
    if a.json {
        return write_json(&mut out, &outcome);
    }
    for (at, why) in &outcome.rejected {
        writeln!(out, "entry {at} of {name} rejected: {why}")?;
    }
    for (at, with) in &outcome.merged {
        writeln!(
            out,
            "entry {at} of {name} is entry {with} again (the same date, time and text): brought in once"
        )?;
    }
    let (verb, tail) = if a.dry_run {
        ("Would import", " Nothing was changed (--dry-run).")
    } else {
        ("Imported", "")
    };
    let queued = match outcome.queued {
        0 => String::new(),
        n => format!(
            "; {} for the next supervision agenda",
            crate::text::count(n, "item", "items")
        ),
    };
    let merged = match outcome.merged.len() {
        0 => String::new(),
        n => format!(", {n} merged (repeated in the file)"),
    };
    writeln!(
        out,
        "{verb} {name}: {} added, {} updated, {} skipped (already there, not newer), {} rejected{merged}{queued}.{tail}",
        outcome.added,
        outcome.updated,
        outcome.skipped,
        outcome.rejected.len()
    )?;
    out.flush()?;
    Ok(())
}
