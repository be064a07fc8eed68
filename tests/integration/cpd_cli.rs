//! `debrief cpd`: records made from reflections and learning activities, the registration
//! year's status against the configured requirement, and the list; refusals change nothing.

use predicates::str::contains;

use super::cli::Journal;

fn journal() -> Journal {
    let j = Journal::new();
    j.run(&[
        "add",
        "--template",
        "gibbs",
        "--title",
        "Visit",
        "--stage",
        "description=We met at the door",
        "--stage",
        "conclusion=Ask the school sooner",
        "--stage",
        "action_plan=Ring the school",
    ]);
    j.run(&[
        "learn",
        "Moving Social Work",
        "--type",
        "podcast",
        "--minutes",
        "40",
        "--learned",
        "Consent is ongoing",
    ]);
    j.run(&["checkin", "--stress", "4"]);
    j
}

#[test]
fn records_fill_the_forms_fields_and_count_towards_the_year() {
    let j = journal();
    let status = j.json(&["cpd", "status", "--json"]);
    assert_eq!(status["records"], 0);
    assert_eq!(status["required"]["records"], 2);
    // Looking at an entry as a record keeps nothing.
    let text = j.run(&["cpd", "1"]);
    for part in [
        "CPD record: Visit",
        "TYPE OF CPD\nreflection on practice",
        "DESCRIPTION AND WHY IT IS RELEVANT\nWe met at the door",
        "WHAT I LEARNT\nAsk the school sooner",
        "THE IMPACT ON MY PRACTICE AND THE PEOPLE I WORK WITH\nRing the school",
    ] {
        assert!(text.contains(part), "{part}: {text}");
    }
    assert_eq!(j.json(&["cpd", "status", "--json"])["records"], 0);
    j.run(&["cpd", "record", "1"]);
    // A record with a field still empty says so, and does not count.
    j.cmd()
        .args([
            "cpd",
            "record",
            "2",
            "--peer",
            "My supervisor asked about consent",
            "--json",
        ])
        .assert()
        .success()
        .stderr(contains(
            "it does not count until its impact on practice is written",
        ));
    let status = j.json(&["cpd", "status", "--json"]);
    assert_eq!(status["records"], 2);
    assert_eq!(status["complete"], 1);
    assert_eq!(
        status["with_peer"], 0,
        "the peer reflection is on an incomplete record"
    );
    assert_eq!(status["met"], false);
    let said = j.run(&["cpd", "status"]);
    assert!(
        said.contains("record #2: no impact on practice written") && !said.contains("is met"),
        "{said}"
    );
    let list = j.json(&["cpd", "list", "--json"]);
    assert_eq!(list.as_array().map(Vec::len), Some(2));
    assert_eq!(list[1]["peer"], true);
    assert_eq!(list[1]["complete"], false);
    // Making a record again keeps its peer reflection.
    let again = j.json(&["cpd", "record", "2", "--json"]);
    assert_eq!(again["peer"], "My supervisor asked about consent");
    // Removing one unmakes it; the entry stays; removing it again is not found.
    j.run(&["cpd", "remove", "2"]);
    assert_eq!(j.json(&["cpd", "status", "--json"])["records"], 1);
    j.run(&["show", "2"]);
    j.cmd().args(["cpd", "remove", "2"]).assert().code(5);
    j.cmd().args(["cpd", "remove", "99"]).assert().code(4);
    j.fails(
        &["cpd", "record", "1", "--peer", "   "],
        "the peer reflection is empty",
    );
    // A peer reflection goes with `record`, not with a look.
    j.fails(&["cpd", "1", "--peer", "x"], "debrief cpd record ID --peer");
}

#[test]
fn a_record_is_written_to_a_new_file_and_never_over_an_old_one() {
    let j = journal();
    let file = j.dir.path().join("cpd-1.md");
    let said = j.run(&["cpd", "1", "--markdown", "-o", file.to_str().expect("utf8")]);
    assert!(said.contains("written to"), "{said}");
    let md = std::fs::read_to_string(&file).expect("file");
    assert!(
        md.starts_with("# CPD record: Visit\n\n## Type of CPD\n"),
        "{md}"
    );
    std::fs::write(&file, "mine").expect("write");
    j.fails(
        &["cpd", "1", "-o", file.to_str().expect("utf8")],
        "already exists",
    );
    assert_eq!(std::fs::read_to_string(&file).expect("file"), "mine");
}

#[test]
fn other_kinds_and_bad_settings_are_refused_with_nothing_recorded() {
    let j = journal();
    j.fails(&["cpd", "3"], "a check-in cannot be a CPD record");
    j.fails(&["cpd", "record", "3"], "a check-in cannot be a CPD record");
    j.fails(
        &["cpd", "status", "--year", "0"],
        "is not a registration year",
    );
    j.fails(&["cpd"], "debrief cpd status");
    j.fails(&["cpd", "99"], "99");
    assert_eq!(j.json(&["cpd", "status", "--json"])["records"], 0);
    // Another register's year and requirement come from the settings.
    let config = j.dir.path().join("c.toml");
    std::fs::write(
        &config,
        "[cpd]\nyear_starts = \"04-01\"\nrecords = 5\nwith_peer = 2\n",
    )
    .expect("config");
    let c = config.to_str().expect("utf8");
    let status = j.json(&["--config", c, "cpd", "status", "--json"]);
    assert_eq!(status["required"]["records"], 5);
    assert_eq!(
        status["year"]["first"].as_str().map(|s| &s[5..]),
        Some("04-01")
    );
    std::fs::write(&config, "[cpd]\nyear_starts = \"31-12\"\n").expect("config");
    j.cmd()
        .args(["--config", c, "config"])
        .assert()
        .failure()
        .stderr(contains(
            "line 1 (key `cpd`): year_starts '31-12' is not a month and day",
        ));
    // The status still answers, with the default year, and says why.
    j.cmd()
        .args(["--config", c, "cpd", "status"])
        .assert()
        .success()
        .stdout(contains("1 December"))
        .stderr(contains("year_starts '31-12'"));
}
