use std::fs;
use std::io::Write;

use super::*;

fn names(dir: &Path) -> Vec<String> {
    let mut v: Vec<String> = fs::read_dir(dir)
        .expect("dir")
        .map(|e| e.expect("entry").file_name().to_string_lossy().into_owned())
        .collect();
    v.sort();
    v
}

#[test]
fn a_file_appears_only_when_committed_and_never_over_another() {
    let dir = tempfile::tempdir().expect("dir");
    let dest = dir.path().join("out.json");
    let mut new = NewFile::create(&dest).expect("create");
    new.write_all(b"half").expect("write");
    assert!(!dest.exists(), "nothing under the final name while writing");
    drop(new);
    assert!(
        names(dir.path()).is_empty(),
        "an unfinished file is removed"
    );

    let mut new = NewFile::create(&dest).expect("create");
    new.write_all(b"whole").expect("write");
    // Someone takes the name meanwhile: theirs stays, ours goes.
    fs::write(&dest, "theirs").expect("theirs");
    let err = new.commit().expect_err("name taken");
    assert!(err.to_string().contains("already exists"), "{err}");
    assert_eq!(fs::read_to_string(&dest).expect("read"), "theirs");
    assert_eq!(names(dir.path()), ["out.json"]);
    fs::remove_file(&dest).expect("rm");

    write_whole(&dest, b"whole").expect("write");
    assert_eq!(fs::read_to_string(&dest).expect("read"), "whole");
    assert!(
        NewFile::create(&dest).is_err(),
        "an existing file is refused"
    );
}

#[test]
fn the_no_replace_rename_replaces_neither_a_file_nor_an_empty_folder() {
    let dir = tempfile::tempdir().expect("dir");
    let (a, b) = (dir.path().join("a"), dir.path().join("b"));
    fs::write(&a, "a").expect("a");
    fs::write(&b, "b").expect("b");
    let e = rename_no_replace(&a, &b).expect_err("refused");
    assert_eq!(e.kind(), ErrorKind::AlreadyExists);
    assert_eq!(fs::read_to_string(&b).expect("b"), "b");
    let (da, db) = (dir.path().join("da"), dir.path().join("db"));
    fs::create_dir(&da).expect("da");
    fs::create_dir(&db).expect("db");
    let e = rename_no_replace(&da, &db).expect_err("refused");
    assert_eq!(e.kind(), ErrorKind::AlreadyExists);
    rename_no_replace(&a, &dir.path().join("c")).expect("a free name");
    assert!(!a.exists());
}

#[test]
fn a_new_folder_appears_whole_or_not_at_all() {
    let dir = tempfile::tempdir().expect("dir");
    let dest = dir.path().join("md");
    let mut folder = NewFolder::create(&dest).expect("create");
    folder.add("1.md", b"one").expect("add");
    assert!(!dest.exists(), "nothing under the final name while writing");
    drop(folder);
    assert!(
        names(dir.path()).is_empty(),
        "an unfinished folder is removed"
    );

    let mut folder = NewFolder::create(&dest).expect("create");
    folder.add("1.md", b"one").expect("add");
    folder.add("2.md", b"two").expect("add");
    folder.commit().expect("commit");
    assert_eq!(names(&dest), ["1.md", "2.md"]);
    assert_eq!(names(dir.path()), ["md"]);
}

#[test]
fn into_an_existing_folder_files_are_moved_in_and_taken_out_again_if_one_is_taken() {
    let dir = tempfile::tempdir().expect("dir");
    let dest = dir.path().to_path_buf();
    fs::write(dest.join("mine.txt"), "keep").expect("mine");
    let mut folder = NewFolder::create(&dest).expect("create");
    folder.add("1.md", b"one").expect("add");
    folder.add("2.md", b"two").expect("add");
    // 2.md appears meanwhile: 1.md, moved in first, is taken out again; 2.md is theirs.
    fs::write(dest.join("2.md"), "theirs").expect("theirs");
    let err = folder.commit().expect_err("taken");
    assert!(err.to_string().contains("2.md already exists"), "{err}");
    assert_eq!(names(&dest), ["2.md", "mine.txt"]);
    assert_eq!(
        fs::read_to_string(dest.join("2.md")).expect("read"),
        "theirs"
    );
    fs::remove_file(dest.join("2.md")).expect("rm");

    let mut folder = NewFolder::create(&dest).expect("create");
    folder.add("1.md", b"one").expect("add");
    folder.commit().expect("commit");
    assert_eq!(names(&dest), ["1.md", "mine.txt"]);
}
