//! Reflective templates on the real binary: listing and showing them, the user's own (added,
//! overriding, broken), and writing with one, in `$EDITOR` or with `--stage`.

use predicates::str::contains;

use super::cli::Journal;

const SHIPPED: [&str; 10] = [
    "gibbs",
    "driscoll",
    "borton",
    "rolfe",
    "kolb",
    "schon",
    "johns",
    "coproduction",
    "after_visit",
    "learning",
];

/// The user's template folder for this journal's home.
fn templates_dir(j: &Journal) -> std::path::PathBuf {
    let paths = j.json(&["paths", "--json"]);
    std::path::PathBuf::from(paths["templates"].as_str().expect("templates path"))
}

#[test]
fn every_shipped_template_is_listed_and_shown() {
    let j = Journal::new();
    let list = j.run(&["templates"]);
    for id in SHIPPED {
        assert!(list.contains(id), "{id}: {list}");
    }
    let json = j.json(&["templates", "--json"]);
    let ids: Vec<&str> = json
        .as_array()
        .expect("array")
        .iter()
        .map(|t| t["id"].as_str().expect("id"))
        .collect();
    assert_eq!(ids, SHIPPED);
    let johns = j.run(&["templates", "show", "johns"]);
    assert!(johns.contains("7. Reflexivity  (CPD: impact)"), "{johns}");
    assert!(johns.contains("Source: Johns, C. (2000)"), "{johns}");
    let one = j.json(&["templates", "show", "after-visit", "--json"]);
    assert_eq!(one["stages"][1]["maps_to"], "description");
    j.fails(&["templates", "show", "gibs"], "the closest is 'gibbs'");
}

#[test]
fn the_users_templates_add_override_and_a_broken_one_is_named() {
    let j = Journal::new();
    let dir = templates_dir(&j);
    std::fs::create_dir_all(&dir).expect("dir");
    std::fs::write(
        dir.join("placement.toml"),
        "id = \"placement\"\nname = \"Placement log\"\n[[stages]]\nkey = \"event\"\ntitle = \"Event\"\nprompts = [\"What happened?\"]\nmaps_to = \"description\"\n",
    )
    .expect("write");
    std::fs::write(
        dir.join("kolb.toml"),
        "id = \"kolb\"\nname = \"Kolb, as my course teaches it\"\n[[stages]]\nkey = \"experience\"\ntitle = \"Experience\"\nprompts = [\"What did you do?\"]\n",
    )
    .expect("write");
    std::fs::write(dir.join("broken.toml"), "id = \"x\"\nstages = [1, 2\n").expect("write");
    j.cmd()
        .arg("templates")
        .assert()
        .success()
        .stdout(contains("placement      Placement log (1 stages)  (yours)"))
        .stdout(contains("(yours, replacing the shipped one)"))
        .stderr(contains("broken.toml: line 2"));
    // A user template writes like a shipped one.
    j.run(&[
        "add",
        "--template",
        "placement",
        "--stage",
        "event=Shadowed a home visit",
    ]);
    let show = j.json(&["show", "1", "--json"]);
    assert_eq!(show["template"], "placement");
    assert_eq!(show["answers"][0]["title"], "Event");
    // The default template may be a user template (the settings file sits beside the folder).
    let config = dir.parent().expect("config dir").join("config.toml");
    std::fs::write(&config, "default_template = \"placement\"\n").expect("config");
    let checked = j.run(&["config"]);
    assert!(!checked.contains("unknown template"), "{checked}");
}

#[test]
fn stages_answered_on_the_command_line_in_the_templates_order() {
    let j = Journal::new();
    let out = j.run(&[
        "add",
        "--template",
        "gibbs",
        "--stage",
        "action_plan=Ring the school by Friday",
        "--stage",
        "description=We met at the door",
        "--title",
        "Visit",
    ]);
    assert!(out.contains("Saved entry 1"), "{out}");
    let show = j.json(&["show", "1", "--json"]);
    assert_eq!(show["answers"][0]["stage"], "description");
    assert_eq!(show["answers"][1]["stage"], "action_plan");
    assert_eq!(show["answers"][1]["answer"], "Ring the school by Friday");
    let hits = j.json(&["search", "school", "--json"]);
    assert_eq!(
        hits.as_array().map(Vec::len),
        Some(1),
        "answers are searchable"
    );
    let human = j.run(&["show", "1"]);
    assert!(human.contains("Action plan"), "{human}");

    for (args, why) in [
        (vec!["add", "--stage", "what=x"], "add --template ID"),
        (
            vec!["add", "--template", "nope", "x"],
            "unknown template 'nope'",
        ),
        (
            vec!["add", "--template", "gibbs", "--stage", "feeling=x"],
            "gibbs has no stage 'feeling': use one of description, feelings",
        ),
        (
            vec!["add", "--template", "gibbs", "--stage", "just text"],
            "is not KEY=TEXT",
        ),
        (
            vec!["add", "--template", "gibbs", "--kind", "checkin", "x"],
            "--template writes a reflection",
        ),
    ] {
        j.fails(&args, why);
    }
    assert_eq!(
        j.json(&["list", "--json"]).as_array().map(Vec::len),
        Some(1)
    );
}

#[test]
fn the_editor_gets_headings_and_prompts_and_a_renamed_heading_keeps_its_text() {
    let j = Journal::new();
    // The editor keeps Description, renames Feelings and drops the other headings; it
    // copies what it was given first.
    let given = j.dir.path().join("given.txt");
    let answer = j.dir.path().join("answer.txt");
    std::fs::write(
        &answer,
        "Before the headings.\n## Description\nWe met at the door.\n## My feelings\nNervous, then calmer.\n",
    )
    .expect("answer");
    let editor = j.dir.path().join("editor.sh");
    std::fs::write(
        &editor,
        format!(
            "#!/bin/sh\ncp \"$1\" '{}'\ncp '{}' \"$1\"\n",
            given.display(),
            answer.display()
        ),
    )
    .expect("script");
    std::fs::set_permissions(&editor, std::os::unix::fs::PermissionsExt::from_mode(0o700))
        .expect("chmod");
    j.cmd()
        .env("VISUAL", &editor)
        .args(["add", "--template", "gibbs"])
        .assert()
        .success()
        .stderr(contains("the heading \u{201c}## Feelings\u{201d}"))
        .stderr(contains("kept in the entry's text"));
    let show = j.json(&["show", "1", "--json"]);
    assert_eq!(show["answers"][0]["stage"], "description");
    assert_eq!(show["answers"][0]["answer"], "We met at the door.");
    let body = show["body"].as_str().expect("body");
    assert!(
        body.contains("Before the headings.")
            && body.contains("## My feelings\nNervous, then calmer."),
        "nothing under a renamed heading is lost: {body}"
    );
    // What the editor was given: every heading, with the prompts as `>` lines.
    let given = std::fs::read_to_string(&given).expect("given");
    for part in [
        "## Description\n> What happened, step by step?",
        "## Feelings\n> ",
        "## Action plan\n> If it happened again",
    ] {
        assert!(given.contains(part), "{part}: {given}");
    }
}
