//! The terminal interface without a terminal: the real `App` driven through the same
//! `Runtime::step` as the event loop, effects performed on a real (in-memory or temporary)
//! store, screens rendered into ratatui's `TestBackend` with a fixed clock.
//! `snapshots`: every screen at 80x24 and 120x40; `flows`: whole tasks as a person does them;
//! `defects`: each defect found in the old shape, with the test that failed before its fix.

/// The sizes every screen is drawn at: a small terminal and a roomy one.
pub const SIZES: [(u16, u16); 2] = [(80, 24), (120, 40)];

/// A snapshot named after the screen and the size, kept beside the calling module.
macro_rules! snap {
    ($name:expr, $size:expr, $screen:expr) => {{
        let (w, h): (u16, u16) = $size;
        insta::assert_snapshot!(format!("{}_{w}x{h}", $name), $screen);
    }};
}

mod checkin;
mod cpd;
mod defects;
mod export;
mod flows;
mod guard;
mod learning;
mod review;
mod snapshots;
mod supervision;
mod templates;
mod trends;

use std::time::{Duration, Instant};

use chrono::{DateTime, TimeZone, Utc};
use debrief::clock::Clock;
use debrief::config::Config;
use debrief::domain::*;
use debrief::keys::{Keymap, ScreenId};
use debrief::storage::Store;
use debrief::tui::app::App;
use debrief::tui::runtime::{Headless, Runtime};
use debrief::tui::screen::Screen;
use debrief::tui::theme::Theme;
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::crossterm::event::{Event, KeyCode, KeyEvent, KeyModifiers};

/// Sunday 22 November 2026, 15:30 UTC, read one hour east of UTC.
pub fn clock() -> Clock {
    let now = Utc
        .with_ymd_and_hms(2026, 11, 22, 15, 30, 0)
        .single()
        .expect("time");
    Clock::fixed(now, jiff::tz::TimeZone::fixed(jiff::tz::offset(1)))
}

pub fn at(d: u32, h: u32, m: u32) -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 11, d, h, m, 0)
        .single()
        .expect("time")
}

/// An app and its runtime, stepped exactly as the event loop steps them.
pub struct Harness {
    pub app: App,
    pub runtime: Runtime,
    pub now: Instant,
}

impl Harness {
    pub fn new(store: Store, size: (u16, u16)) -> Harness {
        Harness::with_config(store, size, &Config::default())
    }

    pub fn with_config(store: Store, size: (u16, u16), config: &Config) -> Harness {
        Harness::with_theme(store, size, config, Theme::plain())
    }

    pub fn with_theme(store: Store, size: (u16, u16), config: &Config, theme: Theme) -> Harness {
        Harness::build(store, size, config, theme, None)
    }

    /// A harness whose drafts, when the journal refuses them, go to files in `rescue`.
    pub fn with_rescue(store: Store, size: (u16, u16), rescue: &std::path::Path) -> Harness {
        let config = Config::default();
        Harness::build(
            store,
            size,
            &config,
            Theme::plain(),
            Some(rescue.to_path_buf()),
        )
    }

    /// A harness as another debrief process: `holder` is its process id, `alive` says which
    /// processes run.
    pub fn as_process(store: Store, holder: u32, alive: fn(u32) -> bool) -> Harness {
        Harness::start(
            store,
            (100, 30),
            &Config::default(),
            Theme::plain(),
            None,
            |rt| {
                rt.holder = holder;
                rt.alive = alive;
            },
            |_| {},
        )
    }

    /// A harness opened on a review of `kind`, as `debrief review KIND` on a terminal opens.
    pub fn on_review(store: Store, size: (u16, u16), kind: debrief::review::ReviewKind) -> Harness {
        let mut h = Harness::start(
            store,
            size,
            &Config::default(),
            Theme::plain(),
            None,
            |_| {},
            |app| app.open_review(kind),
        );
        h.pause();
        h
    }

    fn build(
        store: Store,
        size: (u16, u16),
        config: &Config,
        theme: Theme,
        rescue: Option<std::path::PathBuf>,
    ) -> Harness {
        Harness::start(store, size, config, theme, rescue, |_| {}, |_| {})
    }

    fn start(
        store: Store,
        size: (u16, u16),
        config: &Config,
        theme: Theme,
        rescue: Option<std::path::PathBuf>,
        setup: impl FnOnce(&mut Runtime),
        open: impl FnOnce(&mut App),
    ) -> Harness {
        let (keymap, _) = Keymap::with_overrides(&config.keys);
        let mut app = App::new(
            config,
            keymap,
            theme,
            clock(),
            "/home/you/.local/share/debrief/debrief.db".into(),
            size,
        );
        open(&mut app);
        let mut runtime = Runtime::new(store, clock(), rescue.as_deref());
        setup(&mut runtime);
        let now = Instant::now();
        runtime.start(&mut app, &mut Headless, now);
        Harness { app, runtime, now }
    }

    pub fn store(&self) -> &Store {
        &self.runtime.store
    }

    /// Events that arrive together (one turn of the event loop).
    pub fn batch(&mut self, events: Vec<Event>) {
        self.now += Duration::from_millis(50);
        self.runtime
            .step(&mut self.app, events, &mut Headless, self.now);
    }

    pub fn event(&mut self, ev: Event) {
        self.batch(vec![ev]);
    }

    pub fn key(&mut self, code: KeyCode) {
        self.event(press(code));
    }

    pub fn ctrl(&mut self, c: char) {
        self.event(Event::Key(KeyEvent::new(
            KeyCode::Char(c),
            KeyModifiers::CONTROL,
        )));
    }

    pub fn chars(&mut self, text: &str) {
        for c in text.chars() {
            self.key(KeyCode::Char(c));
        }
    }

    /// Let time pass without typing (drafts are written after a pause).
    pub fn pause(&mut self) {
        self.now += Duration::from_secs(2);
        self.batch(Vec::new());
    }

    pub fn screen_id(&self) -> ScreenId {
        self.app.screen_id()
    }

    pub fn screen(&self) -> String {
        buffer_text(&self.buffer())
    }

    pub fn buffer(&self) -> ratatui::buffer::Buffer {
        let (w, h) = self.app.ctx.size;
        let mut terminal = Terminal::new(TestBackend::new(w, h)).expect("terminal");
        terminal
            .draw(|f| f.render_widget(&self.app, f.area()))
            .expect("draw");
        terminal.backend().buffer().clone()
    }

    /// The timeline's list state.
    pub fn timeline(&self) -> &debrief::tui::widgets::entry_list::EntryList {
        match self.app.stack.first() {
            Some(Screen::List(l)) => &l.list,
            other => panic!("the timeline is not at the bottom: {other:?}"),
        }
    }

    /// The live entries, newest first.
    pub fn live(&self) -> Vec<EntrySummary> {
        self.store()
            .list(&EntryFilter::default(), 50)
            .expect("list")
    }
}

pub fn press(code: KeyCode) -> Event {
    Event::Key(KeyEvent::new(code, KeyModifiers::NONE))
}

pub fn buffer_text(buf: &ratatui::buffer::Buffer) -> String {
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

fn rating(v: i64) -> Option<Rating> {
    Rating::new("stress", v).ok()
}

/// Three entries of three kinds over a week.
pub fn fixture() -> Store {
    let mut store = Store::open_in_memory().expect("store");
    let add = |store: &mut Store, c: EntryContent, t: DateTime<Utc>| {
        store.add_entry(&c, t, 3600, t).expect("add")
    };
    let mut meeting = EntryContent::text("Long meeting; felt unheard.");
    meeting.common.title = Some("Case conference".into());
    meeting.common.stress = rating(4);
    meeting.common.tags = vec![Tag::parse("meeting").expect("t")];
    add(&mut store, meeting, at(16, 14, 0));

    let mut checkin = EntryContent::of_kind(Kind::Checkin);
    checkin.common.body = "Jaw clenched before court".into();
    checkin.common.stress = rating(8);
    checkin.common.flags.for_supervision = true;
    checkin.details = Details::Checkin(CheckIn {
        sensations: vec![
            BodySensation::parse("jaw_mouth:clenched:3", Vocabulary::builtin()).expect("s"),
        ],
        emotions: vec![Emotion::parse("worried:2", Vocabulary::builtin()).expect("e")],
        difficulties: Vec::new(),
    });
    add(&mut store, checkin, at(21, 9, 15));

    let mut visit = EntryContent::text(
        "Café visit with the foster carer — long, Unicode-heavy notes: 日本語のテキスト、絵文字 🙂🙂, accents éèê, and a line that is much longer than any terminal is wide so that it has to be cut or wrapped somewhere sensible by the interface.\n\nSecond paragraph about boundaries and what I would do differently next time.",
    );
    visit.common.stress = rating(2);
    visit.common.tags = vec![
        Tag::parse("home-visit").expect("t"),
        Tag::parse("foster-care").expect("t"),
    ];
    visit.common.flags.starred = true;
    visit.common.flags.unfinished = true;
    add(&mut store, visit, at(22, 11, 5));
    store
}

/// `n` short reflections, one a minute from 1 November, `entry 0` the oldest.
pub fn many(n: i64) -> Store {
    let mut store = Store::open_in_memory().expect("store");
    for i in 0..n {
        let t = at(1, 0, 0) + chrono::Duration::minutes(i);
        store
            .add_entry(&EntryContent::text(format!("entry {i}")), t, 0, t)
            .expect("add");
    }
    store
}

/// A journal file in a temporary folder, for tests that close and reopen it.
pub struct TempJournal {
    _dir: tempfile::TempDir,
    pub path: std::path::PathBuf,
    pub options: debrief::storage::StoreOptions,
}

impl TempJournal {
    pub fn new() -> TempJournal {
        TempJournal::keyed(crate::keying::Keying::Plain)
    }

    /// A journal file, encrypted or not.
    pub fn keyed(keying: crate::keying::Keying) -> TempJournal {
        let dir = tempfile::tempdir().expect("tmp");
        TempJournal {
            path: dir.path().join("j.db"),
            options: debrief::storage::StoreOptions {
                key: keying.key(),
                backups: dir.path().join("b"),
                busy_timeout: Duration::from_millis(500),
                now: clock().now(),
            },
            _dir: dir,
        }
    }

    pub fn open(&self) -> Store {
        Store::open(&self.path, &self.options).expect("open")
    }
}
