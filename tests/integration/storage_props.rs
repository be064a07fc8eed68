//! Properties of the store: whatever is written comes back the same, and the search index
//! follows every add, edit, trash, restore and purge.

use chrono::{DateTime, TimeZone, Utc};
use debrief::domain::checkin::REGIONS;
use debrief::domain::*;
use debrief::storage::Store;
use proptest::prelude::*;

fn at(n: i64) -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 1, 1, 0, 0, 0)
        .single()
        .expect("time")
        + chrono::Duration::minutes(n)
}

fn rating() -> impl Strategy<Value = Option<Rating>> {
    proptest::option::of((0i64..=10).prop_map(|v| Rating::new("r", v).expect("in range")))
}

fn text() -> impl Strategy<Value = String> {
    "[a-zA-Z0-9 éü日本🙂'\"#*\\-\n]{0,60}"
}

fn content() -> impl Strategy<Value = EntryContent> {
    let tags = proptest::collection::vec("[a-z][a-z0-9_-]{0,10}", 0..4).prop_map(|v| {
        v.iter()
            .map(|t| Tag::parse(t).expect("valid"))
            .collect::<Vec<_>>()
    });
    let sensations = proptest::collection::vec((0..REGIONS.len(), "[a-z]{1,8}", 0u8..=3), 0..3)
        .prop_map(|v| {
            v.into_iter()
                .map(|(r, s, i)| BodySensation {
                    region: REGIONS[r].to_string(),
                    sensation: s,
                    intensity: i,
                })
                .collect::<Vec<_>>()
        });
    let emotions = proptest::collection::vec(("[a-z]{1,8}", proptest::option::of(1u8..=3)), 0..3)
        .prop_map(|v| {
            v.into_iter()
                .map(|(word, intensity)| Emotion { word, intensity })
                .collect::<Vec<_>>()
        });
    let answers = proptest::collection::vec(("[A-Z][a-z]{0,8}", text()), 0..3).prop_map(|v| {
        v.into_iter()
            .map(|(stage, answer)| StageAnswer { stage, answer })
            .collect::<Vec<_>>()
    });
    let supervision = proptest::option::of(
        (
            proptest::collection::vec("[a-z][a-z ]{0,19}", 0..3),
            proptest::collection::vec(("[a-z][a-z ]{0,19}", 0usize..3), 0..3),
        )
            .prop_map(|(agenda, actions)| SupervisionDetails {
                held_on: chrono::NaiveDate::from_ymd_opt(2026, 3, 4),
                supervisor: Some("team manager".into()),
                session_type: Some("individual".into()),
                agenda: agenda
                    .into_iter()
                    .map(|text| AgendaItem {
                        text,
                        function: Some("support".into()),
                    })
                    .collect(),
                decisions: vec!["agreed".into()],
                actions: actions
                    .into_iter()
                    .map(|(text, s)| ActionItem {
                        text,
                        owner: None,
                        due_on: None,
                        status: [
                            ActionStatus::Open,
                            ActionStatus::Done,
                            ActionStatus::Dropped,
                        ][s],
                    })
                    .collect(),
            }),
    );
    (
        (
            0usize..3,
            proptest::option::of("[a-zA-Z ]{1,30}"),
            text(),
            rating(),
            rating(),
            tags,
        ),
        (
            any::<(bool, bool, bool)>(),
            sensations,
            emotions,
            answers,
            supervision,
            proptest::option::of("[a-z ]{1,12}"),
        ),
    )
        .prop_map(
            |(
                (k, title, body, stress, energy, mut tags),
                ((starred, sup, later), sensations, emotions, answers, supervision, work),
            )| {
                tags.sort();
                tags.dedup();
                EntryContent {
                    kind: Kind::ALL[k],
                    title,
                    body,
                    stress,
                    energy,
                    work_context: work,
                    tags,
                    starred,
                    for_supervision: sup,
                    unfinished: later,
                    template: None,
                    answers,
                    sensations,
                    emotions,
                    supervision,
                }
            },
        )
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 64, ..ProptestConfig::default() })]

    /// Write then read gives the same entry, and an edit replaces it completely.
    #[test]
    fn what_is_written_comes_back_the_same(first in content(), second in content()) {
        let mut store = Store::open_in_memory().expect("store");
        let id = store.add_entry(&first, at(1), 3600, at(1)).expect("add");
        prop_assert_eq!(&store.get(id).expect("get").content, &first);
        store.update_entry(id, &second, at(2)).expect("update");
        let got = store.get(id).expect("get");
        prop_assert_eq!(&got.content, &second);
        prop_assert_eq!(got.created.offset().local_minus_utc(), 3600);
        prop_assert!(store.check_integrity().expect("check").is_empty());
    }

    /// After any sequence of changes, searching a word finds exactly the live entries that
    /// contain it (in title, body, answers or tags), and the index passes its own check.
    #[test]
    fn the_search_index_follows_every_change(ops in proptest::collection::vec((0u8..5, 0usize..6, proptest::sample::select(vec!["alpha", "beta", "gamma"]), any::<bool>()), 1..25)) {
        let mut store = Store::open_in_memory().expect("store");
        let mut ids: Vec<EntryId> = Vec::new();
        for (step, (op, pick, word, as_tag)) in ops.into_iter().enumerate() {
            let now = at(step as i64);
            let c = EntryContent {
                body: if as_tag { "plain".into() } else { format!("some {word} text") },
                tags: if as_tag { vec![Tag::parse(word).expect("tag")] } else { vec![] },
                answers: vec![StageAnswer { stage: "What?".into(), answer: format!("answer {step}") }],
                ..Default::default()
            };
            let target = ids.get(pick % ids.len().max(1)).copied();
            match (op, target) {
                (0, _) | (_, None) => ids.push(store.add_entry(&c, now, 0, now).expect("add")),
                (1, Some(id)) => store.update_entry(id, &c, now).expect("update"),
                (2, Some(id)) => { let _ = store.trash(id, now); }
                (3, Some(id)) => { let _ = store.restore(id); }
                (_, Some(id)) => { store.purge(id).expect("purge"); ids.retain(|i| *i != id); }
            }
        }
        prop_assert!(store.check_integrity().expect("check").is_empty());
        for word in ["alpha", "beta", "gamma"] {
            let mut found: Vec<EntryId> = store.search(word, false, &EntryFilter::default(), 1000).expect("search").into_iter().map(|h| h.entry.id).collect();
            found.sort();
            let mut expected: Vec<EntryId> = ids
                .iter()
                .filter(|id| {
                    let e = store.get(**id).expect("get");
                    e.deleted.is_none() && (e.content.body.contains(word) || e.content.tags.iter().any(|t| t.as_str() == word))
                })
                .copied()
                .collect();
            expected.sort();
            prop_assert_eq!(found, expected, "word {}", word);
        }
    }
}
