//! `debrief supervision`: record a session (from flags or a structured page in `$EDITOR`),
//! follow its actions across sessions, keep the next agenda, and make the prep pack.

mod actions;
mod prep;

use std::io::Write;

use chrono::NaiveDate;
use clap::{Args, Subcommand};

use super::output::stdout;
use crate::domain::session_text::{self, Page};
use crate::domain::supervision::{self, Supervision};
use crate::domain::{Details, EntryContent, Kind, Tag};
use crate::external_editor::edit_text_in;
use crate::journal::{self, Dates, Save, Target};
use crate::session::Session;
use crate::text::count;
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
    #[arg(long = "on", value_name = "DATE", allow_hyphen_values = true)]
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
    #[arg(long, value_name = "DATE", allow_hyphen_values = true)]
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

/// The session the flags describe, held on `held_on`: the days after it (the next session,
/// a due date) count from that day.
fn from_flags(dates: &Dates, a: &AddArgs, held_on: NaiveDate) -> Result<Page> {
    let read_day = |typed: &str| dates.day_ahead(typed, Some(held_on));
    let text = |t: &Option<String>| t.clone().filter(|t| !t.trim().is_empty());
    Ok(Page {
        session: Supervision {
            held_on: Some(held_on),
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
            next_on: a.next.as_deref().map(read_day).transpose()?,
        },
        notes: a.notes.clone().unwrap_or_default(),
        problems: Vec::new(),
    })
}

fn add(session: &Session, a: AddArgs) -> Result<()> {
    let dates = session.dates();
    let held_on = match a.on.as_deref() {
        None => dates.today(),
        Some(on) => dates.day_past(on)?,
    };
    // A future day is refused before an editor opens.
    dates.session_moment(held_on)?;
    let mut page = from_flags(&dates, &a, held_on)?;
    let edited = if a.editor {
        let initial = session_text::to_page(&page.session, &page.notes);
        let edited = edit_text_in(&session.editing_dir(), &initial)?;
        let kept =
            |e: Error| e.with_note(format!("your text is kept in {}", edited.file.display()));
        page = dates
            .with_session_days(|days| session_text::from_page(&edited.text, days))
            .map_err(kept)?;
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
    let saved = save(session, content, a.json);
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

fn save(session: &Session, content: EntryContent, json: bool) -> Result<()> {
    let mut store = session.open_store()?;
    let request = Save {
        target: Target::New { at: None },
        content,
        draft: None,
    };
    let saved = journal::save::save(&mut store, &session.clock, request)?;
    crate::cli::saved::warn_identifiers(&saved);
    let mut out = stdout();
    if json {
        return crate::cli::saved::write_id_json(&mut out, &saved);
    }
    let Some(s) = &saved.session else {
        return Err(Error::Conflict(format!(
            "entry {} is not a supervision note",
            saved.id
        )));
    };
    let mut parts = vec![
        count(s.agenda, "agenda item", "agenda items"),
        count(s.decisions, "decision", "decisions"),
        count(s.actions, "action", "actions"),
    ];
    if s.from_queue > 0 {
        parts.push(format!(
            "{} from the agenda queue",
            count(s.from_queue, "item", "items")
        ));
    }
    writeln!(
        out,
        "Saved {} {}: {}.",
        Kind::Supervision.label(),
        saved.id,
        parts.join(", ")
    )?;
    crate::cli::saved::say_session(&mut out, &saved)?;
    out.flush()?;
    Ok(())
}
