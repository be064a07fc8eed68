//! The rules that choose a review's questions from what the period's entries hold: high
//! stress, a body region or a tag or a kind of work that keeps coming back, entries left to
//! finish, learning not yet reflected on, starred entries, and a period with nothing written.

use std::collections::BTreeMap;

use chrono::{DateTime, Utc};
use serde::Serialize;

use super::{Question, Quote, fill};
use crate::clock::Clock;
use crate::domain::vocab::{List, Vocabulary, humanise};
use crate::domain::{Details, Entry};

/// Why a question was asked.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Rule {
    HighStress,
    RecurringRegion,
    RecurringTag,
    RecurringContext,
    Unfinished,
    Unreflected,
    Starred,
    Quiet,
    Closing,
}

/// Stress at or above this is worth a question.
pub const HIGH_STRESS: u8 = 7;
/// A region in this many check-ins, or a tag or context on this many entries, is recurring.
pub const RECURRING_REGION: usize = 2;
pub const RECURRING_TAG: usize = 3;
/// At most this many questions from rules (the closing question comes on top).
pub const MAX_QUESTIONS: usize = 8;
/// A quote is cut at this many characters.
const QUOTE_CHARS: usize = 160;

/// The questions for entries newest first, in the order they are asked.
pub fn ask(entries: &[&Entry], clock: &Clock, period: &str) -> Vec<Question> {
    if entries.is_empty() {
        return vec![Question {
            rule: Rule::Quiet,
            text: fill("quiet", &[("period", period.to_string())]),
            quote: None,
        }];
    }
    let now = clock.now();
    let mut out = Vec::new();
    out.extend(high_stress(entries, clock, now));
    out.extend(recurring_regions(entries));
    out.extend(recurring_tag(entries));
    out.extend(recurring_context(entries));
    out.extend(unfinished(entries));
    out.extend(unreflected(entries));
    out.extend(starred(entries));
    out.truncate(MAX_QUESTIONS);
    out
}

/// The writer's words from an entry: its text, else its first answer, else its title; one
/// line, cut at a word.
pub fn quote_of(e: &Entry) -> Option<Quote> {
    let c = &e.content;
    let answers = match &c.details {
        Details::Reflection(g) => g.answers.first().map(|a| a.answer.as_str()),
        Details::Learning(l) => l.answers.first().map(|a| a.answer.as_str()),
        _ => None,
    };
    let text = [
        Some(c.common.body.as_str()),
        answers,
        c.common.title.as_deref(),
    ]
    .into_iter()
    .flatten()
    .map(|t| t.split_whitespace().collect::<Vec<_>>().join(" "))
    .find(|t| !t.is_empty())?;
    Some(Quote {
        entry: e.meta.id,
        created: e.meta.created,
        text: cut(&text, QUOTE_CHARS),
    })
}

/// `text` cut at a word boundary to at most `max` characters, with `…` when cut.
fn cut(text: &str, max: usize) -> String {
    if text.chars().count() <= max {
        return text.to_string();
    }
    let mut out = String::new();
    for word in text.split(' ') {
        if out.chars().count() + word.chars().count() + 1 > max.saturating_sub(1) {
            break;
        }
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(word);
    }
    out.push('…');
    out
}

/// "Tuesday" within the last week, else "Tue 3 Nov".
fn day_name(at: DateTime<Utc>, clock: &Clock, now: DateTime<Utc>) -> String {
    let local = clock.local(at);
    if now - at < chrono::Duration::days(6) {
        local.format("%A").to_string()
    } else {
        local.format("%a %-d %b").to_string()
    }
}

fn headline(e: &Entry) -> String {
    cut(e.content.headline(), 80)
}

fn high_stress(entries: &[&Entry], clock: &Clock, now: DateTime<Utc>) -> Vec<Question> {
    let mut high: Vec<&&Entry> = entries
        .iter()
        .filter(|e| {
            e.content
                .common
                .stress
                .is_some_and(|s| s.value() >= HIGH_STRESS)
        })
        .collect();
    // The highest first; among equals, the newest.
    high.sort_by_key(|e| std::cmp::Reverse(e.content.common.stress.map(|s| s.value())));
    high.into_iter()
        .take(3)
        .map(|e| {
            let stress = e.content.common.stress.map_or(0, |s| s.value()).to_string();
            let day = day_name(e.meta.created.with_timezone(&Utc), clock, now);
            match quote_of(e) {
                Some(q) => Question {
                    rule: Rule::HighStress,
                    text: fill(
                        "high_stress",
                        &[("day", day), ("stress", stress), ("quote", q.text.clone())],
                    ),
                    quote: Some(q),
                },
                None => Question {
                    rule: Rule::HighStress,
                    text: fill("high_stress_no_text", &[("day", day), ("stress", stress)]),
                    quote: None,
                },
            }
        })
        .collect()
}

/// Items that occur at least `min` times, the most frequent first (ties by first seen),
/// with the entries they occur in.
fn recurring<'a, K: Ord + Clone>(
    entries: &[&'a Entry],
    keys: impl Fn(&Entry) -> Vec<K>,
    min: usize,
) -> Vec<(K, Vec<&'a Entry>)> {
    let mut seen: BTreeMap<K, (usize, Vec<&'a Entry>)> = BTreeMap::new();
    for (i, e) in entries.iter().enumerate() {
        let mut ks = keys(e);
        ks.sort();
        ks.dedup();
        for k in ks {
            let slot = seen.entry(k).or_insert((i, Vec::new()));
            slot.1.push(e);
        }
    }
    let mut found: Vec<(K, usize, Vec<&Entry>)> = seen
        .into_iter()
        .filter(|(_, (_, es))| es.len() >= min)
        .map(|(k, (first, es))| (k, first, es))
        .collect();
    found.sort_by_key(|(_, first, es)| (std::cmp::Reverse(es.len()), *first));
    found.into_iter().map(|(k, _, es)| (k, es)).collect()
}

fn recurring_regions(entries: &[&Entry]) -> Vec<Question> {
    let vocab = Vocabulary::builtin();
    let regions = |e: &Entry| match &e.content.details {
        Details::Checkin(c) => c.sensations.iter().map(|s| s.region.clone()).collect(),
        _ => Vec::new(),
    };
    recurring(entries, regions, RECURRING_REGION)
        .into_iter()
        .take(2)
        .map(|(region, es)| {
            let mut words: Vec<String> = es
                .iter()
                .flat_map(|e| match &e.content.details {
                    Details::Checkin(c) => c
                        .in_region(&region)
                        .map(|s| humanise(&s.sensation))
                        .collect(),
                    _ => Vec::new(),
                })
                .collect();
            words.dedup();
            Question {
                rule: Rule::RecurringRegion,
                text: fill(
                    "recurring_region",
                    &[
                        ("region", vocab.label(List::Regions, &region)),
                        ("count", es.len().to_string()),
                        ("words", words.join(", ")),
                    ],
                ),
                quote: es.first().and_then(|e| quote_of(e)),
            }
        })
        .collect()
}

fn recurring_tag(entries: &[&Entry]) -> Vec<Question> {
    let tags = |e: &Entry| {
        e.content
            .common
            .tags
            .iter()
            .map(|t| t.as_str().to_string())
            .collect()
    };
    recurring(entries, tags, RECURRING_TAG)
        .into_iter()
        .take(1)
        .map(|(tag, es)| Question {
            rule: Rule::RecurringTag,
            text: fill(
                "recurring_tag",
                &[("tag", tag), ("count", es.len().to_string())],
            ),
            quote: es.first().and_then(|e| quote_of(e)),
        })
        .collect()
}

fn recurring_context(entries: &[&Entry]) -> Vec<Question> {
    let vocab = Vocabulary::builtin();
    let contexts = |e: &Entry| e.content.common.work_context.iter().cloned().collect();
    recurring(entries, contexts, RECURRING_TAG)
        .into_iter()
        .take(1)
        .map(|(context, es)| {
            let label = vocab.label(List::Contexts, &context);
            let mut label_chars = label.chars();
            let label: String = label_chars
                .next()
                .map(|c| c.to_uppercase().chain(label_chars).collect())
                .unwrap_or_default();
            Question {
                rule: Rule::RecurringContext,
                text: fill(
                    "recurring_context",
                    &[("context", label), ("count", es.len().to_string())],
                ),
                quote: es.first().and_then(|e| quote_of(e)),
            }
        })
        .collect()
}

fn unfinished(entries: &[&Entry]) -> Vec<Question> {
    entries
        .iter()
        .filter(|e| e.content.common.flags.unfinished)
        .take(3)
        .map(|e| Question {
            rule: Rule::Unfinished,
            text: fill("unfinished", &[("headline", headline(e))]),
            quote: quote_of(e),
        })
        .collect()
}

fn unreflected(entries: &[&Entry]) -> Vec<Question> {
    entries
        .iter()
        .filter_map(|e| match &e.content.details {
            Details::Learning(l) if !l.is_reflected() => Some((e, l.activity)),
            _ => None,
        })
        .take(2)
        .map(|(e, activity)| Question {
            rule: Rule::Unreflected,
            text: fill(
                "unreflected",
                &[
                    ("headline", headline(e)),
                    ("activity", activity.as_str().to_string()),
                ],
            ),
            quote: None,
        })
        .collect()
}

fn starred(entries: &[&Entry]) -> Vec<Question> {
    entries
        .iter()
        .filter(|e| e.content.common.flags.starred)
        .take(2)
        .map(|e| Question {
            rule: Rule::Starred,
            text: fill("starred", &[("headline", headline(e))]),
            quote: quote_of(e),
        })
        .collect()
}
