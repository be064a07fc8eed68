//! `debrief supervision` on the real binary: a session from flags and from a page in the
//! editor, its actions followed across sessions, the next agenda, the prep pack, and every
//! kind of bad input refused in one line with nothing written.

use std::fs;

use super::cli::Journal;

fn session_json(j: &Journal, id: &str) -> serde_json::Value {
    j.json(&["show", id, "--json"])["supervision"].clone()
}

#[test]
fn a_session_from_flags_is_stored_whole_and_covers_what_was_flagged() {
    let j = Journal::new();
    let flagged = j.add(&[
        "The Jones visit left me shaken",
        "--for-supervision",
        "--at",
        "2 days ago",
    ]);
    j.run(&[
        "supervision",
        "agenda",
        "add",
        "Leave",
        "over",
        "Christmas",
        "--function",
        "systemic",
    ]);
    let out = j.run(&[
        "supervision",
        "add",
        "--supervisor",
        "Sam (team manager)",
        "--type",
        "1:1",
        "--agenda",
        "supportive: the Jones visit",
        "--agenda",
        "Court: next steps",
        "--decision",
        "Co-work the next visit",
        "--support",
        "A debrief after each court day",
        "--learning",
        "Read the chronology guidance",
        "--action",
        "Book court skills day; owner=me; due=2099-12-04",
        "--action",
        "Find a co-worker",
        "--next",
        "2099-12-18",
        "--notes",
        "A good session",
    ]);
    assert!(
        out.contains("Saved supervision note 2: 3 agenda items, 1 decision, 2 actions, 1 item from the agenda queue.")
            && out.contains("It covers 1 entry flagged for supervision (now unflagged)."),
        "{out}"
    );
    let s = session_json(&j, "2");
    assert_eq!(s["supervisor"], "Sam (team manager)");
    assert_eq!(s["session_type"], "individual");
    assert_eq!(s["agenda"][0]["text"], "the Jones visit");
    assert_eq!(s["agenda"][0]["function"], "support");
    assert_eq!(s["agenda"][1]["text"], "Court: next steps");
    assert!(s["agenda"][1]["function"].is_null());
    assert_eq!(s["agenda"][2]["text"], "Leave over Christmas");
    assert_eq!(s["agenda"][2]["function"], "mediation");
    assert_eq!(s["support"], "A debrief after each court day");
    assert_eq!(s["learning"], "Read the chronology guidance");
    assert_eq!(s["actions"][0]["owner"], "me");
    assert_eq!(s["actions"][0]["due_on"], "2099-12-04");
    assert_eq!(s["next_on"], "2099-12-18");
    let shown = j.json(&["show", "2", "--json"]);
    assert_eq!(shown["body"], "A good session");
    assert_eq!(
        j.json(&["show", &flagged.to_string(), "--json"])["for_supervision"],
        false
    );
    let agenda = j.json(&["supervision", "agenda", "--json"]);
    assert!(agenda["flagged"].as_array().expect("flagged").is_empty());
    assert!(agenda["queued"].as_array().expect("queued").is_empty());
    assert_eq!(agenda["open_actions"].as_array().expect("open").len(), 2);
    assert_eq!(agenda["last_session"]["entry"], 2);
    let text = j.run(&["show", "2"]);
    for part in [
        "support  A debrief after each court day",
        "next     Friday 18 December 2099",
    ] {
        assert!(text.contains(part), "{part}: {text}");
    }
}

#[test]
fn actions_are_closed_dropped_reopened_and_overdue_across_sessions() {
    let j = Journal::new();
    j.run(&[
        "supervision",
        "add",
        "--on",
        "14 days ago",
        "--action",
        "Book court skills day; due=7 days ago",
        "--action",
        "Read the policy",
    ]);
    j.run(&[
        "supervision",
        "add",
        "--on",
        "yesterday",
        "--action",
        "Ask about leave; due=tomorrow",
    ]);
    let overdue = j.json(&["supervision", "actions", "--overdue", "--json"]);
    let overdue = overdue.as_array().expect("array");
    assert_eq!(overdue.len(), 1);
    assert_eq!(overdue[0]["text"], "Book court skills day");
    assert_eq!(overdue[0]["overdue"], true);
    assert_eq!(overdue[0]["session"], 1);
    assert!(j.run(&["supervision", "actions"]).contains("(overdue)"));
    // The timeline marks the note with the overdue action.
    let list = j.run(&["list"]);
    let rows: Vec<&str> = list.lines().collect();
    assert!(
        rows.iter()
            .any(|r| r.contains("⚠ overdue · 2 open actions")),
        "{list}"
    );
    assert!(
        rows.iter()
            .any(|r| r.contains("1 open action") && !r.contains("overdue")),
        "{list}"
    );

    let done = j.run(&["supervision", "action", "1", "done"]);
    assert!(
        done.starts_with("#1 [done] Book court skills day"),
        "{done}"
    );
    assert!(
        !j.run(&["list"]).contains("overdue"),
        "done: no longer overdue"
    );
    let dropped = j.run(&[
        "supervision",
        "action",
        "#2",
        "drop",
        "--reason",
        "superseded",
    ]);
    assert!(
        dropped.contains("[dropped] Read the policy") && dropped.contains("dropped: superseded"),
        "{dropped}"
    );
    let open = j.json(&["supervision", "actions", "--json"]);
    assert_eq!(open.as_array().expect("array").len(), 1, "{open}");
    // A third session: what is still open carries; reopening brings one back.
    j.run(&["supervision", "add", "--agenda", "Caseload"]);
    j.run(&["supervision", "action", "2", "reopen"]);
    let open: Vec<String> = j
        .json(&["supervision", "actions", "--json"])
        .as_array()
        .expect("array")
        .iter()
        .map(|a| a["text"].as_str().expect("text").to_string())
        .collect();
    assert_eq!(open, ["Ask about leave", "Read the policy"]);
    let all = j.json(&["supervision", "actions", "--all", "--json"]);
    assert_eq!(all.as_array().expect("array").len(), 3);
    assert!(all[2]["reason"].is_null(), "reopened: no reason");
    assert_eq!(
        j.json(&["show", "1", "--json"])["supervision"]["actions"][0]["status"],
        "done"
    );
}

#[test]
fn bad_supervision_input_is_refused_in_one_line_with_nothing_written() {
    let j = Journal::new();
    for (args, says) in [
        (
            vec!["supervision", "add", "--on", "someday"],
            "cannot read the date 'someday'",
        ),
        (
            vec!["supervision", "add", "--on", "tomorrow"],
            "is in the future",
        ),
        (
            vec!["supervision", "add", "--next", "whenever"],
            "cannot read the date",
        ),
        (
            vec!["supervision", "add", "--type", "coffee"],
            "use individual, group, peer, ad hoc, live",
        ),
        (
            vec!["supervision", "add", "--action", "; owner=me"],
            "needs a description",
        ),
        (
            vec!["supervision", "add", "--action", "Call; colour=red"],
            "unknown part 'colour'",
        ),
        (
            vec!["supervision", "add", "--action", "Call; due=someday"],
            "cannot read the date",
        ),
        (
            vec!["supervision", "add", "--agenda", "support:"],
            "an agenda item needs some words",
        ),
        (
            vec!["supervision", "add", "--decision", " "],
            "a decision cannot be empty",
        ),
        (
            vec!["supervision", "agenda", "add", "x", "--function", "fun"],
            "unknown supervision function 'fun'",
        ),
        (
            vec!["supervision", "action", "x", "done"],
            "'x' is not an action number",
        ),
        (vec!["supervision", "action", "99", "done"], "99"),
        (
            vec!["supervision", "action", "1", "done", "--reason", "x"],
            "--reason goes with drop",
        ),
        (vec!["supervision", "agenda", "remove", "5"], "5"),
    ] {
        j.fails(&args, says);
    }
    assert!(
        j.json(&["list", "--json"])
            .as_array()
            .expect("array")
            .is_empty()
    );
    j.cmd()
        .args(["supervision", "agenda", "add", "  "])
        .assert()
        .code(3);
    j.cmd()
        .args(["supervision", "action", "99", "done"])
        .assert()
        .code(4);
}

#[test]
fn a_session_on_a_page_in_the_editor_is_read_back_and_what_it_cannot_place_is_named() {
    let j = Journal::new();
    let page = "Date: 2026-11-20\nSupervisor: Sam\nType: peer\nRoom: 4\n## Agenda\n- development: Court skills\n> It went well\n## Actions\n- Shadow a colleague; owner=me\n## Risks\nThe dog\n## Notes\nTired";
    let editor = j.editor(page);
    let out = j
        .cmd()
        .env("EDITOR", &editor)
        .args(["supervision", "add", "--editor"])
        .assert()
        .success()
        .get_output()
        .clone();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains("line 4: 'room'") && stderr.contains("no section is called 'Risks'"),
        "{stderr}"
    );
    let e = j.json(&["show", "1", "--json"]);
    assert_eq!(e["supervision"]["held_on"], "2026-11-20");
    assert_eq!(e["supervision"]["session_type"], "peer");
    assert_eq!(e["supervision"]["agenda"][0]["discussion"], "It went well");
    assert_eq!(e["supervision"]["actions"][0]["owner"], "me");
    assert_eq!(e["body"], "Room: 4\nRisks:\nThe dog\nTired");
    let editing = j.dir.path().join("data").join("editing");
    let left: Vec<_> = fs::read_dir(&editing)
        .map(|d| d.flatten().collect())
        .unwrap_or_default();
    assert!(
        left.is_empty(),
        "the editor's file goes once saved: {left:?}"
    );

    // A date it cannot read: nothing saved, the page kept and named.
    let editor = j.editor("Date: someday\n## Agenda\n- Court");
    let out = j
        .cmd()
        .env("EDITOR", &editor)
        .args(["supervision", "add", "--editor"])
        .assert()
        .code(3)
        .get_output()
        .clone();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains("line 1: cannot read the date") && stderr.contains("your text is kept in"),
        "{stderr}"
    );
    assert_eq!(
        j.json(&["list", "--json"]).as_array().expect("array").len(),
        1
    );
    assert_eq!(
        fs::read_dir(&editing).expect("dir").count(),
        1,
        "the page is kept"
    );
}

#[test]
fn the_prep_pack_is_markdown_and_goes_to_a_new_private_file() {
    let j = Journal::new();
    j.add(&["A dilemma about consent", "--for-supervision"]);
    j.run(&[
        "supervision",
        "agenda",
        "add",
        "How do I ask for a lighter caseload?",
    ]);
    let md = j.run(&["supervision", "prep"]);
    for part in [
        "# Supervision prep:",
        "No supervision note yet.",
        "## Actions from earlier sessions\n\nNone open.",
        "### A dilemma about consent (entry 1)",
        "## Balance\n\nNo earlier sessions to look at.",
        "## Questions to ask\n\n- How do I ask for a lighter caseload?",
    ] {
        assert!(md.contains(part), "{part}: {md}");
    }
    // What it is, first; the worker's wellbeing only when they ask for it.
    assert!(
        md.contains("Personal reflective notes, brought to supervision: not a case record."),
        "{md}"
    );
    assert!(!md.contains("## Wellbeing"), "{md}");
    assert!(
        j.run(&["supervision", "prep", "--wellbeing"])
            .contains("## Wellbeing\n\nNot enough check-ins to summarise (0 in this period")
    );
    assert!(
        !j.run(&["supervision", "prep", "--no-wellbeing"])
            .contains("## Wellbeing")
    );
    let file = j.dir.path().join("prep.md");
    let out = j.run(&["supervision", "prep", "-o", file.to_str().expect("path")]);
    assert!(out.contains("Wrote the prep pack to"), "{out}");
    use std::os::unix::fs::PermissionsExt;
    let mode = fs::metadata(&file).expect("file").permissions().mode() & 0o777;
    assert_eq!(mode, 0o600);
    assert!(
        fs::read_to_string(&file)
            .expect("read")
            .starts_with("# Supervision prep:")
    );
    j.fails(
        &["supervision", "prep", "-o", file.to_str().expect("path")],
        "already exists",
    );
    j.fails(
        &["supervision", "prep", "--since", "someday"],
        "cannot read the date",
    );
}
