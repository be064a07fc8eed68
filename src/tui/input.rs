//! Terminal key events as [`Key`]s: the one place crossterm's key codes and modifiers are
//! read, so the key tables in [`crate::keys`] stay free of terminal types.

use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

use crate::keys::{Code, Key};

/// The [`Key`] a key event presses. Shift is part of a character (`G`) and of Shift-Tab
/// (terminals report BackTab with or without SHIFT), so it is dropped there.
pub fn key_of(ev: &KeyEvent) -> Key {
    let m = ev.modifiers;
    let mut key = Key {
        code: Code::Esc,
        ctrl: m.contains(KeyModifiers::CONTROL),
        alt: m.contains(KeyModifiers::ALT),
        shift: m.contains(KeyModifiers::SHIFT),
    };
    key.code = match ev.code {
        KeyCode::Char(c) => {
            key.shift = false;
            Code::Char(if key.ctrl { c.to_ascii_lowercase() } else { c })
        }
        KeyCode::BackTab => {
            key.shift = false;
            Code::BackTab
        }
        KeyCode::Enter => Code::Enter,
        KeyCode::Esc => Code::Esc,
        KeyCode::Tab => Code::Tab,
        KeyCode::Up => Code::Up,
        KeyCode::Down => Code::Down,
        KeyCode::Left => Code::Left,
        KeyCode::Right => Code::Right,
        KeyCode::PageUp => Code::PageUp,
        KeyCode::PageDown => Code::PageDown,
        KeyCode::Home => Code::Home,
        KeyCode::End => Code::End,
        KeyCode::Delete => Code::Delete,
        KeyCode::Backspace => Code::Backspace,
        KeyCode::F(n) => Code::F(n),
        // Keys debrief binds nothing to (media keys, Insert, ...) match no binding.
        _ => Code::F(0),
    };
    key
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::keys::{Action, Keymap, ScreenId};

    fn ev(code: KeyCode, mods: KeyModifiers) -> KeyEvent {
        KeyEvent::new(code, mods)
    }

    #[test]
    fn shifted_characters_and_control_keys_match_their_bindings() {
        let map = Keymap::default();
        let action = |e: KeyEvent| map.action(ScreenId::Timeline, &key_of(&e));
        assert_eq!(
            action(ev(KeyCode::Char('G'), KeyModifiers::SHIFT)),
            Some(Action::Bottom)
        );
        assert_eq!(
            action(ev(KeyCode::Char('c'), KeyModifiers::CONTROL)),
            Some(Action::Quit)
        );
        assert_eq!(
            action(ev(KeyCode::Char('c'), KeyModifiers::NONE)),
            Some(Action::NewCheckin)
        );
    }

    #[test]
    fn shift_tab_goes_back_a_field_however_the_terminal_reports_it() {
        let map = Keymap::default();
        for mods in [KeyModifiers::NONE, KeyModifiers::SHIFT] {
            assert_eq!(
                map.action(ScreenId::Editor, &key_of(&ev(KeyCode::BackTab, mods))),
                Some(Action::PrevField),
                "{mods:?}"
            );
        }
    }
}
