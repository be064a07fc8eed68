//! `debrief review` on the real binary: the questions quote the journal's own words, work
//! without a terminal, and come as JSON too.

use super::cli::Journal;

fn fixture() -> Journal {
    let j = Journal::new();
    j.run(&[
        "add",
        "The flat was cold and the baby was crying",
        "--stress",
        "8",
        "--at",
        "2 days ago",
    ]);
    j.run(&["checkin", "--body", "chest:tight", "--at", "yesterday"]);
    j.run(&["checkin", "--body", "chest:heavy", "--stress", "5"]);
    j.run(&["add", "Half a thought", "--later"]);
    j.run(&["learn", "A podcast on consent", "--type", "podcast"]);
    j
}

#[test]
fn a_weekly_review_asks_about_the_weeks_own_words() {
    let j = fixture();
    // Standard input is not a terminal here: the questions are printed and that is all.
    let out = j.run(&["review", "week"]);
    for part in [
        "Weekly review",
        "5 entries: 2 check-ins, 1 learning activity, 2 reflections",
        "stress 6.5 on average, 8 at most",
        "you rated your stress 8 and wrote: “The flat was cold and the baby was crying”",
        "Your chest came up in 2 check-ins (heavy, tight)",
        "You marked “Half a thought” to finish later",
        "“A podcast on consent” (podcast) without saying what you took from it",
        "What do you want to carry into next week",
    ] {
        assert!(out.contains(part), "{part}: {out}");
    }
    let json = j.json(&["review", "week", "--json"]);
    let rules: Vec<&str> = json["questions"]
        .as_array()
        .expect("questions")
        .iter()
        .map(|q| q["rule"].as_str().expect("rule"))
        .collect();
    assert_eq!(
        rules,
        [
            "high_stress",
            "recurring_region",
            "unfinished",
            "unreflected",
            "closing"
        ]
    );
    assert_eq!(json["questions"][0]["quote"]["entry"], 1);
    assert_eq!(json["counts"]["entries"], 5);
}

#[test]
fn an_empty_journal_gets_the_quiet_question_and_no_journal_is_created() {
    let j = Journal::new();
    let out = j.run(&["review", "month"]);
    assert!(out.contains("Nothing was written in this month"), "{out}");
    assert!(!j.db().exists(), "reading never creates a journal");
}

#[test]
fn a_supervision_review_starts_at_the_last_supervision_note() {
    let j = fixture();
    j.run(&["add", "--kind", "supervision", "Session with my manager"]);
    j.run(&["add", "After supervision: a long day", "--stress", "9"]);
    let json = j.json(&["review", "supervision", "--json"]);
    assert_eq!(
        json["counts"]["entries"], 2,
        "the note itself and what followed"
    );
    assert_eq!(
        json["questions"][0]["quote"]["text"],
        "After supervision: a long day"
    );
}

#[test]
fn the_last_answered_review_is_named_and_kept_in_json() {
    let j = fixture();
    let out = j.run(&["review", "week", "--print"]);
    assert!(!out.contains("Your last weekly review"), "none yet: {out}");
    assert!(
        out.contains("To answer: debrief review week on a terminal"),
        "{out}"
    );
    // A review answered in the interface, as the review screen saves it.
    let id = {
        let mut store = j.store();
        let now = debrief::clock::Clock::system().now();
        let mut c = debrief::domain::EntryContent::text("## What stayed with me?\nThe cold flat");
        c.details = debrief::domain::Details::Reflection(debrief::domain::Guided {
            review: Some(debrief::domain::reviewed::ReviewOf {
                kind: debrief::review::ReviewKind::Week,
                from: now - chrono::Duration::days(7),
                to: now,
            }),
            ..debrief::domain::Guided::default()
        });
        store.add_entry(&c, now, 0, now).expect("add")
    };
    let out = j.run(&["review", "week"]);
    assert!(
        out.contains("Your last weekly review (up to ") && out.contains(&format!("is entry {id}.")),
        "{out}"
    );
    let json = j.json(&["review", "week", "--json"]);
    assert_eq!(json["last_answered"]["entry"], id.0);
    assert!(j.json(&["review", "month", "--json"])["last_answered"].is_null());
    let shown = j.json(&["show", &id.to_string(), "--json"]);
    assert_eq!(shown["review"]["kind"], "week");
    j.cmd()
        .args(["review", "week", "--print", "--json"])
        .assert()
        .code(2)
        .stderr(predicates::str::contains("cannot be used with"));
}

#[test]
fn on_this_day_finds_the_same_date_in_earlier_years_and_nothing_else() {
    use chrono::{Datelike, Months};
    let j = Journal::new();
    // Noon today, local time as the CLI reads it, moved back by whole months.
    let clock = debrief::clock::Clock::system();
    let today = clock.local(clock.now()).date_naive();
    let back = |months: u32, days: i64| {
        (today - Months::new(months) + chrono::Duration::days(days))
            .format("%Y-%m-%d 12:00")
            .to_string()
    };
    // Skip the days some earlier months lack (the 29th to 31st), where "on this day" skips.
    if today.day() > 28 {
        return;
    }
    let three_years = j.add(&["Three years ago today", "--at", &back(36, 0)]);
    let last_year = j.add(&["A year ago today", "--at", &back(12, 0)]);
    j.add(&["A year ago tomorrow", "--at", &back(12, 1)]);
    j.add(&["This week", "--at", &back(0, -2)]);
    let json = j.json(&["review", "week", "--json"]);
    let found: Vec<i64> = json["on_this_day"]
        .as_array()
        .expect("on_this_day")
        .iter()
        .map(|s| s["id"].as_i64().expect("id"))
        .collect();
    assert_eq!(found, [last_year, three_years], "{json}");
    let out = j.run(&["review", "week"]);
    assert!(
        out.contains("On this day") && out.contains("Three years ago today"),
        "{out}"
    );
    assert!(!out.contains("A year ago tomorrow"), "{out}");
}
