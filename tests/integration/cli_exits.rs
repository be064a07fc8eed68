//! How the binary ends: a distinct exit code for each kind of failure, a closed output pipe
//! treated as a normal end, and guided reflections edited whole in `$EDITOR`.

use std::io::{BufRead, BufReader};
use std::os::unix::fs::PermissionsExt;
use std::process::{Command, Stdio};

use debrief::domain::*;
use debrief::storage::Store;
use predicates::str::contains;

use super::cli::Journal;

fn store(j: &Journal) -> Store {
    j.store()
}

/// Write `n` entries through the library (fast), long enough to overflow a pipe.
fn fill(j: &Journal, n: i64) {
    let mut s = store(j);
    let at = chrono::DateTime::<chrono::Utc>::from_timestamp(1_790_000_000, 0).expect("time");
    for i in 0..n {
        let t = at + chrono::Duration::minutes(i);
        let c = EntryContent::text(format!(
            "entry {i} about a home visit and what it stirred up"
        ));
        s.add_entry(&c, t, 0, t).expect("add");
    }
}

#[test]
fn each_kind_of_failure_has_its_exit_code() {
    let j = Journal::new();
    j.add(&["first"]);
    j.cmd()
        .args(["add", "x", "--stress", "11"])
        .assert()
        .code(3);
    j.cmd().args(["show", "99"]).assert().code(4);
    j.cmd()
        .args(["restore", "1"])
        .assert()
        .code(5)
        .stderr(contains("not in the trash"));
    j.cmd().args(["frobnicate"]).assert().code(2);
    let notes = j.dir.path().join("notes.txt");
    std::fs::write(&notes, "not a journal").expect("write");
    j.cmd()
        .args(["list", "--db"])
        .arg(&notes)
        .assert()
        .code(7)
        .stderr(contains("left untouched"));

    // Too many tags in one filter: one line, exit 3 (found by fuzzing: SQLite refused).
    let mut tags: Vec<String> = Vec::new();
    for i in 0..=debrief::domain::MAX_FILTER_TAGS {
        tags.extend(["--tag".into(), format!("t{i}")]);
    }
    for command in ["list", "search"] {
        let mut args = vec![command.to_string()];
        args.extend(tags.iter().cloned());
        if command == "search" {
            args.push("first".into());
        }
        j.cmd().args(&args).assert().code(3).stderr(contains(
            "a filter names at most 64 tags, and this names 65",
        ));
    }

    // Busy: another process holds the journal's write lock.
    let lock = rusqlite::Connection::open(j.db()).expect("sqlite");
    lock.execute_batch("BEGIN EXCLUSIVE").expect("lock");
    j.cmd()
        .args(["add", "blocked"])
        .assert()
        .code(6)
        .stderr(contains("busy"));
    lock.execute_batch("ROLLBACK").expect("unlock");
}

#[test]
fn a_reader_that_stops_early_is_a_normal_end() {
    let j = Journal::new();
    fill(&j, 2_500);
    let bin = assert_cmd::cargo::cargo_bin("debrief");
    for args in [
        vec!["list", "-n", "2500"],
        vec!["search", "home", "-n", "2500"],
        vec!["list", "-n", "2500", "--json"],
    ] {
        let mut child = Command::new(&bin)
            .env("DEBRIEF_DB", j.db())
            .env("HOME", j.dir.path())
            .args(&args)
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .expect("spawn");
        let mut first = String::new();
        BufReader::new(child.stdout.take().expect("stdout"))
            .read_line(&mut first)
            .expect("read");
        // The reader is gone (like `| head -1`).
        let out = child.wait_with_output().expect("wait");
        assert!(!first.is_empty());
        assert_eq!(
            out.status.code(),
            Some(0),
            "{args:?}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        assert!(
            out.stderr.is_empty(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
    }
}

#[test]
fn add_succeeds_once_saved_even_when_nobody_reads_its_output() {
    let j = Journal::new();
    let bin = assert_cmd::cargo::cargo_bin("debrief");
    let mut child = Command::new(&bin)
        .env("DEBRIEF_DB", j.db())
        .env("HOME", j.dir.path())
        .args(["add", "saved while the pipe was closed"])
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("spawn");
    drop(child.stdout.take());
    let out = child.wait_with_output().expect("wait");
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let list = j.json(&["list", "--json"]);
    assert_eq!(list.as_array().map(Vec::len), Some(1), "saved exactly once");
}

#[test]
fn editing_a_guided_reflection_shows_and_keeps_its_stage_answers() {
    let j = Journal::new();
    let mut c = EntryContent::text("Intro");
    c.details = Details::Reflection(Guided {
        template: Some("driscoll".into()),
        answers: vec![StageAnswer {
            stage: "what".into(),
            answer: "We met at the door.".into(),
        }],
        review: None,
    });
    let now = debrief::clock::Clock::system().now();
    let id = store(&j).add_entry(&c, now, 0, now).expect("add");
    // An editor that checks the answer is there and writes under the next stage.
    let script = j.dir.path().join("answer.sh");
    std::fs::write(
        &script,
        "#!/bin/sh\ngrep -q 'We met at the door.' \"$1\" || exit 3\nsed -i 's/^## So what?$/## So what?\\nIt mattered./' \"$1\"\n",
    )
    .expect("script");
    std::fs::set_permissions(&script, std::fs::Permissions::from_mode(0o700)).expect("chmod");
    j.cmd()
        .env("EDITOR", &script)
        .args(["edit", &id.to_string()])
        .assert()
        .success()
        .stdout(contains("Updated entry"));
    let shown = j.json(&["show", &id.to_string(), "--json"]);
    assert_eq!(shown["body"], "Intro");
    let answers = shown["answers"].as_array().expect("answers");
    assert_eq!(answers.len(), 2, "{shown}");
    assert_eq!(answers[0]["stage"], "what");
    assert_eq!(answers[1]["stage"], "so_what");
    assert_eq!(answers[1]["title"], "So what?");
    assert_eq!(answers[1]["answer"], "It mattered.");
}

#[test]
fn colour_follows_the_flag_and_the_environment() {
    let j = Journal::new();
    j.add(&["calm", "--stress", "2"]);
    let forced = j
        .cmd()
        .args(["list", "--color", "always"])
        .output()
        .expect("run");
    assert!(String::from_utf8_lossy(&forced.stdout).contains('\u{1b}'));
    let forced = j
        .cmd()
        .env("CLICOLOR_FORCE", "1")
        .args(["list"])
        .output()
        .expect("run");
    assert!(String::from_utf8_lossy(&forced.stdout).contains('\u{1b}'));
    let plain = j
        .cmd()
        .env("CLICOLOR_FORCE", "1")
        .env("NO_COLOR", "1")
        .args(["list"])
        .output()
        .expect("run");
    assert!(!String::from_utf8_lossy(&plain.stdout).contains('\u{1b}'));
    j.cmd()
        .args(["list", "--color", "sometimes"])
        .assert()
        .code(2);
}

#[test]
fn a_search_word_beginning_with_a_dash_goes_after_two_dashes() {
    let j = Journal::new();
    j.add(&["the -dash note"]);
    j.cmd()
        .args(["search", "-dash"])
        .assert()
        .code(2)
        .stderr(contains("use '-- "));
    let out = j.run(&["search", "--json", "--", "-dash"]);
    assert!(out.contains("the -dash note"), "{out}");
}

#[test]
fn text_written_in_the_editor_stays_in_its_file_when_saving_fails() {
    let j = Journal::new();
    j.add(&["first"]);
    let script = j.dir.path().join("too-long.sh");
    std::fs::write(
        &script,
        "#!/bin/sh\nhead -c 1100000 /dev/zero | tr '\\000' 'a' > \"$1\"\n",
    )
    .expect("script");
    std::fs::set_permissions(&script, std::fs::Permissions::from_mode(0o700)).expect("chmod");
    let out = j
        .cmd()
        .env("EDITOR", &script)
        .args(["add"])
        .output()
        .expect("run");
    assert_eq!(out.status.code(), Some(3), "over the size limit");
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("your text is kept in"), "{err}");
    let kept = std::fs::read_dir(debrief::external_editor::editing_dir(&j.db()))
        .expect("editing folder")
        .count();
    assert_eq!(kept, 1, "the editor's file is still there");
}

#[test]
fn dates_are_about_the_past_and_read_the_uk_way() {
    let j = Journal::new();
    // The binary reads the system clock; so does this test, through the same Clock.
    let now = debrief::clock::Clock::system().now();
    j.cmd()
        .args(["add", "--at", "next friday", "planned"])
        .assert()
        .code(3)
        .stderr(contains("in the future"));
    let id = j.add(&["--at", "friday", "a visit"]);
    let created = j.json(&["show", &id.to_string(), "--json"])["created"]
        .as_str()
        .expect("created")
        .to_string();
    let when = chrono::DateTime::parse_from_rfc3339(&created).expect("rfc3339");
    assert!(when <= now, "friday is the last friday: {created}");

    let out = j.run(&["add", "yesterday: went well"]);
    assert!(out.contains("dated") && out.contains("yesterday"), "{out}");
    let list = j.json(&["list", "--json"]);
    let dated = list
        .as_array()
        .expect("array")
        .iter()
        .find(|e| e["headline"] == "went well")
        .expect("the text without its prefix");
    let day = chrono::DateTime::parse_from_rfc3339(dated["created"].as_str().expect("c"))
        .expect("date")
        .date_naive();
    assert!(day < now.date_naive() + chrono::Days::new(1));

    j.cmd()
        .args(["list", "--since", "20/13/2026"])
        .assert()
        .code(3)
        .stderr(contains("day/month/year"));
    assert!(
        j.run(&["list", "--since", "01/01/2020"])
            .contains("a visit")
    );

    j.run(&["edit", &id.to_string(), "--at", "2026-01-05 10:00"]);
    let moved = j.json(&["show", &id.to_string(), "--json"]);
    assert!(
        moved["created"]
            .as_str()
            .expect("c")
            .starts_with("2026-01-05T10:00"),
        "{moved}"
    );
}

#[test]
fn jrnl_habits_a_pipe_a_count_and_tag_choices() {
    let j = Journal::new();
    j.cmd()
        .write_stdin("written in a pipe #court")
        .assert()
        .success()
        .stdout(contains("Saved entry 1."));
    j.cmd()
        .write_stdin("")
        .assert()
        .success()
        .stderr(contains("nothing was saved"))
        .stdout(contains("written in a pipe"));
    j.add(&["home and court", "--tag", "home", "--tag", "court"]);
    j.add(&["home only", "--tag", "home"]);
    let listed = |args: &[&str]| -> Vec<String> {
        j.json(&[&["list", "--json"], args].concat())
            .as_array()
            .expect("array")
            .iter()
            .map(|e| e["headline"].as_str().unwrap_or("").to_string())
            .collect()
    };
    assert_eq!(
        listed(&["--tag", "court", "--tag", "home"]),
        ["home and court"]
    );
    assert_eq!(
        listed(&["--tag", "court", "--tag", "home", "--or"]).len(),
        3,
        "any of the tags"
    );
    assert_eq!(listed(&["--tag", "home", "--not", "court"]), ["home only"]);
    assert_eq!(listed(&["--on", "today"]).len(), 3);
    assert!(listed(&["--on", "yesterday"]).is_empty());
    let two = j.run(&["-n", "2"]);
    assert_eq!(two.lines().filter(|l| l.contains('#')).count(), 2, "{two}");
    assert_eq!(
        j.run(&["list", "-n", "0"]),
        "",
        "nothing asked, nothing said"
    );
}

#[test]
fn config_init_writes_a_private_file_once() {
    let j = Journal::new();
    let path = j.dir.path().join("fresh").join("config.toml");
    j.cmd()
        .args(["config", "--init", "--config"])
        .arg(&path)
        .assert()
        .success()
        .stdout(contains("Wrote"));
    let mode = std::fs::metadata(&path)
        .expect("written")
        .permissions()
        .mode()
        & 0o777;
    assert_eq!(mode, 0o600);
    std::fs::write(&path, "theme = \"high-contrast\"\n").expect("edit");
    j.cmd()
        .args(["config", "--init", "--config"])
        .arg(&path)
        .assert()
        .code(5)
        .stderr(contains("left as it is"));
    assert_eq!(
        std::fs::read_to_string(&path).expect("read"),
        "theme = \"high-contrast\"\n",
        "never replaced"
    );
}

#[test]
fn reading_a_journal_that_is_not_there_creates_nothing() {
    let j = Journal::new();
    let typo = j.dir.path().join("typo").join("x.db");
    j.cmd()
        .args(["list", "--db"])
        .arg(&typo)
        .assert()
        .success()
        .stdout(contains("no journal at"));
    j.cmd()
        .args(["search", "word", "--db"])
        .arg(&typo)
        .assert()
        .success();
    assert!(
        !j.dir.path().join("typo").exists(),
        "no folder made for a read"
    );
}

#[test]
fn completions_a_manual_and_help_with_examples() {
    let j = Journal::new();
    for shell in ["bash", "zsh", "fish", "elvish", "powershell"] {
        let out = j.run(&["completions", shell]);
        assert!(out.contains("debrief") && out.contains("search"), "{shell}");
    }
    j.cmd().args(["completions", "tcsh"]).assert().code(2);
    let man = j.run(&["man"]);
    assert!(man.contains(".TH") && man.contains("debrief"), "{man}");
    let help = j.run(&["--help"]);
    assert!(
        help.contains("Global options:") && help.contains("Examples:"),
        "{help}"
    );
    let add = j.run(&["add", "--help"]);
    assert!(add.contains("yesterday: the visit went well"), "{add}");
}
