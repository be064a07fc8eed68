//! Writing entries out of the journal, one at a time: a bundle, Markdown (one file, or a file
//! an entry into a folder) or CSV, into a new private file, with identifiers replaced when
//! asked. Used by `debrief export` and the interface's export; progress goes to a callback.

use std::cell::Cell;
use std::io::Write;
use std::path::Path;

use super::bundle::{self, BundleWriter, QueuedRecord};
use super::record::CpdMarkRecord;
use super::{EntryRecord, flat};
use crate::clock::Clock;
use crate::domain::EntryId;
use crate::privacy::Guard;
use crate::storage::Store;
use crate::{Error, Result};

/// The export formats.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Format {
    Json,
    Markdown,
    Csv,
}

impl Format {
    /// `json`, `md` (or `markdown`) or `csv`.
    pub fn parse(name: &str) -> Result<Format> {
        match name {
            "json" => Ok(Format::Json),
            "md" | "markdown" => Ok(Format::Markdown),
            "csv" => Ok(Format::Csv),
            other => Err(Error::invalid(
                "format",
                format!(
                    "unknown export format '{}': use json, md or csv",
                    other.escape_debug()
                ),
            )),
        }
    }

    pub fn extension(self) -> &'static str {
        match self {
            Format::Json => "json",
            Format::Markdown => "md",
            Format::Csv => "csv",
        }
    }

    /// Whether the guard checks only titles (CSV carries no other text).
    pub fn titles_only(self) -> bool {
        self == Format::Csv
    }
}

/// What to do with identifiers the guard finds in what an export would write.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Leave {
    /// Write nothing while high-severity ones remain.
    Refuse,
    /// Replace each with its kind, or a listed name with its role.
    Redact,
    /// Write them as they are.
    Allow,
}

/// What an export wrote.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Written {
    pub count: usize,
    pub path: std::path::PathBuf,
    /// A file an entry into a folder.
    pub folder: bool,
    pub redacted: usize,
}

/// Whether a Markdown export to `path` is a folder (one that exists, or a path ending in a
/// separator) with a file an entry.
pub fn is_folder(format: Format, path: &Path) -> bool {
    let text = path.to_string_lossy();
    format == Format::Markdown
        && (path.is_dir() || text.ends_with('/') || text.ends_with(std::path::MAIN_SEPARATOR))
}

/// What came of an export to a path.
#[derive(Debug)]
pub enum Outcome {
    Written(Written),
    /// Nothing was written: these identifiers would have left (high-severity among them).
    Refused(Vec<super::leaving::Found>),
}

/// Where and how an export to a path goes.
#[derive(Clone, Copy, Debug)]
pub struct Destination<'p> {
    pub format: Format,
    pub path: &'p Path,
    pub leave: Leave,
    /// Every entry goes: journal-wide things (the agenda queue) go too.
    pub whole_journal: bool,
}

/// Export `ids` to `to` (a new file or, for Markdown, a folder), unless the guard refuses.
/// Run it inside [`Store::reading`] for one consistent state.
pub fn export_to(
    store: &Store,
    clock: &Clock,
    ids: &[EntryId],
    to: Destination<'_>,
    progress: &dyn Fn(usize),
) -> Result<Outcome> {
    let Destination {
        format,
        path,
        leave,
        whole_journal,
    } = to;
    let folder = is_folder(format, path);
    if !folder {
        check_new_file(path)?;
    }
    if leave == Leave::Refuse {
        let found = identifiers(store, ids, format, whole_journal)?;
        if found
            .iter()
            .any(|f| f.severity == crate::privacy::Severity::High)
        {
            return Ok(Outcome::Refused(found));
        }
    }
    let redact = match leave {
        Leave::Redact => Some(store.guard()?),
        _ => None,
    };
    let mut exporter = Exporter::new(store, clock, ids, redact, progress);
    exporter.whole_journal = whole_journal;
    let count = if folder {
        exporter.to_folder(path)?
    } else {
        exporter.to_file(format, path)?
    };
    Ok(Outcome::Written(Written {
        count,
        path: path.to_path_buf(),
        folder,
        redacted: exporter.redacted(),
    }))
}

/// What the guard finds in the text an export of `ids` in `format` would carry.
pub fn identifiers(
    store: &Store,
    ids: &[EntryId],
    format: Format,
    whole_journal: bool,
) -> Result<Vec<super::leaving::Found>> {
    let exported: std::collections::HashSet<i64> = ids.iter().map(|id| id.0).collect();
    let (found, _) = super::leaving::find(store, None)?;
    let mut found: Vec<_> = found
        .into_iter()
        .filter(|f| exported.contains(&f.entry))
        .filter(|f| !format.titles_only() || f.field == "title")
        .collect();
    // The agenda queue goes with a whole bundle.
    if format == Format::Json && whole_journal {
        let guard = store.guard()?;
        for q in store.agenda_queue()? {
            found.extend(
                guard
                    .scan(&q.text)
                    .into_iter()
                    .map(|h| super::leaving::Found::outside("agenda queue", h)),
            );
        }
    }
    Ok(found)
}

/// Writes the entries `ids` of `store`, one at a time.
pub struct Exporter<'a> {
    pub store: &'a Store,
    pub clock: &'a Clock,
    pub ids: &'a [EntryId],
    /// Replace identifiers (by kind, or a listed name by its role) when given.
    pub redact: Option<Guard>,
    /// Called with how many entries are written so far.
    pub progress: &'a dyn Fn(usize),
    /// Every entry is exported: journal-wide things (the agenda queue) go too.
    pub whole_journal: bool,
    redacted: Cell<usize>,
}

impl<'a> Exporter<'a> {
    pub fn new(
        store: &'a Store,
        clock: &'a Clock,
        ids: &'a [EntryId],
        redact: Option<Guard>,
        progress: &'a dyn Fn(usize),
    ) -> Exporter<'a> {
        Exporter {
            store,
            clock,
            ids,
            redact,
            progress,
            whole_journal: true,
            redacted: Cell::new(0),
        }
    }

    /// How many identifiers were replaced so far.
    pub fn redacted(&self) -> usize {
        self.redacted.get()
    }

    /// The items waiting for the next agenda, when the whole journal is exported (cleaned
    /// like the entries).
    fn queue(&self) -> Result<Vec<QueuedRecord>> {
        if !self.whole_journal {
            return Ok(Vec::new());
        }
        Ok(self
            .store
            .agenda_queue()?
            .into_iter()
            .map(|q| QueuedRecord {
                text: self.cleaned(q.text),
                function: q.function,
                added: q.added,
            })
            .collect())
    }

    /// `text` with its identifiers replaced, when asked, counting them.
    fn cleaned(&self, text: String) -> String {
        let Some(guard) = &self.redact else {
            return text;
        };
        let (clean, found) = guard.redact(&text);
        self.redacted.set(self.redacted.get() + found);
        clean
    }

    /// The whole export into `out`; how many entries were written.
    pub fn write(&self, format: Format, out: &mut dyn Write) -> Result<usize> {
        match format {
            Format::Json => {
                let mut w = BundleWriter::start(out, self.clock.now())?;
                for (i, id) in self.ids.iter().enumerate() {
                    let e = self.store.get(*id)?;
                    let mut record = EntryRecord::from(&e);
                    record.cpd = self.store.cpd_mark(*id)?.map(|m| CpdMarkRecord {
                        made: m.made,
                        peer: m.peer,
                    });
                    if e.kind() == crate::domain::Kind::Supervision {
                        record.covered = self.store.covered_uuids(*id)?;
                    }
                    if let Some(guard) = &self.redact {
                        self.redacted
                            .set(self.redacted.get() + record.redact(guard));
                    }
                    w.entry(&record)?;
                    (self.progress)(i + 1);
                }
                Ok(w.finish(&self.queue()?)?.0)
            }
            // The readable formats carry no control character (JSON escapes its own).
            Format::Markdown => {
                let mut out = crate::text::SafeWriter::new(out);
                writeln!(out, "# debrief journal\n\n*{}*", bundle::NOTICE)?;
                for (i, id) in self.ids.iter().enumerate() {
                    let e = self.store.get(*id)?;
                    out.write_all(self.cleaned(flat::entry_section(&e, self.clock)).as_bytes())?;
                    (self.progress)(i + 1);
                }
                out.flush()?;
                Ok(self.ids.len())
            }
            Format::Csv => {
                let mut w = flat::csv_writer(crate::text::SafeWriter::new(out))?;
                for (i, id) in self.ids.iter().enumerate() {
                    let e = self.store.get(*id)?;
                    let title = self.cleaned(e.content.common.title.clone().unwrap_or_default());
                    w.write_record(flat::csv_row(&e, &title))
                        .map_err(flat::csv_error)?;
                    (self.progress)(i + 1);
                }
                w.flush()?;
                Ok(self.ids.len())
            }
        }
    }

    /// Into a new private file, whole or not at all ([`crate::outfile`]): a half-written
    /// export is removed, and none is ever left under the name asked for.
    pub fn to_file(&self, format: Format, path: &Path) -> Result<usize> {
        let new = crate::outfile::NewFile::create(path)?;
        let mut out = std::io::BufWriter::new(new);
        let count = self.write(format, &mut out).map_err(|e| match e {
            Error::Io(io) => crate::outfile::cannot_write(path, &io),
            other => other,
        })?;
        let new = out
            .into_inner()
            .map_err(|e| crate::outfile::cannot_write(path, e.error()))?;
        new.commit()?;
        Ok(count)
    }

    /// A Markdown file an entry into `dir` (made private when new), whole or not at all: into
    /// a working folder first ([`crate::outfile::NewFolder`]); none is written over, and every
    /// name is checked before the first file is written.
    pub fn to_folder(&self, dir: &Path) -> Result<usize> {
        for id in self.ids {
            let s = self.store.summary(*id)?;
            check_new_file(&dir.join(flat::file_name(s.created, *id)))?;
        }
        let mut folder = crate::outfile::NewFolder::create(dir)?;
        for (i, id) in self.ids.iter().enumerate() {
            let e = self.store.get(*id)?;
            let name = flat::file_name(e.meta.created, *id);
            let text = self.cleaned(flat::entry_file(&e, self.clock));
            folder.add(&name, crate::text::file_safe(&text).as_bytes())?;
            (self.progress)(i + 1);
        }
        folder.commit()?;
        Ok(self.ids.len())
    }
}

/// Refuse `path` if it exists: debrief writes only new files, never over an old one.
pub fn check_new_file(path: &std::path::Path) -> crate::Result<()> {
    if path.exists() {
        return Err(crate::Error::invalid(
            "output",
            format!(
                "{} already exists: debrief never replaces a file; give a new name",
                path.display()
            ),
        ));
    }
    Ok(())
}

/// Write `text` (Markdown or plain text: control characters made visible) to a new private
/// file (0600) at `path`, whole or not at all, synced before it returns.
pub fn write_new_file(path: &std::path::Path, text: &str) -> crate::Result<()> {
    crate::outfile::write_whole(path, crate::text::file_safe(text).as_bytes())
}
