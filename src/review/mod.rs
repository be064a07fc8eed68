//! Prompt-driven reviews: the entries of a period in, a short summary and the questions
//! worth asking out, each quoting the writer's own words. Pure: no storage, no terminal.

mod gather;
pub mod prep;
mod rules;

pub use gather::{gather, next_agenda, prep, range_start, signals, trends};

use std::collections::BTreeMap;
use std::sync::LazyLock;

use chrono::{DateTime, FixedOffset, Utc};
use serde::{Deserialize, Serialize};

use crate::clock::Clock;
use crate::domain::{Entry, EntryId, EntrySummary};

pub use crate::domain::reviewed::ReviewKind;
pub use rules::Rule;

/// The writer's own words, and where they come from.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Quote {
    pub entry: EntryId,
    pub created: DateTime<FixedOffset>,
    pub text: String,
}

/// One question, the rule that chose it, and the words it quotes.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Question {
    pub rule: Rule,
    pub text: String,
    pub quote: Option<Quote>,
}

/// What the period holds, counted.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
pub struct Counts {
    pub entries: usize,
    /// Entries of each kind that occurs, by the kind's name.
    pub by_kind: BTreeMap<String, usize>,
    pub stress_ratings: usize,
    /// The mean stress, in tenths (54 is 5.4).
    pub stress_mean_tenths: Option<u32>,
    pub stress_max: Option<u8>,
    pub unfinished: usize,
    pub starred: usize,
}

/// A review: its period, what the period holds, the questions, and entries written on this
/// day in earlier months and years.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Review {
    pub kind: ReviewKind,
    pub from: DateTime<Utc>,
    pub to: DateTime<Utc>,
    pub counts: Counts,
    pub questions: Vec<Question>,
    #[serde(skip)]
    pub on_this_day: Vec<EntrySummary>,
    /// The reflection that answered the last review of this kind, if one did.
    pub last_answered: Option<Answered>,
}

/// A review answered earlier: the reflection holding the answers, and the period's end.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
pub struct Answered {
    pub entry: EntryId,
    pub to: DateTime<Utc>,
}

/// The question wording, from `assets/review.toml`.
#[derive(Deserialize)]
struct Wording {
    questions: BTreeMap<String, String>,
    closing: BTreeMap<String, String>,
}

static WORDING: LazyLock<Wording> = LazyLock::new(|| {
    #[allow(clippy::expect_used)]
    toml::from_str(include_str!("../../assets/review.toml"))
        .expect("assets/review.toml is valid (tested)")
});

/// A question's text with `{name}`s filled in.
fn fill(key: &str, values: &[(&str, String)]) -> String {
    let mut text = WORDING
        .questions
        .get(key)
        .or_else(|| WORDING.closing.get(key))
        .cloned()
        .unwrap_or_default();
    for (name, value) in values {
        text = text.replace(&format!("{{{name}}}"), value);
    }
    text
}

/// Count what `entries` hold.
pub fn counts(entries: &[Entry]) -> Counts {
    let mut c = Counts {
        entries: entries.len(),
        ..Counts::default()
    };
    let mut total = 0u32;
    for e in entries {
        *c.by_kind.entry(e.kind().as_str().to_string()).or_default() += 1;
        let common = &e.content.common;
        if let Some(s) = common.stress {
            c.stress_ratings += 1;
            total += u32::from(s.value());
            c.stress_max = c.stress_max.max(Some(s.value()));
        }
        c.unfinished += usize::from(common.flags.unfinished);
        c.starred += usize::from(common.flags.starred);
    }
    if c.stress_ratings > 0 {
        c.stress_mean_tenths =
            Some((total * 10 + c.stress_ratings as u32 / 2) / c.stress_ratings as u32);
    }
    c
}

/// The review of `kind` over `entries` (the period's live entries, any order), with dates
/// named on `clock`'s wall clock.
pub fn review(
    kind: ReviewKind,
    (from, to): (DateTime<Utc>, DateTime<Utc>),
    entries: &[Entry],
    clock: &Clock,
) -> Review {
    let mut newest_first: Vec<&Entry> = entries.iter().collect();
    newest_first.sort_by_key(|e| std::cmp::Reverse((e.meta.created, e.meta.id)));
    let mut questions = rules::ask(&newest_first, clock, kind.noun());
    questions.push(Question {
        rule: Rule::Closing,
        text: fill(&kind.as_str().replace('-', "_"), &[]),
        quote: None,
    });
    Review {
        kind,
        from,
        to,
        counts: counts(entries),
        questions,
        on_this_day: Vec::new(),
        last_answered: None,
    }
}

#[cfg(test)]
mod tests;

/// The local days to look back on for "on this day": the same day of the month in each of
/// the `months` months before `now` (a day the month lacks, such as 31 June, is skipped), as
/// [start, end) instants.
pub fn on_this_day_ranges(
    now: DateTime<Utc>,
    clock: &Clock,
    months: u32,
) -> Vec<(DateTime<Utc>, DateTime<Utc>)> {
    let today = crate::clock::to_zoned(now, clock.tz()).date();
    (1..=months)
        .filter_map(|k| {
            let back = jiff::Span::new().months(i64::from(k));
            let day = today.checked_sub(back).ok()?;
            // `checked_sub` clamps 31 March minus a month to 28/29 February: not the same day.
            if day.day() != today.day() {
                return None;
            }
            let start = day.to_zoned(clock.tz().clone()).ok()?;
            let end = start.checked_add(jiff::Span::new().days(1)).ok()?;
            Some((
                crate::clock::from_zoned(&start),
                crate::clock::from_zoned(&end),
            ))
        })
        .collect()
}
