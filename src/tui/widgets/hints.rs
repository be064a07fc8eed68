//! The one-line key hint bar, built from the screen's key table. Help and quit are always
//! there, however narrow the window: the other hints give way first.

use ratatui::text::{Line, Span};

use crate::keys::{Action, Binding, Keymap, ScreenId};
use crate::tui::screen::HintChanges;
use crate::tui::theme::Theme;

fn width(b: &Binding) -> usize {
    b.keys.first().map_or(0, |k| {
        k.to_string().chars().count() + 1 + b.help.chars().count() + 2
    })
}

/// `Enter read  n new reflection  ...  ? help  q quit`, cut to `width` columns, with the
/// screen's changes for the moment (nothing to read in an empty list, say).
pub fn hint_line(
    keymap: &Keymap,
    screen: ScreenId,
    changes: &HintChanges,
    theme: &Theme,
    room: u16,
) -> Line<'static> {
    let bindings = keymap.bindings(screen);
    let always: Vec<&Binding> = bindings
        .iter()
        .filter(|b| matches!(b.action, Action::Help | Action::Quit))
        .collect();
    let mut left = usize::from(room).saturating_sub(always.iter().map(|b| width(b)).sum());
    let mut shown: Vec<&Binding> = Vec::new();
    let wanted = |b: &&Binding| {
        (b.hint || changes.show.contains(&b.action)) && !changes.hide.contains(&b.action)
    };
    for b in bindings
        .iter()
        .filter(wanted)
        .filter(|b| !always.contains(b))
    {
        if width(b) > left {
            continue;
        }
        left -= width(b);
        shown.push(b);
    }
    shown.extend(always);
    let mut spans = Vec::new();
    for b in shown {
        let Some(key) = b.keys.first() else { continue };
        spans.push(Span::styled(key.to_string(), theme.key));
        spans.push(Span::styled(format!(" {}  ", b.help), theme.dim));
    }
    Line::from(spans)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn text(line: &Line<'_>) -> String {
        line.spans.iter().map(|s| s.content.as_ref()).collect()
    }

    #[test]
    fn help_and_quit_stay_when_the_window_is_narrow() {
        let map = Keymap::default();
        let none = HintChanges::default();
        let wide = text(&hint_line(
            &map,
            ScreenId::Timeline,
            &none,
            &Theme::plain(),
            118,
        ));
        assert!(
            wide.starts_with("Enter read") && wide.contains("? help  q quit"),
            "{wide}"
        );
        let narrow = text(&hint_line(
            &map,
            ScreenId::Timeline,
            &none,
            &Theme::plain(),
            40,
        ));
        assert!(
            narrow.contains("? help") && narrow.contains("q quit"),
            "{narrow}"
        );
        assert!(narrow.chars().count() <= 40, "{narrow}");
        let editor = text(&hint_line(
            &map,
            ScreenId::Editor,
            &none,
            &Theme::plain(),
            58,
        ));
        assert!(
            editor.contains("F1 help") && editor.contains("Ctrl-C quit"),
            "{editor}"
        );
    }
}
