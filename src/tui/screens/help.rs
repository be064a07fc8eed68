//! The help overlay: every key of the screen below it, with its name in `config.toml`,
//! scrollable when the window is small; any other key closes it.

use std::time::Instant;

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Clear, Paragraph, Widget, Wrap};

use crate::keys::{Action, ScreenId};
use crate::tui::screen::{Cmd, Ctx, Input, View};
use crate::tui::screens::dialogs::centered;

/// Help for the screen `about`.
pub struct HelpOverlay {
    about: ScreenId,
    scroll: u16,
}

impl HelpOverlay {
    pub fn new(about: ScreenId) -> HelpOverlay {
        HelpOverlay { about, scroll: 0 }
    }

    /// The overlay's lines for a box `width` columns wide: keys, what they do, and (when
    /// there is room) each binding's name in `config.toml`.
    fn lines(&self, ctx: &Ctx, width: u16) -> Vec<Line<'static>> {
        let t = &ctx.theme;
        let rows: Vec<(String, &str, String)> = ctx
            .keymap
            .bindings(self.about)
            .iter()
            .map(|b| {
                let keys: Vec<String> = b.keys.iter().map(ToString::to_string).collect();
                let name = format!("{}.{}", self.about.name(), b.action.config_name());
                (keys.join(", "), b.help, name)
            })
            .collect();
        let w = |s: &str| unicode_width::UnicodeWidthStr::width(s);
        let keys_w = rows.iter().map(|r| w(&r.0)).max().unwrap_or(0);
        let help_w = rows.iter().map(|r| w(r.1)).max().unwrap_or(0);
        let name_w = rows.iter().map(|r| w(&r.2)).max().unwrap_or(0);
        let names = keys_w + help_w + name_w + 6 <= usize::from(width.saturating_sub(2));
        let mut lines: Vec<Line> = rows
            .into_iter()
            .map(|(keys, help, name)| {
                let mut spans = vec![
                    Span::styled(format!("{keys:>keys_w$}  "), t.key),
                    Span::raw(format!("{help:<help_w$}  ")),
                ];
                if names {
                    spans.push(Span::styled(name, t.dim));
                }
                Line::from(spans)
            })
            .collect();
        let extra: &[&str] = match self.about {
            ScreenId::Editor => &[
                "In fields: 0-10 or ←/→ for ratings (Backspace clears), s/f/u toggle flags.",
                "Text: emacs-style keys (Ctrl-A/E line start/end). Tab moves to each stage.",
                "Learning: the kind changes with ←/→ or Space, or the first letter of a kind.",
            ],
            ScreenId::Search => &[crate::domain::query::FILTER_HELP],
            ScreenId::Checkin => &[
                "Stress and energy: type the number (1 then 0 for 10), or ←/→ and Enter.",
                "Body: a region's letter, then a group's number and a word's letter; +/- changes",
                "the intensity (0-3). x: nothing noticed. b: a guided scan, head to feet.",
                "Emotions: 1-4 picks a quarter of the grid, a letter a word; / types to find one.",
                "Context: a letter for the kind of work, numbers for what made it harder.",
            ],
            ScreenId::Recovery => &[
                "s sleep (hours, how restful 0-10), b a break (minutes), m movement (a letter,",
                "then minutes), x not possible today. Nothing here is scored.",
            ],
            _ => &[],
        };
        if !extra.is_empty() {
            lines.push(Line::raw(""));
            lines.extend(extra.iter().map(|l| Line::styled(l.to_string(), t.dim)));
        }
        lines.push(Line::raw(""));
        lines.push(Line::styled(
            "With the mouse on (the `mouse` setting), Shift+drag selects text in most terminals.",
            t.dim,
        ));
        lines.push(Line::styled(
            if names {
                "The right column names each key in config.toml's [keys]. ↑/↓ scroll; any other key closes this help."
            } else {
                "A wider window shows each key's name for config.toml. ↑/↓ scroll; any other key closes this help."
            },
            t.dim,
        ));
        lines
    }
}

impl View for HelpOverlay {
    fn id(&self) -> ScreenId {
        self.about
    }
    fn title(&self) -> String {
        "Help".into()
    }
    fn is_overlay(&self) -> bool {
        true
    }
    fn handle(&mut self, input: Input, _ctx: &Ctx, _now: Instant) -> Vec<Cmd> {
        match input {
            Input::Action(Action::Down) => self.scroll = self.scroll.saturating_add(1),
            Input::Action(Action::Up) => self.scroll = self.scroll.saturating_sub(1),
            Input::Action(Action::PageDown) => self.scroll = self.scroll.saturating_add(5),
            Input::Action(Action::PageUp) => self.scroll = self.scroll.saturating_sub(5),
            Input::Key(k) if k.code == ratatui::crossterm::event::KeyCode::Down => {
                self.scroll = self.scroll.saturating_add(1)
            }
            Input::Key(k) if k.code == ratatui::crossterm::event::KeyCode::Up => {
                self.scroll = self.scroll.saturating_sub(1)
            }
            Input::Paste(_) => {}
            _ => return vec![Cmd::Pop],
        }
        Vec::new()
    }
    fn render(&self, area: Rect, buf: &mut Buffer, ctx: &Ctx) {
        let width = 84.min(area.width);
        let lines = self.lines(ctx, width);
        let paragraph = Paragraph::new(lines).wrap(Wrap { trim: false });
        let rows = paragraph.line_count(width.saturating_sub(2).max(1));
        let height = u16::try_from(rows).unwrap_or(u16::MAX).saturating_add(2);
        let rect = centered(area, width, height);
        let max = height.saturating_sub(rect.height);
        Clear.render(rect, buf);
        paragraph
            .scroll((self.scroll.min(max), 0))
            .block(
                Block::default()
                    .borders(Borders::ALL)
                    .border_style(ctx.theme.focus_border)
                    .title(Span::styled(
                        format!(" Keys: {} ", self.about.name()),
                        ctx.theme.title,
                    )),
            )
            .render(rect, buf);
    }
}
