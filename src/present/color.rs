//! Whether to use colour, decided once for the CLI and the TUI alike: the `--color` flag, then
//! `NO_COLOR` (any non-empty value turns colour off), `CLICOLOR_FORCE` (turns it on even
//! when piped), `TERM=dumb`, and finally whether the output is a terminal.

use std::fmt;
use std::str::FromStr;

use crate::{Error, Result};

/// The `--color` setting.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum ColorChoice {
    /// Colour on a terminal, unless the environment says otherwise.
    #[default]
    Auto,
    Always,
    Never,
}

impl FromStr for ColorChoice {
    type Err = Error;
    fn from_str(s: &str) -> Result<Self> {
        match s.trim().to_lowercase().as_str() {
            "auto" => Ok(ColorChoice::Auto),
            "always" => Ok(ColorChoice::Always),
            "never" => Ok(ColorChoice::Never),
            other => Err(Error::invalid(
                "color",
                format!(
                    "--color takes auto, always or never, not '{}'",
                    other.escape_debug()
                ),
            )),
        }
    }
}

impl fmt::Display for ColorChoice {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            ColorChoice::Auto => "auto",
            ColorChoice::Always => "always",
            ColorChoice::Never => "never",
        })
    }
}

impl ColorChoice {
    /// Decide for an output that `is_terminal` (or not), reading the environment through `var`.
    pub fn use_color(self, is_terminal: bool, var: impl Fn(&str) -> Option<String>) -> bool {
        let set = |name: &str| var(name).is_some_and(|v| !v.is_empty());
        match self {
            ColorChoice::Never => false,
            ColorChoice::Always => true,
            ColorChoice::Auto if set("NO_COLOR") => false,
            ColorChoice::Auto
                if var("CLICOLOR_FORCE").is_some_and(|v| !v.is_empty() && v != "0") =>
            {
                true
            }
            ColorChoice::Auto if var("TERM").as_deref() == Some("dumb") => false,
            ColorChoice::Auto => is_terminal,
        }
    }

    /// [`ColorChoice::use_color`] with this process's environment.
    pub fn use_color_here(self, is_terminal: bool) -> bool {
        self.use_color(is_terminal, |name| std::env::var(name).ok())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn env<'a>(pairs: &'a [(&'a str, &'a str)]) -> impl Fn(&str) -> Option<String> + 'a {
        move |name| {
            pairs
                .iter()
                .find(|(k, _)| *k == name)
                .map(|(_, v)| v.to_string())
        }
    }

    #[test]
    fn the_flag_wins_then_the_environment_then_the_terminal() {
        let auto = ColorChoice::Auto;
        assert!(auto.use_color(true, env(&[])));
        assert!(!auto.use_color(false, env(&[])));
        assert!(!auto.use_color(true, env(&[("NO_COLOR", "1")])));
        assert!(
            auto.use_color(true, env(&[("NO_COLOR", "")])),
            "empty NO_COLOR is unset"
        );
        assert!(auto.use_color(false, env(&[("CLICOLOR_FORCE", "1")])));
        assert!(!auto.use_color(false, env(&[("CLICOLOR_FORCE", "0")])));
        assert!(!auto.use_color(true, env(&[("NO_COLOR", "1"), ("CLICOLOR_FORCE", "1")])));
        assert!(!auto.use_color(true, env(&[("TERM", "dumb")])));
        assert!(ColorChoice::Always.use_color(false, env(&[("NO_COLOR", "1")])));
        assert!(!ColorChoice::Never.use_color(true, env(&[("CLICOLOR_FORCE", "1")])));
    }

    #[test]
    fn choices_parse() {
        assert_eq!(
            "Always".parse::<ColorChoice>().ok(),
            Some(ColorChoice::Always)
        );
        assert!("sometimes".parse::<ColorChoice>().is_err());
    }
}
