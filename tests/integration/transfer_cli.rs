//! `debrief export` and `debrief import` on the real binary: a bundle that carries entries
//! across, idempotent by UUID with newer edits winning, a dry run that changes nothing, and
//! malformed files refused whole with where and why.

use super::cli::Journal;

#[test]
fn a_bundle_moves_entries_and_importing_twice_adds_nothing() {
    let a = Journal::new();
    a.add(&[
        "A visit that stayed with me",
        "--tag",
        "court",
        "--stress",
        "7",
    ]);
    a.run(&[
        "checkin",
        "--stress",
        "6",
        "--body",
        "chest:tight",
        "--emotion",
        "anxious",
    ]);
    let trashed = a.add(&["Gone to the trash"]);
    a.run(&["delete", &trashed.to_string()]);
    let bundle = a.dir.path().join("journal.json");
    let path = bundle.to_str().expect("path");
    a.cmd()
        .args(["export", "-o", path])
        .assert()
        .success()
        .stderr(predicates::str::contains("Exported 3 entries to"));
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(&bundle)
            .expect("meta")
            .permissions()
            .mode();
        assert_eq!(mode & 0o777, 0o600);
    }
    a.fails(
        &["export", "-o", path],
        "already exists: debrief never replaces a file",
    );
    let text = std::fs::read_to_string(&bundle).expect("read");
    let json: serde_json::Value = serde_json::from_str(&text).expect("valid JSON");
    assert_eq!(json["format"], "debrief-bundle");
    assert_eq!(json["version"], 1);
    assert!(
        json["notice"]
            .as_str()
            .expect("notice")
            .contains("personal data")
    );
    assert_eq!(json["entries"].as_array().expect("entries").len(), 3);
    // Standard output gives the same entries, and the filters of `list` apply.
    let checkins = a.json(&["export", "--kind", "checkin"]);
    assert_eq!(checkins["entries"].as_array().expect("entries").len(), 1);

    let b = Journal::new();
    let dry = b.run(&["import", path, "--dry-run"]);
    assert!(
        dry.contains("Would import")
            && dry.contains("3 added")
            && dry.contains("Nothing was changed"),
        "{dry}"
    );
    assert!(
        b.json(&["list", "--json"])
            .as_array()
            .expect("list")
            .is_empty()
    );
    assert!(
        b.run(&["import", path])
            .contains("3 added, 0 updated, 0 skipped")
    );
    assert!(
        b.run(&["import", path])
            .contains("0 added, 0 updated, 3 skipped")
    );
    let shown = b.json(&["show", "1", "--json"]);
    let original = a.json(&["show", "1", "--json"]);
    for field in ["uuid", "created", "body", "tags", "stress"] {
        assert_eq!(shown[field], original[field], "{field}");
    }
    assert_eq!(
        b.json(&["list", "--trash", "--json"])
            .as_array()
            .expect("trash")
            .len(),
        1
    );

    // An edit made in the first journal wins when its bundle comes back.
    a.run(&["edit", "1", "--title", "What I learnt at court"]);
    let newer = a.dir.path().join("newer.json");
    a.run(&["export", "-o", newer.to_str().expect("path")]);
    let out = b.json(&["import", newer.to_str().expect("path"), "--json"]);
    assert_eq!(
        (
            out["added"].as_u64(),
            out["updated"].as_u64(),
            out["skipped"].as_u64()
        ),
        (Some(0), Some(1), Some(2))
    );
    assert!(b.run(&["show", "1"]).contains("What I learnt at court"));
    // The journal as it was is kept before an import changes it.
    let backups = b.run(&["backup", "--list"]);
    assert!(backups.contains("before an import"), "{backups}");
}

#[test]
fn malformed_and_foreign_files_are_refused_whole() {
    let j = Journal::new();
    let write = |name: &str, text: &str| {
        let p = j.dir.path().join(name);
        std::fs::write(&p, text).expect("write");
        p.to_str().expect("path").to_string()
    };
    let broken = write(
        "broken.json",
        "{\"format\": \"debrief-bundle\", \"version\": 1, \"entries\": [\n{\"uuid\": \"a\" \"b\"}]}",
    );
    j.fails(&["import", &broken], "broken.json line 2, column 14:");
    let foreign = write(
        "tags.json",
        "{\"format\": \"jrnl\", \"version\": 1, \"entries\": []}",
    );
    j.fails(
        &["import", &foreign],
        "is not a debrief bundle (its format is 'jrnl')",
    );
    let future = write(
        "future.json",
        "{\"format\": \"debrief-bundle\", \"version\": 9, \"entries\": []}",
    );
    j.fails(
        &["import", &future],
        "written by a newer debrief (bundle version 9)",
    );
    j.fails(
        &["import", "/no/such/file.json"],
        "cannot read /no/such/file.json",
    );
    j.fails(
        &["import", &broken, "--format", "csv"],
        "unknown import format 'csv'",
    );
    j.fails(
        &["export", "--format", "yaml"],
        "unknown export format 'yaml'",
    );
    // Entries are read and written as they come: a file that stops being JSON after good
    // entries, or ends early, still brings in nothing.
    let other = Journal::new();
    for i in 0..30 {
        other.add(&[&format!("Entry number {i} from the other machine")]);
    }
    let whole = other.run(&["export"]);
    let (at, _) = whole
        .match_indices("\"kind\":\"reflection\"")
        .nth(24)
        .expect("25 entries");
    let late_text = format!("{}\"kind\"::{}", &whole[..at], &whole[at + 19..]);
    let late = write("late.json", &late_text);
    j.fails(&["import", &late], "late.json line 27, column");
    let cut = write("cut.json", &whole[..whole.len() * 2 / 3]);
    j.fails(&["import", &cut], "cut.json line ");
    assert!(
        j.json(&["list", "--json"])
            .as_array()
            .expect("list")
            .is_empty(),
        "nothing imported"
    );
}

#[test]
fn moving_in_from_jrnl() {
    let j = Journal::new();
    let export = j.dir.path().join("jrnl.json");
    std::fs::write(
        &export,
        r#"{"tags": {"@court": 1}, "entries": [
            {"title": "Court day.", "body": "A long wait with @court staff.", "date": "2026-07-01",
             "time": "09:30", "tags": ["@court"], "starred": true},
            {"title": "A quiet evening", "body": "", "date": "2026-07-02", "time": "21:15",
             "tags": [], "starred": false}]}"#,
    )
    .expect("write");
    let path = export.to_str().expect("path");
    let out = j.run(&["import", path, "--format", "jrnl"]);
    assert!(out.contains("2 added"), "{out}");
    assert!(
        j.run(&["import", path, "--format", "jrnl"])
            .contains("0 added, 0 updated, 2 skipped")
    );
    let court = j.json(&["show", "1", "--json"]);
    assert_eq!(court["title"], "Court day.");
    assert_eq!(court["tags"][0], "court");
    assert_eq!(court["starred"], true);
    assert_eq!(
        court["created"], "2026-07-01T09:30:00+01:00",
        "London in July"
    );
    j.fails(&["import", path], "is not a debrief bundle");
}

#[test]
fn markdown_and_csv_exports_read_well() {
    let j = Journal::new();
    j.add(&[
        "A visit, with commas, and \"quotes\"\nand a second line",
        "--title",
        "Home visit, tense",
        "--stress",
        "7",
        "--tag",
        "court",
    ]);
    j.run(&[
        "checkin",
        "--stress",
        "5",
        "--body",
        "chest:tight:2",
        "--emotion",
        "anxious",
    ]);
    j.run(&["log", "sleep", "5h", "--quality", "4"]);

    // CSV: one row an entry, quoted as a spreadsheet expects, no text but titles.
    let csv = j.run(&["export", "--format", "csv"]);
    let mut reader = csv::Reader::from_reader(csv.as_bytes());
    let header: Vec<String> = reader
        .headers()
        .expect("header")
        .iter()
        .map(String::from)
        .collect();
    assert_eq!(
        header[..6],
        ["id", "uuid", "created", "kind", "title", "stress"]
    );
    let rows: Vec<csv::StringRecord> = reader.records().map(|r| r.expect("row")).collect();
    assert_eq!(rows.len(), 3);
    assert_eq!(&rows[0][4], "Home visit, tense");
    assert_eq!(&rows[0][5], "7");
    assert_eq!(&rows[0][8], "court");
    assert_eq!(&rows[1][14], "chest:tight:2");
    assert_eq!(&rows[1][15], "anxious");
    assert_eq!(
        (&rows[2][17], &rows[2][18], &rows[2][19]),
        ("sleep", "300", "4")
    );
    assert!(!csv.contains("second line"), "no body text in CSV");

    // Markdown in one file.
    let md = j.run(&["export", "--format", "md"]);
    for part in [
        "# debrief journal",
        "· Home visit, tense\n\n*reflection · stress 7 · #court*",
        "and a second line",
        "· check-in\n\n*check-in · stress 5*",
        "### Body\n\nchest: tight (2/3)",
    ] {
        assert!(md.contains(part), "{part}: {md}");
    }
    // A file an entry, with front matter; a second run writes over nothing.
    let dir = j.dir.path().join("notes");
    let out = format!("{}/", dir.display());
    j.run(&["export", "--format", "md", "-o", &out]);
    let mut files: Vec<_> = std::fs::read_dir(&dir)
        .expect("dir")
        .map(|e| e.expect("e").path())
        .collect();
    files.sort();
    assert_eq!(files.len(), 3);
    let first = std::fs::read_to_string(&files[0]).expect("read");
    assert!(first.starts_with("---\ndate: "), "{first}");
    assert!(
        first.contains(
            "kind: reflection\ntitle: \"Home visit, tense\"\ntags: [\"court\"]\nstress: 7\n"
        ),
        "{first}"
    );
    j.fails(
        &["export", "--format", "md", "-o", &out],
        "already exists: debrief never replaces a file",
    );
    assert_eq!(std::fs::read_dir(&dir).expect("dir").count(), 3);
}

#[test]
fn bundles_carry_cpd_records_covered_entries_and_the_agenda_queue() {
    let a = Journal::new();
    a.add(&["A visit that went badly", "--for-supervision"]);
    a.add(&["What I learnt about boundaries"]);
    a.run(&[
        "cpd",
        "record",
        "2",
        "--peer",
        "talked it over with a colleague",
    ]);
    a.run(&[
        "supervision",
        "add",
        "--agenda",
        "the visit",
        "--decision",
        "pair up next time",
    ]);
    a.run(&["supervision", "agenda", "add", "support: caseload worries"]);
    let dir = tempfile::tempdir().expect("dir");
    let bundle = dir.path().join("a.json");
    a.cmd()
        .args(["export", "-o", bundle.to_str().expect("path")])
        .assert()
        .success();

    let b = Journal::new();
    let said = b.run(&["import", bundle.to_str().expect("path")]);
    assert!(
        said.contains("3 added") && said.contains("; 1 item for the next supervision agenda."),
        "{said}"
    );
    // Twice: nothing new, the queued item not repeated.
    let again = b.run(&["import", bundle.to_str().expect("path")]);
    assert!(
        again.contains("0 added") && !again.contains("agenda"),
        "{again}"
    );

    let cpd = b.run(&["cpd", "list"]);
    assert!(cpd.contains("What I learnt about boundaries"), "{cpd}");
    let record = b.run(&["cpd", "2"]);
    assert!(
        record.contains("talked it over with a colleague"),
        "{record}"
    );
    let agenda = b.run(&["supervision", "agenda"]);
    assert_eq!(agenda.matches("caseload worries").count(), 1, "{agenda}");
    // The session covered the flagged visit in both journals.
    let store = b.store();
    let session = store
        .list(&debrief::domain::EntryFilter::default(), 10)
        .expect("list")
        .into_iter()
        .find(|s| s.kind == debrief::domain::Kind::Supervision)
        .expect("session");
    let covered = store.covered_uuids(session.id).expect("covered");
    let visit = store
        .list(&debrief::domain::EntryFilter::default(), 10)
        .expect("list")
        .into_iter()
        .find(|s| s.headline.contains("went badly"))
        .expect("visit");
    assert_eq!(covered, vec![visit.uuid]);

    // A filtered export leaves journal-wide things out.
    let some = a.run(&["export", "--kind", "checkin"]);
    assert!(some.contains("\"agenda_queue\": []"), "{some}");
}

#[test]
fn a_bad_entry_is_rejected_alone_in_its_place_and_the_others_come_in() {
    let other = Journal::new();
    for i in 0..4 {
        other.add(&[&format!("Entry number {i}")]);
    }
    let mut bundle: serde_json::Value =
        serde_json::from_str(&other.run(&["export"])).expect("json");
    let entries = bundle["entries"].as_array_mut().expect("entries");
    entries[1]["stress"] = 11.into();
    entries[2]["created"] = "9999-12-31T09:00:00+00:00".into();
    entries[3]["updated"] = "2999-01-01T00:00:00Z".into();
    let j = Journal::new();
    let path = j.dir.path().join("mixed.json");
    // Written with what it is first, as debrief writes it (serde_json sorts the keys).
    let text = format!(
        r#"{{"format": "debrief-bundle", "version": 1, "exported": "2026-11-23T11:00:00Z", "notice": "", "entries": {}}}"#,
        bundle["entries"]
    );
    std::fs::write(&path, text).expect("write");
    let file = path.to_str().expect("path");
    let report: serde_json::Value =
        serde_json::from_str(&j.run(&["import", file, "--dry-run", "--json"])).expect("json");
    assert_eq!(report["added"], 1, "{report}");
    let rejected = report["rejected"].as_array().expect("rejected");
    let places: Vec<_> = rejected.iter().map(|r| r[0].as_i64()).collect();
    assert_eq!(places, [Some(2), Some(3), Some(4)], "{report}");
    assert!(
        rejected[0][1]
            .as_str()
            .expect("why")
            .starts_with("its stress: "),
        "{report}"
    );
    let out = j.run(&["import", file]);
    assert!(
        out.contains(&format!(
            "entry 3 of {file} rejected: its date 9999-12-31 09:00 UTC is in the future"
        )),
        "{out}"
    );
    assert!(
        out.contains(&format!(
            "entry 4 of {file} rejected: its updated time 2999-01-01"
        )),
        "{out}"
    );
    assert!(
        out.contains("1 added, 0 updated, 0 skipped (already there, not newer), 3 rejected."),
        "{out}"
    );
    let list = j.json(&["list", "--json"]);
    assert_eq!(list.as_array().map(Vec::len), Some(1), "{list}");
    assert_eq!(list[0]["headline"], "Entry number 0");

    // jrnl: a bad date alone is rejected, and an entry written twice comes in once, said.
    let jrnl = j.dir.path().join("jrnl.json");
    std::fs::write(
        &jrnl,
        r#"{"entries": [
            {"title": "Twice", "body": "", "date": "2026-07-01", "time": "09:30"},
            {"title": "Bad", "body": "", "date": "01/07/2026", "time": "09:30"},
            {"title": "Twice", "body": "", "date": "2026-07-01", "time": "09:30"}]}"#,
    )
    .expect("write");
    let jrnl = jrnl.to_str().expect("path");
    let report: serde_json::Value =
        serde_json::from_str(&j.run(&["import", jrnl, "--format", "jrnl", "--dry-run", "--json"]))
            .expect("json");
    assert_eq!(report["merged"], serde_json::json!([[3, 1]]), "{report}");
    assert_eq!(report["rejected"][0][0], 2, "{report}");
    let out = j.run(&["import", jrnl, "--format", "jrnl"]);
    assert!(
        out.contains(&format!(
            "entry 3 of {jrnl} is entry 1 again (the same date, time and text): brought in once"
        )),
        "{out}"
    );
    assert!(out.contains("1 added, 0 updated, 0 skipped (already there, not newer), 1 rejected, 1 merged (repeated in the file)."), "{out}");
}
