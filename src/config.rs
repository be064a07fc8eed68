//! Settings from `config.toml`: theme, week start, default template, editor and key
//! overrides. A broken file never stops debrief: it starts with defaults and says why.

use std::collections::BTreeMap;
use std::path::Path;

use serde::Deserialize;

/// The commented default file, printed by `debrief config --default`.
pub const DEFAULT_CONFIG: &str = include_str!("../assets/default-config.toml");

/// The largest settings file read (the default one is a few kilobytes); a larger one is not
/// read, and said so.
pub const MAX_SETTINGS_BYTES: usize = 1 << 20;

#[derive(Clone, Debug, PartialEq, Eq, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Config {
    pub theme: ThemeName,
    pub week_start: WeekStart,
    /// How dates with slashes are read: dmy (20/11/2026, the default), mdy or ymd.
    pub date_order: crate::domain::date_words::DateOrder,
    pub default_template: String,
    pub editor: EditorChoice,
    /// Scroll with the mouse wheel (then Shift+drag selects text in most terminals).
    pub mouse: bool,
    /// "screen.action" -> key, e.g. "timeline.new" -> "w".
    pub keys: BTreeMap<String, String>,
    /// Check-in words of the user's own, added to the shipped vocabulary.
    pub vocabulary: crate::domain::vocab::Extra,
    /// The CPD requirement: when the registration year starts, how many records.
    pub cpd: crate::domain::cpd::Requirement,
    /// Whether trends and early-warning signals are shown.
    pub trends: TrendsSettings,
    /// How many automatic backups are kept.
    pub backups: BackupSettings,
}

/// debrief's automatic backups (daily, before a restore or an upgrade): the newest `keep`
/// stay, older ones go. Backups you make yourself are never removed.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct BackupSettings {
    pub keep: usize,
}

impl Default for BackupSettings {
    fn default() -> Self {
        BackupSettings { keep: 7 }
    }
}

/// Trends can feed rumination for some people: both views can be switched off.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct TrendsSettings {
    /// The Trends screen and `debrief trends`.
    pub show: bool,
    /// Early-warning signals (in the Trends screen and `debrief trends --signals`).
    pub signals: bool,
    /// Signals switched off one by one, by name (`signals_off = ["no_breaks"]`).
    pub signals_off: crate::analytics::signals::Off,
}

impl Default for TrendsSettings {
    fn default() -> Self {
        TrendsSettings {
            show: true,
            signals: true,
            signals_off: crate::analytics::signals::Off::default(),
        }
    }
}

impl Default for Config {
    fn default() -> Self {
        Config {
            theme: ThemeName::Default,
            week_start: WeekStart::Monday,
            date_order: crate::domain::date_words::DateOrder::Dmy,
            default_template: "free".into(),
            editor: EditorChoice::Builtin,
            mouse: true,
            keys: BTreeMap::new(),
            vocabulary: crate::domain::vocab::Extra::default(),
            cpd: crate::domain::cpd::Requirement::default(),
            trends: TrendsSettings::default(),
            backups: BackupSettings::default(),
        }
    }
}

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum ThemeName {
    #[default]
    Default,
    HighContrast,
}

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum WeekStart {
    #[default]
    Monday,
    Sunday,
}

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum EditorChoice {
    #[default]
    Builtin,
    External,
}

impl Config {
    /// Read settings from `path`. A missing file gives the defaults. In a file with
    /// mistakes every valid setting still applies, and the warning names every invalid one
    /// (file, line, key, what is allowed); those take their defaults.
    pub fn load(path: &Path) -> (Config, Option<String>) {
        let read = crate::bounded::read(path, MAX_SETTINGS_BYTES, crate::bounded::wait());
        let text = match read {
            Ok(bytes) => String::from_utf8(bytes.to_vec()).map_err(|_| {
                std::io::Error::new(std::io::ErrorKind::InvalidData, "it is not UTF-8 text")
            }),
            Err(crate::bounded::ReadError::Io(e)) => Err(e),
            Err(e) => Err(std::io::Error::other(e.to_string())),
        };
        match text {
            Ok(text) => match Config::parse_each(&text) {
                (c, problems) if problems.is_empty() => (c, None),
                (c, problems) => (
                    c,
                    Some(format!(
                        "{}: {}; the other settings apply",
                        path.display(),
                        problems.join("; ")
                    )),
                ),
            },
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => (Config::default(), None),
            Err(e) => (
                Config::default(),
                Some(format!(
                    "cannot read {} ({e}); starting with the default settings",
                    path.display()
                )),
            ),
        }
    }

    /// Parse settings text key by key: the settings that are valid, and one line for each
    /// that is not.
    pub fn parse_each(text: &str) -> (Config, Vec<String>) {
        let table: toml::Table = match toml::from_str(text) {
            Ok(t) => t,
            Err(e) => return (Config::default(), vec![describe(text, &e)]),
        };
        let mut c = Config::default();
        let mut problems = Vec::new();
        for (key, value) in table {
            let line = line_of_key(text, &key).unwrap_or(0);
            let result: Result<(), String> = match key.as_str() {
                "theme" => value
                    .try_into()
                    .map(|v| c.theme = v)
                    .map_err(|_| "use \"default\" or \"high-contrast\"".to_string()),
                "week_start" => value
                    .try_into()
                    .map(|v| c.week_start = v)
                    .map_err(|_| "use \"monday\" or \"sunday\"".to_string()),
                "date_order" => value
                    .try_into()
                    .map(|v| c.date_order = v)
                    .map_err(|_| "use \"dmy\", \"mdy\" or \"ymd\"".to_string()),
                "editor" => value
                    .try_into()
                    .map(|v| c.editor = v)
                    .map_err(|_| "use \"builtin\" or \"external\"".to_string()),
                "default_template" => match value.as_str() {
                    Some(t) if crate::domain::templates::is_known(t) => {
                        c.default_template = t.to_string();
                        Ok(())
                    }
                    _ => Err(format!(
                        "unknown template, use {}",
                        crate::domain::templates::names().join(", ")
                    )),
                },
                "mouse" => value
                    .as_bool()
                    .map(|v| c.mouse = v)
                    .ok_or_else(|| "use true or false".to_string()),
                "keys" => value
                    .try_into()
                    .map(|v| c.keys = v)
                    .map_err(|_| "write [keys] entries as \"screen.action\" = \"key\"".to_string()),
                "vocabulary" | "cpd" | "trends" | "backups" => c.set_section(key.as_str(), value),
                _ => Err("not a setting (see `debrief config --default`)".to_string()),
            };
            if let Err(why) = result {
                problems.push(format!("line {line} (key `{key}`): {why}"));
            }
        }
        (c, problems)
    }

    /// One of the settings' tables ([vocabulary], [cpd], [trends], [backups]).
    fn set_section(&mut self, key: &str, value: toml::Value) -> Result<(), String> {
        let c = self;
        match key {
            "vocabulary" => {
                value
                    .try_into()
                    .map(|v| c.vocabulary = v)
                    .map_err(|e: toml::de::Error| {
                        format!(
                            "{}; write lists of words, e.g. contexts = [\"outreach clinic\"]",
                            e.message().trim()
                        )
                    })
            }
            "cpd" => value
                .try_into::<crate::domain::cpd::Requirement>()
                .map_err(|e| e.message().trim().to_string())
                .and_then(|r| {
                    r.start().map_err(|e| e.to_string())?;
                    c.cpd = r;
                    Ok(())
                }),
            "trends" => value
                .try_into()
                .map(|v| c.trends = v)
                .map_err(|e: toml::de::Error| {
                    format!(
                        "{}; use show = true|false, signals = true|false and signals_off = [names of signals]",
                        e.message().trim()
                    )
                }),
            "backups" => value
                .try_into::<BackupSettings>()
                .map_err(|e| format!("{}; use keep = a number of backups", e.message().trim()))
                .and_then(|b| match b.keep {
                    0 => Err("keep at least 1 backup (keep = 1 or more)".to_string()),
                    _ => {
                        c.backups = b;
                        Ok(())
                    }
                }),
            _ => Err("not a setting (see `debrief config --default`)".to_string()),
        }
    }

    /// Parse settings text whole: the first invalid setting is an error naming its line and
    /// key (the same checks as [`Config::parse_each`], which keeps the valid ones instead).
    pub fn parse(text: &str) -> crate::Result<Config> {
        match Config::parse_each(text) {
            (config, problems) if problems.is_empty() => Ok(config),
            (_, problems) => Err(crate::Error::invalid("config", problems.join("; "))),
        }
    }
}

fn describe(text: &str, e: &toml::de::Error) -> String {
    let message = e.message().replace('\n', " ");
    match e.span() {
        Some(span) => {
            let line_no = text[..span.start.min(text.len())].matches('\n').count() + 1;
            let line = text.lines().nth(line_no - 1).unwrap_or("");
            let key = line
                .split('=')
                .next()
                .unwrap_or("")
                .trim()
                .trim_matches('"');
            if line.contains('=') && !key.is_empty() {
                format!("line {line_no} (key `{key}`): {message}")
            } else {
                format!("line {line_no}: {message}")
            }
        }
        None => message,
    }
}

fn line_of_key(text: &str, key: &str) -> Option<usize> {
    let table = format!("[{key}]");
    text.lines()
        .position(|l| {
            let l = l.trim_start();
            l.starts_with(key) || l.starts_with(&table)
        })
        .map(|i| i + 1)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_shipped_default_file_is_the_default() {
        assert_eq!(Config::parse(DEFAULT_CONFIG).ok(), Some(Config::default()));
    }

    #[test]
    fn settings_are_read() {
        let c = Config::parse(
            "theme = \"high-contrast\"\nweek_start = \"sunday\"\neditor = \"external\"\ndefault_template = \"gibbs\"\n[keys]\n\"timeline.new\" = \"w\"\n",
        )
        .expect("valid");
        assert_eq!(c.theme, ThemeName::HighContrast);
        assert_eq!(c.week_start, WeekStart::Sunday);
        assert_eq!(c.editor, EditorChoice::External);
        assert_eq!(c.default_template, "gibbs");
        assert_eq!(c.keys.get("timeline.new").map(String::as_str), Some("w"));
    }

    #[test]
    fn errors_name_the_line_and_key() {
        let err = Config::parse("week_start = \"monday\"\ntheme = \"dark\"\n")
            .expect_err("bad theme")
            .to_string();
        assert!(err.starts_with("line 2 (key `theme`)"), "{err}");
        let err = Config::parse("\n\nthemes = \"default\"\n")
            .expect_err("unknown key")
            .to_string();
        assert!(err.contains("line 3") && err.contains("themes"), "{err}");
        let err = Config::parse("default_template = \"nope\"\n")
            .expect_err("template")
            .to_string();
        assert!(err.contains("line 1 (key `default_template`)"), "{err}");
        // Found by fuzzing: a year that starts in month 13 was taken whole.
        let err = Config::parse("[cpd]\nyear_starts = \"13-01\"\n")
            .expect_err("month 13")
            .to_string();
        assert!(err.contains("key `cpd`"), "{err}");
    }

    #[test]
    fn every_valid_setting_applies_and_every_invalid_one_is_named() {
        let (c, problems) = Config::parse_each(
            "theme = \"dark\"\nweek_start = \"sunday\"\ncolour = 3\ndate_order = \"mdy\"\n",
        );
        assert_eq!(c.week_start, WeekStart::Sunday);
        assert_eq!(c.date_order, crate::domain::date_words::DateOrder::Mdy);
        assert_eq!(
            c.theme,
            ThemeName::Default,
            "the invalid one takes its default"
        );
        assert_eq!(problems.len(), 2, "{problems:?}");
        assert!(
            problems[0].contains("line 3 (key `colour`)")
                || problems[1].contains("line 3 (key `colour`)"),
            "{problems:?}"
        );
        assert!(
            problems
                .iter()
                .any(|p| p.starts_with("line 1 (key `theme`)") && p.contains("high-contrast")),
            "{problems:?}"
        );
    }

    #[test]
    fn vocabulary_words_are_read_and_mistakes_named() {
        let (c, problems) = Config::parse_each(
            "[vocabulary]\ncontexts = [\"outreach clinic\"]\nsupport = [\"Call 0100\"]\n",
        );
        assert!(problems.is_empty(), "{problems:?}");
        assert_eq!(c.vocabulary.contexts, ["outreach clinic"]);
        let (_, problems) = Config::parse_each("[vocabulary]\ncolours = [\"red\"]\n");
        assert_eq!(problems.len(), 1, "{problems:?}");
        assert!(
            problems[0].contains("vocabulary") && problems[0].contains("colours"),
            "{problems:?}"
        );
    }

    #[test]
    fn a_missing_file_is_quietly_the_default_and_a_broken_one_says_so() {
        let dir = tempfile::tempdir().expect("tmp");
        let (c, warning) = Config::load(&dir.path().join("none.toml"));
        assert_eq!((c, warning), (Config::default(), None));
        let bad = dir.path().join("config.toml");
        std::fs::write(&bad, "theme = 3\n").expect("write");
        let (c, warning) = Config::load(&bad);
        assert_eq!(c, Config::default());
        let w = warning.expect("warning");
        assert!(
            w.contains("config.toml") && w.contains("line 1 (key `theme`)"),
            "{w}"
        );
    }
}
