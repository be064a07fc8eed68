use std::collections::BTreeSet;

use chrono::{DateTime, Utc};
use proptest::prelude::*;
use serde_json::{Value, json};
use uuid::Uuid;

use super::*;
use crate::domain::EntryContent;
use crate::storage::{OnConflict, RowOutcome, Store};
use crate::transfer::EntryRecord;

fn now() -> DateTime<Utc> {
    DateTime::parse_from_rfc3339("2026-11-23T12:00:00Z")
        .expect("now")
        .with_timezone(&Utc)
}

/// A valid entry's record as a bundle holds it (made by the store, so every field is there).
fn good_record() -> Value {
    let mut store = Store::open_in_memory().expect("store");
    let when = now() - chrono::Duration::days(3);
    let id = store
        .add_entry(&EntryContent::text("a good day".to_string()), when, 0, when)
        .expect("add");
    serde_json::to_value(EntryRecord::from(&store.get(id).expect("entry"))).expect("json")
}

/// The ways an entry of a bundle can be wrong on its own (each checked by a different rule).
const BAD_BUNDLE_ENTRIES: usize = 14;

fn bad_bundle_entry(mut v: Value, how: usize) -> Value {
    let tags: Vec<String> = (0..65).map(|n| format!("t{n}")).collect();
    match how {
        0 => v["stress"] = json!(11),
        1 => v["energy"] = json!(-1),
        2 => v["tags"] = json!(["two words"]),
        3 => v["tags"] = json!(tags),
        4 => v["title"] = json!("one\ntwo"),
        5 => v["created"] = json!("not a date"),
        6 => v["created"] = json!("9999-12-31T09:00:00+00:00"),
        7 => v["updated"] = json!("2999-01-01T00:00:00Z"),
        8 => v["kind"] = json!("dream"),
        9 => v["kind"] = json!("recovery"),
        10 => {
            v.as_object_mut().expect("object").remove("body");
        }
        11 => return json!(7),
        12 => v["deleted"] = json!("2999-01-01T00:00:00Z"),
        _ => v["uuid"] = json!("not a uuid"),
    }
    v
}

/// Import `entries` as a bundle into a new journal: the report and the UUIDs it then holds.
fn import_bundle(entries: Vec<Value>) -> (Vec<RowOutcome>, BTreeSet<Uuid>) {
    // In a bundle's order: what it is comes first.
    let text = format!(
        r#"{{"format": "debrief-bundle", "version": 1, "exported": "2026-11-23T11:00:00Z", "notice": "", "entries": {}}}"#,
        Value::Array(entries)
    );
    let mut items = Vec::new();
    read_bundle(text.as_bytes(), "b.json", now(), |i| {
        items.push(Ok(i));
        Ok(())
    })
    .expect("a bundle");
    let mut store = Store::open_in_memory().expect("store");
    let report = store
        .import_stream(items, OnConflict::KeepNewer, false)
        .expect("import");
    let held = store
        .ids(None)
        .expect("ids")
        .into_iter()
        .map(|id| store.get(id).expect("entry").meta.uuid)
        .collect();
    (report.rows, held)
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    /// Any mix of good and bad entries: exactly the good ones come in, and exactly the bad
    /// ones are reported, each in its place.
    #[test]
    fn a_bundle_brings_in_exactly_its_good_entries(
        mix in proptest::collection::vec(proptest::option::of(0..BAD_BUNDLE_ENTRIES), 0..24)
    ) {
        let template = good_record();
        let mut good = BTreeSet::new();
        let entries: Vec<Value> = mix.iter().enumerate().map(|(i, bad)| {
            let mut v = template.clone();
            let uuid = Uuid::from_u128(0x1000 + i as u128);
            v["uuid"] = json!(uuid);
            v["body"] = json!(format!("entry {i}"));
            match bad {
                Some(how) => bad_bundle_entry(v, *how),
                None => {
                    good.insert(uuid);
                    v
                }
            }
        }).collect();
        let (rows, held) = import_bundle(entries);
        prop_assert_eq!(rows.len(), mix.len());
        for (row, bad) in rows.iter().zip(&mix) {
            match (row, bad) {
                (RowOutcome::Added(_), None) => {}
                (RowOutcome::Rejected(why), Some(_)) => prop_assert!(!why.is_empty()),
                other => prop_assert!(false, "{:?}", other),
            }
        }
        prop_assert_eq!(held, good);
    }

    /// The same for jrnl's export, with entries repeated: each good entry comes in once, a
    /// repeat is reported as merged into its first place, and each bad one as rejected.
    #[test]
    fn a_jrnl_export_brings_in_exactly_its_good_entries(
        mix in proptest::collection::vec((0..6usize, 0..4usize), 0..24)
    ) {
        let clock = crate::clock::Clock::fixed(now(), jiff::tz::TimeZone::UTC);
        let entries: Vec<Value> = mix.iter().map(|&(how, n)| {
            let good = json!({"title": format!("day {n}"), "body": "", "date": "2026-07-01",
                "time": format!("09:0{n}")});
            let mut v = good.clone();
            match how {
                0 => v["date"] = json!("01/07/2026"),
                1 => v["date"] = json!("2999-12-31"),
                2 => v["time"] = json!("25:61"),
                3 => v["title"] = json!(5),
                _ => {}
            }
            v
        }).collect();
        let text = json!({"entries": entries}).to_string();
        let items = crate::transfer::jrnl::read(&text, "j.json", &clock, now()).expect("jrnl");
        let mut store = Store::open_in_memory().expect("store");
        let report = store.import_stream(items.into_iter().map(Ok), OnConflict::Skip, false).expect("import");
        // The first place of each good entry.
        let mut first = std::collections::HashMap::new();
        for (i, (row, &(how, n))) in report.rows.iter().zip(&mix).enumerate() {
            match (row, how >= 4) {
                (RowOutcome::Rejected(_), false) => {}
                (RowOutcome::Added(_), true) => prop_assert!(first.insert(n, i + 1).is_none()),
                (RowOutcome::Merged(with), true) => prop_assert_eq!(first.get(&n), Some(with)),
                other => prop_assert!(false, "{:?} at {}", other, i + 1),
            }
        }
        prop_assert_eq!(store.count_entries().expect("count"), first.len());
    }
}

#[test]
fn a_bad_entry_is_rejected_with_the_field_and_the_reason() {
    let mut v = good_record();
    v["stress"] = json!(11);
    let (rows, _) = import_bundle(vec![v]);
    let RowOutcome::Rejected(why) = &rows[0] else {
        panic!("{rows:?}")
    };
    assert!(
        why.starts_with("its stress: ") && why.contains("11"),
        "{why}"
    );
    let mut v = good_record();
    v["updated"] = json!("2999-01-01T00:00:00Z");
    let (rows, _) = import_bundle(vec![v]);
    assert_eq!(
        rows,
        [RowOutcome::Rejected(
            "its updated time 2999-01-01 00:00 UTC is in the future (more than a day after now): correct it in the file".into()
        )]
    );
}

#[test]
fn a_time_up_to_a_day_ahead_comes_in_and_one_just_past_it_does_not() {
    let mut v = good_record();
    let edge = now() + FUTURE_MARGIN;
    v["created"] = json!(edge.to_rfc3339());
    v["updated"] = json!(edge.to_rfc3339());
    let (rows, _) = import_bundle(vec![v.clone()]);
    assert!(matches!(rows[..], [RowOutcome::Added(_)]), "{rows:?}");
    v["created"] = json!((edge + chrono::Duration::seconds(1)).to_rfc3339());
    let (rows, _) = import_bundle(vec![v]);
    assert!(matches!(rows[..], [RowOutcome::Rejected(_)]), "{rows:?}");
}
