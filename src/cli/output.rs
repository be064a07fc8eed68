//! How the CLI prints: colour only on a terminal and never with `NO_COLOR`; journal text is
//! always passed through [`crate::text::visible`] first; dates in the reader's local time.

use std::io::IsTerminal;

use anstyle::{AnsiColor, Style as Ansi};
use chrono::{DateTime, FixedOffset, Local};

use crate::domain::{EntrySummary, Rating, Tag};
use crate::storage::search::{MATCH_END, MATCH_START};
use crate::text::visible_line;

/// Whether to colour output.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Style {
    pub color: bool,
}

impl Style {
    /// Colour when standard output is a terminal and `NO_COLOR` is unset or empty.
    pub fn detect() -> Style {
        let no_color = std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty());
        Style {
            color: !no_color && std::io::stdout().is_terminal(),
        }
    }

    fn paint(self, style: Ansi, text: &str) -> String {
        if self.color {
            format!("{}{text}{}", style.render(), style.render_reset())
        } else {
            text.to_string()
        }
    }

    pub fn bold(self, text: &str) -> String {
        self.paint(Ansi::new().bold(), text)
    }

    pub fn dim(self, text: &str) -> String {
        self.paint(Ansi::new().dimmed(), text)
    }

    /// A stress rating with its colour: calm green, middling yellow, high red.
    /// The number is always printed, so colour never carries the meaning alone.
    pub fn stress(self, r: Rating) -> String {
        let colour = match r.value() {
            0..=3 => AnsiColor::Green,
            4..=6 => AnsiColor::Yellow,
            _ => AnsiColor::Red,
        };
        self.paint(
            Ansi::new().fg_color(Some(colour.into())),
            &format!("stress {r}"),
        )
    }

    /// A snippet with matches highlighted (bold yellow, or `[...]` without colour).
    pub fn snippet(self, snippet: &str) -> String {
        let mut out = String::new();
        let mut rest = snippet;
        while let Some(start) = rest.find(MATCH_START) {
            out.push_str(&visible_line(&rest[..start]));
            let after = &rest[start + MATCH_START.len_utf8()..];
            let end = after.find(MATCH_END).unwrap_or(after.len());
            let word = visible_line(&after[..end]);
            if self.color {
                out.push_str(&self.paint(
                    Ansi::new().bold().fg_color(Some(AnsiColor::Yellow.into())),
                    &word,
                ));
            } else {
                out.push('[');
                out.push_str(&word);
                out.push(']');
            }
            rest = after.get(end + MATCH_END.len_utf8()..).unwrap_or("");
        }
        out.push_str(&visible_line(rest));
        out
    }
}

/// A snippet with matches wrapped in `**`, for JSON output.
pub fn snippet_markdown(snippet: &str) -> String {
    snippet.replace([MATCH_START, MATCH_END], "**")
}

/// The flag markers shown in lists: ★ starred, ⚑ for supervision, ✎ unfinished.
pub fn markers(starred: bool, for_supervision: bool, unfinished: bool) -> String {
    let mut m = String::new();
    if starred {
        m.push('★');
    }
    if for_supervision {
        m.push('⚑');
    }
    if unfinished {
        m.push('✎');
    }
    m
}

/// `#a #b` for a tag list.
pub fn tag_list(tags: &[Tag]) -> String {
    tags.iter()
        .map(|t| format!("#{}", visible_line(t.as_str())))
        .collect::<Vec<_>>()
        .join(" ")
}

/// An instant in the reader's local time zone.
pub fn local(at: DateTime<FixedOffset>) -> DateTime<Local> {
    at.with_timezone(&Local)
}

/// One timeline line: time, id, kind, stress, markers, headline, tags.
pub fn summary_line(style: Style, s: &EntrySummary) -> String {
    let mut parts = vec![
        style.dim(&local(s.created).format("%H:%M").to_string()),
        style.bold(&format!("#{}", s.id)),
        format!("{:<11}", s.kind.as_str()),
    ];
    if let Some(r) = s.stress {
        parts.push(style.stress(r));
    }
    let m = markers(s.starred, s.for_supervision, s.unfinished);
    if !m.is_empty() {
        parts.push(m);
    }
    let headline = if s.headline.is_empty() {
        "(untitled)".to_string()
    } else {
        crate::text::truncate(&visible_line(&s.headline), 70)
    };
    parts.push(headline);
    if !s.tags.is_empty() {
        parts.push(style.dim(&tag_list(&s.tags)));
    }
    format!("  {}", parts.join("  "))
}

/// A JSON array written element by element, so long listings never sit in memory whole.
pub struct JsonArray {
    count: usize,
}

impl JsonArray {
    pub fn new() -> JsonArray {
        JsonArray { count: 0 }
    }

    pub fn push<T: serde::Serialize>(
        &mut self,
        out: &mut impl std::io::Write,
        value: &T,
    ) -> anyhow::Result<()> {
        out.write_all(if self.count == 0 { b"[\n  " } else { b",\n  " })?;
        serde_json::to_writer(&mut *out, value)?;
        self.count += 1;
        Ok(())
    }

    pub fn finish(self, out: &mut impl std::io::Write) -> anyhow::Result<()> {
        out.write_all(if self.count == 0 { b"[]\n" } else { b"\n]\n" })?;
        Ok(())
    }
}

/// Print `value` as pretty JSON on standard output.
pub fn print_json<T: serde::Serialize>(value: &T) -> anyhow::Result<()> {
    println!("{}", serde_json::to_string_pretty(value)?);
    Ok(())
}
