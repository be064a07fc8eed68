//! `debrief checkin`, `debrief log` and `debrief vocab` on the real binary: every valid
//! input stored and shown, every invalid one refused in one line with nothing written.

use super::cli::Journal;

fn count(j: &Journal) -> usize {
    j.json(&["list", "--json", "-n", "1000"])
        .as_array()
        .expect("array")
        .len()
}

#[test]
fn a_full_checkin_is_stored_shown_listed_and_found() {
    let j = Journal::new();
    let out = j.run(&[
        "checkin",
        "--stress",
        "6",
        "--energy",
        "4",
        "--body",
        "chest:tight",
        "--body",
        "Upper back:Tense:3",
        "--body",
        "stomach:churning:0",
        "--emotion",
        "anxious:2",
        "--emotion",
        "on edge",
        "--context",
        "home visit",
        "--flag",
        "lone-late",
        "--flag",
        "hostile",
        "--note",
        "After the visit to the flat #visits",
        "--tag",
        "duty",
    ]);
    assert!(
        out.starts_with("Saved check-in 1: chest tight, upper back tense, stomach churning"),
        "{out}"
    );
    let show = j.json(&["show", "1", "--json"]);
    assert_eq!(show["kind"], "checkin");
    assert_eq!(show["stress"], 6);
    assert_eq!(show["energy"], 4);
    assert_eq!(show["work_context"], "home_visit");
    assert_eq!(show["sensations"][1]["region"], "upper_back");
    assert_eq!(show["sensations"][1]["sensation"], "tense");
    assert_eq!(show["sensations"][1]["intensity"], 3);
    assert_eq!(show["sensations"][0]["intensity"], 2, "2 when left out");
    assert_eq!(show["sensations"][2]["intensity"], 0);
    assert_eq!(show["emotions"][0]["word"], "anxious");
    assert_eq!(show["emotions"][0]["intensity"], 2);
    assert_eq!(show["emotions"][1]["word"], "on_edge");
    assert_eq!(show["emotions"][1]["intensity"], serde_json::Value::Null);
    assert_eq!(
        show["difficulties"],
        serde_json::json!(["hostile", "lone_late"])
    );
    assert_eq!(show["body"], "After the visit to the flat #visits");
    assert_eq!(show["tags"], serde_json::json!(["duty", "visits"]));

    let list = j.json(&["list", "--json"]);
    assert_eq!(list[0]["work_context"], "home_visit");
    let gist = list[0]["gist"].as_str().expect("gist");
    assert_eq!(
        gist,
        "chest tight, upper back tense, stomach churning · anxious, on edge · home visit · hostile or aggressive, lone or late visit"
    );
    let human = j.run(&["show", "1"]);
    for part in [
        "upper back: tense (3/3)",
        "anxious (2/3), on edge",
        "What made it harder",
        "hostile or aggressive, lone or late visit",
    ] {
        assert!(human.contains(part), "{part}: {human}");
    }
    assert!(human.contains("work: home visit"), "{human}");
    // Search finds it by its body words, emotion words, context and flags.
    for word in [
        "tight",
        "upper back",
        "churning",
        "edge",
        "home visit",
        "hostile",
    ] {
        let hits = j.json(&["search", word, "--json"]);
        assert_eq!(
            hits.as_array().map(Vec::len),
            Some(1),
            "search {word}: {hits}"
        );
    }
}

#[test]
fn a_past_checkin_takes_the_same_date_words_as_add() {
    let j = Journal::new();
    let out = j.run(&["checkin", "--stress", "3", "--at", "yesterday 17:30"]);
    assert!(out.contains(", dated "), "{out}");
    let show = j.json(&["show", "1", "--json"]);
    let created = show["created"].as_str().expect("created");
    assert!(created.contains("T17:30:00"), "{created}");
    j.fails(
        &["checkin", "--stress", "3", "--at", "tomorrow"],
        "in the future",
    );
    assert_eq!(count(&j), 1);
}

#[test]
fn every_bad_checkin_word_names_the_closest_and_the_list_and_writes_nothing() {
    let j = Journal::new();
    let cases: &[(&[&str], &str)] = &[
        (&["--body", "sholders:tight"], "did you mean 'shoulders'"),
        (&["--body", "chest:tigt"], "did you mean 'tight'"),
        (&["--body", "chest"], "REGION:SENSATION"),
        (&["--body", "chest:tight:4"], "use 0, 1, 2 or 3"),
        (&["--body", "chest:tight:x"], "0, 1, 2 or 3"),
        (&["--emotion", "anxius"], "did you mean 'anxious'"),
        (&["--emotion", "sad:0"], "use 1, 2 or 3"),
        (&["--emotion", "sad:4"], "the closest is 3"),
        (&["--context", "cort"], "did you mean 'court'"),
        (&["--flag", "hostil"], "did you mean 'hostile'"),
        (&["--stress", "11"], "0 to 10"),
        (&["--energy", "high"], "0 to 10"),
        (&["--tag", "bad!tag"], "tag"),
        (&[], "the check-in is empty"),
    ];
    for (args, message) in cases {
        let mut full = vec!["checkin"];
        full.extend_from_slice(args);
        j.fails(&full, message);
    }
    // Each list is named so the user can look it up.
    j.fails(
        &["checkin", "--context", "zzz"],
        "use one of home_visit, duty_office, court",
    );
    j.fails(&["checkin", "--flag", "zzz"], "debrief vocab flags");
    assert_eq!(count(&j), 0, "nothing was written");
}

#[test]
fn the_recovery_log_takes_sleep_breaks_movement_and_none() {
    let j = Journal::new();
    let said = j.run(&[
        "log",
        "sleep",
        "7:30",
        "--quality",
        "6",
        "--at",
        "yesterday 08:00",
    ]);
    assert!(said.contains("sleep 7 h 30 · quality 6/10"), "{said}");
    assert!(j.run(&["log", "break", "15"]).contains("a break of 15 min"));
    assert!(j.run(&["log", "break"]).contains("a break."));
    let moved = j.run(&["log", "move", "lunchtime walk", "20"]);
    assert!(
        moved.contains("moved: a lunchtime walk · 20 min"),
        "{moved}"
    );
    assert!(j.run(&["log", "none"]).contains("not possible today"));
    let id = j.json(&["log", "move", "stairs", "--json"])["id"]
        .as_i64()
        .expect("id");

    let show = j.json(&["show", &id.to_string(), "--json"]);
    assert_eq!(show["kind"], "recovery");
    assert_eq!(
        show["recovery"],
        serde_json::json!({"activity": "move", "movement": "stairs"})
    );
    let sleep = j.json(&["show", "1", "--json"]);
    assert_eq!(
        sleep["recovery"],
        serde_json::json!({"activity": "sleep", "minutes": 450, "quality": 6})
    );
    let list = j.json(&["list", "--json", "--kind", "recovery"]);
    assert_eq!(list.as_array().map(Vec::len), Some(6));
    let human = j.run(&["list"]);
    assert!(human.contains("not possible today"), "{human}");
    let hits = j.json(&["search", "lunchtime", "--json"]);
    assert_eq!(hits.as_array().map(Vec::len), Some(1), "{hits}");
}

#[test]
fn bad_recovery_input_is_refused_with_nothing_written() {
    let j = Journal::new();
    let cases: &[(&[&str], &str)] = &[
        (&["log", "sleep", "25"], "up to 24"),
        (&["log", "sleep", "seven"], "not a number of hours"),
        (&["log", "sleep", "7", "--quality", "11"], "0 to 10"),
        (&["log", "break", "2000"], "up to 1440"),
        (&["log", "break", "-5"], "not a number of minutes"),
        (&["log", "move", "swim"], "use one of walk_before_writing"),
        (&["log", "move", "stair"], "did you mean 'stairs'"),
        (
            &["log", "move", "stairs", "lots"],
            "not a number of minutes",
        ),
        (&["log", "sleep", "7", "--at", "tomorrow"], "in the future"),
    ];
    for (args, message) in cases {
        j.fails(args, message);
    }
    assert_eq!(count(&j), 0);
}

#[test]
fn vocab_lists_every_list_in_text_and_json_with_the_users_own_words() {
    let j = Journal::new();
    let all = j.run(&["vocab"]);
    for heading in [
        "regions:",
        "sensations:",
        "emotions:",
        "contexts:",
        "flags:",
        "movement:",
    ] {
        assert!(all.contains(heading), "{heading}: {all}");
    }
    assert!(
        all.contains("shoulders") && all.contains("(key s)"),
        "{all}"
    );
    let regions = j.json(&["vocab", "regions", "--json"]);
    assert_eq!(regions.as_array().map(Vec::len), Some(18));
    assert_eq!(regions[0]["id"], "head_scalp");
    let emotions = j.json(&["vocab", "emotions", "--json"]);
    assert_eq!(emotions.as_array().map(Vec::len), Some(4));
    assert!(emotions[0]["quadrant"].is_string());
    let everything = j.json(&["vocab", "--json"]);
    assert!(everything["movement"].is_array() && everything["flags"].is_array());
    j.cmd()
        .args(["vocab", "colours"])
        .assert()
        .failure()
        .stderr(predicates::str::contains("unknown list 'colours'"));

    // Words from the settings join the lists and are accepted.
    let config = j.dir.path().join("config.toml");
    std::fs::write(
        &config,
        "[vocabulary]\ncontexts = [\"outreach clinic\"]\nemotions = { high_unpleasant = [\"rattled\"] }\nmovement = [\"cycling to a visit\"]\n",
    )
    .expect("config");
    let config = config.to_str().expect("utf8");
    let contexts = j.run(&["--config", config, "vocab", "contexts"]);
    assert!(contexts.contains("outreach_clinic"), "{contexts}");
    j.run(&[
        "--config",
        config,
        "checkin",
        "--context",
        "outreach clinic",
        "--emotion",
        "rattled",
    ]);
    j.run(&[
        "--config",
        config,
        "log",
        "move",
        "cycling to a visit",
        "30",
    ]);
    // Without those settings the stored ids still display.
    let human = j.run(&["list"]);
    assert!(
        human.contains("rattled · outreach clinic") && human.contains("cycling to a visit"),
        "{human}"
    );
}

/// The command line can flag a check-in, a recovery log and a learning activity as they are
/// made, and `edit` sets (never flips) star, flag and finish-later; a contradictory pair is
/// refused.
#[test]
fn flags_are_set_when_made_and_by_edit() {
    let j = Journal::new();
    j.run(&["checkin", "--stress", "6", "--for-supervision"]);
    j.run(&["log", "sleep", "7", "--star"]);
    j.run(&["learn", "A podcast", "--type", "podcast", "--later"]);
    let flags = |id: &str| {
        let e = j.json(&["show", id, "--json"]);
        (
            e["starred"].as_bool(),
            e["for_supervision"].as_bool(),
            e["unfinished"].as_bool(),
        )
    };
    assert_eq!(flags("1"), (Some(false), Some(true), Some(false)));
    assert_eq!(flags("2"), (Some(true), Some(false), Some(false)));
    assert_eq!(flags("3"), (Some(false), Some(false), Some(true)));
    let said = j.run(&["edit", "1", "--no-for-supervision", "--star"]);
    assert_eq!(said.trim(), "Entry 1: starred, no longer for supervision.");
    assert_eq!(flags("1"), (Some(true), Some(false), Some(false)));
    // Set, not flipped: the same again changes nothing; both of a pair is refused.
    j.run(&["edit", "1", "--star"]);
    j.cmd()
        .args(["edit", "1", "--later", "--no-later"])
        .assert()
        .code(2);
    j.cmd()
        .args(["checkin", "--stress", "3", "--star", "--no-star"])
        .assert()
        .code(2);
    assert_eq!(flags("1"), (Some(true), Some(false), Some(false)));
}
