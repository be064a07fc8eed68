//! Every screen and dialog at 80x24 and 120x40, with assertions on what must be there
//! besides the snapshot, and explicit style checks where colour carries meaning.

use super::*;
use debrief::config::ThemeName;

#[test]
fn welcome_timeline_reader_and_help() {
    for size in SIZES {
        let empty = Harness::new(Store::open_in_memory().expect("store"), size);
        let s = empty.screen();
        assert!(
            s.contains("Welcome to debrief") && s.contains("n  write a reflection"),
            "{s}"
        );
        snap!("welcome", size, s);

        let mut h = Harness::new(fixture(), size);
        let s = h.screen();
        assert!(s.contains("› 12:05") && s.contains("#foster-ca"), "{s}");
        snap!("timeline", size, s);

        h.key(KeyCode::Char('?'));
        let s = h.screen();
        assert!(
            s.contains("Keys: timeline") && s.contains("timeline.new"),
            "{s}"
        );
        snap!("timeline_help", size, s);
        h.key(KeyCode::Esc);
        assert_eq!(h.screen_id(), ScreenId::Timeline, "any key closes the help");

        h.key(KeyCode::Down);
        h.key(KeyCode::Enter);
        assert_eq!(h.screen_id(), ScreenId::Reader);
        let s = h.screen();
        assert!(
            s.contains("Jaw clenched") && s.contains("jaw and mouth: clenched (3/3)"),
            "{s}"
        );
        snap!("reader_checkin", size, s);
    }
}

#[test]
fn forms_of_each_kind() {
    for size in SIZES {
        let mut h = Harness::new(fixture(), size);
        h.key(KeyCode::Enter);
        h.key(KeyCode::Char('e'));
        assert_eq!(h.screen_id(), ScreenId::Editor);
        let s = h.screen();
        assert!(s.contains("Editing #3 (reflection)"), "{s}");
        snap!("form_reflection", size, s);
        h.key(KeyCode::Esc);

        let config = Config {
            default_template: "gibbs".into(),
            ..Config::default()
        };
        let mut g = Harness::with_config(Store::open_in_memory().expect("store"), size, &config);
        g.key(KeyCode::Char('n'));
        let s = g.screen();
        assert!(s.contains("New reflection · Gibbs"), "{s}");
        assert!(
            s.contains("Description") && s.contains("What happened"),
            "stages: {s}"
        );
        if size.0 >= 120 {
            assert!(s.contains("Action plan"), "every stage by name: {s}");
        }
        snap!("form_guided", size, s);

        let mut c = Harness::new(fixture(), size);
        c.key(KeyCode::Down);
        c.key(KeyCode::Char('e'));
        let s = c.screen();
        assert!(
            s.contains("Editing check-in #2") && s.contains("8/10"),
            "a check-in is edited in its steps: {s}"
        );
        snap!("form_checkin", size, s);
        c.key(KeyCode::Char('3'));
        c.key(KeyCode::Esc);
        let s = c.screen();
        assert!(
            s.contains("Unsaved changes") && s.contains("keep as a draft"),
            "{s}"
        );
        snap!("dialog_leave", size, s);
    }
}

#[test]
fn search_trash_and_their_dialogs() {
    for size in SIZES {
        let mut h = Harness::new(fixture(), size);
        h.key(KeyCode::Char('/'));
        h.chars("jaw");
        let s = h.screen();
        assert!(s.contains("1 result") && s.contains("Jaw clenched"), "{s}");
        snap!("search", size, s);
        h.key(KeyCode::F(1));
        let s = h.screen();
        assert!(
            s.contains("Keys: search") && s.contains("search.open"),
            "{s}"
        );
        snap!("search_help", size, s);
        h.key(KeyCode::Esc);
        h.key(KeyCode::Esc);

        h.key(KeyCode::Char('d'));
        h.key(KeyCode::Char('t'));
        assert_eq!(h.screen_id(), ScreenId::Trash);
        let s = h.screen();
        assert!(s.contains("Café visit"), "{s}");
        snap!("trash", size, s);
        h.key(KeyCode::Char('P'));
        let s = h.screen();
        assert!(
            s.contains("Delete for good?") && s.contains("y delete it"),
            "{s}"
        );
        snap!("dialog_purge", size, s);
    }
}

#[test]
fn the_draft_dialog() {
    for size in SIZES {
        let journal = TempJournal::new();
        {
            let mut h = Harness::new(journal.open(), size);
            h.key(KeyCode::Char('n'));
            h.chars("Shoulders up by my ears");
            h.pause();
        }
        let h = Harness::new(journal.open(), size);
        let s = h.screen();
        assert!(
            s.contains("A draft was not saved") && s.contains("Shoulders up"),
            "{s}"
        );
        snap!("dialog_draft", size, s);
    }
}

#[test]
fn too_small_a_window_says_how_big_it_must_be() {
    let small = Harness::new(fixture(), (40, 10));
    let text = small
        .screen()
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ");
    assert!(
        text.contains("at least 60×16") && text.contains("40×10"),
        "{text}"
    );
}

#[test]
fn stress_colour_follows_the_level_in_colour_themes() {
    let theme = Theme::new(ThemeName::Default, false);
    let h = Harness::with_theme(fixture(), (100, 30), &Config::default(), theme);
    let buf = h.buffer();
    let find = |needle: &str| {
        (0..buf.area.height).find_map(|y| {
            let row: String = (0..buf.area.width)
                .map(|x| buf[(x, y)].symbol().to_string())
                .collect();
            row.find(needle)
                .map(|i| (row[..i].chars().count() as u16, y))
        })
    };
    let (x8, y8) = find(" 8 █").expect("stress 8 row");
    let (x4, y4) = find(" 4 █").expect("stress 4 row");
    assert_eq!(buf[(x8 + 3, y8)].fg, theme.stress_high.fg.expect("colour"));
    assert_eq!(buf[(x4 + 3, y4)].fg, theme.stress_mid.fg.expect("colour"));
    assert_ne!(theme.stress_high.fg, theme.stress_mid.fg);
}

#[test]
fn the_selection_shows_without_colour() {
    let h = Harness::new(fixture(), (100, 30));
    let s = h.screen();
    let marked: Vec<&str> = s.lines().filter(|l| l.starts_with('›')).collect();
    assert_eq!(marked.len(), 1, "{s}");
    assert!(marked[0].contains("Café visit"), "{s}");
}
