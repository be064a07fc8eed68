//! Where to get support, one key from the check-in: the lines from the vocabulary (UK
//! defaults; the user's own from the settings). debrief signposts; it never diagnoses.

use std::time::Instant;

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::Line;

use crate::keys::ScreenId;
use crate::tui::screen::{Cmd, Ctx, Input, View};
use crate::tui::screens::dialogs::text_box;

/// The support lines, over the screen that asked.
pub struct SupportOverlay;

impl View for SupportOverlay {
    fn id(&self) -> ScreenId {
        ScreenId::Support
    }
    fn title(&self) -> String {
        "Support".into()
    }
    fn is_overlay(&self) -> bool {
        true
    }
    fn handle(&mut self, input: Input, _ctx: &Ctx, _now: Instant) -> Vec<Cmd> {
        match input {
            Input::Paste(_) => Vec::new(),
            // Any key closes it: nothing here to act on.
            _ => vec![Cmd::Pop],
        }
    }
    fn render(&self, area: Rect, buf: &mut Buffer, ctx: &Ctx) {
        let t = &ctx.theme;
        let mut lines: Vec<Line> = ctx
            .vocab
            .support
            .lines
            .iter()
            .map(|l| Line::styled(l.clone(), t.text))
            .collect();
        lines.push(Line::raw(""));
        lines.push(Line::styled(
            "Change these lines in config.toml ([vocabulary] support). Any key closes this.",
            t.dim,
        ));
        text_box(area, buf, ctx, "Where to get support", lines, 72);
    }
}
