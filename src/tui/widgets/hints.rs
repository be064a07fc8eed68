//! The one-line key hint bar, built from the screen's keymap table.

use ratatui::text::{Line, Span};

use crate::keys::{Keymap, ScreenId};
use crate::tui::theme::Theme;

/// `Enter read  n new reflection  ...` for the bindings marked as hints, cut to `width`.
pub fn hint_line(keymap: &Keymap, screen: ScreenId, theme: &Theme, width: u16) -> Line<'static> {
    let mut spans = Vec::new();
    let mut used = 0usize;
    for b in keymap.bindings(screen).iter().filter(|b| b.hint) {
        let Some(key) = b.keys.first() else { continue };
        let key = key.to_string();
        let len = key.chars().count() + 1 + b.help.chars().count() + 2;
        if used + len > usize::from(width) {
            break;
        }
        used += len;
        spans.push(Span::styled(key, theme.key));
        spans.push(Span::styled(format!(" {}  ", b.help), theme.dim));
    }
    Line::from(spans)
}
