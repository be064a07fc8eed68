//! Choosing a reflective model for a new reflection: every template (shipped and the
//! user's), a blank page first, the configured default marked. A letter or Enter chooses.

use std::time::Instant;

use ratatui::buffer::Buffer;
use ratatui::crossterm::event::KeyCode;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};

use super::dialogs::text_box;
use super::form::EntryForm;
use crate::domain::Kind;
use crate::domain::templates::{self, FREE};
use crate::keys::{Action, ScreenId};
use crate::tui::screen::{Cmd, Ctx, Input, View};

/// The template picker's state: which line is selected.
#[derive(Debug, Default)]
pub struct TemplatePicker {
    pub selected: usize,
}

/// (id, name, stages) of each choice, a blank page first.
fn choices() -> Vec<(String, String, usize)> {
    std::iter::once((FREE.to_string(), "A blank page (no model)".to_string(), 0))
        .chain(
            templates::all()
                .iter()
                .map(|t| (t.id.clone(), t.name.clone(), t.stages.len())),
        )
        .collect()
}

impl TemplatePicker {
    /// Opened with the configured default selected.
    pub fn new(ctx: &Ctx) -> TemplatePicker {
        TemplatePicker {
            selected: choices()
                .iter()
                .position(|c| c.0 == ctx.default_template)
                .unwrap_or(0),
        }
    }

    fn choose(&self, i: usize, ctx: &Ctx) -> Vec<Cmd> {
        let Some((id, _, _)) = choices().into_iter().nth(i) else {
            return Vec::new();
        };
        let mut cmds = vec![Cmd::Pop];
        cmds.extend(EntryForm::open(EntryForm::new(Kind::Reflection, &id), ctx));
        cmds
    }
}

impl View for TemplatePicker {
    fn id(&self) -> ScreenId {
        ScreenId::Templates
    }
    fn title(&self) -> String {
        "Choose a model".into()
    }
    fn is_overlay(&self) -> bool {
        true
    }
    fn handle(&mut self, input: Input, ctx: &Ctx, _now: Instant) -> Vec<Cmd> {
        let n = choices().len();
        match input {
            Input::Action(Action::Down) => self.selected = (self.selected + 1).min(n - 1),
            Input::Action(Action::Up) => self.selected = self.selected.saturating_sub(1),
            Input::Action(Action::Open) => return self.choose(self.selected, ctx),
            Input::Action(Action::Back) => return vec![Cmd::Pop],
            Input::Action(Action::Quit) => return vec![Cmd::Pop, Cmd::Quit],
            Input::Key(k) => {
                if let KeyCode::Char(c @ 'a'..='z') = k.code {
                    return self.choose(c as usize - 'a' as usize, ctx);
                }
            }
            _ => {}
        }
        Vec::new()
    }
    fn render(&self, area: Rect, buf: &mut Buffer, ctx: &Ctx) {
        let t = &ctx.theme;
        let mut lines = vec![
            Line::styled(
                "Which model for this reflection? (a letter, or ↑/↓ and Enter)",
                t.dim,
            ),
            Line::raw(""),
        ];
        for (i, (id, name, stages)) in choices().into_iter().enumerate() {
            let letter = (b'a' + i as u8) as char;
            let mut spans = vec![
                Span::styled(format!("{letter} "), t.key),
                Span::styled(
                    name,
                    if i == self.selected {
                        t.selected
                    } else {
                        t.text
                    },
                ),
            ];
            if stages > 0 {
                spans.push(Span::styled(format!("  {stages} stages"), t.dim));
            }
            if id == ctx.default_template {
                spans.push(Span::styled("  (default)", t.dim));
            }
            lines.push(Line::from(spans));
        }
        text_box(area, buf, ctx, "New reflection", lines, 64);
    }
}
