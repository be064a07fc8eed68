//! `debrief cpd ID` (a reflection or learning activity as a CPD record, ready to paste into
//! the regulator's form), `debrief cpd status` (the registration year so far) and
//! `debrief cpd list`.

use std::io::Write;
use std::path::PathBuf;

use chrono::{NaiveDate, Utc};
use clap::{Args, Subcommand};

use super::output::{check_new_file, stdout, write_json, write_new_file};
use crate::domain::EntryRef;
use crate::domain::cpd::{CpdRecord, RegistrationYear, Requirement};
use crate::session::Session;
use crate::storage::Store;
use crate::{Error, Result};

#[derive(Debug, Args)]
#[command(args_conflicts_with_subcommands = true)]
pub struct CpdArgs {
    #[command(subcommand)]
    pub what: Option<CpdWhat>,
    /// The reflection or learning activity to make into a record (its number or UUID).
    #[arg(value_name = "ID")]
    pub id: Option<String>,
    /// What you learnt from discussing it with a peer (kept with the record).
    #[arg(long, value_name = "TEXT")]
    pub peer: Option<String>,
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
    /// The current registration year: deadline, days left, records made, the requirement.
    Status {
        #[arg(long)]
        json: bool,
    },
    /// The records made in a registration year (the current one, or the one ending in YEAR).
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
    match (&args.what, &args.id) {
        (Some(CpdWhat::Status { json }), _) => status(session, &requirement, *json),
        (Some(CpdWhat::List { year, json }), _) => list(session, &requirement, *year, *json),
        (None, Some(id)) => record(session, id, &args),
        (None, None) => Err(Error::invalid(
            "cpd",
            "give the entry to make a CPD record from (debrief cpd 12), or `debrief cpd status` or `debrief cpd list`",
        )),
    }
}

fn local_date(session: &Session, at: chrono::DateTime<Utc>) -> NaiveDate {
    session.clock.local(at).date_naive()
}

fn record(session: &Session, id: &str, args: &CpdArgs) -> Result<()> {
    let r: EntryRef = id.parse()?;
    if let Some(path) = &args.output {
        check_new_file(path)?;
        crate::outfile::remove_on_signal();
    }
    let mut store = session.open_store()?;
    let id = store.resolve(&r)?;
    let entry = store.get(id)?;
    let date = local_date(session, entry.meta.created.with_timezone(&Utc));
    // Made before anything is written: only reflections and learning can be records.
    let mut record = CpdRecord::of_entry(&entry, date, None)?;
    let mark = store.mark_cpd(id, session.clock.now(), args.peer.as_deref())?;
    if mark.peer.is_some() {
        record.peer = mark.peer;
    }
    let missing = record.missing();
    if !missing.is_empty() {
        eprintln!(
            "debrief: entry {id} has no {} yet; `debrief edit {id}` adds {}",
            missing.join(" or "),
            if missing.len() == 1 { "it" } else { "them" }
        );
    }
    let mut out = stdout();
    if args.json {
        return write_json(&mut out, &record);
    }
    let text = record.render(args.markdown);
    match &args.output {
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

/// The registration year containing today, or what is wrong with the setting.
fn this_year(session: &Session, requirement: &Requirement) -> Result<RegistrationYear> {
    let today = local_date(session, session.clock.now());
    Ok(RegistrationYear::containing(today, requirement.start()?))
}

/// Records made in `year`, with each entry's headline.
fn marks_in(
    session: &Session,
    store: &Store,
    year: RegistrationYear,
) -> Result<Vec<(crate::storage::CpdMark, String)>> {
    let tz = |d: NaiveDate| {
        session
            .clock
            .start_of_local_day(d.and_hms_opt(12, 0, 0).unwrap_or_default().and_utc())
    };
    let from = tz(year.first);
    let to = tz(year.last.succ_opt().unwrap_or(year.last));
    store
        .cpd_marks(from, to)?
        .into_iter()
        .map(|m| {
            let headline = store.summary(m.entry)?.headline;
            Ok((m, headline))
        })
        .collect()
}

fn status(session: &Session, requirement: &Requirement, json: bool) -> Result<()> {
    let year = this_year(session, requirement)?;
    let store = session.open_store_to_read()?;
    let marks = marks_in(session, &store, year)?;
    let with_peer = marks.iter().filter(|(m, _)| m.peer.is_some()).count();
    let today = local_date(session, session.clock.now());
    let days = year.days_left(today);
    let mut out = stdout();
    if json {
        return write_json(
            &mut out,
            &serde_json::json!({
                "year": { "first": year.first, "last": year.last },
                "deadline": year.last,
                "days_left": days,
                "records": marks.len(),
                "with_peer": with_peer,
                "required": { "records": requirement.records, "with_peer": requirement.with_peer },
            }),
        );
    }
    writeln!(
        out,
        "Registration year {} to {}",
        year.first.format("%-d %B %Y"),
        year.last.format("%-d %B %Y")
    )?;
    writeln!(
        out,
        "Deadline: {} ({} left)",
        year.last.format("%A %-d %B %Y"),
        match days {
            0 => "today".to_string(),
            1 => "1 day".to_string(),
            n => format!("{n} days"),
        }
    )?;
    writeln!(
        out,
        "Records this year: {} of {}; with a peer reflection: {} of {}",
        marks.len(),
        requirement.records,
        with_peer,
        requirement.with_peer
    )?;
    let short = (requirement.records as usize).saturating_sub(marks.len());
    let peer_short = (requirement.with_peer as usize).saturating_sub(with_peer);
    if short > 0 || peer_short > 0 {
        writeln!(
            out,
            "Still to do: {} more record{}{}. `debrief list --kind learning` and `debrief review month` can suggest some.",
            short,
            if short == 1 { "" } else { "s" },
            if peer_short > 0 {
                format!(", {peer_short} with a peer reflection (debrief cpd ID --peer \"...\")")
            } else {
                String::new()
            }
        )?;
    } else {
        writeln!(out, "The requirement is met for this year.")?;
    }
    out.flush()?;
    Ok(())
}

fn list(session: &Session, requirement: &Requirement, year: Option<i32>, json: bool) -> Result<()> {
    let start = requirement.start()?;
    let year = match year {
        Some(y) => RegistrationYear::ending_in(y, start),
        None => this_year(session, requirement)?,
    };
    let store = session.open_store_to_read()?;
    let marks = marks_in(session, &store, year)?;
    let mut out = stdout();
    if json {
        let rows: Vec<serde_json::Value> = marks
            .iter()
            .map(|(m, h)| {
                serde_json::json!({
                    "entry": m.entry, "made": m.made, "headline": h, "peer": m.peer.is_some(),
                })
            })
            .collect();
        return write_json(&mut out, &rows);
    }
    if marks.is_empty() {
        writeln!(
            out,
            "No CPD records made between {} and {}.",
            year.first.format("%-d %b %Y"),
            year.last.format("%-d %b %Y")
        )?;
    }
    for (m, headline) in &marks {
        writeln!(
            out,
            "  {}  #{}  {}{}",
            local_date(session, m.made).format("%a %-d %b %Y"),
            m.entry,
            headline,
            if m.peer.is_some() { "  (peer)" } else { "" }
        )?;
    }
    out.flush()?;
    Ok(())
}
