//! Early-warning signals against the writer's own baseline (never population norms): stress
//! well above the usual, high recent check-ins, recovery eroding, a drift toward numb words,
//! a hard stretch before the last check-ins. Each is one calm sentence with its figures (and
//! the same in the first person for the agenda); none diagnoses, and each can be switched
//! off on its own ([`Off`]).

use std::collections::BTreeSet;

use chrono::{Duration, NaiveDate};
use serde::Serialize;

use super::{Figure, MIN_N, TrendRow, tenths_text as tenths};
use crate::domain::{Function, Kind, Recovery, Vocabulary};

mod off;
pub use off::Off;

/// How many days back signals look (the baseline, and the run-up to a silence).
pub const LOOKBACK_DAYS: i64 = 180;

/// Emotion words that, like the sensations of the "absence" group, speak of detachment.
/// Not "flat": flat is as often tiredness or low energy as distance, and the domain brief's
/// detachment drift names numb, blank and disconnected only.
const DETACHED_EMOTIONS: [&str; 2] = ["numb", "disconnected"];

/// How long before the last working days breaks count as a habit: four weeks.
const HABIT_DAYS: i64 = 28;

/// What a signal is about.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum SignalKind {
    /// The 14-day mean stress at least one spread above the 90-day mean.
    StressAboveUsual,
    /// Stress 7 or more on most of the last 7 check-ins.
    HighRecentStress,
    /// Less than 6 hours of sleep on 3 or more of the last 7 nights.
    ShortSleep,
    /// No break on 4 of the last 5 working days, from someone who logged breaks on at least
    /// half of their working days in the four weeks before.
    NoBreaks,
    /// No movement, and no "not possible today", for 14 days, from someone who logs movement.
    NoMovement,
    /// Numb, blank or disconnected words coming up more often than before.
    DetachedWords,
    /// The last check-ins, two weeks or more ago, had a mean stress of 7 or more.
    QuietAfterHighStress,
}

impl SignalKind {
    pub const ALL: [SignalKind; 7] = [
        SignalKind::StressAboveUsual,
        SignalKind::HighRecentStress,
        SignalKind::ShortSleep,
        SignalKind::NoBreaks,
        SignalKind::NoMovement,
        SignalKind::DetachedWords,
        SignalKind::QuietAfterHighStress,
    ];

    /// The name in JSON and in the settings (`signals_off = ["no_breaks"]`).
    pub fn id(self) -> &'static str {
        match self {
            SignalKind::StressAboveUsual => "stress_above_usual",
            SignalKind::HighRecentStress => "high_recent_stress",
            SignalKind::ShortSleep => "short_sleep",
            SignalKind::NoBreaks => "no_breaks",
            SignalKind::NoMovement => "no_movement",
            SignalKind::DetachedWords => "detached_words",
            SignalKind::QuietAfterHighStress => "quiet_after_high_stress",
        }
    }

    /// The supervision function it goes under on the agenda by default: breaks are a matter
    /// of workload, which is the organisation's to hear (mediation); the rest are support.
    pub fn function(self) -> Function {
        match self {
            SignalKind::NoBreaks => Function::Mediation,
            _ => Function::Support,
        }
    }

    /// A short heading.
    pub fn title(self) -> &'static str {
        match self {
            SignalKind::StressAboveUsual => "Stress above your usual",
            SignalKind::HighRecentStress => "High stress in recent check-ins",
            SignalKind::ShortSleep => "Short nights",
            SignalKind::NoBreaks => "Few breaks",
            SignalKind::NoMovement => "No movement logged",
            SignalKind::DetachedWords => "Numb or disconnected words",
            SignalKind::QuietAfterHighStress => "After a hard stretch",
        }
    }
}

/// One signal: what it is about and the sentence that says what triggered it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Signal {
    pub kind: SignalKind,
    pub sentence: String,
    /// The same in the first person, as the writer brings it to supervision.
    #[serde(skip)]
    pub mine: String,
}

impl Signal {
    fn new(kind: SignalKind, sentence: String, mine: String) -> Signal {
        Signal {
            kind,
            sentence,
            mine,
        }
    }

    /// The item this signal becomes on the next supervision agenda, in the first person.
    pub fn agenda_text(&self) -> String {
        format!("{}: {}", self.kind.title(), self.mine)
    }
}

/// The signals in `rows` (the last [`LOOKBACK_DAYS`] days, in any order) as of `today`, but
/// those switched `off`.
pub fn signals(rows: &[TrendRow], today: NaiveDate, vocab: &Vocabulary, off: Off) -> Vec<Signal> {
    let mut rows: Vec<&TrendRow> = rows.iter().filter(|r| r.day <= today).collect();
    rows.sort_by_key(|r| r.day);
    let within = |days: i64| {
        let from = today - Duration::days(days - 1);
        rows.iter().copied().filter(move |r| r.day >= from)
    };
    [
        stress_above_usual(
            &within(14).collect::<Vec<_>>(),
            &within(90).collect::<Vec<_>>(),
        ),
        high_recent(&rows),
        short_sleep(&within(7).collect::<Vec<_>>()),
        no_breaks(&within(90).collect::<Vec<_>>(), today),
        no_movement(&within(90).collect::<Vec<_>>(), today),
        detached_words(&within(118).collect::<Vec<_>>(), today, vocab),
        quiet_after_high(&rows, today),
    ]
    .into_iter()
    .flatten()
    .filter(|s| !off.contains(s.kind))
    .collect()
}

fn ratings<'a>(rows: impl IntoIterator<Item = &'a &'a TrendRow>) -> Vec<u8> {
    rows.into_iter().filter_map(|r| r.stress).collect()
}

fn stress_above_usual(recent: &[&TrendRow], baseline: &[&TrendRow]) -> Option<Signal> {
    let (now, usual) = (Figure::of(&ratings(recent)), Figure::of(&ratings(baseline)));
    let (m, base, sd) = (now.mean_tenths?, usual.mean_tenths?, usual.sd_tenths?);
    // A baseline needs more than a fortnight's worth of ratings; a rise of less than a
    // point is within anyone's ordinary weeks, however steady they have been.
    if usual.n < 20 || m < base + sd.max(10) {
        return None;
    }
    let figures = format!(
        "{} (n={}), above {{}} 90-day mean of {} (spread ±{}, n={}).",
        tenths(m),
        now.n,
        tenths(base),
        tenths(sd),
        usual.n
    );
    Some(Signal::new(
        SignalKind::StressAboveUsual,
        format!(
            "Your mean stress over the last 14 days is {}",
            figures.replace("{}", "your")
        ),
        format!(
            "My mean stress over the last 14 days was {}",
            figures.replace("{}", "my")
        ),
    ))
}

/// The last `n` check-ins with a stress rating, newest first.
fn last_rated_checkins<'a>(rows: &[&'a TrendRow], n: usize) -> Vec<&'a TrendRow> {
    rows.iter()
        .rev()
        .filter(|r| r.kind == Kind::Checkin && r.stress.is_some())
        .take(n)
        .copied()
        .collect()
}

fn high_recent(rows: &[&TrendRow]) -> Option<Signal> {
    let last = last_rated_checkins(rows, 7);
    let high = last.iter().filter(|r| r.stress >= Some(7)).count();
    if last.len() < 7 || high < 5 {
        return None;
    }
    let said = |whose: &str| {
        format!(
            "Stress was 7 or more in {high} of {whose} last 7 check-ins (since {}).",
            last[6].day.format("%a %-d %b")
        )
    };
    Some(Signal::new(
        SignalKind::HighRecentStress,
        said("your"),
        said("my"),
    ))
}

fn short_sleep(week: &[&TrendRow]) -> Option<Signal> {
    let short: BTreeSet<NaiveDate> = week
        .iter()
        .filter(|r| matches!(r.recovery, Some(Recovery::Sleep { minutes, .. }) if minutes < 360))
        .map(|r| r.day)
        .collect();
    let said = |who: &str| {
        format!(
            "{who} logged less than 6 hours of sleep on {} of the last 7 nights.",
            short.len()
        )
    };
    (short.len() >= 3).then(|| Signal::new(SignalKind::ShortSleep, said("You"), said("I")))
}

/// Days (of `rows`) with a recovery entry `pred` accepts.
fn days_with(rows: &[&TrendRow], pred: impl Fn(&Recovery) -> bool) -> BTreeSet<NaiveDate> {
    rows.iter()
        .filter(|r| r.recovery.as_ref().is_some_and(&pred))
        .map(|r| r.day)
        .collect()
}

/// Working days: the days with work entries (an entry that names a kind of work), whatever
/// the weekday; a Sunday counts when the person worked then, a Monday off does not.
fn working_days(rows: &[&TrendRow]) -> BTreeSet<NaiveDate> {
    rows.iter()
        .filter(|r| r.kind != Kind::Recovery && r.context.is_some())
        .map(|r| r.day)
        .collect()
}

/// Few breaks: no break on 4 of the last 5 working days (within the last fortnight), from
/// someone with a habit of logging them: breaks on at least half of their working days in
/// the four weeks before those five, and at least [`MIN_N`] working days there to say so.
fn no_breaks(quarter: &[&TrendRow], today: NaiveDate) -> Option<Signal> {
    let breaks = days_with(quarter, |r| matches!(r, Recovery::Break { .. }));
    let worked = working_days(quarter);
    let from = today - Duration::days(13);
    let last: Vec<NaiveDate> = worked.range(from..).rev().take(5).copied().collect();
    let first = *last.last()?;
    let without = last.iter().filter(|d| !breaks.contains(d)).count();
    let before: Vec<&NaiveDate> = worked
        .range(first - Duration::days(HABIT_DAYS)..first)
        .collect();
    let with_before = before.iter().filter(|d| breaks.contains(d)).count();
    let habit = before.len() >= MIN_N && 2 * with_before >= before.len();
    if last.len() < 5 || without < 4 || !habit {
        return None;
    }
    let said = |(who, whose, again): (&str, &str, &str)| {
        format!(
            "{who} logged no break on {without} of {whose} last 5 working days; in the 4 weeks before, {again} logged one on {with_before} of {} working days.",
            before.len()
        )
    };
    Some(Signal::new(
        SignalKind::NoBreaks,
        said(("You", "your", "you")),
        said(("I", "my", "I")),
    ))
}

/// No movement logged for a fortnight by someone who logs it, still writing; a "not
/// possible today" in that fortnight is an answer, so no signal then.
fn no_movement(quarter: &[&TrendRow], today: NaiveDate) -> Option<Signal> {
    let moved = days_with(quarter, |r| matches!(r, Recovery::Move { .. }));
    let answered = days_with(quarter, |r| matches!(r, Recovery::None));
    let fortnight = today - Duration::days(13);
    let still_writing = quarter.iter().any(|r| r.day >= today - Duration::days(6));
    let last = *moved.iter().next_back()?;
    let said_not_possible = answered.range(fortnight..).next().is_some();
    if last >= fortnight || !still_writing || said_not_possible {
        return None;
    }
    let said = |(who, again): (&str, &str)| {
        format!(
            "{who} logged no movement in the last 14 days; before that {again} logged some on {} days, the last on {}.",
            moved.len(),
            last.format("%a %-d %b")
        )
    };
    Some(Signal::new(
        SignalKind::NoMovement,
        said(("You", "you")),
        said(("I", "I")),
    ))
}

/// The detached words of a check-in: its numb or disconnected emotions and its sensations
/// of the "absence" group.
fn detached<'a>(r: &'a TrendRow, vocab: &Vocabulary) -> Vec<&'a str> {
    let absence = vocab.sensation_groups.iter().find(|g| g.id == "absence");
    let emotions = r
        .emotions
        .iter()
        .filter(|w| DETACHED_EMOTIONS.contains(&w.as_str()));
    let sensations = r
        .sensations
        .iter()
        .filter(|s| absence.is_some_and(|g| g.words.iter().any(|w| w == *s)));
    emotions.chain(sensations).map(String::as_str).collect()
}

fn detached_words(rows: &[&TrendRow], today: NaiveDate, vocab: &Vocabulary) -> Option<Signal> {
    let from = today - Duration::days(27);
    let mut chosen: Vec<(&str, usize)> = Vec::new();
    let mut checkins = |recent: bool| {
        let all: Vec<&&TrendRow> = rows
            .iter()
            .filter(|r| r.kind == Kind::Checkin && (r.day >= from) == recent)
            .collect();
        let mut detached_n = 0;
        for r in &all {
            let words = detached(r, vocab);
            detached_n += usize::from(!words.is_empty());
            for w in words.into_iter().filter(|_| recent) {
                match chosen.iter_mut().find(|(c, _)| *c == w) {
                    Some((_, n)) => *n += 1,
                    None => chosen.push((w, 1)),
                }
            }
        }
        (detached_n, all.len())
    };
    let (now, now_n) = checkins(true);
    let (before, before_n) = checkins(false);
    // Rising: at least 3 of them lately, and at least twice the share of the three months
    // before (now/now_n >= 2 * before/before_n, without dividing).
    if now < 3 || now_n < 5 || before_n < 5 || now * before_n < 2 * before * now_n {
        return None;
    }
    // Most chosen first, then in the order they came.
    chosen.sort_by_key(|c| std::cmp::Reverse(c.1));
    let words: Vec<String> = chosen.iter().map(|(w, _)| format!("'{w}'")).collect();
    Some(Signal::new(
        SignalKind::DetachedWords,
        format!(
            "Numb, blank or disconnected words came up in {now} of your {now_n} check-ins in the last 4 weeks, against {before} of {before_n} in the three months before."
        ),
        format!(
            "I chose {} in {now} of my {now_n} check-ins in the last 4 weeks, against {before} of {before_n} in the three months before.",
            words.join(" or ")
        ),
    ))
}

/// The last check-ins, two weeks or more back, were a hard stretch. Said gently: stepping
/// away from the journal is fine, and nothing here counts the days since.
fn quiet_after_high(rows: &[&TrendRow], today: NaiveDate) -> Option<Signal> {
    let last = last_rated_checkins(rows, 5);
    let newest = last.first()?.day;
    let ratings: Vec<u32> = last
        .iter()
        .filter_map(|r| r.stress)
        .map(u32::from)
        .collect();
    let mean = (ratings.iter().sum::<u32>() * 10 + ratings.len() as u32 / 2) / ratings.len() as u32;
    if (today - newest).num_days() < 14 || ratings.len() < 3 || mean < 70 {
        return None;
    }
    let figures = format!(
        "last {} check-ins, up to {}, had a mean stress of {}.",
        ratings.len(),
        newest.format("%a %-d %b"),
        tenths(mean)
    );
    Some(Signal::new(
        SignalKind::QuietAfterHighStress,
        format!(
            "Your {figures} Time away from the journal is fine; if that stretch is still with you, supervision is one place to talk it through."
        ),
        format!("My {figures}"),
    ))
}

#[cfg(test)]
mod tests;
