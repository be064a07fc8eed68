//! Each signal on fixtures worked out by hand: when it fires, when it must not.

use super::*;
use crate::domain::Function;

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
    signals(rows, today(), Vocabulary::builtin(), Off::default())
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
    let found = signals(&rows, today(), Vocabulary::builtin(), Off::default());
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
    let s = signals(&rows, today(), Vocabulary::builtin(), Off::default());
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
    let s = signals(&rows, today(), Vocabulary::builtin(), Off::default());
    assert_eq!(
        s.iter().map(|s| s.kind).collect::<Vec<_>>(),
        [SignalKind::NoMovement]
    );
    assert_eq!(
        s[0].mine,
        "I logged no movement in the last 14 days; before that I logged some on 2 days, the last on Tue 3 Nov."
    );
    // "Not possible today" 5 days ago is an answer: nothing to say (failed before: it was
    // not counted).
    let mut answered = rows.clone();
    answered.push(recovery(5, Recovery::None));
    assert_eq!(kinds(&answered), []);
    rows.push(recovery(10, walk));
    assert_eq!(kinds(&rows), []);
}

/// A work entry (a check-in naming a kind of work) `days_ago`.
fn worked(days_ago: i64) -> TrendRow {
    TrendRow {
        context: Some("home_visit".into()),
        ..checkin(days_ago, 4)
    }
}

#[test]
fn few_breaks_only_against_a_habit_of_them() {
    let brk = || Recovery::Break { minutes: Some(20) };
    // Work entries on days 0-4 and 6 (Sun 22 Nov is day 1, worked) and, in the 4 weeks
    // before day 4 (days 5-32), on days 6, 8, ..., 30: 13 days. The last 5 working days are
    // days 0, 1, 2, 3, 4; a break only on day 2: 4 of 5 without.
    let mut rows: Vec<TrendRow> = (0..5).map(worked).collect();
    rows.extend((6..=30).step_by(2).map(worked));
    rows.push(recovery(2, brk()));
    // Breaks on 7 of the 13 working days before (6, 8, ..., 18): at least half, a habit.
    rows.extend((6..=18).step_by(2).map(|d| recovery(d, brk())));
    let s = signals(&rows, today(), Vocabulary::builtin(), Off::default());
    assert_eq!(
        s.iter().map(|s| s.kind).collect::<Vec<_>>(),
        [SignalKind::NoBreaks]
    );
    assert_eq!(
        s[0].sentence,
        "You logged no break on 4 of your last 5 working days; in the 4 weeks before, you logged one on 7 of 13 working days."
    );
    assert_eq!(
        s[0].mine,
        "I logged no break on 4 of my last 5 working days; in the 4 weeks before, I logged one on 7 of 13 working days."
    );
    assert_eq!(s[0].kind.function(), Function::Mediation);

    // One break in 90 days (the case) is no habit: 1 of 13 before. Fired before.
    let mut once: Vec<TrendRow> = (0..5).map(worked).collect();
    once.extend((6..=30).step_by(2).map(worked));
    once.push(recovery(20, brk()));
    assert_eq!(kinds(&once), []);
    // 6 of 13 is less than half: nothing.
    let mut six = rows.clone();
    six.retain(|r| !(r.day == ago(18) && r.kind == Kind::Recovery));
    assert_eq!(kinds(&six), []);

    // Days without work entries are not working days, whatever the weekday: with only
    // recovery logs and check-ins naming no kind of work, nothing fires.
    let unworked: Vec<TrendRow> = rows
        .iter()
        .cloned()
        .map(|r| TrendRow { context: None, ..r })
        .collect();
    assert_eq!(kinds(&unworked), []);
    // Fewer than 5 working days before: not enough to call it a habit.
    let mut young: Vec<TrendRow> = (0..5).map(worked).collect();
    young.extend([6, 8, 10, 12].map(worked));
    young.extend([6, 8, 10, 12].map(|d| recovery(d, brk())));
    assert_eq!(kinds(&young), []);
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
    let s = signals(&rows, today(), Vocabulary::builtin(), Off::default());
    assert_eq!(s.len(), 1);
    assert_eq!(
        s[0].sentence,
        "Numb, blank or disconnected words came up in 3 of your 6 check-ins in the last 4 weeks, against 1 of 10 in the three months before."
    );
    assert_eq!(
        s[0].mine,
        "I chose 'numb' or 'blank' in 3 of my 6 check-ins in the last 4 weeks, against 1 of 10 in the three months before."
    );
    // "flat" is not counted (it can be tiredness): with two flat check-ins before, still 1
    // of 10 and a signal (counted, 3 of 10 would be too many: 50% is not twice 30%).
    rows[8].emotions = vec!["flat".into()];
    rows[9].emotions = vec!["flat".into()];
    assert_eq!(kinds(&rows), [SignalKind::DetachedWords]);
    // Before at 3 of 10 (30%), now 50%: not twice the share.
    rows[8].emotions = vec!["disconnected".into()];
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
    let s = signals(&rows, today(), Vocabulary::builtin(), Off::default());
    assert_eq!(
        s.iter().map(|s| s.sentence.as_str()).collect::<Vec<_>>(),
        [
            "Your last 5 check-ins, up to Tue 3 Nov, had a mean stress of 7.6. Time away from the journal is fine; if that stretch is still with you, supervision is one place to talk it through."
        ]
    );
    assert_eq!(
        SignalKind::QuietAfterHighStress.title(),
        "After a hard stretch"
    );
    assert_eq!(
        s[0].agenda_text(),
        "After a hard stretch: My last 5 check-ins, up to Tue 3 Nov, had a mean stress of 7.6."
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
fn the_agenda_item_names_the_signal_in_the_first_person() {
    let s = Signal::new(
        SignalKind::ShortSleep,
        "You had three short nights.".into(),
        "I had three short nights.".into(),
    );
    assert_eq!(s.agenda_text(), "Short nights: I had three short nights.");
    assert_eq!(SignalKind::ShortSleep.function(), Function::Support);
}

#[test]
fn each_signal_can_be_switched_off_on_its_own() {
    // Five high of the last seven check-ins and three short nights: two signals.
    let night = Recovery::Sleep {
        minutes: 300,
        quality: None,
    };
    let mut rows: Vec<TrendRow> = [8, 9, 7, 8, 9, 3, 4]
        .iter()
        .enumerate()
        .map(|(i, s)| checkin(i as i64, *s))
        .collect();
    rows.extend([0, 1, 2].map(|d| recovery(d, night.clone())));
    assert_eq!(
        kinds(&rows),
        [SignalKind::HighRecentStress, SignalKind::ShortSleep]
    );
    let off = Off::try_from(vec!["short_sleep".to_string()]).expect("a name");
    let left: Vec<SignalKind> = signals(&rows, today(), Vocabulary::builtin(), off)
        .into_iter()
        .map(|s| s.kind)
        .collect();
    assert_eq!(left, [SignalKind::HighRecentStress]);
    for kind in SignalKind::ALL {
        let off = Off::default().with(kind);
        assert!(off.contains(kind));
        assert!(SignalKind::ALL.iter().filter(|k| off.contains(**k)).count() == 1);
    }
    let wrong = Off::try_from(vec!["few_breakz".to_string()]).expect_err("unknown");
    assert!(
        wrong.starts_with("unknown signal 'few_breakz' in signals_off: use stress_above_usual"),
        "{wrong}"
    );
}
