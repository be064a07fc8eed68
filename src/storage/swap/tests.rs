use std::time::Duration;

use chrono::DateTime;

use super::*;
use crate::domain::{EntryContent, EntryFilter};
use crate::storage::StoreOptions;

fn options(dir: &Path, key: Option<&Passphrase>) -> StoreOptions {
    StoreOptions {
        key: key.cloned(),
        backups: dir.join("backups"),
        busy_timeout: Duration::from_millis(500),
        now: DateTime::from_timestamp(1_800_000_000, 0).expect("a time"),
    }
}

/// A raw key: encrypted pages without the key derivation's time.
fn key() -> Passphrase {
    Passphrase::new(format!("x'{}'", "5c".repeat(32))).expect("key")
}

/// A plain journal at `path` with one entry.
fn journal(path: &Path) {
    let at = DateTime::from_timestamp(1_700_000_000, 0).expect("a time");
    let dir = path.parent().expect("folder");
    Store::open(path, &options(dir, None))
        .expect("create")
        .add_entry(&EntryContent::text("words of the old journal"), at, 0, at)
        .expect("add");
}

fn headlines(path: &Path, key: Option<&Passphrase>) -> Vec<String> {
    let dir = path.parent().expect("folder");
    Store::open(path, &options(dir, key))
        .expect("open")
        .list(&EntryFilter::default(), 5)
        .expect("list")
        .into_iter()
        .map(|e| e.headline)
        .collect()
}

fn names(dir: &Path) -> Vec<String> {
    let mut v: Vec<String> = std::fs::read_dir(dir)
        .expect("dir")
        .map(|e| e.expect("entry").file_name().to_string_lossy().into_owned())
        .collect();
    v.sort();
    v
}

#[test]
fn encrypting_and_decrypting_leave_only_the_journal_and_what_was_there() {
    crate::storage::testing::sqlcipher_ready();
    let dir = tempfile::tempdir().expect("dir");
    let j = dir.path().join("j.db");
    journal(&j);
    for name in ["j.db.old", "j.db.new"] {
        std::fs::write(dir.path().join(name), format!("{name} is someone's")).expect("write");
    }
    let before = names(dir.path());
    let store = Store::open(&j, &options(dir.path(), None)).expect("open");
    let changed = store.change_encryption(Some(&key())).expect("encrypt");
    assert_eq!(
        (changed.entries, changed.notes.len()),
        (1, 0),
        "{changed:?}"
    );
    assert!(cipher::looks_encrypted(&j));
    assert_eq!(headlines(&j, Some(&key())), ["words of the old journal"]);
    let store = Store::open(&j, &options(dir.path(), Some(&key()))).expect("open");
    store.change_encryption(None).expect("decrypt");
    assert!(cipher::looks_plain(&j));
    assert_eq!(headlines(&j, None), ["words of the old journal"]);
    for name in ["j.db.old", "j.db.new"] {
        assert_eq!(
            std::fs::read_to_string(dir.path().join(name)).expect("read"),
            format!("{name} is someone's")
        );
    }
    // Nothing else is left (the journal's -wal and -shm go when it is closed).
    let after: Vec<String> = names(dir.path())
        .into_iter()
        .filter(|n| !n.ends_with("-wal") && !n.ends_with("-shm"))
        .collect();
    assert_eq!(after, before);
}

#[cfg(unix)]
#[test]
fn an_old_journal_with_another_name_is_not_overwritten_and_that_is_said() {
    crate::storage::testing::sqlcipher_ready();
    let dir = tempfile::tempdir().expect("dir");
    let j = dir.path().join("j.db");
    journal(&j);
    let elsewhere = dir.path().join("my own link");
    std::fs::hard_link(&j, &elsewhere).expect("link");
    let store = Store::open(&j, &options(dir.path(), None)).expect("open");
    let changed = store.change_encryption(Some(&key())).expect("encrypt");
    assert!(
        !changed.overwritten
            && changed.notes.len() == 1
            && changed.notes[0].contains("1 other hard link"),
        "{changed:?}"
    );
    // The user's other name still holds the old journal, whole.
    assert!(cipher::looks_plain(&elsewhere));
    assert_eq!(headlines(&elsewhere, None), ["words of the old journal"]);
    assert!(cipher::looks_encrypted(&j));
}

#[cfg(unix)]
#[test]
fn a_journal_reached_through_a_symlink_is_changed_where_it_is() {
    crate::storage::testing::sqlcipher_ready();
    let dir = tempfile::tempdir().expect("dir");
    std::fs::create_dir(dir.path().join("real")).expect("dir");
    let real = dir.path().join("real").join("j.db");
    journal(&real);
    let link = dir.path().join("link.db");
    std::os::unix::fs::symlink(&real, &link).expect("symlink");
    let store = Store::open(&link, &options(dir.path(), None)).expect("open");
    store.change_encryption(Some(&key())).expect("encrypt");
    assert!(link.is_symlink(), "the link stays a link");
    assert_eq!(std::fs::read_link(&link).expect("link"), real);
    assert!(cipher::looks_encrypted(&real));
    assert_eq!(headlines(&link, Some(&key())), ["words of the old journal"]);
    assert_eq!(names(dir.path()), ["link.db", "real"]);
}
