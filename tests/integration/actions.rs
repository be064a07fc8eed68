//! One action, both front ends, the same stored result: a supervision note written up after
//! the session (its date, what it covers, the days after it), a note added as `add --kind
//! supervision`, and an edit that would overwrite a change made meanwhile. Each test here
//! failed before the journal layer (`src/journal`) held the rule for both.

use chrono::{Duration, NaiveDate};
use debrief::domain::*;
use debrief::storage::Store;
use ratatui::crossterm::event::KeyCode;

use super::cli::Journal;
use super::tui::{Harness, at};

fn day(v: &serde_json::Value) -> NaiveDate {
    v.as_str().expect("a day").parse().expect("a date")
}

/// The day an RFC 3339 time falls on, on its own offset's calendar.
fn day_of(created: &serde_json::Value) -> NaiveDate {
    chrono::DateTime::parse_from_rfc3339(created.as_str().expect("created"))
        .expect("rfc 3339")
        .date_naive()
}

#[test]
fn a_session_written_up_later_is_dated_that_day_on_the_command_line() {
    let j = Journal::new();
    let before = j.add(&[
        "Before the session",
        "--for-supervision",
        "--at",
        "25 days ago",
    ]);
    let after = j.add(&[
        "After the session",
        "--for-supervision",
        "--at",
        "5 days ago",
    ]);
    let out = j.run(&[
        "supervision",
        "add",
        "--on",
        "3 weeks ago",
        "--next",
        "in 2 weeks",
        "--action",
        "call; due=in 1 week",
    ]);
    assert!(out.contains("It covers 1 entry flagged"), "{out}");
    let note = j.json(&["show", "3", "--json"]);
    let held = day(&note["supervision"]["held_on"]);
    // Today where the command ran (the test journal's commands run in Europe/London).
    let london = jiff::tz::TimeZone::get("Europe/London").expect("tz");
    let clock = debrief::clock::Clock::fixed(debrief::clock::Clock::system().now(), london);
    let today = clock.local(clock.now()).date_naive();
    assert_eq!(held, today - Duration::days(21));
    // Dated on the session's day, not when it was typed up.
    assert_eq!(day_of(&note["created"]), held);
    // Days after the session count from the session.
    assert_eq!(
        day(&note["supervision"]["next_on"]),
        held + Duration::days(14)
    );
    assert_eq!(
        day(&note["supervision"]["actions"][0]["due_on"]),
        held + Duration::days(7)
    );
    // It covers what was flagged before it; what was flagged after it stays flagged.
    let flagged = |id: i64| j.json(&["show", &id.to_string(), "--json"])["for_supervision"].clone();
    assert_eq!(flagged(before), false);
    assert_eq!(flagged(after), true);
}

/// The interface's supervision form, written up on Sunday 22 November 2026 for a session
/// held three weeks before, on Sunday 1 November: the same rules as the command line.
#[test]
fn a_session_written_up_later_is_dated_that_day_in_the_interface() {
    let mut store = Store::open_in_memory().expect("store");
    let mut flagged = EntryContent::text("Before the session");
    flagged.common.flags.for_supervision = true;
    let before = store
        .add_entry(&flagged, at(1, 9, 0), 3600, at(1, 9, 0))
        .expect("add");
    flagged.common.body = "After the session".into();
    let after = store
        .add_entry(&flagged, at(17, 9, 0), 3600, at(17, 9, 0))
        .expect("add");
    let mut h = Harness::new(store, (100, 30));
    h.key(KeyCode::Char('v'));
    h.chars("Monthly supervision");
    h.key(KeyCode::Tab);
    h.chars("3 weeks ago");
    h.key(KeyCode::Tab);
    h.key(KeyCode::Tab);
    h.key(KeyCode::Tab);
    h.chars("in 2 weeks");
    // Tags, Flags, the notes, then agenda, decisions, support, learning and actions.
    for _ in 0..8 {
        h.key(KeyCode::Tab);
    }
    h.chars("call; due=in 1 week");
    h.ctrl('s');
    assert_eq!(
        h.screen_id(),
        debrief::keys::ScreenId::Reader,
        "{}",
        h.screen()
    );
    let note = h
        .store()
        .list(&EntryFilter::default(), 10)
        .expect("list")
        .into_iter()
        .find(|e| e.kind == Kind::Supervision)
        .expect("the note");
    let Details::Supervision(s) = h.store().get(note.id).expect("get").content.details else {
        panic!("not a supervision note");
    };
    let d = |m, d| NaiveDate::from_ymd_opt(2026, m, d);
    assert_eq!(s.held_on, d(11, 1));
    assert_eq!(
        note.created.date_naive(),
        NaiveDate::from_ymd_opt(2026, 11, 1).expect("day")
    );
    assert_eq!(s.next_on, d(11, 15));
    assert_eq!(s.actions[0].due_on, d(11, 8));
    assert_eq!(h.store().covered_by(note.id).expect("covered"), [before]);
    let flags = |id| h.store().get(id).expect("get").content.common.flags;
    assert!(!flags(before).for_supervision);
    assert!(flags(after).for_supervision, "a later flag was taken");
}

#[test]
fn a_supervision_note_made_with_add_covers_the_flags_and_takes_the_queue() {
    let j = Journal::new();
    let flagged = j.add(&["The Jones visit", "--for-supervision", "--at", "2 days ago"]);
    j.run(&["supervision", "agenda", "add", "Leave", "over", "Christmas"]);
    let out = j.run(&["add", "--kind", "supervision", "Talked", "it", "through"]);
    assert!(out.contains("It covers 1 entry flagged"), "{out}");
    assert_eq!(
        j.json(&["show", &flagged.to_string(), "--json"])["for_supervision"],
        false
    );
    let note = j.json(&["show", "2", "--json"]);
    let agenda = note["supervision"]["agenda"].as_array().expect("agenda");
    assert_eq!(agenda.len(), 1, "{note}");
    assert_eq!(agenda[0]["text"], "Leave over Christmas");
    assert_eq!(
        day(&note["supervision"]["held_on"]),
        day_of(&note["created"]),
        "held on the day it is dated"
    );
    let queue = j.json(&["supervision", "agenda", "--json"]);
    assert_eq!(queue["queued"].as_array().map(Vec::len), Some(0), "{queue}");
}

/// A session written up later takes only what was queued by its day, and its next session
/// and due dates cannot come before it.
#[test]
fn a_session_written_up_later_leaves_later_items_and_refuses_days_before_it() {
    let j = Journal::new();
    j.run(&["supervision", "agenda", "add", "Queued", "today"]);
    j.run(&["supervision", "add", "--on", "3 weeks ago"]);
    let queue = j.json(&["supervision", "agenda", "--json"]);
    assert_eq!(queue["queued"][0]["text"], "Queued today", "{queue}");
    j.fails(
        &[
            "supervision",
            "add",
            "--on",
            "3 weeks ago",
            "--next",
            "4 weeks ago",
        ],
        "is before this one",
    );
    j.fails(
        &["supervision", "add", "--action", "call; due=yesterday"],
        "before the session that agreed it",
    );
}
