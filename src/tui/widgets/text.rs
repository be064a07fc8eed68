//! Presentation spans ([`crate::present`]) as ratatui lines, styled by the theme. Tabs become
//! spaces to the next multiple of four columns (a terminal cell cannot hold a tab).

use ratatui::text::{Line, Span};

use crate::present::{self, Section};
use crate::tui::theme::Theme;

const TAB: usize = 4;

/// Replace tabs with spaces up to the next tab stop.
pub fn expand_tabs(text: &str) -> String {
    if !text.contains('\t') {
        return text.to_string();
    }
    let mut out = String::with_capacity(text.len() + 8);
    let mut col = 0;
    for c in text.chars() {
        if c == '\t' {
            let n = TAB - col % TAB;
            out.extend(std::iter::repeat_n(' ', n));
            col += n;
        } else {
            out.push(c);
            col += unicode_width::UnicodeWidthChar::width(c).unwrap_or(0);
        }
    }
    out
}

/// One line of spans.
pub fn line(spans: &[present::Span], theme: &Theme) -> Line<'static> {
    Line::from(
        spans
            .iter()
            .map(|s| Span::styled(expand_tabs(&s.text), theme.role(s.role)))
            .collect::<Vec<_>>(),
    )
}

/// Sections one after another, a blank line between them, headings in the heading style.
pub fn sections(sections: &[Section], theme: &Theme) -> Vec<Line<'static>> {
    let mut out = Vec::new();
    for (i, s) in sections.iter().enumerate() {
        if i > 0 {
            out.push(Line::raw(""));
        }
        if let Some(h) = &s.heading {
            out.push(Line::styled(h.clone(), theme.heading));
        }
        out.extend(s.lines.iter().map(|l| line(l, theme)));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tabs_expand_to_the_next_stop() {
        assert_eq!(expand_tabs("a\tb"), "a   b");
        assert_eq!(expand_tabs("\tx"), "    x");
        assert_eq!(expand_tabs("abcd\te"), "abcd    e");
        assert_eq!(expand_tabs("none"), "none");
    }
}
