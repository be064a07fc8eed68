//! `debrief cpd ID` (an entry as it would read as a CPD record; nothing is kept), `cpd
//! record ID` and `cpd remove ID` (make and unmake one), `cpd status` (the registration year
//! as the regulator would see it) and `cpd list`. The rules are `journal::cpd`'s.

use std::io::Write;
use std::path::PathBuf;

use clap::{Args, Subcommand};

use super::output::{check_new_file, stdout, write_json, write_new_file};
use crate::domain::EntryRef;
use crate::domain::cpd::{RegistrationYear, Requirement};
use crate::journal::cpd::{self as rules, YearStatus};
use crate::session::Session;
use crate::{Error, Result};

#[derive(Debug, Args)]
#[command(args_conflicts_with_subcommands = true)]
pub struct CpdArgs {
    #[command(subcommand)]
    pub what: Option<CpdWhat>,
    /// The reflection or learning activity to show as a record (its number or UUID).
    #[arg(value_name = "ID")]
    pub id: Option<String>,
    /// (Only with `cpd record`: a peer reflection is kept with a record.)
    #[arg(long, value_name = "TEXT", hide = true)]
    pub peer: Option<String>,
    #[command(flatten)]
    pub shape: Shape,
}

/// How a record is shown.
#[derive(Debug, Args)]
pub struct Shape {
    /// Markdown headings instead of plain text.
    #[arg(long)]
    pub markdown: bool,
    /// Write the record to this file (a new file: an existing one is never replaced).
    #[arg(short = 'o', long = "output", value_name = "FILE")]
    pub output: Option<PathBuf>,
    /// Print JSON instead of text.
    #[arg(long)]
    pub json: bool,
}

#[derive(Debug, Subcommand)]
pub enum CpdWhat {
    /// Make a reflection or learning activity a CPD record (for the registration year of
    /// its date), and show it.
    Record {
        #[arg(value_name = "ID")]
        id: String,
        /// What you learnt from discussing it with a peer (kept with the record).
        #[arg(long, value_name = "TEXT")]
        peer: Option<String>,
        #[command(flatten)]
        shape: Shape,
    },
    /// Unmake a CPD record (the entry stays as it is).
    Remove {
        #[arg(value_name = "ID")]
        id: String,
    },
    /// A registration year (the current one, or the one ending in YEAR): deadline, the
    /// complete records, what is missing.
    Status {
        #[arg(long, value_name = "YEAR")]
        year: Option<i32>,
        #[arg(long)]
        json: bool,
    },
    /// The records of a registration year, by their CPD date, with what each lacks.
    List {
        #[arg(long, value_name = "YEAR")]
        year: Option<i32>,
        #[arg(long)]
        json: bool,
    },
}

pub fn run(session: &Session, args: CpdArgs) -> Result<()> {
    let (config, warning) = session.load_config();
    if let Some(w) = warning {
        // The requirement decides what status says: a setting that could not be read is named.
        super::output::note(format_args!("debrief: {w}"));
    }
    let requirement = config.cpd;
    match (args.what, &args.id) {
        (Some(CpdWhat::Record { id, peer, shape }), _) => record(session, &id, peer, &shape),
        (Some(CpdWhat::Remove { id }), _) => remove(session, &id),
        (Some(CpdWhat::Status { year, json }), _) => status(session, &requirement, year, json),
        (Some(CpdWhat::List { year, json }), _) => list(session, &requirement, year, json),
        (None, Some(_)) if args.peer.is_some() => Err(Error::invalid(
            "peer",
            "a peer reflection is kept with a record: `debrief cpd record ID --peer \"...\"`",
        )),
        (None, Some(id)) => preview(session, id, &args.shape),
        (None, None) => Err(Error::invalid(
            "cpd",
            "give the entry to show as a CPD record (debrief cpd 12), or `debrief cpd record 12`, `debrief cpd status`, `debrief cpd list`",
        )),
    }
}

/// How the entry would read as a record; nothing is kept.
fn preview(session: &Session, id: &str, shape: &Shape) -> Result<()> {
    let r: EntryRef = id.parse()?;
    if let Some(path) = &shape.output {
        check_new_file(path)?;
        crate::outfile::remove_on_signal();
    }
    let store = session.open_store_to_read()?;
    let id = store.resolve(&r)?;
    let record = rules::preview(&store, id, None)?;
    if store.cpd_mark(id)?.is_none() {
        super::output::note(format_args!(
            "debrief: entry {id} is not a CPD record yet: `debrief cpd record {id}` makes it one"
        ));
    }
    show(id, &record, shape)
}

fn record(session: &Session, id: &str, peer: Option<String>, shape: &Shape) -> Result<()> {
    let r: EntryRef = id.parse()?;
    if let Some(path) = &shape.output {
        check_new_file(path)?;
        crate::outfile::remove_on_signal();
    }
    let mut store = session.open_store()?;
    let id = store.resolve(&r)?;
    let made = rules::record(&mut store, &session.clock, id, peer.as_deref())?;
    let missing = made.missing();
    super::output::note(format_args!(
        "debrief: entry {id} is a CPD record for the registration year of {}{}",
        made.record.date.format("%-d %B %Y"),
        match missing.is_empty() {
            true => String::new(),
            false => format!(
                "; it does not count until its {} is written (`debrief edit {id}`)",
                missing.join(" and ")
            ),
        }
    ));
    show(id, &made.record, shape)
}

fn show(
    id: crate::domain::EntryId,
    record: &crate::domain::cpd::CpdRecord,
    shape: &Shape,
) -> Result<()> {
    let mut out = stdout();
    if shape.json {
        return write_json(&mut out, record);
    }
    let text = record.render(shape.markdown);
    match &shape.output {
        Some(path) => {
            write_new_file(path, &text)?;
            writeln!(
                out,
                "CPD record from entry {id} written to {}.",
                path.display()
            )?;
        }
        None => write!(out, "{text}")?,
    }
    out.flush()?;
    Ok(())
}

fn remove(session: &Session, id: &str) -> Result<()> {
    let r: EntryRef = id.parse()?;
    let mut store = session.open_store()?;
    let id = store.resolve(&r)?;
    rules::remove(&mut store, id)?;
    let mut out = stdout();
    writeln!(
        out,
        "Entry {id} is no longer a CPD record (the entry is kept)."
    )?;
    out.flush()?;
    Ok(())
}

/// The year `--year` names (the one ending in it), or the current one.
fn year_of(session: &Session, requirement: &Requirement, year: Option<i32>) -> Result<YearStatus> {
    if let Some(y) = year.filter(|y| !(1900..=2200).contains(y)) {
        return Err(Error::invalid(
            "year",
            format!("{y} is not a registration year: give the year it ends in, e.g. --year 2026"),
        ));
    }
    let store = session.open_store_to_read()?;
    let year = year
        .map(|y| {
            requirement
                .start()
                .map(|s| RegistrationYear::ending_in(y, s))
        })
        .transpose()?;
    rules::year_status(&store, &session.clock, requirement, year)
}

fn status(
    session: &Session,
    requirement: &Requirement,
    year: Option<i32>,
    json: bool,
) -> Result<()> {
    let s = year_of(session, requirement, year)?;
    let (complete, with_peer) = s.counts();
    let days = s.year.days_left(s.today);
    let mut out = stdout();
    if json {
        return write_json(
            &mut out,
            &serde_json::json!({
                "year": { "first": s.year.first, "last": s.year.last },
                "deadline": s.year.last,
                "days_left": days,
                "closed": s.closed(),
                "records": s.records.len(),
                "complete": complete,
                "with_peer": with_peer,
                "met": s.met(),
                "missing": s.gaps(),
                "required": { "records": requirement.records, "with_peer": requirement.with_peer },
            }),
        );
    }
    writeln!(
        out,
        "Registration year {} to {}",
        s.year.first.format("%-d %B %Y"),
        s.year.last.format("%-d %B %Y")
    )?;
    match days {
        d if d < 0 => writeln!(
            out,
            "This year closed on {}.",
            s.year.last.format("%A %-d %B %Y")
        )?,
        d => writeln!(
            out,
            "Deadline: {} ({} left)",
            s.year.last.format("%A %-d %B %Y"),
            match d {
                0 => "today".to_string(),
                1 => "1 day".to_string(),
                n => format!("{n} days"),
            }
        )?,
    }
    writeln!(
        out,
        "Complete records dated this year: {complete} of {}; with a written peer reflection: {with_peer} of {} ({} made in all)",
        requirement.records,
        requirement.with_peer,
        s.records.len()
    )?;
    match s.met() {
        true => writeln!(
            out,
            "The requirement is met by these records, as debrief reads it; check Social Work England's current rules before you submit."
        )?,
        false => {
            writeln!(out, "Still missing:")?;
            for gap in s.gaps() {
                writeln!(out, "  - {gap}")?;
            }
        }
    }
    out.flush()?;
    Ok(())
}

fn list(session: &Session, requirement: &Requirement, year: Option<i32>, json: bool) -> Result<()> {
    let s = year_of(session, requirement, year)?;
    let mut out = stdout();
    if json {
        let rows: Vec<serde_json::Value> = s
            .records
            .iter()
            .map(|m| {
                serde_json::json!({
                    "entry": m.entry, "date": m.record.date, "made": m.made,
                    "headline": m.record.title, "peer": m.has_peer(),
                    "complete": m.complete(), "missing": m.missing(),
                })
            })
            .collect();
        return write_json(&mut out, &rows);
    }
    if s.records.is_empty() {
        writeln!(
            out,
            "No CPD records dated between {} and {}.",
            s.year.first.format("%-d %b %Y"),
            s.year.last.format("%-d %b %Y")
        )?;
    }
    for m in &s.records {
        let missing = m.missing();
        writeln!(
            out,
            "  {}  #{}  {}{}{}",
            m.record.date.format("%a %-d %b %Y"),
            m.entry,
            crate::text::visible(&m.record.title),
            if m.has_peer() { "  (peer)" } else { "" },
            match missing.is_empty() {
                true => String::new(),
                false => format!("  (no {} yet)", rules::list(&missing)),
            }
        )?;
    }
    out.flush()?;
    Ok(())
}
