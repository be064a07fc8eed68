//! Trends in the interface: `T` opens the views over three weeks of check-ins whose figures
//! were worked out by hand; the signal goes on the agenda with `a`; the grids carry numbers
//! and colour their bands; ranges change with `r`; trends can be switched off.

use ratatui::style::{Color, Modifier};

use super::*;

/// Two check-ins a day from 2 to 22 November at 09:00 UTC (10:00 on the clock then): stress
/// 4 and 6 until 15 November, then 8 and 10. Home visits on even days, court on odd ones;
/// the chest every time.
fn three_weeks() -> Store {
    let mut store = Store::open_in_memory().expect("store");
    for d in 2..=22u32 {
        for (k, extra) in [(0, 0), (1, 2)] {
            let mut c = EntryContent::of_kind(Kind::Checkin);
            let base = if d <= 15 { 4 } else { 8 };
            c.common.stress = Rating::new("stress", base + extra).ok();
            c.common.work_context = Some(if d % 2 == 0 { "home_visit" } else { "court" }.into());
            c.details = Details::Checkin(CheckIn {
                sensations: vec![
                    BodySensation::parse("chest:tight:2", Vocabulary::builtin()).expect("s"),
                ],
                emotions: vec![Emotion::parse("anxious", Vocabulary::builtin()).expect("e")],
                difficulties: Vec::new(),
            });
            let t = at(d, 9, k);
            store.add_entry(&c, t, 3600, t).expect("add");
        }
    }
    store
}

/// The cell at the column `x` of the row whose text starts with `label`.
fn cell_after(h: &Harness, label: &str, x: u16) -> ratatui::buffer::Cell {
    let buf = h.buffer();
    let area = buf.area;
    let y = (0..area.height)
        .find(|y| {
            let line: String = (0..area.width).map(|x| buf[(x, *y)].symbol()).collect();
            line.starts_with(label)
        })
        .unwrap_or_else(|| panic!("no row {label}: {}", h.screen()));
    buf[(x, y)].clone()
}

#[test]
fn the_views_show_the_figures_worked_out_by_hand() {
    // In colour, so the bands' colours can be checked.
    let theme = Theme::new(debrief::config::ThemeName::Default, false);
    for size in SIZES {
        let mut h = Harness::with_theme(three_weeks(), size, &Config::default(), theme);
        h.key(KeyCode::Char('T'));
        assert_eq!(h.screen_id(), ScreenId::Trends);
        let s = h.screen();
        // 42 ratings: 14 of 4, 14 of 6, 7 of 8, 7 of 10 -> 266/42 = 6.33.
        for part in [
            "mean stress 6.3 (n=42)",
            "High stress in recent check-ins",
            "Stress was 7 or more in 7 of your last 7 check-ins (since Thu 19 Nov).",
            "not a diagnosis",
            "Samaritans",
        ] {
            assert!(s.contains(part), "{part}: {s}");
        }
        snap!("trends_signals", size, s);
        h.key(KeyCode::Char('a'));
        let queued = h.store().agenda_queue().expect("queue");
        assert_eq!(queued.len(), 1, "{}", h.screen());
        assert!(
            queued[0].text.starts_with(
                "High stress in recent check-ins: Stress was 7 or more in 7 of my last 7"
            ),
            "{}",
            queued[0].text
        );
        assert_eq!(queued[0].function, Some(debrief::domain::Function::Support));

        h.key(KeyCode::Tab);
        let s = h.screen();
        assert!(s.contains("28-day mean") && s.contains("stress"), "{s}");
        // Two a day; at 80 columns a column of the sparkline holds two days.
        let ratings = if size.0 >= 100 {
            "ratings each day (most 2)"
        } else {
            "ratings every 2 days (most 4)"
        };
        assert!(s.contains(ratings), "{s}");
        snap!("trends_over_time", size, s);

        // The calendar: 22 November's mean is (8+10)/2 = 9, in the high band.
        h.key(KeyCode::Tab);
        let cw = if size.0 >= 102 { 3 } else { 2 };
        let nine = cell_after(&h, "Nov 2026", 9 + 21 * cw + cw - 1);
        assert_eq!(nine.symbol(), "9", "{}", h.screen());
        assert_eq!(nine.fg, Color::Red);
        assert!(nine.modifier.contains(Modifier::REVERSED));
        snap!("trends_calendar", size, h.screen());

        // Mondays 2, 9 and 16 November at 10:00: 4, 6, 4, 6, 8, 10 -> 6.33, middling.
        h.key(KeyCode::Tab);
        let six = cell_after(&h, "Mon", 5 + 10 * 3 + 2);
        assert_eq!(six.symbol(), "6", "{}", h.screen());
        assert_eq!(six.fg, Color::Yellow);
        assert_eq!(cell_after(&h, "Mon", 5 + 9 * 3 + 2).symbol(), "·");
        snap!("trends_when", size, h.screen());

        // Home visits: even days, 2-14 at 4/6 and 16-22 at 8/10: 7 days of 10 and 4 of 18
        // -> (70+72)/22 = 6.45; court: 7 days of 10 and 3 of 18 -> 124/20 = 6.2.
        h.key(KeyCode::Tab);
        let s = h.screen();
        assert!(s.contains("home visit") && s.contains("6.5 ±"), "{s}");
        assert!(
            s.contains("n=22") && s.contains("6.2 ±") && s.contains("n=20"),
            "{s}"
        );
        snap!("trends_work", size, s);

        h.key(KeyCode::Tab);
        let s = h.screen();
        // 42 check-ins with the chest at 2; by kind of work, 22 home visits and 20 court days.
        assert!(s.contains("chest") && s.contains("42 · 2.0"), "{s}");
        assert!(s.contains("home visit 22, court or hearing 20"), "{s}");
        snap!("trends_body", size, s);
        let chest = body_map_cell(&h, 'c');
        assert_eq!(chest.fg, Color::Red, "the region that came up most");
        h.key(KeyCode::Tab);
        // 42 words, all anxious; nothing chosen in the three weeks before the journal began.
        assert!(
            h.screen()
                .contains("100% (42 of 42)  (before: no earlier data)"),
            "{}",
            h.screen()
        );
        snap!("trends_emotions", size, h.screen());
        h.key(KeyCode::Tab);
        snap!("trends_with_without", size, h.screen());
        assert!(
            h.screen()
                .contains("a break: not enough data, needs 5 rated days on each side"),
            "{}",
            h.screen()
        );
        h.key(KeyCode::Char('r'));
        assert!(h.screen().contains("Trends · a year"), "{}", h.screen());
        assert!(h.screen().contains("mean stress 6.3 (n=42)"));
        h.key(KeyCode::Esc);
        assert_eq!(h.screen_id(), ScreenId::Timeline);
    }
}

/// The body map's cell for a region's letter (the art starts four rows down: title bar,
/// views, period, a blank line).
fn body_map_cell(h: &Harness, key: char) -> ratatui::buffer::Cell {
    let (x, y) = debrief::tui::widgets::body_map::position(key).expect("on the art");
    h.buffer()[(x, y + 4)].clone()
}

#[test]
fn an_empty_journal_and_a_small_window() {
    let mut h = Harness::new(Store::open_in_memory().expect("store"), (60, 16));
    h.key(KeyCode::Char('T'));
    // No signals: it opens on stress over time, the signals a view back.
    let s = h.screen();
    assert!(s.contains("Over time   2 of 8"), "{s}");
    assert!(s.contains("mean stress not enough data (n=0)"), "{s}");
    assert!(s.contains("No stress ratings in this period."), "{s}");
    h.key(KeyCode::BackTab);
    assert!(
        h.screen().contains("No early-warning signals now."),
        "{}",
        h.screen()
    );
    let mut h = Harness::new(three_weeks(), (60, 16));
    h.key(KeyCode::Char('T'));
    for _ in 0..8 {
        h.key(KeyCode::Tab);
        assert!(h.screen().contains("mean stress 6.3"), "{}", h.screen());
    }
}

#[test]
fn trends_and_signals_follow_the_settings() {
    let mut off = Config::default();
    off.trends.show = false;
    let mut h = Harness::with_config(three_weeks(), (80, 24), &off);
    h.key(KeyCode::Char('T'));
    assert_eq!(h.screen_id(), ScreenId::Timeline);
    assert!(
        h.screen().contains("Trends are switched off"),
        "{}",
        h.screen()
    );

    let mut quiet = Config::default();
    quiet.trends.signals = false;
    let mut h = Harness::with_config(three_weeks(), (120, 40), &quiet);
    h.key(KeyCode::Char('T'));
    let s = h.screen();
    assert!(!s.contains("Signals") && !s.contains("High stress"), "{s}");
    assert!(s.contains("28-day mean"), "opens on stress over time: {s}");
}

#[test]
fn the_calendar_goes_back_in_time_with_up() {
    // Check-ins in January and November 2026: a year (from 23 November 2025) shows thirteen
    // months, more than fit in a 60x16 window.
    let mut store = three_weeks();
    let mut c = EntryContent::of_kind(Kind::Checkin);
    c.common.stress = Rating::new("stress", 3).ok();
    let january = Utc
        .with_ymd_and_hms(2026, 1, 15, 9, 0, 0)
        .single()
        .expect("time");
    store.add_entry(&c, january, 0, january).expect("add");
    let mut h = Harness::new(store, (60, 16));
    h.key(KeyCode::Char('T'));
    h.key(KeyCode::Char('r'));
    h.key(KeyCode::Tab);
    h.key(KeyCode::Tab);
    let s = h.screen();
    assert!(s.contains("Nov 2026") && !s.contains("Jan 2026"), "{s}");
    assert!(s.contains("↑ older, ↓ newer (13 months in all)"), "{s}");
    assert!(s.contains("23 Nov 25 to 22 Nov 26"), "{s}");
    for _ in 0..40 {
        h.key(KeyCode::Up);
    }
    let s = h.screen();
    assert!(
        s.contains("Nov 2025") && s.contains("Jan 2026 ··············3"),
        "{s}"
    );
    assert!(!s.contains("Nov 2026"), "{s}");
    // The first month is at the top: one step down shows the next one.
    h.key(KeyCode::Down);
    assert!(!h.screen().contains("Nov 2025"), "{}", h.screen());
}
