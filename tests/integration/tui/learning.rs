//! Recording a learning activity in the interface: `L` opens the form (kind, author, link,
//! time spent, and the reflection stage by stage); an unreadable time is refused with the
//! text kept; editing reopens the same fields; a half-typed time survives in a draft.

use super::*;

fn learning_of(h: &Harness, id: EntryId) -> (Entry, Learning) {
    let e = h.store().get(id).expect("get");
    let Details::Learning(l) = e.content.details.clone() else {
        panic!("not a learning activity: {:?}", e.content.details)
    };
    (e, l)
}

#[test]
fn the_learning_form_records_what_it_was_and_what_was_learned() {
    for size in SIZES {
        let mut h = Harness::new(Store::open_in_memory().expect("store"), size);
        h.key(KeyCode::Char('L'));
        assert_eq!(h.screen_id(), ScreenId::Editor);
        h.chars("Moving Social Work podcast: episode 12");
        h.key(KeyCode::Tab);
        h.key(KeyCode::Tab);
        // The kind: a letter goes to the kind that starts with it.
        h.key(KeyCode::Char('p'));
        h.key(KeyCode::Tab);
        h.chars("Two hosts");
        h.key(KeyCode::Tab);
        h.chars("https://example.org/ep12");
        h.key(KeyCode::Tab);
        h.chars("1h30");
        // Tags, Flags, then straight to the first stage: each answer under its own stage.
        for _ in 0..3 {
            h.key(KeyCode::Tab);
        }
        h.chars("Plain words matter in every report I write");
        h.key(KeyCode::Tab);
        h.chars("Ordinary words for hard things");
        h.key(KeyCode::Tab);
        h.chars("I will read my reports aloud before sending them");
        h.key(KeyCode::BackTab);
        let s = h.screen();
        for part in [
            "New learning activity",
            "[podcast]",
            "Two hosts",
            "1h30",
            "What I learned",
            "What did you take from it",
            "Notes",
        ] {
            assert!(s.contains(part), "{part}: {s}");
        }
        assert!(!s.contains("Stress"), "no ratings for a podcast: {s}");
        snap!("learning_form", size, s);
        h.ctrl('s');
        let id = h.live()[0].id;
        let (e, l) = learning_of(&h, id);
        assert_eq!(
            e.content.common.title.as_deref(),
            Some("Moving Social Work podcast: episode 12")
        );
        assert_eq!(l.activity, learning::Activity::Podcast);
        assert_eq!(l.author.as_deref(), Some("Two hosts"));
        assert_eq!(l.link.as_deref(), Some("https://example.org/ep12"));
        assert_eq!(l.minutes, Some(90));
        let answers: Vec<(&str, &str)> = l
            .answers
            .iter()
            .map(|a| (a.stage.as_str(), a.answer.as_str()))
            .collect();
        assert_eq!(
            answers,
            [
                ("why", "Plain words matter in every report I write"),
                ("learned", "Ordinary words for hard things"),
                (
                    "practice",
                    "I will read my reports aloud before sending them"
                ),
            ]
        );
        assert_eq!(e.content.common.body, "", "nothing slid into the notes");
        assert!(l.is_reflected());
    }
}

#[test]
fn an_unreadable_time_is_refused_and_nothing_typed_is_lost() {
    let mut h = Harness::new(Store::open_in_memory().expect("store"), (80, 24));
    h.key(KeyCode::Char('L'));
    h.ctrl('s');
    assert!(
        h.screen().contains("say what the activity was"),
        "a title is needed: {}",
        h.screen()
    );
    h.chars("Court skills day");
    for _ in 0..5 {
        h.key(KeyCode::Tab);
    }
    h.chars("a morning");
    h.ctrl('s');
    let s = h.screen();
    assert!(s.contains("'a morning' is not a number of minutes"), "{s}");
    assert_eq!(h.screen_id(), ScreenId::Editor, "the form stays open");
    assert!(h.live().is_empty());
    for _ in 0..9 {
        h.key(KeyCode::Backspace);
    }
    h.chars("3h");
    h.ctrl('s');
    let (_, l) = learning_of(&h, h.live()[0].id);
    assert_eq!(l.minutes, Some(180));
    assert_eq!(l.activity, learning::Activity::Article, "the default kind");
    assert!(!l.is_reflected());
}

#[test]
fn editing_reopens_the_learning_fields_and_keeps_the_rest() {
    let mut h = Harness::new(Store::open_in_memory().expect("store"), (80, 24));
    h.key(KeyCode::Char('L'));
    h.chars("Reading on trauma-informed practice");
    h.key(KeyCode::Tab);
    h.key(KeyCode::Tab);
    h.key(KeyCode::Char('c'));
    h.key(KeyCode::Char('c'));
    h.ctrl('s');
    let id = h.live()[0].id;
    // The reader is open on it: edit, change the kind and the time.
    h.key(KeyCode::Char('e'));
    let s = h.screen();
    assert!(
        s.contains("Editing #1 (learning activity)") && s.contains("[conversation]"),
        "{s}"
    );
    h.key(KeyCode::Tab);
    h.key(KeyCode::Tab);
    h.key(KeyCode::Left);
    h.key(KeyCode::Tab);
    h.key(KeyCode::Tab);
    h.key(KeyCode::Tab);
    h.chars("45");
    h.ctrl('s');
    let (e, l) = learning_of(&h, id);
    assert_eq!(
        l.activity,
        learning::Activity::Event,
        "one before conversation"
    );
    assert_eq!(l.minutes, Some(45));
    assert_eq!(
        e.content.common.title.as_deref(),
        Some("Reading on trauma-informed practice")
    );
}

#[test]
fn a_half_typed_time_comes_back_from_a_draft_as_typed() {
    let journal = TempJournal::new();
    {
        let mut h = Harness::new(journal.open(), (80, 24));
        h.key(KeyCode::Char('L'));
        h.chars("Webinar on the Care Act");
        for _ in 0..5 {
            h.key(KeyCode::Tab);
        }
        h.chars("1h4");
        h.pause();
        assert_eq!(h.store().drafts().expect("drafts").len(), 1);
        // Dropped here, as after kill -9.
    }
    let mut h = Harness::new(journal.open(), (80, 24));
    assert!(
        h.screen().contains("Webinar on the Care Act"),
        "{}",
        h.screen()
    );
    h.key(KeyCode::Char('r'));
    let s = h.screen();
    assert!(
        s.contains("New learning activity") && s.contains("1h4"),
        "{s}"
    );
}

#[test]
fn the_learning_form_fits_a_small_window() {
    let mut h = Harness::new(Store::open_in_memory().expect("store"), (60, 16));
    h.key(KeyCode::Char('L'));
    h.key(KeyCode::Tab);
    h.key(KeyCode::Tab);
    let s = h.screen();
    // Too narrow for every kind: the chosen one between arrows.
    assert!(s.contains("‹ article ›"), "{s}");
    assert!(s.contains("what it was (needed)"), "{s}");
    // The stages by number, the focused one by name.
    assert!(s.contains("1 · 2 · 3 · 4 · Notes"), "{s}");
}
