//! One key table per screen. The same table dispatches keys and feeds the hint bar and the
//! `?` overlay, so hints never drift from behaviour. Overridable from `config.toml`.

use std::collections::BTreeMap;
use std::fmt;

use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

/// The screens, each with its own table.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum ScreenId {
    Timeline,
    Reader,
    Editor,
    Search,
    Trash,
}

impl ScreenId {
    pub const ALL: [ScreenId; 5] = [
        ScreenId::Timeline,
        ScreenId::Reader,
        ScreenId::Editor,
        ScreenId::Search,
        ScreenId::Trash,
    ];

    pub fn name(self) -> &'static str {
        match self {
            ScreenId::Timeline => "timeline",
            ScreenId::Reader => "reader",
            ScreenId::Editor => "editor",
            ScreenId::Search => "search",
            ScreenId::Trash => "trash",
        }
    }
}

/// What a key means, independent of which key it is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Action {
    Up,
    Down,
    PageUp,
    PageDown,
    Top,
    Bottom,
    Open,
    NewReflection,
    NewCheckin,
    NewSupervision,
    Edit,
    Star,
    ToggleSupervision,
    ToggleFinished,
    Delete,
    Search,
    Trash,
    Restore,
    Purge,
    Save,
    NextField,
    PrevField,
    ExternalEditor,
    Undo,
    Redo,
    Help,
    Back,
    Quit,
}

impl Action {
    /// The name used in `config.toml` ("timeline.new").
    pub fn config_name(self) -> &'static str {
        match self {
            Action::Up => "up",
            Action::Down => "down",
            Action::PageUp => "page-up",
            Action::PageDown => "page-down",
            Action::Top => "top",
            Action::Bottom => "bottom",
            Action::Open => "open",
            Action::NewReflection => "new",
            Action::NewCheckin => "new-checkin",
            Action::NewSupervision => "new-supervision",
            Action::Edit => "edit",
            Action::Star => "star",
            Action::ToggleSupervision => "supervision",
            Action::ToggleFinished => "finished",
            Action::Delete => "delete",
            Action::Search => "search",
            Action::Trash => "trash",
            Action::Restore => "restore",
            Action::Purge => "purge",
            Action::Save => "save",
            Action::NextField => "next-field",
            Action::PrevField => "previous-field",
            Action::ExternalEditor => "external-editor",
            Action::Undo => "undo",
            Action::Redo => "redo",
            Action::Help => "help",
            Action::Back => "back",
            Action::Quit => "quit",
        }
    }
}

/// A key with modifiers, written like "ctrl-s" or "f1".
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct Key {
    pub code: KeyCode,
    pub mods: KeyModifiers,
}

impl Key {
    pub const fn plain(code: KeyCode) -> Key {
        Key {
            code,
            mods: KeyModifiers::NONE,
        }
    }

    pub const fn ch(c: char) -> Key {
        Key::plain(KeyCode::Char(c))
    }

    pub const fn ctrl(c: char) -> Key {
        Key {
            code: KeyCode::Char(c),
            mods: KeyModifiers::CONTROL,
        }
    }

    /// Does this key event press this key? Shift on a character is part of the character.
    pub fn matches(&self, ev: &KeyEvent) -> bool {
        let mut mods = ev.modifiers;
        if matches!(ev.code, KeyCode::Char(_)) {
            mods.remove(KeyModifiers::SHIFT);
        }
        let code = match ev.code {
            KeyCode::Char(c) if mods.contains(KeyModifiers::CONTROL) => {
                KeyCode::Char(c.to_ascii_lowercase())
            }
            other => other,
        };
        code == self.code && mods == self.mods
    }

    /// Parse "ctrl-s", "f1", "enter", "?", "shift-up", "alt-x", "space".
    pub fn parse(spec: &str) -> Result<Key, String> {
        let lower = spec.trim().to_lowercase();
        let mut mods = KeyModifiers::NONE;
        let mut rest = lower.as_str();
        loop {
            if let Some(r) = rest.strip_prefix("ctrl-") {
                mods |= KeyModifiers::CONTROL;
                rest = r;
            } else if let Some(r) = rest.strip_prefix("alt-") {
                mods |= KeyModifiers::ALT;
                rest = r;
            } else if let Some(r) = rest
                .strip_prefix("shift-")
                .filter(|r| r.chars().count() > 1)
            {
                mods |= KeyModifiers::SHIFT;
                rest = r;
            } else {
                break;
            }
        }
        let code = match rest {
            "enter" | "return" => KeyCode::Enter,
            "esc" | "escape" => KeyCode::Esc,
            "tab" => KeyCode::Tab,
            "backtab" => KeyCode::BackTab,
            "up" => KeyCode::Up,
            "down" => KeyCode::Down,
            "left" => KeyCode::Left,
            "right" => KeyCode::Right,
            "pageup" => KeyCode::PageUp,
            "pagedown" => KeyCode::PageDown,
            "home" => KeyCode::Home,
            "end" => KeyCode::End,
            "delete" | "del" => KeyCode::Delete,
            "backspace" => KeyCode::Backspace,
            "space" => KeyCode::Char(' '),
            f if f.starts_with('f')
                && f.len() > 1
                && f[1..].parse::<u8>().is_ok_and(|n| (1..=12).contains(&n)) =>
            {
                KeyCode::F(f[1..].parse().unwrap_or(1))
            }
            _ => {
                // A single character keeps its case ("G" differs from "g").
                let original = spec.trim();
                let kept = original
                    .get(original.len().saturating_sub(rest.len())..)
                    .unwrap_or(rest);
                let mut chars = kept.chars();
                match (chars.next(), chars.next()) {
                    (Some(c), None) if mods.contains(KeyModifiers::CONTROL) => {
                        KeyCode::Char(c.to_ascii_lowercase())
                    }
                    (Some(c), None) => KeyCode::Char(c),
                    _ => {
                        return Err(format!(
                            "'{spec}' is not a key: write e.g. n, ctrl-s, f1, enter, esc"
                        ));
                    }
                }
            }
        };
        Ok(Key { code, mods })
    }
}

impl fmt::Display for Key {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.mods.contains(KeyModifiers::CONTROL) {
            f.write_str("Ctrl-")?;
        }
        if self.mods.contains(KeyModifiers::ALT) {
            f.write_str("Alt-")?;
        }
        if self.mods.contains(KeyModifiers::SHIFT) {
            f.write_str("Shift-")?;
        }
        match self.code {
            KeyCode::Char(' ') => f.write_str("Space"),
            KeyCode::Char(c) if self.mods.contains(KeyModifiers::CONTROL) => {
                write!(f, "{}", c.to_ascii_uppercase())
            }
            KeyCode::Char(c) => write!(f, "{c}"),
            KeyCode::Enter => f.write_str("Enter"),
            KeyCode::Esc => f.write_str("Esc"),
            KeyCode::Tab => f.write_str("Tab"),
            KeyCode::BackTab => f.write_str("Shift-Tab"),
            KeyCode::Up => f.write_str("↑"),
            KeyCode::Down => f.write_str("↓"),
            KeyCode::Left => f.write_str("←"),
            KeyCode::Right => f.write_str("→"),
            KeyCode::PageUp => f.write_str("PgUp"),
            KeyCode::PageDown => f.write_str("PgDn"),
            KeyCode::Home => f.write_str("Home"),
            KeyCode::End => f.write_str("End"),
            KeyCode::Delete => f.write_str("Del"),
            KeyCode::Backspace => f.write_str("Backspace"),
            KeyCode::F(n) => write!(f, "F{n}"),
            other => write!(f, "{other:?}"),
        }
    }
}

/// One row of a table: the key, what it does, the words shown in help, and whether the
/// one-line hint bar shows it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Binding {
    pub keys: Vec<Key>,
    pub action: Action,
    pub help: &'static str,
    pub hint: bool,
}

fn b(keys: &[Key], action: Action, help: &'static str, hint: bool) -> Binding {
    Binding {
        keys: keys.to_vec(),
        action,
        help,
        hint,
    }
}

/// Every screen's table.
#[derive(Clone, Debug)]
pub struct Keymap {
    tables: BTreeMap<ScreenId, Vec<Binding>>,
}

use KeyCode as K;

fn list_moves() -> Vec<Binding> {
    vec![
        b(
            &[Key::plain(K::Down), Key::ch('j')],
            Action::Down,
            "next",
            false,
        ),
        b(
            &[Key::plain(K::Up), Key::ch('k')],
            Action::Up,
            "previous",
            false,
        ),
        b(
            &[Key::plain(K::PageDown), Key::ctrl('d')],
            Action::PageDown,
            "page down",
            false,
        ),
        b(
            &[Key::plain(K::PageUp), Key::ctrl('u')],
            Action::PageUp,
            "page up",
            false,
        ),
        b(
            &[Key::plain(K::Home), Key::ch('g')],
            Action::Top,
            "first",
            false,
        ),
        b(
            &[Key::plain(K::End), Key::ch('G')],
            Action::Bottom,
            "last",
            false,
        ),
    ]
}

impl Default for Keymap {
    fn default() -> Self {
        let mut tables = BTreeMap::new();
        let mut timeline = vec![
            b(&[Key::plain(K::Enter)], Action::Open, "read", true),
            b(
                &[Key::ch('n')],
                Action::NewReflection,
                "new reflection",
                true,
            ),
            b(&[Key::ch('c')], Action::NewCheckin, "new check-in", true),
            b(
                &[Key::ch('v')],
                Action::NewSupervision,
                "new supervision note",
                false,
            ),
            b(&[Key::ch('e')], Action::Edit, "edit", false),
            b(&[Key::ch('s')], Action::Star, "star", false),
            b(
                &[Key::ch('f')],
                Action::ToggleSupervision,
                "flag for supervision",
                false,
            ),
            b(
                &[Key::ch('u')],
                Action::ToggleFinished,
                "finished / finish later",
                false,
            ),
            b(
                &[Key::ch('d'), Key::plain(K::Delete)],
                Action::Delete,
                "to trash",
                false,
            ),
            b(&[Key::ch('/')], Action::Search, "search", true),
            b(&[Key::ch('t')], Action::Trash, "trash", false),
        ];
        timeline.extend(list_moves());
        timeline.extend([
            b(
                &[Key::ch('?'), Key::plain(K::F(1))],
                Action::Help,
                "help",
                true,
            ),
            b(&[Key::ch('q'), Key::ctrl('c')], Action::Quit, "quit", true),
        ]);
        tables.insert(ScreenId::Timeline, timeline);

        tables.insert(
            ScreenId::Reader,
            vec![
                b(&[Key::ch('e')], Action::Edit, "edit", true),
                b(&[Key::ch('s')], Action::Star, "star", true),
                b(
                    &[Key::ch('f')],
                    Action::ToggleSupervision,
                    "for supervision",
                    true,
                ),
                b(&[Key::ch('u')], Action::ToggleFinished, "finished", true),
                b(
                    &[Key::ch('d'), Key::plain(K::Delete)],
                    Action::Delete,
                    "to trash",
                    true,
                ),
                b(
                    &[Key::plain(K::Down), Key::ch('j')],
                    Action::Down,
                    "scroll down",
                    false,
                ),
                b(
                    &[Key::plain(K::Up), Key::ch('k')],
                    Action::Up,
                    "scroll up",
                    false,
                ),
                b(
                    &[Key::plain(K::PageDown), Key::ch(' ')],
                    Action::PageDown,
                    "page down",
                    false,
                ),
                b(&[Key::plain(K::PageUp)], Action::PageUp, "page up", false),
                b(
                    &[Key::plain(K::Home), Key::ch('g')],
                    Action::Top,
                    "top",
                    false,
                ),
                b(
                    &[Key::plain(K::End), Key::ch('G')],
                    Action::Bottom,
                    "end",
                    false,
                ),
                b(
                    &[Key::plain(K::Esc), Key::ch('q'), Key::plain(K::Left)],
                    Action::Back,
                    "back",
                    true,
                ),
                b(
                    &[Key::ch('?'), Key::plain(K::F(1))],
                    Action::Help,
                    "help",
                    true,
                ),
                b(&[Key::ctrl('c')], Action::Quit, "quit", false),
            ],
        );

        tables.insert(
            ScreenId::Editor,
            vec![
                b(&[Key::ctrl('s')], Action::Save, "save", true),
                b(&[Key::plain(K::Tab)], Action::NextField, "next field", true),
                b(
                    &[Key::plain(K::BackTab)],
                    Action::PrevField,
                    "previous field",
                    false,
                ),
                b(
                    &[Key::ctrl('o')],
                    Action::ExternalEditor,
                    "text in $EDITOR",
                    true,
                ),
                b(&[Key::ctrl('z')], Action::Undo, "undo", false),
                b(&[Key::ctrl('y')], Action::Redo, "redo", false),
                b(&[Key::plain(K::Esc)], Action::Back, "close", true),
                b(&[Key::plain(K::F(1))], Action::Help, "help", true),
                b(&[Key::ctrl('c')], Action::Quit, "quit", false),
            ],
        );

        let mut search = vec![
            b(&[Key::plain(K::Enter)], Action::Open, "read", true),
            b(&[Key::plain(K::Down)], Action::Down, "next", true),
            b(&[Key::plain(K::Up)], Action::Up, "previous", false),
            b(
                &[Key::plain(K::PageDown)],
                Action::PageDown,
                "page down",
                false,
            ),
            b(&[Key::plain(K::PageUp)], Action::PageUp, "page up", false),
            b(&[Key::plain(K::Esc)], Action::Back, "back", true),
            b(&[Key::plain(K::F(1))], Action::Help, "help", true),
            b(&[Key::ctrl('c')], Action::Quit, "quit", false),
        ];
        search.dedup();
        tables.insert(ScreenId::Search, search);

        let mut trash = vec![
            b(&[Key::plain(K::Enter)], Action::Open, "read", true),
            b(&[Key::ch('r')], Action::Restore, "restore", true),
            b(&[Key::ch('P')], Action::Purge, "delete for good", true),
        ];
        trash.extend(list_moves());
        trash.extend([
            b(
                &[Key::plain(K::Esc), Key::ch('q')],
                Action::Back,
                "back",
                true,
            ),
            b(
                &[Key::ch('?'), Key::plain(K::F(1))],
                Action::Help,
                "help",
                true,
            ),
            b(&[Key::ctrl('c')], Action::Quit, "quit", false),
        ]);
        tables.insert(ScreenId::Trash, trash);
        Keymap { tables }
    }
}

impl Keymap {
    /// The default table with `config.toml` overrides applied ("screen.action" = "key").
    /// Each override replaces that action's keys; problems are returned, one line each.
    pub fn with_overrides(overrides: &BTreeMap<String, String>) -> (Keymap, Vec<String>) {
        let mut map = Keymap::default();
        let mut problems = Vec::new();
        for (name, spec) in overrides {
            let Some((screen, action)) = name.split_once('.') else {
                problems.push(format!(
                    "key override '{name}' must be \"screen.action\", e.g. \"timeline.new\""
                ));
                continue;
            };
            let Some(sid) = ScreenId::ALL.iter().copied().find(|s| s.name() == screen) else {
                problems.push(format!("key override '{name}': unknown screen '{screen}'"));
                continue;
            };
            let key = match Key::parse(spec) {
                Ok(k) => k,
                Err(e) => {
                    problems.push(format!("key override '{name}': {e}"));
                    continue;
                }
            };
            let table = map.tables.entry(sid).or_default();
            match table.iter_mut().find(|b| b.action.config_name() == action) {
                Some(binding) => binding.keys = vec![key],
                None => problems.push(format!(
                    "key override '{name}': the {screen} screen has no action '{action}'"
                )),
            }
        }
        (map, problems)
    }

    /// The action a key press means on `screen`.
    pub fn action(&self, screen: ScreenId, ev: &KeyEvent) -> Option<Action> {
        self.bindings(screen)
            .iter()
            .find(|b| b.keys.iter().any(|k| k.matches(ev)))
            .map(|b| b.action)
    }

    /// The table of `screen`, in help order.
    pub fn bindings(&self, screen: ScreenId) -> &[Binding] {
        self.tables.get(&screen).map(Vec::as_slice).unwrap_or(&[])
    }

    /// The first key bound to `action` on `screen`, for messages ("press n to write").
    pub fn key_for(&self, screen: ScreenId, action: Action) -> String {
        self.bindings(screen)
            .iter()
            .find(|b| b.action == action)
            .and_then(|b| b.keys.first())
            .map(ToString::to_string)
            .unwrap_or_else(|| "?".into())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use ratatui::crossterm::event::KeyEventKind;

    fn press(code: KeyCode, mods: KeyModifiers) -> KeyEvent {
        KeyEvent {
            code,
            modifiers: mods,
            kind: KeyEventKind::Press,
            state: ratatui::crossterm::event::KeyEventState::NONE,
        }
    }

    #[test]
    fn keys_parse_and_print() {
        assert_eq!(Key::parse("ctrl-s"), Ok(Key::ctrl('s')));
        assert_eq!(Key::parse("F1"), Ok(Key::plain(KeyCode::F(1))));
        assert_eq!(Key::parse("G"), Ok(Key::ch('G')));
        assert_eq!(Key::parse("space"), Ok(Key::ch(' ')));
        assert_eq!(
            Key::parse("shift-up").map(|k| k.to_string()).as_deref(),
            Ok("Shift-↑")
        );
        assert!(Key::parse("hyper-q").is_err());
        assert!(
            Key::parse("İİ").is_err(),
            "never panics on case-changing text"
        );
        assert_eq!(Key::ctrl('s').to_string(), "Ctrl-S");
    }

    #[test]
    fn shifted_characters_match_their_character() {
        let map = Keymap::default();
        let big_g = press(KeyCode::Char('G'), KeyModifiers::SHIFT);
        assert_eq!(map.action(ScreenId::Timeline, &big_g), Some(Action::Bottom));
        let ctrl_c = press(KeyCode::Char('c'), KeyModifiers::CONTROL);
        assert_eq!(map.action(ScreenId::Timeline, &ctrl_c), Some(Action::Quit));
        let c = press(KeyCode::Char('c'), KeyModifiers::NONE);
        assert_eq!(map.action(ScreenId::Timeline, &c), Some(Action::NewCheckin));
    }

    #[test]
    fn no_screen_binds_one_key_twice() {
        let map = Keymap::default();
        for screen in ScreenId::ALL {
            let mut seen = std::collections::HashSet::new();
            for binding in map.bindings(screen) {
                for key in &binding.keys {
                    assert!(seen.insert(*key), "{screen:?}: {key} bound twice");
                }
            }
        }
    }

    #[test]
    fn overrides_replace_keys_and_report_problems() {
        let mut o = BTreeMap::new();
        o.insert("timeline.new".to_string(), "w".to_string());
        o.insert("timeline.fly".to_string(), "x".to_string());
        o.insert("nowhere.new".to_string(), "x".to_string());
        o.insert("editor.save".to_string(), "hyper-s".to_string());
        let (map, problems) = Keymap::with_overrides(&o);
        let w = press(KeyCode::Char('w'), KeyModifiers::NONE);
        assert_eq!(
            map.action(ScreenId::Timeline, &w),
            Some(Action::NewReflection)
        );
        let n = press(KeyCode::Char('n'), KeyModifiers::NONE);
        assert_eq!(map.action(ScreenId::Timeline, &n), None);
        assert_eq!(problems.len(), 3, "{problems:?}");
        assert_eq!(map.key_for(ScreenId::Editor, Action::Save), "Ctrl-S");
    }
}
