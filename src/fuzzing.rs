//! What each fuzz target checks (`fuzz/`, run with cargo-fuzz), kept here so the inputs the
//! fuzzers found worth keeping replay in the normal test suite (`tests/fuzz-inputs/`). Each
//! function takes any bytes and panics only when debrief misbehaves.

use chrono::{DateTime, Utc};

use crate::clock::Clock;
use crate::domain::EntryFilter;
use crate::domain::date_words::DateOrder;
use crate::storage::Store;

/// A check over any bytes.
pub type Check = fn(&[u8]);

/// The targets, by name (the fuzz target's and the folder of its kept inputs).
pub const TARGETS: [(&str, Check); 7] = [
    ("fts_query", fts_query),
    ("date_words", date_words),
    ("search_filter", search_filter),
    ("config_toml", config_toml),
    ("template_toml", template_toml),
    ("jrnl_json", jrnl_json),
    ("bundle_json", bundle_json),
];

fn text(data: &[u8]) -> std::borrow::Cow<'_, str> {
    String::from_utf8_lossy(data)
}

fn clock() -> Clock {
    let at = DateTime::<Utc>::from_timestamp(1_795_000_000, 0).unwrap_or_default();
    Clock::fixed(
        at,
        jiff::tz::TimeZone::get("Europe/London").unwrap_or(jiff::tz::TimeZone::UTC),
    )
}

thread_local! {
    static STORE: Store = Store::open_in_memory().expect("an in-memory journal");
}

/// Whatever is typed, the query built for FTS5 is one SQLite accepts (with and without a
/// prefix on the last word).
pub fn fts_query(data: &[u8]) {
    let input = text(data);
    STORE.with(|store| {
        for prefix in [false, true] {
            let _ = crate::storage::fts_query(&input, prefix);
            if let Err(e) = store.search(&input, prefix, &EntryFilter::default(), 5) {
                // Too many words is a message for the user, not a failure of the builder.
                assert!(
                    matches!(e, crate::Error::Invalid { .. }),
                    "search {input:?} failed: {e}"
                );
            }
        }
    });
}

/// Date words, in every order: an answer or an error, and a span that does not end before
/// it starts.
pub fn date_words(data: &[u8]) {
    let input = text(data);
    let now = clock().now_zoned();
    for order in [DateOrder::Dmy, DateOrder::Mdy, DateOrder::Ymd] {
        let _ = crate::domain::date_words::normalise(&input, order);
        if let Ok(when) = crate::domain::when::parse_when_in(&input, &now, order) {
            assert!(when.since() <= when.until(), "{input:?}: since after until");
        }
        let _ = crate::domain::when::read_day(&input, &now, order, true);
    }
}

/// The search box's language: any input parses, keeps within the word limit, and what it
/// leaves for full-text search is a search SQLite accepts.
pub fn search_filter(data: &[u8]) {
    let input = text(data);
    let q = crate::domain::query::parse_query(&input, &clock().now_zoned());
    let words = q.text.split_whitespace().count();
    assert!(
        words <= crate::domain::query::MAX_TERMS,
        "{words} words kept"
    );
    STORE.with(|store| {
        if let Err(e) = store.search(&q.text, true, &q.filter, 5) {
            panic!("search of {input:?} failed: {e}");
        }
    });
}

/// The settings file: read whole or setting by setting, never a panic; what reads whole
/// reads the same setting by setting.
pub fn config_toml(data: &[u8]) {
    let input = text(data);
    let (each, _) = crate::config::Config::parse_each(&input);
    if let Ok(whole) = crate::config::Config::parse(&input) {
        assert_eq!(whole, each, "{input:?}");
    }
}

/// A user's template file: refused with a reason or accepted; an accepted one splits text
/// composed from it back into the same answers.
pub fn template_toml(data: &[u8]) {
    let input = text(data);
    if let Ok(t) = crate::domain::templates::parse("fuzz.toml", &input) {
        let answers: Vec<crate::domain::StageAnswer> = t
            .stages
            .iter()
            .map(|s| crate::domain::StageAnswer {
                stage: s.key.clone(),
                answer: format!("answer for {}", s.key),
            })
            .collect();
        let composed = t.compose("", &answers);
        let (_, back) = t.split(&composed);
        assert_eq!(back, answers, "{input:?}");
    }
}

/// jrnl's JSON export: read into rows or refused, never a panic.
pub fn jrnl_json(data: &[u8]) {
    let input = text(data);
    let c = clock();
    let _ = crate::transfer::jrnl::read(&input, "fuzz.json", &c, c.now());
}

/// A debrief bundle: read whole and read streaming agree, and every record read becomes a
/// row or is refused with a reason.
pub fn bundle_json(data: &[u8]) {
    let input = text(data);
    let whole = crate::transfer::bundle::read(&input, "fuzz.json");
    let mut bad = 0usize;
    let each = crate::transfer::bundle::read_each(input.as_bytes(), "fuzz.json", |part| {
        match part {
            crate::transfer::bundle::Part::Entry(Ok(record)) => {
                let _ = record.into_row();
            }
            crate::transfer::bundle::Part::Entry(Err(_)) => bad += 1,
            crate::transfer::bundle::Part::Queue(_) => {}
        }
        Ok(())
    });
    if let (Ok(records), Ok(n)) = (&whole, &each) {
        assert_eq!(records.len(), *n, "whole and streamed differ");
    }
    // Read whole, a file with an entry that is not one is refused; streamed, it is named.
    assert_eq!(
        whole.is_ok(),
        each.is_ok() && bad == 0,
        "{input:?}: {whole:?} / {each:?}"
    );
    if let Ok(records) = whole {
        for r in records {
            let _ = r.into_row();
        }
    }
}
