//! What a supervision note adds to the entry form: the session's date, who supervised, the
//! kind of session (arrows, Space or a first letter), the next date, and its sections
//! (agenda, decisions, support, learning, actions) as text a line an item, read on saving.

use ratatui::crossterm::event::KeyCode;
use ratatui_textarea::TextArea;

use super::super::fields::{single_line, text_of};
use super::Stages;
use crate::domain::session_text::{self, SessionText};
use crate::domain::supervision::SESSION_TYPES;
use crate::domain::{Draft, Supervision};

/// The one-line fields of a session.
pub struct SessionRows {
    /// The session as stored (or empty): its items' ids stay with the lines.
    pub base: Supervision,
    pub held_on: TextArea<'static>,
    pub supervisor: TextArea<'static>,
    /// One of [`SESSION_TYPES`], or empty.
    pub session_type: String,
    pub next_on: TextArea<'static>,
}

impl SessionRows {
    /// The rows and sections of `base`, with the fields as typed when a draft has them.
    pub fn of(base: &Supervision, typed: Option<&SessionText>) -> (SessionRows, Stages) {
        let text = typed.cloned().unwrap_or_else(|| SessionText::of(base));
        let rows = SessionRows {
            base: base.clone(),
            held_on: single_line(&text.held_on, "today, or 2026-11-20, last tuesday"),
            supervisor: single_line(&text.supervisor, "optional: who supervised (stays here)"),
            session_type: text.session_type.clone(),
            next_on: single_line(&text.next_on, "optional: 2026-12-18, friday, in 4 weeks"),
        };
        let sections = [
            &text.agenda,
            &text.decisions,
            &text.support,
            &text.learning,
            &text.actions,
        ];
        let stages = Stages {
            template: session_text::sections(),
            areas: sections
                .iter()
                .map(|t| super::super::fields::text_area(t, "one a line (may stay empty)"))
                .collect(),
        };
        (rows, stages)
    }

    /// Write the fields and sections into a draft.
    pub fn fill(&self, d: &mut Draft, stages: &Stages) {
        let area = |i: usize| stages.areas.get(i).map(text_of).unwrap_or_default();
        d.details = crate::domain::Details::Supervision(self.base.clone());
        d.session = Some(SessionText {
            held_on: text_of(&self.held_on),
            supervisor: text_of(&self.supervisor),
            session_type: self.session_type.clone(),
            next_on: text_of(&self.next_on),
            agenda: area(0),
            decisions: area(1),
            support: area(2),
            learning: area(3),
            actions: area(4),
        });
    }

    /// A key on the kind of session: arrows and Space step (through "not said" too), a
    /// letter goes to the next kind starting with it.
    pub fn type_key(&mut self, code: KeyCode) {
        let mut all = vec![""];
        all.extend(SESSION_TYPES);
        let n = all.len();
        let at = all
            .iter()
            .position(|t| *t == self.session_type)
            .unwrap_or(0);
        let next = match code {
            KeyCode::Right | KeyCode::Char(' ') => all[(at + 1) % n],
            KeyCode::Left => all[(at + n - 1) % n],
            KeyCode::Backspace | KeyCode::Delete => "",
            KeyCode::Char(c) => (1..=n)
                .map(|step| all[(at + step) % n])
                .find(|t| t.starts_with(c.to_ascii_lowercase()))
                .unwrap_or(all[at]),
            _ => all[at],
        };
        self.session_type = next.to_string();
    }

    /// The text areas, for the form's cursor handling.
    pub fn areas_mut(&mut self) -> [&mut TextArea<'static>; 3] {
        [&mut self.held_on, &mut self.supervisor, &mut self.next_on]
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_kind_of_session_steps_and_jumps_by_letter() {
        let (mut rows, _) = SessionRows::of(&Supervision::default(), None);
        assert_eq!(rows.session_type, "");
        rows.type_key(KeyCode::Char('p'));
        assert_eq!(rows.session_type, "peer");
        rows.type_key(KeyCode::Right);
        assert_eq!(rows.session_type, "ad hoc");
        rows.type_key(KeyCode::Left);
        rows.type_key(KeyCode::Left);
        assert_eq!(rows.session_type, "group");
        rows.type_key(KeyCode::Backspace);
        assert_eq!(rows.session_type, "");
        rows.type_key(KeyCode::Left);
        assert_eq!(rows.session_type, "live", "round to the last");
    }
}
