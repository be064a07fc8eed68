//! A journal's backups are its own and whole, on the real binary: each journal carries an id
//! inside it, its backups carry it too, and rolling, listing, counting and removing plain
//! backups go only by files whose content proves them this journal's complete backups. A
//! backup is written under a temporary name and renamed only once checked; what a killed
//! run left is reported, and removed only when proven this journal's. `backup --verify`
//! refuses a live journal, and a restore creates nothing beside the backup it reads.

use std::path::{Path, PathBuf};

use super::cli::Journal;
use debrief::storage::backups::{self, BackupKind};

/// The journal's own id, read as another process would.
fn id_of(j: &Journal) -> String {
    j.store().journal_id().expect("id").expect("an id")
}

fn folder(j: &Journal) -> PathBuf {
    j.dir.path().join("data").join("backups")
}

/// Settings keeping `keep` automatic backups; returns the path for `--config`.
fn keeping(j: &Journal, keep: usize) -> String {
    let path = j.dir.path().join("config.toml");
    std::fs::write(&path, format!("[backups]\nkeep = {keep}\n")).expect("config");
    path.display().to_string()
}

/// A bundle of the journal's entries, to import again (each import backs the journal up).
fn bundle(j: &Journal) -> String {
    let path = j.dir.path().join("bundle.json");
    let _ = std::fs::remove_file(&path);
    j.run(&["export", "-o", path.to_str().expect("path")]);
    path.display().to_string()
}

/// Files that are not this journal's backups but are named like them: a text file and
/// another program's SQLite database under this journal's names, and the same under the
/// names backups had before ids. Returns each path with its bytes.
fn look_alikes(dir: &Path, id: &str) -> Vec<(PathBuf, Vec<u8>)> {
    std::fs::create_dir_all(dir).expect("dir");
    let old = chrono::DateTime::parse_from_rfc3339("2020-01-01T00:00:00Z")
        .expect("time")
        .with_timezone(&chrono::Utc);
    let names = [
        backups::name(dir, Some(id), BackupKind::Daily, old),
        backups::name(dir, Some(id), BackupKind::BeforeImport, old),
        backups::name(dir, None, BackupKind::Daily, old),
        backups::name(dir, None, BackupKind::BeforeImport, old),
    ];
    let mut made = Vec::new();
    for (i, path) in names.into_iter().enumerate() {
        if i % 2 == 0 {
            std::fs::write(&path, "my own notes, not a backup\n").expect("text");
        } else {
            let c = rusqlite::Connection::open(&path).expect("sqlite");
            c.execute_batch(
                "CREATE TABLE photos (name TEXT); INSERT INTO photos VALUES ('beach');",
            )
            .expect("foreign db");
        }
        made.push((path.clone(), std::fs::read(&path).expect("read")));
    }
    made
}

fn untouched(files: &[(PathBuf, Vec<u8>)]) {
    for (path, bytes) in files {
        assert_eq!(
            std::fs::read(path).ok().as_ref(),
            Some(bytes),
            "{} was changed or removed",
            path.display()
        );
    }
}

#[test]
fn rolling_never_deletes_a_file_that_is_not_this_journals_backup() {
    let j = Journal::new();
    j.add(&["An entry to back up"]);
    let config = keeping(&j, 1);
    let bundle = bundle(&j);
    let strangers = look_alikes(&folder(&j), &id_of(&j));
    for _ in 0..3 {
        j.run(&["--config", &config, "import", &bundle]);
    }
    untouched(&strangers);
    let list = j.run(&["--config", &config, "backup", "--list"]);
    let rows: Vec<&str> = list.lines().take_while(|l| !l.ends_with(':')).collect();
    assert_eq!(rows.len(), 1, "one backup kept (keep = 1): {list}");
    assert!(rows[0].contains("before an import"), "{list}");
    for (path, _) in &strangers {
        let shown = list
            .lines()
            .find(|l| l.contains(path.to_str().expect("path")))
            .unwrap_or_else(|| panic!("{} not reported: {list}", path.display()));
        assert!(shown.contains("not a debrief journal"), "{shown}\n{list}");
    }
}

#[test]
fn removing_plain_backups_touches_only_this_journals_own() {
    let j = Journal::new();
    j.add(&["An entry to back up"]);
    j.run(&["backup"]);
    let strangers = look_alikes(&folder(&j), &id_of(&j));
    // Another journal in the same folder, with a plain backup of its own.
    let other = j.dir.path().join("data").join("other.db");
    let o = other.to_str().expect("path");
    j.run(&["--db", o, "add", "The other journal's entry"]);
    let theirs = j.run(&["--db", o, "backup"]);
    let key = j.dir.path().join("pass");
    std::fs::write(&key, "a long passphrase\n").expect("pass");
    let k = key.to_str().expect("path");
    let said = j.run(&["--passphrase-file", k, "encrypt"]);
    assert!(
        said.contains("Backups made before stay plain (1 in"),
        "only this journal's backup is counted: {said}"
    );
    let said = j.run(&["--passphrase-file", k, "encrypt", "--remove-plain-backups"]);
    assert!(
        said.contains("Overwrote and removed 1 plain backup from"),
        "{said}"
    );
    untouched(&strangers);
    let list = j.run(&["--db", o, "backup", "--list"]);
    assert!(
        list.lines()
            .next()
            .is_some_and(|l| theirs.contains(l.split_whitespace().last().unwrap_or("?"))),
        "the other journal's backup is still there: {list}\n{theirs}"
    );
}

#[test]
fn two_journals_in_one_folder_keep_their_backups_apart() {
    let j = Journal::new();
    j.add(&["Journal A's only entry"]);
    let other = j.dir.path().join("data").join("b.db");
    let b = other.to_str().expect("path");
    for n in 0..3 {
        j.run(&["--db", b, "add", &format!("Journal B's entry {n}")]);
    }
    assert_ne!(id_of(&j), {
        let options = debrief::storage::StoreOptions {
            key: None,
            backups: folder(&j),
            busy_timeout: std::time::Duration::from_millis(500),
            now: debrief::clock::Clock::system().now(),
        };
        debrief::storage::Store::open(&other, &options)
            .expect("open")
            .journal_id()
            .expect("id")
            .expect("an id")
    });
    // One daily backup each, the same day, in the same folder.
    let now = debrief::clock::Clock::system().now();
    let dir = folder(&j);
    assert!(
        backups::daily(&j.db(), &dir, now, 7, None)
            .expect("a")
            .is_some()
    );
    assert!(
        backups::daily(&other, &dir, now, 7, None)
            .expect("b")
            .is_some()
    );
    let a_list = j.run(&["backup", "--list"]);
    let b_list = j.run(&["--db", b, "backup", "--list"]);
    assert_eq!(a_list.lines().count(), 1, "{a_list}");
    assert_eq!(b_list.lines().count(), 1, "{b_list}");
    assert_ne!(a_list, b_list);
    let verified = |list: &str| {
        let path = list.split_whitespace().last().expect("path").to_string();
        j.run(&["backup", "--verify", &path])
    };
    assert!(verified(&a_list).contains("sound, 1 entry"), "{a_list}");
    assert!(verified(&b_list).contains("sound, 3 entries"), "{b_list}");
}

#[test]
fn broken_files_under_backup_names_are_never_listed_or_counted() {
    let j = Journal::new();
    j.add(&["An entry to back up"]);
    let config = keeping(&j, 2);
    let bundle = bundle(&j);
    j.run(&["--config", &config, "import", &bundle]);
    j.run(&["--config", &config, "import", &bundle]);
    let dir = folder(&j);
    let mut good: Vec<PathBuf> = std::fs::read_dir(&dir)
        .expect("dir")
        .map(|e| e.expect("entry").path())
        .collect();
    good.sort();
    assert_eq!(good.len(), 2, "{good:?}");
    // What a killed backup used to leave under final names, newer than the good ones: an
    // empty file, and half a copy with its rollback journal.
    let id = id_of(&j);
    let soon = debrief::clock::Clock::system().now() + chrono::Duration::hours(1);
    let empty = backups::name(&dir, Some(&id), BackupKind::BeforeImport, soon);
    std::fs::write(&empty, b"").expect("empty");
    let half = backups::name(
        &dir,
        Some(&id),
        BackupKind::BeforeImport,
        soon + chrono::Duration::minutes(1),
    );
    let bytes = std::fs::read(&good[0]).expect("read");
    std::fs::write(&half, &bytes[..bytes.len() / 2]).expect("half");
    std::fs::write(
        debrief_side(&half, "-journal"),
        b"\xd9\xd5\x05\xf9 rollback",
    )
    .expect("journal");
    let list = j.run(&["--config", &config, "backup", "--list"]);
    let empty_s = empty.to_str().expect("path");
    let half_s = half.to_str().expect("path");
    assert!(
        list.lines()
            .any(|l| l.contains(empty_s) && l.contains("empty"))
            && list
                .lines()
                .any(|l| l.contains(half_s) && l.contains("half written")),
        "{list}"
    );
    assert!(!list.contains("0 kB"), "{list}");
    // The next rolls count only the good ones: with keep = 2, each import's backup pushes
    // out the oldest good one, never a broken file, and never a good one for a broken one.
    j.run(&["--config", &config, "import", &bundle]);
    let left: Vec<PathBuf> = std::fs::read_dir(&dir)
        .expect("dir")
        .map(|e| e.expect("entry").path())
        .filter(|p| p.extension().is_some_and(|x| x == "db"))
        .collect();
    assert_eq!(left.len(), 4, "two good, two broken: {left:?}");
    assert!(
        !left.contains(&good[0]) && left.contains(&good[1]),
        "the oldest good one rolled, the newer kept: {left:?}"
    );
    assert!(left.contains(&empty) && left.contains(&half));
    let list = j.run(&["--config", &config, "backup", "--list"]);
    assert_eq!(
        list.lines()
            .filter(|l| l.contains("before an import"))
            .count(),
        2,
        "{list}"
    );
}

fn debrief_side(path: &Path, suffix: &str) -> PathBuf {
    let mut p = path.as_os_str().to_owned();
    p.push(suffix);
    PathBuf::from(p)
}

/// A process id that no process has now (one that ran and ended).
fn gone_pid() -> u32 {
    let mut child = std::process::Command::new("true").spawn().expect("true");
    let pid = child.id();
    child.wait().expect("wait");
    pid
}

#[test]
fn unfinished_copies_are_reported_and_removed_only_when_proven_this_journals() {
    let j = Journal::new();
    j.add(&["An entry to back up"]);
    let said = j.run(&["backup"]);
    let dir = folder(&j);
    let copy = std::fs::read_dir(&dir)
        .expect("dir")
        .next()
        .expect("one")
        .expect("entry")
        .path();
    let id = id_of(&j);
    let other = j.dir.path().join("other.db");
    j.run(&[
        "--db",
        other.to_str().expect("path"),
        "add",
        "another journal",
    ]);
    let temp = |pid: u32, n: u64| dir.join(format!(".debrief-{id}-{pid}-{n:016x}.partial"));
    let dead = gone_pid();
    let ours = temp(dead, 1);
    std::fs::copy(&copy, &ours).expect("copy");
    std::fs::write(debrief_side(&ours, "-wal"), b"").expect("side file");
    let empty = temp(dead, 2);
    std::fs::write(&empty, b"").expect("empty");
    let running = temp(std::process::id(), 3);
    std::fs::copy(&copy, &running).expect("copy");
    let theirs = temp(dead, 4);
    std::fs::copy(&other, &theirs).expect("copy");
    // Killed while SQLite wrote the copy out: its first page, then only part of the rest.
    let cut = temp(dead, 5);
    let bytes = std::fs::read(&copy).expect("read");
    std::fs::write(&cut, &bytes[..bytes.len() / 2]).expect("cut short");
    let list = j.run(&["backup", "--list"]);
    let line = |p: &Path| {
        list.lines()
            .find(|l| l.contains(p.to_str().expect("path")))
            .unwrap_or_else(|| panic!("{} not reported: {list}", p.display()))
            .to_string()
    };
    assert!(line(&ours).contains("removed"), "{list}");
    assert!(line(&cut).contains("removed") && !cut.exists(), "{list}");
    assert!(!ours.exists() && !debrief_side(&ours, "-wal").exists());
    assert!(
        line(&empty).contains("cannot prove it is its own (empty)"),
        "{list}"
    );
    assert!(
        line(&running).contains("being written by process"),
        "{list}"
    );
    assert!(
        line(&theirs).contains("a copy of another journal"),
        "{list}"
    );
    assert!(empty.exists() && running.exists() && theirs.exists());
    // Never listed or counted as backups: the one backup is the only row.
    let rows = list.lines().take_while(|l| !l.ends_with(':')).count();
    assert_eq!(rows, 1, "{list}\n{said}");
}

/// `debrief ARGS` with writes limited to `blocks` blocks per file (as a full disk would
/// stop them), the signal that limit sends ignored so writes fail instead.
fn with_file_limit(j: &Journal, blocks: u32, args: &[&str]) -> std::process::Output {
    let script = format!("trap '' XFSZ; ulimit -f {blocks}; exec \"$0\" \"$@\"");
    std::process::Command::new("sh")
        .arg("-c")
        .arg(script)
        .arg(assert_cmd::cargo::cargo_bin("debrief"))
        .args(args)
        .env_clear()
        .env("PATH", std::env::var_os("PATH").unwrap_or_default())
        .env("HOME", j.dir.path())
        .env("DEBRIEF_DB", j.db())
        .env("DEBRIEF_BUSY_TIMEOUT_MS", "300")
        .output()
        .expect("run")
}

/// A small tmpfs mounted at a folder for as long as it is held (where mounting is allowed).
struct SmallDisk(PathBuf);

impl SmallDisk {
    fn mount(at: &Path, size: &str) -> Option<SmallDisk> {
        std::fs::create_dir_all(at).ok()?;
        let mounted = std::process::Command::new("mount")
            .args([
                "-t",
                "tmpfs",
                "-o",
                &format!("size={size},mode=0700"),
                "tmpfs",
            ])
            .arg(at)
            .stdout(std::process::Stdio::null())
            .stderr(std::process::Stdio::null())
            .status()
            .is_ok_and(|s| s.success());
        mounted.then(|| SmallDisk(at.to_path_buf()))
    }
}

impl Drop for SmallDisk {
    fn drop(&mut self) {
        let _ = std::process::Command::new("umount").arg(&self.0).status();
    }
}

#[test]
fn a_backup_that_fails_for_want_of_space_leaves_nothing() {
    let j = Journal::new();
    // A disk with room for the journal (and the room it keeps for a rescue) and not for a
    // copy of it (a tmpfs, where this may mount one); elsewhere, a limit on the size of files written, which fails the same way.
    let disk = SmallDisk::mount(&j.dir.path().join("data"), "4608k");
    for n in 0..20 {
        j.cmd()
            .args(["add", "-"])
            .write_stdin(format!(
                "Entry {n} {}",
                "words that fill the small disk ".repeat(3000)
            ))
            .assert()
            .success();
    }
    let config = keeping(&j, 7);
    let bundle = j.dir.path().join("bundle.json");
    j.run(&["export", "-o", bundle.to_str().expect("path")]);
    std::fs::create_dir_all(folder(&j)).expect("dir");
    for args in [
        vec!["backup"],
        vec!["backup"],
        vec![
            "--config",
            config.as_str(),
            "import",
            bundle.to_str().expect("path"),
        ],
    ] {
        let out = match disk {
            Some(_) => j.cmd().args(&args).output().expect("run"),
            None => with_file_limit(&j, 1000, &args),
        };
        assert!(!out.status.success(), "{args:?}: {out:?}");
        let err = String::from_utf8_lossy(&out.stderr);
        assert_eq!(err.trim_end().lines().count(), 1, "{err}");
        let left: Vec<_> = std::fs::read_dir(folder(&j))
            .expect("dir")
            .map(|e| e.expect("entry").path())
            .collect();
        assert!(left.is_empty(), "{args:?} left {left:?}: {err}");
    }
    let listed = j.json(&["list", "--json", "-n", "50"]);
    assert_eq!(listed.as_array().expect("list").len(), 20);
    drop(disk);
}

#[test]
fn verifying_a_live_journal_is_refused_and_says_to_make_a_backup() {
    let j = Journal::new();
    j.add(&["An entry"]);
    // Another process has written and not yet folded its log into the file.
    let other = rusqlite::Connection::open(j.db()).expect("open");
    other
        .execute_batch("PRAGMA wal_autocheckpoint = 0; UPDATE entries SET title = 'changed';")
        .expect("write");
    let db = j.db();
    let d = db.to_str().expect("path");
    j.fails(&["backup", "--verify", d], "make a backup of it first");
    j.fails(
        &["backup", "--restore", d, "--yes"],
        "make a backup of it first",
    );
    drop(other);
}

#[test]
fn restoring_a_hand_copied_wal_file_leaves_nothing_beside_it_and_keeps_the_journals_id() {
    let j = Journal::new();
    j.add(&["This journal's entry"]);
    let id = id_of(&j);
    // A copy of another journal, put in WAL mode, as a copy of a journal file by hand is.
    let other = j.dir.path().join("other.db");
    let o = other.to_str().expect("path");
    j.run(&["--db", o, "add", "The other journal's entry"]);
    let copy = j.dir.path().join("copy.db");
    j.run(&["--db", o, "backup", copy.to_str().expect("path")]);
    let c = rusqlite::Connection::open(&copy).expect("open");
    let mode: String = c
        .query_row("PRAGMA journal_mode = WAL", [], |r| r.get(0))
        .expect("wal");
    assert_eq!(mode, "wal");
    drop(c);
    assert!(!debrief_side(&copy, "-wal").exists());
    let said = j.run(&["backup", "--restore", copy.to_str().expect("path"), "--yes"]);
    assert!(said.starts_with("Restored 1 entry from"), "{said}");
    for side in ["-wal", "-shm", "-journal"] {
        assert!(
            !debrief_side(&copy, side).exists(),
            "{side} left beside the backup"
        );
    }
    assert!(j.run(&["list"]).contains("The other journal's entry"));
    assert_eq!(id_of(&j), id, "the journal keeps its own id");
}

#[test]
fn a_journal_from_before_ids_gets_one_on_upgrade_and_its_older_backups_are_kept() {
    let j = Journal::new();
    std::fs::create_dir_all(j.db().parent().expect("folder")).expect("dir");
    let mut conn = rusqlite::Connection::open(j.db()).expect("open");
    debrief::storage::migrations()
        .to_version(&mut conn, 9)
        .expect("version 9");
    conn.execute_batch(
        "INSERT INTO entries (uuid, kind, created_ms, utc_offset_s, updated_ms, body) VALUES ('0b5e4d0c-7b1a-4b5e-9a51-3f8f9d1c2e10', 'reflection', 1763600000000, 0, 1763600000000, 'Written at version 9');",
    )
    .expect("entry");
    drop(conn);
    let config = keeping(&j, 1);
    assert!(j.run(&["list"]).contains("Written at version 9"));
    let id = id_of(&j);
    assert_eq!(id.len(), 32);
    // The copy made before the upgrade has no id in it: listed apart, never rolled.
    let bundle = bundle(&j);
    for _ in 0..2 {
        j.run(&["--config", &config, "import", &bundle]);
    }
    let list = j.run(&["--config", &config, "backup", "--list"]);
    let (mine, older) = list
        .split_once("Made before backups carried their journal's id")
        .unwrap_or_else(|| panic!("{list}"));
    assert_eq!(mine.lines().count(), 1, "{list}");
    assert!(
        mine.contains(&id) && mine.contains("before an import"),
        "{list}"
    );
    assert!(older.contains("before upgrading from version 9"), "{list}");
}

#[test]
fn an_encrypted_journal_rolls_the_backups_its_passphrase_proves_and_keeps_the_others() {
    let j = Journal::new();
    let key = j.dir.path().join("pass");
    std::fs::write(&key, "the first passphrase\n").expect("pass");
    let k = key.to_str().expect("path");
    let config = keeping(&j, 1);
    j.run(&["--passphrase-file", k, "add", "A secret entry"]);
    let bundle = j.dir.path().join("bundle.json");
    let b = bundle.to_str().expect("path");
    j.run(&["--passphrase-file", k, "export", "-o", b]);
    let import = |k: &str| j.run(&["--passphrase-file", k, "--config", &config, "import", b]);
    import(k);
    import(k);
    let count = |k: &str| {
        let list = j.run(&["--passphrase-file", k, "backup", "--list"]);
        (
            list.lines()
                .filter(|l| l.contains("before an import"))
                .count(),
            list,
        )
    };
    assert_eq!(count(k).0, 1, "{}", count(k).1);
    // Under a new passphrase the old backup cannot be proven: kept, said, not counted.
    let new = j.dir.path().join("new");
    std::fs::write(&new, "the second passphrase\n").expect("pass");
    let n = new.to_str().expect("path");
    j.run(&[
        "--passphrase-file",
        k,
        "passphrase",
        "--new-passphrase-file",
        n,
    ]);
    import(n);
    let (rows, list) = count(n);
    assert_eq!(rows, 1, "{list}");
    assert!(
        list.contains("encrypted under another passphrase"),
        "{list}"
    );
    assert_eq!(
        std::fs::read_dir(folder(&j)).expect("dir").count(),
        2,
        "{list}"
    );
}
