//! Where the keyboard is in the entry form: the one-line rows of each kind, the order Tab
//! moves through, and the text area that has the cursor.

use ratatui_textarea::TextArea;

use super::{EntryForm, Focus, Part};

impl EntryForm {
    /// The one-line fields above the text, in order, with their labels.
    pub fn rows(&self) -> Vec<(Focus, &'static str)> {
        match self.part {
            // Stress and energy say little about a podcast; they stay as they are.
            Part::Learning(..) => vec![
                (Focus::Title, "Title"),
                (Focus::When, "When"),
                (Focus::Activity, "Type"),
                (Focus::Author, "By"),
                (Focus::Link, "Link"),
                (Focus::Time, "Time"),
                (Focus::Tags, "Tags"),
                (Focus::Flags, "Flags"),
            ],
            Part::Session(..) => vec![
                (Focus::Title, "Title"),
                (Focus::Held, "Date"),
                (Focus::Supervisor, "With"),
                (Focus::SessionType, "Type"),
                (Focus::NextOn, "Next"),
                (Focus::Tags, "Tags"),
                (Focus::Flags, "Flags"),
            ],
            _ => vec![
                (Focus::Title, "Title"),
                (Focus::When, "When"),
                (Focus::Tags, "Tags"),
                (Focus::Stress, "Stress"),
                (Focus::Energy, "Energy"),
                (Focus::Flags, "Flags"),
            ],
        }
    }

    /// The order Tab moves through. A learning activity's stages come straight after its
    /// rows, and its free text last, as notes (so no answer lands under the wrong stage).
    pub(super) fn order(&self) -> Vec<Focus> {
        let mut v: Vec<Focus> = self.rows().into_iter().map(|(f, _)| f).collect();
        let stages: Vec<Focus> = match self.part.stages() {
            Some(s) => (0..s.areas.len()).map(Focus::Stage).collect(),
            None => Vec::new(),
        };
        if self.notes_last() {
            v.extend(stages);
            v.push(Focus::Body);
        } else {
            v.push(Focus::Body);
            v.extend(stages);
        }
        v
    }

    /// Whether the free text comes after the stages, named "Notes" (a learning activity).
    pub(crate) fn notes_last(&self) -> bool {
        matches!(self.part, Part::Learning(..))
    }

    pub(super) fn cycle_focus(&mut self, forward: bool) {
        let order = self.order();
        let n = order.len();
        let i = order.iter().position(|f| *f == self.focus).unwrap_or(0);
        self.focus = order[if forward {
            (i + 1) % n
        } else {
            (i + n - 1) % n
        }];
        self.common.stress.blur();
        self.common.energy.blur();
        self.show_cursor();
    }

    /// The text area with the keyboard, if the focus is on one.
    pub fn focused_text(&self) -> Option<&TextArea<'static>> {
        match self.focus {
            Focus::Body => Some(&self.body),
            Focus::Stage(i) => self.part.stages().and_then(|s| s.areas.get(i)),
            other => self.one_line_field(other),
        }
    }

    pub(super) fn focused_text_mut(&mut self) -> Option<&mut TextArea<'static>> {
        match (self.focus, &mut self.part) {
            (Focus::Title, _) => Some(&mut self.common.title),
            (Focus::When, _) => Some(&mut self.common.when),
            (Focus::Tags, _) => Some(&mut self.common.tags),
            (Focus::Body, _) => Some(&mut self.body),
            (Focus::Author, Part::Learning(l, _)) => Some(&mut l.author),
            (Focus::Link, Part::Learning(l, _)) => Some(&mut l.link),
            (Focus::Time, Part::Learning(l, _)) => Some(&mut l.time),
            (Focus::Held, Part::Session(r, _)) => Some(&mut r.held_on),
            (Focus::Supervisor, Part::Session(r, _)) => Some(&mut r.supervisor),
            (Focus::NextOn, Part::Session(r, _)) => Some(&mut r.next_on),
            (Focus::Stage(i), Part::Guided(s) | Part::Learning(_, s) | Part::Session(_, s)) => {
                s.areas.get_mut(i)
            }
            _ => None,
        }
    }

    /// The text area of a one-line field, to draw beside its label.
    pub fn one_line_field(&self, focus: Focus) -> Option<&TextArea<'static>> {
        match (focus, &self.part) {
            (Focus::Title, _) => Some(&self.common.title),
            (Focus::When, _) => Some(&self.common.when),
            (Focus::Tags, _) => Some(&self.common.tags),
            (Focus::Author, Part::Learning(l, _)) => Some(&l.author),
            (Focus::Link, Part::Learning(l, _)) => Some(&l.link),
            (Focus::Time, Part::Learning(l, _)) => Some(&l.time),
            (Focus::Held, Part::Session(r, _)) => Some(&r.held_on),
            (Focus::Supervisor, Part::Session(r, _)) => Some(&r.supervisor),
            (Focus::NextOn, Part::Session(r, _)) => Some(&r.next_on),
            _ => None,
        }
    }

    /// Only the focused text area shows a cursor.
    pub(super) fn show_cursor(&mut self) {
        let cursor = ratatui::style::Style::new().add_modifier(ratatui::style::Modifier::REVERSED);
        let none = ratatui::style::Style::new();
        self.common.title.set_cursor_style(none);
        self.common.when.set_cursor_style(none);
        self.common.tags.set_cursor_style(none);
        self.body.set_cursor_style(none);
        if let Some(s) = self.part.stages_mut() {
            for a in &mut s.areas {
                a.set_cursor_style(none);
            }
        }
        let rows: Vec<&mut TextArea<'static>> = match &mut self.part {
            Part::Learning(l, _) => l.areas_mut().into_iter().collect(),
            Part::Session(r, _) => r.areas_mut().into_iter().collect(),
            _ => Vec::new(),
        };
        for a in rows {
            a.set_cursor_style(none);
        }
        if let Some(t) = self.focused_text_mut() {
            t.set_cursor_style(cursor);
        }
    }
}
