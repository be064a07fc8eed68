//! What the timeline and trash screens show when they have nothing to list: the welcome of
//! an empty journal and the empty-trash line. The list itself is `widgets/entry_list.rs`.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span, Text};
use ratatui::widgets::{Paragraph, Widget, Wrap};

use crate::tui::keymap::{Action, Keymap, ScreenId};
use crate::tui::theme::Theme;

/// The calm first screen of an empty journal: what debrief is for and the keys to begin.
pub struct Welcome<'a> {
    pub keymap: &'a Keymap,
    pub theme: &'a Theme,
    pub journal: &'a str,
}

impl Widget for Welcome<'_> {
    fn render(self, area: Rect, buf: &mut Buffer) {
        let t = self.theme;
        let key = |a| Span::styled(self.keymap.key_for(ScreenId::Timeline, a), t.key);
        let text = Text::from(vec![
            Line::styled("Welcome to debrief", t.title),
            Line::raw(""),
            Line::raw("A private place to think after the work: what happened, how it landed,"),
            Line::raw("what your body noticed, and what to bring to supervision."),
            Line::raw(""),
            Line::from(vec![
                Span::raw("  "),
                key(Action::NewReflection),
                Span::raw("  write a reflection"),
            ]),
            Line::from(vec![
                Span::raw("  "),
                key(Action::NewCheckin),
                Span::raw("  a quick check-in: how stressed, in a few words"),
            ]),
            Line::from(vec![
                Span::raw("  "),
                key(Action::Help),
                Span::raw("  every key"),
            ]),
            Line::from(vec![
                Span::raw("  "),
                key(Action::Quit),
                Span::raw("  quit"),
            ]),
            Line::raw(""),
            Line::styled(
                format!("Everything stays on this computer, in {}", self.journal),
                t.dim,
            ),
        ]);
        let height = text.height() as u16;
        let width = 76.min(area.width);
        let x = area.x + area.width.saturating_sub(width) / 2;
        let y = area.y + area.height.saturating_sub(height) / 3;
        Paragraph::new(text).wrap(Wrap { trim: false }).render(
            Rect::new(x, y, width, area.height.saturating_sub(y - area.y)),
            buf,
        );
    }
}

/// The message for an empty trash.
pub fn empty_trash(theme: &Theme) -> Line<'static> {
    Line::styled("  The trash is empty.", theme.dim)
}
