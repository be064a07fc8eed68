//! The terminal interface without a terminal: the real `App`, effects performed on a real
//! (in-memory or temporary) store, screens rendered into ratatui's `TestBackend` with a
//! fixed clock. Snapshots at 80x24 and 120x40, key handling, and whole flows.

use std::time::{Duration, Instant};

use chrono::{DateTime, TimeZone, Utc};
use debrief::clock::Clock;
use debrief::config::Config;
use debrief::domain::*;
use debrief::storage::Store;
use debrief::tui::app::App;
use debrief::tui::effects::perform;
use debrief::tui::keymap::{Keymap, ScreenId};
use debrief::tui::msg::Effect;
use debrief::tui::theme::Theme;
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::crossterm::event::{Event, KeyCode, KeyEvent, KeyModifiers};

/// Sunday 22 November 2026, 15:30 UTC, read one hour east of UTC.
fn clock() -> Clock {
    let now = Utc
        .with_ymd_and_hms(2026, 11, 22, 15, 30, 0)
        .single()
        .expect("time");
    Clock::fixed(now, jiff::tz::TimeZone::fixed(jiff::tz::offset(1)))
}

fn at(d: u32, h: u32, m: u32) -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 11, d, h, m, 0)
        .single()
        .expect("time")
}

/// An app wired to a store, performing effects synchronously as the real loop does.
struct Harness {
    app: App,
    store: Store,
    clock: Clock,
    now: Instant,
}

impl Harness {
    fn new(store: Store, size: (u16, u16)) -> Harness {
        Harness::with_config(store, size, &Config::default())
    }

    fn with_config(store: Store, size: (u16, u16), config: &Config) -> Harness {
        let (keymap, _) = Keymap::with_overrides(&config.keys);
        let app = App::new(
            config,
            keymap,
            Theme::plain(),
            clock(),
            "/home/you/.local/share/debrief/debrief.db".into(),
            size,
        );
        let mut h = Harness {
            app,
            store,
            clock: clock(),
            now: Instant::now(),
        };
        let effects = h.app.start();
        h.run(effects);
        h
    }

    fn run(&mut self, effects: Vec<Effect>) {
        let mut queue: std::collections::VecDeque<Effect> = effects.into();
        while let Some(e) = queue.pop_front() {
            for msg in perform(&mut self.store, &self.clock, e) {
                queue.extend(self.app.update(msg, self.now));
            }
        }
    }

    fn event(&mut self, ev: Event) {
        self.now += Duration::from_millis(50);
        let effects = self.app.on_event(ev, self.now);
        self.run(effects);
        let effects = self.app.tick(self.now);
        self.run(effects);
    }

    fn key(&mut self, code: KeyCode) {
        self.event(Event::Key(KeyEvent::new(code, KeyModifiers::NONE)));
    }

    fn ctrl(&mut self, c: char) {
        self.event(Event::Key(KeyEvent::new(
            KeyCode::Char(c),
            KeyModifiers::CONTROL,
        )));
    }

    fn chars(&mut self, text: &str) {
        for c in text.chars() {
            self.key(KeyCode::Char(c));
        }
    }

    /// Let time pass without typing (drafts are written after a pause).
    fn pause(&mut self) {
        self.now += Duration::from_secs(2);
        let effects = self.app.tick(self.now);
        self.run(effects);
    }

    fn screen(&self) -> String {
        let (w, h) = self.app.size;
        let mut terminal = Terminal::new(TestBackend::new(w, h)).expect("terminal");
        terminal
            .draw(|f| f.render_widget(&self.app, f.area()))
            .expect("draw");
        buffer_text(terminal.backend())
    }
}

fn buffer_text(backend: &TestBackend) -> String {
    let buf = backend.buffer();
    let mut out = String::new();
    for y in 0..buf.area.height {
        let mut line = String::new();
        let mut skip = 0;
        for x in 0..buf.area.width {
            if skip > 0 {
                skip -= 1;
                continue;
            }
            let symbol = buf[(x, y)].symbol();
            skip = unicode_width::UnicodeWidthStr::width(symbol).saturating_sub(1);
            line.push_str(symbol);
        }
        out.push_str(line.trim_end());
        out.push('\n');
    }
    out
}

fn fixture() -> Store {
    let mut store = Store::open_in_memory().expect("store");
    let add = |store: &mut Store, c: EntryContent, t: DateTime<Utc>| {
        store.add_entry(&c, t, 3600, t).expect("add")
    };
    add(
        &mut store,
        EntryContent {
            title: Some("Case conference".into()),
            body: "Long meeting; felt unheard.".into(),
            stress: Some(Rating::new("s", 4).expect("r")),
            tags: vec![Tag::parse("meeting").expect("t")],
            ..Default::default()
        },
        at(16, 14, 0),
    );
    add(
        &mut store,
        EntryContent {
            kind: Kind::Checkin,
            body: "Jaw clenched before court".into(),
            stress: Some(Rating::new("s", 8).expect("r")),
            sensations: vec![BodySensation::parse("jaw_mouth:clenched:3").expect("s")],
            emotions: vec![Emotion::parse("worried:2").expect("e")],
            for_supervision: true,
            ..Default::default()
        },
        at(21, 9, 15),
    );
    add(&mut store, EntryContent {
        body: "Café visit with the foster carer — long, Unicode-heavy notes: 日本語のテキスト、絵文字 🙂🙂, accents éèê, and a line that is much longer than any terminal is wide so that it has to be cut or wrapped somewhere sensible by the interface.\n\nSecond paragraph about boundaries and what I would do differently next time.".into(),
        stress: Some(Rating::new("s", 2).expect("r")),
        tags: vec![Tag::parse("home-visit").expect("t"), Tag::parse("foster-care").expect("t")],
        starred: true,
        unfinished: true,
        ..Default::default()
    }, at(22, 11, 5));
    store
}

#[test]
fn snapshots_of_every_screen_at_two_sizes() {
    for (w, h) in [(80u16, 24u16), (120, 40)] {
        let suffix = format!("{w}x{h}");
        let empty = Harness::new(Store::open_in_memory().expect("store"), (w, h));
        insta::assert_snapshot!(format!("welcome_{suffix}"), empty.screen());

        let mut h1 = Harness::new(fixture(), (w, h));
        insta::assert_snapshot!(format!("timeline_{suffix}"), h1.screen());

        h1.key(KeyCode::Enter);
        assert_eq!(h1.app.screen, ScreenId::Reader);
        insta::assert_snapshot!(format!("reader_{suffix}"), h1.screen());

        h1.key(KeyCode::Char('e'));
        assert_eq!(h1.app.screen, ScreenId::Editor);
        insta::assert_snapshot!(format!("editor_{suffix}"), h1.screen());
        h1.key(KeyCode::Esc);

        h1.key(KeyCode::Esc);
        h1.key(KeyCode::Char('/'));
        h1.chars("jaw");
        insta::assert_snapshot!(format!("search_{suffix}"), h1.screen());

        h1.key(KeyCode::F(1));
        let help = h1.screen();
        assert!(
            help.contains("Keys: search") && help.contains("search.open"),
            "{help}"
        );
        insta::assert_snapshot!(format!("search_help_{suffix}"), help);
        h1.key(KeyCode::Esc);
        assert!(
            !h1.screen().contains("Keys: search"),
            "any key closes the help"
        );
    }
}

#[test]
fn snapshot_of_trash_dialog_and_too_small() {
    let mut h = Harness::new(fixture(), (80, 24));
    h.key(KeyCode::Char('d'));
    h.key(KeyCode::Char('t'));
    assert_eq!(h.app.screen, ScreenId::Trash);
    h.key(KeyCode::Char('P'));
    insta::assert_snapshot!("trash_purge_dialog_80x24", h.screen());

    let small = Harness::new(fixture(), (40, 10));
    let text = small
        .screen()
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ");
    assert!(text.contains("at least 60×16"), "{text}");
    assert!(text.contains("40×10"), "{text}");
}

#[test]
fn the_timeline_groups_by_day_and_marks_flags() {
    let h = Harness::new(fixture(), (100, 30));
    let s = h.screen();
    let day22 = s.find("Sunday 22 November 2026").expect("today heading");
    let day21 = s
        .find("Saturday 21 November 2026")
        .expect("yesterday heading");
    let day16 = s.find("Monday 16 November 2026").expect("older heading");
    assert!(day22 < day21 && day21 < day16, "newest first");
    assert!(
        s.contains("12:05"),
        "times shown in the clock's zone (+01:00):\n{s}"
    );
    assert!(s.contains(" 8 ████████░░"), "stress number and bar:\n{s}");
    assert!(s.contains("★ ✎"), "starred and unfinished markers:\n{s}");
    assert!(s.contains(" ⚑ "), "for-supervision marker:\n{s}");
    assert!(s.contains("#foster-care"), "tags:\n{s}");
}

#[test]
fn stress_colour_follows_the_level_in_colour_themes() {
    let store = fixture();
    let (keymap, _) = Keymap::with_overrides(&Default::default());
    let theme = Theme::new(debrief::config::ThemeName::Default, false);
    let mut app = App::new(
        &Config::default(),
        keymap,
        theme,
        clock(),
        "j".into(),
        (100, 30),
    );
    let mut store = store;
    for e in app.start() {
        for m in perform(&mut store, &clock(), e) {
            app.update(m, Instant::now());
        }
    }
    let mut terminal = Terminal::new(TestBackend::new(100, 30)).expect("terminal");
    terminal
        .draw(|f| f.render_widget(&app, f.area()))
        .expect("draw");
    let buf = terminal.backend().buffer().clone();
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
fn write_save_search_edit_trash_restore() {
    let mut h = Harness::new(Store::open_in_memory().expect("store"), (100, 30));
    assert!(h.screen().contains("Welcome to debrief"));

    // Write a reflection with a title, a tag and a stress rating.
    h.key(KeyCode::Char('n'));
    assert_eq!(h.app.screen, ScreenId::Editor);
    h.chars("The visit was tense but I held the boundary.");
    h.key(KeyCode::Tab); // -> kind
    h.key(KeyCode::Tab); // -> title
    h.chars("Tuesday visit");
    h.key(KeyCode::Tab); // -> tags
    h.chars("home-visit");
    h.key(KeyCode::Tab); // -> stress
    h.chars("6");
    h.ctrl('s');
    assert_eq!(h.app.screen, ScreenId::Reader, "saving shows the entry");
    let s = h.screen();
    assert!(
        s.contains("Tuesday visit") && s.contains("held the boundary"),
        "{s}"
    );
    assert!(s.contains("#home-visit"), "{s}");
    let saved = h.store.list(&EntryFilter::default(), 5).expect("list");
    assert_eq!(saved.len(), 1);
    assert_eq!(saved[0].stress.map(Rating::value), Some(6));
    assert!(
        h.store.drafts().expect("drafts").is_empty(),
        "no draft left after saving"
    );

    // Find it by search (prefix as you type).
    h.key(KeyCode::Esc);
    assert_eq!(h.app.screen, ScreenId::Timeline);
    h.key(KeyCode::Char('/'));
    h.chars("bound");
    assert_eq!(h.app.search.hits.len(), 1);
    assert!(h.screen().contains("Tuesday visit"));
    h.chars(" kind:checkin");
    assert!(h.app.search.hits.is_empty(), "filters combine with words");
    for _ in 0..13 {
        h.key(KeyCode::Backspace);
    }
    assert_eq!(h.app.search.hits.len(), 1);

    // Open and edit it.
    h.key(KeyCode::Enter);
    assert_eq!(h.app.screen, ScreenId::Reader);
    h.key(KeyCode::Char('e'));
    h.key(KeyCode::End);
    h.chars(" Next time: ask for a co-worker.");
    h.ctrl('s');
    let entry = h.store.get(saved[0].id).expect("get");
    assert!(
        entry.content.body.ends_with("ask for a co-worker."),
        "{}",
        entry.content.body
    );
    assert_eq!(entry.content.title.as_deref(), Some("Tuesday visit"));

    // Trash it from the reader, see it in the trash, restore it.
    h.key(KeyCode::Char('d'));
    assert!(
        h.store
            .list(&EntryFilter::default(), 5)
            .expect("list")
            .is_empty()
    );
    h.key(KeyCode::Esc);
    h.key(KeyCode::Esc);
    assert_eq!(h.app.screen, ScreenId::Timeline);
    h.key(KeyCode::Char('t'));
    assert!(h.screen().contains("Tuesday visit"), "{}", h.screen());
    h.key(KeyCode::Char('r'));
    assert_eq!(
        h.store
            .list(&EntryFilter::default(), 5)
            .expect("list")
            .len(),
        1
    );
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
    assert_eq!(h.app.screen, ScreenId::Editor, "Esc goes back to writing");

    h.key(KeyCode::Esc);
    h.key(KeyCode::Char('k'));
    assert_eq!(h.app.screen, ScreenId::Timeline);
    assert_eq!(
        h.store.drafts().expect("drafts").len(),
        1,
        "kept as a draft"
    );
    assert!(
        h.store
            .list(&EntryFilter::default(), 5)
            .expect("list")
            .is_empty()
    );

    h.key(KeyCode::Char('n'));
    h.chars("throw away");
    h.key(KeyCode::Esc);
    h.key(KeyCode::Char('x'));
    assert_eq!(
        h.store.drafts().expect("drafts").len(),
        1,
        "discarding writes nothing new"
    );

    h.key(KeyCode::Char('n'));
    h.chars("keep this one");
    h.key(KeyCode::Esc);
    h.key(KeyCode::Char('s'));
    assert_eq!(
        h.store
            .list(&EntryFilter::default(), 5)
            .expect("list")
            .len(),
        1
    );
}

#[test]
fn a_draft_left_by_an_interrupted_session_is_offered_and_restored() {
    let dir = tempfile::tempdir().expect("tmp");
    let path = dir.path().join("j.db");
    let options = debrief::storage::StoreOptions {
        backups: dir.path().join("b"),
        busy_timeout: Duration::from_millis(500),
        now: clock().now(),
    };

    // Session one: type, pause (the draft is written), then vanish without saving.
    {
        let mut h = Harness::new(Store::open(&path, &options).expect("open"), (100, 30));
        h.key(KeyCode::Char('c'));
        h.chars("Shoulders up by my ears after the call");
        h.pause();
        assert_eq!(
            h.store.drafts().expect("drafts").len(),
            1,
            "written after a pause"
        );
        // Dropped here: no save, no quit dialog, as after kill -9.
    }

    // Session two: the draft is offered; restoring it opens the editor with the text.
    let mut h = Harness::new(Store::open(&path, &options).expect("reopen"), (100, 30));
    let s = h.screen();
    assert!(s.contains("A draft was not saved"), "{s}");
    assert!(s.contains("Shoulders up by my ears"), "{s}");
    h.key(KeyCode::Char('r'));
    assert_eq!(h.app.screen, ScreenId::Editor);
    assert!(
        h.screen()
            .contains("Shoulders up by my ears after the call")
    );
    assert!(h.screen().contains("New check-in"));
    h.ctrl('s');
    let list = h.store.list(&EntryFilter::default(), 5).expect("list");
    assert_eq!(list.len(), 1);
    assert_eq!(list[0].kind, Kind::Checkin);
    assert!(
        h.store.drafts().expect("drafts").is_empty(),
        "the draft is gone once saved"
    );
}

#[test]
fn paste_goes_into_the_text_in_one_piece() {
    let mut h = Harness::new(Store::open_in_memory().expect("store"), (100, 30));
    h.key(KeyCode::Char('n'));
    h.event(Event::Paste("line one\r\nline two — ünïcode 🙂".into()));
    h.ctrl('s');
    let e = h.store.list(&EntryFilter::default(), 1).expect("list");
    let body = h.store.get(e[0].id).expect("get").content.body;
    assert_eq!(body, "line one\nline two — ünïcode 🙂");
}

#[test]
fn scrolling_a_long_timeline_loads_pages_on_demand() {
    let mut store = Store::open_in_memory().expect("store");
    for i in 0..450 {
        let t = at(1, 0, 0) + chrono::Duration::minutes(i);
        store
            .add_entry(
                &EntryContent {
                    body: format!("entry {i}"),
                    ..Default::default()
                },
                t,
                0,
                t,
            )
            .expect("add");
    }
    let mut h = Harness::new(store, (80, 24));
    assert_eq!(
        h.app.timeline.entries.len(),
        200,
        "only the first page is loaded"
    );
    for _ in 0..20 {
        h.key(KeyCode::PageDown);
    }
    assert!(h.app.timeline.entries.len() > 200, "the next page arrived");
    h.key(KeyCode::End);
    for _ in 0..5 {
        h.key(KeyCode::End);
    }
    assert_eq!(h.app.timeline.entries.len(), 450);
    assert!(
        h.screen().contains("entry 0"),
        "the oldest entry is reachable"
    );
    h.event(Event::Mouse(ratatui::crossterm::event::MouseEvent {
        kind: ratatui::crossterm::event::MouseEventKind::ScrollUp,
        column: 0,
        row: 5,
        modifiers: KeyModifiers::NONE,
    }));
    assert_eq!(
        h.app.timeline.selected, 448,
        "the mouse wheel moves the selection"
    );
}

#[test]
fn resizing_redraws_at_the_new_size() {
    let mut h = Harness::new(fixture(), (80, 24));
    h.event(Event::Resize(120, 40));
    assert_eq!(h.app.size, (120, 40));
    assert_eq!(h.screen().lines().count(), 40);
    h.event(Event::Resize(30, 8));
    let text = h.screen().split_whitespace().collect::<Vec<_>>().join(" ");
    assert!(text.contains("at least 60×16"), "{text}");
}

#[test]
fn key_overrides_from_the_config_drive_keys_and_hints() {
    let mut config = Config::default();
    config.keys.insert("timeline.new".into(), "w".into());
    let mut h = Harness::with_config(Store::open_in_memory().expect("store"), (100, 30), &config);
    assert!(h.screen().contains("w new reflection"), "{}", h.screen());
    h.key(KeyCode::Char('n'));
    assert_eq!(
        h.app.screen,
        ScreenId::Timeline,
        "the old key no longer acts"
    );
    h.key(KeyCode::Char('w'));
    assert_eq!(h.app.screen, ScreenId::Editor);
}

#[test]
fn undo_and_redo_in_the_text() {
    let mut h = Harness::new(Store::open_in_memory().expect("store"), (100, 30));
    h.key(KeyCode::Char('n'));
    h.chars("ab");
    let body = |h: &Harness| {
        h.app
            .editor
            .as_ref()
            .map(|e| e.snapshot().body)
            .unwrap_or_default()
    };
    h.ctrl('z');
    assert!(body(&h).len() < 2, "undo removed typing: {:?}", body(&h));
    h.ctrl('y');
    assert_eq!(body(&h), "ab");
}

#[test]
fn every_screen_and_the_trash_render_at_the_large_size_too() {
    let mut h = Harness::new(fixture(), (120, 40));
    h.key(KeyCode::Char('d'));
    h.key(KeyCode::Char('t'));
    insta::assert_snapshot!("trash_120x40", h.screen());
}
