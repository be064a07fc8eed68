//! The phrases of issue 27 against a fixed clock: each read exactly, or refused with a hint.

use super::*;
use jiff::tz::TimeZone;
use proptest::prelude::*;

/// Sunday 22 November 2026, 15:30 in London (GMT, +00:00).
fn now() -> Zoned {
    let tz = TimeZone::get("Europe/London").unwrap_or(TimeZone::UTC);
    jiff::civil::date(2026, 11, 22)
        .at(15, 30, 0, 0)
        .to_zoned(tz)
        .expect("valid")
}

fn moment(s: &str) -> String {
    match parse_when(s, &now()) {
        Ok(w) => w.moment.strftime("%Y-%m-%d %H:%M").to_string(),
        Err(e) => format!("refused: {e}"),
    }
}

#[test]
fn a_and_an_are_one_and_every_term_of_an_ago_phrase_is_ago() {
    for (typed, read) in [
        ("a week ago", "2026-11-15 15:30"),
        ("a day ago", "2026-11-21 15:30"),
        ("a month ago", "2026-10-22 15:30"),
        ("a year ago", "2025-11-22 15:30"),
        ("a fortnight ago", "2026-11-08 15:30"),
        ("a minute ago", "2026-11-22 15:29"),
        ("an hour ago", "2026-11-22 14:30"),
        ("one week ago", "2026-11-15 15:30"),
        ("1 h ago", "2026-11-22 14:30"),
        ("1 week 3 days ago", "2026-11-12 15:30"),
        ("2weeks 1hour ago", "2026-11-08 14:30"),
        ("1 week and 2 days ago", "2026-11-13 15:30"),
    ] {
        assert_eq!(moment(typed), read, "{typed}");
    }
    // A month ago is in summer time: the wall clock is kept (15:30 then too).
    let w = parse_when("a month ago", &now()).expect("read");
    assert_eq!(w.moment.offset().seconds(), 3600);
    assert!(parse_when("an hour ago", &now()).is_ok_and(|w| !w.whole_day));
    assert!(parse_when("a week ago", &now()).is_ok_and(|w| w.whole_day));
}

#[test]
fn a_lone_letter_is_never_a_time_zone_and_vague_amounts_are_refused() {
    for typed in ["1 day ago b", "b week ago", "yesterday q", "3"] {
        let read = moment(typed);
        assert!(read.starts_with("refused"), "{typed}: {read}");
    }
    let e = moment("a few days ago");
    assert!(
        e.contains("not a definite time") && e.contains("3 days ago"),
        "{e}"
    );
    let e = moment("5 m ago");
    assert!(e.contains("minutes or months"), "{e}");
}

#[test]
fn an_explicit_today_is_today() {
    for (typed, read) in [
        ("today at 5pm", "2026-11-22 17:00"),
        ("today 23:59", "2026-11-22 23:59"),
        ("today at 11:59pm", "2026-11-22 23:59"),
        ("tonight", "2026-11-22 20:00"),
        ("this evening", "2026-11-22 20:00"),
        ("today at 3pm", "2026-11-22 15:00"),
    ] {
        assert_eq!(moment(typed), read, "{typed}");
    }
    // A time alone still means the last one.
    assert_eq!(moment("17:00"), "2026-11-21 17:00");
}

#[test]
fn the_forms_that_were_refused_though_clear() {
    for (typed, read) in [
        ("midnight", "2026-11-22 00:00"),
        ("1st November", "2026-11-01 00:00"),
        ("9.30am", "2026-11-22 09:30"),
        ("half past nine", "2026-11-22 09:30"),
        ("yesterday at half past nine pm", "2026-11-21 21:30"),
        ("-2 days", "2026-11-20 15:30"),
    ] {
        assert_eq!(moment(typed), read, "{typed}");
    }
}

#[test]
fn a_year_or_a_month_alone_is_a_bound_over_all_of_it_and_never_a_moment() {
    let bounds = |s: &str| {
        let w = parse_when(s, &now()).expect(s);
        (w.since().to_rfc3339(), w.until().to_rfc3339())
    };
    assert_eq!(
        bounds("2024"),
        (
            "2024-01-01T00:00:00+00:00".into(),
            "2025-01-01T00:00:00+00:00".into()
        )
    );
    assert_eq!(
        bounds("2024"),
        (bounds("2024-01-01").0, bounds("2024-12-31").1)
    );
    // June is summer time in London: the month starts at 23:00 UTC the day before.
    assert_eq!(
        bounds("june 2013"),
        (
            "2013-05-31T23:00:00+00:00".into(),
            "2013-06-30T23:00:00+00:00".into()
        )
    );
    assert_eq!(bounds("2024-10").0, bounds("2024-10-01").0);
    assert_eq!(bounds("2024-10").1, bounds("2024-10-31").1);
    assert_eq!(bounds("feb 2013").1, bounds("2013-02-28").1);
    for typed in ["2024", "june 2013"] {
        let w = parse_when(typed, &now()).expect(typed);
        let e = w.moment_of(typed).expect_err(typed).to_string();
        assert!(
            e.contains("not a moment") && e.contains("give a day, e.g."),
            "{e}"
        );
        let e = read_day(typed, &now(), DateOrder::default(), true).expect_err(typed);
        assert!(e.to_string().contains("give a day"), "{e}");
    }
    let e = parse_when("2024", &now()).and_then(|w| w.moment_of("2024"));
    assert!(e.is_err_and(|e| e.to_string().contains("for the time, write 20:24")));
}

#[test]
fn every_accepted_form_in_the_error_is_read() {
    for form in ACCEPTED_FORMS.split(", ") {
        assert!(parse_when(form, &now()).is_ok(), "{form}");
    }
}

/// Chrono's own arithmetic on the wall clock (days, weeks, months, years) or the instant
/// (hours and shorter): what "N units ago" must mean.
fn chrono_ago(n: u32, unit: &str) -> chrono::DateTime<chrono::Utc> {
    let clock =
        crate::clock::Clock::fixed(crate::clock::from_zoned(&now()), now().time_zone().clone());
    let at = clock.now();
    let wall = clock.local(at).naive_local();
    let back = |d: chrono::NaiveDateTime| clock.from_local(d).expect("no gap at 15:30");
    match unit {
        "seconds" => at - chrono::Duration::seconds(n.into()),
        "minutes" => at - chrono::Duration::minutes(n.into()),
        "hours" => at - chrono::Duration::hours(n.into()),
        "days" => back(wall - chrono::Days::new(n.into())),
        "weeks" => back(wall - chrono::Days::new(u64::from(n) * 7)),
        "months" => back(wall - chrono::Months::new(n)),
        _ => back(wall - chrono::Months::new(n * 12)),
    }
}

proptest! {
    #[test]
    fn n_units_ago_is_now_minus_n_units(
        n in 1u32..500,
        unit in prop::sample::select(vec!["seconds", "minutes", "hours", "days", "weeks", "months", "years"]),
    ) {
        let w = parse_when(&format!("{n} {unit} ago"), &now()).expect("read");
        prop_assert_eq!(w.instant(), chrono_ago(n, unit));
    }

}
