//! Exporting from the interface: a format, a new file's name, and the guard's question when
//! identifiers would leave; nothing is written over, and a refusal writes nothing.

use super::*;

/// Choose `format_key` and give `path` for the file (replacing the name offered).
fn export_to(h: &mut Harness, format_key: char, path: &std::path::Path) {
    h.key(KeyCode::Char('E'));
    assert_eq!(h.screen_id(), ScreenId::Export);
    h.key(KeyCode::Char(format_key));
    assert_eq!(h.screen_id(), ScreenId::Prompt);
    h.ctrl('u');
    h.chars(&path.display().to_string());
    h.key(KeyCode::Enter);
}

#[test]
fn the_journal_is_exported_to_a_new_file_named_in_the_dialog() {
    let dir = tempfile::tempdir().expect("dir");
    let mut h = Harness::new(fixture(), (100, 30));
    h.key(KeyCode::Char('E'));
    let s = h.screen();
    assert!(s.contains("Export every entry, the trash included"), "{s}");
    assert!(s.contains("j  JSON bundle"), "{s}");
    assert!(
        !s.contains("export them as written"),
        "answers only after a refusal: {s}"
    );
    h.key(KeyCode::Char('j'));
    assert!(
        h.screen().contains("debrief-2026-11-22.json"),
        "{}",
        h.screen()
    );
    h.key(KeyCode::Esc);
    h.key(KeyCode::Esc);
    assert_eq!(h.screen_id(), ScreenId::Timeline);

    let path = dir.path().join("journal.json");
    export_to(&mut h, 'j', &path);
    assert_eq!(h.screen_id(), ScreenId::Timeline);
    assert!(
        h.screen().contains("Exported 3 entries to"),
        "{}",
        h.screen()
    );
    let bundle: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&path).expect("file")).expect("json");
    assert_eq!(bundle["entries"].as_array().map(Vec::len), Some(3));

    // Never over a file: the export is refused and the file is as it was.
    let before = std::fs::read(&path).expect("file");
    export_to(&mut h, 'c', &path);
    assert!(h.screen().contains("already exists"), "{}", h.screen());
    assert_eq!(h.screen_id(), ScreenId::Export, "choose again");
    assert_eq!(std::fs::read(&path).expect("file"), before);
}

#[test]
fn identifiers_stop_an_export_until_replaced_or_allowed() {
    let dir = tempfile::tempdir().expect("dir");
    let mut store = fixture();
    store
        .add_entry(
            &EntryContent::text("NHS 943 476 5919 came up."),
            at(22, 9, 0),
            3600,
            at(22, 9, 0),
        )
        .expect("add");
    let mut h = Harness::new(store, (100, 30));
    let path = dir.path().join("out.md");
    export_to(&mut h, 'm', &path);
    let s = h.screen();
    assert!(
        s.contains("Not exported: 1 high-severity identifier (#4 body: NHS")
            && s.contains("│number)."),
        "{s}"
    );
    assert!(s.contains("r  replace identifiers") && s.contains("a  export them as written"));
    assert!(!path.exists(), "nothing written");
    h.key(KeyCode::Char('r'));
    assert!(
        h.screen().contains("Exported 4 entries to")
            && h.screen().contains("(2 identifiers replaced)"),
        "{}",
        h.screen()
    );
    let text = std::fs::read_to_string(&path).expect("file");
    assert!(
        text.contains("NHS [NHS number] came up.") && !text.contains("5919"),
        "{text}"
    );

    let folder = dir.path().join("each/");
    export_to(&mut h, 'm', &folder);
    h.key(KeyCode::Char('a'));
    assert!(h.screen().contains("a file each"), "{}", h.screen());
    let files = std::fs::read_dir(&folder).expect("folder").count();
    assert_eq!(files, 4);
}
