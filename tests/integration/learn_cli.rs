//! `debrief learn`: learning activities recorded with and without a reflection, listed,
//! found and shown like other entries, and reflected on later with `debrief edit`.

use predicates::str::contains;

use super::cli::Journal;

#[test]
fn a_learning_activity_is_recorded_shown_listed_and_found() {
    let j = Journal::new();
    let said = j.run(&[
        "learn",
        "Moving Social Work podcast",
        "--type",
        "podcast",
        "--minutes",
        "40",
        "--author",
        "A Host",
        "--link",
        "https://example.org/ep12",
        "--tag",
        "cpd",
    ]);
    assert_eq!(
        said.trim(),
        "Saved learning activity 1: podcast · 40 min · not reflected on yet."
    );
    j.run(&[
        "learn",
        "Trauma-informed practice",
        "--type",
        "webinar",
        "--minutes",
        "1h30",
        "--learned",
        "Safety comes before questions",
        "--practice",
        "I will ask how a visit can feel safer",
        "--benefits",
        "Families, and me",
        "--at",
        "yesterday 10:00",
    ]);
    let show = j.json(&["show", "2", "--json"]);
    assert_eq!(show["kind"], "learning");
    assert_eq!(show["title"], "Trauma-informed practice");
    assert_eq!(
        show["learning"]["activity"], "course",
        "a webinar is a course"
    );
    assert_eq!(show["learning"]["minutes"], 90);
    assert_eq!(show["template"], "learning");
    assert_eq!(show["answers"][0]["title"], "What I learned");
    assert_eq!(show["answers"][2]["answer"], "Families, and me");
    let human = j.run(&["show", "2"]);
    for part in [
        "Learning activity",
        "course · 1 h 30",
        "How it changes my practice",
    ] {
        assert!(human.contains(part), "{part}: {human}");
    }
    let list = j.run(&["list", "--kind", "learning"]);
    assert!(
        list.contains("Moving Social Work podcast · podcast · 40 min · not reflected on yet"),
        "{list}"
    );
    for (word, id) in [("podcast", 1), ("host", 1), ("safer", 2)] {
        let hits = j.json(&["search", word, "--json"]);
        assert_eq!(hits[0]["id"], id, "{word}: {hits}");
    }
}

#[test]
fn a_reflection_can_be_added_later_in_the_editor() {
    let j = Journal::new();
    j.run(&["learn", "An article on consent", "--type", "article"]);
    let editor = j.editor(
        "## What I learned\nConsent is ongoing.\n## How it changes my practice\nI check again at each visit.\n",
    );
    j.cmd()
        .env("VISUAL", &editor)
        .args(["edit", "1"])
        .assert()
        .success();
    let show = j.json(&["show", "1", "--json"]);
    assert_eq!(show["answers"][0]["answer"], "Consent is ongoing.");
    assert_eq!(show["answers"][1]["stage"], "practice");
    assert_eq!(show["learning"]["activity"], "article", "the rest is kept");
    let list = j.run(&["list"]);
    assert!(!list.contains("not reflected on yet"), "{list}");
}

#[test]
fn bad_learning_input_is_refused_with_nothing_written() {
    let j = Journal::new();
    for (args, why) in [
        (
            vec!["learn", "x", "--type", "radio"],
            "unknown kind of learning 'radio'",
        ),
        (
            vec!["learn", "x", "--minutes", "ages"],
            "not a number of minutes",
        ),
        (
            vec!["learn", "x", "--minutes", "1h75"],
            "not a number of minutes",
        ),
        (vec!["learn", "x", "--link", "a\nb"], "one line"),
        (vec!["learn", " "], "say what the activity was"),
        (vec!["learn", "x", "--at", "tomorrow"], "in the future"),
    ] {
        j.fails(&args, why);
    }
    j.cmd()
        .arg("learn")
        .assert()
        .failure()
        .stderr(contains("TITLE"));
    assert_eq!(
        j.json(&["list", "--json"]).as_array().map(Vec::len),
        Some(0)
    );
}
