//! Colours by meaning. Two themes (default, high contrast) and a colourless one for when
//! colour is off (`NO_COLOR`, `--color never`, `TERM=dumb`), where emphasis uses bold, reverse
//! and underline only. Presentation roles map to styles here and nowhere else.

use ratatui::style::{Color, Modifier, Style};

use crate::config::ThemeName;
use crate::present::{Role, StressLevel, stress_level};

/// Styles for each role on screen.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Theme {
    pub text: Style,
    pub dim: Style,
    pub title: Style,
    pub heading: Style,
    pub selected: Style,
    pub key: Style,
    pub border: Style,
    pub focus_border: Style,
    pub matched: Style,
    pub error: Style,
    pub notice: Style,
    pub stress_low: Style,
    pub stress_mid: Style,
    pub stress_high: Style,
}

impl Theme {
    /// The theme for a setting, or the colourless one when `no_color` is set.
    pub fn new(name: ThemeName, no_color: bool) -> Theme {
        if no_color {
            return Theme::plain();
        }
        match name {
            ThemeName::Default => Theme {
                text: Style::new(),
                dim: Style::new().fg(Color::DarkGray),
                title: Style::new().add_modifier(Modifier::BOLD),
                heading: Style::new().fg(Color::Cyan).add_modifier(Modifier::BOLD),
                selected: Style::new().bg(Color::Blue).fg(Color::White),
                key: Style::new().fg(Color::Cyan).add_modifier(Modifier::BOLD),
                border: Style::new().fg(Color::DarkGray),
                focus_border: Style::new().fg(Color::Cyan),
                matched: Style::new().fg(Color::Yellow).add_modifier(Modifier::BOLD),
                error: Style::new().fg(Color::Red).add_modifier(Modifier::BOLD),
                notice: Style::new().fg(Color::Green),
                stress_low: Style::new().fg(Color::Green),
                stress_mid: Style::new().fg(Color::Yellow),
                stress_high: Style::new().fg(Color::Red),
            },
            // Readable on dark and light terminals alike: the terminal's own text colour,
            // with bold, underline and reverse video for emphasis; red only for what is urgent.
            ThemeName::HighContrast => {
                let bold = Style::new().add_modifier(Modifier::BOLD);
                let reversed = bold.add_modifier(Modifier::REVERSED);
                Theme {
                    text: Style::new(),
                    dim: Style::new(),
                    title: bold,
                    heading: bold.add_modifier(Modifier::UNDERLINED),
                    selected: reversed,
                    key: bold,
                    border: Style::new(),
                    focus_border: bold,
                    matched: reversed,
                    error: Style::new().fg(Color::Red).add_modifier(Modifier::BOLD),
                    notice: bold,
                    stress_low: Style::new(),
                    stress_mid: bold,
                    stress_high: Style::new().fg(Color::Red).add_modifier(Modifier::BOLD),
                }
            }
        }
    }

    /// No colours at all (`NO_COLOR`): meaning is carried by text, bold and reverse video.
    pub fn plain() -> Theme {
        let bold = Style::new().add_modifier(Modifier::BOLD);
        Theme {
            text: Style::new(),
            dim: Style::new(),
            title: bold,
            heading: bold,
            selected: Style::new().add_modifier(Modifier::REVERSED),
            key: bold,
            border: Style::new(),
            focus_border: bold,
            matched: Style::new().add_modifier(Modifier::BOLD | Modifier::UNDERLINED),
            error: bold,
            notice: Style::new(),
            stress_low: Style::new(),
            stress_mid: Style::new(),
            stress_high: bold,
        }
    }

    /// The style for a stress value (the number is always shown next to it).
    pub fn stress(&self, value: u8) -> Style {
        self.role(Role::Stress(stress_level(value)))
    }

    /// The style for a presentation role.
    pub fn role(&self, role: Role) -> Style {
        match role {
            Role::Text => self.text,
            Role::Dim => self.dim,
            Role::Title => self.title,
            Role::Heading => self.heading,
            Role::Key => self.key,
            Role::Stress(StressLevel::Low) => self.stress_low,
            Role::Stress(StressLevel::Mid) => self.stress_mid,
            Role::Stress(StressLevel::High) => self.stress_high,
            Role::Match => self.matched,
            Role::Warning => self.error,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn no_color_wins_over_any_theme() {
        for name in [ThemeName::Default, ThemeName::HighContrast] {
            let t = Theme::new(name, true);
            assert_eq!(t, Theme::plain());
            assert!(
                t.stress_high.fg.is_none() && t.selected.bg.is_none(),
                "no colours at all"
            );
        }
        assert_ne!(
            Theme::new(ThemeName::Default, false),
            Theme::new(ThemeName::HighContrast, false)
        );
    }
}
