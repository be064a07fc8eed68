//! The core (domain, storage, transfer and the small shared modules) must not know about the
//! terminal: no ratatui, no crossterm. Only `src/tui` and `src/cli` may draw or print.

use std::fs;
use std::path::Path;

fn rust_files(dir: &Path, out: &mut Vec<std::path::PathBuf>) {
    for entry in fs::read_dir(dir).expect("read src") {
        let path = entry.expect("entry").path();
        if path.is_dir() {
            rust_files(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

#[test]
fn core_modules_never_mention_the_terminal() {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let core = [
        "domain",
        "storage",
        "transfer",
        "text.rs",
        "paths.rs",
        "clock.rs",
        "error.rs",
        "config.rs",
    ];
    let mut files = Vec::new();
    for name in core {
        let p = src.join(name);
        if p.is_dir() {
            rust_files(&p, &mut files);
        } else if p.exists() {
            files.push(p);
        }
    }
    assert!(
        files.len() >= 10,
        "expected the core's files, found {files:?}"
    );
    let offenders: Vec<String> = files
        .iter()
        .filter(|f| {
            let text = fs::read_to_string(f).expect("read");
            text.contains("ratatui") || text.contains("crossterm")
        })
        .map(|f| f.display().to_string())
        .collect();
    assert!(
        offenders.is_empty(),
        "core files mention the terminal: {offenders:?}"
    );
}

/// The README's key table is written by hand; every action's help words must appear in it,
/// so a key added to a screen without documentation fails here.
#[test]
fn the_readme_documents_every_key_action() {
    use debrief::tui::keymap::{Keymap, ScreenId};
    let readme = fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("README.md"))
        .expect("README");
    let map = Keymap::default();
    let mut missing = Vec::new();
    for screen in ScreenId::ALL {
        for b in map.bindings(screen) {
            let words = b.help.replace("$EDITOR", "\\$EDITOR");
            if !readme.contains(b.help) && !readme.contains(&words) {
                missing.push(format!("{}: {}", screen.name(), b.help));
            }
        }
    }
    assert!(missing.is_empty(), "README key table lacks: {missing:?}");
}
