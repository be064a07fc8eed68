//! The prep pack on a fixture journal whose every figure was worked out by hand: two earlier
//! sessions, six check-ins since the last (and two in the fortnight before), recovery
//! entries, a flagged Gibbs reflection and a flagged plain note, one queued question.

use chrono::{Duration, TimeZone};

use super::*;
use crate::clock::Clock;
use crate::domain::{
    ActionItem, AgendaItem, BodySensation, CheckIn, EntryContent, Guided, Rating, StageAnswer,
};
use crate::storage::{SaveTarget, Store};

/// Monday 23 November 2026, 18:00, read in UTC.
fn clock() -> Clock {
    let now = Utc
        .with_ymd_and_hms(2026, 11, 23, 18, 0, 0)
        .single()
        .expect("time");
    Clock::fixed(now, jiff::tz::TimeZone::UTC)
}

fn days_ago(d: i64) -> DateTime<Utc> {
    clock().now() - Duration::days(d)
}

fn session(store: &mut Store, d: i64, agenda: &[(&str, Function)], actions: Vec<ActionItem>) {
    let mut c = EntryContent::of_kind(Kind::Supervision);
    c.details = Details::Supervision(Supervision {
        held_on: Some(days_ago(d).date_naive()),
        agenda: agenda
            .iter()
            .map(|(t, f)| AgendaItem::new(*t, Some(*f)))
            .collect(),
        actions,
        ..Supervision::default()
    });
    let target = SaveTarget::New {
        created: days_ago(d),
        utc_offset_s: 0,
    };
    store.save(target, &c, None, days_ago(d)).expect("session");
}

fn add(store: &mut Store, hours_ago: i64, c: &EntryContent) {
    let at = clock().now() - Duration::hours(hours_ago);
    store.add_entry(c, at, 0, at).expect("add");
}

fn checkin(stress: i64, specs: &[&str], emotions: &[&str]) -> EntryContent {
    let v = Vocabulary::builtin();
    let mut c = EntryContent::of_kind(Kind::Checkin);
    c.common.stress = Rating::new("stress", stress).ok();
    c.details = Details::Checkin(CheckIn {
        sensations: specs
            .iter()
            .map(|s| BodySensation::parse(s, v).expect("sensation"))
            .collect(),
        emotions: emotions
            .iter()
            .map(|e| crate::domain::Emotion::parse(e, v).expect("emotion"))
            .collect(),
        ..CheckIn::default()
    });
    c
}

fn recovery(r: Recovery) -> EntryContent {
    let mut c = EntryContent::of_kind(Kind::Recovery);
    c.details = Details::Recovery(r);
    c
}

fn journal() -> Store {
    let mut store = Store::open_in_memory().expect("store");
    let due = |d: i64| Some(days_ago(d).date_naive());
    session(
        &mut store,
        28,
        &[
            ("Caseload", Function::Management),
            ("Audit", Function::Management),
        ],
        vec![
            ActionItem {
                text: "Book court skills day".into(),
                due_on: due(20),
                ..ActionItem::default()
            },
            ActionItem {
                text: "Read the policy".into(),
                ..ActionItem::default()
            },
        ],
    );
    // The fortnight before the last session: two check-ins, stress 2 and 4.
    add(&mut store, 20 * 24, &checkin(2, &["chest:tight"], &[]));
    add(
        &mut store,
        18 * 24,
        &checkin(4, &["jaw mouth:clenched"], &[]),
    );
    session(
        &mut store,
        14,
        &[
            ("Caseload", Function::Management),
            ("Leave", Function::Mediation),
        ],
        Vec::new(),
    );
    // Since: six check-ins, stress 3 to 8 (mean 5.5); chest in three, jaw in two.
    for (i, (stress, specs, emotions)) in [
        (3, vec!["chest:tight"], vec!["anxious"]),
        (4, vec!["chest:heavy", "jaw mouth:clenched"], vec![]),
        (5, vec!["shoulders:tense"], vec!["anxious"]),
        (6, vec!["chest:tight"], vec![]),
        (7, vec!["jaw mouth:clenched"], vec!["sad"]),
        (8, vec![], vec![]),
    ]
    .into_iter()
    .enumerate()
    {
        add(
            &mut store,
            200 - 24 * i as i64,
            &checkin(stress, &specs, &emotions),
        );
    }
    recovery_and_flagged(&mut store);
    store
}

/// Recovery since the last session, a flagged Gibbs reflection and a flagged plain note,
/// and one queued question.
fn recovery_and_flagged(store: &mut Store) {
    add(
        store,
        100,
        &recovery(Recovery::Sleep {
            minutes: 420,
            quality: None,
        }),
    );
    add(
        store,
        76,
        &recovery(Recovery::Sleep {
            minutes: 300,
            quality: Some(3),
        }),
    );
    add(store, 50, &recovery(Recovery::Break { minutes: Some(15) }));
    add(
        store,
        30,
        &recovery(Recovery::Move {
            movement: "stairs".into(),
            minutes: Some(30),
        }),
    );
    let mut gibbs = EntryContent::of_kind(Kind::Reflection);
    gibbs.common.title = Some("The Jones visit".into());
    gibbs.common.flags.for_supervision = true;
    gibbs.details = Details::Reflection(Guided {
        template: Some("gibbs".into()),
        answers: [
            ("description", "I visited the family with a colleague."),
            ("feelings", "Uneasy."),
            ("analysis", "I rushed the conversation about the dog."),
            ("action_plan", "Ask first, then explain."),
        ]
        .iter()
        .map(|(stage, answer)| StageAnswer {
            stage: (*stage).into(),
            answer: (*answer).into(),
        })
        .collect(),
        review: None,
    });
    add(store, 20, &gibbs);
    let mut plain = EntryContent::text("one\ntwo\nthree\nfour\nfive\nsix");
    plain.common.flags.for_supervision = true;
    add(store, 10, &plain);
    store
        .queue_agenda("How do I ask for a lighter caseload?", None, days_ago(1))
        .expect("queue");
}

fn pack(full: bool) -> Pack {
    let store = journal();
    crate::review::prep(&store, &clock(), None, full, true, Vocabulary::builtin()).expect("pack")
}

#[test]
fn every_figure_is_the_one_worked_out_by_hand() {
    let p = pack(false);
    assert_eq!(p.from, days_ago(14), "since the last session");
    let texts: Vec<&str> = p
        .agenda
        .open_actions
        .iter()
        .map(|a| a.action.text.as_str())
        .collect();
    assert_eq!(texts, ["Book court skills day", "Read the policy"]);
    let overdue = p.agenda.open_actions.iter();
    assert_eq!(
        overdue
            .filter(|a| a.action.is_overdue(p.agenda.today))
            .count(),
        1
    );

    let w = p.wellbeing.as_ref().expect("on");
    assert_eq!((w.checkins, w.enough), (6, true));
    assert_eq!(
        w.stress,
        StressFigures {
            n: 6,
            mean_tenths: Some(55),
            max: Some(8)
        }
    );
    assert_eq!(
        w.previous_stress,
        StressFigures {
            n: 2,
            mean_tenths: Some(30),
            max: Some(4)
        }
    );
    let regions: Vec<(&str, usize)> = w.regions.iter().map(|(r, n)| (r.as_str(), *n)).collect();
    assert_eq!(regions, [("chest", 3), ("jaw and mouth", 2)]);
    assert_eq!(w.emotions, [("anxious".to_string(), 2)]);
    assert_eq!(
        (w.sleep_nights, w.sleep_mean_minutes, w.short_nights),
        (2, Some(360), 1)
    );
    assert_eq!(
        (w.breaks, w.movement_sessions, w.movement_minutes),
        (1, 1, 30)
    );

    assert_eq!(p.balance.sessions, 2);
    assert_eq!(p.balance.items.get(&Function::Management), Some(&3));
    assert_eq!(p.balance.items.get(&Function::Mediation), Some(&1));
    assert_eq!(
        p.balance.missing(),
        [Function::Support, Function::Development]
    );

    assert_eq!(p.extracts.len(), 2);
    let gibbs = &p.extracts[0];
    let headings: Vec<Option<&str>> = gibbs.parts.iter().map(|(h, _)| h.as_deref()).collect();
    assert_eq!(
        headings,
        [Some("Analysis"), Some("Action plan")],
        "no description or feelings"
    );
    assert_eq!(
        p.extracts[1].parts,
        [(None, "two\nthree\nfour\nfive\n…".to_string())],
        "the first line is the headline already"
    );
}

#[test]
fn a_window_given_replaces_since_the_last_session() {
    let store = journal();
    let p = crate::review::prep(
        &store,
        &clock(),
        Some(days_ago(3)),
        false,
        true,
        Vocabulary::builtin(),
    )
    .expect("pack");
    assert_eq!(p.from, days_ago(3));
    let w = p.wellbeing.expect("on");
    // The check-ins were 200, 176, 152, 128, 104 and 80 hours ago (stress 3 to 8): none in
    // the last 72 hours; 128, 104 and 80 hours ago (stress 6, 7, 8) in the 72 before.
    assert_eq!(w.checkins, 0);
    assert_eq!(
        w.previous_stress,
        StressFigures {
            n: 3,
            mean_tenths: Some(70),
            max: Some(8)
        }
    );
}

#[test]
fn full_keeps_the_description_and_every_line() {
    let p = pack(true);
    assert_eq!(p.extracts[0].parts.len(), 4);
    assert_eq!(p.extracts[0].parts[0].0.as_deref(), Some("Description"));
    assert_eq!(p.extracts[1].parts[0].1, "one\ntwo\nthree\nfour\nfive\nsix");
}

#[test]
fn fewer_than_five_checkins_are_not_summarised() {
    let few: Vec<EntrySummary> = Vec::new();
    let w = wellbeing(&few, &few, Vocabulary::builtin());
    assert!(!w.enough);
    let md = crate::present::supervision::pack_markdown(
        &Pack {
            from: days_ago(7),
            to: clock().now(),
            agenda: NextAgenda::default(),
            extracts: Vec::new(),
            wellbeing: Some(w),
            balance: Balance::default(),
        },
        &clock(),
    );
    assert!(
        md.contains("Not enough check-ins to summarise (0 in this period"),
        "{md}"
    );
}

#[test]
fn the_pack_as_markdown() {
    let md = crate::present::supervision::pack_markdown(&pack(false), &clock());
    insta::assert_snapshot!(md);
}
