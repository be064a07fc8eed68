//! Dates on the command line (issue 27): values starting with a hyphen, whole years and
//! months as bounds, an explicit today, and the `WHEN:` prefix on typed and piped text.

use predicates::prelude::PredicateBooleanExt;
use predicates::str::contains;

use super::cli::Journal;

/// A fixed-offset zone in which it is now between 06:00 and 06:59, so that "today 23:59" is
/// always later today and "today 05:00" always earlier, whenever the test runs.
fn early_morning_zone() -> String {
    use chrono::Timelike;
    let hour = i32::try_from(debrief::clock::Clock::system().now().hour()).expect("hour");
    let mut offset = (6 - hour).rem_euclid(24);
    if offset > 14 {
        offset -= 24;
    }
    // Etc/GMT-5 is five hours east of UTC (POSIX signs).
    match offset {
        0 => "Etc/GMT".to_string(),
        o if o > 0 => format!("Etc/GMT-{o}"),
        o => format!("Etc/GMT+{}", -o),
    }
}

fn count(j: &Journal, args: &[&str]) -> usize {
    j.json(&[&["list", "--json"], args].concat())
        .as_array()
        .expect("array")
        .len()
}

#[test]
fn every_date_option_takes_a_value_starting_with_a_hyphen() {
    let j = Journal::new();
    j.add(&["--at", "-2 days", "two days back"]);
    let id = j.add(&["an entry"]).to_string();
    for args in [
        vec!["edit", &id, "--at", "-3 days"],
        vec!["checkin", "--stress", "3", "--at", "-2 days"],
        vec!["log", "break", "15", "--at", "-2 days"],
        vec![
            "learn",
            "An article",
            "--type",
            "article",
            "--at",
            "-2 days",
        ],
        vec!["supervision", "add", "--on", "-1 day", "--next", "+3 weeks"],
        vec!["supervision", "add", "--on", "-2 days", "--next", "-1 day"],
        vec!["list", "--since", "-5 days", "--until", "-1 day"],
        vec!["list", "--on", "-2 days"],
        vec!["search", "entry", "--since", "-5 days"],
        vec!["trends", "--since", "-7 days", "--until", "-1 day"],
        vec!["supervision", "prep", "--since", "-7 days"],
    ] {
        let out = j.cmd().args(&args).output().expect("run");
        let err = String::from_utf8_lossy(&out.stderr);
        assert!(
            out.status.code() != Some(2) && !err.contains("unexpected argument"),
            "{args:?}: {err}"
        );
    }
    assert_eq!(count(&j, &["--on", "-3 days"]), 1, "the edited entry moved");
}

#[test]
fn a_year_or_a_month_as_a_bound_is_all_of_it_and_refused_as_a_moment() {
    let j = Journal::new();
    for at in [
        "2023-12-31 23:30",
        "2024-01-01 00:10",
        "2024-06-15 12:00",
        "2024-10-31 23:50",
        "2024-12-31 23:59",
        "2025-01-01 00:00",
    ] {
        j.add(&["--at", at, &format!("written {at}")]);
    }
    assert_eq!(
        count(&j, &["--since", "2024"]),
        count(&j, &["--since", "2024-01-01"])
    );
    assert_eq!(count(&j, &["--since", "2024"]), 5);
    assert_eq!(count(&j, &["--on", "2024"]), 4);
    assert_eq!(count(&j, &["--until", "2024"]), 5, "to the end of 2024");
    assert_eq!(count(&j, &["--on", "2024-10"]), 1);
    assert_eq!(count(&j, &["--on", "oct 2024"]), 1);
    assert_eq!(count(&j, &["--on", "june 2024"]), 1);
    let found = j.run(&["search", "written since:2024 until:2024"]);
    assert_eq!(found.matches("written 20").count(), 4, "{found}");
    j.cmd()
        .args(["add", "--at", "2024", "a year is not a moment"])
        .assert()
        .code(3)
        .stderr(contains("whole year").and(contains("e.g. 2024-06-01")));
    j.cmd()
        .args(["add", "--at", "june 2013", "nor a month"])
        .assert()
        .code(3)
        .stderr(contains("whole month"));
}

#[test]
fn an_explicit_today_is_today_and_later_today_is_refused_with_its_time() {
    let j = Journal::new();
    let zone = early_morning_zone();
    let today = |at: &str| {
        let out = j
            .cmd()
            .env("TZ", &zone)
            .args(["add", "--at", at, "--json", "today"])
            .output()
            .expect("run");
        (
            out.status.code(),
            String::from_utf8_lossy(&out.stderr).to_string(),
        )
    };
    for later in [
        "today at 5pm",
        "today 23:59",
        "today at 11:59pm",
        "tonight",
        "this evening",
    ] {
        let (code, err) = today(later);
        assert_eq!(code, Some(3), "{later}: {err}");
        assert!(err.contains("in the future"), "{later}: {err}");
    }
    let (_, err) = today("today 23:59");
    assert!(err.contains("23:59"), "the time it would be: {err}");
    assert_eq!(today("today at 5am").0, Some(0));
    let shown = j
        .cmd()
        .env("TZ", &zone)
        .args(["list", "--on", "today"])
        .output()
        .expect("list");
    assert!(String::from_utf8_lossy(&shown.stdout).contains("05:00"));
}

#[test]
fn a_date_before_a_colon_dates_text_typed_or_piped_and_a_star_stars_it() {
    let j = Journal::new();
    j.cmd()
        .args(["add", "-"])
        .write_stdin("yesterday: the visit ran late\n")
        .assert()
        .success()
        .stdout(contains("from \u{201c}yesterday:\u{201d}"));
    j.cmd()
        .write_stdin("yesterday: piped to debrief alone\n")
        .assert()
        .success();
    assert_eq!(count(&j, &["--on", "yesterday"]), 2);
    let texts = j.run(&["list", "--on", "yesterday"]);
    assert!(
        !texts.contains("yesterday:"),
        "the prefix is not kept: {texts}"
    );

    j.run(&["add", "20 july 2013 *: Best day of my life!"]);
    j.cmd()
        .args(["add", "-"])
        .write_stdin("21 july 2013*: a piped star\n")
        .assert()
        .success();
    assert_eq!(count(&j, &["--on", "2013-07-20", "--starred"]), 1);
    assert_eq!(count(&j, &["--on", "2013-07-21", "--starred"]), 1);

    // A date in the future is refused with the time it names, typed or piped; piped text
    // is kept in a rescue file.
    j.cmd()
        .args(["add", "2222-08-19: the future"])
        .assert()
        .code(3)
        .stderr(contains("Mon 19 Aug 2222").and(contains("in the future")));
    j.cmd()
        .write_stdin("2222-08-19: the piped future\n")
        .assert()
        .code(3)
        .stderr(contains("2222").and(contains("your text was kept")));
    assert_eq!(count(&j, &["--since", "2200-01-01"]), 0);
    // Words that are no date stay text.
    j.run(&["add", "Note: a lone letter and a number are no date"]);
    j.cmd().write_stdin("Q: asked\n").assert().success();
    j.cmd().write_stdin("3: points\n").assert().success();
    let today = j.run(&["list", "--on", "today"]);
    for kept in ["Note: a lone", "Q: asked", "3: points"] {
        assert!(today.contains(kept), "{kept}: {today}");
    }
}
