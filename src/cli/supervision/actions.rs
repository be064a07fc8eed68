//! `debrief supervision actions`, `action ID done|drop|reopen` and `agenda [add|remove]`:
//! what carries from one session to the next.

use std::io::Write;

use clap::{Args, Subcommand, ValueEnum};

use crate::cli::output::{stdout, write_json};
use crate::domain::ItemId;
use crate::domain::sessions::{ActionChange, Actions};
use crate::domain::supervision::Function;
use crate::present::supervision::action_line;
use crate::session::Session;
use crate::{Error, Result};

#[derive(Debug, Args)]
pub struct ActionsArgs {
    /// Only actions past their due date.
    #[arg(long, conflicts_with = "all")]
    pub overdue: bool,
    /// Every action, done and dropped too, newest session first.
    #[arg(long)]
    pub all: bool,
    /// Open actions (the default).
    #[arg(long, conflicts_with_all = ["all", "overdue"])]
    pub open: bool,
    /// Print JSON instead of text.
    #[arg(long)]
    pub json: bool,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum ActionVerb {
    /// It is done.
    Done,
    /// It will not be done (say why with --reason).
    Drop,
    /// Open again.
    Reopen,
}

#[derive(Debug, Args)]
pub struct ActionArgs {
    /// The action's number (as `debrief supervision actions` shows it).
    #[arg(value_name = "ID")]
    pub id: String,
    #[arg(value_name = "done|drop|reopen")]
    pub verb: ActionVerb,
    /// Why it was dropped.
    #[arg(long, value_name = "TEXT")]
    pub reason: Option<String>,
    /// Print the action as JSON.
    #[arg(long)]
    pub json: bool,
}

#[derive(Debug, Args)]
#[command(args_conflicts_with_subcommands = true)]
pub struct AgendaArgs {
    #[command(subcommand)]
    pub what: Option<AgendaWhat>,
    /// Print JSON instead of text.
    #[arg(long)]
    pub json: bool,
}

#[derive(Debug, Subcommand)]
pub enum AgendaWhat {
    /// Put an item on the next session's agenda.
    Add {
        /// What to bring ("the Jones case: a second view on risk").
        #[arg(value_name = "TEXT", required = true)]
        text: Vec<String>,
        /// management, development, support or mediation.
        #[arg(long, value_name = "FUNCTION")]
        function: Option<String>,
    },
    /// Take a queued item off the next agenda (its number as `agenda` shows it).
    Remove {
        #[arg(value_name = "N")]
        id: i64,
    },
}

fn item_id(typed: &str) -> Result<ItemId> {
    typed
        .trim()
        .trim_start_matches('#')
        .parse::<i64>()
        .ok()
        .filter(|n| *n > 0)
        .map(ItemId)
        .ok_or_else(|| {
            Error::invalid(
                "action",
                format!(
                    "'{}' is not an action number: see them with debrief supervision actions",
                    typed.escape_debug()
                ),
            )
        })
}

pub fn list(session: &Session, a: ActionsArgs) -> Result<()> {
    let today = session.clock.local(session.clock.now()).date_naive();
    let which = match (a.all, a.overdue) {
        (true, _) => Actions::All,
        (_, true) => Actions::Overdue(today),
        _ => Actions::Open,
    };
    let store = session.open_store_to_read()?;
    let actions = store.actions(which)?;
    let mut out = stdout();
    if a.json {
        let rows: Vec<serde_json::Value> = actions
            .iter()
            .map(|s| crate::transfer::session_action_json(s, today))
            .collect();
        return write_json(&mut out, &rows);
    }
    if actions.is_empty() {
        let none = match which {
            Actions::Open => "No open actions.",
            Actions::Overdue(_) => "Nothing overdue.",
            Actions::All => "No actions recorded yet: debrief supervision add --action \"...\"",
        };
        writeln!(out, "{none}")?;
    }
    for s in &actions {
        writeln!(out, "{}", action_line(s, today))?;
    }
    out.flush()?;
    Ok(())
}

pub fn change(session: &Session, a: ActionArgs) -> Result<()> {
    let id = item_id(&a.id)?;
    if a.reason.is_some() && a.verb != ActionVerb::Drop {
        return Err(Error::invalid(
            "reason",
            "--reason goes with drop: debrief supervision action ID drop --reason \"...\"",
        ));
    }
    let change = match a.verb {
        ActionVerb::Done => ActionChange::Done,
        ActionVerb::Drop => ActionChange::Dropped {
            reason: a.reason.filter(|r| !r.trim().is_empty()),
        },
        ActionVerb::Reopen => ActionChange::Reopened,
    };
    let mut store = session.open_store()?;
    let changed = store.change_action(id, &change, session.clock.now())?;
    let today = session.clock.local(session.clock.now()).date_naive();
    let mut out = stdout();
    if a.json {
        return write_json(
            &mut out,
            &crate::transfer::session_action_json(&changed, today),
        );
    }
    writeln!(out, "{}", action_line(&changed, today))?;
    out.flush()?;
    Ok(())
}

pub fn agenda(session: &Session, a: AgendaArgs) -> Result<()> {
    match a.what {
        Some(AgendaWhat::Add { text, function }) => {
            // "support: the Jones visit" names its function, as --agenda does.
            let item = crate::domain::session_text::agenda_item(&text.join(" "))?;
            let function = match function.as_deref() {
                Some(f) => Some(f.parse::<Function>()?),
                None => item.function(),
            };
            let mut store = session.open_store()?;
            let n = store.queue_agenda(&item.text, function, session.clock.now())?;
            let mut out = stdout();
            writeln!(out, "On the next agenda as item {n}.")?;
            out.flush()?;
            Ok(())
        }
        Some(AgendaWhat::Remove { id }) => {
            session.open_store()?.unqueue(id)?;
            let mut out = stdout();
            writeln!(out, "Item {id} is off the next agenda.")?;
            out.flush()?;
            Ok(())
        }
        None => show_agenda(session, a.json),
    }
}

fn show_agenda(session: &Session, json: bool) -> Result<()> {
    let store = session.open_store_to_read()?;
    let agenda = crate::review::next_agenda(&store, &session.clock)?;
    let mut out = stdout();
    if json {
        return write_json(&mut out, &agenda_json(&agenda));
    }
    write!(
        out,
        "{}",
        crate::present::supervision::agenda_text(&agenda, &session.clock)
    )?;
    out.flush()?;
    Ok(())
}

/// The next agenda as data.
fn agenda_json(a: &crate::review::prep::NextAgenda) -> serde_json::Value {
    let flagged: Vec<crate::transfer::SummaryRecord> = a.flagged.iter().map(Into::into).collect();
    serde_json::json!({
        "last_session": a.last.map(|l| serde_json::json!({
            "entry": l.id, "held_on": l.held_on, "written": l.written,
        })),
        "open_actions": a
            .open_actions
            .iter()
            .map(|s| crate::transfer::session_action_json(s, a.today))
            .collect::<Vec<_>>(),
        "flagged": flagged,
        "more_flagged": a.more_flagged,
        "queued": a.queued.iter().map(|q| serde_json::json!({
            "id": q.id, "text": q.text, "function": q.function, "added": q.added,
        })).collect::<Vec<_>>(),
    })
}
