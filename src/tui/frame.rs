//! Drawing the whole interface from the [`App`]: title bar, the top screen (with the screens
//! below an overlay drawn first), the status line and the key hints; or, in a window too
//! small to use, how big it needs to be. Pure: no I/O, no state writes.

use ratatui::buffer::Buffer;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Widget, Wrap};

use super::app::{App, MIN_HEIGHT, MIN_WIDTH};
use super::screen::View;
use super::widgets::hints::hint_line;

use super::terminal::MAX_AREA;

impl Widget for &App {
    fn render(self, area: Rect, buf: &mut Buffer) {
        let area = Rect {
            width: area.width.min(MAX_AREA.0),
            height: area.height.min(MAX_AREA.1),
            ..area
        };
        if area.width < MIN_WIDTH || area.height < MIN_HEIGHT {
            let msg = format!(
                "debrief needs a window of at least {MIN_WIDTH}×{MIN_HEIGHT}; this one is {}×{}. Make it larger, or press Ctrl-C to quit.",
                area.width, area.height
            );
            Paragraph::new(msg)
                .wrap(Wrap { trim: true })
                .render(area, buf);
            return;
        }
        let ctx = &self.ctx;
        let t = &ctx.theme;
        let [title, body, status, hints] = Layout::vertical([
            Constraint::Length(1),
            Constraint::Min(1),
            Constraint::Length(self.status_rows()),
            Constraint::Length(1),
        ])
        .areas(area);

        // The top screen, and below an overlay the screens it covers.
        let first = self
            .stack
            .iter()
            .rposition(|s| !s.is_overlay())
            .unwrap_or(0);
        let base = &self.stack[first];
        buf.set_style(title, t.selected);
        buf.set_line(
            title.x,
            title.y,
            &Line::from(vec![Span::raw(" debrief · "), Span::raw(base.title())]),
            title.width,
        );
        base.render(body, buf, ctx);

        if let Some((text, is_error)) = &self.status {
            let style = if *is_error { t.error } else { t.notice };
            let inner = Rect {
                x: status.x + 1,
                width: status.width.saturating_sub(2),
                ..status
            };
            Paragraph::new(Line::styled(text.clone(), style))
                .wrap(Wrap { trim: true })
                .render(inner, buf);
        }
        let width = hints.width.saturating_sub(2);
        buf.set_line(
            hints.x + 1,
            hints.y,
            &hint_line(&ctx.keymap, self.screen_id(), &self.top().hints(), t, width),
            width,
        );
        for overlay in &self.stack[first + 1..] {
            overlay.render(area, buf, ctx);
        }
    }
}
