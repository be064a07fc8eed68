//! Keys and what they do, with no terminal types: the key names used in `config.toml`
//! ([`Key`]), and in [`map`] every screen's table of bindings (which drives key handling, the
//! hint bar, the `?` overlay and the README's key table) with the settings' overrides.
//! The TUI turns terminal key events into [`Key`]s; the CLI checks settings with the same code.

mod dialog_tables;
mod map;
mod tables;

pub use map::{Action, Binding, Keymap, ScreenId};

use std::fmt;

/// A key without modifiers.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Code {
    Char(char),
    Enter,
    Esc,
    Tab,
    BackTab,
    Up,
    Down,
    Left,
    Right,
    PageUp,
    PageDown,
    Home,
    End,
    Delete,
    Backspace,
    F(u8),
}

/// A key with modifiers, written like "ctrl-s" or "f1". Shift is part of a character
/// (`G`), so it is only a modifier on other keys (`shift-up`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Key {
    pub code: Code,
    pub ctrl: bool,
    pub alt: bool,
    pub shift: bool,
}

impl Key {
    pub const fn plain(code: Code) -> Key {
        Key {
            code,
            ctrl: false,
            alt: false,
            shift: false,
        }
    }

    pub const fn ch(c: char) -> Key {
        Key::plain(Code::Char(c))
    }

    pub const fn ctrl(c: char) -> Key {
        Key {
            code: Code::Char(c),
            ctrl: true,
            alt: false,
            shift: false,
        }
    }

    /// Parse "ctrl-s", "f1", "enter", "?", "shift-up", "alt-x", "space".
    pub fn parse(spec: &str) -> crate::Result<Key> {
        let lower = spec.trim().to_lowercase();
        let mut key = Key::plain(Code::Esc);
        let mut rest = lower.as_str();
        loop {
            if let Some(r) = rest.strip_prefix("ctrl-") {
                key.ctrl = true;
                rest = r;
            } else if let Some(r) = rest.strip_prefix("alt-") {
                key.alt = true;
                rest = r;
            } else if let Some(r) = rest
                .strip_prefix("shift-")
                .filter(|r| r.chars().count() > 1)
            {
                key.shift = true;
                rest = r;
            } else {
                break;
            }
        }
        key.code = match rest {
            "enter" | "return" => Code::Enter,
            "esc" | "escape" => Code::Esc,
            "tab" => Code::Tab,
            "backtab" => Code::BackTab,
            "up" => Code::Up,
            "down" => Code::Down,
            "left" => Code::Left,
            "right" => Code::Right,
            "pageup" => Code::PageUp,
            "pagedown" => Code::PageDown,
            "home" => Code::Home,
            "end" => Code::End,
            "delete" | "del" => Code::Delete,
            "backspace" => Code::Backspace,
            "space" => Code::Char(' '),
            f if f.starts_with('f')
                && f.len() > 1
                && f[1..].parse::<u8>().is_ok_and(|n| (1..=12).contains(&n)) =>
            {
                Code::F(f[1..].parse().unwrap_or(1))
            }
            _ => {
                // A single character keeps its case ("G" differs from "g").
                let original = spec.trim();
                let kept = original
                    .get(original.len().saturating_sub(rest.len())..)
                    .unwrap_or(rest);
                let mut chars = kept.chars();
                match (chars.next(), chars.next()) {
                    (Some(c), None) if key.ctrl => Code::Char(c.to_ascii_lowercase()),
                    (Some(c), None) => Code::Char(c),
                    _ => {
                        return Err(crate::Error::invalid(
                            "key",
                            format!(
                                "'{}' is not a key: write e.g. n, ctrl-s, f1, enter, esc",
                                spec.escape_debug()
                            ),
                        ));
                    }
                }
            }
        };
        Ok(key)
    }
}

impl fmt::Display for Key {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.ctrl {
            f.write_str("Ctrl-")?;
        }
        if self.alt {
            f.write_str("Alt-")?;
        }
        if self.shift {
            f.write_str("Shift-")?;
        }
        match self.code {
            Code::Char(' ') => f.write_str("Space"),
            Code::Char(c) if self.ctrl => write!(f, "{}", c.to_ascii_uppercase()),
            Code::Char(c) => write!(f, "{c}"),
            Code::Enter => f.write_str("Enter"),
            Code::Esc => f.write_str("Esc"),
            Code::Tab => f.write_str("Tab"),
            Code::BackTab => f.write_str("Shift-Tab"),
            Code::Up => f.write_str("↑"),
            Code::Down => f.write_str("↓"),
            Code::Left => f.write_str("←"),
            Code::Right => f.write_str("→"),
            Code::PageUp => f.write_str("PgUp"),
            Code::PageDown => f.write_str("PgDn"),
            Code::Home => f.write_str("Home"),
            Code::End => f.write_str("End"),
            Code::Delete => f.write_str("Del"),
            Code::Backspace => f.write_str("Backspace"),
            Code::F(n) => write!(f, "F{n}"),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_parse_and_print() {
        assert_eq!(Key::parse("ctrl-s").ok(), Some(Key::ctrl('s')));
        assert_eq!(Key::parse("F1").ok(), Some(Key::plain(Code::F(1))));
        assert_eq!(Key::parse("G").ok(), Some(Key::ch('G')));
        assert_eq!(Key::parse("space").ok(), Some(Key::ch(' ')));
        assert_eq!(
            Key::parse("shift-up")
                .map(|k| k.to_string())
                .ok()
                .as_deref(),
            Some("Shift-↑")
        );
        assert!(Key::parse("hyper-q").is_err());
        assert!(
            Key::parse("İİ").is_err(),
            "never panics on case-changing text"
        );
        assert_eq!(Key::ctrl('s').to_string(), "Ctrl-S");
    }
}
