//! The check-in steps and the recovery log, driven as a person drives them: keys counted,
//! every step skippable, Esc one step back, drafts that survive, and each step drawn at
//! 80x24 and 120x40 (and legible at 60x16), with the chosen regions' colour checked.

use super::*;
use debrief::config::ThemeName;
use debrief::tui::widgets::body_map::position as art_position;

fn empty(size: (u16, u16)) -> Harness {
    Harness::new(Store::open_in_memory().expect("store"), size)
}

fn ctrl(c: char) -> Event {
    Event::Key(KeyEvent::new(KeyCode::Char(c), KeyModifiers::CONTROL))
}

/// The check-in saved last, in full.
fn saved(h: &Harness) -> Entry {
    let id = h.live().first().expect("an entry").id;
    h.store().get(id).expect("get")
}

#[test]
fn a_typical_checkin_takes_at_most_15_keys() {
    let mut h = empty((80, 24));
    // Stress 6, energy 4, chest tight, shoulders tense, anxious, home visit, save.
    let keys: Vec<Event> = vec![
        press(KeyCode::Char('c')),
        press(KeyCode::Char('6')),
        press(KeyCode::Char('4')),
        press(KeyCode::Char('c')),
        press(KeyCode::Char('2')),
        press(KeyCode::Char('a')),
        press(KeyCode::Char('s')),
        press(KeyCode::Char('2')),
        press(KeyCode::Char('b')),
        press(KeyCode::Tab),
        press(KeyCode::Char('1')),
        press(KeyCode::Char('a')),
        press(KeyCode::Tab),
        press(KeyCode::Char('a')),
        ctrl('s'),
    ];
    assert!(keys.len() <= 15, "{} keys", keys.len());
    for k in keys {
        h.event(k);
    }
    assert_eq!(h.screen_id(), ScreenId::Timeline, "saved and closed");
    let e = saved(&h);
    let c = &e.content.common;
    assert_eq!(c.stress.map(Rating::value), Some(6));
    assert_eq!(c.energy.map(Rating::value), Some(4));
    assert_eq!(c.work_context.as_deref(), Some("home_visit"));
    let Details::Checkin(ci) = &e.content.details else {
        panic!("kind")
    };
    let felt: Vec<(&str, &str, u8)> = ci
        .sensations
        .iter()
        .map(|s| (s.region.as_str(), s.sensation.as_str(), s.intensity))
        .collect();
    assert_eq!(felt, [("chest", "tight", 2), ("shoulders", "tense", 2)]);
    assert_eq!(ci.emotions.len(), 1);
    assert_eq!(ci.emotions[0].word, "anxious");
    let s = h.screen();
    assert!(
        s.contains("chest tight, shoulders tense · anxious · home visit"),
        "the timeline shows the gist: {s}"
    );
}

#[test]
fn every_step_can_be_skipped_and_esc_goes_back_one_step() {
    let mut h = empty((80, 24));
    h.key(KeyCode::Char('c'));
    assert_eq!(h.screen_id(), ScreenId::Checkin);
    for step in ["2 body", "3 emotions", "4 context", "5 note"] {
        h.key(KeyCode::Tab);
        assert!(h.screen().contains(step), "{step}");
    }
    h.chars("calmer now");
    h.key(KeyCode::Esc);
    assert!(h.screen().contains("What kind of work"), "back to context");
    h.key(KeyCode::Esc);
    h.key(KeyCode::Esc);
    h.key(KeyCode::Esc);
    assert!(h.screen().contains("Stress now"), "back to the first step");
    // From the first step, Esc leaves; with a note typed it asks first.
    h.key(KeyCode::Esc);
    assert_eq!(h.screen_id(), ScreenId::Leave);
    h.key(KeyCode::Char('s'));
    assert_eq!(h.screen_id(), ScreenId::Timeline);
    assert_eq!(saved(&h).content.common.body, "calmer now");

    // Nothing chosen: Esc simply closes.
    h.key(KeyCode::Char('c'));
    h.key(KeyCode::Esc);
    assert_eq!(h.screen_id(), ScreenId::Timeline);
    assert_eq!(h.live().len(), 1);
}

#[test]
fn ratings_take_ten_arrows_and_clearing() {
    let mut h = empty((80, 24));
    h.key(KeyCode::Char('c'));
    h.chars("10");
    assert!(h.screen().contains("10/10"), "{}", h.screen());
    h.key(KeyCode::Char('1'));
    h.key(KeyCode::Enter);
    assert!(h.screen().contains("2 body"), "1 then Enter is 1");
    h.key(KeyCode::Esc);
    // Back on the stress row: 10, two less, then the energy row cleared.
    h.key(KeyCode::Left);
    h.key(KeyCode::Left);
    h.key(KeyCode::Down);
    h.key(KeyCode::Backspace);
    h.ctrl('s');
    let c = saved(&h).content.common;
    assert_eq!(c.stress.map(Rating::value), Some(8));
    assert_eq!(c.energy, None);
}

#[test]
fn nothing_noticed_is_one_key_and_a_guided_scan_walks_head_to_feet() {
    let mut h = empty((120, 40));
    h.key(KeyCode::Char('c'));
    h.key(KeyCode::Tab);
    h.key(KeyCode::Char('x'));
    assert!(
        h.screen().contains("How pleasant"),
        "x moves on: {}",
        h.screen()
    );
    h.key(KeyCode::Esc);

    h.key(KeyCode::Char('b'));
    let s = h.screen();
    assert!(
        s.contains("Guided scan · 1 of 18") && s.contains("top of your head"),
        "{s}"
    );
    // Head: warm (temperature, a). Forehead: nothing (n). Jaw: clenched (tension, c).
    h.chars("1a");
    assert!(h.screen().contains("2 of 18"));
    h.key(KeyCode::Char('n'));
    h.chars("2c");
    h.key(KeyCode::Char('+'));
    assert!(h.screen().contains("4 of 18"));
    for _ in 4..=18 {
        h.key(KeyCode::Enter);
    }
    let s = h.screen();
    assert!(s.contains("Where do you notice"), "the scan ended: {s}");
    h.ctrl('s');
    let Details::Checkin(ci) = saved(&h).content.details else {
        panic!("kind")
    };
    let felt: Vec<(&str, &str, u8)> = ci
        .sensations
        .iter()
        .map(|s| (s.region.as_str(), s.sensation.as_str(), s.intensity))
        .collect();
    assert_eq!(
        felt,
        [("head_scalp", "warm", 2), ("jaw_mouth", "clenched", 3)]
    );
}

#[test]
fn emotions_by_quadrant_by_typing_with_intensity_and_flags() {
    let mut h = empty((80, 24));
    h.key(KeyCode::Char('c'));
    h.key(KeyCode::Tab);
    h.key(KeyCode::Tab);
    h.chars("4a");
    h.key(KeyCode::Char('-'));
    h.chars("/edg");
    assert!(h.screen().contains("on edge"), "{}", h.screen());
    h.key(KeyCode::Enter);
    h.key(KeyCode::Char('+'));
    h.chars("4a4a");
    h.key(KeyCode::Tab);
    h.chars("c13");
    h.chars("1");
    h.ctrl('s');
    let e = saved(&h);
    assert_eq!(e.content.common.work_context.as_deref(), Some("court"));
    let Details::Checkin(ci) = e.content.details else {
        panic!("kind")
    };
    let words: Vec<(&str, Option<u8>)> = ci
        .emotions
        .iter()
        .map(|e| (e.word.as_str(), e.intensity))
        .collect();
    // calm at 1, on edge at 3; calm toggled off and on again ends last at 2.
    assert_eq!(words, [("on_edge", Some(3)), ("calm", Some(2))]);
    assert_eq!(ci.difficulties, ["distressing"], "1 on then off, 3 on");
}

#[test]
fn a_checkin_survives_as_a_draft_and_comes_back_in_the_steps() {
    let dir = tempfile::tempdir().expect("tmp");
    let path = dir.path().join("j.db");
    let options = debrief::storage::StoreOptions {
        key: None,
        backups: dir.path().join("b"),
        busy_timeout: Duration::from_millis(300),
        now: clock().now(),
    };
    {
        let mut h = Harness::new(Store::open(&path, &options).expect("open"), (80, 24));
        h.key(KeyCode::Char('c'));
        h.chars("7");
        h.key(KeyCode::Enter);
        h.chars("c2a");
        h.pause();
        // The window closes here, unsaved.
    }
    let mut h = Harness::new(Store::open(&path, &options).expect("reopen"), (80, 24));
    assert_eq!(h.screen_id(), ScreenId::Draft, "{}", h.screen());
    assert!(
        h.screen().contains("a check-in: stress 7 · chest tight"),
        "the draft is recognisable: {}",
        h.screen()
    );
    h.key(KeyCode::Char('r'));
    assert_eq!(h.screen_id(), ScreenId::Checkin);
    h.key(KeyCode::Tab);
    assert!(h.screen().contains("tight 2"), "{}", h.screen());
    h.ctrl('s');
    let e = saved(&h);
    assert_eq!(e.content.common.stress.map(Rating::value), Some(7));
    assert!(h.store().drafts().expect("drafts").is_empty());
}

#[test]
fn editing_a_checkin_opens_the_steps_with_its_answers() {
    let mut h = Harness::new(fixture(), (80, 24));
    let checkin = h
        .live()
        .into_iter()
        .position(|e| e.kind == Kind::Checkin)
        .expect("a check-in");
    for _ in 0..checkin {
        h.key(KeyCode::Down);
    }
    h.key(KeyCode::Char('e'));
    assert_eq!(h.screen_id(), ScreenId::Checkin);
    assert!(h.screen().contains("Editing check-in"), "{}", h.screen());
    h.key(KeyCode::Tab);
    assert!(h.screen().contains("clenched 3"), "{}", h.screen());
    h.chars("s2b");
    h.ctrl('s');
    let id = h.live()[checkin].id;
    let Details::Checkin(ci) = h.store().get(id).expect("get").content.details else {
        panic!("kind")
    };
    assert_eq!(ci.sensations.len(), 2);
    assert_eq!(ci.emotions[0].word, "worried", "kept");
}

#[test]
fn support_is_one_key_away_and_closes_with_any_key() {
    let mut h = empty((80, 24));
    h.key(KeyCode::Char('c'));
    h.key(KeyCode::F(2));
    let s = h.screen();
    assert!(s.contains("Samaritans") && s.contains("116 123"), "{s}");
    h.key(KeyCode::Char('z'));
    assert_eq!(h.screen_id(), ScreenId::Checkin);
}

#[test]
fn the_recovery_log_is_one_key_from_the_timeline() {
    let mut h = empty((80, 24));
    h.key(KeyCode::Char('l'));
    assert!(h.screen().contains("What helped?"), "{}", h.screen());
    h.chars("s30");
    h.key(KeyCode::Enter);
    assert!(
        h.screen().contains("up to 24"),
        "bad hours stay: {}",
        h.screen()
    );
    h.key(KeyCode::Backspace);
    h.key(KeyCode::Backspace);
    h.chars("6.5");
    h.key(KeyCode::Tab);
    h.chars("4");
    h.key(KeyCode::Enter);
    assert_eq!(h.screen_id(), ScreenId::Timeline);
    assert!(h.screen().contains("Logged: sleep 6 h 30 · quality 4/10"));

    h.chars("lmd");
    h.chars("15");
    h.key(KeyCode::Enter);
    h.chars("lx");
    let gists: Vec<String> = h
        .live()
        .iter()
        .map(debrief::present::summary::gist_line)
        .collect();
    assert_eq!(
        gists,
        [
            "not possible today",
            "moved: a stretch in the car between visits · 15 min",
            "sleep 6 h 30 · quality 4/10"
        ]
    );
}

#[test]
fn each_step_drawn_at_80x24_and_120x40() {
    for size in SIZES {
        let mut h = empty(size);
        h.key(KeyCode::Char('c'));
        h.chars("6");
        let s = h.screen();
        assert!(
            s.contains("clearly stirred up") && s.contains("Energy now"),
            "{s}"
        );
        snap!("checkin_ratings", size, s);
        h.chars("4c2a");
        let s = h.screen();
        assert!(s.contains("chest") && s.contains("tight 2"), "{s}");
        snap!("checkin_body", size, s);
        h.chars("s2");
        let s = h.screen();
        assert!(
            s.contains("shoulders: what is it like?") && s.contains("b tense"),
            "{s}"
        );
        snap!("checkin_sensations", size, s);
        h.key(KeyCode::Esc);
        h.key(KeyCode::Tab);
        h.chars("1a");
        let s = h.screen();
        assert!(s.contains("Chosen: anxious (2/3)"), "{s}");
        snap!("checkin_emotions", size, s);
        h.key(KeyCode::Tab);
        h.chars("a4");
        let s = h.screen();
        assert!(s.contains("[x] lone or late visit"), "{s}");
        snap!("checkin_context", size, s);
        h.key(KeyCode::Tab);
        h.chars("After the visit");
        let s = h.screen();
        assert!(s.contains("After the visit"), "{s}");
        snap!("checkin_note", size, s);
        h.key(KeyCode::F(2));
        snap!("checkin_support", size, h.screen());
    }
}

#[test]
fn chosen_regions_are_coloured_on_the_body() {
    let config = Config {
        theme: ThemeName::Default,
        ..Config::default()
    };
    let theme = Theme::new(ThemeName::Default, false);
    let mut h = Harness::with_theme(
        Store::open_in_memory().expect("store"),
        (80, 24),
        &config,
        theme,
    );
    h.key(KeyCode::Char('c'));
    h.key(KeyCode::Tab);
    h.chars("c2a");
    h.key(KeyCode::Down);
    let buf = h.buffer();
    // The art starts under the title bar and the steps line.
    let cell = |key: char| {
        let (x, y) = art_position(key).expect("on the art");
        buf[(x, y + 2)].clone()
    };
    assert_eq!(cell('c').symbol(), "c");
    assert_eq!(
        cell('c').fg,
        theme.notice.fg.expect("colour"),
        "chest has a sensation"
    );
    assert_ne!(cell('h').fg, cell('c').fg, "the head has none");
    assert_eq!(
        cell('r').bg,
        theme.selected.bg.expect("bg"),
        "the cursor moved on"
    );
}

#[test]
fn a_60x16_window_still_shows_each_step() {
    let mut h = empty((60, 16));
    h.key(KeyCode::Char('c'));
    assert!(h.screen().contains("Stress now"));
    h.chars("64");
    let s = h.screen();
    assert!(s.contains("Where do you notice"), "{s}");
    h.key(KeyCode::Char('f'));
    let s = h.screen();
    assert!(s.contains("feet: what is it like?"), "{s}");
    h.key(KeyCode::Esc);
    for _ in 0..17 {
        h.key(KeyCode::Down);
    }
    assert!(
        h.screen().contains("›w whole body"),
        "the list follows the cursor: {}",
        h.screen()
    );
    h.key(KeyCode::Tab);
    assert!(h.screen().contains("How pleasant"));
    h.key(KeyCode::Tab);
    assert!(h.screen().contains("What kind of work"));
}

#[test]
fn editing_a_recovery_entry_opens_the_log_filled_in() {
    let mut h = empty((80, 24));
    h.chars("lm");
    h.chars("b10");
    h.key(KeyCode::Enter);
    h.key(KeyCode::Char('e'));
    let s = h.screen();
    assert!(s.contains("Minutes (optional):   10"), "filled in: {s}");
    h.key(KeyCode::Backspace);
    h.key(KeyCode::Backspace);
    h.chars("25");
    h.key(KeyCode::Enter);
    assert!(
        h.screen().contains("Changed: moved: stairs · 25 min"),
        "{}",
        h.screen()
    );
    assert_eq!(h.live().len(), 1, "changed, not added");
    // Esc while changing closes without saving.
    h.key(KeyCode::Char('e'));
    h.key(KeyCode::Esc);
    assert_eq!(h.screen_id(), ScreenId::Timeline);
}
