//! A one-line question over the screen that asked it ("Why is it dropped?"): Enter gives the
//! line to the screen below, Esc gives nothing. Letters are text here, never commands.

use std::time::Instant;

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::Line;
use ratatui::widgets::Widget;
use ratatui_textarea::TextArea;

use super::dialogs::{centered, text_box};
use super::fields::{single_line, text_of};
use crate::keys::{Action, ScreenId};
use crate::tui::screen::{Cmd, Ctx, Input, Reply, View};

/// The prompt's state.
pub struct LinePrompt {
    pub question: String,
    pub line: TextArea<'static>,
    /// The box's title: what the question is part of.
    pub heading: &'static str,
}

impl LinePrompt {
    pub fn new(question: impl Into<String>, placeholder: &str) -> LinePrompt {
        LinePrompt {
            question: question.into(),
            line: single_line("", placeholder),
            heading: "Supervision",
        }
    }

    /// The prompt under another heading.
    pub fn headed(self, heading: &'static str) -> LinePrompt {
        LinePrompt { heading, ..self }
    }

    /// The prompt with `text` typed in already (a path to change or accept).
    pub fn filled(mut self, text: &str) -> LinePrompt {
        self.line.insert_str(text);
        self
    }
}

impl View for LinePrompt {
    fn id(&self) -> ScreenId {
        ScreenId::Prompt
    }
    fn title(&self) -> String {
        self.question.clone()
    }
    fn is_overlay(&self) -> bool {
        true
    }
    fn handle(&mut self, input: Input, _ctx: &Ctx, _now: Instant) -> Vec<Cmd> {
        match input {
            Input::Action(Action::Open) => {
                vec![Cmd::Reply(Reply::Line(Some(text_of(&self.line))))]
            }
            Input::Action(Action::Back) => vec![Cmd::Reply(Reply::Line(None))],
            Input::Action(Action::Quit) => vec![Cmd::Reply(Reply::Line(None)), Cmd::Quit],
            Input::Key(k) => {
                self.line.input(k);
                Vec::new()
            }
            Input::Paste(p) => {
                self.line.insert_str(p.replace(['\n', '\r'], " "));
                Vec::new()
            }
            _ => Vec::new(),
        }
    }
    fn render(&self, area: Rect, buf: &mut Buffer, ctx: &Ctx) {
        let width = area.width.min(72);
        let lines = vec![
            Line::styled(self.question.clone(), ctx.theme.text),
            Line::raw(""),
            Line::raw(""),
            Line::styled("Enter: done · Esc: cancel", ctx.theme.dim),
        ];
        text_box(area, buf, ctx, self.heading, lines, width);
        // The line being typed goes on the blank row inside the box.
        let rect = centered(area, width, 6);
        (&self.line).render(
            Rect::new(rect.x + 1, rect.y + 3, rect.width.saturating_sub(2), 1),
            buf,
        );
    }
}
