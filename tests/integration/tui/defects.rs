//! The defects of the old interface, each with the test that failed before its fix
//! (numbers as in the reshape issue).

use super::*;

/// 1. Saving just as a draft write falls due left a stale draft behind.
#[test]
fn saving_as_a_draft_falls_due_leaves_no_draft() {
    let mut h = Harness::new(Store::open_in_memory().expect("store"), (100, 30));
    h.key(KeyCode::Char('n'));
    h.chars("typed, then saved at once");
    // Typing paused long enough for a draft, and Ctrl-S arrives in the same turn.
    h.now += Duration::from_secs(2);
    h.batch(vec![Event::Key(KeyEvent::new(
        KeyCode::Char('s'),
        KeyModifiers::CONTROL,
    ))]);
    assert_eq!(h.live().len(), 1);
    assert!(
        h.store().drafts().expect("drafts").is_empty(),
        "no draft offered next time for text that was saved"
    );
}

/// 2. After a change deep in a long timeline the list reloaded its first page and lost the
///    place; the end of the journal must be reachable; no action is swallowed.
#[test]
fn changes_deep_in_a_long_timeline_keep_the_place() {
    let mut h = Harness::new(many(2_000), (80, 24));
    for _ in 0..21 {
        h.key(KeyCode::PageDown);
    }
    let before = h.timeline().selected_entry().expect("selected").clone();
    let top = h.timeline().top;
    h.key(KeyCode::Char('s'));
    let after = h.timeline().selected_entry().expect("selected").clone();
    assert_eq!(
        after.id, before.id,
        "the selection stays on the starred entry"
    );
    assert!(after.flags.starred, "and it shows as starred");
    assert!(
        h.store()
            .get(before.id)
            .expect("get")
            .content
            .common
            .flags
            .starred
    );
    assert_eq!(h.timeline().top, top, "the scroll position stays");
    let rows = h.screen().lines().filter(|l| l.contains("entry ")).count();
    assert!(rows > 15, "the screen is full of entries:\n{}", h.screen());

    // Near the end of what is loaded, an action acts (and the next page loads too).
    let loaded = h.timeline().entries.len();
    while h.timeline().selected + 45 < h.timeline().entries.len() {
        h.key(KeyCode::PageDown);
    }
    let near_end = h.timeline().selected_entry().expect("selected").id;
    h.key(KeyCode::Char('s'));
    assert!(
        h.store()
            .get(near_end)
            .expect("get")
            .content
            .common
            .flags
            .starred
    );
    assert!(h.timeline().entries.len() >= loaded, "{loaded}");

    // End reaches the oldest entry at once; Home comes back to the newest.
    h.key(KeyCode::End);
    assert!(h.screen().contains("entry 0"), "{}", h.screen());
    assert_eq!(
        h.timeline().selected_entry().map(|e| e.headline.as_str()),
        Some("entry 0")
    );
    h.key(KeyCode::Up);
    h.key(KeyCode::Home);
    assert_eq!(
        h.timeline().selected_entry().map(|e| e.headline.as_str()),
        Some("entry 1999")
    );
    // Walking up from the end loads newer pages above.
    h.key(KeyCode::End);
    for _ in 0..300 {
        h.key(KeyCode::Up);
    }
    assert_eq!(
        h.timeline().selected_entry().map(|e| e.headline.as_str()),
        Some("entry 300")
    );
}

/// 3. The reader could not reach the end of a long entry: word wrapping was undercounted.
#[test]
fn the_reader_reaches_the_last_line_of_a_long_entry() {
    for (w, h_) in [(80u16, 24u16), (120, 40)] {
        let mut store = Store::open_in_memory().expect("store");
        let para = "Words of varying length wrap unevenly, somewhat unpredictably perhaps. ";
        let body = format!(
            "{}\n\nTHE VERY LAST LINE",
            (0..40)
                .map(|_| para.repeat(3))
                .collect::<Vec<_>>()
                .join("\n")
        );
        store
            .add_entry(&EntryContent::text(body), at(20, 9, 0), 0, at(20, 9, 0))
            .expect("add");
        let mut h = Harness::new(store, (w, h_));
        h.key(KeyCode::Enter);
        h.key(KeyCode::End);
        assert!(
            h.screen().contains("THE VERY LAST LINE"),
            "{w}x{h_}:\n{}",
            h.screen()
        );
    }
}

/// 4. Shift-Tab (reported as BackTab with SHIFT) inserted a tab instead of going back.
#[test]
fn shift_tab_goes_back_a_field() {
    let mut h = Harness::new(Store::open_in_memory().expect("store"), (100, 30));
    h.key(KeyCode::Char('n'));
    h.chars("text");
    for _ in 0..3 {
        h.event(Event::Key(KeyEvent::new(
            KeyCode::BackTab,
            KeyModifiers::SHIFT,
        )));
    }
    h.chars("7");
    h.ctrl('s');
    let id = h.live()[0].id;
    let c = h.store().get(id).expect("get").content.common;
    assert_eq!(c.body, "text", "nothing landed in the text");
    assert_eq!(
        c.stress.map(Rating::value),
        Some(7),
        "the rating took the 7"
    );
}

/// 5. The cursor started at the beginning when editing or restoring a draft.
#[test]
fn editing_goes_on_at_the_end_of_the_text() {
    let mut h = Harness::new(fixture(), (100, 30));
    h.key(KeyCode::Down);
    h.key(KeyCode::Char('e'));
    // A check-in's text is its note, the last step.
    for _ in 0..4 {
        h.key(KeyCode::Tab);
    }
    h.chars(" and teeth");
    h.ctrl('s');
    let c = h.store().get(EntryId(2)).expect("get").content.common;
    assert_eq!(c.body, "Jaw clenched before court and teeth");
}

/// 6. With stress 1 stored, pressing 0 made 10.
#[test]
fn a_stored_one_and_a_zero_make_zero() {
    let mut store = Store::open_in_memory().expect("store");
    let mut c = EntryContent::text("calm");
    c.common.stress = Rating::new("stress", 1).ok();
    store
        .add_entry(&c, at(20, 9, 0), 0, at(20, 9, 0))
        .expect("add");
    let mut h = Harness::new(store, (100, 30));
    h.key(KeyCode::Char('e'));
    for _ in 0..4 {
        h.key(KeyCode::Tab);
    }
    h.chars("0");
    h.ctrl('s');
    let got = h
        .store()
        .get(EntryId(1))
        .expect("get")
        .content
        .common
        .stress;
    assert_eq!(got.map(Rating::value), Some(0));
}

/// 7. The reader dropped tab characters.
#[test]
fn the_reader_shows_tabs_as_space() {
    let mut store = Store::open_in_memory().expect("store");
    store
        .add_entry(
            &EntryContent::text("name:\tvalue"),
            at(20, 9, 0),
            0,
            at(20, 9, 0),
        )
        .expect("add");
    let mut h = Harness::new(store, (100, 30));
    h.key(KeyCode::Enter);
    assert!(h.screen().contains("name:   value"), "{}", h.screen());
}

/// A result goes to the screen that asked for it, or nowhere once that screen has closed:
/// a failure of one screen's effect is not taken by another screen that happens to be
/// waiting (the supervision and trends screens both took any failure addressed to no form).
#[test]
fn a_result_goes_to_the_screen_that_asked_or_nowhere() {
    use debrief::tui::msg::{Asker, Msg};
    let mut h = Harness::new(Store::open_in_memory().expect("store"), (100, 30));
    h.key(KeyCode::Char('p'));
    assert_eq!(h.screen_id(), ScreenId::Supervision);
    let failed = || Msg::Failed {
        form: None,
        message: "the trends could not be read".into(),
    };
    // From a screen that is not open (its asker was never on the stack, or has closed).
    let effects = h.app.on_msg(failed(), Some(Asker(987_654)), h.now);
    assert!(effects.is_empty());
    h.app.status = None;
    assert!(
        !h.screen().contains("could not be read"),
        "the supervision screen took another screen's failure: {}",
        h.screen()
    );
    // News of the journal still reaches every screen: the agenda is gathered again.
    let effects = h.app.on_msg(Msg::JournalChanged, None, h.now);
    assert!(
        effects
            .iter()
            .any(|r| matches!(r.effect, debrief::tui::msg::Effect::LoadAgenda)),
        "{effects:?}"
    );
}

/// Every toggle says what it did and to which entry: from a reader, `f` on entry 1 after a
/// check-in was saved unflagged entry 1 without a word.
#[test]
fn every_toggle_says_what_it_did_and_to_which_entry() {
    let mut store = Store::open_in_memory().expect("store");
    let mut c = EntryContent::text("The Jones visit");
    c.common.flags.for_supervision = true;
    store
        .add_entry(&c, at(20, 9, 0), 3600, at(20, 9, 0))
        .expect("add");
    let mut h = Harness::new(store, (100, 30));
    h.key(KeyCode::Enter);
    assert_eq!(h.screen_id(), ScreenId::Reader);
    h.key(KeyCode::Char('f'));
    assert!(
        h.screen()
            .contains("No longer for supervision: reflection 1"),
        "{}",
        h.screen()
    );
    h.key(KeyCode::Char('s'));
    assert!(
        h.screen().contains("★ starred: reflection 1"),
        "{}",
        h.screen()
    );
    h.key(KeyCode::Char('d'));
    assert!(
        h.screen().contains("Moved to the trash: reflection 1"),
        "{}",
        h.screen()
    );
}
