//! Encryption at rest on the real binary: `encrypt`, `decrypt` and `passphrase`; a wrong or
//! missing passphrase is one line with nothing written; backups of an encrypted journal are
//! encrypted; and after a session of adds, edits, backups and a kill -9, a known phrase is
//! found in no file of the data folder.

use std::path::{Path, PathBuf};

use super::cli::Journal;

const SECRET: &str = "marmalade-lighthouse";

/// A passphrase file in the test's home (outside the data folder).
fn pass_file(j: &Journal, name: &str, text: &str) -> PathBuf {
    let path = j.dir.path().join(name);
    std::fs::write(&path, format!("{text}\n")).expect("write");
    path
}

fn with_pass(file: &Path, args: &[&str]) -> Vec<String> {
    let mut v = vec!["--passphrase-file".to_string(), file.display().to_string()];
    v.extend(args.iter().map(|s| s.to_string()));
    v
}

fn run(j: &Journal, file: &Path, args: &[&str]) -> String {
    let v = with_pass(file, args);
    j.run(&v.iter().map(String::as_str).collect::<Vec<_>>())
}

fn fails(j: &Journal, file: &Path, args: &[&str], message: &str) {
    let v = with_pass(file, args);
    j.fails(&v.iter().map(String::as_str).collect::<Vec<_>>(), message);
}

/// Every file under `dir`, recursively.
fn files_under(dir: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    let mut todo = vec![dir.to_path_buf()];
    while let Some(d) = todo.pop() {
        for e in std::fs::read_dir(&d).expect("dir").flatten() {
            let p = e.path();
            if p.is_dir() {
                todo.push(p);
            } else {
                out.push(p);
            }
        }
    }
    out
}

/// The files under `dir` holding `phrase` (as UTF-8 bytes).
fn holding(dir: &Path, phrase: &str) -> Vec<PathBuf> {
    files_under(dir)
        .into_iter()
        .filter(|p| {
            let bytes = std::fs::read(p).unwrap_or_default();
            bytes.windows(phrase.len()).any(|w| w == phrase.as_bytes())
        })
        .collect()
}

/// The file named by `debrief backup`'s "Backed up N entries to PATH (SIZE)."
fn backed_up_to(said: &str) -> String {
    said.split(" to ")
        .nth(1)
        .and_then(|s| s.split(" (").next())
        .expect("backup path")
        .to_string()
}

fn data(j: &Journal) -> PathBuf {
    j.dir.path().join("data")
}

#[test]
fn encrypt_a_journal_then_a_wrong_or_missing_passphrase_writes_nothing() {
    let j = Journal::new();
    j.add(&[
        &format!("The visit about the {SECRET} #home"),
        "--stress",
        "6",
    ]);
    j.run(&["backup"]);
    let key = pass_file(&j, "pass", "correct horse battery");
    let out = run(&j, &key, &["encrypt"]);
    assert!(
        out.contains("Encrypted the journal at") && out.contains("(1 entry)"),
        "{out}"
    );
    assert!(
        out.contains("Backups made before stay plain (1 in"),
        "{out}"
    );
    assert!(debrief::storage::cipher::looks_encrypted(&j.db()));
    // The old plain backup still holds it (and is said to); the journal does not.
    assert_eq!(holding(&data(&j), SECRET).len(), 1);
    let out = run(&j, &key, &["encrypt", "--remove-plain-backups"]);
    assert!(
        out.contains("Overwrote and removed 1 plain backup"),
        "{out}"
    );
    assert!(holding(&data(&j), SECRET).is_empty());

    let listed = run(&j, &key, &["list"]);
    assert!(listed.contains(SECRET), "{listed}");
    // Where it lives, and that it is encrypted, without the passphrase.
    let paths = j.run(&["paths"]);
    assert!(
        paths
            .lines()
            .next()
            .is_some_and(|l| l.ends_with("(encrypted)")),
        "{paths}"
    );
    let before = std::fs::read(j.db()).expect("read");
    let wrong = pass_file(&j, "wrong", "not it");
    for args in [&["list"][..], &["add", "more words"], &["search", "visit"]] {
        fails(
            &j,
            &wrong,
            args,
            "wrong passphrase, or not a debrief journal",
        );
        let out = j.cmd().args(args).assert().failure();
        let err = String::from_utf8_lossy(&out.get_output().stderr).to_string();
        assert!(
            err.contains("is encrypted") && err.contains("--passphrase-file"),
            "{err}"
        );
        assert_eq!(out.get_output().status.code(), Some(7));
    }
    assert_eq!(
        std::fs::read(j.db()).expect("read"),
        before,
        "nothing written"
    );
    fails(
        &j,
        &key,
        &["encrypt"],
        "is already encrypted: `debrief passphrase`",
    );
}

#[test]
fn a_new_journal_given_a_passphrase_file_is_made_encrypted() {
    let j = Journal::new();
    let key = pass_file(&j, "pass", "a long passphrase");
    run(&j, &key, &["add", SECRET]);
    assert!(debrief::storage::cipher::looks_encrypted(&j.db()));
    assert!(holding(&data(&j), SECRET).is_empty());
    let empty = pass_file(&j, "empty", "");
    fails(&j, &empty, &["list"], "the passphrase is empty");
    let missing = j.dir.path().join("nowhere");
    fails(&j, &missing, &["list"], "cannot read the passphrase file");
}

#[test]
fn change_the_passphrase_and_restore_a_backup_made_under_the_old_one() {
    let j = Journal::new();
    let old = pass_file(&j, "old", "first passphrase");
    let new = pass_file(&j, "new", "second passphrase");
    run(&j, &old, &["add", "Before the change"]);
    let backup = backed_up_to(&run(&j, &old, &["backup"]));
    assert!(debrief::storage::cipher::looks_encrypted(Path::new(
        &backup
    )));
    fails(
        &j,
        &old,
        &["passphrase"],
        "there is no terminal to ask for the new passphrase on",
    );
    let out = run(
        &j,
        &old,
        &[
            "passphrase",
            "--new-passphrase-file",
            &new.display().to_string(),
        ],
    );
    assert!(
        out.contains("Backups made before keep the old one"),
        "{out}"
    );
    fails(&j, &old, &["list"], "wrong passphrase");
    run(&j, &new, &["add", "After the change"]);

    // The backup opens only with its own passphrase.
    fails(
        &j,
        &new,
        &["backup", "--verify", &backup],
        "--backup-passphrase-file",
    );
    let old_arg = old.display().to_string();
    let verified = run(
        &j,
        &new,
        &[
            "backup",
            "--verify",
            &backup,
            "--backup-passphrase-file",
            &old_arg,
        ],
    );
    assert!(verified.contains("sound, 1 entry"), "{verified}");
    let restored = run(
        &j,
        &new,
        &[
            "backup",
            "--restore",
            &backup,
            "--backup-passphrase-file",
            &old_arg,
            "--yes",
        ],
    );
    assert!(restored.contains("Restored 1 entry"), "{restored}");
    // The journal keeps the new passphrase.
    let listed = run(&j, &new, &["list"]);
    assert!(listed.contains("Before the change") && !listed.contains("After the change"));
    fails(&j, &old, &["list"], "wrong passphrase");
}

#[test]
fn decrypt_asks_first_and_plain_and_encrypted_backups_do_not_mix() {
    let j = Journal::new();
    j.add(&["Written plain"]);
    let plain_backup = backed_up_to(&j.run(&["backup"]));
    let key = pass_file(&j, "pass", "the passphrase");
    run(&j, &key, &["encrypt"]);
    fails(
        &j,
        &key,
        &["backup", "--restore", &plain_backup, "--yes"],
        "is plain, and the journal is encrypted",
    );
    fails(&j, &key, &["decrypt"], "add --yes");
    assert!(debrief::storage::cipher::looks_encrypted(&j.db()));
    let out = run(&j, &key, &["decrypt", "--yes"]);
    assert!(
        out.contains("Decrypted the journal") && out.contains("(1 entry)"),
        "{out}"
    );
    assert!(!debrief::storage::cipher::looks_encrypted(&j.db()));
    assert!(j.run(&["list"]).contains("Written plain"));
    j.fails(&["decrypt", "--yes"], "is not encrypted");
    j.fails(&["passphrase"], "`debrief encrypt` gives it a passphrase");
    let fresh = Journal::new();
    fresh.fails(&["decrypt", "--yes"], "there is no journal at");
}

#[test]
fn nothing_plain_in_the_data_folder_after_adds_edits_backups_and_a_kill() {
    let j = Journal::new();
    let key = pass_file(&j, "pass", "a passphrase for the grep");
    run(&j, &key, &["add", &format!("First about the {SECRET}")]);
    let editor = j.editor(&format!("Edited: the {SECRET} again"));
    let v = with_pass(&key, &["edit", "1"]);
    j.cmd().args(&v).env("EDITOR", &editor).assert().success();
    run(
        &j,
        &key,
        &["add", "--stress", "4", &format!("#tag {SECRET} three")],
    );
    run(&j, &key, &["backup"]);
    run(&j, &key, &["delete", "2"]);
    // A writer killed while adding entries one after another.
    let bin = assert_cmd::cargo::cargo_bin("debrief");
    let script = format!(
        "for i in $(seq 1 200); do '{bin}' --passphrase-file '{key}' add \"kill test $i {SECRET}\" >/dev/null || exit 1; done",
        bin = bin.display(),
        key = key.display()
    );
    let mut child = std::process::Command::new("sh")
        .args(["-c", &script])
        .env("HOME", j.dir.path())
        .env("DEBRIEF_DB", j.db())
        .spawn()
        .expect("spawn");
    // Kill it once some of its entries are in (and another is probably being written).
    for _ in 0..100 {
        if run(&j, &key, &["search", "kill"])
            .matches("kill test")
            .count()
            >= 3
        {
            break;
        }
        std::thread::sleep(std::time::Duration::from_millis(100));
    }
    let _ = std::process::Command::new("pkill")
        .args(["-KILL", "-f", "kill test"])
        .status();
    let _ = child.kill();
    let _ = child.wait();
    let found = holding(&data(&j), SECRET);
    assert!(found.is_empty(), "plain text in {found:?}");
    assert!(holding(j.dir.path(), "kill test").is_empty());
    assert!(run(&j, &key, &["search", "kill"]).contains("kill test"));
    let listed = run(&j, &key, &["search", SECRET]);
    assert!(listed.contains("Edited:"), "{listed}");
}

#[test]
fn text_a_locked_encrypted_journal_cannot_take_is_kept_encrypted() {
    let j = Journal::new();
    let key = pass_file(&j, "pass", "locked journal passphrase");
    run(&j, &key, &["add", "a first entry"]);
    // Another program holds the write lock.
    let other = rusqlite::Connection::open(j.db()).expect("open");
    other
        .pragma_update(None, "key", "locked journal passphrase")
        .expect("key");
    other.execute_batch("BEGIN EXCLUSIVE").expect("lock");
    let v = with_pass(&key, &["add", "-"]);
    let out = j
        .cmd()
        .args(&v)
        .write_stdin(format!("Typed while it was locked: {SECRET}"))
        .assert()
        .failure();
    let err = String::from_utf8_lossy(&out.get_output().stderr).to_string();
    assert!(err.contains("(encrypted: `debrief rescued"), "{err}");
    drop(other);
    assert!(holding(&data(&j), SECRET).is_empty(), "kept in plain");
    let listed = run(&j, &key, &["rescued"]);
    let file = listed
        .lines()
        .next()
        .and_then(|l| l.strip_suffix("  (encrypted)"))
        .expect("one encrypted rescue file")
        .to_string();
    let text = run(&j, &key, &["rescued", &file]);
    assert_eq!(text, format!("Typed while it was locked: {SECRET}\n"));
    let wrong = pass_file(&j, "wrong", "not this one");
    fails(&j, &wrong, &["rescued", &file], "wrong passphrase");
    j.fails(&["rescued", "/nowhere/at/all"], "`debrief rescued` lists");
}

/// An idle connection to the journal, as an interface left open in another window holds
/// (in WAL mode, as debrief opens it: an idle connection holds a shared lock on the file).
fn open_elsewhere(j: &Journal, key: Option<&str>) -> rusqlite::Connection {
    let other = rusqlite::Connection::open(j.db()).expect("open");
    if let Some(key) = key {
        other.pragma_update(None, "key", key).expect("key");
    }
    let mode: String = other
        .query_row("PRAGMA journal_mode = WAL", [], |r| r.get(0))
        .expect("WAL");
    assert_eq!(mode, "wal");
    let n: i64 = other
        .query_row("SELECT count(*) FROM entries", [], |r| r.get(0))
        .expect("read");
    assert!(n > 0);
    other
}

#[test]
fn a_journal_open_elsewhere_is_neither_encrypted_nor_rekeyed_nor_decrypted() {
    let j = Journal::new();
    j.add(&["An entry written before"]);
    let key = pass_file(&j, "pass", "the first passphrase");
    let new_key = pass_file(&j, "new", "the second passphrase");
    let in_use = "open in another debrief";
    let busy = |args: &[String]| {
        j.cmd().args(args).assert().code(6);
    };

    let other = open_elsewhere(&j, None);
    fails(&j, &key, &["encrypt"], in_use);
    busy(&with_pass(&key, &["encrypt"]));
    assert!(!debrief::storage::cipher::looks_encrypted(&j.db()));
    // The window still reads and writes as before.
    other
        .execute("UPDATE entries SET starred = 1", [])
        .expect("the other window writes");
    drop(other);
    run(&j, &key, &["encrypt"]);
    assert!(debrief::storage::cipher::looks_encrypted(&j.db()));

    let other = open_elsewhere(&j, Some("the first passphrase"));
    let rekey = [
        "passphrase",
        "--new-passphrase-file",
        new_key.to_str().expect("path"),
    ];
    fails(&j, &key, &rekey, in_use);
    fails(&j, &key, &["decrypt", "--yes"], in_use);
    drop(other);
    // Nothing changed: the first passphrase still opens it.
    assert!(run(&j, &key, &["list"]).contains("An entry written before"));
    run(&j, &key, &rekey);
    assert!(run(&j, &new_key, &["list"]).contains("An entry written before"));
}

#[test]
fn a_passphrase_file_given_for_a_plain_journal_is_said_to_be_unused() {
    let j = Journal::new();
    j.add(&["A plain entry"]);
    let key = pass_file(&j, "pass", "never used");
    let v = with_pass(&key, &["list"]);
    let out = j.cmd().args(&v).assert().success();
    let (stdout, stderr) = (
        String::from_utf8_lossy(&out.get_output().stdout).to_string(),
        String::from_utf8_lossy(&out.get_output().stderr).to_string(),
    );
    assert!(stdout.contains("A plain entry"), "{stdout}");
    assert_eq!(stderr.lines().count(), 1, "{stderr}");
    assert!(
        stderr.contains("is not encrypted, so the passphrase file was not used"),
        "{stderr}"
    );
    assert!(!debrief::storage::cipher::looks_encrypted(&j.db()));
    // Once encrypted, nothing more is said; encrypt itself says nothing of the kind.
    let said = j
        .cmd()
        .args(with_pass(&key, &["encrypt"]))
        .assert()
        .success();
    assert!(!String::from_utf8_lossy(&said.get_output().stderr).contains("not used"));
    let quiet = j.cmd().args(&v).assert().success();
    assert!(quiet.get_output().stderr.is_empty());
}
