//! Core operations at 1,000, 10,000 and 100,000 entries: open, add, add a check-in, list the
//! newest 50, search a rare word and a common phrase, filter by tag, show one entry; and in
//! the terminal interface: the first frame, a page down, opening an entry, a keystroke in
//! search, opening the check-in and moving between its steps. Journals are generated
//! (deterministically) on first use and cached under `target/debrief-bench/`.
//!
//! `cargo bench` runs all sizes; `DEBRIEF_BENCH_SIZES=1000,10000 cargo bench` picks some.

#[path = "support/corpus.rs"]
mod corpus;
#[path = "support/shared.rs"]
mod shared;

use std::time::{Duration, Instant};

use criterion::{BenchmarkId, Criterion, criterion_group, criterion_main};
use debrief::clock::Clock;
use debrief::config::Config;
use debrief::domain::{EntryContent, EntryFilter, EntryId, Tag};
use debrief::keys::{Action, Keymap};
use debrief::storage::{Store, StoreOptions};
use debrief::tui::app::App;
use debrief::tui::runtime::{Headless, Runtime};
use debrief::tui::screen::Screen;
use debrief::tui::theme::Theme;
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::crossterm::event::{Event, KeyCode, KeyEvent, KeyModifiers};

use shared::{journal, sizes};

fn options(dir: &std::path::Path) -> StoreOptions {
    shared::options(dir, None)
}

/// An action in the interface, and its effects carried out, as the event loop does.
/// An app with the default settings, for its context.
fn new_app_plain(clock: &Clock) -> App {
    App::new(
        &Config::default(),
        Keymap::default(),
        Theme::plain(),
        clock.clone(),
        "bench".into(),
        (120, 40),
    )
}

fn act(app: &mut App, runtime: &mut Runtime, action: Action) {
    let effects = app.on_action(action, Instant::now());
    runtime.drain(app, effects, &mut Headless, Instant::now());
}

/// An input event in the interface, and its effects carried out.
fn feed(app: &mut App, runtime: &mut Runtime, event: Event) {
    let effects = app.on_event(event, Instant::now());
    runtime.drain(app, effects, &mut Headless, Instant::now());
}

/// Draw a frame, as the event loop does after each turn.
fn draw(terminal: &mut Terminal<TestBackend>, app: &App) {
    terminal
        .draw(|f| f.render_widget(app, f.area()))
        .expect("draw");
}

fn key(c: char) -> Event {
    Event::Key(KeyEvent::new(KeyCode::Char(c), KeyModifiers::NONE))
}

fn backspace() -> Event {
    Event::Key(KeyEvent::new(KeyCode::Backspace, KeyModifiers::NONE))
}

fn bench(c: &mut Criterion) {
    for n in sizes() {
        let path = journal(n);
        let dir = path.parent().expect("dir").to_path_buf();
        let mut group = c.benchmark_group(format!("{n} entries"));
        group
            .sample_size(30)
            .measurement_time(Duration::from_secs(3));

        group.bench_function(BenchmarkId::new("open", n), |b| {
            b.iter(|| Store::open(&path, &options(&dir)).expect("open"))
        });

        let store = Store::open(&path, &options(&dir)).expect("open");
        let all = EntryFilter::default();
        group.bench_function(BenchmarkId::new("list newest 50", n), |b| {
            b.iter(|| store.list(&all, 50).expect("list"))
        });
        group.bench_function(BenchmarkId::new("search rare word", n), |b| {
            b.iter(|| {
                store
                    .search(corpus::RARE_WORD, false, &all, 50)
                    .expect("search")
            })
        });
        group.bench_function(BenchmarkId::new("search common phrase", n), |b| {
            b.iter(|| {
                store
                    .search(corpus::COMMON_PHRASE, false, &all, 50)
                    .expect("search")
            })
        });
        let tagged = EntryFilter {
            tags: vec![Tag::parse(corpus::FILTER_TAG).expect("tag")],
            ..Default::default()
        };
        group.bench_function(BenchmarkId::new("tag filter newest 50", n), |b| {
            b.iter(|| store.list(&tagged, 50).expect("list"))
        });
        let middle = EntryId((n / 2) as i64);
        group.bench_function(BenchmarkId::new("show one entry", n), |b| {
            b.iter(|| store.get(middle).expect("get"))
        });

        // Trends over the whole journal (the generated one spans ten years), gathered, and
        // the screen's busiest views drawn from them.
        let vocab = debrief::domain::Vocabulary::builtin();
        let clock = Clock::system();
        let now = clock.local(clock.now()).date_naive();
        let first = store.first_day().expect("first").unwrap_or(now);
        group.bench_function(BenchmarkId::new("trends all gather", n), |b| {
            b.iter(|| debrief::review::trends(&store, (first, now), vocab).expect("trends"))
        });
        let loaded = debrief::tui::msg::TrendsLoaded {
            range: debrief::analytics::Range::All,
            from: first,
            to: now,
            trends: debrief::review::trends(&store, (first, now), vocab).expect("trends"),
            signals: Some(Vec::new()),
        };
        group.bench_function(BenchmarkId::new("trends screen draw all views", n), |b| {
            let clock = Clock::system();
            let app = new_app_plain(&clock);
            let mut terminal = Terminal::new(TestBackend::new(120, 40)).expect("terminal");
            b.iter(|| {
                for tab in debrief::tui::screens::trends::Tab::ALL {
                    let screen = debrief::tui::screens::trends::TrendsScreen {
                        range: debrief::analytics::Range::All,
                        tab,
                        loaded: Some(loaded.clone()),
                        with_signals: true,
                        ..Default::default()
                    };
                    terminal
                        .draw(|f| {
                            use debrief::tui::screen::View;
                            screen.render(f.area(), f.buffer_mut(), &app.ctx)
                        })
                        .expect("draw");
                }
            })
        });

        group.bench_function(BenchmarkId::new("timeline first frame", n), |b| {
            let clock = Clock::system();
            b.iter(|| {
                let store = Store::open(&path, &options(&dir)).expect("open");
                let mut runtime = Runtime::new(store, clock.clone(), None);
                let mut app = new_app_plain(&clock);
                runtime.start(&mut app, &mut Headless, Instant::now());
                let mut terminal = Terminal::new(TestBackend::new(120, 40)).expect("terminal");
                draw(&mut terminal, &app);
            })
        });
        // The interface, already open: a page down, opening the selected entry, and one
        // keystroke in search (each followed by drawing the frame, as the event loop does).
        let clock = Clock::system();
        let tui_store = Store::open(&path, &options(&dir)).expect("open");
        let mut runtime = Runtime::new(tui_store, clock.clone(), None);
        let mut app = new_app_plain(&clock);
        let mut terminal = Terminal::new(TestBackend::new(120, 40)).expect("terminal");
        runtime.start(&mut app, &mut Headless, Instant::now());
        let timeline_selected = |app: &App| match app.stack.first() {
            Some(Screen::List(l)) => l.list.selected,
            _ => 0,
        };
        group.bench_function(BenchmarkId::new("tui page down", n), |b| {
            b.iter(|| {
                if timeline_selected(&app) > 5_000 {
                    act(&mut app, &mut runtime, Action::Top);
                }
                act(&mut app, &mut runtime, Action::PageDown);
                draw(&mut terminal, &app);
            })
        });
        act(&mut app, &mut runtime, Action::Top);
        group.bench_function(BenchmarkId::new("tui open entry", n), |b| {
            b.iter(|| {
                act(&mut app, &mut runtime, Action::Open);
                draw(&mut terminal, &app);
                act(&mut app, &mut runtime, Action::Back);
            })
        });
        // The check-in: opening it (and closing it, unchanged), and one step forward and
        // one back, each drawn.
        group.bench_function(BenchmarkId::new("tui checkin open", n), |b| {
            b.iter(|| {
                act(&mut app, &mut runtime, Action::NewCheckin);
                draw(&mut terminal, &app);
                act(&mut app, &mut runtime, Action::Back);
            })
        });
        act(&mut app, &mut runtime, Action::NewCheckin);
        group.bench_function(BenchmarkId::new("tui checkin two steps", n), |b| {
            b.iter(|| {
                for action in [Action::NextField, Action::PrevField] {
                    act(&mut app, &mut runtime, action);
                    draw(&mut terminal, &app);
                }
            })
        });
        act(&mut app, &mut runtime, Action::Back);

        // Reflective models: the picker opened and drawn (then closed), and in a Gibbs
        // reflection one move to the next field or stage, drawn.
        group.bench_function(BenchmarkId::new("tui template picker", n), |b| {
            b.iter(|| {
                act(&mut app, &mut runtime, Action::NewWithModel);
                draw(&mut terminal, &app);
                act(&mut app, &mut runtime, Action::Back);
            })
        });
        act(&mut app, &mut runtime, Action::NewWithModel);
        feed(&mut app, &mut runtime, key('b'));
        group.bench_function(BenchmarkId::new("tui stage switch", n), |b| {
            b.iter(|| {
                act(&mut app, &mut runtime, Action::NextField);
                draw(&mut terminal, &app);
            })
        });
        act(&mut app, &mut runtime, Action::Back);

        act(&mut app, &mut runtime, Action::Search);
        for c in "home visi".chars() {
            feed(&mut app, &mut runtime, key(c));
        }
        group.bench_function(BenchmarkId::new("tui search two keystrokes", n), |b| {
            // Type the last letter and erase it again ("home visi" -> "home visit" ->
            // "home visi"), drawing after each: every iteration does the same work.
            b.iter(|| {
                for ev in [key('t'), backspace()] {
                    feed(&mut app, &mut runtime, ev);
                    draw(&mut terminal, &app);
                }
            })
        });
        drop(runtime);
        drop(store);

        // Adding writes to a copy, so the cached journal stays the same size.
        let copy = dir.join(format!("add-{n}.db"));
        let _ = std::fs::remove_file(&copy);
        Store::open(&path, &options(&dir))
            .expect("open")
            .backup_to(&copy)
            .expect("copy");
        let mut store = Store::open(&copy, &options(&dir)).expect("open copy");
        let content = EntryContent::text("A short note after the visit #home-visit");
        group.bench_function(BenchmarkId::new("add", n), |b| {
            b.iter(|| {
                store
                    .add_entry(&content, clock.now(), 0, clock.now())
                    .expect("add")
            })
        });
        let checkin = checkin_content();
        group.bench_function(BenchmarkId::new("add checkin", n), |b| {
            b.iter(|| {
                store
                    .add_entry(&checkin, clock.now(), 0, clock.now())
                    .expect("add")
            })
        });
        drop(store);
        let _ = std::fs::remove_file(&copy);
        group.finish();
    }
}

/// A typical check-in: stress, energy, two regions, one emotion, context, a flag.
fn checkin_content() -> EntryContent {
    use debrief::domain::{BodySensation, CheckIn, Details, Emotion, Kind, Rating, Vocabulary};
    let v = Vocabulary::builtin();
    let mut c = EntryContent::of_kind(Kind::Checkin);
    c.common.stress = Rating::new("stress", 6).ok();
    c.common.energy = Rating::new("energy", 4).ok();
    c.common.work_context = Some("home_visit".into());
    c.details = Details::Checkin(CheckIn {
        sensations: vec![
            BodySensation::parse("chest:tight", v).expect("sensation"),
            BodySensation::parse("shoulders:tense:3", v).expect("sensation"),
        ],
        emotions: vec![Emotion::parse("anxious:2", v).expect("emotion")],
        difficulties: vec!["lone_late".into()],
    });
    c
}

criterion_group!(benches, bench);
criterion_main!(benches);
