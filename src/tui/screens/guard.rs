//! After saving: what the confidentiality guard found in the entry, one identifier at a time,
//! with one-key fixes (write the role, write the kind, keep as written). The entry is saved
//! before this shows; every fix is a new save, and the entry is checked again after each.

use std::time::Instant;

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};

use crate::domain::EntryId;
use crate::journal::guard::Fix;
use crate::keys::{Action, ScreenId};
use crate::privacy::HitKind;
use crate::tui::msg::{Effect, Identifier, Msg};
use crate::tui::screen::{Cmd, Ctx, Input, Reply, Screen, View};

/// The identifiers of one saved entry, and what was done about them.
pub struct GuardDialog {
    pub id: EntryId,
    found: Vec<Identifier>,
    /// Identifiers to keep as written (field name and text), left out of what is shown.
    kept: Vec<(String, String)>,
    selected: usize,
    fixed: usize,
    /// A fix is on its way: keys wait for the entry to be checked again.
    waiting: bool,
}

impl GuardDialog {
    pub fn new(id: EntryId, found: Vec<Identifier>) -> GuardDialog {
        GuardDialog {
            id,
            found,
            kept: Vec::new(),
            selected: 0,
            fixed: 0,
            waiting: false,
        }
    }

    /// The identifiers still to decide on.
    fn open(&self) -> Vec<&Identifier> {
        self.found
            .iter()
            .filter(|f| {
                !self
                    .kept
                    .iter()
                    .any(|(field, text)| *field == f.field_name && *text == f.hit.text)
            })
            .collect()
    }

    fn current(&self) -> Option<&Identifier> {
        self.open().get(self.selected).copied()
    }

    /// Close once nothing is left, saying what was done.
    fn close_if_done(&mut self) -> Vec<Cmd> {
        let left = self.open().len();
        if left > 0 {
            self.selected = self.selected.min(left - 1);
            return Vec::new();
        }
        vec![
            Cmd::Pop,
            Cmd::Status(format!(
                "Entry {}: {} fixed, {} kept as written.",
                self.id,
                self.fixed,
                self.kept.len()
            )),
        ]
    }

    fn fix(&mut self, replacement: String, list_name: Option<String>) -> Vec<Cmd> {
        let Some(at) = self.current().cloned() else {
            return Vec::new();
        };
        self.waiting = true;
        self.fixed += 1;
        vec![Cmd::Do(Effect::FixIdentifier(Box::new(Fix {
            id: self.id,
            at,
            replacement,
            list_name,
        })))]
    }

    /// A listed name gets its role; another name asks for one (and goes on the list).
    fn use_role(&mut self) -> Vec<Cmd> {
        let Some(at) = self.current() else {
            return Vec::new();
        };
        match (&at.hit.role, at.hit.kind) {
            (Some(role), _) => {
                let role = role.clone();
                self.fix(role, None)
            }
            (None, HitKind::TitledName) => {
                let question = format!(
                    "Role to write instead of \"{}\" (the name goes on your list):",
                    crate::text::visible(&at.hit.text)
                );
                let prompt =
                    super::prompt::LinePrompt::new(question, "the mother, Child A, the GP")
                        .headed("Names");
                vec![Cmd::Push(Screen::Prompt(Box::new(prompt)))]
            }
            (None, kind) => vec![Cmd::Status(format!(
                "A role is for names; for the {}: g writes its kind, k keeps it.",
                kind.label()
            ))],
        }
    }
}

/// The name without its title ("Mrs Smith" is listed as "Smith", so "Smith" alone is found).
fn without_title(name: &str) -> String {
    let mut words = name.split_whitespace();
    let first = words.next().unwrap_or_default();
    let rest: Vec<&str> = words.collect();
    let title = ["mr", "mrs", "ms", "miss", "mx", "dr"]
        .contains(&first.trim_end_matches('.').to_lowercase().as_str());
    if title && !rest.is_empty() {
        rest.join(" ")
    } else {
        name.to_string()
    }
}

impl View for GuardDialog {
    fn id(&self) -> ScreenId {
        ScreenId::Guard
    }
    fn title(&self) -> String {
        "May identify someone".into()
    }
    fn is_overlay(&self) -> bool {
        true
    }
    fn handle(&mut self, input: Input, _ctx: &Ctx, _now: Instant) -> Vec<Cmd> {
        let Input::Action(action) = input else {
            return Vec::new();
        };
        if self.waiting && action != Action::Back {
            return Vec::new();
        }
        match action {
            Action::Up => self.selected = self.selected.saturating_sub(1),
            Action::Down => {
                self.selected = (self.selected + 1).min(self.open().len().saturating_sub(1))
            }
            Action::UseRole => return self.use_role(),
            Action::Generalise => {
                if let Some(at) = self.current() {
                    let kind = format!("[{}]", at.hit.kind.label());
                    return self.fix(kind, None);
                }
            }
            Action::Keep => {
                if let Some(at) = self.current() {
                    let kept = (at.field_name.clone(), at.hit.text.clone());
                    self.kept.push(kept);
                    return self.close_if_done();
                }
            }
            Action::Back => {
                return vec![
                    Cmd::Pop,
                    Cmd::Status(format!(
                        "Entry {} kept as written; `debrief check {}` lists what is left.",
                        self.id, self.id
                    )),
                ];
            }
            _ => {}
        }
        Vec::new()
    }
    fn on_reply(&mut self, reply: Reply, _ctx: &Ctx, _now: Instant) -> Vec<Cmd> {
        match reply {
            Reply::Line(Some(role)) if !role.trim().is_empty() => {
                let name = self.current().map(|at| without_title(&at.hit.text));
                self.fix(role.trim().to_string(), name)
            }
            _ => Vec::new(),
        }
    }
    fn on_msg(&mut self, msg: &Msg, _ctx: &Ctx, _now: Instant) -> Vec<Cmd> {
        match msg {
            Msg::Identifiers { id, found } if *id == self.id => {
                self.found = found.clone();
                self.waiting = false;
                self.close_if_done()
            }
            Msg::Failed { .. } if self.waiting => {
                self.waiting = false;
                self.fixed = self.fixed.saturating_sub(1);
                Vec::new()
            }
            _ => Vec::new(),
        }
    }
    fn render(&self, area: Rect, buf: &mut Buffer, ctx: &Ctx) {
        let t = &ctx.theme;
        let open = self.open();
        let mut text = vec![Line::raw(format!(
            "Entry {} is saved as written. {} may identify someone:",
            self.id,
            match open.len() {
                1 => "This".to_string(),
                n => format!("These {n}"),
            }
        ))];
        // As many as fit, the selected one among them.
        let room = usize::from(ctx.body_rows.saturating_sub(14)).max(1);
        let first = self.selected.saturating_sub(room - 1);
        for (i, f) in open.iter().enumerate().skip(first).take(room) {
            let mark = if i == self.selected { "▸ " } else { "  " };
            let style = if i == self.selected {
                t.selected
            } else {
                t.text
            };
            let role = f
                .hit
                .role
                .as_ref()
                .map(|r| format!(" → {}", crate::text::visible(r)))
                .unwrap_or_default();
            text.push(Line::styled(
                format!(
                    "{mark}{}: {} \"{}\"{role}",
                    f.field_name,
                    f.hit.kind.label(),
                    crate::text::visible(&f.hit.text)
                ),
                style,
            ));
        }
        if let Some(f) = self.current() {
            text.push(Line::from(Span::styled(
                format!("{}.", f.hit.kind.suggestion()),
                t.dim,
            )));
        }
        super::dialogs::draw(ctx, self.id(), "May identify someone", text, area, buf);
    }
}

#[cfg(test)]
mod tests {
    use super::without_title;

    #[test]
    fn titles_are_left_off_names_put_on_the_list() {
        assert_eq!(without_title("Mrs Smith"), "Smith");
        assert_eq!(without_title("Dr. O'Neill"), "O'Neill");
        assert_eq!(without_title("Smith"), "Smith");
        assert_eq!(without_title("Dr"), "Dr");
    }
}
