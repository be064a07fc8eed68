//! Moving in from jrnl: its JSON export (`jrnl --format json`) read into rows for the
//! store's import. Title, body, date and time (on this machine's clock), stars, and `@tags`
//! as tags. jrnl entries have no identity, so each gets one from its own date, time and text:
//! importing the same export twice adds nothing, and two entries of one export with the same
//! date, time and text are one (the report says which were merged).

use chrono::{DateTime, NaiveDate, NaiveDateTime, NaiveTime, Utc};
use serde::Deserialize;
use uuid::Uuid;

use crate::clock::Clock;
use crate::domain::{EntryContent, Tag};
use crate::storage::{ImportRow, Incoming};
use crate::{Error, Result};

/// The export: its entries are read one by one, so one that is not a jrnl entry is
/// rejected on its own.
#[derive(Debug, Deserialize)]
struct Export {
    entries: Vec<serde_json::Value>,
}

#[derive(Debug, Deserialize)]
struct JrnlEntry {
    #[serde(default)]
    title: String,
    #[serde(default)]
    body: String,
    date: String,
    time: String,
    #[serde(default)]
    tags: Vec<String>,
    #[serde(default)]
    starred: bool,
    /// Journals kept in Day One carry one.
    #[serde(default)]
    uuid: Option<String>,
}

/// A stable identity for an entry that has none: 128 bits of FNV-1a over its text, marked
/// as a custom (version 8) UUID.
fn identity(parts: &[&str]) -> Uuid {
    let fnv = |seed: u64| {
        let mut h: u64 = 0xcbf2_9ce4_8422_2325 ^ seed;
        for part in parts {
            for b in part.bytes().chain([0u8]) {
                h ^= u64::from(b);
                h = h.wrapping_mul(0x0000_0100_0000_01b3);
            }
        }
        h
    };
    let mut bytes = [0u8; 16];
    bytes[..8].copy_from_slice(&fnv(0).to_be_bytes());
    bytes[8..].copy_from_slice(&fnv(0x9e37_79b9_7f4a_7c15).to_be_bytes());
    bytes[6] = (bytes[6] & 0x0f) | 0x80;
    bytes[8] = (bytes[8] & 0x3f) | 0x80;
    Uuid::from_bytes(bytes)
}

/// The entries of a jrnl JSON export, in the order of the file, dated on `clock`'s wall
/// clock: each a row to bring in, or why it cannot come in (its date cannot be read, or is in
/// the future), or the position of the earlier entry it is the same as. A file that is not
/// a jrnl export is refused whole.
pub fn read(text: &str, name: &str, clock: &Clock, now: DateTime<Utc>) -> Result<Vec<Incoming>> {
    let export: Export = serde_json::from_str(text).map_err(|e| {
        Error::invalid(
            "jrnl",
            format!(
                "{name} line {}, column {}: {} (expected jrnl's `--format json` export); nothing was imported",
                e.line(),
                e.column(),
                super::bundle::first_sentence(&e.to_string())
            ),
        )
    })?;
    // Where each identity was first met (from 1), and that entry's text.
    let mut seen = std::collections::HashMap::<Uuid, (usize, Uuid)>::new();
    let items = export.entries.iter().enumerate().map(|(i, value)| {
        let read = JrnlEntry::deserialize(value)
            .map_err(|e| super::bundle::first_sentence(&e.to_string()).to_string())
            .and_then(|e| Ok((row(&e, clock, now)?, text_of(&e))));
        let (row, text) = match read {
            Err(why) => return Incoming::Rejected(why),
            Ok(read) => read,
        };
        match seen.get(&row.uuid) {
            Some(&(first, same)) if same == text => Incoming::Merged(first),
            Some(&(first, _)) => Incoming::Rejected(format!(
                "its uuid {} is entry {first}'s, with other text: give one of them another uuid",
                row.uuid
            )),
            None => {
                let item = super::incoming::checked(row, now);
                if let Incoming::Entry(row) = &item {
                    seen.insert(row.uuid, (i + 1, text));
                }
                item
            }
        }
    });
    Ok(items.collect())
}

/// What makes two entries the same: their date, time and text.
fn text_of(e: &JrnlEntry) -> Uuid {
    identity(&[&e.date, &e.time, &e.title, &e.body])
}

fn row(e: &JrnlEntry, clock: &Clock, now: DateTime<Utc>) -> std::result::Result<ImportRow, String> {
    let date = NaiveDate::parse_from_str(e.date.trim(), "%Y-%m-%d")
        .map_err(|_| format!("the date '{}' is not YYYY-MM-DD", e.date.escape_debug()))?;
    let time = ["%H:%M", "%H:%M:%S", "%I:%M %p"]
        .iter()
        .find_map(|f| NaiveTime::parse_from_str(e.time.trim(), f).ok())
        .ok_or_else(|| format!("the time '{}' is not HH:MM", e.time.escape_debug()))?;
    let created = clock
        .from_local(NaiveDateTime::new(date, time))
        .ok_or_else(|| format!("the date '{}' is out of range", e.date.escape_debug()))?;
    let uuid = match e.uuid.as_deref().map(Uuid::parse_str) {
        Some(Ok(u)) => u,
        _ => text_of(e),
    };
    let mut content = EntryContent::text(e.body.trim_end().to_string());
    let title = e.title.trim();
    content.common.title = (!title.is_empty()).then(|| title.to_string());
    // jrnl's tags are words in the text, so one debrief cannot take stays in the text.
    let mut tags: Vec<Tag> = e.tags.iter().filter_map(|t| Tag::parse(t).ok()).collect();
    tags.sort();
    tags.dedup();
    content.common.tags = tags;
    content.common.flags.starred = e.starred;
    Ok(ImportRow {
        cpd: None,
        covered: Vec::new(),
        uuid,
        created,
        utc_offset_s: clock.offset_at(created),
        updated: now,
        deleted: None,
        content,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The rows of `items`, failing on anything else.
    fn rows(items: Vec<Incoming>) -> Vec<ImportRow> {
        items
            .into_iter()
            .map(|i| match i {
                Incoming::Entry(row) => *row,
                other => panic!("not a row: {other:?}"),
            })
            .collect()
    }

    fn clock() -> Clock {
        let now = DateTime::parse_from_rfc3339("2026-11-23T12:00:00Z")
            .expect("now")
            .with_timezone(&Utc);
        Clock::fixed(now, jiff::tz::TimeZone::get("Europe/London").expect("tz"))
    }

    #[test]
    fn entries_keep_their_text_time_stars_and_tags() {
        let text = r#"{"tags": {"@court": 1}, "entries": [
            {"title": "Court day.", "body": "Long wait with @court staff.\n", "date": "2026-07-01",
             "time": "09:30", "tags": ["@court", "@Court"], "starred": true},
            {"title": "Winter", "body": "", "date": "2026-01-10", "time": "18:05", "tags": [],
             "starred": false}]}"#;
        let c = clock();
        let rows = rows(read(text, "jrnl.json", &c, c.now()).expect("rows"));
        assert_eq!(rows.len(), 2);
        let summer = &rows[0];
        assert_eq!(summer.content.common.title.as_deref(), Some("Court day."));
        assert_eq!(summer.content.common.body, "Long wait with @court staff.");
        assert_eq!(
            summer.content.common.tags,
            [Tag::parse("court").expect("tag")]
        );
        assert!(summer.content.common.flags.starred);
        // 09:30 in London in July is 08:30 UTC, an hour east; in January it is UTC itself.
        assert_eq!(summer.created.to_rfc3339(), "2026-07-01T08:30:00+00:00");
        assert_eq!(summer.utc_offset_s, 3600);
        assert_eq!(rows[1].utc_offset_s, 0);
        // The same entry read again has the same identity; a different one does not.
        let again = super::tests::rows(read(text, "jrnl.json", &c, c.now()).expect("rows"));
        assert_eq!(again[0].uuid, summer.uuid);
        assert_ne!(rows[1].uuid, summer.uuid);
    }

    #[test]
    fn a_file_that_is_not_jrnl_is_refused_whole_and_a_bad_entry_alone() {
        let c = clock();
        let e = read("[1, 2]", "x.json", &c, c.now()).expect_err("not jrnl");
        assert!(e.to_string().contains("x.json line 1, column 2"), "{e}");
        let text = r#"{"entries": [
            {"title": "a", "body": "", "date": "01/07/2026", "time": "09:30"},
            {"title": "b", "body": "", "date": "2026-07-01", "time": "09:30"},
            {"title": "c", "body": "", "date": "2999-12-31", "time": "09:30"},
            {"title": "d", "body": "", "time": "09:30"},
            {"title": "b", "body": "", "date": "2026-07-01", "time": "09:30"},
            {"title": "e", "body": "", "date": "2026-07-01", "time": "09:30",
             "uuid": "a1a1a1a1-0000-4000-8000-000000000001"},
            {"title": "f", "body": "", "date": "2026-07-01", "time": "09:30",
             "uuid": "a1a1a1a1-0000-4000-8000-000000000001"}]}"#;
        let items = read(text, "x.json", &c, c.now()).expect("read");
        let said: Vec<String> = items
            .iter()
            .map(|i| match i {
                Incoming::Entry(_) => "in".into(),
                Incoming::Rejected(why) => why.clone(),
                Incoming::Merged(with) => format!("merged {with}"),
                Incoming::Queued { .. } => "queued".into(),
            })
            .collect();
        assert_eq!(said[0], "the date '01/07/2026' is not YYYY-MM-DD");
        assert_eq!(said[1], "in");
        assert!(
            said[2].contains("2999-12-31") && said[2].contains("future"),
            "{said:?}"
        );
        assert!(said[3].contains("missing field `date`"), "{said:?}");
        assert_eq!(said[4], "merged 2");
        assert_eq!(said[5], "in");
        assert!(said[6].contains("entry 6's, with other text"), "{said:?}");
    }

    proptest::proptest! {
        /// Any entry jrnl could write comes through with its text, time and stars, and the
        /// same identity each time.
        #[test]
        fn any_jrnl_entry_is_read_whole(
            title in "[^\\p{C}]{0,40}",
            body in "\\PC{0,80}",
            day in 1u32..=28, month in 1u32..=12, hour in 0u32..24, minute in 0u32..60,
            starred in proptest::bool::ANY,
        ) {
            let entry = serde_json::json!({"entries": [{
                "title": title, "body": body,
                "date": format!("2025-{month:02}-{day:02}"), "time": format!("{hour:02}:{minute:02}"),
                "tags": [], "starred": starred}]});
            let c = clock();
            let text = entry.to_string();
            let rows = super::tests::rows(read(&text, "j.json", &c, c.now()).expect("rows"));
            let r = &rows[0];
            proptest::prop_assert_eq!(r.content.common.title.clone(), (!title.trim().is_empty()).then(|| title.trim().to_string()));
            proptest::prop_assert_eq!(&r.content.common.body, body.trim_end());
            proptest::prop_assert_eq!(r.content.common.flags.starred, starred);
            let local = c.local(r.created);
            proptest::prop_assert_eq!(local.format("%Y-%m-%d").to_string(), format!("2025-{month:02}-{day:02}"));
            let again = super::tests::rows(read(&text, "j.json", &c, c.now()).expect("rows"));
            proptest::prop_assert_eq!(r.uuid, again[0].uuid);
        }
    }
}
