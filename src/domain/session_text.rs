//! A supervision note as plain text and back: the structured page `$EDITOR` opens (headers,
//! then `## Agenda`, `## Decisions`, ... sections), and the one-line shapes the command line
//! takes (`support: the Jones visit`, `Book training; owner=me; due=friday`). Pure.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use super::supervision::{self, ActionItem, AgendaItem, Decision, Function, Supervision};
use crate::{Error, Result};

/// Reads a day the user typed: "friday", "2026-12-01".
pub type ReadDay<'a> = &'a dyn Fn(&str) -> Result<NaiveDate>;

/// Reads a day the user typed that comes after the session's own day (given when known):
/// "in 2 weeks" on a session held three weeks ago is a week ago.
pub type ReadDayAfter<'a> = &'a dyn Fn(&str, Option<NaiveDate>) -> Result<NaiveDate>;

/// How days are read: a session's own date leans to the past (`friday` is the last one), a
/// due date or the next session ahead (`friday` is the next one), counted from the session.
#[derive(Clone, Copy)]
pub struct Days<'a> {
    pub past: ReadDay<'a>,
    pub ahead: ReadDayAfter<'a>,
}

/// An agenda item as typed: its text, after the function it serves and a colon when it
/// starts with one (`support: the Jones visit`; Kadushin's and Proctor's names work too).
pub fn agenda_item(typed: &str) -> Result<AgendaItem> {
    let typed = typed.trim();
    let (function, text) = match typed.split_once(':') {
        Some((head, rest)) => match head.parse::<Function>() {
            Ok(f) => (Some(f), rest.trim()),
            Err(_) => (None, typed),
        },
        None => (None, typed),
    };
    if text.is_empty() {
        return Err(Error::invalid(
            "agenda",
            "an agenda item needs some words: --agenda \"support: the Jones visit\"",
        ));
    }
    Ok(AgendaItem::new(text, function))
}

/// An action as typed: what is to be done, then `owner=WHO` and `due=WHEN`, separated by
/// semicolons (`Book the court skills day; owner=me; due=friday`).
pub fn action_item(typed: &str, read_day: ReadDay) -> Result<ActionItem> {
    let mut parts = typed.split(';');
    let text = parts.next().unwrap_or("").trim();
    if text.is_empty() {
        return Err(Error::invalid(
            "action",
            "an action needs a description of what is to be done: --action \"Book the training; owner=me; due=friday\"",
        ));
    }
    let mut action = ActionItem {
        text: text.to_string(),
        ..ActionItem::default()
    };
    for part in parts.map(str::trim).filter(|p| !p.is_empty()) {
        let (key, value) = part.split_once('=').unwrap_or((part, ""));
        let value = value.trim();
        if value.is_empty() {
            return Err(Error::invalid(
                "action",
                format!(
                    "'{}' needs a value: owner=WHO or due=WHEN",
                    part.escape_debug()
                ),
            ));
        }
        match key.trim().to_lowercase().as_str() {
            "owner" | "who" => action.owner = Some(value.to_string()),
            "due" | "by" | "when" => action.due_on = Some(read_day(value)?),
            other => {
                return Err(Error::invalid(
                    "action",
                    format!(
                        "unknown part '{}' of an action: after the text, use owner=WHO and due=WHEN, separated by ;",
                        other.escape_debug()
                    ),
                ));
            }
        }
    }
    Ok(action)
}

/// An action in the shape [`action_item`] reads.
pub fn action_line(a: &ActionItem) -> String {
    let mut line = a.text.clone();
    if let Some(o) = &a.owner {
        line.push_str(&format!("; owner={o}"));
    }
    if let Some(d) = a.due_on {
        line.push_str(&format!("; due={d}"));
    }
    line
}

/// What the editor's page held: the session, its free notes, and what could not be placed
/// (kept in the notes, and said to the user).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Page {
    pub session: Supervision,
    pub notes: String,
    pub problems: Vec<String>,
}

/// The sections of the page, in order, with their headings.
const SECTIONS: [(Section, &str); 6] = [
    (Section::Agenda, "Agenda"),
    (Section::Decisions, "Decisions"),
    (Section::Support, "Support agreed"),
    (Section::Learning, "Learning"),
    (Section::Actions, "Actions"),
    (Section::Notes, "Notes"),
];

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Section {
    Header,
    Agenda,
    Decisions,
    Support,
    Learning,
    Actions,
    Notes,
    /// A heading debrief does not know: its lines go to the notes.
    Unknown,
}

/// The page `$EDITOR` opens for a session (a new one, or `s` with its notes).
pub fn to_page(s: &Supervision, notes: &str) -> String {
    SessionText::of(s).page(Some(notes))
}

/// Read the page back. A date, function or action that cannot be read is an error naming
/// its line; a line or heading debrief does not know is kept in the notes and reported.
pub fn from_page(text: &str, days: Days) -> Result<Page> {
    // Days after the session count from its own day, wherever its Date line is.
    let held = held_on_in(text, days.past);
    let after = |typed: &str| (days.ahead)(typed, held);
    let ahead: ReadDay = &after;
    let mut page = Page::default();
    let mut section = Section::Header;
    let mut support = String::new();
    let mut learning = String::new();
    let mut notes = String::new();
    for (n, raw) in text.lines().enumerate() {
        let line_no = n + 1;
        let at = |e: Error| match e {
            Error::Invalid { field, reason } => Error::Invalid {
                field,
                reason: format!("line {line_no}: {reason}"),
            },
            other => other,
        };
        if let Some(heading) = raw.strip_prefix("## ") {
            let heading = heading.trim();
            section = SECTIONS
                .iter()
                .find(|(_, name)| name.eq_ignore_ascii_case(heading))
                .map(|(s, _)| *s)
                .or_else(|| {
                    heading
                        .eq_ignore_ascii_case("support")
                        .then_some(Section::Support)
                })
                .unwrap_or(Section::Unknown);
            if section == Section::Unknown {
                page.problems.push(format!(
                    "line {line_no}: no section is called '{heading}'; its text is kept in the notes"
                ));
                push_line(&mut notes, &format!("{heading}:"));
            }
            continue;
        }
        if raw.starts_with('#') {
            continue;
        }
        let line = raw.trim();
        match section {
            Section::Header => {
                header(&mut page, line, line_no, &mut notes, days.past, ahead).map_err(at)?
            }
            Section::Agenda => agenda_line(&mut page.session, raw).map_err(at)?,
            Section::Decisions => {
                if let Some(item) = bullet(line) {
                    page.session.decisions.push(Decision::new(item));
                }
            }
            Section::Actions => {
                if let Some(item) = bullet(line) {
                    page.session
                        .actions
                        .push(action_item(item, ahead).map_err(at)?);
                }
            }
            Section::Support => push_line(&mut support, raw),
            Section::Learning => push_line(&mut learning, raw),
            Section::Notes | Section::Unknown => push_line(&mut notes, raw),
        }
    }
    page.session.support = Some(support.trim().to_string()).filter(|s| !s.is_empty());
    page.session.learning = Some(learning.trim().to_string()).filter(|s| !s.is_empty());
    page.notes = notes.trim().to_string();
    page.session.validate()?;
    Ok(page)
}

/// An error about line `n` (from 0) of a section, said as "Actions, line 2: ...".
fn in_section(e: Error, section: &str, n: usize) -> Error {
    match e {
        Error::Invalid { field, reason } => Error::Invalid {
            field,
            reason: format!("{section}, line {}: {reason}", n + 1),
        },
        other => other,
    }
}

fn push_line(text: &mut String, line: &str) {
    text.push_str(line.trim_end());
    text.push('\n');
}

/// An item's text after its bullet, or the line itself; `None` for a blank line.
fn bullet(line: &str) -> Option<&str> {
    let item = line
        .strip_prefix("- ")
        .or_else(|| line.strip_prefix("* "))
        .unwrap_or(line)
        .trim();
    (!item.is_empty() && item != "-").then_some(item)
}

/// The day on the page's Date line (before its first section), if it reads as one.
fn held_on_in(text: &str, past: ReadDay) -> Option<NaiveDate> {
    text.lines()
        .take_while(|l| !l.starts_with("## "))
        .filter_map(|l| l.split_once(':'))
        .find(|(key, _)| {
            matches!(
                key.trim().to_lowercase().as_str(),
                "date" | "held on" | "on"
            )
        })
        .and_then(|(_, value)| past(value.trim()).ok())
}

fn header(
    page: &mut Page,
    line: &str,
    line_no: usize,
    notes: &mut String,
    past: ReadDay,
    ahead: ReadDay,
) -> Result<()> {
    if line.is_empty() {
        return Ok(());
    }
    let Some((key, value)) = line.split_once(':') else {
        page.problems.push(format!(
            "line {line_no}: '{line}' is not 'Name: value'; it is kept in the notes"
        ));
        push_line(notes, line);
        return Ok(());
    };
    let value = value.trim();
    let text = Some(value.to_string()).filter(|v| !v.is_empty());
    let day = |read: ReadDay| text.as_deref().map(read).transpose();
    let s = &mut page.session;
    match key.trim().to_lowercase().as_str() {
        "date" | "held on" | "on" => s.held_on = day(past)?,
        "supervisor" | "with" => s.supervisor = text,
        "type" => {
            s.session_type = text
                .as_deref()
                .map(supervision::session_type)
                .transpose()?
                .map(String::from)
        }
        "next session" | "next" => s.next_on = day(ahead)?,
        other => {
            page.problems.push(format!(
                "line {line_no}: '{other}' is not one of Date, Supervisor, Type, Next session; it is kept in the notes"
            ));
            push_line(notes, line);
        }
    }
    Ok(())
}

fn agenda_line(s: &mut Supervision, raw: &str) -> Result<()> {
    let line = raw.trim();
    if line.is_empty() {
        return Ok(());
    }
    let said = line.strip_prefix('>').map(str::trim);
    match (said, s.agenda.last_mut()) {
        (Some(said), Some(item)) => {
            let d = item.discussion.get_or_insert_with(String::new);
            if !d.is_empty() {
                d.push('\n');
            }
            d.push_str(said);
            Ok(())
        }
        _ => {
            let text = said.unwrap_or(line);
            if let Some(item) = bullet(text) {
                s.agenda.push(agenda_item(item)?);
            }
            Ok(())
        }
    }
}

/// The sections of a supervision note the interface edits as text, one a tab, with the
/// guidance shown above each (our wording).
pub fn sections() -> &'static super::templates::Template {
    static SECTIONS: std::sync::LazyLock<super::templates::Template> = std::sync::LazyLock::new(
        || {
            let stage = |key: &str, title: &str, prompts: &[&str]| super::templates::Stage {
                key: key.into(),
                title: title.into(),
                prompts: prompts.iter().map(|p| (*p).to_string()).collect(),
                maps_to: None,
            };
            super::templates::Template {
                id: "supervision-note".into(),
                name: "Supervision note".into(),
                citation: String::new(),
                stages: vec![
                    stage(
                        "agenda",
                        "Agenda",
                        &[
                            "One item a line. Start it with management:, development:, support: or mediation: to name the function it serves.",
                            "Lines starting with > under an item are what was said about it.",
                        ],
                    ),
                    stage(
                        "decisions",
                        "Decisions",
                        &["One a line: what was decided, and why if that will help later."],
                    ),
                    stage(
                        "support",
                        "Support agreed",
                        &["What support was agreed: wellbeing, workload, time, training."],
                    ),
                    stage(
                        "learning",
                        "Learning",
                        &["What you learned; learning needs; what to read or look for."],
                    ),
                    stage(
                        "actions",
                        "Actions",
                        &[
                            "One a line: what; owner=who; due=when. Owner and due may be left out; friday means the next one.",
                        ],
                    ),
                ],
            }
        },
    );
    &SECTIONS
}

/// A supervision note's fields as typed in the interface, dates and lines not yet read, so
/// a half-typed due date survives in a draft. The list fields hold one item a line, as on the
/// page (`support: the Jones visit`, `> ` lines for what was said; `what; owner=me; due=friday`).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct SessionText {
    pub held_on: String,
    pub supervisor: String,
    pub session_type: String,
    pub next_on: String,
    pub agenda: String,
    pub decisions: String,
    pub support: String,
    pub learning: String,
    pub actions: String,
}

impl SessionText {
    /// The fields of a stored (or new) session.
    pub fn of(s: &Supervision) -> SessionText {
        let opt = |v: &Option<String>| v.clone().unwrap_or_default();
        let mut agenda = String::new();
        for a in &s.agenda {
            match &a.function {
                Some(f) => agenda.push_str(&format!("{f}: {}\n", a.text)),
                None => agenda.push_str(&format!("{}\n", a.text)),
            }
            for line in a.discussion.iter().flat_map(|d| d.lines()) {
                agenda.push_str(&format!("> {line}\n"));
            }
        }
        let lines = |items: Vec<String>| items.join("\n");
        SessionText {
            held_on: s.held_on.map(|d| d.to_string()).unwrap_or_default(),
            supervisor: opt(&s.supervisor),
            session_type: opt(&s.session_type),
            next_on: s.next_on.map(|d| d.to_string()).unwrap_or_default(),
            agenda: agenda.trim_end().to_string(),
            decisions: lines(s.decisions.iter().map(|d| d.text.clone()).collect()),
            support: opt(&s.support),
            learning: opt(&s.learning),
            actions: lines(s.actions.iter().map(action_line).collect()),
        }
    }

    /// Read the fields. An item keeps the id of `base`'s item at the same place (and an
    /// action its status), so editing a line edits that item.
    pub fn read(&self, base: &Supervision, days: Days) -> Result<Supervision> {
        let text = |t: &str| Some(t.trim().to_string()).filter(|t| !t.is_empty());
        let day = |t: &str, read: ReadDay| text(t).as_deref().map(read).transpose();
        // Left empty: the day it had, or today for a new session.
        let held_on = match day(&self.held_on, days.past)? {
            Some(d) => Some(d),
            None => base.held_on.or((days.past)("today").ok()),
        };
        // Days after the session count from its own day.
        let after = |typed: &str| (days.ahead)(typed, held_on);
        let ahead: ReadDay = &after;
        let mut s = Supervision {
            held_on,
            supervisor: text(&self.supervisor),
            session_type: text(&self.session_type)
                .as_deref()
                .map(supervision::session_type)
                .transpose()?
                .map(String::from),
            next_on: day(&self.next_on, ahead)?,
            support: text(&self.support),
            learning: text(&self.learning),
            ..Supervision::default()
        };
        for (n, line) in self.agenda.lines().enumerate() {
            agenda_line(&mut s, line).map_err(|e| in_section(e, "Agenda", n))?;
        }
        s.decisions = self
            .decisions
            .lines()
            .filter_map(bullet)
            .map(Decision::new)
            .collect();
        for (n, line) in self.actions.lines().enumerate() {
            if let Some(item) = bullet(line) {
                let action = action_item(item, ahead).map_err(|e| in_section(e, "Actions", n))?;
                s.actions.push(action);
            }
        }
        for (item, old) in s.agenda.iter_mut().zip(&base.agenda) {
            item.id = old.id;
        }
        for (item, old) in s.decisions.iter_mut().zip(&base.decisions) {
            item.id = old.id;
        }
        for (item, old) in s.actions.iter_mut().zip(&base.actions) {
            item.id = old.id;
            item.status = old.status;
            item.closed = old.closed;
            item.reason = old.reason.clone();
        }
        s.validate()?;
        Ok(s)
    }

    /// The fields as a page, for a rescue file: as typed, without guidance.
    pub fn to_page(&self) -> String {
        self.page(None)
    }

    /// The fields as a page. For the editor (`notes` given) with guidance in comments, list
    /// items after "- ", and the notes section; for a rescue file the fields as typed.
    fn page(&self, notes: Option<&str>) -> String {
        let editor = notes.is_some();
        let guide = |text: &'static str| if editor { text } else { "" };
        // In the editor each item starts with "- "; what was said about one keeps its "> ".
        let items = |text: &str| -> String {
            if !editor {
                return format!("{text}\n");
            }
            text.lines()
                .map(|l| match l.starts_with('>') {
                    true => format!("{l}\n"),
                    false => format!("- {l}\n"),
                })
                .collect()
        };
        let mut out = String::from(guide(
            "# A supervision note. Fill in what you want and leave the rest; lines starting with\n\
             # a single # are left out. Dates: 2026-12-01, 1/12/2026, friday, next tuesday.\n",
        ));
        out.push_str(&format!("Date: {}\n", self.held_on));
        out.push_str(&format!("Supervisor: {}\n", self.supervisor));
        if editor {
            out.push_str(&format!(
                "# Type: {}\n",
                supervision::SESSION_TYPES.join(", ")
            ));
        }
        out.push_str(&format!("Type: {}\n", self.session_type));
        out.push_str(&format!("Next session: {}\n", self.next_on));
        out.push_str("\n## Agenda\n");
        out.push_str(guide(
            "# One item a line after \"- \"; start it with management:, development:,\n\
             # support: or mediation: to name the function it serves. Lines after an item that\n\
             # start with \"> \" are what was said about it.\n",
        ));
        out.push_str(&items(&self.agenda));
        out.push_str("\n## Decisions\n");
        out.push_str(guide("# One a line after \"- \".\n"));
        out.push_str(&items(&self.decisions));
        out.push_str(&format!("\n## Support agreed\n{}\n", self.support));
        out.push_str(&format!("\n## Learning\n{}\n", self.learning));
        out.push_str("\n## Actions\n");
        out.push_str(guide(
            "# One a line: \"- what; owner=who; due=when\" (owner and due may be left out).\n",
        ));
        out.push_str(&items(&self.actions));
        if let Some(notes) = notes {
            out.push_str(&format!("\n## Notes\n{notes}\n"));
        }
        out
    }
}

#[cfg(test)]
mod tests;
