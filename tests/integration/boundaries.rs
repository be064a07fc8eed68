//! The shape of the code, checked: the core never knows about the terminal or the front
//! ends; the two front ends never import each other; the README's key table is the keymap.

use std::fs;
use std::path::{Path, PathBuf};

fn rust_files(dir: &Path, out: &mut Vec<PathBuf>) {
    for entry in fs::read_dir(dir).expect("read src") {
        let path = entry.expect("entry").path();
        if path.is_dir() {
            rust_files(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

fn files(names: &[&str]) -> Vec<PathBuf> {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut files = Vec::new();
    for name in names {
        let p = src.join(name);
        if p.is_dir() {
            rust_files(&p, &mut files);
        } else {
            assert!(p.exists(), "{} is gone: update this test", p.display());
            files.push(p);
        }
    }
    files
}

/// Files whose text contains any of `words`.
fn offenders(files: &[PathBuf], words: &[&str]) -> Vec<String> {
    files
        .iter()
        .filter(|f| {
            let text = fs::read_to_string(f).expect("read");
            words.iter().any(|w| text.contains(w))
        })
        .map(|f| f.display().to_string())
        .collect()
}

const CORE: [&str; 21] = [
    "domain",
    "analytics",
    "privacy",
    "review",
    "journal",
    "storage",
    "transfer",
    "present",
    "keys",
    "session.rs",
    "text.rs",
    "paths.rs",
    "clock.rs",
    "error.rs",
    "config.rs",
    "external_editor.rs",
    "rescue.rs",
    "secret.rs",
    "platform.rs",
    "fuzzing.rs",
    "lib.rs",
];

/// The pure modules: values in, values out. They never touch a file, the terminal, the
/// environment or the journal's SQL (their tests may).
const PURE: [&str; 5] = ["analytics", "privacy", "keys", "text.rs", "clock.rs"];

#[test]
fn the_pure_modules_do_no_io_and_know_no_storage() {
    let mut pure = files(&PURE);
    pure.extend(
        files(&["domain"])
            .into_iter()
            .filter(|f| !f.ends_with("tests.rs")),
    );
    let bad = offenders(
        &pure,
        &[
            "std::fs",
            "fs::",
            "std::env",
            "println!",
            "eprintln!",
            "stdin()",
            "stdout()",
            "rusqlite",
            "crate::storage",
            "crate::journal",
            "crate::review",
        ],
    );
    assert!(
        bad.is_empty(),
        "pure modules doing I/O or reaching up: {bad:?}"
    );
}

#[test]
fn the_core_never_mentions_the_terminal_or_a_front_end() {
    let mut core = files(&CORE);
    core.retain(|f| !f.ends_with("lib.rs"));
    assert!(
        core.len() >= 20,
        "expected the core's files, found {core:?}"
    );
    let bad = offenders(
        &core,
        &[
            "ratatui",
            "crossterm",
            "crate::tui",
            "crate::cli",
            "super::tui",
            "super::cli",
        ],
    );
    assert!(
        bad.is_empty(),
        "core files reach into the terminal or a front end: {bad:?}"
    );
}

#[test]
fn the_front_ends_stand_side_by_side() {
    let cli = files(&["cli"]);
    let bad = offenders(&cli, &["crate::tui", "ratatui", "crossterm"]);
    assert!(bad.is_empty(), "the CLI depends on the TUI: {bad:?}");
    let tui = files(&["tui"]);
    let bad = offenders(&tui, &["crate::cli"]);
    assert!(bad.is_empty(), "the TUI depends on the CLI: {bad:?}");
}

#[test]
fn only_the_clock_reads_the_wall_clock() {
    let all = files(&["."]);
    let bad: Vec<String> = offenders(&all, &["Utc::now()", "Local::now()", "chrono::Local"])
        .into_iter()
        .filter(|f| !f.ends_with("clock.rs"))
        .collect();
    assert!(bad.is_empty(), "reads the time outside clock.rs: {bad:?}");
}

#[test]
fn no_source_file_is_longer_than_about_500_lines() {
    let long: Vec<String> = files(&["."])
        .iter()
        .filter_map(|f| {
            let n = fs::read_to_string(f).expect("read").lines().count();
            (n > 560).then(|| format!("{} ({n} lines)", f.display()))
        })
        .collect();
    assert!(long.is_empty(), "split these: {long:?}");
}

/// The README's key table is generated from the keymap; a key added, removed or renamed
/// without updating the README fails here, with the table to paste.
#[test]
fn the_readme_key_table_is_the_keymap() {
    let readme = fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("README.md"))
        .expect("README");
    let table = debrief::keys::Keymap::default().markdown_table();
    assert!(
        readme.contains(&table),
        "README.md's key table is out of date; replace it with:\n\n{table}"
    );
}

/// Where a function starts (`fn` at some indentation) to where its body closes at the same
/// indentation, no function is longer than about 80 lines.
#[test]
fn no_function_is_longer_than_about_80_lines() {
    let mut long = Vec::new();
    for f in files(&["."]) {
        let text = fs::read_to_string(&f).expect("read");
        let lines: Vec<&str> = text.lines().collect();
        for (i, line) in lines.iter().enumerate() {
            let body = line.trim_start();
            let indent = line.len() - body.len();
            let is_fn = ["fn ", "pub fn ", "pub(crate) fn ", "pub(super) fn "]
                .iter()
                .any(|p| body.starts_with(p));
            if !is_fn || line.ends_with(';') {
                continue;
            }
            let end = lines[i + 1..]
                .iter()
                .position(|l| l.len() > indent && l.trim() == "}" && l.len() - 1 == indent)
                .map_or(0, |n| n + 2);
            if end > 85 {
                long.push(format!("{}:{} ({end} lines)", f.display(), i + 1));
            }
        }
    }
    assert!(long.is_empty(), "split these functions: {long:?}");
}
