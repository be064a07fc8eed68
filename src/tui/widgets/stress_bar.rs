//! A stress rating as its number and a ten-cell bar. The number is always there, so colour
//! never carries the meaning alone.

use ratatui::text::Span;

use crate::tui::theme::Theme;

/// `7 ███████░░░` as styled spans; an empty rating is blank space of the same width.
pub fn stress_spans(value: Option<u8>, theme: &Theme) -> Vec<Span<'static>> {
    match value {
        Some(v) => {
            let v = v.min(10);
            let style = theme.stress(v);
            vec![
                Span::styled(format!("{v:>2} "), style),
                Span::styled("█".repeat(usize::from(v)), style),
                Span::styled("░".repeat(usize::from(10 - v)), theme.dim),
            ]
        }
        None => vec![Span::raw(" ".repeat(13))],
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bar_shows_number_and_cells() {
        let theme = Theme::plain();
        let text: String = stress_spans(Some(7), &theme)
            .iter()
            .map(|s| s.content.as_ref())
            .collect();
        assert_eq!(text, " 7 ███████░░░");
        let blank: String = stress_spans(None, &theme)
            .iter()
            .map(|s| s.content.as_ref())
            .collect();
        assert_eq!(blank.chars().count(), text.chars().count());
    }

    #[test]
    fn high_stress_is_styled_differently_from_low() {
        let theme = Theme::new(crate::config::ThemeName::Default, false);
        assert_ne!(
            stress_spans(Some(9), &theme)[0].style,
            stress_spans(Some(1), &theme)[0].style
        );
        assert_eq!(stress_spans(Some(9), &theme)[0].style, theme.stress_high);
    }
}
