use proptest::prelude::*;

use super::*;
use crate::domain::ActionStatus;

/// Days as the command line reads them, against Sunday 22 November 2026.
fn read_day(s: &str) -> Result<NaiveDate> {
    match s {
        "friday" => Ok(NaiveDate::from_ymd_opt(2026, 11, 27).expect("date")),
        _ => NaiveDate::parse_from_str(s, "%Y-%m-%d")
            .map_err(|_| Error::invalid("date", format!("cannot read the date '{s}'"))),
    }
}

fn read_day_after(s: &str, _session: Option<NaiveDate>) -> Result<NaiveDate> {
    read_day(s)
}

const DAYS: Days = Days {
    past: &read_day,
    ahead: &read_day_after,
};

fn full() -> Supervision {
    Supervision {
        held_on: NaiveDate::from_ymd_opt(2026, 11, 20),
        supervisor: Some("Sam (team manager)".into()),
        session_type: Some("individual".into()),
        agenda: vec![
            AgendaItem {
                discussion: Some("It felt heavy.\nAgreed to pace the visits.".into()),
                ..AgendaItem::new("The Jones visit", Some(Function::Support))
            },
            AgendaItem::new("Court: next steps", None),
        ],
        decisions: vec![Decision::new("Co-work the next visit")],
        support: Some("A debrief after each court day".into()),
        learning: Some("Read the new guidance\non chronologies".into()),
        actions: vec![
            ActionItem {
                text: "Book the court skills day".into(),
                owner: Some("me".into()),
                due_on: NaiveDate::from_ymd_opt(2026, 11, 27),
                ..ActionItem::default()
            },
            ActionItem {
                text: "Find a co-worker".into(),
                ..ActionItem::default()
            },
        ],
        next_on: NaiveDate::from_ymd_opt(2026, 12, 18),
    }
}

#[test]
fn a_page_reads_back_as_the_session_it_shows() {
    let page = to_page(&full(), "Anything else");
    let back = from_page(&page, DAYS).expect("reads");
    assert_eq!(back.session, full());
    assert_eq!(back.notes, "Anything else");
    assert!(back.problems.is_empty(), "{:?}", back.problems);
}

#[test]
fn an_empty_page_is_an_empty_session() {
    let back = from_page(&to_page(&Supervision::default(), ""), DAYS).expect("reads");
    assert_eq!(back.session, Supervision::default());
    assert_eq!(back.notes, "");
}

#[test]
fn what_it_cannot_place_is_kept_in_the_notes_and_named() {
    let text = "Date: 2026-11-20\nRoom: 4\nA stray line\n## Agenda\n- development: Court skills\n> went well\n## Risks\nThe dog\n## Notes\nTired";
    let page = from_page(text, DAYS).expect("reads");
    assert_eq!(page.session.agenda.len(), 1);
    assert_eq!(
        page.session.agenda[0].function(),
        Some(Function::Development)
    );
    assert_eq!(
        page.session.agenda[0].discussion.as_deref(),
        Some("went well")
    );
    assert_eq!(page.notes, "Room: 4\nA stray line\nRisks:\nThe dog\nTired");
    assert_eq!(page.problems.len(), 3, "{:?}", page.problems);
    assert!(
        page.problems[0].starts_with("line 2: 'room'"),
        "{:?}",
        page.problems
    );
    assert!(page.problems[2].contains("no section is called 'Risks'"));
}

#[test]
fn a_date_or_action_it_cannot_read_is_an_error_naming_the_line() {
    let err = from_page("Date: someday", DAYS).expect_err("bad date");
    assert!(
        err.to_string()
            .contains("line 1: cannot read the date 'someday'"),
        "{err}"
    );
    let err = from_page("## Actions\n- Call; due=someday", DAYS).expect_err("bad due");
    assert!(err.to_string().contains("line 2:"), "{err}");
    let err = from_page("Type: coffee", DAYS).expect_err("bad type");
    assert!(
        err.to_string()
            .contains("use individual, group, peer, ad hoc, live"),
        "{err}"
    );
}

#[test]
fn the_command_line_shapes() {
    let a = agenda_item("Supportive: the Jones visit").expect("agenda");
    assert_eq!(
        (a.text.as_str(), a.function()),
        ("the Jones visit", Some(Function::Support))
    );
    let a = agenda_item("Court: next steps").expect("agenda");
    assert_eq!((a.text.as_str(), a.function), ("Court: next steps", None));
    assert!(agenda_item("support:  ").is_err());

    let a = action_item("Book training; owner=me; due=friday", &read_day).expect("action");
    assert_eq!(a.text, "Book training");
    assert_eq!(a.owner.as_deref(), Some("me"));
    assert_eq!(a.due_on, NaiveDate::from_ymd_opt(2026, 11, 27));
    assert_eq!(a.status, ActionStatus::Open);
    assert_eq!(action_line(&a), "Book training; owner=me; due=2026-11-27");
    for (bad, says) in [
        ("", "needs a description"),
        ("; owner=me", "needs a description"),
        ("Call; owner=", "needs a value"),
        ("Call; colour=red", "unknown part 'colour'"),
        ("Call; due=someday", "cannot read the date"),
    ] {
        let err = action_item(bad, &read_day).expect_err(bad).to_string();
        assert!(err.contains(says), "{bad}: {err}");
    }
}

fn line() -> impl Strategy<Value = String> {
    // One line of text that is not itself page syntax.
    "[a-zA-Z0-9éü日本][a-zA-Z0-9 ,.'éü日本]{0,30}".prop_map(|s| s.trim_end().to_string())
}

prop_compose! {
    fn session()(
        agenda in proptest::collection::vec((line(), proptest::option::of(0usize..4), proptest::option::of(line())), 0..4),
        decisions in proptest::collection::vec(line(), 0..3),
        actions in proptest::collection::vec((line(), proptest::option::of(line()), proptest::option::of(0u32..400)), 0..3),
        support in proptest::option::of(line()),
        learning in proptest::option::of(line()),
        supervisor in proptest::option::of(line()),
    ) -> Supervision {
        let day = |d: u32| NaiveDate::from_ymd_opt(2026, 1, 1).and_then(|s| s.checked_add_days(chrono::Days::new(d.into())));
        Supervision {
            supervisor,
            agenda: agenda.into_iter().map(|(text, f, discussion)| AgendaItem {
                discussion,
                // A text that starts like a function name and a colon reads as one.
                ..AgendaItem::new(text.replace(':', ";"), f.map(|f| Function::ALL[f]))
            }).collect(),
            decisions: decisions.into_iter().map(Decision::new).collect(),
            actions: actions.into_iter().map(|(text, owner, due)| ActionItem {
                text: text.replace(';', ","),
                owner: owner.map(|o| o.replace(';', ",")),
                due_on: due.and_then(day),
                ..ActionItem::default()
            }).collect(),
            support,
            learning,
            ..Supervision::default()
        }
    }
}

proptest! {
    #[test]
    fn any_session_survives_the_page(s in session(), notes in proptest::option::of(line())) {
        let notes = notes.unwrap_or_default();
        let page = from_page(&to_page(&s, &notes), DAYS).expect("reads");
        prop_assert_eq!(page.session, s);
        prop_assert_eq!(page.notes, notes);
        prop_assert!(page.problems.is_empty());
    }
}

#[test]
fn the_interface_fields_read_back_keeping_ids_and_statuses() {
    let mut stored = full();
    for (i, a) in stored.agenda.iter_mut().enumerate() {
        a.id = Some(crate::domain::ItemId(10 + i as i64));
    }
    stored.decisions[0].id = Some(crate::domain::ItemId(20));
    stored.actions[0].id = Some(crate::domain::ItemId(30));
    stored.actions[0].status = ActionStatus::Done;
    let text = SessionText::of(&stored);
    assert_eq!(text.held_on, "2026-11-20");
    assert_eq!(
        text.agenda,
        "support: The Jones visit\n> It felt heavy.\n> Agreed to pace the visits.\nCourt: next steps"
    );
    assert_eq!(
        text.actions,
        "Book the court skills day; owner=me; due=2026-11-27\nFind a co-worker"
    );
    assert_eq!(text.read(&stored, DAYS).expect("reads"), stored);

    // An edited line keeps its item's id and status; a new line is a new item.
    let mut edited = text.clone();
    edited.actions = "Book the court skills day (done early); owner=me\nFind a co-worker\nCall the school; due=friday".into();
    let back = edited.read(&stored, DAYS).expect("reads");
    assert_eq!(back.actions[0].id, Some(crate::domain::ItemId(30)));
    assert_eq!(back.actions[0].status, ActionStatus::Done);
    assert_eq!(back.actions[0].due_on, None);
    assert_eq!(back.actions[2].id, None);
    assert_eq!(
        back.actions[2].due_on,
        NaiveDate::from_ymd_opt(2026, 11, 27)
    );

    let mut bad = text;
    bad.actions = "Find a co-worker\nCall; due=someday".into();
    let err = bad.read(&stored, DAYS).expect_err("bad due").to_string();
    assert!(
        err.contains("Actions, line 2: cannot read the date 'someday'"),
        "{err}"
    );
    assert!(
        SessionText::default()
            .read(&Supervision::default(), DAYS)
            .expect("empty")
            == Supervision::default()
    );
    assert!(
        SessionText::of(&stored)
            .to_page()
            .contains("## Actions\nBook the court skills day")
    );
}

/// "friday" read ahead of the day it is counted from (the day passed in, or 22 Nov 2026).
fn ahead_of_session(s: &str, from: Option<NaiveDate>) -> Result<NaiveDate> {
    let from = from.unwrap_or(NaiveDate::from_ymd_opt(2026, 11, 22).expect("date"));
    match s {
        "in 1 week" => Ok(from + chrono::Duration::days(7)),
        _ => read_day(s),
    }
}

#[test]
fn days_after_the_session_count_from_its_date_wherever_the_date_line_is() {
    let days = Days {
        past: &read_day,
        ahead: &ahead_of_session,
    };
    let page = "Next session: in 1 week\nDate: 2026-11-02\n\n## Actions\n- Call; due=in 1 week\n";
    let read = from_page(page, days).expect("page");
    let day = |d| NaiveDate::from_ymd_opt(2026, 11, d);
    assert_eq!(read.session.held_on, day(2));
    assert_eq!(read.session.next_on, day(9));
    assert_eq!(read.session.actions[0].due_on, day(9));
    // The form's fields too.
    let text = SessionText {
        held_on: "2026-11-02".into(),
        next_on: "in 1 week".into(),
        actions: "Call; due=in 1 week".into(),
        ..SessionText::default()
    };
    let s = text.read(&Supervision::default(), days).expect("fields");
    assert_eq!((s.next_on, s.actions[0].due_on), (day(9), day(9)));
}
