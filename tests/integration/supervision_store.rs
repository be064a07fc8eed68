//! Supervision across sessions, through the library: a new note covers the entries flagged
//! up to it and takes the queued agenda; actions carry forward across three sessions until
//! done or dropped, show as overdue after their date, and can be reopened.

use crate::keying::{Keying, plain_and_encrypted};
use chrono::{DateTime, NaiveDate, TimeZone, Utc};
use debrief::domain::*;
use debrief::storage::sessions::{ActionChange, Actions};
use debrief::storage::{SaveTarget, Store};

fn day(d: u32) -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 11, d, 12, 0, 0)
        .single()
        .expect("valid")
}

fn date(d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 11, d).expect("date")
}

fn session(store: &mut Store, d: u32, actions: &[(&str, Option<u32>)]) -> EntryId {
    let mut c = EntryContent::of_kind(Kind::Supervision);
    c.details = Details::Supervision(Supervision {
        held_on: Some(date(d)),
        agenda: vec![AgendaItem::new(
            "Caseload",
            Some(supervision::Function::Management),
        )],
        actions: actions
            .iter()
            .map(|(text, due)| ActionItem {
                text: (*text).into(),
                due_on: due.map(date),
                ..ActionItem::default()
            })
            .collect(),
        ..Supervision::default()
    });
    store
        .save(
            SaveTarget::New {
                created: day(d),
                utc_offset_s: 0,
            },
            &c,
            None,
            day(d),
        )
        .expect("save")
}

fn flagged(store: &mut Store, text: &str, d: u32) -> EntryId {
    let mut c = EntryContent::text(text);
    c.common.flags.for_supervision = true;
    store.add_entry(&c, day(d), 0, day(d)).expect("add")
}

fn open_texts(store: &Store) -> Vec<String> {
    store
        .actions(Actions::Open)
        .expect("actions")
        .into_iter()
        .map(|a| a.action.text)
        .collect()
}

fn a_session_covers_what_was_flagged_before_it_and_takes_the_queue(keying: Keying) {
    let mut store = keying.fresh();
    let early = flagged(&mut store, "The Jones visit", 2);
    let later = flagged(&mut store, "After the session", 20);
    store
        .queue_agenda(
            "Leave over Christmas",
            Some(supervision::Function::Mediation),
            day(3),
        )
        .expect("queue");
    store.queue_agenda("Caseload", None, day(3)).expect("queue");
    assert_eq!(store.agenda_queue().expect("queue").len(), 2);
    assert!(
        store.queue_agenda("  ", None, day(3)).is_err(),
        "an empty item"
    );

    let s = session(&mut store, 10, &[]);
    assert_eq!(store.covered_by(s).expect("covered"), [early]);
    assert!(
        !store
            .get(early)
            .expect("get")
            .content
            .common
            .flags
            .for_supervision
    );
    assert!(
        store
            .get(later)
            .expect("get")
            .content
            .common
            .flags
            .for_supervision,
        "written after the session: still waiting"
    );
    let Details::Supervision(sv) = store.get(s).expect("get").content.details else {
        panic!("kind")
    };
    let agenda: Vec<(&str, Option<supervision::Function>)> = sv
        .agenda
        .iter()
        .map(|a| (a.text.as_str(), a.function()))
        .collect();
    assert_eq!(
        agenda,
        [
            ("Caseload", Some(supervision::Function::Management)),
            (
                "Leave over Christmas",
                Some(supervision::Function::Mediation)
            ),
        ],
        "a queued item already on the agenda is not repeated"
    );
    assert!(store.agenda_queue().expect("queue").is_empty());
    assert_eq!(store.last_session().expect("last").map(|l| l.id), Some(s));
    assert_eq!(
        store.last_session().expect("last").and_then(|l| l.held_on),
        Some(date(10))
    );
    // Adding without `save` (an import) covers nothing.
    let mut c = EntryContent::of_kind(Kind::Supervision);
    c.details = Details::Supervision(Supervision::default());
    store.add_entry(&c, day(21), 0, day(21)).expect("add");
    assert!(
        store
            .get(later)
            .expect("get")
            .content
            .common
            .flags
            .for_supervision
    );
}

fn actions_carry_forward_across_three_sessions(keying: Keying) {
    let mut store = keying.fresh();
    let first = session(
        &mut store,
        2,
        &[
            ("Book court skills day", Some(6)),
            ("Read the policy", None),
        ],
    );
    let second = session(&mut store, 9, &[("Ask about leave", Some(30))]);
    assert_eq!(
        open_texts(&store),
        [
            "Book court skills day",
            "Ask about leave",
            "Read the policy"
        ],
        "dated first, by date; undated last"
    );
    let overdue = store.actions(Actions::Overdue(date(9))).expect("overdue");
    assert_eq!(overdue.len(), 1);
    assert_eq!(overdue[0].session, first);
    assert!(overdue[0].action.is_overdue(date(9)));
    assert_eq!(overdue[0].session_on, Some(date(2)));

    let court = overdue[0].action.id.expect("id");
    let done = store
        .change_action(court, &ActionChange::Done, day(10))
        .expect("done");
    assert_eq!(done.action.status, ActionStatus::Done);
    assert_eq!(done.action.closed, Some(day(10)));
    assert_eq!(store.get(first).expect("get").meta.updated, day(10));
    let policy = store.actions(Actions::Open).expect("open")[1]
        .action
        .id
        .expect("id");
    store
        .change_action(
            policy,
            &ActionChange::Dropped {
                reason: Some("superseded by the new guidance".into()),
            },
            day(11),
        )
        .expect("drop");
    let third = session(&mut store, 16, &[("Shadow a colleague", None)]);
    assert_eq!(
        open_texts(&store),
        ["Ask about leave", "Shadow a colleague"]
    );
    let dropped = store.action(policy).expect("action");
    assert_eq!(dropped.action.status, ActionStatus::Dropped);
    assert_eq!(
        dropped.action.reason.as_deref(),
        Some("superseded by the new guidance")
    );
    // Reopened, it carries forward again and loses its reason.
    let again = store
        .change_action(policy, &ActionChange::Reopened, day(17))
        .expect("reopen");
    assert_eq!(again.action.status, ActionStatus::Open);
    assert_eq!((again.action.closed, again.action.reason), (None, None));
    assert_eq!(open_texts(&store).len(), 3);
    let all = store.actions(Actions::All).expect("all");
    assert_eq!(all.len(), 4);
    assert_eq!(all[0].session, third, "newest session first");
    assert_eq!(all[3].session, first);
    assert!(all.iter().any(|a| a.session == second));
    // Editing a session keeps what was changed through the action commands.
    let mut e = store.get(first).expect("get");
    e.content.common.body = "Notes added later".into();
    store
        .update_entry(first, &e.content, day(18))
        .expect("edit");
    assert_eq!(
        store.action(court).expect("action").action.status,
        ActionStatus::Done
    );
    // A trashed session's actions no longer carry.
    store.trash(second, day(19)).expect("trash");
    assert_eq!(
        open_texts(&store),
        ["Read the policy", "Shadow a colleague"]
    );
    let missing = store.action(ItemId(999)).expect_err("unknown");
    assert!(missing.to_string().contains("999"), "{missing}");
}

plain_and_encrypted!(
    a_session_covers_what_was_flagged_before_it_and_takes_the_queue,
    actions_carry_forward_across_three_sessions,
);
