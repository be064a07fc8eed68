//! Supervision in the interface: `v` opens the note's form (date, who, kind of session, next
//! date, then agenda, decisions, support, learning and actions a line an item); the note
//! covers what was flagged; an unreadable due date keeps the form open and survives a crash.

use super::*;

fn session_of(h: &Harness, id: EntryId) -> Supervision {
    match h.store().get(id).expect("get").content.details {
        Details::Supervision(s) => s,
        other => panic!("not a supervision note: {other:?}"),
    }
}

/// Type a whole session into the form, from its title to its first action.
fn fill(h: &mut Harness) {
    h.key(KeyCode::Char('v'));
    h.chars("Monthly supervision");
    h.key(KeyCode::Tab);
    h.chars("2026-11-20");
    h.key(KeyCode::Tab);
    h.chars("Sam");
    h.key(KeyCode::Tab);
    h.key(KeyCode::Char('i'));
    h.key(KeyCode::Tab);
    h.chars("2026-12-18");
    // Tags, Flags, the notes, then the sections.
    for _ in 0..4 {
        h.key(KeyCode::Tab);
    }
    h.chars("support: the Jones visit");
    h.key(KeyCode::Enter);
    h.chars("> heavy; pace the visits");
    h.key(KeyCode::Enter);
    h.chars("management: caseload");
    h.key(KeyCode::Tab);
    h.chars("Co-work the next visit");
    h.key(KeyCode::Tab);
    h.chars("A debrief after court days");
    h.key(KeyCode::Tab);
    h.key(KeyCode::Tab);
    h.chars("Book court skills day; owner=me; due=2026-12-04");
}

#[test]
fn a_session_is_written_in_the_form_and_stored_whole() {
    for size in SIZES {
        let mut store = Store::open_in_memory().expect("store");
        let mut flagged = EntryContent::text("The Jones visit");
        flagged.common.flags.for_supervision = true;
        let early = store
            .add_entry(&flagged, at(20, 9, 0), 3600, at(20, 9, 0))
            .expect("add");
        let mut h = Harness::new(store, size);
        fill(&mut h);
        let s = h.screen();
        for part in [
            "New supervision note",
            "‹ individual ›",
            "Actions ✓",
            "owner=who; due=when",
        ] {
            assert!(s.contains(part), "{part}: {s}");
        }
        snap!("supervision_form", size, s);
        h.ctrl('s');
        assert_eq!(h.screen_id(), ScreenId::Reader, "{}", h.screen());
        let id = h.live()[0].id;
        let s = session_of(&h, id);
        assert_eq!(s.held_on, chrono::NaiveDate::from_ymd_opt(2026, 11, 20));
        assert_eq!(s.supervisor.as_deref(), Some("Sam"));
        assert_eq!(s.session_type.as_deref(), Some("individual"));
        assert_eq!(s.next_on, chrono::NaiveDate::from_ymd_opt(2026, 12, 18));
        assert_eq!(s.agenda.len(), 2);
        assert_eq!(s.agenda[0].function.as_deref(), Some("support"));
        assert_eq!(
            s.agenda[0].discussion.as_deref(),
            Some("heavy; pace the visits")
        );
        assert_eq!(s.decisions[0].text, "Co-work the next visit");
        assert_eq!(s.support.as_deref(), Some("A debrief after court days"));
        assert_eq!(s.actions[0].owner.as_deref(), Some("me"));
        assert_eq!(h.store().covered_by(id).expect("covered"), [early]);
        assert!(
            h.screen().contains("next     Friday 18 December 2026"),
            "{}",
            h.screen()
        );
    }
}

#[test]
fn editing_a_session_keeps_its_items_and_their_statuses() {
    let mut h = Harness::new(Store::open_in_memory().expect("store"), (80, 24));
    fill(&mut h);
    h.ctrl('s');
    let id = h.live()[0].id;
    let action = session_of(&h, id).actions[0].id.expect("stored");
    let mut store_side = h.store().action(action).expect("action");
    assert_eq!(store_side.action.status, ActionStatus::Open);
    h.runtime
        .store
        .change_action(
            action,
            &debrief::storage::sessions::ActionChange::Done,
            clock().now(),
        )
        .expect("done");
    // Reopen the note (the reader is on it), change the action's wording, add one.
    h.key(KeyCode::Esc);
    h.key(KeyCode::Char('e'));
    h.key(KeyCode::Tab);
    assert!(
        h.screen().contains("Editing #1 (supervision note)"),
        "{}",
        h.screen()
    );
    h.key(KeyCode::BackTab);
    for _ in 0..12 {
        h.key(KeyCode::Tab);
    }
    h.key(KeyCode::Enter);
    h.chars("Call the school");
    h.ctrl('s');
    let s = session_of(&h, id);
    assert_eq!(s.actions.len(), 2, "{:?}", s.actions);
    assert_eq!(s.actions[0].id, Some(action));
    store_side = h.store().action(action).expect("action");
    assert_eq!(store_side.action.status, ActionStatus::Done, "kept");
    assert_eq!(s.actions[1].text, "Call the school");
    assert_eq!(s.actions[1].status, ActionStatus::Open);
}

#[test]
fn an_unreadable_due_date_keeps_the_form_and_survives_in_a_draft() {
    let journal = TempJournal::new();
    {
        let mut h = Harness::new(journal.open(), (80, 24));
        fill(&mut h);
        h.chars("x");
        h.key(KeyCode::Enter);
        h.chars("Call the school; due=sometime");
        h.ctrl('s');
        let s = h.screen();
        assert!(
            s.contains("Actions, line 2: cannot read the date 'sometime'"),
            "{s}"
        );
        assert_eq!(h.screen_id(), ScreenId::Editor);
        assert!(h.live().is_empty());
        h.pause();
        // Dropped here, as after kill -9.
    }
    let mut h = Harness::new(journal.open(), (80, 24));
    assert!(h.screen().contains("Monthly supervision"), "{}", h.screen());
    h.key(KeyCode::Char('r'));
    for _ in 0..12 {
        h.key(KeyCode::Tab);
    }
    let s = h.screen();
    assert!(
        s.contains("New supervision note") && s.contains("due=sometime"),
        "{s}"
    );
}

/// A session a week back with an overdue and an undated action, two flagged entries after
/// it, and a queued item.
fn prepared() -> Store {
    let mut store = Store::open_in_memory().expect("store");
    let mut c = EntryContent::of_kind(Kind::Supervision);
    c.details = Details::Supervision(Supervision {
        held_on: chrono::NaiveDate::from_ymd_opt(2026, 11, 15),
        agenda: vec![AgendaItem::new(
            "Caseload",
            Some(supervision::Function::Management),
        )],
        actions: vec![
            ActionItem {
                text: "Book court skills day".into(),
                due_on: chrono::NaiveDate::from_ymd_opt(2026, 11, 20),
                ..ActionItem::default()
            },
            ActionItem {
                text: "Read the policy".into(),
                ..ActionItem::default()
            },
        ],
        ..Supervision::default()
    });
    let target = debrief::storage::SaveTarget::New {
        created: at(15, 12, 0),
        utc_offset_s: 3600,
    };
    store
        .save(target, &c, None, at(15, 12, 0))
        .expect("session");
    for (text, d) in [("The Jones visit", 18), ("A dilemma about consent", 20)] {
        let mut e = EntryContent::text(text);
        e.common.flags.for_supervision = true;
        store
            .add_entry(&e, at(d, 9, 0), 3600, at(d, 9, 0))
            .expect("add");
    }
    store
        .queue_agenda(
            "A lighter caseload?",
            Some(supervision::Function::Support),
            at(21, 9, 0),
        )
        .expect("queue");
    store
}

#[test]
fn the_agenda_marks_actions_and_takes_new_items_and_the_pack_is_a_tab_away() {
    for size in SIZES {
        let mut h = Harness::new(prepared(), size);
        h.key(KeyCode::Char('p'));
        assert_eq!(h.screen_id(), ScreenId::Supervision);
        let s = h.screen();
        for part in [
            "Since the last session (Sun 15 Nov 2026, entry 1)",
            "› #1 [open] Book court skills day · due Fri 20 Nov 2026 (overdue)",
            "#2 Wed 18 Nov · reflection · The Jones visit",
            "A lighter caseload? (support)",
        ] {
            assert!(s.contains(part), "{part}: {s}");
        }
        snap!("supervision_agenda", size, s);
        h.key(KeyCode::Char('d'));
        assert!(
            h.screen().contains("#1 [done] Book court skills day"),
            "{}",
            h.screen()
        );
        h.key(KeyCode::Char('j'));
        h.key(KeyCode::Char('x'));
        assert_eq!(h.screen_id(), ScreenId::Prompt);
        // Letters are text in the prompt, not commands.
        h.chars("superseded, do it later");
        h.key(KeyCode::Enter);
        assert_eq!(h.screen_id(), ScreenId::Supervision);
        let dropped = h.store().action(ItemId(2)).expect("action");
        assert_eq!(dropped.action.status, ActionStatus::Dropped);
        assert_eq!(
            dropped.action.reason.as_deref(),
            Some("superseded, do it later")
        );
        // A mistaken "done" is taken back.
        h.key(KeyCode::Char('k'));
        h.key(KeyCode::Char('o'));
        assert_eq!(
            h.store().action(ItemId(1)).expect("a").action.status,
            ActionStatus::Open
        );
        h.key(KeyCode::Char('a'));
        h.chars("development: court skills");
        h.key(KeyCode::Enter);
        let queued = h.store().agenda_queue().expect("queue");
        assert_eq!(queued.len(), 2);
        assert_eq!(queued[1].function, Some(supervision::Function::Development));
        // Esc in the prompt asks nothing.
        h.key(KeyCode::Char('a'));
        h.chars("never mind");
        h.key(KeyCode::Esc);
        assert_eq!(h.store().agenda_queue().expect("queue").len(), 2);
        assert_eq!(h.screen_id(), ScreenId::Supervision);

        h.key(KeyCode::Tab);
        let s = h.screen();
        assert!(
            s.contains("Supervision prep: Sun 15 Nov 2026 to Sun 22 Nov 2026")
                && s.contains("Actions from earlier sessions"),
            "{s}"
        );
        snap!("supervision_pack", size, s);
        // The worker's wellbeing is left out unless they put it in.
        assert!(
            s.contains("your wellbeing: left out (w puts it in)") && !s.contains("Wellbeing"),
            "{s}"
        );
        h.key(KeyCode::Char('w'));
        let s = h.screen();
        assert!(
            s.contains("Your wellbeing summary is in the pack now") && s.contains("Wellbeing"),
            "{s}"
        );
        h.key(KeyCode::Char('w'));
        assert!(!h.screen().contains("\n Wellbeing"), "{}", h.screen());
        h.key(KeyCode::Esc);
        assert_eq!(h.screen_id(), ScreenId::Timeline);
    }
}

#[test]
fn a_flagged_entry_opens_from_the_agenda_and_a_queued_item_comes_off() {
    let mut h = Harness::new(prepared(), (80, 24));
    h.key(KeyCode::Char('p'));
    h.key(KeyCode::Char('j'));
    h.key(KeyCode::Char('j'));
    h.key(KeyCode::Enter);
    assert_eq!(h.screen_id(), ScreenId::Reader);
    assert!(h.screen().contains("The Jones visit"), "{}", h.screen());
    h.key(KeyCode::Esc);
    for _ in 0..4 {
        h.key(KeyCode::Char('j'));
    }
    h.key(KeyCode::Delete);
    assert!(h.store().agenda_queue().expect("queue").is_empty());
    assert!(h.screen().contains("none yet"), "{}", h.screen());
}
