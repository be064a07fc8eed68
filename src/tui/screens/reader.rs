//! The reader: one entry in full, word-wrapped, with its metadata and details.

use chrono::Utc;

use crate::clock::Clock;
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span, Text};
use ratatui::widgets::{Paragraph, Widget, Wrap};

use crate::domain::{Emotion, Entry};
use crate::tui::keymap::Action;
use crate::tui::theme::Theme;
use crate::tui::widgets::stress_bar::stress_spans;

/// The entry being read and how far down it is scrolled.
#[derive(Clone, Debug, PartialEq)]
pub struct Reader {
    pub entry: Entry,
    pub scroll: u16,
}

impl Reader {
    pub fn new(entry: Entry) -> Reader {
        Reader { entry, scroll: 0 }
    }

    /// Scroll for a movement action within a view `height` rows tall and `width` wide.
    pub fn scroll_by(&mut self, action: Action, width: u16, height: u16, clock: &Clock) {
        let max = self.content_rows(width, clock).saturating_sub(height);
        let page = height.saturating_sub(2).max(1);
        self.scroll = match action {
            Action::Down => self.scroll.saturating_add(1),
            Action::Up => self.scroll.saturating_sub(1),
            Action::PageDown => self.scroll.saturating_add(page),
            Action::PageUp => self.scroll.saturating_sub(page),
            Action::Top => 0,
            Action::Bottom => max,
            _ => self.scroll,
        }
        .min(max);
    }

    /// Rows the text takes when wrapped at `width` (an estimate that never undercounts much).
    fn content_rows(&self, width: u16, clock: &Clock) -> u16 {
        let w = usize::from(width.max(1));
        let rows: usize = self
            .text(&Theme::plain(), clock)
            .lines
            .iter()
            .map(|l| l.width().div_ceil(w).max(1))
            .sum();
        u16::try_from(rows).unwrap_or(u16::MAX)
    }

    /// The whole entry as styled text.
    pub fn text(&self, t: &Theme, clock: &Clock) -> Text<'static> {
        let e = &self.entry;
        let c = &e.content;
        let mut lines = Vec::new();
        let when = clock
            .local(e.created.with_timezone(&Utc))
            .format("%A %-d %B %Y, %H:%M")
            .to_string();
        lines.push(Line::from(vec![
            Span::styled(format!("#{}  ", e.id), t.key),
            Span::styled(format!("{}  ", c.kind), t.dim),
            Span::styled(when, t.dim),
        ]));
        if let Some(d) = e.deleted {
            lines.push(Line::styled(
                format!(
                    "In the trash since {}",
                    clock.local(d).format("%-d %B %Y %H:%M")
                ),
                t.error,
            ));
        }
        if let Some(title) = c.title.as_deref().filter(|t| !t.trim().is_empty()) {
            lines.push(Line::styled(title.to_string(), t.title));
        }
        let mut meta: Vec<Span<'static>> = Vec::new();
        if let Some(s) = c.stress {
            meta.push(Span::styled("stress", t.dim));
            meta.extend(stress_spans(Some(s.value()), t));
            meta.push(Span::raw("   "));
        }
        if let Some(en) = c.energy {
            meta.push(Span::styled(format!("energy {en}/10   "), t.dim));
        }
        if let Some(w) = &c.work_context {
            meta.push(Span::styled(format!("work: {w}   "), t.dim));
        }
        if c.starred {
            meta.push(Span::styled("★ starred  ", t.key));
        }
        if c.for_supervision {
            meta.push(Span::styled("⚑ for supervision  ", t.key));
        }
        if c.unfinished {
            meta.push(Span::styled("✎ finish later  ", t.key));
        }
        if !meta.is_empty() {
            lines.push(Line::from(meta));
        }
        if !c.tags.is_empty() {
            let tags = c
                .tags
                .iter()
                .map(|t| format!("#{t}"))
                .collect::<Vec<_>>()
                .join(" ");
            lines.push(Line::styled(tags, t.dim));
        }
        lines.push(Line::raw(""));
        for l in c.body.lines() {
            lines.push(Line::styled(l.to_string(), t.text));
        }
        for (i, a) in c.answers.iter().enumerate() {
            if i > 0 || !c.body.trim().is_empty() {
                lines.push(Line::raw(""));
            }
            lines.push(Line::styled(a.stage.clone(), t.heading));
            for l in a.answer.lines() {
                lines.push(Line::raw(l.to_string()));
            }
        }
        if !c.sensations.is_empty() {
            lines.push(Line::raw(""));
            lines.push(Line::styled("Body", t.heading));
            for s in &c.sensations {
                lines.push(Line::raw(format!("  {}", s.describe())));
            }
        }
        if !c.emotions.is_empty() {
            let words: Vec<String> = c.emotions.iter().map(Emotion::describe).collect();
            lines.push(Line::raw(""));
            lines.push(Line::from(vec![
                Span::styled("Emotions  ", t.heading),
                Span::raw(words.join(", ")),
            ]));
        }
        if let Some(s) = &c.supervision {
            lines.push(Line::raw(""));
            lines.push(Line::styled("Supervision", t.heading));
            if let Some(d) = s.held_on {
                lines.push(Line::raw(format!("  held {d}")));
            }
            for a in &s.agenda {
                lines.push(Line::raw(format!("  agenda: {}", a.text)));
            }
            for d in &s.decisions {
                lines.push(Line::raw(format!("  decision: {d}")));
            }
            for a in &s.actions {
                lines.push(Line::raw(format!("  action [{}]: {}", a.status, a.text)));
            }
        }
        Text::from(lines)
    }
}

/// Draws a [`Reader`].
pub struct ReaderView<'a> {
    pub reader: &'a Reader,
    pub theme: &'a Theme,
    pub clock: &'a Clock,
}

impl Widget for ReaderView<'_> {
    fn render(self, area: Rect, buf: &mut Buffer) {
        let inner = Rect {
            x: area.x + 1,
            width: area.width.saturating_sub(2),
            ..area
        };
        Paragraph::new(self.reader.text(self.theme, self.clock))
            .wrap(Wrap { trim: false })
            .scroll((self.reader.scroll, 0))
            .render(inner, buf);
    }
}
