//! A writer that lets no control character through: whatever is written to it reaches the
//! writer inside with every escape sequence, C0 and C1 control (newline and tab apart) and
//! bidirectional control made visible, as [`super::visible`] does. The only exceptions are
//! the few exact colour sequences its owner names (the CLI's own styles), so colour still
//! works while text from an entry can at most be shown, never act.
//!
//! Writes may end anywhere (inside a character or a colour sequence): the unfinished tail
//! waits for the next write, and [`Write::flush`] (or dropping) settles it.

use std::io::{self, Write};

/// Sanitises every byte on its way to `inner`.
pub struct SafeWriter<W: Write> {
    inner: W,
    /// The escape sequences that may pass as they are (each a whole `ESC [ ... m`).
    allowed: &'static [String],
    /// The start of a character or an allowed sequence whose end has not come yet.
    pending: Vec<u8>,
}

impl<W: Write> SafeWriter<W> {
    /// A writer that lets no escape sequence through (files: Markdown and CSV).
    pub fn new(inner: W) -> SafeWriter<W> {
        SafeWriter::allowing(inner, &[])
    }

    /// A writer that lets exactly the sequences in `allowed` through, nothing else.
    pub fn allowing(inner: W, allowed: &'static [String]) -> SafeWriter<W> {
        SafeWriter {
            inner,
            allowed,
            pending: Vec::new(),
        }
    }

    /// The writer inside, for output that is safe already (JSON, whose strings escape every
    /// control). What waits is written first.
    pub fn inner_mut(&mut self) -> io::Result<&mut W> {
        self.settle(true)?;
        Ok(&mut self.inner)
    }

    /// Write what `pending` holds; with `last`, an unfinished tail is written too (escaped).
    fn settle(&mut self, last: bool) -> io::Result<()> {
        if self.pending.is_empty() {
            return Ok(());
        }
        let data = std::mem::take(&mut self.pending);
        let (out, rest) = clean(&data, self.allowed, last);
        self.pending = data[rest..].to_vec();
        self.inner.write_all(out.as_bytes())
    }
}

impl<W: Write> Write for SafeWriter<W> {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        self.pending.extend_from_slice(buf);
        self.settle(false)?;
        Ok(buf.len())
    }

    fn flush(&mut self) -> io::Result<()> {
        self.settle(true)?;
        self.inner.flush()
    }
}

impl<W: Write> Drop for SafeWriter<W> {
    fn drop(&mut self) {
        let _ = self.settle(true);
    }
}

/// `data` made safe, and where the part that must wait for more begins (its length when
/// nothing waits). With `last`, nothing waits.
fn clean(data: &[u8], allowed: &[String], last: bool) -> (String, usize) {
    let mut out = String::with_capacity(data.len() + 8);
    let mut at = 0;
    while at < data.len() {
        let (text, bad) = match std::str::from_utf8(&data[at..]) {
            Ok(text) => (text, None),
            Err(e) => {
                let good = e.valid_up_to();
                let text = std::str::from_utf8(&data[at..at + good]).unwrap_or_default();
                (text, Some((good, e.error_len())))
            }
        };
        if let Some(waits) = clean_text(text, allowed, last || bad.is_some(), &mut out) {
            return (out, at + waits);
        }
        match bad {
            None => return (out, data.len()),
            // A character cut by the end of this write: wait for the rest.
            Some((good, None)) if !last => return (out, at + good),
            Some((good, len)) => {
                out.push('\u{FFFD}');
                at += good + len.unwrap_or(data.len() - at - good);
            }
        }
    }
    (out, data.len())
}

/// Append `text` made safe to `out`; `Some(i)` when the text from byte `i` on is the start of
/// an allowed sequence that may go on in the next write (only when not `last`).
fn clean_text(text: &str, allowed: &[String], last: bool, out: &mut String) -> Option<usize> {
    let mut chars = text.char_indices();
    while let Some((i, c)) = chars.next() {
        if c == '\u{1b}' && !allowed.is_empty() {
            let rest = &text[i..];
            if let Some(seq) = allowed.iter().find(|s| rest.starts_with(s.as_str())) {
                out.push_str(seq);
                // Skip the rest of the sequence (ASCII, so bytes are characters).
                for _ in 1..seq.len() {
                    chars.next();
                }
                continue;
            }
            if !last && allowed.iter().any(|s| s.starts_with(rest)) {
                return Some(i);
            }
        }
        if !super::needs_escaping(c, true) {
            out.push(c);
        } else {
            super::push_visible(out, c);
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn through(parts: &[&[u8]], allowed: &'static [String]) -> String {
        let mut buf = Vec::new();
        let mut w = SafeWriter::allowing(&mut buf, allowed);
        for p in parts {
            w.write_all(p).expect("write");
        }
        drop(w);
        String::from_utf8(buf).expect("utf8")
    }

    static BOLD: std::sync::LazyLock<Vec<String>> =
        std::sync::LazyLock::new(|| vec!["\u{1b}[1m".into(), "\u{1b}[0m".into()]);

    #[test]
    fn escapes_controls_and_bidi_but_keeps_newlines_and_tabs() {
        let hostile = "t \u{1b}[2J\nb \u{1b}]52;c;cHduZWQ=\u{7}\tnul\0 cr\r c1\u{9b}2J rtl\u{202e}x \u{2066}i";
        let out = through(&[hostile.as_bytes()], &[]);
        assert_eq!(
            out,
            "t ^[[2J\nb ^[]52;c;cHduZWQ=^G\tnul^@ cr^M c1<U+009B>2J rtl<U+202E>x <U+2066>i"
        );
    }

    #[test]
    fn only_the_named_sequences_pass() {
        let out = through(&[b"\x1b[1mbold\x1b[0m \x1b[2J \x1b[31m"], &BOLD);
        assert_eq!(out, "\u{1b}[1mbold\u{1b}[0m ^[[2J ^[[31m");
        // Without a list, not even those.
        let out = through(&[b"\x1b[1mbold"], &[]);
        assert_eq!(out, "^[[1mbold");
    }

    #[test]
    fn a_character_or_sequence_cut_between_writes_is_joined() {
        let e = "é".as_bytes();
        let out = through(&[b"a", &e[..1], &e[1..], b"\x1b[", b"1mb\x1b"], &BOLD);
        assert_eq!(out, "aé\u{1b}[1mb^[");
        // A cut C1 control is still caught.
        let c1 = "\u{9b}".as_bytes();
        assert_eq!(through(&[&c1[..1], &c1[1..]], &[]), "<U+009B>");
    }

    #[test]
    fn bytes_that_are_not_utf8_become_replacement_characters() {
        assert_eq!(through(&[b"a\xffb\xc3"], &[]), "a\u{FFFD}b\u{FFFD}");
    }

    proptest! {
        #[test]
        fn nothing_that_acts_on_a_terminal_gets_through(
            s in any::<String>(),
            cut in any::<prop::sample::Index>(),
        ) {
            let bytes = s.as_bytes();
            let at = cut.index(bytes.len() + 1);
            let out = through(&[&bytes[..at], &bytes[at..]], &BOLD);
            let bare = out.replace("\u{1b}[1m", "").replace("\u{1b}[0m", "");
            prop_assert!(!bare.chars().any(|c| super::super::needs_escaping(c, true)), "{out:?}");
            // Split or whole, the same result.
            prop_assert_eq!(out, through(&[bytes], &BOLD));
        }
    }
}
