//! How the CLI prints: presentation spans ([`crate::present`]) rendered as ANSI styles or plain
//! text, journal text always made visible first, and standard output written through [`Out`],
//! whose errors (a closed pipe included) are returned, never a panic. Every byte of text
//! written to [`Out`] passes a [`SafeWriter`]: no escape sequence or control character from
//! an entry reaches the terminal whatever the print site does; only this painter's own
//! colour sequences pass, and only in a run that paints in colour (an entry can then at most
//! hold one of them and colour its own text). JSON goes past it through [`Out::json`] (its strings escape every
//! control already).

use std::io::{BufWriter, StdoutLock, Write};

use anstyle::{AnsiColor, Style as Ansi};

use crate::present::{Role, Span, StressLevel};
use crate::text::{SafeWriter, visible, visible_line};

/// Standard output, buffered, through the sanitiser.
pub struct Out {
    safe: SafeWriter<BufWriter<StdoutLock<'static>>>,
}

/// Whether this run paints in colour: set once, before the command runs ([`super::run`]).
static COLOUR: std::sync::OnceLock<bool> = std::sync::OnceLock::new();

/// Say whether this run paints in colour; without colour, [`Out`] lets no escape sequence
/// through at all.
pub fn set_colour(on: bool) {
    let _ = COLOUR.set(on);
}

/// A buffered lock on standard output.
pub fn stdout() -> Out {
    let allowed: &'static [String] = match COLOUR.get() {
        Some(true) => &STYLES,
        _ => &[],
    };
    Out {
        safe: SafeWriter::allowing(BufWriter::new(std::io::stdout().lock()), allowed),
    }
}

impl Write for Out {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        self.safe.write(buf)
    }

    fn flush(&mut self) -> std::io::Result<()> {
        self.safe.flush()
    }
}

impl Out {
    /// A writer for JSON made by serde_json: it goes out as it is (C1 and bidirectional
    /// controls as `\u` escapes on a terminal), past the sanitiser, which would change the
    /// text inside its strings.
    pub fn json(&mut self) -> JsonOut<'_> {
        JsonOut { out: self }
    }
}

/// See [`Out::json`].
pub struct JsonOut<'a> {
    out: &'a mut Out,
}

impl Write for JsonOut<'_> {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        match std::str::from_utf8(buf) {
            Ok(json) => {
                let json = for_terminal(json);
                self.out.safe.inner_mut()?.write_all(json.as_bytes())?;
                Ok(buf.len())
            }
            // serde_json writes whole characters; anything else is not its JSON.
            Err(_) => self.out.write(buf),
        }
    }

    fn flush(&mut self) -> std::io::Result<()> {
        self.out.flush()
    }
}

/// The colour sequences [`Painter`] writes, one `ESC [ ... m` each: the only ones [`Out`]
/// lets through.
static STYLES: std::sync::LazyLock<Vec<String>> = std::sync::LazyLock::new(|| {
    use Role::*;
    let roles = [Text, Dim, Title, Heading, Key, Match, Warning];
    let stress = [StressLevel::Low, StressLevel::Mid, StressLevel::High].map(Role::Stress);
    let mut all: Vec<String> = Vec::new();
    for role in roles.into_iter().chain(stress) {
        let style = Painter::style(role);
        let rendered = format!("{}{}", style.render(), style.render_reset());
        for seq in rendered
            .split_inclusive('m')
            .filter(|s| s.starts_with('\u{1b}'))
        {
            if !all.iter().any(|s| s == seq) {
                all.push(seq.to_string());
            }
        }
    }
    all
});

/// Renders spans for the terminal, with or without colour.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Painter {
    pub color: bool,
}

impl Painter {
    fn style(role: Role) -> Ansi {
        let fg = |c: AnsiColor| Ansi::new().fg_color(Some(c.into()));
        match role {
            Role::Text => Ansi::new(),
            Role::Dim => Ansi::new().dimmed(),
            Role::Title | Role::Heading | Role::Key => Ansi::new().bold(),
            Role::Stress(StressLevel::Low) => fg(AnsiColor::Green),
            Role::Stress(StressLevel::Mid) => fg(AnsiColor::Yellow),
            Role::Stress(StressLevel::High) => fg(AnsiColor::Red),
            Role::Match => fg(AnsiColor::Yellow).bold(),
            Role::Warning => fg(AnsiColor::Red).bold(),
        }
    }

    /// One span; journal text has control characters made visible (newlines kept only in
    /// [`Role::Text`]).
    pub fn span(self, span: &Span) -> String {
        let text = match span.role {
            Role::Text => visible(&span.text),
            _ => visible_line(&span.text),
        };
        if self.color {
            let style = Painter::style(span.role);
            format!("{}{text}{}", style.render(), style.render_reset())
        } else if span.role == Role::Match {
            format!("[{text}]")
        } else {
            text.into_owned()
        }
    }

    /// A line of spans.
    pub fn line(self, spans: &[Span]) -> String {
        spans.iter().map(|s| self.span(s)).collect()
    }

    /// Text in one role.
    pub fn paint(self, text: &str, role: Role) -> String {
        self.span(&Span::new(text, role))
    }
}

/// A JSON array written element by element, so long listings never sit in memory whole.
#[derive(Default)]
pub struct JsonArray {
    count: usize,
}

impl JsonArray {
    pub fn push<T: serde::Serialize>(&mut self, out: &mut Out, value: &T) -> crate::Result<()> {
        let mut out = out.json();
        out.write_all(if self.count == 0 { b"[\n  " } else { b",\n  " })?;
        let text = serde_json::to_string(value).map_err(std::io::Error::from)?;
        out.write_all(text.as_bytes())?;
        self.count += 1;
        Ok(())
    }

    pub fn finish(self, out: &mut Out) -> crate::Result<()> {
        out.json()
            .write_all(if self.count == 0 { b"[]\n" } else { b"\n]\n" })?;
        Ok(())
    }
}

pub use crate::transfer::export::{check_new_file, write_new_file};

/// One line on standard error, through the same sanitiser as standard output (notes name
/// templates, settings, headings and paths, any of which can hold anything).
pub fn note(line: impl std::fmt::Display) {
    let mut err = SafeWriter::new(std::io::stderr().lock());
    let _ = writeln!(err, "{line}");
}

/// Ask a yes/no question on the terminal (`y` or `yes`, any case, is yes). Without a
/// terminal it refuses to guess: the error is `without_terminal`, which says what to add.
pub fn confirm(question: &str, without_terminal: &str) -> crate::Result<bool> {
    use std::io::{BufRead, IsTerminal};
    let stdin = std::io::stdin();
    if !stdin.is_terminal() {
        return Err(crate::Error::invalid("yes", without_terminal.to_string()));
    }
    eprint!("{question}");
    std::io::stderr().flush()?;
    let mut answer = String::new();
    stdin.lock().read_line(&mut answer)?;
    Ok(matches!(answer.trim().to_lowercase().as_str(), "y" | "yes"))
}

/// Write `value` as pretty JSON.
pub fn write_json<T: serde::Serialize>(out: &mut Out, value: &T) -> crate::Result<()> {
    let text = serde_json::to_string_pretty(value).map_err(std::io::Error::from)?;
    writeln!(out.json(), "{text}")?;
    out.flush()?;
    Ok(())
}

/// One list line: `  14:05  #12  checkin      stress 7  ★⚑  Headline  #tag #tag`.
pub fn summary_line(p: Painter, s: &crate::present::SummaryParts) -> String {
    let mut parts = vec![p.paint(&s.time, Role::Dim), p.paint(&s.id, Role::Key)];
    parts.push(format!("{:<11}", s.kind));
    if let Some(v) = s.stress {
        parts.push(p.paint(
            &format!("stress {v}"),
            Role::Stress(crate::present::stress_level(v)),
        ));
    }
    if !s.markers.is_empty() {
        parts.push(s.markers.clone());
    }
    parts.push(crate::text::truncate(&visible_line(&s.headline), 70));
    if !s.tags.is_empty() {
        parts.push(p.paint(&s.tags, Role::Dim));
    }
    format!("  {}", parts.join("  "))
}

/// JSON on a terminal has the characters that act on a terminal written as `\\u` escapes
/// (C1 controls, bidirectional controls): the same JSON, harmless to look at. In a pipe,
/// JSON is written as it is. A raw C0 control (serde_json escapes them all) is escaped
/// anywhere, so not even a mistaken caller can send one.
fn for_terminal(json: &str) -> std::borrow::Cow<'_, str> {
    use std::io::IsTerminal;
    static TERMINAL: std::sync::LazyLock<bool> =
        std::sync::LazyLock::new(|| std::io::stdout().is_terminal());
    escape_json(json, *TERMINAL)
}

/// Write C1 and bidirectional controls in `json` as `\\uXXXX` (C0 ones, newlines apart,
/// always; the others when `terminal`). They can only stand inside strings, so the result is
/// still JSON, with the same strings.
fn escape_json(json: &str, terminal: bool) -> std::borrow::Cow<'_, str> {
    let acts = |c: char| {
        (c < ' ' && c != '\n')
            || terminal
                && (matches!(c, '\u{80}'..='\u{9f}' | '\u{202a}'..='\u{202e}')
                    || matches!(c, '\u{2066}'..='\u{2069}' | '\u{200e}' | '\u{200f}'))
    };
    if !json.chars().any(acts) {
        return std::borrow::Cow::Borrowed(json);
    }
    let mut out = String::with_capacity(json.len() + 16);
    for c in json.chars() {
        if acts(c) {
            out.push_str(&format!("\\u{:04x}", c as u32));
        } else {
            out.push(c);
        }
    }
    std::borrow::Cow::Owned(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn without_colour_matches_are_bracketed_and_escapes_made_visible() {
        let p = Painter { color: false };
        let line = [
            Span::new("a \u{1b}[31m", Role::Dim),
            Span::new("dog", Role::Match),
        ];
        assert_eq!(p.line(&line), "a ^[[31m[dog]");
    }

    #[test]
    fn json_for_a_terminal_escapes_what_would_act_on_it_and_stays_json() {
        let raw = serde_json::to_string(&"csi\u{9b}2J rtl\u{202e}x é").expect("json");
        let safe = escape_json(&raw, true);
        assert!(
            !safe.contains('\u{9b}') && !safe.contains('\u{202e}'),
            "{safe}"
        );
        assert!(
            safe.contains("\\u009b") && safe.contains("\\u202e"),
            "{safe}"
        );
        let back: String = serde_json::from_str(&safe).expect("still JSON");
        assert_eq!(back, "csi\u{9b}2J rtl\u{202e}x é");
    }

    #[test]
    fn with_colour_the_stress_band_picks_the_colour() {
        let p = Painter { color: true };
        let high = p.paint("stress 8", Role::Stress(StressLevel::High));
        let low = p.paint("stress 1", Role::Stress(StressLevel::Low));
        assert!(high.contains("stress 8") && high.starts_with('\u{1b}'));
        assert_ne!(high.replace('8', "1"), low);
    }
}
