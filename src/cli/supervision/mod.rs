//! `debrief supervision`: record a session (from flags or a structured page in `$EDITOR`),
//! follow its actions across sessions, keep the next agenda, and make the prep pack.

mod actions;
mod prep;

use std::io::Write;

use chrono::{DateTime, NaiveDate, Utc};
use clap::{Args, Subcommand};

use super::output::{stdout, write_json};
use crate::domain::session_text::{self, Page};
use crate::domain::supervision::{self, Supervision};
use crate::domain::{Details, EntryContent, Kind, Tag};
use crate::external_editor::edit_text_in;
use crate::session::Session;
use crate::storage::SaveTarget;
use crate::{Error, Result};

#[derive(Debug, Args)]
pub struct SupervisionArgs {
    #[command(subcommand)]
    pub what: SupervisionWhat,
}

#[derive(Debug, Subcommand)]
pub enum SupervisionWhat {
    /// Record a session: from the flags, or with --editor on a page to fill in.
    #[command(after_help = "Examples:
  debrief supervision add --supervisor Sam --agenda \"support: the Jones visit\" \\
      --decision \"Co-work the next visit\" --action \"Book court skills day; owner=me; due=friday\"
  debrief supervision add --editor          a structured page in your editor
  debrief supervision add --on yesterday --type peer --next \"2026-12-18\"")]
    Add(Box<AddArgs>),
    /// Actions agreed in supervision: open ones (the default), overdue ones, or all.
    Actions(actions::ActionsArgs),
    /// Mark an action done, drop it (with a reason), or reopen it.
    Action(actions::ActionArgs),
    /// What to bring next time: flagged entries, open actions and queued items; or queue one.
    Agenda(actions::AgendaArgs),
    /// The prep pack for the next session, as Markdown.
    Prep(prep::PrepArgs),
}

#[derive(Debug, Args)]
pub struct AddArgs {
    /// When the session was (default today; 2026-11-20, yesterday, last tuesday).
    #[arg(long = "on", value_name = "DATE")]
    pub on: Option<String>,
    /// Who supervised (free text; stays on this computer).
    #[arg(long, value_name = "WHO")]
    pub supervisor: Option<String>,
    /// individual, group, peer, ad hoc or live.
    #[arg(long = "type", value_name = "TYPE")]
    pub session_type: Option<String>,
    /// An agenda item, "FUNCTION: text" to name the function it serves (management,
    /// development, support, mediation). Repeatable.
    #[arg(long, value_name = "ITEM")]
    pub agenda: Vec<String>,
    /// A decision (repeatable).
    #[arg(long, value_name = "TEXT")]
    pub decision: Vec<String>,
    /// The support agreed.
    #[arg(long, value_name = "TEXT")]
    pub support: Option<String>,
    /// What you learned; learning needs.
    #[arg(long, value_name = "TEXT")]
    pub learning: Option<String>,
    /// An action: "what; owner=WHO; due=WHEN" (owner and due may be left out). Repeatable.
    #[arg(long, value_name = "ACTION")]
    pub action: Vec<String>,
    /// When the next session is.
    #[arg(long, value_name = "DATE")]
    pub next: Option<String>,
    /// Notes about the session.
    #[arg(long, value_name = "TEXT")]
    pub notes: Option<String>,
    /// Fill in a structured page in your editor (the flags given are filled in already).
    #[arg(long)]
    pub editor: bool,
    /// A tag (repeatable).
    #[arg(long = "tag", short = 't', value_name = "TAG")]
    pub tags: Vec<String>,
    /// Print {"id": N, "uuid": "..."} instead of a sentence.
    #[arg(long)]
    pub json: bool,
}

pub fn run(session: &Session, args: SupervisionArgs) -> Result<()> {
    match args.what {
        SupervisionWhat::Add(a) => add(session, *a),
        SupervisionWhat::Actions(a) => actions::list(session, a),
        SupervisionWhat::Action(a) => actions::change(session, a),
        SupervisionWhat::Agenda(a) => actions::agenda(session, a),
        SupervisionWhat::Prep(a) => prep::run(session, a),
    }
}

/// Reads a day that is usually ahead (a due date, the next session).
pub(super) fn day_ahead(session: &Session) -> impl Fn(&str) -> Result<NaiveDate> + '_ {
    move |typed: &str| read_day_at(session, typed, true)
}

/// Reads a day as `--at` does (a weekday alone is the last one).
pub(super) fn day_past(session: &Session) -> impl Fn(&str) -> Result<NaiveDate> + '_ {
    move |typed: &str| read_day_at(session, typed, false)
}

fn read_day_at(session: &Session, typed: &str, ahead: bool) -> Result<NaiveDate> {
    let now = crate::clock::to_zoned(session.clock.now(), session.clock.tz());
    crate::domain::when::read_day(typed, &now, session.date_order(), ahead)
}

/// The session the flags describe.
fn from_flags(session: &Session, a: &AddArgs) -> Result<Page> {
    let read_day = day_ahead(session);
    let text = |t: &Option<String>| t.clone().filter(|t| !t.trim().is_empty());
    Ok(Page {
        session: Supervision {
            held_on: None,
            supervisor: text(&a.supervisor),
            session_type: a
                .session_type
                .as_deref()
                .map(supervision::session_type)
                .transpose()?
                .map(String::from),
            agenda: a
                .agenda
                .iter()
                .map(|t| session_text::agenda_item(t))
                .collect::<Result<_>>()?,
            decisions: a
                .decision
                .iter()
                .map(|t| match t.trim() {
                    "" => Err(Error::invalid("decision", "a decision cannot be empty")),
                    t => Ok(supervision::Decision::new(t)),
                })
                .collect::<Result<_>>()?,
            support: text(&a.support),
            learning: text(&a.learning),
            actions: a
                .action
                .iter()
                .map(|t| session_text::action_item(t, &read_day))
                .collect::<Result<_>>()?,
            next_on: a.next.as_deref().map(&read_day).transpose()?,
        },
        notes: a.notes.clone().unwrap_or_default(),
        problems: Vec::new(),
    })
}

/// The day of the session: today, or the day `on` names.
fn session_day(session: &Session, on: Option<&str>) -> Result<NaiveDate> {
    match on {
        None => Ok(session.clock.local(session.clock.now()).date_naive()),
        Some(on) => read_day_at(session, on, false),
    }
}

/// The moment a session's note is dated: now for today's session, the end of the day for an
/// earlier one (so it covers what was flagged that day). A future day is refused.
fn written_for(session: &Session, day: NaiveDate) -> Result<DateTime<Utc>> {
    let clock = &session.clock;
    let now = clock.now();
    let today = clock.local(now).date_naive();
    if day > today {
        return Err(Error::invalid(
            "on",
            format!(
                "{day} is in the future: record a session once it has happened (the next one goes in --next)"
            ),
        ));
    }
    if day == today {
        return Ok(now);
    }
    let when = session.read_date(&day.to_string())?;
    Ok(when.until() - chrono::Duration::seconds(1))
}

fn add(session: &Session, a: AddArgs) -> Result<()> {
    let mut page = from_flags(session, &a)?;
    let held_on = session_day(session, a.on.as_deref())?;
    // A future day is refused before an editor opens.
    written_for(session, held_on)?;
    page.session.held_on = Some(held_on);
    let edited = if a.editor {
        let initial = session_text::to_page(&page.session, &page.notes);
        let edited = edit_text_in(&session.editing_dir(), &initial)?;
        let kept =
            |e: Error| e.with_note(format!("your text is kept in {}", edited.file.display()));
        let (past, ahead) = (day_past(session), day_ahead(session));
        let days = session_text::Days {
            past: &past,
            ahead: &ahead,
        };
        page = session_text::from_page(&edited.text, days).map_err(kept)?;
        // A date taken out of the page is the day given (or today).
        page.session.held_on = page.session.held_on.or(Some(held_on));
        Some(edited)
    } else {
        None
    };
    for p in &page.problems {
        crate::cli::output::note(format_args!("debrief: {p}"));
    }
    let content = EntryContent {
        common: crate::domain::Common {
            body: page.notes.clone(),
            tags: a
                .tags
                .iter()
                .map(|t| Tag::parse(t))
                .collect::<Result<_>>()?,
            ..crate::domain::Common::default()
        },
        details: Details::Supervision(page.session.clone()),
    };
    content.validate()?;
    let written = written_for(session, page.session.held_on.unwrap_or(held_on));
    let saved = written.and_then(|w| save(session, &content, w, a.json));
    // Typed on the command line, the note goes to a rescue file if the journal refuses it.
    let saved = match (&edited, saved) {
        (None, Err(e)) if !matches!(e, Error::Invalid { .. }) => {
            Err(session.rescue(&session_text::to_page(&page.session, &page.notes), e))
        }
        (_, saved) => saved,
    };
    match (saved, edited) {
        (Ok(()), Some(e)) => {
            e.done();
            Ok(())
        }
        (Err(err), Some(e)) => {
            Err(err.with_note(format!("your text is kept in {}", e.file.display())))
        }
        (result, None) => result,
    }
}

fn save(
    session: &Session,
    content: &EntryContent,
    written: DateTime<Utc>,
    json: bool,
) -> Result<()> {
    let clock = &session.clock;
    let mut store = session.open_store()?;
    let waiting = store.agenda_queue()?.len();
    let target = SaveTarget::New {
        created: written,
        utc_offset_s: clock.offset_at(written),
    };
    let id = store.save(target, content, None, clock.now())?;
    let covered = store.covered_by(id)?.len();
    let open = store
        .actions(crate::storage::sessions::Actions::Open)?
        .into_iter()
        .filter(|a| a.session != id)
        .count();
    crate::cli::check::warn_after_saving(&store, id);
    let mut out = stdout();
    if json {
        let summary = store.summary(id)?;
        return write_json(
            &mut out,
            &serde_json::json!({ "id": id, "uuid": summary.uuid }),
        );
    }
    let Details::Supervision(s) = &store.get(id)?.content.details else {
        return Err(Error::Conflict(format!(
            "entry {id} is not a supervision note"
        )));
    };
    let count = |n: usize, one: &str, many: &str| match n {
        1 => format!("1 {one}"),
        n => format!("{n} {many}"),
    };
    let mut parts = vec![
        count(s.agenda.len(), "agenda item", "agenda items"),
        count(s.decisions.len(), "decision", "decisions"),
        count(s.actions.len(), "action", "actions"),
    ];
    if waiting > 0 {
        parts.push(format!(
            "{} from the agenda queue",
            count(waiting, "item", "items")
        ));
    }
    writeln!(
        out,
        "Saved {} {id}: {}.",
        Kind::Supervision.label(),
        parts.join(", ")
    )?;
    if covered > 0 {
        writeln!(
            out,
            "It covers {} flagged for supervision (now unflagged).",
            count(covered, "entry", "entries")
        )?;
    }
    if open > 0 {
        writeln!(
            out,
            "{} from earlier sessions still open: debrief supervision actions",
            count(open, "action", "actions")
        )?;
    }
    out.flush()?;
    Ok(())
}
