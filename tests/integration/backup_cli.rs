//! `debrief backup` on the real binary: a copy that never replaces a file, the list, a check
//! that finds damage, a restore that keeps the journal as it was, a copy made while another
//! process writes, and a journal kept locked that fails clearly instead of waiting for ever;
//! rolling keeps only debrief's own automatic backups.

use std::path::PathBuf;

use super::cli::Journal;
use debrief::storage::backups::{self, BackupKind};

fn backups_in(dir: &std::path::Path) -> Vec<PathBuf> {
    let mut v: Vec<PathBuf> = std::fs::read_dir(dir)
        .map(|d| d.filter_map(|e| e.ok()).map(|e| e.path()).collect())
        .unwrap_or_default();
    v.sort();
    v
}

#[test]
fn back_up_list_verify_and_restore() {
    let j = Journal::new();
    j.add(&["The first entry"]);
    j.add(&["The second entry"]);
    let out = j.run(&["backup"]);
    assert!(out.starts_with("Backed up 2 entries to "), "{out}");
    let folder = j.dir.path().join("data").join("backups");
    let made = backups_in(&folder);
    assert_eq!(made.len(), 1);
    let copy = made[0].to_str().expect("path").to_string();
    assert!(copy.ends_with("-manual.db"), "{copy}");
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(&made[0])
            .expect("meta")
            .permissions()
            .mode();
        assert_eq!(mode & 0o777, 0o600);
    }
    // Never over a file, whatever it is.
    let mine = j.dir.path().join("mine.txt");
    std::fs::write(&mine, "my own notes").expect("write");
    j.fails(
        &["backup", mine.to_str().expect("path")],
        "already exists: debrief never replaces a file",
    );
    assert_eq!(
        std::fs::read_to_string(&mine).expect("read"),
        "my own notes"
    );

    let list = j.run(&["backup", "--list"]);
    assert!(
        list.contains("made by you") && list.contains(&copy),
        "{list}"
    );
    let verified = j.run(&["backup", "--verify", &copy]);
    assert!(
        verified.contains(": sound, 2 entries (journal version"),
        "{verified}"
    );

    // A third entry, then the copy back: two entries, and the three kept aside.
    j.add(&["The third entry"]);
    j.fails(
        &["backup", "--restore", &copy],
        "restoring replaces the whole journal: add --yes",
    );
    assert_eq!(
        j.json(&["list", "--json"]).as_array().expect("list").len(),
        3
    );
    // Not under another window: an idle connection in WAL mode, as an open interface holds.
    let other = rusqlite::Connection::open(j.db()).expect("open");
    let _: String = other
        .query_row("PRAGMA journal_mode = WAL", [], |r| r.get(0))
        .expect("WAL");
    j.fails(
        &["backup", "--restore", &copy, "--yes"],
        "the journal is open in another debrief",
    );
    drop(other);
    assert_eq!(
        j.json(&["list", "--json"]).as_array().expect("list").len(),
        3
    );
    let restored = j.run(&["backup", "--restore", &copy, "--yes"]);
    assert!(
        restored.starts_with("Restored 2 entries from"),
        "{restored}"
    );
    let entries = j.json(&["list", "--json"]);
    assert_eq!(entries.as_array().expect("list").len(), 2);
    let before = backups_in(&folder)
        .into_iter()
        .find(|p| p.to_string_lossy().ends_with("-before-restore.db"))
        .expect("the journal as it was");
    let verified = j.run(&["backup", "--verify", before.to_str().expect("path")]);
    assert!(verified.contains("sound, 3 entries"), "{verified}");
}

#[test]
fn damage_missing_files_and_a_busy_journal_are_named() {
    let j = Journal::new();
    for i in 0..40 {
        j.add(&[&format!(
            "Entry {i} with some words to fill a few pages {}",
            "x".repeat(2000)
        )]);
    }
    let copy = j.dir.path().join("copy.db");
    j.run(&["backup", copy.to_str().expect("path")]);
    // Damage the middle of the copy: its pages no longer hold together.
    let mut bytes = std::fs::read(&copy).expect("read");
    let middle = bytes.len() / 2;
    for b in &mut bytes[middle..middle + 4096] {
        *b = 0x5a;
    }
    std::fs::write(&copy, &bytes).expect("write");
    let out = j
        .cmd()
        .args(["backup", "--verify", copy.to_str().expect("path")])
        .assert()
        .failure()
        .get_output()
        .clone();
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("is damaged") || err.contains("malformed") || err.contains("not a"),
        "{err}"
    );
    j.fails(
        &["backup", "--verify", "/no/such/backup.db"],
        "there is no backup at /no/such/backup.db",
    );

    // Another process in the middle of writing: the copy is made all the same (readers are
    // not blocked while a journal is written), and it is consistent.
    let holder = rusqlite::Connection::open(j.db()).expect("open");
    holder
        .execute_batch("BEGIN EXCLUSIVE; DELETE FROM entries WHERE id = 1;")
        .expect("a write under way");
    let during = j.dir.path().join("during-a-write.db");
    j.run(&["backup", during.to_str().expect("path")]);
    let verified = j.run(&["backup", "--verify", during.to_str().expect("path")]);
    assert!(verified.contains("sound, 40 entries"), "{verified}");
    holder.execute_batch("ROLLBACK").expect("unlock");

    // A process that keeps the file to itself: debrief says the journal is busy after the
    // busy timeout (300 ms here) and leaves no half copy behind.
    holder
        .execute_batch(
            "PRAGMA locking_mode = EXCLUSIVE; BEGIN EXCLUSIVE; DELETE FROM entries WHERE id = 1;",
        )
        .expect("lock");
    let target = j.dir.path().join("while-busy.db");
    j.cmd()
        .args(["backup", target.to_str().expect("path")])
        .assert()
        .code(6);
    assert!(!target.exists(), "no half copy");
    holder.execute_batch("ROLLBACK").expect("unlock");
}

#[test]
fn rolling_keeps_the_newest_automatic_backups_and_every_one_of_yours() {
    let j = Journal::new();
    j.add(&["Something to keep"]);
    let store = j.store();
    let owner = backups::Owner::of(&store).expect("owner");
    let dir = j.dir.path().join("rolled");
    let at = |h: i64| {
        chrono::DateTime::parse_from_rfc3339("2026-11-01T08:00:00Z")
            .expect("time")
            .with_timezone(&chrono::Utc)
            + chrono::Duration::hours(h)
    };
    for h in 0..5 {
        backups::before(&store, &dir, BackupKind::Daily, at(h * 24), 99).expect("backup");
    }
    backups::before(&store, &dir, BackupKind::Manual, at(1), 99).expect("backup");
    std::fs::write(dir.join("holiday-photos.db"), "x").expect("w");
    let gone = backups::roll(&dir, &owner, 2).expect("roll");
    assert_eq!(gone.len(), 3, "{gone:?}");
    let left = backups::inventory(&dir, &owner).expect("list").backups;
    let kinds: Vec<BackupKind> = left.iter().map(|b| b.kind).collect();
    assert_eq!(
        kinds,
        [BackupKind::Daily, BackupKind::Daily, BackupKind::Manual]
    );
    assert_eq!(left[0].made, at(4 * 24), "newest first");
    assert!(
        dir.join("holiday-photos.db").exists(),
        "not debrief's: untouched"
    );
    assert!(!backups::daily_due(&dir, &owner, at(4 * 24 + 23)).expect("due"));
    assert!(backups::daily_due(&dir, &owner, at(5 * 24)).expect("due"));
}

#[test]
fn the_daily_backup_is_made_once_a_day_and_rolled() {
    let j = Journal::new();
    j.add(&["Something to keep"]);
    let owner = backups::Owner::of(&j.store()).expect("owner");
    let folder = j.dir.path().join("backups");
    let now = debrief::clock::Clock::system().now();
    let made = backups::daily(&j.db(), &folder, now, 2, None).expect("daily");
    assert!(made.is_some());
    assert_eq!(
        backups::daily(&j.db(), &folder, now, 2, None).expect("daily"),
        None,
        "once a day"
    );
    for d in 1..4 {
        backups::daily(&j.db(), &folder, now + chrono::Duration::days(d), 2, None).expect("daily");
    }
    assert_eq!(
        backups::inventory(&folder, &owner)
            .expect("list")
            .backups
            .len(),
        2,
        "rolled to two"
    );
    // No journal yet: nothing to back up, and no error.
    let empty = tempfile::tempdir().expect("dir");
    let none = backups::daily(&empty.path().join("j.db"), &folder, now, 2, None).expect("daily");
    assert_eq!(none, None);
}

#[test]
fn deleting_for_good_copies_the_journal_first_unless_told_not_to() {
    let j = Journal::new();
    j.add(&["Keep this one"]);
    j.add(&["A secret to purge"]);
    j.add(&["Another secret to purge"]);
    let folder = j.dir.path().join("data").join("backups");

    let out = j.run(&["delete", "2", "--purge", "--yes"]);
    assert!(
        out.starts_with("Deleted entry 2 for good. A copy of the journal from just before is "),
        "{out}"
    );
    let made = backups_in(&folder);
    assert_eq!(made.len(), 1);
    let copy = made[0].to_str().expect("path").to_string();
    assert!(
        copy.ends_with("-before-purge.db") && out.contains(&copy),
        "{out}"
    );
    let list = j.run(&["backup", "--list"]);
    assert!(list.contains("before deleting an entry for good"), "{list}");
    // The copy still has the entry; the journal does not.
    assert!(j.run(&["backup", "--verify", &copy]).contains("3 entries"));
    assert!(!j.run(&["list", "--trash", "-n", "10"]).contains("A secret"));

    let out = j.run(&["delete", "3", "--purge", "--yes", "--no-backup"]);
    assert_eq!(out, "Deleted entry 3 for good; no copy was made.\n");
    assert_eq!(
        backups_in(&folder).len(),
        1,
        "no second copy, nothing beside it: {:?}",
        backups_in(&folder)
    );
    j.cmd()
        .args(["delete", "1", "--no-backup"])
        .assert()
        .failure()
        .stderr(predicates::str::contains("--purge"));
}

/// A backup to a place that cannot take it names that place, and gives no advice meant for
/// the journal's own path (it said "choose a writable location with --db" of a working
/// file's name).
#[test]
fn a_backup_to_a_place_that_cannot_take_it_names_that_place() {
    let j = Journal::new();
    j.add(&["Something to back up"]);
    let out = j
        .cmd()
        .args(["backup", "/proc/debrief-cannot-be-here.db"])
        .output()
        .expect("run");
    assert!(!out.status.success());
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("cannot write a backup to /proc/debrief-cannot-be-here.db")
            && !err.contains("--db")
            && !err.contains(".partial"),
        "{err}"
    );
    assert_eq!(err.trim_end().lines().count(), 1, "{err}");
}
