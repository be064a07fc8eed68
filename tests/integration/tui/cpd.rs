//! CPD in the interface: `C` twice in a reader makes the entry a record; `C` on the timeline
//! opens the registration year (deadline, complete records, what is missing), a record shown
//! as it would be pasted, a peer reflection kept with it, unmade, other years.

use super::*;

/// A learning activity done on 10 November 2026, written up in full.
fn learning_done(store: &mut Store) -> EntryId {
    let mut c = EntryContent::of_kind(Kind::Learning);
    c.common.title = Some("Chronologies webinar".into());
    let answer = |stage: &str, text: &str| StageAnswer {
        stage: stage.into(),
        answer: text.into(),
    };
    c.details = Details::Learning(Learning {
        activity: debrief::domain::Activity::Course,
        answers: vec![
            answer("why", "I write chronologies for court every week."),
            answer("learned", "A chronology is an analysis, not a list."),
            answer(
                "practice",
                "I now note what each event meant for the child.",
            ),
        ],
        ..Learning::default()
    });
    store
        .add_entry(&c, at(10, 10, 0), 3600, at(10, 10, 0))
        .expect("add")
}

#[test]
fn a_record_is_made_from_its_reader_and_the_year_shows_what_is_missing() {
    for size in SIZES {
        let mut store = Store::open_in_memory().expect("store");
        let id = learning_done(&mut store);
        let mut h = Harness::new(store, size);
        h.key(KeyCode::Enter);
        assert_eq!(h.screen_id(), ScreenId::Reader);
        // One C asks; any other key would do nothing; the second C makes it.
        h.key(KeyCode::Char('C'));
        assert!(
            h.screen().contains("C again makes entry 1 a CPD record"),
            "{}",
            h.screen()
        );
        assert!(h.store().cpd_mark(id).expect("mark").is_none());
        h.key(KeyCode::Char('C'));
        assert!(
            h.screen()
                .contains("Entry 1 is a CPD record, dated 10 Nov 2026"),
            "{}",
            h.screen()
        );
        h.key(KeyCode::Esc);
        h.key(KeyCode::Char('C'));
        assert_eq!(h.screen_id(), ScreenId::Cpd);
        let s = h.screen();
        for part in [
            "CPD 1 Dec 2025 to 30 Nov 2026",
            "Deadline: 30 November 2026 (8 days left).",
            "Complete records dated this year: 1 of 2",
            "1 more complete record",
            "a written peer reflection on 1 complete record",
            "#1  Chronologies webinar",
        ] {
            assert!(s.contains(part), "{part}: {s}");
        }
        snap!("cpd_year", size, s);
        // A peer reflection kept with it.
        h.key(KeyCode::Char('p'));
        assert_eq!(h.screen_id(), ScreenId::Prompt);
        h.chars("My supervisor asked how I would explain it to the family.");
        h.key(KeyCode::Enter);
        assert_eq!(h.screen_id(), ScreenId::Cpd);
        assert!(h.screen().contains("(peer)"), "{}", h.screen());
        assert!(
            !h.screen().contains("a written peer reflection on"),
            "the peer requirement is met: {}",
            h.screen()
        );
        // The record as it would be pasted, and back.
        h.key(KeyCode::Enter);
        let s = h.screen();
        assert!(
            s.contains("WHAT I LEARNT") && s.contains("A chronology is an analysis"),
            "{s}"
        );
        h.key(KeyCode::Esc);
        assert_eq!(h.screen_id(), ScreenId::Cpd);
        // An earlier year has nothing; back, and unmake the record.
        h.key(KeyCode::Char('['));
        assert!(
            h.screen().contains("CPD 1 Dec 2024 to 30 Nov 2025"),
            "{}",
            h.screen()
        );
        assert!(
            h.screen().contains("This year closed on 30 November 2025."),
            "{}",
            h.screen()
        );
        h.key(KeyCode::Char(']'));
        h.key(KeyCode::Char('x'));
        assert!(
            h.screen().contains("Entry 1 is no longer a CPD record"),
            "{}",
            h.screen()
        );
        assert!(h.store().cpd_mark(id).expect("mark").is_none());
        assert!(h.store().get(id).is_ok(), "the entry stays");
    }
}

#[test]
fn a_stray_c_in_a_reader_records_nothing() {
    let mut store = Store::open_in_memory().expect("store");
    let id = learning_done(&mut store);
    let mut h = Harness::new(store, (60, 16));
    h.key(KeyCode::Enter);
    h.key(KeyCode::Char('C'));
    h.key(KeyCode::Down);
    h.key(KeyCode::Char('C'));
    assert!(h.store().cpd_mark(id).expect("mark").is_none());
    // A check-in cannot be a record: said, nothing kept.
    let mut store = Store::open_in_memory().expect("store");
    let checkin = store
        .add_entry(
            &EntryContent::of_kind(Kind::Checkin),
            at(20, 9, 0),
            3600,
            at(20, 9, 0),
        )
        .expect("add");
    let mut h = Harness::new(store, (80, 24));
    h.key(KeyCode::Enter);
    h.key(KeyCode::Char('C'));
    h.key(KeyCode::Char('C'));
    assert!(
        h.screen().contains("cannot be a CPD record"),
        "{}",
        h.screen()
    );
    assert!(h.store().cpd_mark(checkin).expect("mark").is_none());
}
