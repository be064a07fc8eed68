//! The real `debrief` binary on a temporary journal: every command, and every bad input
//! getting one clear line, a non-zero exit code, and nothing lost.

use std::fs;
use std::os::unix::fs::PermissionsExt;
use std::path::{Path, PathBuf};

use assert_cmd::Command;
use predicates::prelude::*;
use predicates::str::contains;

/// A temporary home with a journal path; every command runs against it.
pub struct Journal {
    pub dir: tempfile::TempDir,
}

impl Journal {
    pub fn new() -> Journal {
        Journal {
            dir: tempfile::tempdir().expect("tempdir"),
        }
    }

    pub fn db(&self) -> PathBuf {
        self.dir.path().join("data").join("journal.db")
    }

    pub fn cmd(&self) -> Command {
        let mut c = Command::cargo_bin("debrief").expect("binary");
        c.env_clear()
            .env("PATH", std::env::var_os("PATH").unwrap_or_default())
            .env("HOME", self.dir.path())
            .env("TZ", "Europe/London")
            .env("DEBRIEF_DB", self.db())
            .env("DEBRIEF_BUSY_TIMEOUT_MS", "300");
        c
    }

    pub fn run(&self, args: &[&str]) -> String {
        let out = self
            .cmd()
            .args(args)
            .assert()
            .success()
            .get_output()
            .stdout
            .clone();
        String::from_utf8(out).expect("utf8")
    }

    pub fn add(&self, args: &[&str]) -> i64 {
        let out = self.run(&[&["add", "--json"], args].concat());
        let v: serde_json::Value = serde_json::from_str(&out).expect("json");
        v["id"].as_i64().expect("id")
    }

    pub fn json(&self, args: &[&str]) -> serde_json::Value {
        serde_json::from_str(&self.run(args)).expect("json output")
    }

    fn ids(&self, args: &[&str]) -> Vec<i64> {
        let v = self.json(&[args, &["--json"]].concat());
        v.as_array()
            .expect("array")
            .iter()
            .map(|e| e["id"].as_i64().expect("id"))
            .collect()
    }

    /// A fake editor: a script that records its file's mode and path, then writes `text`.
    pub fn editor(&self, text: &str) -> PathBuf {
        let script = self.dir.path().join("fake-editor.sh");
        let log = self.dir.path().join("editor.log");
        fs::write(
            &script,
            format!(
                "#!/bin/sh\nstat -c %a \"$1\" > '{log}'\necho \"$1\" >> '{log}'\nprintf '%s' '{text}' > \"$1\"\n",
                log = log.display()
            ),
        )
        .expect("script");
        fs::set_permissions(&script, fs::Permissions::from_mode(0o700)).expect("chmod");
        script
    }

    /// The journal opened directly, as another process would.
    pub fn store(&self) -> debrief::storage::Store {
        let options = debrief::storage::StoreOptions {
            key: None,
            backups: self.dir.path().join("backups"),
            busy_timeout: std::time::Duration::from_millis(500),
            now: debrief::clock::Clock::system().now(),
        };
        debrief::storage::Store::open(&self.db(), &options).expect("open")
    }

    pub fn fails(&self, args: &[&str], message: &str) {
        self.cmd()
            .args(args)
            .assert()
            .failure()
            .stderr(contains(message))
            .stderr(predicate::function(|s: &str| {
                s.trim_end().lines().count() == 1
            }));
    }
}

#[test]
fn add_then_list_show_and_json() {
    let j = Journal::new();
    let id = j.add(&[
        "Visit ran long #home-visit",
        "--stress",
        "7",
        "--energy",
        "3",
        "--tag",
        "Court",
        "--star",
        "--for-supervision",
        "--later",
        "--title",
        "Tuesday visit",
    ]);
    assert_eq!(id, 1);

    let list = j.run(&["list"]);
    assert!(list.contains("#1"), "{list}");
    assert!(list.contains("Tuesday visit"));
    assert!(list.contains("stress 7"));
    assert!(list.contains("★⚑✎"));
    assert!(list.contains("#court #home-visit"));
    assert!(!list.contains('\u{1b}'), "no colour when piped");

    let show = j.json(&["show", "1", "--json"]);
    assert_eq!(show["title"], "Tuesday visit");
    assert_eq!(show["body"], "Visit ran long #home-visit");
    assert_eq!(show["stress"], 7);
    assert_eq!(show["energy"], 3);
    assert_eq!(show["tags"], serde_json::json!(["court", "home-visit"]));
    assert_eq!(show["starred"], true);
    assert_eq!(show["for_supervision"], true);
    assert_eq!(show["unfinished"], true);
    assert_eq!(show["kind"], "reflection");

    let uuid = show["uuid"].as_str().expect("uuid").to_string();
    assert!(j.run(&["show", &uuid]).contains("Visit ran long"));
    let human = j.run(&["show", "1"]);
    assert!(
        human.contains("stress 7/10") && human.contains("energy 3/10"),
        "{human}"
    );
}

#[test]
fn checkins_keep_their_body_and_emotion_details() {
    let j = Journal::new();
    j.add(&[
        "--kind",
        "checkin",
        "--stress",
        "4",
        "--work",
        "court",
        "--sensation",
        "shoulders:tight:2",
        "--emotion",
        "worried:2",
        "Before the hearing",
    ]);
    let show = j.json(&["show", "1", "--json"]);
    assert_eq!(show["kind"], "checkin");
    assert_eq!(show["work_context"], "court");
    assert_eq!(show["sensations"][0]["region"], "shoulders");
    assert_eq!(show["sensations"][0]["intensity"], 2);
    assert_eq!(show["emotions"][0]["word"], "worried");
    let human = j.run(&["show", "1"]);
    assert!(human.contains("shoulders: tight (2/3)"), "{human}");
}

#[test]
fn text_from_standard_input() {
    let j = Journal::new();
    j.cmd()
        .args(["add", "-"])
        .write_stdin("First line\nsecond line\n")
        .assert()
        .success()
        .stdout(contains("Saved entry 1."));
    assert_eq!(
        j.json(&["show", "1", "--json"])["body"],
        "First line\nsecond line\n"
    );
}

#[test]
fn the_editor_gets_a_private_file_that_is_removed_afterwards() {
    let j = Journal::new();
    let editor = j.editor("Written in the editor #supervision");
    j.cmd().env("VISUAL", &editor).arg("add").assert().success();
    let log = fs::read_to_string(j.dir.path().join("editor.log")).expect("editor ran");
    let mut lines = log.lines();
    assert_eq!(lines.next(), Some("600"), "temporary file is 0600");
    let temp = lines.next().expect("temp path");
    assert!(!Path::new(temp).exists(), "temporary file removed");
    let show = j.json(&["show", "1", "--json"]);
    assert_eq!(show["body"], "Written in the editor #supervision");
    assert_eq!(show["tags"], serde_json::json!(["supervision"]));
}

#[test]
fn an_empty_editor_result_saves_nothing_and_says_so() {
    let j = Journal::new();
    let editor = j.editor("   ");
    j.cmd()
        .env("VISUAL", &editor)
        .arg("add")
        .assert()
        .failure()
        .stderr(contains("empty, so nothing was saved"));
    assert!(j.ids(&["list"]).is_empty());
}

#[test]
fn edit_changes_text_title_and_tags() {
    let j = Journal::new();
    j.add(&["original text"]);
    let editor = j.editor("rewritten text #later-thoughts");
    j.cmd()
        .env("VISUAL", &editor)
        .args(["edit", "1"])
        .assert()
        .success()
        .stdout(contains("Updated entry 1."));
    j.run(&["edit", "1", "--title", "New title", "--tag", "extra"]);
    let show = j.json(&["show", "1", "--json"]);
    assert_eq!(show["body"], "rewritten text #later-thoughts");
    assert_eq!(show["title"], "New title");
    assert_eq!(show["tags"], serde_json::json!(["extra", "later-thoughts"]));
    let empty = j.editor("");
    j.cmd()
        .env("VISUAL", &empty)
        .args(["edit", "1"])
        .assert()
        .failure()
        .stderr(contains("left as it was"));
    assert_eq!(
        j.json(&["show", "1", "--json"])["body"],
        "rewritten text #later-thoughts"
    );
}

#[test]
fn search_ranks_and_highlights() {
    let j = Journal::new();
    j.add(&["Thinking about professional boundaries after the visit"]);
    j.add(&["Lunch with a colleague"]);
    j.add(&[
        "--title",
        "Boundaries",
        "Boundaries again, boundaries everywhere",
    ]);
    let out = j.run(&["search", "boundar*"]);
    assert!(
        out.contains("[Boundaries]") || out.contains("[boundaries]"),
        "{out}"
    );
    assert_eq!(
        j.ids(&["search", "boundar*"]),
        [3, 1],
        "title matches rank first"
    );
    let v = j.json(&["search", "colleague", "--json"]);
    assert_eq!(v[0]["snippet"], "Lunch with a **colleague**");
    assert!(
        j.run(&["search", "nonexistentword"])
            .contains("No entries match")
    );
}

#[test]
fn awkward_search_input_never_reaches_the_user_as_an_fts_error() {
    let j = Journal::new();
    j.add(&["O'Brien's co-worker said \"hello\" AND left"]);
    for q in [
        "\"unbalanced",
        "AND",
        "co-worker",
        "O'Brien's",
        "NOT OR",
        "(a",
        "title:x",
        "hello*",
        "^hello",
        "a:b:c",
        "NEAR(a b)",
    ] {
        j.cmd().args(["search", q]).assert().success();
    }
    assert_eq!(j.ids(&["search", "co-worker"]), [1]);
    assert_eq!(j.ids(&["search", "O'Brien's"]), [1]);
    j.fails(&["search", "***"], "nothing to search for");
}

#[test]
fn filters_combine() {
    let j = Journal::new();
    j.add(&[
        "old calm",
        "--at",
        "2026-01-05 09:00",
        "--stress",
        "2",
        "--tag",
        "office",
    ]);
    j.add(&[
        "--kind",
        "checkin",
        "mid",
        "--at",
        "2026-03-10 12:00",
        "--stress",
        "8",
        "--tag",
        "court",
    ]);
    j.add(&[
        "new stressed",
        "--at",
        "2026-06-01 18:00",
        "--stress",
        "9",
        "--tag",
        "court",
        "--star",
        "--later",
        "--for-supervision",
    ]);
    assert_eq!(j.ids(&["list"]), [3, 2, 1]);
    assert_eq!(j.ids(&["list", "-n", "1"]), [3]);
    assert_eq!(j.ids(&["list", "--since", "2026-03-01"]), [3, 2]);
    assert_eq!(
        j.ids(&["list", "--until", "2026-03-10"]),
        [2, 1],
        "a whole day is included"
    );
    assert_eq!(j.ids(&["list", "--kind", "checkin"]), [2]);
    assert_eq!(j.ids(&["list", "--tag", "court", "--min-stress", "9"]), [3]);
    assert_eq!(j.ids(&["list", "--starred"]), [3]);
    assert_eq!(j.ids(&["list", "--unfinished"]), [3]);
    assert_eq!(j.ids(&["list", "--for-supervision"]), [3]);
    assert_eq!(j.ids(&["search", "stressed", "--tag", "court"]), [3]);
    assert!(j.ids(&["search", "calm", "--tag", "court"]).is_empty());
    assert!(
        j.run(&["list", "--tag", "nothing"])
            .contains("No entries match")
    );
}

#[test]
fn trash_restore_and_purge() {
    let j = Journal::new();
    j.add(&["keep me"]);
    j.add(&["throw me away"]);
    j.cmd()
        .args(["delete", "2"])
        .assert()
        .success()
        .stdout(contains("debrief restore 2"));
    assert_eq!(j.ids(&["list"]), [1]);
    assert_eq!(j.ids(&["list", "--trash"]), [2]);
    j.fails(&["delete", "2"], "already in the trash");
    j.run(&["restore", "2"]);
    assert_eq!(j.ids(&["list"]), [2, 1]);
    j.fails(&["restore", "2"], "not in the trash");
    j.fails(&["delete", "2", "--purge"], "add --yes");
    assert_eq!(
        j.ids(&["list"]),
        [2, 1],
        "nothing purged without confirmation"
    );
    j.run(&["delete", "2", "--purge", "--yes"]);
    assert_eq!(j.ids(&["list"]), [1]);
    j.fails(&["show", "2"], "no entry with id 2");
}

#[test]
fn tags_and_paths() {
    let j = Journal::new();
    j.add(&["a #court"]);
    j.add(&["b #court #home-visit"]);
    let tags = j.run(&["tags"]);
    assert!(
        tags.lines().next().expect("line").starts_with("#court"),
        "{tags}"
    );
    assert_eq!(
        j.json(&["tags", "--json"])[0],
        serde_json::json!({"tag": "court", "count": 2})
    );
    let paths = j.json(&["paths", "--json"]);
    assert_eq!(paths["journal"], j.db().display().to_string());
    assert_eq!(
        paths["backups"],
        j.db()
            .parent()
            .expect("dir")
            .join("backups")
            .display()
            .to_string()
    );
    assert!(j.run(&["paths"]).contains("config"));
}

#[test]
fn the_db_flag_beats_the_environment() {
    let j = Journal::new();
    let other = j.dir.path().join("other.db");
    j.cmd()
        .args(["--db", other.to_str().expect("utf8"), "add", "elsewhere"])
        .assert()
        .success();
    assert!(other.exists());
    assert!(!j.db().exists());
}

#[test]
fn bare_debrief_without_a_terminal_prints_the_newest_entries() {
    let j = Journal::new();
    j.cmd()
        .assert()
        .success()
        .stdout(contains("There is no journal at"));
    assert!(!j.db().exists(), "printing creates no journal");
    j.add(&["hello there"]);
    j.cmd().assert().success().stdout(contains("hello there"));
}

#[test]
fn journal_text_cannot_drive_the_terminal() {
    let j = Journal::new();
    j.add(&["evil \u{1b}[2J\u{1b}]0;title\u{7} text \u{202e}gnp.exe"]);
    for args in [&["list"][..], &["show", "1"], &["search", "evil"]] {
        let out = j.run(args);
        assert!(
            !out.contains('\u{1b}') && !out.contains('\u{7}') && !out.contains('\u{202e}'),
            "{args:?}: {out:?}"
        );
        assert!(out.contains("^[[2J"), "{args:?}: {out}");
    }
    let v = j.json(&["show", "1", "--json"]);
    assert!(
        v["body"].as_str().expect("body").contains('\u{1b}'),
        "JSON keeps the exact text"
    );
}

#[test]
fn bad_ratings_kinds_dates_and_ids() {
    let j = Journal::new();
    j.fails(
        &["add", "x", "--stress", "11"],
        "stress must be a whole number from 0 to 10, got 11",
    );
    j.fails(
        &["add", "x", "--energy", "-1"],
        "energy must be a whole number from 0 to 10, got -1",
    );
    j.fails(&["add", "x", "--stress", "high"], "got 'high'");
    j.fails(&["add", "x", "--kind", "visit"], "unknown kind 'visit'");
    j.fails(
        &["list", "--kind", "visit"],
        "reflection, checkin, supervision, recovery or learning",
    );
    j.fails(
        &["add", "x", "--at", "someday soon"],
        "cannot read the date 'someday soon'",
    );
    j.fails(
        &["list", "--since", "blursday"],
        "yesterday at 5pm, this morning",
    );
    j.fails(&["list", "--min-stress", "12"], "--min-stress must be");
    j.fails(
        &["add", "x", "--tag", "two words"],
        "tags use letters, digits",
    );
    j.fails(
        &["add", "x", "--sensation", "elbow:sore"],
        "unknown body region 'elbow'",
    );
    j.fails(&["show", "42"], "no entry with id 42");
    j.fails(&["show", "nonsense"], "is not an entry id");
    j.fails(&["delete", "42"], "no entry with id 42");
    assert!(
        j.ids(&["list"]).is_empty(),
        "nothing was written by failed commands"
    );
}

#[test]
fn bad_journal_locations() {
    let j = Journal::new();
    let dir = j.dir.path().to_str().expect("utf8").to_string();
    j.fails(&["--db", &dir, "list"], "is a directory");

    let text = j.dir.path().join("notes.txt");
    fs::write(&text, "private notes that must survive").expect("write");
    j.fails(
        &["--db", text.to_str().expect("utf8"), "add", "x"],
        "not a debrief journal",
    );
    assert_eq!(
        fs::read_to_string(&text).expect("read"),
        "private notes that must survive"
    );

    let under_file = text.join("journal.db");
    j.fails(
        &["--db", under_file.to_str().expect("utf8"), "add", "x"],
        "cannot create or write",
    );

    j.fails(
        &["--db", "/proc/debrief-test/journal.db", "add", "x"],
        "cannot create or write",
    );
}

#[test]
fn a_journal_from_a_newer_debrief_is_refused_untouched() {
    let j = Journal::new();
    j.add(&["x"]);
    {
        let conn = rusqlite::Connection::open(j.db()).expect("open");
        conn.pragma_update(None, "user_version", 42).expect("bump");
        conn.pragma_update(None, "journal_mode", "DELETE")
            .expect("no wal");
    }
    let before = fs::read(j.db()).expect("read");
    j.fails(&["list"], "newer debrief (schema version 42");
    assert_eq!(fs::read(j.db()).expect("read"), before);
}

#[test]
fn a_locked_journal_fails_clearly_after_the_busy_timeout() {
    let j = Journal::new();
    j.add(&["first"]);
    let conn = rusqlite::Connection::open(j.db()).expect("open");
    conn.execute_batch("BEGIN EXCLUSIVE").expect("lock");
    j.fails(
        &["add", "second"],
        "busy (locked by another debrief process)",
    );
    conn.execute_batch("COMMIT").expect("unlock");
    drop(conn);
    assert_eq!(j.ids(&["list"]), [1]);
}

#[test]
fn invalid_utf8_and_oversized_input_are_refused() {
    let j = Journal::new();
    j.cmd()
        .args(["add", "-"])
        .write_stdin(vec![b'o', b'k', 0xff, 0xfe])
        .assert()
        .failure()
        .stderr(contains("not valid UTF-8"));
    let big = "a".repeat(1024 * 1024 + 1);
    j.cmd()
        .args(["add", "-"])
        .write_stdin(big)
        .assert()
        .failure()
        .stderr(contains("1 MiB"));
    let at_limit = "a".repeat(1024 * 1024);
    j.cmd()
        .args(["add", "-"])
        .write_stdin(at_limit)
        .assert()
        .success();
    assert_eq!(j.ids(&["list"]), [1]);
}

#[test]
fn racing_adds_all_succeed() {
    let j = Journal::new();
    let bin = assert_cmd::cargo::cargo_bin("debrief");
    // First on a journal that does not exist yet, then on the existing one.
    for round in 0..2 {
        let children: Vec<_> = (0..8)
            .map(|i| {
                std::process::Command::new(&bin)
                    .env("DEBRIEF_DB", j.db())
                    .env("HOME", j.dir.path())
                    .args(["add", &format!("racer {round}-{i}")])
                    .stdout(std::process::Stdio::null())
                    .stderr(std::process::Stdio::piped())
                    .spawn()
                    .expect("spawn")
            })
            .collect();
        for child in children {
            let out = child.wait_with_output().expect("wait");
            assert!(
                out.status.success(),
                "{}",
                String::from_utf8_lossy(&out.stderr)
            );
        }
    }
    assert_eq!(j.ids(&["list"]).len(), 16);
}

#[test]
fn usage_errors_exit_with_two() {
    let j = Journal::new();
    j.cmd().arg("frobnicate").assert().code(2);
}

#[test]
fn config_default_prints_a_file_that_parses_and_broken_files_are_named() {
    let j = Journal::new();
    let text = j.run(&["config", "--default"]);
    assert!(text.contains("theme = \"default\""));
    let path = j.dir.path().join("config.toml");
    let p = path.to_str().expect("utf8");
    assert!(
        j.run(&["--config", p, "config"])
            .contains("not created yet")
    );
    fs::write(&path, &text).expect("write");
    assert!(j.run(&["--config", p, "config"]).contains(": ok."));
    fs::write(&path, "theme = \"default\"\nweek_start = \"friday\"\n").expect("write");
    j.fails(&["--config", p, "config"], "line 2 (key `week_start`)");
    fs::write(&path, "[keys]\n\"timeline.fly\" = \"x\"\n").expect("write");
    j.fails(&["--config", p, "config"], "no action 'fly'");
}

#[test]
fn search_words_can_carry_filters_like_the_search_screen() {
    let j = Journal::new();
    j.add(&["tense visit", "--stress", "8", "--tag", "court"]);
    j.add(&["--kind", "checkin", "tense check-in", "--stress", "3"]);
    assert_eq!(j.ids(&["search", "tense", "kind:checkin"]), [2]);
    assert_eq!(j.ids(&["search", "tense stress>=6 #court"]), [1]);
    assert_eq!(j.ids(&["search", "is:unfinished"]), Vec::<i64>::new());
    assert_eq!(
        j.ids(&["search", "kind:checkin"]),
        [2],
        "filters alone list the newest that pass"
    );
    j.fails(&["search", "tense", "kind:visit"], "unknown kind 'visit'");
}

#[test]
fn add_without_text_or_terminal_or_editor_says_how_to_give_text() {
    let j = Journal::new();
    j.fails(
        &["add"],
        "pass the text as arguments, or - to read standard input",
    );
    assert!(j.ids(&["list"]).is_empty());
}
