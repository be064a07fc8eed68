//! Early-warning signals against the writer's own baseline (never population norms): stress
//! well above the usual, high recent check-ins, recovery eroding, a drift toward numb words,
//! silence after high stress. Each is one calm sentence with its figures; none diagnoses.

use std::collections::BTreeSet;

use chrono::{Datelike, Duration, NaiveDate};
use serde::Serialize;

use super::{Figure, TrendRow, tenths_text as tenths};
use crate::domain::{Kind, Recovery, Vocabulary};

/// How many days back signals look (the baseline, and the run-up to a silence).
pub const LOOKBACK_DAYS: i64 = 180;

/// Emotion words that, like the sensations of the "absence" group, speak of detachment.
const DETACHED_EMOTIONS: [&str; 3] = ["numb", "flat", "disconnected"];

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
    /// No break on 4 of the last 5 working days, from someone who logs breaks.
    NoBreaks,
    /// No movement for 14 days, from someone who logs movement.
    NoMovement,
    /// Numb, blank or disconnected words coming up more often than before.
    DetachedWords,
    /// No check-in for two weeks after a run of high stress.
    QuietAfterHighStress,
}

impl SignalKind {
    /// A short heading.
    pub fn title(self) -> &'static str {
        match self {
            SignalKind::StressAboveUsual => "Stress above your usual",
            SignalKind::HighRecentStress => "High stress in recent check-ins",
            SignalKind::ShortSleep => "Short nights",
            SignalKind::NoBreaks => "Few breaks",
            SignalKind::NoMovement => "No movement logged",
            SignalKind::DetachedWords => "Numb or disconnected words",
            SignalKind::QuietAfterHighStress => "Quiet after a hard stretch",
        }
    }
}

/// One signal: what it is about and the sentence that says what triggered it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Signal {
    pub kind: SignalKind,
    pub sentence: String,
}

impl Signal {
    fn new(kind: SignalKind, sentence: String) -> Signal {
        Signal { kind, sentence }
    }

    /// The item this signal becomes on the next supervision agenda.
    pub fn agenda_text(&self) -> String {
        format!("{}: {}", self.kind.title(), self.sentence)
    }
}

/// The signals in `rows` (the last [`LOOKBACK_DAYS`] days, in any order) as of `today`.
pub fn signals(rows: &[TrendRow], today: NaiveDate, vocab: &Vocabulary) -> Vec<Signal> {
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
    Some(Signal::new(
        SignalKind::StressAboveUsual,
        format!(
            "Your mean stress over the last 14 days is {} (n={}), above your 90-day mean of {} (spread ±{}, n={}).",
            tenths(m),
            now.n,
            tenths(base),
            tenths(sd),
            usual.n
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
    Some(Signal::new(
        SignalKind::HighRecentStress,
        format!(
            "Stress was 7 or more in {high} of your last 7 check-ins (since {}).",
            last[6].day.format("%a %-d %b")
        ),
    ))
}

fn short_sleep(week: &[&TrendRow]) -> Option<Signal> {
    let short: BTreeSet<NaiveDate> = week
        .iter()
        .filter(|r| matches!(r.recovery, Some(Recovery::Sleep { minutes, .. }) if minutes < 360))
        .map(|r| r.day)
        .collect();
    (short.len() >= 3).then(|| {
        Signal::new(
            SignalKind::ShortSleep,
            format!(
                "You logged less than 6 hours of sleep on {} of the last 7 nights.",
                short.len()
            ),
        )
    })
}

/// Days (of `rows`) with a recovery entry `pred` accepts.
fn days_with(rows: &[&TrendRow], pred: impl Fn(&Recovery) -> bool) -> BTreeSet<NaiveDate> {
    rows.iter()
        .filter(|r| r.recovery.as_ref().is_some_and(&pred))
        .map(|r| r.day)
        .collect()
}

fn no_breaks(quarter: &[&TrendRow], today: NaiveDate) -> Option<Signal> {
    let breaks = days_with(quarter, |r| matches!(r, Recovery::Break { .. }));
    // Only for someone who logs breaks: the working days they wrote on in the last fortnight.
    let from = today - Duration::days(13);
    let workdays: Vec<NaiveDate> = quarter
        .iter()
        .map(|r| r.day)
        .filter(|d| *d >= from && d.weekday().num_days_from_monday() < 5)
        .collect::<BTreeSet<_>>()
        .into_iter()
        .rev()
        .take(5)
        .collect();
    let without = workdays.iter().filter(|d| !breaks.contains(d)).count();
    if breaks.is_empty() || workdays.len() < 5 || without < 4 {
        return None;
    }
    Some(Signal::new(
        SignalKind::NoBreaks,
        format!(
            "No break logged on {without} of your last 5 working days, though you logged breaks on {} days in the last 90.",
            breaks.len()
        ),
    ))
}

fn no_movement(quarter: &[&TrendRow], today: NaiveDate) -> Option<Signal> {
    let moved = days_with(quarter, |r| matches!(r, Recovery::Move { .. }));
    let fortnight = today - Duration::days(13);
    let still_writing = quarter.iter().any(|r| r.day >= today - Duration::days(6));
    let last = *moved.iter().next_back()?;
    if last >= fortnight || !still_writing {
        return None;
    }
    Some(Signal::new(
        SignalKind::NoMovement,
        format!(
            "No movement logged in the last 14 days; before that you logged some on {} days, the last on {}.",
            moved.len(),
            last.format("%a %-d %b")
        ),
    ))
}

fn is_detached(r: &TrendRow, vocab: &Vocabulary) -> bool {
    let absence = vocab.sensation_groups.iter().find(|g| g.id == "absence");
    r.emotions
        .iter()
        .any(|w| DETACHED_EMOTIONS.contains(&w.as_str()))
        || r.sensations
            .iter()
            .any(|s| absence.is_some_and(|g| g.words.iter().any(|w| w == s)))
}

fn detached_words(rows: &[&TrendRow], today: NaiveDate, vocab: &Vocabulary) -> Option<Signal> {
    let from = today - Duration::days(27);
    let checkins = |recent: bool| {
        let all: Vec<&&TrendRow> = rows
            .iter()
            .filter(|r| r.kind == Kind::Checkin && (r.day >= from) == recent)
            .collect();
        let detached = all.iter().filter(|r| is_detached(r, vocab)).count();
        (detached, all.len())
    };
    let (now, now_n) = checkins(true);
    let (before, before_n) = checkins(false);
    // Rising: at least 3 of them lately, and at least twice the share of the three months
    // before (now/now_n >= 2 * before/before_n, without dividing).
    if now < 3 || now_n < 5 || before_n < 5 || now * before_n < 2 * before * now_n {
        return None;
    }
    Some(Signal::new(
        SignalKind::DetachedWords,
        format!(
            "Numb, blank or disconnected words came up in {now} of your {now_n} check-ins in the last 4 weeks, against {before} of {before_n} in the three months before."
        ),
    ))
}

fn quiet_after_high(rows: &[&TrendRow], today: NaiveDate) -> Option<Signal> {
    let last = last_rated_checkins(rows, 5);
    let quiet = (today - last.first()?.day).num_days();
    let ratings: Vec<u32> = last
        .iter()
        .filter_map(|r| r.stress)
        .map(u32::from)
        .collect();
    let mean = (ratings.iter().sum::<u32>() * 10 + ratings.len() as u32 / 2) / ratings.len() as u32;
    if quiet < 14 || ratings.len() < 3 || mean < 70 {
        return None;
    }
    Some(Signal::new(
        SignalKind::QuietAfterHighStress,
        format!(
            "No check-in for {quiet} days, after your last {} check-ins had a mean stress of {}.",
            ratings.len(),
            tenths(mean)
        ),
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// `today` for every test: Monday 23 November 2026.
    fn today() -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 11, 23).expect("date")
    }

    fn ago(days: i64) -> NaiveDate {
        today() - Duration::days(days)
    }

    fn checkin(days_ago: i64, stress: u8) -> TrendRow {
        TrendRow {
            day: ago(days_ago),
            kind: Kind::Checkin,
            stress: Some(stress),
            ..TrendRow::default()
        }
    }

    fn recovery(days_ago: i64, r: Recovery) -> TrendRow {
        TrendRow {
            day: ago(days_ago),
            kind: Kind::Recovery,
            recovery: Some(r),
            ..TrendRow::default()
        }
    }

    fn kinds(rows: &[TrendRow]) -> Vec<SignalKind> {
        signals(rows, today(), Vocabulary::builtin())
            .into_iter()
            .map(|s| s.kind)
            .collect()
    }

    #[test]
    fn an_ordinary_quarter_raises_nothing() {
        // A check-in every day for 90 days, stress 4, 5 or 6 in turn: no rule fires.
        let rows: Vec<TrendRow> = (0..90).map(|d| checkin(d, 4 + (d % 3) as u8)).collect();
        assert_eq!(kinds(&rows), []);
        assert_eq!(kinds(&[]), []);
    }

    #[test]
    fn stress_above_the_usual_by_hand() {
        // 76 days at 4 (days 14-89), then 14 days at 8 (days 0-13). 90-day mean:
        // (76*4 + 14*8)/90 = 416/90 = 4.62 -> 4.6; variance: mean of squares 1200/90 = 13.33
        // minus 4.622^2 = 21.36, so 2.0 -> sd 1.4 (1.406). 14-day mean 8.0 >= 4.6 + 1.4.
        let mut rows: Vec<TrendRow> = (14..90).map(|d| checkin(d, 4)).collect();
        rows.extend((0..14).map(|d| checkin(d, 8)));
        let found = signals(&rows, today(), Vocabulary::builtin());
        let s = found
            .iter()
            .find(|s| s.kind == SignalKind::StressAboveUsual)
            .expect("signal");
        assert_eq!(
            s.sentence,
            "Your mean stress over the last 14 days is 8.0 (n=14), above your 90-day mean of 4.6 (spread ±1.4, n=90)."
        );
        // The same fortnight at 5 is within a point of the usual: nothing.
        let mut calm: Vec<TrendRow> = (14..90).map(|d| checkin(d, 4)).collect();
        calm.extend((0..14).map(|d| checkin(d, 5)));
        assert!(!kinds(&calm).contains(&SignalKind::StressAboveUsual));
    }

    #[test]
    fn five_high_of_the_last_seven_check_ins() {
        let mut rows: Vec<TrendRow> = [3, 8, 9, 7, 2, 7, 8]
            .iter()
            .enumerate()
            .map(|(i, s)| checkin(i as i64, *s))
            .collect();
        let s = signals(&rows, today(), Vocabulary::builtin());
        assert_eq!(s[0].kind, SignalKind::HighRecentStress);
        assert_eq!(
            s[0].sentence,
            "Stress was 7 or more in 5 of your last 7 check-ins (since Tue 17 Nov)."
        );
        rows[1].stress = Some(6);
        assert!(
            !kinds(&rows).contains(&SignalKind::HighRecentStress),
            "4 of 7"
        );
        rows.pop();
        rows[1].stress = Some(8);
        assert!(
            !kinds(&rows).contains(&SignalKind::HighRecentStress),
            "six check-ins"
        );
    }

    #[test]
    fn recovery_eroding() {
        let sleep = |m| Recovery::Sleep {
            minutes: m,
            quality: None,
        };
        // Three short nights in the last week (two logs on one night count once).
        let mut rows = vec![
            recovery(0, sleep(300)),
            recovery(2, sleep(340)),
            recovery(2, sleep(100)),
            recovery(5, sleep(359)),
            recovery(6, sleep(480)),
            recovery(8, sleep(200)),
        ];
        assert_eq!(kinds(&rows), [SignalKind::ShortSleep]);
        rows[3] = recovery(5, sleep(360));
        assert_eq!(kinds(&rows), [], "6 hours is not short");

        // Breaks logged a month ago; the last five weekdays written on (Mon 23, Fri 20 to
        // Tue 17) had a break only on Wed 18.
        let brk = Recovery::Break { minutes: Some(20) };
        let mut rows = vec![recovery(30, brk.clone()), recovery(5, brk.clone())];
        rows.extend([0, 1, 2, 3, 4, 5, 6].map(|d| checkin(d, 4)));
        let s = signals(&rows, today(), Vocabulary::builtin());
        assert_eq!(
            s.iter().map(|s| s.kind).collect::<Vec<_>>(),
            [SignalKind::NoBreaks]
        );
        assert_eq!(
            s[0].sentence,
            "No break logged on 4 of your last 5 working days, though you logged breaks on 2 days in the last 90."
        );
        // Someone who never logs breaks is not told they take none.
        rows.drain(..2);
        assert_eq!(kinds(&rows), []);

        // Movement on 2 days, the last 20 days ago, still writing: a signal; moved 10 days
        // ago: none.
        let walk = Recovery::Move {
            movement: "walk".into(),
            minutes: None,
        };
        let mut rows = vec![
            recovery(40, walk.clone()),
            recovery(20, walk.clone()),
            checkin(1, 3),
        ];
        assert_eq!(kinds(&rows), [SignalKind::NoMovement]);
        rows.push(recovery(10, walk));
        assert_eq!(kinds(&rows), []);
    }

    #[test]
    fn a_drift_toward_numb_words() {
        let numb = |d: i64| TrendRow {
            emotions: vec!["numb".into()],
            ..checkin(d, 4)
        };
        let blank = |d: i64| TrendRow {
            body: vec![("chest".into(), 1)],
            sensations: vec!["blank".into()],
            ..checkin(d, 4)
        };
        // Last 4 weeks: 3 of 6 check-ins (numb, blank, numb); before: 1 of 10.
        let mut rows = vec![
            numb(1),
            blank(3),
            numb(5),
            checkin(7, 4),
            checkin(9, 4),
            checkin(11, 4),
        ];
        rows.push(numb(40));
        rows.extend((41..50).map(|d| checkin(d, 4)));
        let s = signals(&rows, today(), Vocabulary::builtin());
        assert_eq!(s.len(), 1);
        assert_eq!(
            s[0].sentence,
            "Numb, blank or disconnected words came up in 3 of your 6 check-ins in the last 4 weeks, against 1 of 10 in the three months before."
        );
        // Before at 3 of 10 (30%), now 50%: not twice the share.
        rows[8].emotions = vec!["flat".into()];
        rows[9].sensations = vec!["numb".into()];
        assert_eq!(kinds(&rows), []);
    }

    #[test]
    fn quiet_after_a_hard_stretch() {
        // The last check-ins 20-24 days ago: 8, 7, 9, 6, 8 -> mean 7.6.
        let rows: Vec<TrendRow> = [8, 7, 9, 6, 8]
            .iter()
            .enumerate()
            .map(|(i, s)| checkin(20 + i as i64, *s))
            .collect();
        let s = signals(&rows, today(), Vocabulary::builtin());
        assert_eq!(
            s.iter().map(|s| s.sentence.as_str()).collect::<Vec<_>>(),
            ["No check-in for 20 days, after your last 5 check-ins had a mean stress of 7.6."]
        );
        // Ten days of quiet is not long; a calm run before the quiet raises nothing.
        let soon: Vec<TrendRow> = [8, 7, 9]
            .iter()
            .enumerate()
            .map(|(i, s)| checkin(10 + i as i64, *s))
            .collect();
        assert_eq!(kinds(&soon), []);
        let calm: Vec<TrendRow> = [3, 7, 9]
            .iter()
            .enumerate()
            .map(|(i, s)| checkin(30 + i as i64, *s))
            .collect();
        assert_eq!(kinds(&calm), []);
    }

    #[test]
    fn the_agenda_item_names_the_signal() {
        let s = Signal::new(SignalKind::ShortSleep, "Three short nights.".into());
        assert_eq!(s.agenda_text(), "Short nights: Three short nights.");
    }
}
