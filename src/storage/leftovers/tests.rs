use std::io::{Read, Seek, Write};

use super::*;
use crate::storage::workfile::WorkFile;

/// A journal file with some bytes, in a new folder.
fn journal() -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().expect("dir");
    let j = dir.path().join("j.db");
    std::fs::write(&j, "the journal's own bytes").expect("journal");
    (dir, j)
}

/// A working file holding `text`, written down in `record`.
fn leftover(record: &mut Record, j: &Path, text: &str) -> WorkFile {
    let mut w = WorkFile::create(j).expect("working file");
    record.note(&w.token, w.id).expect("note");
    w.file.write_all(text.as_bytes()).expect("write");
    w
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
fn what_a_killed_run_recorded_is_wiped_and_nothing_else() {
    let (dir, j) = journal();
    let mut record = Record::begin(&j, "decrypt").expect("record");
    let w = leftover(&mut record, &j, "plain words of the copy");
    // Held open to look at the bytes once the name is gone.
    let mut seen = std::fs::File::open(&w.path).expect("open");
    // The old journal's second name, as made just before a swap.
    let token = workfile::token().expect("token");
    let second = workfile::working_name(&j, &token);
    record
        .note(&token, FileId::of(&j).expect("id"))
        .expect("note");
    std::fs::hard_link(&j, &second).expect("link");
    // Named like a working file, but in no record.
    let stranger = workfile::working_name(&j, &workfile::token().expect("token"));
    std::fs::write(&stranger, "someone else's").expect("write");
    // In the record, but another file is there now.
    let token = workfile::token().expect("token");
    let replaced = workfile::working_name(&j, &token);
    record
        .note(&token, FileId::of(&j).expect("id"))
        .expect("note");
    std::fs::write(&replaced, "put there later").expect("write");
    // Killed: the process ends, its descriptors (and the record's lock) with it.
    drop((record, w));

    let t = tidy(&j);
    assert_eq!(t.removed.len(), 2, "{t:?}");
    assert!(t.removed[0].contains("(overwritten first)"), "{t:?}");
    assert!(t.removed[1].contains("second name of the journal"), "{t:?}");
    assert!(t.not_removed.is_empty(), "{t:?}");
    let mut bytes = Vec::new();
    seen.rewind().expect("rewind");
    seen.read_to_end(&mut bytes).expect("read");
    assert!(
        !bytes.is_empty() && bytes.iter().all(|b| *b == 0),
        "{bytes:?}"
    );
    assert_eq!(std::fs::read(&j).expect("j"), b"the journal's own bytes");
    assert_eq!(std::fs::read(&stranger).expect("s"), b"someone else's");
    assert_eq!(std::fs::read(&replaced).expect("r"), b"put there later");
    assert_eq!(t.left_alone.len(), 2, "{t:?}");
    // The record went with what it listed.
    let mut expected = vec![
        "j.db".to_string(),
        replaced
            .file_name()
            .expect("n")
            .to_string_lossy()
            .into_owned(),
        stranger
            .file_name()
            .expect("n")
            .to_string_lossy()
            .into_owned(),
    ];
    expected.sort();
    assert_eq!(names(dir.path()), expected);
    // Nothing more the next time.
    let again = tidy(&j);
    assert!(again.removed.is_empty() && again.not_removed.is_empty());
}

#[test]
fn a_running_operations_files_are_left_alone() {
    let (dir, j) = journal();
    let mut record = Record::begin(&j, "encrypt").expect("record");
    let w = leftover(&mut record, &j, "a copy being written");
    let t = tidy(&j);
    assert_eq!(t, Tidied::default());
    assert!(w.still_named());
    assert_eq!(names(dir.path()).len(), 3);
    drop(w);
    record.finish();
}

#[cfg(unix)]
#[test]
fn a_leftover_with_other_links_is_unlinked_not_overwritten() {
    let (dir, j) = journal();
    let mut record = Record::begin(&j, "decrypt").expect("record");
    let w = leftover(&mut record, &j, "linked words");
    let elsewhere = dir.path().join("elsewhere");
    std::fs::hard_link(&w.path, &elsewhere).expect("link");
    let path = w.path.clone();
    drop((record, w));
    let t = tidy(&j);
    assert!(
        t.removed.len() == 1 && t.removed[0].contains("1 other hard link"),
        "{t:?}"
    );
    assert!(!path.exists());
    assert_eq!(std::fs::read(&elsewhere).expect("read"), b"linked words");
}

#[cfg(unix)]
#[test]
fn a_symlink_where_a_leftover_was_is_not_followed() {
    let (dir, j) = journal();
    let target = dir.path().join("target");
    std::fs::write(&target, "the link's target").expect("write");
    let mut record = Record::begin(&j, "encrypt").expect("record");
    let token = workfile::token().expect("token");
    // Even a record naming the target's own identity does not reach it through a link.
    record
        .note(&token, FileId::of(&target).expect("id"))
        .expect("note");
    let link = workfile::working_name(&j, &token);
    std::os::unix::fs::symlink(&target, &link).expect("symlink");
    drop(record);
    let t = tidy(&j);
    assert!(t.removed.is_empty(), "{t:?}");
    assert_eq!(std::fs::read(&target).expect("t"), b"the link's target");
    assert!(link.is_symlink());
}

#[test]
fn a_file_that_is_not_a_record_of_debriefs_is_not_read_as_one() {
    let (dir, j) = journal();
    let mut record = Record::begin(&j, "encrypt").expect("record");
    let w = leftover(&mut record, &j, "words");
    let path = w.path.clone();
    drop((record, w));
    // The record's first line changed: it is not trusted, and so its files are not touched.
    for entry in std::fs::read_dir(dir.path()).expect("dir").flatten() {
        let p = entry.path();
        if p.to_string_lossy().ends_with(RECORD) {
            let text = std::fs::read_to_string(&p).expect("read");
            std::fs::write(&p, text.replace(HEADER, "something else")).expect("write");
        }
    }
    let t = tidy(&j);
    assert!(t.removed.is_empty(), "{t:?}");
    assert_eq!(std::fs::read(&path).expect("w"), b"words");
    assert_eq!(t.left_alone.len(), 2, "{t:?}");
}

#[test]
fn a_record_killed_while_it_was_begun_is_removed_and_nothing_like_it() {
    let (dir, j) = journal();
    let begun = workfile::beside(&j, "0123456789ab.part");
    std::fs::write(&begun, format!("{HEADER}\nopera")).expect("write");
    let other = workfile::beside(&j, "ba9876543210.part");
    std::fs::write(&other, "another program's words").expect("write");
    let t = tidy(&j);
    assert!(
        t.removed.len() == 1 && t.removed[0].contains("held no journal text"),
        "{t:?}"
    );
    assert!(!begun.exists());
    assert_eq!(t.left_alone, [other]);
    assert_eq!(names(dir.path()).len(), 2);
}
