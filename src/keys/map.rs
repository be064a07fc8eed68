//! The key tables: every screen and dialog ([`ScreenId`]), what keys can mean ([`Action`]),
//! each screen's bindings in help order, the overrides from `config.toml` and their problems.

use std::collections::BTreeMap;

use super::Key;

/// Every screen and dialog with a key table of its own.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum ScreenId {
    Timeline,
    Reader,
    Editor,
    Search,
    Trash,
    /// Leaving an editor with unsaved changes.
    Leave,
    /// Deleting an entry for good.
    Purge,
    /// A draft from an interrupted session.
    Draft,
    /// The check-in steps.
    Checkin,
    /// Logging recovery (sleep, a break, movement).
    Recovery,
    /// Where to get support.
    Support,
    /// Choosing a reflective model.
    Templates,
    /// A review: its questions and your answers.
    Review,
    /// Supervision: the next agenda, its actions, and the prep pack.
    Supervision,
    /// A one-line question (why an action is dropped, an item for the agenda).
    Prompt,
    /// Trends: stress over time, when, kinds of work, the body, emotions, with and without; signals.
    Trends,
    /// What the confidentiality guard found in an entry just saved.
    Guard,
    /// Exporting the journal to a file.
    Export,
    /// Saving over an entry that was changed elsewhere meanwhile.
    Conflict,
    /// CPD records: the registration year and its records.
    Cpd,
}

impl ScreenId {
    pub const ALL: [ScreenId; 20] = [
        ScreenId::Timeline,
        ScreenId::Reader,
        ScreenId::Editor,
        ScreenId::Search,
        ScreenId::Trash,
        ScreenId::Leave,
        ScreenId::Purge,
        ScreenId::Draft,
        ScreenId::Checkin,
        ScreenId::Recovery,
        ScreenId::Support,
        ScreenId::Templates,
        ScreenId::Review,
        ScreenId::Supervision,
        ScreenId::Prompt,
        ScreenId::Trends,
        ScreenId::Guard,
        ScreenId::Export,
        ScreenId::Conflict,
        ScreenId::Cpd,
    ];

    /// The name used in `config.toml` ("timeline" in "timeline.new").
    pub fn name(self) -> &'static str {
        match self {
            ScreenId::Timeline => "timeline",
            ScreenId::Reader => "reader",
            ScreenId::Editor => "editor",
            ScreenId::Search => "search",
            ScreenId::Trash => "trash",
            ScreenId::Leave => "leave",
            ScreenId::Purge => "purge",
            ScreenId::Draft => "draft",
            ScreenId::Checkin => "checkin",
            ScreenId::Recovery => "recovery",
            ScreenId::Support => "support",
            ScreenId::Templates => "templates",
            ScreenId::Review => "review",
            ScreenId::Supervision => "supervision",
            ScreenId::Prompt => "prompt",
            ScreenId::Trends => "trends",
            ScreenId::Guard => "guard",
            ScreenId::Export => "export",
            ScreenId::Conflict => "conflict",
            ScreenId::Cpd => "cpd",
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
    NewWithModel,
    AfterVisit,
    StartReview,
    NewCheckin,
    NewSupervision,
    NewLearning,
    PrepareSupervision,
    Trends,
    NextRange,
    ActionDone,
    ActionDrop,
    ActionReopen,
    QueueItem,
    Unqueue,
    LogRecovery,
    Support,
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
    KeepDraft,
    Discard,
    KeepMine,
    SaveAsNew,
    ViewTheirs,
    Wellbeing,
    Cpd,
    CpdRecord,
    CpdPeer,
    CpdRemove,
    EarlierYear,
    LaterYear,
    Confirm,
    PurgeNoCopy,
    Later,
    UseRole,
    Generalise,
    Keep,
    Export,
    FormatJson,
    FormatMarkdown,
    FormatCsv,
    Redact,
    AllowIdentifiers,
    Help,
    Back,
    Quit,
}

impl Action {
    /// The name used in `config.toml` ("new" in "timeline.new").
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
            Action::NewWithModel => "new-with-model",
            Action::AfterVisit => "after-visit",
            Action::StartReview => "review",
            Action::NewCheckin => "new-checkin",
            Action::NewSupervision => "new-supervision",
            Action::NewLearning => "new-learning",
            Action::PrepareSupervision => "prepare-supervision",
            Action::Trends => "trends",
            Action::NextRange => "next-range",
            Action::ActionDone => "action-done",
            Action::ActionDrop => "action-drop",
            Action::ActionReopen => "action-reopen",
            Action::QueueItem => "queue-item",
            Action::Unqueue => "unqueue",
            Action::LogRecovery => "log-recovery",
            Action::Support => "support",
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
            Action::KeepDraft => "keep-draft",
            Action::Discard => "discard",
            Action::KeepMine => "keep-mine",
            Action::SaveAsNew => "save-as-new",
            Action::ViewTheirs => "view-theirs",
            Action::Wellbeing => "wellbeing",
            Action::Cpd => "cpd",
            Action::CpdRecord => "cpd-record",
            Action::CpdPeer => "cpd-peer",
            Action::CpdRemove => "cpd-remove",
            Action::EarlierYear => "earlier-year",
            Action::LaterYear => "later-year",
            Action::Confirm => "confirm",
            Action::PurgeNoCopy => "delete-without-copy",
            Action::Later => "later",
            Action::UseRole => "use-role",
            Action::Generalise => "generalise",
            Action::Keep => "keep",
            Action::Export => "export",
            Action::FormatJson => "json",
            Action::FormatMarkdown => "markdown",
            Action::FormatCsv => "csv",
            Action::Redact => "redact",
            Action::AllowIdentifiers => "allow-identifiers",
            Action::Help => "help",
            Action::Back => "back",
            Action::Quit => "quit",
        }
    }
}

/// One row of a table: the keys, what they do, the words shown in help, and whether the
/// one-line hint bar shows it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Binding {
    pub keys: Vec<Key>,
    pub action: Action,
    pub help: &'static str,
    pub hint: bool,
}

/// Every screen's table.
#[derive(Clone, Debug)]
pub struct Keymap {
    pub(super) tables: BTreeMap<ScreenId, Vec<Binding>>,
}

impl Keymap {
    /// The default tables with `config.toml` overrides applied ("screen.action" = "key").
    /// Each override replaces that action's keys. Problems (an unknown screen, action or key,
    /// or two actions of one screen on the same key) are returned, one line each.
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
                let names: Vec<&str> = ScreenId::ALL.iter().map(|s| s.name()).collect();
                problems.push(format!(
                    "key override '{name}': unknown screen '{screen}' (screens: {})",
                    names.join(", ")
                ));
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
        problems.extend(map.conflicts());
        (map, problems)
    }

    /// Two actions of one screen bound to the same key, one line each.
    fn conflicts(&self) -> Vec<String> {
        let mut out = Vec::new();
        for (screen, table) in &self.tables {
            let mut seen: BTreeMap<Key, Action> = BTreeMap::new();
            for binding in table {
                for key in &binding.keys {
                    match seen.get(key) {
                        Some(first) if *first != binding.action => out.push(format!(
                            "keys: {key} is bound twice on the {} screen, to \"{}.{}\" and \"{}.{}\": change one",
                            screen.name(),
                            screen.name(),
                            first.config_name(),
                            screen.name(),
                            binding.action.config_name()
                        )),
                        _ => {
                            seen.insert(*key, binding.action);
                        }
                    }
                }
            }
        }
        out
    }

    /// The action `key` means on `screen`.
    pub fn action(&self, screen: ScreenId, key: &Key) -> Option<Action> {
        self.bindings(screen)
            .iter()
            .find(|b| b.keys.contains(key))
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

impl Keymap {
    /// The key table as Markdown, as the README shows it: one row per binding, bindings that
    /// are the same on several screens in one row.
    pub fn markdown_table(&self) -> String {
        let mut rows: Vec<(Vec<&'static str>, String, &'static str)> = Vec::new();
        for screen in ScreenId::ALL {
            for b in self.bindings(screen) {
                let keys = b
                    .keys
                    .iter()
                    .map(|k| format!("`{k}`"))
                    .collect::<Vec<_>>()
                    .join(" ");
                match rows.iter_mut().find(|(_, k, h)| *k == keys && *h == b.help) {
                    Some(row) => row.0.push(screen.name()),
                    None => rows.push((vec![screen.name()], keys, b.help)),
                }
            }
        }
        let mut out = String::from("| screen | keys | does |\n|---|---|---|\n");
        for (screens, keys, help) in rows {
            out.push_str(&format!("| {} | {keys} | {help} |\n", screens.join(", ")));
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::keys::Code;

    #[test]
    fn no_screen_binds_one_key_twice() {
        assert_eq!(Keymap::default().conflicts(), Vec::<String>::new());
    }

    #[test]
    fn overrides_replace_keys_and_report_problems() {
        let mut o = BTreeMap::new();
        o.insert("timeline.new".to_string(), "w".to_string());
        o.insert("timeline.fly".to_string(), "x".to_string());
        o.insert("nowhere.new".to_string(), "x".to_string());
        o.insert("editor.save".to_string(), "hyper-s".to_string());
        let (map, problems) = Keymap::with_overrides(&o);
        assert_eq!(
            map.action(ScreenId::Timeline, &Key::ch('w')),
            Some(Action::NewReflection)
        );
        assert_eq!(map.action(ScreenId::Timeline, &Key::ch('n')), None);
        assert_eq!(problems.len(), 3, "{problems:?}");
        assert_eq!(map.key_for(ScreenId::Editor, Action::Save), "Ctrl-S");
    }

    #[test]
    fn an_override_onto_a_taken_key_names_both_actions() {
        let mut o = BTreeMap::new();
        o.insert("timeline.new".to_string(), "q".to_string());
        let (_, problems) = Keymap::with_overrides(&o);
        assert_eq!(problems.len(), 1, "{problems:?}");
        assert!(
            problems[0].contains("\"timeline.new\"") && problems[0].contains("\"timeline.quit\""),
            "{}",
            problems[0]
        );
    }

    #[test]
    fn dialogs_have_tables_too() {
        let map = Keymap::default();
        assert_eq!(
            map.action(ScreenId::Purge, &Key::ch('y')),
            Some(Action::Confirm)
        );
        assert_eq!(
            map.action(ScreenId::Draft, &Key::plain(Code::Enter)),
            Some(Action::Restore)
        );
    }
}
