//! Settings from `config.toml`: theme, week start, default template, editor and key
//! overrides. A broken file never stops debrief: it starts with defaults and says why.

use std::collections::BTreeMap;
use std::path::Path;

use serde::Deserialize;

/// The commented default file, printed by `debrief config --default`.
pub const DEFAULT_CONFIG: &str = include_str!("../assets/default-config.toml");

#[derive(Clone, Debug, PartialEq, Eq, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Config {
    pub theme: ThemeName,
    pub week_start: WeekStart,
    /// How dates with slashes are read: dmy (20/11/2026, the default), mdy or ymd.
    pub date_order: crate::domain::date_words::DateOrder,
    pub default_template: String,
    pub editor: EditorChoice,
    /// "screen.action" -> key, e.g. "timeline.new" -> "w".
    pub keys: BTreeMap<String, String>,
}

impl Default for Config {
    fn default() -> Self {
        Config {
            theme: ThemeName::Default,
            week_start: WeekStart::Monday,
            date_order: crate::domain::date_words::DateOrder::Dmy,
            default_template: "free".into(),
            editor: EditorChoice::Builtin,
            keys: BTreeMap::new(),
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
    /// Read settings from `path`. A missing file gives the defaults; a broken one gives the
    /// defaults and a one-line warning naming the file, the line and the key.
    pub fn load(path: &Path) -> (Config, Option<String>) {
        match std::fs::read_to_string(path) {
            Ok(text) => match Config::parse(&text) {
                Ok(c) => (c, None),
                Err(msg) => (
                    Config::default(),
                    Some(format!(
                        "{}: {msg}; starting with the default settings",
                        path.display()
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

    /// Parse settings text; the error names the line and key.
    pub fn parse(text: &str) -> crate::Result<Config> {
        let config: Config = toml::from_str(text)
            .map_err(|e| crate::Error::invalid("config", describe(text, &e)))?;
        if !crate::domain::templates::is_known(&config.default_template) {
            return Err(crate::Error::invalid(
                "config",
                format!(
                    "line {} (key `default_template`): unknown template '{}', use {}",
                    line_of_key(text, "default_template").unwrap_or(0),
                    config.default_template,
                    crate::domain::templates::names().join(", ")
                ),
            ));
        }
        Ok(config)
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
    text.lines()
        .position(|l| l.trim_start().starts_with(key))
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
