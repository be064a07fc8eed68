//! Whole tasks, as a person does them: write, find, edit, trash and restore; leave with
//! unsaved changes; get a draft back after a crash; guided reflections; paging; settings.

use super::*;
use crate::keying::{Keying, plain_and_encrypted};

#[test]
fn write_save_search_edit_trash_restore() {
    let mut h = Harness::new(Store::open_in_memory().expect("store"), (100, 30));
    assert!(h.screen().contains("Welcome to debrief"));

    // Write a reflection with a title, a tag and a stress rating.
    h.key(KeyCode::Char('n'));
    assert_eq!(h.screen_id(), ScreenId::Editor);
    h.chars("The visit was tense but I held the boundary.");
    h.key(KeyCode::Tab); // -> title
    h.chars("Tuesday visit");
    h.key(KeyCode::Tab); // -> when
    h.key(KeyCode::Tab); // -> tags
    h.chars("home-visit");
    h.key(KeyCode::Tab); // -> stress
    h.chars("6");
    h.ctrl('s');
    assert_eq!(h.screen_id(), ScreenId::Reader, "saving shows the entry");
    let s = h.screen();
    assert!(
        s.contains("Tuesday visit") && s.contains("held the boundary"),
        "{s}"
    );
    assert!(
        s.contains("#home-visit") && s.contains("Saved as entry 1."),
        "{s}"
    );
    let saved = h.live();
    assert_eq!(saved.len(), 1);
    assert_eq!(saved[0].stress.map(Rating::value), Some(6));
    assert!(
        h.store().drafts().expect("drafts").is_empty(),
        "no draft left"
    );

    // Find it by search (prefix as you type).
    h.key(KeyCode::Esc);
    assert_eq!(h.screen_id(), ScreenId::Timeline);
    h.key(KeyCode::Char('/'));
    h.chars("bound");
    assert!(h.screen().contains("1 result"), "{}", h.screen());
    h.chars(" kind:checkin");
    assert!(
        h.screen().contains("No entries match."),
        "filters combine with words"
    );
    for _ in 0..13 {
        h.key(KeyCode::Backspace);
    }
    assert!(h.screen().contains("Tuesday visit"));

    // Open and edit it: typing goes on at the end of the text.
    h.key(KeyCode::Enter);
    assert_eq!(h.screen_id(), ScreenId::Reader);
    h.key(KeyCode::Char('e'));
    h.chars(" Next time: ask for a co-worker.");
    h.ctrl('s');
    assert_eq!(
        h.screen_id(),
        ScreenId::Reader,
        "back to the entry, now changed"
    );
    assert!(
        h.screen().contains("ask for a co-worker."),
        "{}",
        h.screen()
    );
    let entry = h.store().get(saved[0].id).expect("get");
    assert_eq!(
        entry.content.common.body,
        "The visit was tense but I held the boundary. Next time: ask for a co-worker."
    );
    assert_eq!(entry.content.common.title.as_deref(), Some("Tuesday visit"));

    // Trash it from the reader, see it in the trash, restore it.
    h.key(KeyCode::Char('d'));
    assert!(h.live().is_empty());
    assert_eq!(h.screen_id(), ScreenId::Search, "the reader closes");
    assert!(
        !h.screen().contains("Tuesday visit"),
        "and the result is gone"
    );
    h.key(KeyCode::Esc);
    assert_eq!(h.screen_id(), ScreenId::Timeline);
    h.key(KeyCode::Char('t'));
    assert!(h.screen().contains("Tuesday visit"), "{}", h.screen());
    h.key(KeyCode::Char('r'));
    assert_eq!(h.live().len(), 1);
    assert!(h.screen().contains("The trash is empty."));
    h.key(KeyCode::Esc);
    assert!(h.screen().contains("Tuesday visit"));
}

#[test]
fn leaving_an_edited_entry_asks_and_each_answer_does_what_it_says() {
    let mut h = Harness::new(Store::open_in_memory().expect("store"), (100, 30));
    h.key(KeyCode::Char('n'));
    h.chars("half a thought");
    h.key(KeyCode::Esc);
    assert!(h.screen().contains("Unsaved changes"));
    h.key(KeyCode::Esc);
    assert_eq!(h.screen_id(), ScreenId::Editor, "Esc goes back to writing");

    h.key(KeyCode::Esc);
    h.key(KeyCode::Char('k'));
    assert_eq!(h.screen_id(), ScreenId::Timeline);
    assert!(h.screen().contains("Kept as a draft"));
    assert_eq!(
        h.store().drafts().expect("drafts").len(),
        1,
        "kept as a draft"
    );
    assert!(h.live().is_empty());

    h.key(KeyCode::Char('n'));
    h.chars("throw away");
    h.key(KeyCode::Esc);
    h.key(KeyCode::Char('x'));
    assert_eq!(h.store().drafts().expect("drafts").len(), 1, "nothing new");

    h.key(KeyCode::Char('n'));
    h.chars("keep this one");
    h.key(KeyCode::Esc);
    h.key(KeyCode::Char('s'));
    assert_eq!(h.live().len(), 1);

    h.key(KeyCode::Esc);
    h.key(KeyCode::Char('n'));
    h.chars("then quit");
    h.ctrl('c');
    assert!(h.screen().contains("Unsaved changes"), "quitting asks too");
    h.key(KeyCode::Char('k'));
    assert!(h.app.quit, "and quits once the draft is kept");
    assert_eq!(h.store().drafts().expect("drafts").len(), 2);
}

fn a_draft_left_by_an_interrupted_session_is_offered_and_restored(keying: Keying) {
    let journal = TempJournal::keyed(keying);
    {
        let mut h = Harness::new(journal.open(), (100, 30));
        h.key(KeyCode::Char('n'));
        h.chars("Shoulders up by my ears after the call");
        h.pause();
        assert_eq!(
            h.store().drafts().expect("drafts").len(),
            1,
            "written after a pause"
        );
        // Dropped here: no save, no quit dialog, as after kill -9.
    }
    // Encrypted, the draft is nowhere in plain.
    keying.holds_no(
        journal.path.parent().expect("dir"),
        &["Shoulders up by my ears"],
    );
    let mut h = Harness::new(journal.open(), (100, 30));
    assert!(h.screen().contains("A draft was not saved"));
    h.key(KeyCode::Char('r'));
    assert_eq!(h.screen_id(), ScreenId::Editor);
    assert!(
        h.screen()
            .contains("Shoulders up by my ears after the call")
    );
    assert!(h.screen().contains("New reflection"));
    h.chars(" and the jaw");
    h.ctrl('s');
    let list = h.live();
    assert_eq!(list.len(), 1);
    assert_eq!(list[0].kind, Kind::Reflection);
    assert_eq!(
        list[0].headline,
        "Shoulders up by my ears after the call and the jaw"
    );
    assert!(
        h.store().drafts().expect("drafts").is_empty(),
        "gone once saved"
    );
}

#[test]
fn a_guided_reflection_is_written_stage_by_stage() {
    let config = Config {
        default_template: "driscoll".into(),
        ..Config::default()
    };
    let mut h = Harness::with_config(Store::open_in_memory().expect("store"), (100, 30), &config);
    h.key(KeyCode::Char('n'));
    let s = h.screen();
    assert!(
        s.contains("What did you see and do"),
        "the prompt is shown: {s}"
    );
    h.chars("We met at the door.");
    h.key(KeyCode::Tab);
    assert!(
        h.screen().contains("How did you feel then"),
        "{}",
        h.screen()
    );
    h.key(KeyCode::Tab);
    h.chars("Ask for a co-worker.");
    h.ctrl('s');
    let id = h.live()[0].id;
    let e = h.store().get(id).expect("get");
    match &e.content.details {
        Details::Reflection(g) => {
            assert_eq!(g.answer("what"), Some("We met at the door."));
            assert_eq!(g.answer("now_what"), Some("Ask for a co-worker."));
            assert_eq!(g.answers.len(), 2, "an empty stage is not saved");
        }
        other => panic!("{other:?}"),
    }
    let s = h.screen();
    assert!(
        s.contains("Now what?") && s.contains("Ask for a co-worker."),
        "{s}"
    );
    assert!(
        !s.contains("What will you change"),
        "prompts are guidance, never text: {s}"
    );
}

#[test]
fn paste_goes_into_the_text_in_one_piece() {
    let mut h = Harness::new(Store::open_in_memory().expect("store"), (100, 30));
    h.key(KeyCode::Char('n'));
    h.event(Event::Paste("line one\r\nline two — ünïcode 🙂".into()));
    h.ctrl('s');
    let id = h.live()[0].id;
    let body = h.store().get(id).expect("get").content.common.body;
    assert_eq!(body, "line one\nline two — ünïcode 🙂");
}

#[test]
fn resizing_redraws_at_the_new_size() {
    let mut h = Harness::new(fixture(), (80, 24));
    h.event(Event::Resize(120, 40));
    assert_eq!(h.app.ctx.size, (120, 40));
    assert_eq!(h.screen().lines().count(), 40);
    h.event(Event::Resize(30, 8));
    let text = h.screen().split_whitespace().collect::<Vec<_>>().join(" ");
    assert!(text.contains("at least 60×16"), "{text}");
}

#[test]
fn key_overrides_from_the_config_drive_keys_and_hints() {
    let mut config = Config::default();
    config.keys.insert("timeline.new".into(), "w".into());
    config.keys.insert("leave.keep-draft".into(), "K".into());
    let mut h = Harness::with_config(Store::open_in_memory().expect("store"), (100, 30), &config);
    assert!(h.screen().contains("w new reflection"), "{}", h.screen());
    h.key(KeyCode::Char('n'));
    assert_eq!(
        h.screen_id(),
        ScreenId::Timeline,
        "the old key no longer acts"
    );
    h.key(KeyCode::Char('w'));
    assert_eq!(h.screen_id(), ScreenId::Editor);
    h.chars("x");
    h.key(KeyCode::Esc);
    assert!(
        h.screen().contains("K keep as a draft"),
        "dialog keys follow the settings"
    );
    h.key(KeyCode::Char('K'));
    assert_eq!(h.screen_id(), ScreenId::Timeline);
}

#[test]
fn undo_and_redo_in_the_text() {
    let mut h = Harness::new(Store::open_in_memory().expect("store"), (100, 30));
    h.key(KeyCode::Char('n'));
    h.chars("held the boundary");
    let body = |h: &Harness| match h.app.stack.last() {
        Some(Screen::Form(f)) => f.snapshot().body,
        other => panic!("{other:?}"),
    };
    h.ctrl('z');
    assert_eq!(body(&h), "held the ", "a word at a time");
    h.ctrl('y');
    assert_eq!(body(&h), "held the boundary");
}

#[test]
fn the_mouse_wheel_moves_the_selection() {
    let mut h = Harness::new(many(10), (80, 24));
    h.event(Event::Mouse(ratatui::crossterm::event::MouseEvent {
        kind: ratatui::crossterm::event::MouseEventKind::ScrollDown,
        column: 0,
        row: 5,
        modifiers: KeyModifiers::NONE,
    }));
    assert_eq!(h.timeline().selected, 1);
}

#[test]
fn entries_written_by_another_debrief_appear_while_the_timeline_is_open() {
    let j = TempJournal::new();
    let mut h = Harness::new(j.open(), (100, 30));
    h.pause();
    assert!(h.screen().contains("Welcome to debrief"));
    let mut cli = j.open();
    let at = clock().now();
    cli.add_entry(
        &EntryContent::text("written from the command line"),
        at,
        0,
        at,
    )
    .expect("add");
    h.pause();
    assert!(
        h.screen().contains("written from the command line"),
        "{}",
        h.screen()
    );
}

#[test]
fn the_form_dates_an_entry_and_refuses_the_future() {
    let mut h = Harness::new(Store::open_in_memory().expect("store"), (100, 30));
    h.key(KeyCode::Char('n'));
    h.chars("after the Friday visit");
    h.key(KeyCode::Tab); // -> title
    h.key(KeyCode::Tab); // -> when
    h.chars("next friday");
    h.ctrl('s');
    assert_eq!(h.screen_id(), ScreenId::Editor, "not saved");
    assert!(h.screen().contains("in the future"), "{}", h.screen());
    for _ in 0.."next friday".len() {
        h.key(KeyCode::Backspace);
    }
    h.chars("friday 16:00");
    h.ctrl('s');
    let e = h.live()[0].clone();
    assert_eq!(
        e.created.format("%a %d %H:%M").to_string(),
        "Fri 20 16:00",
        "the last Friday, 16:00 on the clock's wall"
    );
    // Editing it shows when it was written and keeps it unless changed.
    h.key(KeyCode::Char('e'));
    assert!(
        h.screen().contains("Fri 20 Nov 2026 16:00"),
        "{}",
        h.screen()
    );
    h.chars(" more");
    h.ctrl('s');
    assert_eq!(h.store().get(e.id).expect("get").meta.created, e.created);
}

#[test]
fn hints_offer_only_what_can_be_done() {
    let empty = Harness::new(Store::open_in_memory().expect("store"), (100, 30));
    let last = |h: &Harness| h.screen().lines().last().unwrap_or("").to_string();
    assert!(!last(&empty).contains("Enter read"), "{}", last(&empty));
    let mut h = Harness::new(fixture(), (100, 30));
    assert!(last(&h).contains("Enter read"));
    h.key(KeyCode::Char('d'));
    h.key(KeyCode::Char('t'));
    h.key(KeyCode::Enter);
    let hints = last(&h);
    assert!(
        hints.contains("r restore") && !hints.contains("to trash"),
        "{hints}"
    );
    let starred = h
        .store()
        .get(EntryId(3))
        .expect("get")
        .content
        .common
        .flags
        .starred;
    h.key(KeyCode::Char('s'));
    assert!(h.screen().contains("r restores it first"), "{}", h.screen());
    assert_eq!(
        h.store()
            .get(EntryId(3))
            .expect("get")
            .content
            .common
            .flags
            .starred,
        starred,
        "an entry in the trash is not starred"
    );
}

/// Search showed the best 200 results and no way to see more: reaching the last result
/// loads the next page, keeping the place, until every match is shown.
#[test]
fn search_loads_more_results_as_you_scroll() {
    let mut h = Harness::new(many(450), (80, 24));
    h.key(KeyCode::Char('/'));
    h.chars("entry");
    let s = h.screen();
    assert!(
        s.contains("200 results so far: more load as you scroll down"),
        "{s}"
    );
    let mut presses = 0;
    while !h.screen().contains("450 results") {
        h.key(KeyCode::PageDown);
        presses += 1;
        assert!(presses < 200, "never loaded the rest:\n{}", h.screen());
    }
    let s = h.screen();
    assert!(
        !s.contains("so far"),
        "all 450 are shown, nothing more to load:\n{s}"
    );
    let selected = s.lines().find(|l| l.contains('›') && l.contains("entry"));
    assert!(
        selected.is_some_and(|l| !l.contains("entry 449")),
        "the place is kept, not reset to the top:\n{s}"
    );
    let selected_is_oldest = |s: &str| {
        s.lines()
            .any(|l| l.contains('›') && l.trim_end().ends_with("entry 0"))
    };
    while !selected_is_oldest(&h.screen()) {
        h.key(KeyCode::PageDown);
        presses += 1;
        assert!(
            presses < 400,
            "the oldest match is reachable:\n{}",
            h.screen()
        );
    }
}

#[test]
fn deleting_for_good_makes_a_copy_first_unless_x_says_no_copy() {
    let dir = tempfile::tempdir().expect("dir");
    let mut h = Harness::new(fixture(), (100, 30));
    h.runtime.backups = Some((dir.path().to_path_buf(), 7));
    let copies = || {
        std::fs::read_dir(dir.path())
            .map(|d| d.count())
            .unwrap_or(0)
    };
    // Two entries to the trash, then the trash.
    h.key(KeyCode::Char('d'));
    h.key(KeyCode::Char('d'));
    h.key(KeyCode::Char('t'));
    h.key(KeyCode::Char('P'));
    let s = h.screen();
    assert!(s.contains("A copy of the journal is made first"), "{s}");
    assert!(s.contains("x  delete it and keep no copy"), "{s}");
    h.key(KeyCode::Char('y'));
    assert!(
        h.screen()
            .contains("a copy of the journal from just before"),
        "{}",
        h.screen()
    );
    assert_eq!(copies(), 1);
    assert_eq!(h.store().count_entries().expect("count"), 2);

    h.key(KeyCode::Char('P'));
    h.key(KeyCode::Char('x'));
    assert!(h.screen().contains("no copy was made"), "{}", h.screen());
    assert_eq!(copies(), 1, "no second copy");
    assert_eq!(h.store().count_entries().expect("count"), 1);

    // A copy that cannot be made stops the deletion, and says how to go on.
    h.key(KeyCode::Esc);
    h.key(KeyCode::Char('d'));
    h.key(KeyCode::Char('t'));
    h.runtime.backups = Some((dir.path().join("a-file").join("below"), 7));
    std::fs::write(dir.path().join("a-file"), "not a folder").expect("file");
    h.key(KeyCode::Char('P'));
    h.key(KeyCode::Char('y'));
    assert!(h.screen().contains("nothing was deleted"), "{}", h.screen());
    assert_eq!(h.store().count_entries().expect("count"), 1);
}

plain_and_encrypted!(a_draft_left_by_an_interrupted_session_is_offered_and_restored);
