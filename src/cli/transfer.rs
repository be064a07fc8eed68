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
use crate::storage::backups::{self, BackupKind};
use crate::storage::{OnConflict, RowOutcome};
use crate::transfer::EntryRecord;
use crate::transfer::bundle::{self, BundleWriter};

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
}

impl Progress {
    fn new(total: usize, verb: &'static str) -> Progress {
        Progress {
            on: total >= 5000 && std::io::stderr().is_terminal(),
            total,
            verb,
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

/// The export formats.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Format {
    Json,
    Markdown,
    Csv,
}

pub fn export(session: &Session, a: ExportArgs) -> Result<()> {
    let format = match a.format.as_str() {
        "json" => Format::Json,
        "md" | "markdown" => Format::Markdown,
        "csv" => Format::Csv,
        other => {
            return Err(crate::Error::invalid(
                "format",
                format!(
                    "unknown export format '{}': use json, md or csv",
                    other.escape_debug()
                ),
            ));
        }
    };
    let filter = if a.filters.any() {
        Some(a.filters.to_filter(session)?)
    } else {
        None
    };
    // Markdown into a folder (one that exists, or a path ending in /): a file an entry.
    let folder = match (&a.output, format) {
        (Some(p), Format::Markdown) => p.is_dir() || p.to_string_lossy().ends_with('/'),
        _ => false,
    };
    if let (Some(path), false) = (&a.output, folder) {
        super::output::check_new_file(path)?;
    }
    let store = session.open_store_to_read()?;
    store.reading(|store| export_from(store, session, &a, format, filter.as_ref(), folder))
}

/// The export itself, inside one read transaction.
fn export_from(
    store: &crate::storage::Store,
    session: &Session,
    a: &ExportArgs,
    format: Format,
    filter: Option<&crate::domain::EntryFilter>,
    folder: bool,
) -> Result<()> {
    let ids = store.ids(filter)?;
    if !a.leave.allow_identifiers && !a.leave.redact {
        guard(store, &ids, format)?;
    }
    let exporter = Exporter {
        store,
        clock: &session.clock,
        ids: &ids,
        redact: a.leave.redact,
        guard: store.guard()?,
        redacted: std::cell::Cell::new(0),
        progress: Progress::new(ids.len(), "Exported"),
    };
    match (&a.output, folder) {
        (Some(dir), true) => exporter.to_folder(dir)?,
        (None, _) => {
            exporter.write(format, &mut stdout())?;
        }
        (Some(path), false) => {
            let count = exporter.to_file(format, path)?;
            let _ = writeln!(
                std::io::stderr(),
                "Exported {count} entries to {}.",
                path.display()
            );
        }
    }
    if a.leave.redact {
        let n = exporter.redacted.get();
        let _ = writeln!(
            std::io::stderr(),
            "{n} identifier{} replaced with their kind or role.",
            if n == 1 { "" } else { "s" }
        );
    }
    Ok(())
}

/// Refuse an export while the text it would carry holds high-severity identifiers (for
/// CSV, which carries no text but titles, only the titles).
fn guard(
    store: &crate::storage::Store,
    ids: &[crate::domain::EntryId],
    format: Format,
) -> Result<()> {
    let exported: std::collections::HashSet<i64> = ids.iter().map(|id| id.0).collect();
    let (found, _) = super::check::find(store, None)?;
    let found: Vec<_> = found
        .into_iter()
        .filter(|f| exported.contains(&f.entry))
        .filter(|f| format != Format::Csv || f.field == "title")
        .collect();
    super::check::refuse_identifiers("export", &found)
}

/// Writes the entries of an export, one at a time.
struct Exporter<'a> {
    store: &'a crate::storage::Store,
    clock: &'a crate::clock::Clock,
    ids: &'a [crate::domain::EntryId],
    redact: bool,
    guard: crate::privacy::Guard,
    redacted: std::cell::Cell<usize>,
    progress: Progress,
}

impl Exporter<'_> {
    /// `text` with its identifiers replaced, when asked, counting them.
    fn cleaned(&self, text: String) -> String {
        if !self.redact {
            return text;
        }
        let (clean, found) = self.guard.redact(&text);
        self.redacted.set(self.redacted.get() + found);
        clean
    }

    fn write(&self, format: Format, out: &mut dyn Write) -> Result<usize> {
        use crate::transfer::flat;
        match format {
            Format::Json => {
                let mut w = BundleWriter::start(out, self.clock.now())?;
                for (i, id) in self.ids.iter().enumerate() {
                    let mut record = EntryRecord::from(&self.store.get(*id)?);
                    if self.redact {
                        self.redacted
                            .set(self.redacted.get() + record.redact(&self.guard));
                    }
                    w.entry(&record)?;
                    self.progress.at(i + 1);
                }
                Ok(w.finish()?.0)
            }
            Format::Markdown => {
                writeln!(out, "# debrief journal\n\n*{}*", bundle::NOTICE)?;
                for (i, id) in self.ids.iter().enumerate() {
                    let e = self.store.get(*id)?;
                    out.write_all(self.cleaned(flat::entry_section(&e, self.clock)).as_bytes())?;
                    self.progress.at(i + 1);
                }
                out.flush()?;
                Ok(self.ids.len())
            }
            Format::Csv => {
                let mut w = flat::csv_writer(out)?;
                for (i, id) in self.ids.iter().enumerate() {
                    let e = self.store.get(*id)?;
                    let title = self.cleaned(e.content.common.title.clone().unwrap_or_default());
                    w.write_record(flat::csv_row(&e, &title))
                        .map_err(flat::csv_error)?;
                    self.progress.at(i + 1);
                }
                w.flush()?;
                Ok(self.ids.len())
            }
        }
    }

    /// Into a new private file; a half-written export is removed.
    fn to_file(&self, format: Format, path: &std::path::Path) -> Result<usize> {
        let file = crate::platform::create_new_private_file(path)?;
        let mut out = std::io::BufWriter::new(file);
        let count = match self.write(format, &mut out) {
            Ok(n) => n,
            Err(e) => {
                drop(out);
                let _ = std::fs::remove_file(path);
                return Err(e);
            }
        };
        out.into_inner().map_err(|e| e.into_error())?.sync_all()?;
        Ok(count)
    }

    /// A Markdown file an entry into `dir` (made private when new); none is written over.
    fn to_folder(&self, dir: &std::path::Path) -> Result<()> {
        // Every name checked before the first file is written: all or nothing.
        for id in self.ids {
            let s = self.store.summary(*id)?;
            super::output::check_new_file(
                &dir.join(crate::transfer::flat::file_name(s.created, *id)),
            )?;
        }
        crate::storage::create_private_dir(dir)?;
        for (i, id) in self.ids.iter().enumerate() {
            let e = self.store.get(*id)?;
            let path = dir.join(crate::transfer::flat::file_name(e.meta.created, *id));
            let text = self.cleaned(crate::transfer::flat::entry_file(&e, self.clock));
            super::output::write_new_file(&path, &text)?;
            self.progress.at(i + 1);
        }
        let _ = writeln!(
            std::io::stderr(),
            "Exported {} entries to {}, a file each.",
            self.ids.len(),
            dir.display()
        );
        Ok(())
    }
}

/// A bundle's entries as rows; one that does not fit its kind refuses the whole file.
fn bundle_rows(text: &str, name: &str) -> Result<Vec<crate::storage::ImportRow>> {
    bundle::read(text, name)?
        .into_iter()
        .enumerate()
        .map(|(i, r)| {
            let uuid = r.uuid;
            r.into_row().map_err(|e| {
                crate::Error::invalid(
                    "bundle",
                    format!("{name} entry {} ({uuid}): {e}; nothing was imported", i + 1),
                )
            })
        })
        .collect()
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
    let text = std::fs::read_to_string(&a.file).map_err(|e| {
        crate::Error::invalid(
            "file",
            format!("cannot read {name}: {e}; nothing was imported"),
        )
    })?;
    let rows = match a.format.as_str() {
        "jrnl" => {
            let clock = &session.clock;
            crate::transfer::jrnl::read(&text, &name, clock, clock.now())?
        }
        _ => bundle_rows(&text, &name)?,
    };
    drop(text);
    let mut store = session.open_store()?;
    if !a.dry_run && store.count_entries()? > 0 {
        let before = backups::name(
            &session.paths.backups,
            BackupKind::BeforeImport,
            session.clock.now(),
        );
        store.backup_to(&before)?;
        let keep = session.load_config().0.backups.keep;
        backups::roll(&session.paths.backups, keep)?;
    }
    let progress = Progress::new(rows.len(), "Read");
    progress.at(rows.len());
    // jrnl cannot say when an entry last changed: one already here stays as it is.
    let on_conflict = match a.format.as_str() {
        "jrnl" => OnConflict::Skip,
        _ => OnConflict::KeepNewer,
    };
    let report = store.import(rows, on_conflict, a.dry_run)?;
    let mut outcome = Outcome {
        dry_run: a.dry_run,
        ..Outcome::default()
    };
    for (i, row) in report.rows.iter().enumerate() {
        match row {
            RowOutcome::Added(_) => outcome.added += 1,
            RowOutcome::Updated(_) => outcome.updated += 1,
            RowOutcome::Skipped(_) => outcome.skipped += 1,
            RowOutcome::Rejected(why) => outcome.rejected.push((i + 1, why.clone())),
        }
    }
    let mut out = stdout();
    if a.json {
        return write_json(&mut out, &outcome);
    }
    for (at, why) in &outcome.rejected {
        writeln!(out, "entry {at} of {name} rejected: {why}")?;
    }
    let (verb, tail) = if a.dry_run {
        ("Would import", " Nothing was changed (--dry-run).")
    } else {
        ("Imported", "")
    };
    writeln!(
        out,
        "{verb} {name}: {} added, {} updated, {} skipped (already there, not newer), {} rejected.{tail}",
        outcome.added,
        outcome.updated,
        outcome.skipped,
        outcome.rejected.len()
    )?;
    out.flush()?;
    Ok(())
}
