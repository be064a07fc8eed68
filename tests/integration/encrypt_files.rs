//! `encrypt` and `decrypt` touch only files they made (issue 23, points 1 and 2): files named
//! `J.old` and `J.new` beside the journal (links or not) are left as they are, a journal path
//! that is a symlink stays a link to the new journal, and what a killed run left is removed
//! by the next command, which says so (`debrief check` lists what it could not remove). The
//! kills themselves are `scripts/kill_encrypt.py`'s.

use std::os::unix::fs::MetadataExt;
use std::path::{Path, PathBuf};

use super::cli::Journal;

const PHRASE: &str = "bergamot-weathervane";

fn pass(j: &Journal) -> PathBuf {
    let path = j.dir.path().join("pass");
    std::fs::write(&path, "a passphrase of the test\n").expect("write");
    path
}

/// `debrief --passphrase-file P ARGS`, which must succeed; its standard error.
fn keyed(j: &Journal, args: &[&str]) -> String {
    let out = j
        .cmd()
        .arg("--passphrase-file")
        .arg(pass(j))
        .args(args)
        .assert()
        .success()
        .get_output()
        .clone();
    String::from_utf8(out.stderr).expect("utf8")
}

/// Encrypt, then decrypt, the journal; both must succeed.
fn encrypt_and_decrypt(j: &Journal) {
    keyed(j, &["encrypt"]);
    assert!(debrief::storage::cipher::looks_encrypted(&j.db()));
    keyed(j, &["decrypt", "--yes"]);
    assert!(debrief::storage::cipher::looks_plain(&j.db()));
    assert!(j.run(&["list"]).contains(PHRASE));
}

fn beside(j: &Journal, suffix: &str) -> PathBuf {
    let mut p = j.db().into_os_string();
    p.push(suffix);
    PathBuf::from(p)
}

#[test]
fn files_named_old_and_new_beside_the_journal_are_left_as_they_are() {
    let j = Journal::new();
    j.add(&[&format!("a visit about the {PHRASE}")]);
    let outside = j.dir.path().join("outside");
    std::fs::create_dir(&outside).expect("dir");
    // Regular files, each with a second name elsewhere.
    for (suffix, text) in [
        (".old", "an old file of mine"),
        (".new", "a new file of mine"),
    ] {
        std::fs::write(beside(&j, suffix), text).expect("write");
        std::fs::hard_link(beside(&j, suffix), outside.join(suffix)).expect("link");
    }
    encrypt_and_decrypt(&j);
    for (suffix, text) in [
        (".old", "an old file of mine"),
        (".new", "a new file of mine"),
    ] {
        assert_eq!(
            std::fs::read_to_string(beside(&j, suffix)).expect("read"),
            text
        );
        assert_eq!(
            std::fs::read_to_string(outside.join(suffix)).expect("read"),
            text
        );
        assert_eq!(
            std::fs::metadata(outside.join(suffix)).expect("m").nlink(),
            2
        );
    }
    // Symlinks to files outside.
    for suffix in [".old", ".new"] {
        std::fs::remove_file(beside(&j, suffix)).expect("remove");
        std::os::unix::fs::symlink(outside.join(suffix), beside(&j, suffix)).expect("symlink");
    }
    encrypt_and_decrypt(&j);
    for (suffix, text) in [
        (".old", "an old file of mine"),
        (".new", "a new file of mine"),
    ] {
        assert!(beside(&j, suffix).is_symlink());
        assert_eq!(
            std::fs::read_to_string(outside.join(suffix)).expect("read"),
            text
        );
    }
}

#[test]
fn a_journal_path_that_is_a_symlink_stays_a_link_to_the_new_journal() {
    let j = Journal::new();
    j.add(&[&format!("a visit about the {PHRASE}")]);
    let synced = j.dir.path().join("synced");
    std::fs::create_dir(&synced).expect("dir");
    let real = synced.join("journal.db");
    std::fs::rename(j.db(), &real).expect("move");
    std::os::unix::fs::symlink(&real, j.db()).expect("symlink");
    keyed(&j, &["encrypt"]);
    assert!(j.db().is_symlink(), "the link stays a link");
    assert_eq!(std::fs::read_link(j.db()).expect("link"), real);
    assert!(debrief::storage::cipher::looks_encrypted(&real));
    let listed = j
        .cmd()
        .arg("--passphrase-file")
        .arg(pass(&j))
        .arg("list")
        .output()
        .expect("list");
    assert!(String::from_utf8_lossy(&listed.stdout).contains(PHRASE));
    keyed(&j, &["decrypt", "--yes"]);
    assert!(j.db().is_symlink());
    assert!(debrief::storage::cipher::looks_plain(&real));
    assert!(j.run(&["list"]).contains(PHRASE));
    // Only the journal is in the synced folder (its -wal and -shm aside).
    let names: Vec<String> = std::fs::read_dir(&synced)
        .expect("dir")
        .map(|e| e.expect("e").file_name().to_string_lossy().into_owned())
        .filter(|n| !n.ends_with("-wal") && !n.ends_with("-shm"))
        .collect();
    assert_eq!(names, ["journal.db"]);
}

/// What a run killed after writing its record leaves: the record, listing the file at
/// `.journal.db.debrief-TOKEN.tmp` by its identity (the record's documented format).
fn record_leftover(j: &Journal, token: &str, file: &Path) {
    let meta = std::fs::metadata(file).expect("meta");
    let record = beside_name(j, &format!("{}.leftovers", "0123456789ab"));
    std::fs::write(
        record,
        format!(
            "debrief leftovers 1\noperation decrypt\nfile {token} {} {}\n",
            meta.dev(),
            meta.ino()
        ),
    )
    .expect("record");
}

/// `.journal.db.debrief-{tail}` beside the journal.
fn beside_name(j: &Journal, tail: &str) -> PathBuf {
    j.db().with_file_name(format!(".journal.db.debrief-{tail}"))
}

#[test]
fn what_a_killed_decrypt_left_is_wiped_by_the_next_command_which_says_so() {
    let j = Journal::new();
    j.add(&[&format!("a visit about the {PHRASE}")]);
    keyed(&j, &["encrypt"]);
    let copy = beside_name(&j, "aaaaaaaaaaaa.tmp");
    std::fs::write(&copy, format!("a plain copy half written: {PHRASE}")).expect("write");
    record_leftover(&j, "aaaaaaaaaaaa", &copy);
    // Named like one, but no record lists it.
    let stranger = beside_name(&j, "bbbbbbbbbbbb.tmp");
    std::fs::write(&stranger, "not debrief's").expect("write");

    let said = keyed(&j, &["list"]);
    assert!(
        said.contains("debrief: removed 1 leftover file:")
            && said.contains("left by an interrupted decrypt (overwritten first)")
            && said.lines().count() == 1,
        "{said}"
    );
    assert!(!copy.exists());
    assert_eq!(
        std::fs::read_to_string(&stranger).expect("s"),
        "not debrief's"
    );
    // Said once: the record went with the file.
    assert_eq!(keyed(&j, &["list"]), "");
    let out = j
        .cmd()
        .arg("--passphrase-file")
        .arg(pass(&j))
        .args(["check", "--all"])
        .output()
        .expect("check");
    let out = String::from_utf8_lossy(&out.stdout);
    assert!(
        out.contains(&format!("left alone: {}", stranger.display())),
        "{out}"
    );
    // Any command that concerns the journal does it, `paths` too.
    let copy = beside_name(&j, "dddddddddddd.tmp");
    std::fs::write(&copy, format!("another half copy: {PHRASE}")).expect("write");
    record_leftover(&j, "dddddddddddd", &copy);
    let said = j.cmd().arg("paths").output().expect("paths").stderr;
    assert!(String::from_utf8_lossy(&said).contains("removed 1 leftover file"));
    assert!(!copy.exists());
}

/// A leftover that cannot be opened for writing: a program running from it (the system
/// refuses to write to a running program's file, even to root).
#[cfg(target_os = "linux")]
#[test]
fn check_lists_a_leftover_it_cannot_remove_and_commands_point_to_it() {
    let j = Journal::new();
    j.add(&[&format!("a visit about the {PHRASE}")]);
    let busy = beside_name(&j, "cccccccccccc.tmp");
    let sleep = ["/usr/bin/sleep", "/bin/sleep"]
        .into_iter()
        .find(|p| Path::new(p).exists())
        .expect("a sleep program");
    std::fs::copy(sleep, &busy).expect("copy");
    record_leftover(&j, "cccccccccccc", &busy);
    let mut running = std::process::Command::new(&busy)
        .arg("60")
        .spawn()
        .expect("run");

    let said = j
        .cmd()
        .arg("list")
        .assert()
        .success()
        .get_output()
        .stderr
        .clone();
    let said = String::from_utf8_lossy(&said);
    assert!(
        said.contains("could not remove 1 file left by an interrupted encrypt or decrypt: `debrief check --all` lists them"),
        "{said}"
    );
    let out = j.run(&["check", "--all"]);
    assert!(
        out.contains(&format!("could not remove {}", busy.display())) && out.contains("busy"),
        "{out}"
    );
    let _ = running.kill();
    let _ = running.wait();
    let said = j.cmd().arg("list").output().expect("list").stderr;
    assert!(String::from_utf8_lossy(&said).contains("removed 1 leftover file"));
    assert!(!busy.exists());
}
