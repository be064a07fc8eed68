//! Journals made by an earlier schema, opened by this debrief: everything kept, a backup
//! made first, and what the new schema adds working on the old entries.

use crate::keying::{Keying, plain_and_encrypted};
use std::time::Duration;

use chrono::{TimeZone, Utc};
use debrief::domain::*;
use debrief::storage::{LATEST_VERSION, Store, StoreOptions};

const SCHEMA: [&str; 4] = [
    include_str!("../../src/storage/migrations/001_journal.sql"),
    include_str!("../../src/storage/migrations/002_identities.sql"),
    include_str!("../../src/storage/migrations/003_draft_claims.sql"),
    include_str!("../../src/storage/migrations/004_entry_numbers.sql"),
];

/// A journal at schema version 4 (the one before check-in flags and the recovery log), with
/// one entry of each kind it knew, a draft, and a purged entry's number used up.
fn version_4_journal(path: &std::path::Path, keying: Keying) {
    let conn = keying.raw(path);
    for sql in SCHEMA {
        conn.execute_batch(sql).expect("schema");
    }
    conn.execute_batch(
        "PRAGMA user_version = 4;
         INSERT INTO entries (id, uuid, kind, created_ms, utc_offset_s, updated_ms, title, body, stress, energy, work_context, starred, template_id)
           VALUES (1, '0b5e4d0c-7b1a-4b5e-9a51-3f8f9d1c2e10', 'reflection', 1763600000000, 0, 1763600000000, 'The visit', 'We met at the door', 5, NULL, 'home visit', 1, 'driscoll'),
                  (2, '1b5e4d0c-7b1a-4b5e-9a51-3f8f9d1c2e10', 'checkin', 1763650000000, 3600, 1763650000000, NULL, 'Before court', 7, 3, 'court', 0, NULL),
                  (3, '2b5e4d0c-7b1a-4b5e-9a51-3f8f9d1c2e10', 'supervision', 1763700000000, 0, 1763700000000, 'Supervision', 'Session', NULL, NULL, NULL, 0, NULL);
         INSERT INTO stage_answers VALUES (1, 0, 'what', 'A long visit.'), (1, 1, 'so_what', 'I felt it.');
         INSERT INTO tags (name) VALUES ('home-visit'), ('court');
         INSERT INTO entry_tags VALUES (1, 1), (2, 2);
         INSERT INTO body_sensations (entry_id, region, sensation, intensity)
           VALUES (2, 'shoulders', 'tight', 2), (2, 'jaw_mouth', 'clenched', 3);
         INSERT INTO emotions (entry_id, word, intensity) VALUES (2, 'worried', 2), (2, 'a word no list has', NULL);
         INSERT INTO supervision_sessions VALUES (3, '2026-11-21', 'team manager', 'individual');
         INSERT INTO agenda_items (entry_id, position, text, function) VALUES (3, 0, 'Workload', 'support');
         INSERT INTO actions (entry_id, text, status) VALUES (3, 'Book training', 'open');
         INSERT INTO drafts (entry_id, payload, updated_ms) VALUES (NULL, '{\"version\":2,\"draft\":{\"body\":\"half a thought\"}}', 1763700000000);
         UPDATE entry_numbers SET last = 4;",
    )
    .expect("version 4 rows");
}

fn options(dir: &std::path::Path, keying: Keying) -> StoreOptions {
    StoreOptions {
        key: keying.key(),
        backups: dir.join("backups"),
        busy_timeout: Duration::from_millis(500),
        now: Utc
            .with_ymd_and_hms(2026, 11, 22, 12, 0, 0)
            .single()
            .expect("now"),
    }
}

fn found(store: &Store, q: &str) -> Vec<i64> {
    store
        .search(q, false, &EntryFilter::default(), 10)
        .expect("search")
        .into_iter()
        .map(|h| h.entry.id.0)
        .collect()
}

fn a_version_4_journal_keeps_everything_and_gains_checkin_search_and_recovery(keying: Keying) {
    let tmp = tempfile::tempdir().expect("tempdir");
    let path = tmp.path().join("v4.db");
    version_4_journal(&path, keying);
    let mut store = Store::open(&path, &options(tmp.path(), keying)).expect("migrate");
    assert_eq!(store.schema_version().expect("v"), LATEST_VERSION as i64);
    assert_eq!(
        std::fs::read_dir(tmp.path().join("backups"))
            .expect("backups")
            .count(),
        1,
        "the version 4 journal was copied aside first"
    );

    // Every entry with every detail, ids and times unchanged.
    let r = store.get(EntryId(1)).expect("reflection");
    assert_eq!(r.content.common.title.as_deref(), Some("The visit"));
    assert_eq!(r.content.common.work_context.as_deref(), Some("home visit"));
    assert!(r.content.common.flags.starred);
    let Details::Reflection(g) = &r.content.details else {
        panic!("kind")
    };
    assert_eq!(g.answer("so_what"), Some("I felt it."));
    let c = store.get(EntryId(2)).expect("checkin");
    assert_eq!(c.meta.created.offset().local_minus_utc(), 3600);
    assert_eq!(c.content.common.stress.map(Rating::value), Some(7));
    let Details::Checkin(ci) = &c.content.details else {
        panic!("kind")
    };
    assert_eq!(ci.sensations.len(), 2);
    assert_eq!(ci.sensations[1].region, "jaw_mouth");
    assert_eq!(
        ci.emotions[1].word, "a word no list has",
        "unknown words still load"
    );
    assert!(ci.difficulties.is_empty());
    let Details::Supervision(s) = store.get(EntryId(3)).expect("session").content.details else {
        panic!("kind")
    };
    assert_eq!(s.actions[0].text, "Book training");
    assert_eq!(
        store.drafts().expect("drafts").len(),
        1,
        "the draft survives"
    );

    // The words the migration indexed are the words a save would index.
    let raw = keying.raw(&path);
    for id in [1, 2, 3] {
        let stored: String = raw
            .query_row(
                "SELECT search_words FROM entries WHERE id = ?1",
                [id],
                |r| r.get(0),
            )
            .expect("search words");
        let content = store.get(EntryId(id)).expect("get").content;
        assert_eq!(stored, content.search_words(), "entry {id}");
    }
    drop(raw);

    // The old check-in is found by its body words, emotions and context.
    assert_eq!(found(&store, "tight"), [2]);
    assert_eq!(found(&store, "jaw"), [2]);
    assert_eq!(found(&store, "worried"), [2]);
    assert_eq!(found(&store, "visit"), [1]);
    assert_eq!(found(&store, "boundaries"), Vec::<i64>::new());
    // Its one-line gist is there for the timeline.
    let list = store.list(&EntryFilter::default(), 10).expect("list");
    let gist = list
        .iter()
        .find(|e| e.id == EntryId(2))
        .map(|e| e.gist.clone());
    assert!(matches!(gist, Some(Gist::Checkin { ref body, .. }) if body.len() == 2));

    // New entries: numbers keep counting past the purged one; a recovery entry works.
    let now = options(tmp.path(), keying).now;
    let mut log = EntryContent::of_kind(Kind::Recovery);
    log.details = Details::Recovery(Recovery::Sleep {
        minutes: 400,
        quality: Some(5),
    });
    let id = store.add_entry(&log, now, 0, now).expect("recovery");
    assert_eq!(id, EntryId(5));
    assert_eq!(store.get(id).expect("get").content, log);
    assert!(store.check_integrity().expect("check").is_empty());
}

fn deleting_a_migrated_checkin_takes_its_words_out_of_the_index(keying: Keying) {
    let tmp = tempfile::tempdir().expect("tempdir");
    let path = tmp.path().join("v4.db");
    version_4_journal(&path, keying);
    let mut store = Store::open(&path, &options(tmp.path(), keying)).expect("migrate");
    store.purge(EntryId(2)).expect("purge");
    assert_eq!(found(&store, "tight"), Vec::<i64>::new());
    assert!(store.check_integrity().expect("check").is_empty());
}

plain_and_encrypted!(
    a_version_4_journal_keeps_everything_and_gains_checkin_search_and_recovery,
    deleting_a_migrated_checkin_takes_its_words_out_of_the_index,
);
