//! What every command that saves an entry says afterwards: the guard's warnings on standard
//! error, `{"id", "uuid"}` for scripts, and what a new supervision note took over; and
//! saving a new entry a command put together (check-ins, recovery, learning).

use std::io::Write;

use super::output::{Out, stdout, write_json};
use crate::Result;
use crate::domain::{Details, EntryContent};
use crate::journal::{self, Save, Saved, Target};
use crate::session::Session;
use crate::text::count;

/// A warning on standard error for each identifier the saved entry holds (the entry is
/// saved either way; nothing typed is refused).
pub fn warn_identifiers(saved: &Saved) {
    if saved.identifiers.is_empty() {
        return;
    }
    let trashed = saved.summary.deleted.is_some();
    for i in &saved.identifiers {
        let line = i.found(saved.id, trashed).line();
        super::output::note(format_args!(
            "debrief: warning: may identify someone: {line}"
        ));
    }
    let id = saved.id.0;
    super::output::note(format_args!(
        "debrief: saved as written; fix with `debrief edit {id}`, and see `debrief check {id}`"
    ));
}

/// `{"id": N, "uuid": "..."}`.
pub fn write_id_json(out: &mut Out, saved: &Saved) -> Result<()> {
    write_json(
        out,
        &serde_json::json!({ "id": saved.id, "uuid": saved.summary.uuid }),
    )
}

/// For a new supervision note: the flagged entries it covers and the actions of earlier
/// sessions still open.
pub fn say_session(out: &mut impl Write, saved: &Saved) -> Result<()> {
    let Some(s) = &saved.session else {
        return Ok(());
    };
    if s.covered > 0 {
        writeln!(
            out,
            "It covers {} flagged for supervision (now unflagged).",
            count(s.covered, "entry", "entries")
        )?;
    }
    if s.open_elsewhere > 0 {
        writeln!(
            out,
            "{} from earlier sessions still open: debrief supervision actions",
            count(s.open_elsewhere, "action", "actions")
        )?;
    }
    Ok(())
}

/// What the writer typed into an entry (its note or text, and any stage answers), if
/// anything: it must survive a journal that refuses the entry.
fn typed_text(content: &EntryContent) -> Option<String> {
    let mut parts: Vec<&str> = vec![content.common.body.trim()];
    if let Details::Learning(l) = &content.details {
        parts.extend(l.answers.iter().map(|a| a.answer.as_str()));
    }
    let text = parts
        .into_iter()
        .filter(|p| !p.is_empty())
        .collect::<Vec<_>>()
        .join("\n\n");
    Some(text).filter(|t| !t.is_empty())
}

/// Write a new entry and say what was saved, in one line. A note or reflection typed on the
/// command line goes to a rescue file if the journal cannot take it.
pub fn save_new(
    session: &Session,
    content: EntryContent,
    at: Option<&str>,
    json: bool,
) -> Result<()> {
    let dates = session.dates();
    let moment = at.map(|w| dates.written_at(w)).transpose()?;
    let mut store = session.open_store()?;
    let typed = typed_text(&content);
    let label = content.kind().label();
    let request = Save {
        target: Target::New { at: moment },
        content,
        draft: None,
    };
    let saved =
        journal::save::save(&mut store, &session.clock, request).map_err(|e| match &typed {
            None => e,
            Some(text) => session.rescue(text, e),
        })?;
    warn_identifiers(&saved);
    let mut out = stdout();
    if json {
        return write_id_json(&mut out, &saved);
    }
    let what = crate::present::summary::gist_line(&saved.summary);
    let id = saved.id;
    let when = at
        .map(|_| {
            format!(
                ", dated {}",
                session
                    .clock
                    .local(saved.created)
                    .format("%a %-d %b %Y %H:%M")
            )
        })
        .unwrap_or_default();
    match what.is_empty() {
        true => writeln!(out, "Saved {label} {id}{when}.")?,
        false => writeln!(out, "Saved {label} {id}{when}: {what}.")?,
    }
    out.flush()?;
    Ok(())
}
