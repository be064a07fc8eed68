//! Making journal text safe to print: control and escape characters become visible
//! (`^[`, `<U+202E>`) instead of acting on the terminal. Pure; used by the CLI. [`SafeWriter`]
//! applies the same rule to everything written through it (the CLI's standard output, the
//! Markdown and CSV exports), so no print site can forget it.

use std::borrow::Cow;

mod writer;
pub use writer::SafeWriter;

/// Bidirectional controls that can reorder what a reader sees.
fn is_bidi_control(c: char) -> bool {
    matches!(c, '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}' | '\u{200E}' | '\u{200F}')
}

fn needs_escaping(c: char, keep_newlines: bool) -> bool {
    if keep_newlines && (c == '\n' || c == '\t') {
        return false;
    }
    c.is_control() || is_bidi_control(c)
}

/// Render `text` with every control character made visible; newlines and tabs are kept.
pub fn visible(text: &str) -> Cow<'_, str> {
    escape(text, true)
}

/// The file-safe form of text for Markdown and plain-text files: as [`visible`] (the same
/// rule [`SafeWriter`] applies to a stream).
pub fn file_safe(text: &str) -> Cow<'_, str> {
    visible(text)
}

/// Like [`visible`], but newlines and tabs are made visible too (for one-line output).
pub fn visible_line(text: &str) -> Cow<'_, str> {
    escape(text, false)
}

fn escape(text: &str, keep_newlines: bool) -> Cow<'_, str> {
    if !text.chars().any(|c| needs_escaping(c, keep_newlines)) {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len() + 8);
    for c in text.chars() {
        if needs_escaping(c, keep_newlines) {
            push_visible(&mut out, c);
        } else {
            out.push(c);
        }
    }
    Cow::Owned(out)
}

/// The visible form of a control character: `^[` for C0 controls, `^?` for DEL, `<U+009B>`
/// for the others (C1 and bidirectional controls).
fn push_visible(out: &mut String, c: char) {
    if (c as u32) < 0x20 {
        out.push('^');
        out.push(char::from(b'@' + c as u8));
    } else if c == '\u{7f}' {
        out.push_str("^?");
    } else {
        out.push_str(&format!("<U+{:04X}>", c as u32));
    }
}

/// Cut `text` to at most `max` terminal columns (wide characters count two), ending with
/// `…` when cut.
pub fn truncate(text: &str, max: usize) -> String {
    use unicode_width::UnicodeWidthChar;
    if unicode_width::UnicodeWidthStr::width(text) <= max {
        return text.to_string();
    }
    let mut out = String::new();
    let mut used = 0;
    for c in text.chars() {
        let w = c.width().unwrap_or(0);
        if used + w + 1 > max {
            break;
        }
        used += w;
        out.push(c);
    }
    if max > 0 {
        out.push('…');
    }
    out
}

/// "1 entry", "3 entries": a count with its noun, singular or plural.
pub fn count(n: usize, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn escapes_become_visible() {
        assert_eq!(visible("a\u{1b}[31mred"), "a^[[31mred");
        assert_eq!(visible("bell\u{7}\u{7f}"), "bell^G^?");
        assert_eq!(visible("csi\u{9b}2J"), "csi<U+009B>2J");
        assert_eq!(visible("evil\u{202e}txt"), "evil<U+202E>txt");
    }

    #[test]
    fn newlines_survive_only_in_multi_line_mode() {
        assert_eq!(visible("a\nb\tc\r"), "a\nb\tc^M");
        assert_eq!(visible_line("a\nb"), "a^Jb");
    }

    #[test]
    fn truncation_counts_columns() {
        assert_eq!(truncate("short", 10), "short");
        assert_eq!(truncate("abcdefgh", 5), "abcd…");
        assert_eq!(truncate("日本語のテキスト", 7), "日本語…");
        assert_eq!(truncate("abc", 0), "");
    }

    #[test]
    fn plain_text_is_borrowed() {
        assert!(matches!(visible("café ☕ 日本"), Cow::Borrowed(_)));
    }

    proptest! {
        #[test]
        fn output_has_no_control_characters(s in any::<String>()) {
            let out = visible_line(&s);
            prop_assert!(!out.chars().any(|c| c.is_control() || is_bidi_control(c)));
        }
    }
}
