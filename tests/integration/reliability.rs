//! The ways text could be lost, or a file that is not debrief's touched, each attacked:
//! a busy journal while leaving an editor or quitting, a journal deleted underneath, an entry
//! purged by another process, two windows on one draft, other programs' files (with a `-wal`
//! beside them), loose file modes, pipes and devices given as the journal.

use crate::keying::{Keying, plain_and_encrypted};
use std::fs;
use std::os::unix::fs::PermissionsExt;
use std::time::Duration;

use debrief::domain::*;
use debrief::storage::{Store, StoreOptions};
use ratatui::crossterm::event::KeyCode;

use super::tui::{Harness, TempJournal, clock};

/// Hold the journal's write lock from another connection, as another process would.
fn lock(path: &std::path::Path, keying: Keying) -> rusqlite::Connection {
    let c = keying.raw(path);
    c.execute_batch("BEGIN EXCLUSIVE").expect("lock");
    c
}

/// The texts of the rescue files in `dir` (an encrypted one read with the journal's key),
/// after checking that no rescue file of an encrypted journal is plain text.
fn rescued(dir: &std::path::Path, keying: Keying) -> Vec<String> {
    let mut texts: Vec<String> = fs::read_dir(dir)
        .expect("dir")
        .filter_map(|e| e.ok())
        .filter(|e| {
            e.file_name()
                .to_string_lossy()
                .starts_with(debrief::rescue::PREFIX)
        })
        .map(|e| {
            let path = e.path();
            let encrypted = debrief::rescue::is_encrypted(&path);
            assert_eq!(encrypted, keying == Keying::Encrypted, "{}", path.display());
            debrief::rescue::read(&path, keying.key().as_ref()).expect("read")
        })
        .collect();
    texts.sort();
    texts
}

fn keeping_a_draft_while_the_journal_is_busy_keeps_the_text_in_a_file(keying: Keying) {
    let j = TempJournal::keyed(keying);
    let rescue = j.path.parent().expect("dir").to_path_buf();
    let mut h = Harness::with_rescue(j.open(), (100, 30), &j.path);
    h.key(KeyCode::Char('n'));
    h.chars("Written while another program holds the journal");
    let held = lock(&j.path, keying);
    h.key(KeyCode::Esc);
    h.key(KeyCode::Char('k'));
    assert_eq!(
        h.screen_id(),
        debrief::keys::ScreenId::Timeline,
        "the editor closed"
    );
    assert!(h.screen().contains("the text is safe in"), "{}", h.screen());
    let texts = rescued(&rescue, keying);
    assert_eq!(texts.len(), 1);
    assert!(texts[0].contains("Written while another program holds the journal"));
    drop(held);
}

fn quitting_while_the_journal_is_busy_keeps_the_text_and_says_where(keying: Keying) {
    let j = TempJournal::keyed(keying);
    let rescue = j.path.parent().expect("dir").to_path_buf();
    let mut h = Harness::with_rescue(j.open(), (100, 30), &j.path);
    h.key(KeyCode::Char('n'));
    h.chars("Jaw tight on the way out");
    let held = lock(&j.path, keying);
    // What the event loop does on SIGTERM, SIGHUP or quitting: write every open draft.
    let drafts = h.app.draft_now();
    h.runtime.drain(
        &mut h.app,
        drafts,
        &mut debrief::tui::runtime::Headless,
        h.now,
    );
    drop(held);
    assert_eq!(h.app.exit_notes.len(), 1, "said once the terminal is back");
    assert!(rescued(&rescue, keying)[0].contains("Jaw tight on the way out"));
}

fn a_journal_deleted_underneath_takes_no_writes_and_loses_no_text(keying: Keying) {
    let j = TempJournal::keyed(keying);
    let rescue = j.path.parent().expect("dir").to_path_buf();
    let mut h = Harness::with_rescue(j.open(), (100, 30), &j.path);
    h.key(KeyCode::Char('n'));
    h.chars("Typed before the file vanished");
    fs::remove_file(&j.path).expect("rm");
    h.ctrl('s');
    assert_eq!(
        h.screen_id(),
        debrief::keys::ScreenId::Editor,
        "the text stays open"
    );
    assert!(h.screen().contains("deleted or replaced"), "{}", h.screen());
    h.key(KeyCode::Esc);
    h.key(KeyCode::Char('k'));
    assert!(rescued(&rescue, keying)[0].contains("Typed before the file vanished"));
    assert!(!j.path.exists(), "nothing was written at the path either");
}

fn a_draft_of_an_entry_purged_elsewhere_is_kept_as_a_new_entry(keying: Keying) {
    let mut store = keying.fresh();
    let at = clock().now();
    let id = store
        .add_entry(&EntryContent::text("old"), at, 0, at)
        .expect("add");
    let mut d = Draft::new(Kind::Reflection, None);
    d.entry_id = Some(id);
    d.body = "edited".into();
    store.purge(id).expect("purge");
    store
        .save_draft(None, &d, None, at)
        .expect("kept, not refused");
    let drafts = store.drafts().expect("drafts");
    assert_eq!(drafts[0].entry_id, None);
    assert_eq!(
        drafts[0].draft.as_ref().map(|d| d.body.as_str()),
        Ok("edited")
    );
}

fn two_windows_never_restore_the_same_draft(keying: Keying) {
    let j = TempJournal::keyed(keying);
    {
        let mut h = Harness::new(j.open(), (100, 30));
        h.key(KeyCode::Char('n'));
        h.chars("one draft, two windows");
        h.pause();
    }
    // Two windows of debrief (processes 1 and 2, running); the one that wrote the draft
    // is gone.
    let running = |p: u32| p == 1 || p == 2;
    let mut a = Harness::as_process(j.open(), 1, running);
    let mut b = Harness::as_process(j.open(), 2, running);
    assert!(a.screen().contains("A draft was not saved"));
    assert!(b.screen().contains("A draft was not saved"));
    a.key(KeyCode::Char('r'));
    assert_eq!(a.screen_id(), debrief::keys::ScreenId::Editor);
    b.key(KeyCode::Char('r'));
    assert_eq!(
        b.screen_id(),
        debrief::keys::ScreenId::Timeline,
        "b did not get it"
    );
    assert!(
        b.screen().contains("open in another debrief window"),
        "{}",
        b.screen()
    );
    let c = Harness::as_process(j.open(), 3, running);
    assert!(
        !c.screen().contains("A draft was not saved"),
        "not offered while a runs"
    );
    // Once a's process is gone, the draft is offered again.
    let d = Harness::as_process(j.open(), 4, |p| p == 4);
    assert!(d.screen().contains("A draft was not saved"));
}

fn options(dir: &std::path::Path, keying: Keying) -> StoreOptions {
    StoreOptions {
        key: keying.key(),
        backups: dir.join("backups"),
        busy_timeout: Duration::from_millis(300),
        now: clock().now(),
    }
}

fn another_programs_database_and_its_wal_are_left_byte_for_byte(keying: Keying) {
    let tmp = tempfile::tempdir().expect("tmp");
    let live = tmp.path().join("live.db");
    let conn = rusqlite::Connection::open(&live).expect("sqlite");
    conn.execute_batch(
        "PRAGMA journal_mode = WAL; PRAGMA user_version = 1;
         CREATE TABLE entries (x); CREATE TABLE notes (y); INSERT INTO notes VALUES ('mine');",
    )
    .expect("setup");
    // A copy taken while the other program is running: the main file and its -wal.
    let other = tmp.path().join("other.db");
    fs::copy(&live, &other).expect("copy");
    fs::copy(
        tmp.path().join("live.db-wal"),
        tmp.path().join("other.db-wal"),
    )
    .expect("wal");
    let main_before = fs::read(&other).expect("read");
    let wal_before = fs::read(tmp.path().join("other.db-wal")).expect("read");
    let err = Store::open(&other, &options(tmp.path(), keying)).expect_err("foreign");
    assert!(
        matches!(err, debrief::Error::ForeignDatabase { .. }),
        "{err}"
    );
    assert!(
        fs::read(&other).expect("read") == main_before,
        "main file untouched"
    );
    assert!(
        fs::read(tmp.path().join("other.db-wal")).expect("read") == wal_before,
        "its -wal untouched"
    );
    assert!(!tmp.path().join("other.db-shm").exists(), "no -shm created");
    drop(conn);
}

fn a_journal_readable_by_others_is_made_private_again(keying: Keying) {
    let tmp = tempfile::tempdir().expect("tmp");
    let path = tmp.path().join("j.db");
    drop(Store::open(&path, &options(tmp.path(), keying)).expect("create"));
    fs::set_permissions(&path, fs::Permissions::from_mode(0o644)).expect("chmod");
    let _store = Store::open(&path, &options(tmp.path(), keying)).expect("open");
    let mode = fs::metadata(&path).expect("meta").permissions().mode() & 0o777;
    assert_eq!(mode, 0o600);
}

fn pipes_and_devices_are_refused_at_once(keying: Keying) {
    let tmp = tempfile::tempdir().expect("tmp");
    let fifo = tmp.path().join("fifo");
    let made = std::process::Command::new("mkfifo")
        .arg(&fifo)
        .status()
        .expect("mkfifo");
    assert!(made.success());
    let err = Store::open(&fifo, &options(tmp.path(), keying)).expect_err("a fifo");
    assert!(matches!(err, debrief::Error::NotAFile { .. }), "{err}");
    let null = tmp.path().join("null.db");
    std::os::unix::fs::symlink("/dev/null", &null).expect("symlink");
    let err = Store::open(&null, &options(tmp.path(), keying)).expect_err("a device");
    assert!(matches!(err, debrief::Error::NotAFile { .. }), "{err}");
}

fn a_journal_opened_read_only_can_be_read_but_takes_no_writes(keying: Keying) {
    let tmp = tempfile::tempdir().expect("tmp");
    let path = tmp.path().join("j.db");
    {
        let mut s = Store::open(&path, &options(tmp.path(), keying)).expect("create");
        let at = clock().now();
        s.add_entry(&EntryContent::text("readable"), at, 0, at)
            .expect("add");
    }
    let mut ro = Store::open_read_only(&path, keying.key().as_ref()).expect("read-only");
    let list = ro.list(&EntryFilter::default(), 5).expect("list");
    assert_eq!(list[0].headline, "readable");
    assert_eq!(
        ro.search("readable", false, &EntryFilter::default(), 5)
            .expect("search")
            .len(),
        1
    );
    let at = clock().now();
    assert!(ro.add_entry(&EntryContent::text("no"), at, 0, at).is_err());
    assert!(matches!(
        Store::open_read_only(&tmp.path().join("none.db"), None),
        Err(debrief::Error::NotWritable { .. })
    ));
    assert!(!tmp.path().join("none.db").exists(), "nothing created");
}

fn text_left_in_an_editor_by_a_killed_debrief_is_offered_back(keying: Keying) {
    let j = TempJournal::keyed(keying);
    let editing = debrief::external_editor::editing_dir(&j.path);
    fs::create_dir_all(&editing).expect("dir");
    let left = editing.join("debrief-edit-4242-0.md");
    fs::write(&left, "Typed in vim when the laptop died").expect("write");
    // A debrief whose view of running processes says 4242 is gone.
    let h = {
        let mut rt = debrief::tui::runtime::Runtime::new(j.open(), clock(), Some(&j.path));
        rt.alive = |p| p != 4242;
        let mut app = debrief::tui::app::App::new(
            &debrief::config::Config::default(),
            debrief::keys::Keymap::default(),
            debrief::tui::theme::Theme::plain(),
            clock(),
            "j".into(),
            (100, 30),
        );
        rt.start(
            &mut app,
            &mut debrief::tui::runtime::Headless,
            std::time::Instant::now(),
        );
        app
    };
    assert_eq!(
        h.screen_id(),
        debrief::keys::ScreenId::Draft,
        "offered at start"
    );
    assert!(!left.exists(), "the file went once its text was a draft");
    let drafts = j.open().drafts().expect("drafts");
    assert_eq!(
        drafts[0].draft.as_ref().map(|d| d.body.as_str()),
        Ok("Typed in vim when the laptop died")
    );
}

/// Every byte of the journal's files, to look for text that must be gone.
fn raw_files(path: &std::path::Path) -> Vec<u8> {
    let mut all = Vec::new();
    for suffix in ["", "-wal"] {
        let mut p = path.as_os_str().to_owned();
        p.push(suffix);
        if let Ok(bytes) = fs::read(std::path::PathBuf::from(p)) {
            all.extend(bytes);
        }
    }
    all
}

fn deleting_for_good_erases_the_text_from_the_files(keying: Keying) {
    let tmp = tempfile::tempdir().expect("tmp");
    let path = tmp.path().join("j.db");
    let mut store = Store::open(&path, &options(tmp.path(), keying)).expect("open");
    let at = clock().now();
    for i in 0..50 {
        store
            .add_entry(
                &EntryContent::text(format!("ordinary entry {i}")),
                at,
                0,
                at,
            )
            .expect("add");
    }
    let secret = "zanzibarquokka";
    let mut c = EntryContent::text(format!("the {secret} visit, written out in full"));
    c.common.title = Some(format!("{secret} title"));
    c.common.tags = vec![Tag::parse(secret).expect("tag")];
    let id = store.add_entry(&c, at, 0, at).expect("add");
    store.trash(id, at).expect("trash");
    let needle = secret.as_bytes();
    let found = |hay: &[u8]| hay.windows(needle.len()).any(|w| w == needle);
    // (Encrypted, it is never there in plain.)
    assert_eq!(
        found(&raw_files(&path)),
        keying == Keying::Plain,
        "the text is there before the purge"
    );
    store.purge(id).expect("purge");
    assert!(
        !found(&raw_files(&path)),
        "no copy left in the journal or its -wal"
    );
    drop(store);
    let store = Store::open(&path, &options(tmp.path(), keying)).expect("reopen");
    assert!(store.check_integrity().expect("check").is_empty());
}

/// A writer that waited for the lock while the journal was swapped for another file (as
/// `encrypt` does) must not write into the old one: it would be acknowledged, then gone.
fn a_write_that_waited_while_the_journal_was_swapped_is_refused(keying: Keying) {
    let tmp = tempfile::tempdir().expect("tmp");
    let path = tmp.path().join("j.db");
    let mut options = options(tmp.path(), keying);
    let at = clock().now();
    Store::open(&path, &options)
        .expect("create")
        .add_entry(&EntryContent::text("before"), at, 0, at)
        .expect("add");
    let copy = tmp.path().join("copy.db");
    fs::copy(&path, &copy).expect("copy");
    options.busy_timeout = Duration::from_secs(20);
    let mut writer = Store::open(&path, &options).expect("open");
    let holder = lock(&path, keying);
    let waiting = std::thread::spawn(move || {
        writer.add_entry(&EntryContent::text("written while waiting"), at, 0, at)
    });
    // The writer has passed its first look at the file and waits for the lock.
    std::thread::sleep(Duration::from_millis(300));
    fs::rename(&copy, &path).expect("swap");
    drop(holder);
    let result = waiting.join().expect("thread");
    assert!(
        matches!(result, Err(debrief::Error::JournalGone { .. })),
        "{result:?}"
    );
}

/// A process that starts opening the journal while `encrypt` holds it, and gets it only
/// after the encrypted copy was swapped in, opens the new file, and its entry is kept there.
fn a_journal_swapped_while_another_process_opened_it_is_opened_afresh(keying: Keying) {
    let tmp = tempfile::tempdir().expect("tmp");
    let path = tmp.path().join("j.db");
    let copy = tmp.path().join("copy.db");
    let mut opts = options(tmp.path(), keying);
    let at = clock().now();
    for (file, text) in [(&path, "the old file"), (&copy, "the new file")] {
        Store::open(file, &opts)
            .expect("create")
            .add_entry(&EntryContent::text(text), at, 0, at)
            .expect("add");
    }
    // As encrypt does: the journal to itself, out of WAL mode before it lets go.
    let holder = keying.raw(&path);
    holder
        .execute_batch("PRAGMA locking_mode = EXCLUSIVE; BEGIN EXCLUSIVE; COMMIT;")
        .expect("hold");
    let mode: String = holder
        .query_row("PRAGMA journal_mode = DELETE", [], |r| r.get(0))
        .expect("rollback mode");
    assert_eq!(mode, "delete");
    opts.busy_timeout = Duration::from_secs(20);
    let late = std::thread::spawn(move || {
        let mut store = Store::open(&path, &opts)?;
        store.add_entry(&EntryContent::text("written by the late opener"), at, 0, at)?;
        Ok::<_, debrief::Error>(path)
    });
    // The late opener waits for the journal now.
    std::thread::sleep(Duration::from_millis(300));
    fs::rename(&copy, tmp.path().join("j.db")).expect("swap");
    drop(holder);
    let path = late
        .join()
        .expect("thread")
        .expect("the late opener writes");
    let store = Store::open(&path, &options(tmp.path(), keying)).expect("reopen");
    let found = |q: &str| {
        store
            .search(q, false, &EntryFilter::default(), 5)
            .expect("search")
            .len()
    };
    assert_eq!(
        found("late opener"),
        1,
        "the entry is in the journal now at the path"
    );
    assert_eq!(found("new file"), 1);
    assert_eq!(found("old file"), 0);
}

plain_and_encrypted!(
    a_journal_swapped_while_another_process_opened_it_is_opened_afresh,
    a_write_that_waited_while_the_journal_was_swapped_is_refused,
    keeping_a_draft_while_the_journal_is_busy_keeps_the_text_in_a_file,
    quitting_while_the_journal_is_busy_keeps_the_text_and_says_where,
    a_journal_deleted_underneath_takes_no_writes_and_loses_no_text,
    two_windows_never_restore_the_same_draft,
    text_left_in_an_editor_by_a_killed_debrief_is_offered_back,
    a_draft_of_an_entry_purged_elsewhere_is_kept_as_a_new_entry,
    another_programs_database_and_its_wal_are_left_byte_for_byte,
    a_journal_readable_by_others_is_made_private_again,
    pipes_and_devices_are_refused_at_once,
    a_journal_opened_read_only_can_be_read_but_takes_no_writes,
    deleting_for_good_erases_the_text_from_the_files,
);

/// While this process has the journal open in SQLite (the interface), another open of it in
/// the same process (the daily backup's thread) or a look at its first bytes must not drop
/// SQLite's locks: closing any descriptor of a file drops them all, and then another program
/// closing the journal took it for unused and deleted its -wal, so the interface's later
/// writes went to a deleted file and the journal came out malformed.
#[test]
fn opening_the_journal_again_in_the_same_process_keeps_its_locks() {
    let j = super::cli::Journal::new();
    j.add(&["written first"]);
    let mut held = j.store();
    assert!(locked_by_us(&j.db()), "SQLite holds the journal");
    drop(j.store());
    assert!(!debrief::storage::cipher::looks_encrypted(&j.db()));
    assert!(
        locked_by_us(&j.db()),
        "a second open or a look at the header dropped SQLite's lock on the journal"
    );
    // Another process opens and closes the journal.
    j.run(&["list"]);
    let wal = j.dir.path().join("data").join("journal.db-wal");
    assert!(
        wal.exists(),
        "the -wal was deleted while the journal was held open"
    );
    let now = debrief::clock::Clock::system().now();
    held.add_entry(&EntryContent::text("written while held"), now, 0, now)
        .expect("add");
    let listed = j.run(&["list"]);
    assert!(listed.contains("written while held"), "{listed}");
    drop(held);
    let check = j.run(&["check", "--all"]);
    assert!(!check.contains("malformed"), "{check}");
}

/// Whether this process holds a POSIX lock on the file at `path` (Linux's /proc/locks:
/// "N: POSIX ADVISORY READ PID MAJ:MIN:INODE START END").
fn locked_by_us(path: &std::path::Path) -> bool {
    use std::os::unix::fs::MetadataExt;
    let inode = fs::metadata(path).expect("journal").ino();
    let locks = fs::read_to_string("/proc/locks").expect("/proc/locks");
    let pid = std::process::id().to_string();
    locks.lines().any(|l| {
        let f: Vec<&str> = l.split_whitespace().collect();
        f.len() > 5
            && f[1] == "POSIX"
            && f[4] == pid
            && f[5].rsplit(':').next() == Some(inode.to_string().as_str())
    })
}
