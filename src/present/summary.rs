//! One list row's parts (time, kind, stress, markers, headline, tags), the flag markers,
//! the stress bands, and search snippets split into plain and matched spans. The TUI and the
//! CLI lay these parts out in their own widths.

use chrono::Utc;

use super::{Role, Span, StressLevel};
use crate::clock::Clock;
use crate::domain::query::{MATCH_END, MATCH_START};
use crate::domain::recovery::describe_minutes;
use crate::domain::vocab::{List, Vocabulary, humanise};
use crate::domain::{EntrySummary, Flag, Flags, Gist, Kind, Recovery, Tag};

/// The band a stress value falls in (the number is always shown beside the colour).
pub fn stress_level(value: u8) -> StressLevel {
    match value {
        0..=3 => StressLevel::Low,
        4..=6 => StressLevel::Mid,
        _ => StressLevel::High,
    }
}

/// The flag markers: `★⚑✎` for the flags that are set. With `aligned`, an unset flag keeps
/// its place as a space, so markers line up in a column.
pub fn markers(flags: Flags, aligned: bool) -> String {
    Flag::ALL
        .iter()
        .filter_map(|f| match (flags.get(*f), aligned) {
            (true, _) => Some(f.marker()),
            (false, true) => Some(' '),
            (false, false) => None,
        })
        .collect()
}

/// `#a #b` for a tag list.
pub fn tag_list(tags: &[Tag]) -> String {
    tags.iter()
        .map(|t| format!("#{t}"))
        .collect::<Vec<_>>()
        .join(" ")
}

/// What a list row shows of an entry.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SummaryParts {
    /// `#12`.
    pub id: String,
    /// Local time of writing, `14:05`.
    pub time: String,
    /// Local day of writing, `Sun 22 Nov 2026`.
    pub day: String,
    pub kind: &'static str,
    pub stress: Option<u8>,
    pub markers: String,
    /// The title or first line; `(untitled)` when there is none.
    pub headline: String,
    pub tags: String,
}

impl SummaryParts {
    /// The parts of `s`, with times on `clock`'s wall clock.
    pub fn of(s: &EntrySummary, clock: &Clock) -> SummaryParts {
        let local = clock.local(s.created.with_timezone(&Utc));
        // Only a supervision note's row asks what day it is.
        let overdue = match s.gist {
            Gist::Supervision {
                first_due: Some(d), ..
            } => d < clock.local(clock.now()).date_naive(),
            _ => false,
        };
        SummaryParts {
            id: format!("#{}", s.id),
            time: local.format("%H:%M").to_string(),
            day: local.format("%a %-d %b %Y").to_string(),
            kind: s.kind.as_str(),
            stress: s.stress.map(|r| r.value()),
            markers: markers(s.flags, false),
            headline: match overdue {
                true => format!("⚠ overdue · {}", headline(s)),
                false => headline(s),
            },
            tags: tag_list(&s.tags),
        }
    }
}

/// A row's headline: for a check-in or a recovery entry its gist, then its text's first line.
fn headline(s: &EntrySummary) -> String {
    let mut parts = Vec::new();
    let gist = Some(gist_line(s)).filter(|g| !g.is_empty());
    let headline = Some(s.headline.clone()).filter(|h| !h.is_empty());
    // A learning activity is known by its title; a check-in by what was noticed.
    if s.kind == Kind::Learning {
        parts.extend(headline);
        parts.extend(gist);
    } else {
        parts.extend(gist);
        parts.extend(headline);
    }
    match (parts.is_empty(), s.kind) {
        (false, _) => parts.join(" · "),
        (true, Kind::Checkin) => "check-in".to_string(),
        (true, _) => "(untitled)".to_string(),
    }
}

/// A check-in in one line, `chest tight, shoulders tense · anxious · home visit`; a recovery
/// entry as `sleep 7 h · quality 6/10`. Empty for other kinds.
pub fn gist_line(s: &EntrySummary) -> String {
    gist_text(&s.gist, s.work_context.as_deref())
}

/// [`gist_line`] for any entry's details (a draft's too), with its kind of work.
pub fn gist_text(gist: &Gist, work_context: Option<&str>) -> String {
    let vocab = Vocabulary::builtin();
    let mut parts: Vec<String> = Vec::new();
    match gist {
        Gist::Checkin {
            body,
            emotions,
            difficulties,
        } => {
            let felt: Vec<String> = body
                .iter()
                .map(|(r, w)| format!("{} {}", vocab.label(List::Regions, r), humanise(w)))
                .collect();
            if !felt.is_empty() {
                parts.push(felt.join(", "));
            }
            if !emotions.is_empty() {
                let words: Vec<String> = emotions.iter().map(|e| humanise(e)).collect();
                parts.push(words.join(", "));
            }
            if let Some(w) = work_context {
                parts.push(vocab.label(List::Contexts, w));
            }
            if !difficulties.is_empty() {
                let flags: Vec<String> = difficulties
                    .iter()
                    .map(|f| vocab.label(List::Flags, f))
                    .collect();
                parts.push(flags.join(", "));
            }
        }
        Gist::Recovery(r) => parts.push(recovery_line(r)),
        Gist::Learning {
            activity,
            minutes,
            reflected,
        } => {
            parts.push(activity.as_str().to_string());
            parts.extend(minutes.map(describe_minutes));
            if !reflected {
                parts.push("not reflected on yet".into());
            }
        }
        Gist::Supervision { open, .. } => match open {
            0 => {}
            1 => parts.push("1 open action".into()),
            n => parts.push(format!("{n} open actions")),
        },
        Gist::None => {}
    }
    parts.join(" · ")
}

/// A recovery entry in words: `sleep 7 h 30 · quality 6/10`, `not possible today`.
pub fn recovery_line(r: &Recovery) -> String {
    let vocab = Vocabulary::builtin();
    match r {
        Recovery::Sleep { minutes, quality } => {
            let mut s = format!("sleep {}", describe_minutes(u32::from(*minutes)));
            if let Some(q) = quality {
                s.push_str(&format!(" · quality {q}/10"));
            }
            s
        }
        Recovery::Break { minutes } => match minutes {
            Some(m) => format!("a break of {}", describe_minutes(u32::from(*m))),
            None => "a break".to_string(),
        },
        Recovery::Move { movement, minutes } => {
            let mut s = format!("moved: {}", vocab.label(List::Movement, movement));
            if let Some(m) = minutes {
                s.push_str(&format!(" · {}", describe_minutes(u32::from(*m))));
            }
            s
        }
        Recovery::None => "not possible today".to_string(),
    }
}

/// A search snippet as spans: matched words as [`Role::Match`], the rest as [`Role::Dim`].
/// Line breaks become spaces (a snippet is one line).
pub fn snippet_spans(snippet: &str) -> Vec<Span> {
    let mut spans = Vec::new();
    let text = snippet.replace(['\n', '\r'], " ");
    let mut rest = text.as_str();
    while let Some(start) = rest.find(MATCH_START) {
        if start > 0 {
            spans.push(Span::new(&rest[..start], Role::Dim));
        }
        let after = &rest[start + MATCH_START.len_utf8()..];
        let end = after.find(MATCH_END).unwrap_or(after.len());
        spans.push(Span::new(&after[..end], Role::Match));
        rest = after.get(end + MATCH_END.len_utf8()..).unwrap_or("");
    }
    if !rest.is_empty() {
        spans.push(Span::new(rest, Role::Dim));
    }
    spans
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn markers_show_set_flags_aligned_or_packed() {
        let f = Flags {
            starred: true,
            for_supervision: false,
            unfinished: true,
        };
        assert_eq!(markers(f, false), "★✎");
        assert_eq!(markers(f, true), "★ ✎");
        assert_eq!(markers(Flags::default(), false), "");
    }

    #[test]
    fn stress_bands() {
        assert_eq!(stress_level(0), StressLevel::Low);
        assert_eq!(stress_level(3), StressLevel::Low);
        assert_eq!(stress_level(4), StressLevel::Mid);
        assert_eq!(stress_level(7), StressLevel::High);
    }

    #[test]
    fn snippets_split_into_matches_and_context() {
        let s = format!("a {MATCH_START}dog{MATCH_END} at\nthe {MATCH_START}door{MATCH_END}");
        let spans = snippet_spans(&s);
        let roles: Vec<(String, Role)> = spans.into_iter().map(|s| (s.text, s.role)).collect();
        assert_eq!(
            roles,
            [
                ("a ".to_string(), Role::Dim),
                ("dog".to_string(), Role::Match),
                (" at the ".to_string(), Role::Dim),
                ("door".to_string(), Role::Match),
            ]
        );
        assert!(snippet_spans("").is_empty());
    }
}
