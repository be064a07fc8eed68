//! Text piped in is never lost without a word: a journal in a read-only folder, a read-only
//! journal (plain or encrypted) in a writable one. The text is kept somewhere private and the
//! message says where; a read-only journal is left read-only. (The full disk is driven by
//! `scripts/full_disk.py`, which needs a tmpfs.)

use std::fs;
use std::os::unix::fs::PermissionsExt;
use std::path::{Path, PathBuf};

use assert_cmd::Command;

/// A home and a journal folder, with the binary run as a user whom file modes stop: itself,
/// or, under root (whom they do not), the unprivileged `nobody` through `setpriv`, the
/// test's folder given to it.
struct AsUser {
    dir: tempfile::TempDir,
    nobody: bool,
}

const NOBODY: u32 = 65534;

impl AsUser {
    fn new() -> AsUser {
        let dir = tempfile::tempdir().expect("tempdir");
        let uid = std::process::Command::new("id")
            .arg("-u")
            .output()
            .expect("id");
        let nobody = String::from_utf8_lossy(&uid.stdout).trim() == "0";
        if nobody {
            std::os::unix::fs::chown(dir.path(), Some(NOBODY), Some(NOBODY)).expect("chown");
        }
        AsUser { dir, nobody }
    }

    fn home(&self) -> PathBuf {
        self.dir.path().join("home")
    }

    fn cmd(&self, db: &Path) -> Command {
        let bin = assert_cmd::cargo::cargo_bin("debrief");
        let mut c = if self.nobody {
            let mut c = Command::new("setpriv");
            c.args(["--reuid=65534", "--regid=65534", "--clear-groups"])
                .arg(bin);
            c
        } else {
            Command::new(bin)
        };
        c.env_clear()
            .env("PATH", std::env::var_os("PATH").unwrap_or_default())
            .env("HOME", self.home())
            .env("TMPDIR", self.dir.path())
            .env("TZ", "Europe/London")
            .env("DEBRIEF_BUSY_TIMEOUT_MS", "300")
            .arg("--db")
            .arg(db);
        c
    }

    /// A journal with one entry in the folder `folder`, under the passphrase file `key` if
    /// given.
    fn journal(&self, folder: &str, key: Option<&Path>) -> PathBuf {
        let db = self.dir.path().join(folder).join("j.db");
        let mut c = self.cmd(&db);
        if let Some(k) = key {
            c.arg("--passphrase-file").arg(k);
        }
        c.args(["add", "the first entry"]).assert().success();
        db
    }

    fn passphrase(&self) -> PathBuf {
        let p = self.dir.path().join("pass");
        fs::write(&p, "a passphrase of the test\n").expect("write");
        p
    }
}

fn mode(p: &Path) -> u32 {
    fs::metadata(p).expect("meta").permissions().mode() & 0o777
}

/// The rescue file named in `err` (after "kept in "), which must hold `text`, be private,
/// and be in `folder`.
fn kept_in(err: &str, folder: &Path) -> PathBuf {
    let path = err
        .split("kept in ")
        .nth(1)
        .and_then(|rest| rest.split([' ', ')']).next())
        .map(PathBuf::from)
        .unwrap_or_else(|| panic!("no rescue file named: {err}"));
    assert_eq!(
        path.parent()
            .map(fs::canonicalize)
            .transpose()
            .ok()
            .flatten(),
        Some(fs::canonicalize(folder).expect("folder")),
        "{err}"
    );
    assert_eq!(mode(&path), 0o600, "{err}");
    path
}

fn stderr(a: &assert_cmd::assert::Assert) -> String {
    String::from_utf8_lossy(&a.get_output().stderr).into_owned()
}

#[test]
fn piped_text_for_a_journal_in_a_read_only_folder_is_kept_in_the_state_folder_and_said() {
    let u = AsUser::new();
    let db = u.journal("ro", None);
    let folder = db.parent().expect("folder");
    fs::set_permissions(folder, fs::Permissions::from_mode(0o555)).expect("chmod");
    for args in [&["add", "-"][..], &[][..]] {
        let run = u
            .cmd(&db)
            .args(args)
            .write_stdin("written on a read-only disk")
            .assert()
            .code(7);
        let err = stderr(&run);
        assert_eq!(err.trim_end().lines().count(), 1, "{err}");
        let file = kept_in(&err, &u.home().join(".local/state/debrief/rescued"));
        assert_eq!(
            fs::read_to_string(&file).expect("rescue"),
            "written on a read-only disk"
        );
        // `debrief rescued` finds it there.
        let listed = u.cmd(&db).arg("rescued").assert().success();
        let out = String::from_utf8_lossy(&listed.get_output().stdout).into_owned();
        assert!(out.contains(&file.display().to_string()), "{out}");
        fs::remove_file(&file).expect("rm");
    }
    fs::set_permissions(folder, fs::Permissions::from_mode(0o700)).expect("chmod");
}

#[test]
fn a_read_only_journal_is_left_read_only_and_the_text_kept_beside_it() {
    let u = AsUser::new();
    let db = u.journal("data", None);
    fs::set_permissions(&db, fs::Permissions::from_mode(0o444)).expect("chmod");
    let run = u
        .cmd(&db)
        .args(["add", "-"])
        .write_stdin("for a read-only journal")
        .assert()
        .code(7);
    let err = stderr(&run);
    assert!(err.contains("the journal is read-only"), "{err}");
    let file = kept_in(&err, db.parent().expect("folder"));
    assert_eq!(
        fs::read_to_string(file).expect("rescue"),
        "for a read-only journal"
    );
    assert_eq!(mode(&db), 0o444, "the journal's mode was changed");
    // Still read-only the next time: nothing was saved, and it still lists.
    u.cmd(&db)
        .args(["add", "-"])
        .write_stdin("again")
        .assert()
        .code(7);
    let list = u.cmd(&db).args(["list", "--json"]).assert().success();
    let v: serde_json::Value = serde_json::from_slice(&list.get_output().stdout).expect("json");
    assert_eq!(v.as_array().map(Vec::len), Some(1), "{v}");
    // Made writable again, it takes writes: the side files SQLite made meanwhile (read-only,
    // like the journal then) do not keep refusing them.
    fs::set_permissions(&db, fs::Permissions::from_mode(0o600)).expect("chmod");
    u.cmd(&db)
        .args(["add", "writable again"])
        .assert()
        .success();
}

#[test]
fn a_read_only_encrypted_journal_keeps_the_text_encrypted_and_says_where() {
    let u = AsUser::new();
    let key = u.passphrase();
    let db = u.journal("data", Some(&key));
    fs::set_permissions(&db, fs::Permissions::from_mode(0o444)).expect("chmod");
    let run = u
        .cmd(&db)
        .arg("--passphrase-file")
        .arg(&key)
        .args(["add", "-"])
        .write_stdin("a private sentence")
        .assert()
        .code(7);
    let err = stderr(&run);
    assert!(err.contains("the journal is read-only"), "{err}");
    let file = kept_in(&err, db.parent().expect("folder"));
    assert!(file.extension().is_some_and(|e| e == "encrypted"), "{err}");
    let bytes = fs::read(&file).expect("rescue");
    assert!(!String::from_utf8_lossy(&bytes).contains("private sentence"));
    assert_eq!(mode(&db), 0o444, "the journal's mode was changed");
    let shown = u
        .cmd(&db)
        .arg("--passphrase-file")
        .arg(&key)
        .arg("rescued")
        .arg(&file)
        .assert()
        .success();
    assert!(String::from_utf8_lossy(&shown.get_output().stdout).contains("a private sentence"));
}
