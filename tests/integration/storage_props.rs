//! Properties of the store: whatever is written comes back the same, and the search index
//! and the days kept summed for trends follow every add, edit, move, trash, restore and purge,
//! and a bundle carries a whole journal into an empty one.

use crate::keying::Keying;
use chrono::{DateTime, TimeZone, Utc};
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

fn common() -> impl Strategy<Value = Common> {
    let tags = proptest::collection::vec("[a-z][a-z0-9_-]{0,10}", 0..4).prop_map(|v| {
        let mut tags: Vec<Tag> = v.iter().map(|t| Tag::parse(t).expect("valid")).collect();
        tags.sort();
        tags.dedup();
        tags
    });
    (
        proptest::option::of("[a-zA-Z ]{1,30}"),
        text(),
        rating(),
        rating(),
        tags,
        any::<(bool, bool, bool)>(),
        proptest::option::of("[a-z ]{1,12}"),
    )
        .prop_map(
            |(title, body, stress, energy, tags, (starred, for_supervision, unfinished), work)| {
                Common {
                    title,
                    body,
                    stress,
                    energy,
                    work_context: work,
                    tags,
                    flags: Flags {
                        starred,
                        for_supervision,
                        unfinished,
                    },
                }
            },
        )
}

fn guided() -> impl Strategy<Value = Details> {
    let keys = ["description", "feelings", "evaluation", "analysis"];
    // A review's period, to the millisecond the journal keeps.
    let review = proptest::option::of((0usize..4, 0i64..2_000_000_000_000, 0i64..10_000_000_000))
        .prop_map(|r| {
            r.map(|(k, from, span)| {
                let at = |ms: i64| chrono::DateTime::from_timestamp_millis(ms).expect("time");
                reviewed::ReviewOf {
                    kind: reviewed::ReviewKind::ALL[k],
                    from: at(from),
                    to: at(from + span),
                }
            })
        });
    (
        any::<bool>(),
        proptest::collection::vec((0..keys.len(), text()), 0..3),
        review,
    )
        .prop_map(move |(gibbs, answers, review)| {
            let mut seen = Vec::new();
            let answers = answers
                .into_iter()
                .filter(|(k, _)| {
                    let new = !seen.contains(k);
                    seen.push(*k);
                    new
                })
                .map(|(k, answer)| StageAnswer {
                    stage: keys[k].to_string(),
                    answer,
                })
                .collect();
            Details::Reflection(Guided {
                template: gibbs.then(|| "gibbs".to_string()),
                answers,
                review,
            })
        })
}

fn checkin() -> impl Strategy<Value = Details> {
    // Any words: an old journal or an import may hold ids the vocabulary no longer has.
    let sensations = proptest::collection::vec(("[a-z_]{1,12}", "[a-z]{1,8}", 0u8..=3), 0..3)
        .prop_map(|v| {
            v.into_iter()
                .map(|(r, s, i)| BodySensation {
                    region: r,
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
    let difficulties = proptest::collection::btree_set("[a-z_]{1,10}", 0..3);
    (sensations, emotions, difficulties).prop_map(|(sensations, emotions, difficulties)| {
        Details::Checkin(CheckIn {
            sensations,
            emotions,
            difficulties: difficulties.into_iter().collect(),
        })
    })
}

fn learning() -> impl Strategy<Value = Details> {
    (
        0usize..Activity::ALL.len(),
        proptest::option::of("[a-zA-Z ]{1,20}"),
        proptest::option::of("https://[a-z]{1,10}\\.org/[a-z0-9]{0,8}"),
        proptest::option::of(0u32..=100_000),
        proptest::collection::vec("[a-z][a-z .]{0,30}", 0..3),
    )
        .prop_map(|(a, author, link, minutes, texts)| {
            let stages = ["learned", "practice", "benefits"];
            Details::Learning(Learning {
                activity: Activity::ALL[a],
                author,
                link,
                minutes,
                answers: texts
                    .into_iter()
                    .zip(stages)
                    .map(|(answer, stage)| StageAnswer {
                        stage: stage.into(),
                        answer,
                    })
                    .collect(),
            })
        })
}

fn recovery() -> impl Strategy<Value = Details> {
    (
        0u8..4,
        0u16..=1440,
        proptest::option::of(0u8..=10),
        "[a-z_]{1,12}",
    )
        .prop_map(|(which, minutes, quality, movement)| {
            Details::Recovery(match which {
                0 => Recovery::Sleep { minutes, quality },
                1 => Recovery::Break {
                    minutes: quality.map(|_| minutes),
                },
                2 => Recovery::Move {
                    movement,
                    minutes: Some(minutes),
                },
                _ => Recovery::None,
            })
        })
}

fn supervision() -> impl Strategy<Value = Details> {
    let words = || proptest::option::of(text());
    (
        proptest::collection::vec(("[a-z][a-z ]{0,19}", 0usize..5, words()), 0..3),
        proptest::collection::vec("[a-z][a-z ]{0,19}", 0..3),
        proptest::collection::vec(("[a-z][a-z ]{0,19}", 0usize..3, words()), 0..3),
        (words(), words(), proptest::option::of(0u32..3000)),
    )
        .prop_map(|(agenda, decisions, actions, (support, learning, next))| {
            Details::Supervision(Supervision {
                support,
                learning,
                next_on: next.and_then(|d| {
                    chrono::NaiveDate::from_ymd_opt(2026, 1, 1)
                        .and_then(|day| day.checked_add_days(chrono::Days::new(d.into())))
                }),
                held_on: chrono::NaiveDate::from_ymd_opt(2026, 3, 4),
                supervisor: Some("team manager".into()),
                session_type: Some("individual".into()),
                agenda: agenda
                    .into_iter()
                    .map(|(text, f, discussion)| AgendaItem {
                        discussion,
                        ..AgendaItem::new(text, Function::ALL.get(f).copied())
                    })
                    .collect(),
                decisions: decisions.into_iter().map(Decision::new).collect(),
                actions: actions
                    .into_iter()
                    .map(|(text, s, reason)| ActionItem {
                        text,
                        status: [
                            ActionStatus::Open,
                            ActionStatus::Done,
                            ActionStatus::Dropped,
                        ][s],
                        reason,
                        ..Default::default()
                    })
                    .collect(),
            })
        })
}

/// Two contents of one kind (an entry keeps its kind).
fn two_of_a_kind() -> impl Strategy<Value = (EntryContent, EntryContent)> {
    (0usize..5).prop_flat_map(|k| {
        let details = move || -> BoxedStrategy<Details> {
            match k {
                0 => guided().boxed(),
                1 => checkin().boxed(),
                2 => recovery().boxed(),
                3 => learning().boxed(),
                _ => supervision().boxed(),
            }
        };
        ((common(), details()), (common(), details())).prop_map(|((c1, d1), (c2, d2))| {
            (
                EntryContent {
                    common: c1,
                    details: d1,
                },
                EntryContent {
                    common: c2,
                    details: d2,
                },
            )
        })
    })
}

/// What the journal adds on its own (item ids, closing times), taken away to compare.
fn written(mut c: EntryContent) -> EntryContent {
    if let Details::Supervision(s) = &mut c.details {
        s.agenda.iter_mut().for_each(|a| a.id = None);
        s.decisions.iter_mut().for_each(|d| d.id = None);
        s.actions.iter_mut().for_each(|a| {
            a.id = None;
            a.closed = None;
        });
    }
    c
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 64, ..ProptestConfig::default() })]

    /// Write then read gives the same entry, and an edit replaces it completely.
    #[test]
    fn what_is_written_comes_back_the_same((first, second) in two_of_a_kind(), keying in Keying::any()) {
        let mut store = keying.fresh();
        let id = store.add_entry(&first, at(1), 3600, at(1)).expect("add");
        prop_assert_eq!(written(store.get(id).expect("get").content), first);
        store.update_entry(id, &second, at(2)).expect("update");
        let got = store.get(id).expect("get");
        prop_assert_eq!(written(got.content), second);
        prop_assert_eq!(got.meta.created.offset().local_minus_utc(), 3600);
        prop_assert!(store.check_integrity().expect("check").is_empty());
    }

    /// After any sequence of changes, searching a word finds exactly the live entries that
    /// contain it (in title, body, answers or tags), and the index passes its own check.
    #[test]
    fn the_search_index_follows_every_change(ops in proptest::collection::vec((0u8..5, 0usize..6, proptest::sample::select(vec!["alpha", "beta", "gamma"]), any::<bool>()), 1..25), keying in Keying::any()) {
        let mut store = keying.fresh();
        let mut ids: Vec<EntryId> = Vec::new();
        for (step, (op, pick, word, as_tag)) in ops.into_iter().enumerate() {
            let now = at(step as i64);
            let mut c = EntryContent::text(if as_tag { "plain".into() } else { format!("some {word} text") });
            c.common.tags = if as_tag { vec![Tag::parse(word).expect("tag")] } else { vec![] };
            c.details = Details::Reflection(Guided {
                template: Some("driscoll".into()),
                answers: vec![StageAnswer { stage: "what".into(), answer: format!("answer {step}") }],
                review: None,
            });
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
                    e.meta.deleted.is_none() && (e.content.common.body.contains(word) || e.content.common.tags.iter().any(|t| t.as_str() == word))
                })
                .copied()
                .collect();
            expected.sort();
            prop_assert_eq!(found, expected, "word {}", word);
        }
    }

    /// After any sequence of changes to entries of every kind (check-ins, supervision,
    /// learning, recovery, guided reflections), with trends read (and days kept) between
    /// them, the days the store keeps summed are the days summed afresh from the live
    /// entries' rows, and the search index equals a rebuild from the content.
    #[test]
    fn the_kept_trend_days_follow_every_change(ops in proptest::collection::vec((0u8..7, 0usize..6, 0i64..40, 0usize..4, two_of_a_kind()), 1..30), keying in Keying::any()) {
        use debrief::analytics::{Day, days_of};
        use debrief::storage::SaveTarget;
        let mut store = keying.fresh();
        let mut ids: Vec<EntryId> = Vec::new();
        // Offsets that move an entry across midnight: UTC, an hour east, ten hours west,
        // fourteen hours east.
        let offsets = [0, 3600, -36000, 50400];
        let first = chrono::NaiveDate::from_ymd_opt(2025, 12, 30).expect("date");
        let last = chrono::NaiveDate::from_ymd_opt(2026, 1, 12).expect("date");
        let nonempty = |days: Vec<Day>| -> Vec<Day> {
            days.into_iter().filter(|d| *d != Day::empty(d.day)).collect()
        };
        for (step, (op, pick, hours, offset, (content, _))) in ops.into_iter().enumerate() {
            let now = at(step as i64);
            let when = at(hours * 7 * 60);
            let offset = offsets[offset];
            let target = ids.get(pick % ids.len().max(1)).copied();
            match (op, target) {
                (0, _) | (_, None) => ids.push(store.add_entry(&content, when, offset, now).expect("add")),
                // An entry keeps its kind: content of another kind is refused, untouched.
                (1, Some(id)) => { let _ = store.update_entry(id, &content, now); }
                (2, Some(id)) => {
                    let target = SaveTarget::Existing { id, created: Some((when, offset)), revision: None };
                    let _ = store.save(target, &content, None, now);
                }
                (3, Some(id)) => { let _ = store.trash(id, now); }
                (4, Some(id)) => { let _ = store.restore(id); }
                (5, Some(id)) => { store.purge(id).expect("purge"); ids.retain(|i| *i != id); }
                (_, Some(_)) => { store.trend_days(first, last).expect("trend days"); }
            }
        }
        let kept = nonempty(store.trend_days(first, last).expect("trend days"));
        let rows = store
            .trend_rows(at(-3 * 24 * 60), at(14 * 24 * 60))
            .expect("rows");
        let afresh = nonempty(days_of(&rows));
        prop_assert_eq!(kept, afresh);
        let problems = store.check_integrity().expect("check");
        prop_assert!(problems.is_empty(), "{:?}", problems);
    }

    /// Export then import into an empty journal gives the same journal: every entry with its
    /// UUID, content, times (with their offsets) and trash state.
    #[test]
    fn a_bundle_brings_the_whole_journal_across(entries in proptest::collection::vec((two_of_a_kind(), 0i64..100_000, 0usize..4, any::<bool>()), 0..12), keying in Keying::any()) {
        use debrief::transfer::EntryRecord;
        use debrief::transfer::bundle::{self, BundleWriter};
        let mut from = keying.fresh();
        let offsets = [0, 3600, -36000, 19800];
        for ((content, _), minutes, offset, trashed) in entries {
            let id = from.add_entry(&content, at(minutes), offsets[offset], at(minutes + 5)).expect("add");
            if trashed {
                from.trash(id, at(minutes + 9)).expect("trash");
            }
        }
        let mut w = BundleWriter::start(Vec::new(), at(0)).expect("start");
        for id in from.ids(None).expect("ids") {
            w.entry(&EntryRecord::from(&from.get(id).expect("get"))).expect("entry");
        }
        let (_, bytes) = w.finish(&[]).expect("finish");
        let text = String::from_utf8(bytes).expect("utf-8");
        let rows: Vec<_> = bundle::read(&text, "bundle.json")
            .expect("read")
            .into_iter()
            .map(|r| r.into_row().expect("row"))
            .collect();
        let mut to = keying.fresh();
        to.import(rows, debrief::storage::OnConflict::KeepNewer, false).expect("import");
        let whole = |s: &Store| -> Vec<(uuid::Uuid, String, String, Option<String>, EntryContent)> {
            let mut v: Vec<_> = s.ids(None).expect("ids").into_iter().map(|id| {
                let e = s.get(id).expect("get");
                (e.meta.uuid, e.meta.created.to_rfc3339(), e.meta.updated.to_rfc3339(), e.meta.deleted.map(|d| d.to_rfc3339()), written(e.content))
            }).collect();
            v.sort_by_key(|e| e.0);
            v
        };
        prop_assert_eq!(whole(&to), whole(&from));
        // The entries brought in are in the search index, indexed once at the end.
        prop_assert!(to.check_integrity().expect("check").is_empty());
        for id in to.ids(None).expect("ids") {
            let e = to.get(id).expect("get");
            let word = e.content.common.body.split(|c: char| !c.is_ascii_alphanumeric()).find(|w| w.len() > 3);
            if let (Some(w), None) = (word, e.meta.deleted) {
                // Found in the journal it came from (by its UUID) and in this one alike.
                let found = |s: &Store| s.search(w, false, &EntryFilter::default(), 1000).expect("search")
                    .iter().any(|h| h.entry.uuid == e.meta.uuid);
                prop_assert_eq!(found(&to), found(&from), "{}", w);
            }
        }
        // Importing the same bundle again adds nothing.
        let again: Vec<_> = bundle::read(&text, "bundle.json").expect("read").into_iter().map(|r| r.into_row().expect("row")).collect();
        let report = to.import(again, debrief::storage::OnConflict::KeepNewer, false).expect("import");
        prop_assert!(report.rows.iter().all(|r| matches!(r, debrief::storage::RowOutcome::Skipped(_))));
    }
}
