//! A journal file's life, through the library: create with private modes, add all three kinds,
//! search, edit, trash, restore, purge, reopen; and the files it must refuse untouched.

use std::fs;
use std::os::unix::fs::PermissionsExt;
use std::path::Path;
use std::time::Duration;

use chrono::{DateTime, TimeZone, Utc};
use debrief::Error;
use debrief::domain::*;
use debrief::storage::{LATEST_VERSION, SaveTarget, Store, StoreOptions};

use crate::keying::{Keying, plain_and_encrypted};

fn at(h: u32) -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 11, 20, h, 0, 0)
        .single()
        .expect("valid")
}

fn options(dir: &Path, keying: Keying) -> StoreOptions {
    StoreOptions {
        key: keying.key(),
        backups: dir.join("backups"),
        busy_timeout: Duration::from_millis(500),
        now: at(12),
    }
}

fn mode(p: &Path) -> u32 {
    fs::metadata(p).expect("metadata").permissions().mode() & 0o777
}

fn reflection(body: &str, tags: &[&str]) -> EntryContent {
    let mut c = EntryContent::text(body);
    c.common.tags = tags.iter().map(|t| Tag::parse(t).expect("tag")).collect();
    c
}

fn a_journal_lives_its_whole_life(keying: Keying) {
    let tmp = tempfile::tempdir().expect("tempdir");
    let dir = tmp.path().join("nested").join("journal");
    let path = dir.join("debrief.db");
    let mut store = Store::open(&path, &options(tmp.path(), keying)).expect("open new");

    assert_eq!(mode(&dir), 0o700, "journal folder is private");
    assert_eq!(mode(&path), 0o600, "journal file is private");
    assert_eq!(
        store.schema_version().expect("version"),
        LATEST_VERSION as i64
    );

    // A reflection with template answers.
    let mut gibbs = reflection("Visit to the family went long.", &["home-visit"]);
    gibbs.common.stress = Some(Rating::new("stress", 7).expect("r"));
    gibbs.details = Details::Reflection(Guided {
        template: Some("gibbs".into()),
        answers: vec![
            StageAnswer {
                stage: "feelings".into(),
                answer: "Anxious about the dog at the door".into(),
            },
            StageAnswer {
                stage: "analysis".into(),
                answer: "Boundaries were unclear".into(),
            },
        ],
        review: None,
    });
    let r = store
        .add_entry(&gibbs, at(9), 0, at(9))
        .expect("add reflection");

    // A check-in with body and emotion details.
    let mut checkin = EntryContent::of_kind(Kind::Checkin);
    checkin.common.body = "Before court".into();
    checkin.common.stress = Some(Rating::new("stress", 5).expect("r"));
    checkin.common.work_context = Some("court".into());
    checkin.details = Details::Checkin(CheckIn {
        sensations: vec![
            BodySensation::parse("jaw_mouth:clenched:3", Vocabulary::builtin()).expect("s"),
        ],
        emotions: vec![Emotion::parse("worried:2", Vocabulary::builtin()).expect("e")],
        difficulties: Vec::new(),
    });
    let c = store
        .add_entry(&checkin, at(10), 3600, at(10))
        .expect("add checkin");

    // A supervision note with an agenda, a decision and an action.
    let mut supervision = EntryContent::of_kind(Kind::Supervision);
    supervision.common.body = "Talked through the case".into();
    supervision.details = Details::Supervision(Supervision {
        support: None,
        learning: None,
        next_on: None,
        held_on: chrono::NaiveDate::from_ymd_opt(2026, 11, 20),
        supervisor: Some("team manager".into()),
        session_type: Some("individual".into()),
        agenda: vec![AgendaItem {
            id: None,
            text: "Workload".into(),
            function: Some("mediation".into()),
            discussion: None,
        }],
        decisions: vec![Decision::new("Reduce visits this week")],
        actions: vec![ActionItem {
            text: "Book training".into(),
            owner: Some("me".into()),
            ..Default::default()
        }],
    });
    let s = store
        .add_entry(&supervision, at(11), 0, at(11))
        .expect("add supervision");

    // Everything comes back as written (supervision items now with ids).
    let got = store.get(r).expect("get");
    assert_eq!(got.content, gibbs);
    assert_eq!(store.get(c).expect("get").content, checkin);
    let stored = store.get(s).expect("get");
    let Details::Supervision(session) = &stored.content.details else {
        panic!("{stored:?}")
    };
    assert!(session.agenda[0].id.is_some() && session.actions[0].id.is_some());
    assert_eq!(session.actions[0].text, "Book training");
    assert_eq!(
        store
            .get(c)
            .expect("get")
            .meta
            .created
            .offset()
            .local_minus_utc(),
        3600
    );
    assert_eq!(
        store.resolve(&EntryRef::Uuid(got.meta.uuid)).expect("uuid"),
        r
    );

    // Newest first; filters combine.
    let ids = |v: Vec<EntrySummary>| v.into_iter().map(|e| e.id).collect::<Vec<_>>();
    assert_eq!(
        ids(store.list(&EntryFilter::default(), 10).expect("list")),
        [s, c, r]
    );
    let f = EntryFilter {
        kind: Some(Kind::Checkin),
        ..Default::default()
    };
    assert_eq!(ids(store.list(&f, 10).expect("list")), [c]);
    let f = EntryFilter {
        min_stress: Some(Rating::new("s", 6).expect("r")),
        ..Default::default()
    };
    assert_eq!(ids(store.list(&f, 10).expect("list")), [r]);
    let f = EntryFilter {
        tags: vec![Tag::parse("home-visit").expect("t")],
        ..Default::default()
    };
    assert_eq!(ids(store.list(&f, 10).expect("list")), [r]);
    let f = EntryFilter {
        since: Some(at(10)),
        until: Some(at(11)),
        ..Default::default()
    };
    assert_eq!(ids(store.list(&f, 10).expect("list")), [c]);
    let first = store.list(&EntryFilter::default(), 1).expect("page 1");
    let next = EntryFilter {
        before: Some((first[0].created.timestamp_millis(), first[0].id)),
        ..Default::default()
    };
    assert_eq!(ids(store.list(&next, 10).expect("page 2")), [c, r]);

    // Search reaches body, stage answers and tags, with accents folded.
    let search = |store: &Store, q: &str| {
        ids(store
            .search(q, false, &EntryFilter::default(), 10)
            .expect("search")
            .into_iter()
            .map(|h| h.entry)
            .collect())
    };
    assert_eq!(search(&store, "boundar*"), [r]);
    assert_eq!(search(&store, "home-visit"), [r]);
    assert_eq!(search(&store, "court"), [c]);
    let hit = &store
        .search("dog", false, &EntryFilter::default(), 1)
        .expect("search")[0];
    assert!(
        hit.snippet.contains("\u{E000}dog\u{E001}"),
        "{:?}",
        hit.snippet
    );

    // Edit: new text and tags are searchable, old ones are not.
    let mut edited = gibbs.clone();
    edited.common.body = "Café conversation about safeguarding".into();
    edited.common.tags = vec![Tag::parse("reflection-time").expect("t")];
    if let Details::Reflection(g) = &mut edited.details {
        g.answers.truncate(1);
    }
    store.update_entry(r, &edited, at(12)).expect("update");
    assert_eq!(search(&store, "cafe"), [r]);
    assert!(search(&store, "boundaries").is_empty());
    assert!(search(&store, "home-visit").is_empty());
    assert_eq!(store.get(r).expect("get").content, edited);

    // Flags.
    store
        .set_flag(c, Flag::Starred, true, at(12))
        .expect("star");
    assert!(matches!(
        store.update_entry(c, &reflection("a reflection now", &[]), at(12)),
        Err(Error::Conflict(_))
    ));
    let f = EntryFilter {
        starred: true,
        ..Default::default()
    };
    assert_eq!(ids(store.list(&f, 10).expect("list")), [c]);

    // Trash hides an entry from the timeline, search and tag counts; restore brings it back.
    store.trash(r, at(13)).expect("trash");
    assert_eq!(
        ids(store.list(&EntryFilter::default(), 10).expect("list")),
        [s, c]
    );
    assert!(search(&store, "cafe").is_empty());
    assert!(store.tag_counts().expect("tags").is_empty());
    let f = EntryFilter {
        trashed: true,
        ..Default::default()
    };
    assert_eq!(ids(store.list(&f, 10).expect("trash list")), [r]);
    assert!(matches!(store.trash(r, at(13)), Err(Error::Conflict(_))));
    store.restore(r).expect("restore");
    assert_eq!(search(&store, "cafe"), [r]);

    // Purge removes it and its details for good; the index stays consistent.
    store.purge(s).expect("purge");
    assert!(matches!(store.get(s), Err(Error::NotFound { .. })));
    assert!(store.check_integrity().expect("check").is_empty());

    // A draft survives closing.
    let mut half = Draft::new(Kind::Reflection, None);
    half.body = "half a thought".into();
    let draft = store.save_draft(None, &half, None, at(14)).expect("draft");
    // Encrypted: neither the entries nor the draft are in any file in plain.
    keying.holds_no(&dir, &["Visit to the family", "half a thought"]);
    drop(store);

    let store = Store::open(&path, &options(tmp.path(), keying)).expect("reopen");
    assert_eq!(
        ids(store.list(&EntryFilter::default(), 10).expect("list")),
        [c, r]
    );
    assert_eq!(store.get(r).expect("get").content, edited);
    let drafts = store.drafts().expect("drafts");
    assert_eq!(drafts[0].id, draft);
    assert_eq!(
        drafts[0].draft.as_ref().map(|d| d.body.as_str()),
        Ok("half a thought")
    );
    assert!(store.check_integrity().expect("check").is_empty());
}

fn wal_and_shared_memory_files_are_private_too(keying: Keying) {
    let tmp = tempfile::tempdir().expect("tempdir");
    let path = tmp.path().join("j.db");
    let mut store = Store::open(&path, &options(tmp.path(), keying)).expect("open");
    store
        .add_entry(&reflection("x", &[]), at(9), 0, at(9))
        .expect("add");
    for suffix in ["-wal", "-shm"] {
        let side = tmp.path().join(format!("j.db{suffix}"));
        assert!(side.exists(), "{suffix} exists while open");
        assert_eq!(mode(&side), 0o600, "{suffix} is private");
    }
}

fn foreign_and_newer_files_are_refused_and_left_untouched(keying: Keying) {
    let tmp = tempfile::tempdir().expect("tempdir");

    let text = tmp.path().join("notes.txt");
    fs::write(&text, "my private notes, not a database\n").expect("write");
    let before = fs::read(&text).expect("read");
    assert!(matches!(
        Store::open(&text, &options(tmp.path(), keying)),
        Err(Error::NotADatabase { .. })
    ));
    assert_eq!(fs::read(&text).expect("read"), before);

    assert!(matches!(
        Store::open(tmp.path(), &options(tmp.path(), keying)),
        Err(Error::PathIsDirectory { .. })
    ));

    let other = tmp.path().join("other-app.db");
    {
        let conn = rusqlite::Connection::open(&other).expect("sqlite");
        conn.execute_batch("CREATE TABLE contacts (name TEXT);")
            .expect("setup");
    }
    let before = fs::read(&other).expect("read");
    assert!(matches!(
        Store::open(&other, &options(tmp.path(), keying)),
        Err(Error::ForeignDatabase { .. })
    ));
    assert_eq!(fs::read(&other).expect("read"), before, "byte for byte");

    // Another program's file whose user_version happens to be high is still foreign.
    let high = tmp.path().join("high.db");
    {
        let conn = rusqlite::Connection::open(&high).expect("sqlite");
        conn.execute_batch("CREATE TABLE t (x); PRAGMA user_version = 99;")
            .expect("setup");
    }
    let before = fs::read(&high).expect("read");
    assert!(matches!(
        Store::open(&high, &options(tmp.path(), keying)),
        Err(Error::ForeignDatabase { .. })
    ));
    assert_eq!(fs::read(&high).expect("read"), before, "byte for byte");

    // A debrief journal from a newer debrief.
    let newer = tmp.path().join("newer.db");
    drop(Store::open(&newer, &options(tmp.path(), keying)).expect("a journal"));
    {
        let conn = keying.raw(&newer);
        conn.execute_batch("PRAGMA journal_mode = DELETE; PRAGMA user_version = 99;")
            .expect("setup");
    }
    let before = fs::read(&newer).expect("read");
    let err = Store::open(&newer, &options(tmp.path(), keying)).expect_err("too new");
    assert!(matches!(err, Error::TooNew { found: 99, .. }), "{err}");
    assert!(err.to_string().contains("upgrade debrief"));
    assert_eq!(fs::read(&newer).expect("read"), before, "byte for byte");
    assert!(!tmp.path().join("newer.db-wal").exists());
}

fn backups_are_complete_private_copies(keying: Keying) {
    let tmp = tempfile::tempdir().expect("tempdir");
    let mut store =
        Store::open(&tmp.path().join("j.db"), &options(tmp.path(), keying)).expect("open");
    store
        .add_entry(&reflection("kept safe", &["x"]), at(9), 0, at(9))
        .expect("add");
    let copy = tmp.path().join("backups").join("copy.db");
    store.backup_to(&copy).expect("backup");
    assert_eq!(mode(&copy), 0o600);
    let restored = Store::open(&copy, &options(tmp.path(), keying)).expect("open copy");
    assert_eq!(
        restored.list(&EntryFilter::default(), 5).expect("list")[0].headline,
        "kept safe"
    );
}

fn a_guided_reflection_with_only_answers_is_listed_by_its_first_answer(keying: Keying) {
    let mut store = keying.fresh();
    let c = EntryContent {
        details: Details::Reflection(Guided {
            template: Some("driscoll".into()),
            answers: vec![StageAnswer {
                stage: "what".into(),
                answer: "We met at the door.".into(),
            }],
            review: None,
        }),
        ..Default::default()
    };
    store.add_entry(&c, at(9), 0, at(9)).expect("add");
    assert_eq!(
        store.list(&EntryFilter::default(), 1).expect("list")[0].headline,
        "We met at the door."
    );
}

fn saving_an_entry_and_forgetting_its_draft_is_one_transaction(keying: Keying) {
    let mut store = keying.fresh();
    let mut d = Draft::new(Kind::Reflection, None);
    d.body = "typed".into();
    let draft = store.save_draft(None, &d, None, at(9)).expect("draft");
    // A save that fails keeps the draft.
    let missing = SaveTarget::Existing {
        id: EntryId(99),
        created: None,
        revision: None,
    };
    let err = store
        .save(missing, &reflection("typed", &[]), Some(draft), at(9))
        .expect_err("no entry 99");
    assert!(matches!(err, Error::NotFound { .. }), "{err}");
    assert_eq!(
        store.drafts().expect("drafts").len(),
        1,
        "the draft is still there"
    );
    // A save that works forgets it.
    let new = SaveTarget::New {
        created: at(9),
        utc_offset_s: 0,
    };
    let id = store
        .save(new, &reflection("typed", &[]), Some(draft), at(9))
        .expect("save");
    assert!(store.drafts().expect("drafts").is_empty());
    assert_eq!(store.get(id).expect("get").content.common.body, "typed");
}

fn editing_a_session_keeps_the_ids_of_its_items_and_closes_actions_with_a_time(keying: Keying) {
    let mut store = keying.fresh();
    let mut c = EntryContent::of_kind(Kind::Supervision);
    c.details = Details::Supervision(Supervision {
        support: None,
        learning: None,
        next_on: None,
        agenda: vec![
            AgendaItem {
                id: None,
                text: "Workload".into(),
                function: None,
                discussion: None,
            },
            AgendaItem {
                id: None,
                text: "Training".into(),
                function: None,
                discussion: None,
            },
        ],
        decisions: vec![Decision::new("Fewer visits")],
        actions: vec![
            ActionItem {
                text: "Book training".into(),
                ..Default::default()
            },
            ActionItem {
                text: "Ring the school".into(),
                ..Default::default()
            },
        ],
        ..Default::default()
    });
    let id = store.add_entry(&c, at(9), 0, at(9)).expect("add");
    let before = store.get(id).expect("get");
    let Details::Supervision(mut s) = before.content.details.clone() else {
        panic!("kind")
    };
    let (training, book, ring) = (s.agenda[1].id, s.actions[0].id, s.actions[1].id);
    s.agenda.remove(0);
    s.actions[0].status = ActionStatus::Done;
    s.actions.push(ActionItem {
        text: "New action".into(),
        ..Default::default()
    });
    let mut edited = before.content.clone();
    edited.details = Details::Supervision(s);
    store.update_entry(id, &edited, at(11)).expect("update");

    let Details::Supervision(after) = store.get(id).expect("get").content.details else {
        panic!("kind")
    };
    assert_eq!(after.agenda.len(), 1);
    assert_eq!(after.agenda[0].id, training, "a kept item keeps its id");
    assert_eq!(after.actions[0].id, book);
    assert_eq!(after.actions[0].status, ActionStatus::Done);
    assert_eq!(after.actions[0].closed, Some(at(11)), "closing is dated");
    assert_eq!(after.actions[1].id, ring);
    assert_eq!(after.actions[1].closed, None);
    assert!(after.actions[2].id.is_some() && after.actions[2].id != ring);

    // An item id from another entry is refused, and nothing changes.
    let other = store.add_entry(&c, at(12), 0, at(12)).expect("add");
    let mut foreign = store.get(other).expect("get").content;
    if let Details::Supervision(s) = &mut foreign.details {
        s.actions[0].id = book;
    }
    let err = store
        .update_entry(other, &foreign, at(13))
        .expect_err("not its action");
    assert!(
        matches!(err, Error::NotFound { what: "action", .. }),
        "{err}"
    );
}

fn a_journal_made_by_the_first_schema_migrates_without_loss(keying: Keying) {
    let tmp = tempfile::tempdir().expect("tempdir");
    let path = tmp.path().join("v1.db");
    {
        let conn = keying.raw(&path);
        conn.execute_batch(include_str!("../../src/storage/migrations/001_journal.sql"))
            .expect("schema 1");
        conn.execute_batch(
            "PRAGMA user_version = 1;
             INSERT INTO entries (uuid, kind, created_ms, utc_offset_s, updated_ms, body, template_id)
               VALUES ('0b5e4d0c-7b1a-4b5e-9a51-3f8f9d1c2e10', 'reflection', 1763600000000, 0, 1763600000000, 'Intro', 'driscoll'),
                      ('1b5e4d0c-7b1a-4b5e-9a51-3f8f9d1c2e10', 'supervision', 1763700000000, 0, 1763700000000, 'Session', NULL);
             INSERT INTO stage_answers VALUES (1, 0, 'What?', 'We met at the door.'), (1, 1, 'Now what?', 'Ask.');
             INSERT INTO supervision_sessions VALUES (2, '2026-11-20', 'team manager', 'individual');
             INSERT INTO agenda_items VALUES (2, 0, 'Workload', 'support'), (2, 1, 'Training', NULL);
             INSERT INTO decisions VALUES (2, 0, 'Fewer visits');
             INSERT INTO actions (entry_id, text, status) VALUES (2, 'Book training', 'done');",
        )
        .expect("v1 rows");
    }
    let store = Store::open(&path, &options(tmp.path(), keying)).expect("migrate");
    assert_eq!(store.key().is_some(), keying == Keying::Encrypted);
    assert_eq!(store.schema_version().expect("v"), LATEST_VERSION as i64);
    let Details::Reflection(g) = store.get(EntryId(1)).expect("get").content.details else {
        panic!("kind")
    };
    assert_eq!(g.answer("what"), Some("We met at the door."));
    assert_eq!(g.answer("now_what"), Some("Ask."));
    let Details::Supervision(s) = store.get(EntryId(2)).expect("get").content.details else {
        panic!("kind")
    };
    let agenda: Vec<&str> = s.agenda.iter().map(|a| a.text.as_str()).collect();
    assert_eq!(agenda, ["Workload", "Training"]);
    assert!(s.agenda.iter().all(|a| a.id.is_some()));
    assert_eq!(s.decisions[0].text, "Fewer visits");
    assert!(
        s.actions[0].closed.is_some(),
        "a closed action gets a closing time"
    );
    assert!(store.check_integrity().expect("check").is_empty());
    let backups = fs::read_dir(tmp.path().join("backups"))
        .expect("backups")
        .count();
    assert_eq!(backups, 1, "the v1 journal was copied aside first");
}

fn a_value_the_journal_cannot_read_is_an_error_not_a_default(keying: Keying) {
    let tmp = tempfile::tempdir().expect("tempdir");
    let path = tmp.path().join("j.db");
    let mut store = Store::open(&path, &options(tmp.path(), keying)).expect("open");
    let id = store
        .add_entry(&reflection("x", &[]), at(9), 0, at(9))
        .expect("add");
    drop(store);
    keying
        .raw(&path)
        .execute("UPDATE entries SET uuid = 'not-a-uuid'", [])
        .expect("damage");
    let store = Store::open(&path, &options(tmp.path(), keying)).expect("open");
    let err = store.get(id).expect_err("damaged");
    assert!(matches!(err, Error::Corrupt { .. }), "{err}");
    assert!(err.to_string().contains("not-a-uuid"), "{err}");
    assert!(store.list(&EntryFilter::default(), 5).is_err());
}

fn imports_report_every_row_and_are_idempotent(keying: Keying) {
    use debrief::storage::{ImportRow, OnConflict, RowOutcome};
    let mut store = keying.fresh();
    let row = |n: u128, body: &str, updated: u32| ImportRow {
        cpd: None,
        covered: Vec::new(),
        uuid: uuid::Uuid::from_u128(n),
        created: at(9),
        utc_offset_s: 0,
        updated: at(updated),
        deleted: None,
        content: reflection(body, &[]),
    };
    let mut too_big = row(3, "", 9);
    too_big.content.common.body = "x".repeat(MAX_BODY_BYTES + 1);
    let report = store
        .import(
            vec![row(1, "one", 9), row(2, "two", 9), too_big],
            OnConflict::Skip,
            false,
        )
        .expect("import");
    assert_eq!(report.counts(), (2, 0, 0, 1), "{report:?}");
    assert!(matches!(&report.rows[2], RowOutcome::Rejected(why) if why.contains("1 MiB")));

    let again = store
        .import(
            vec![row(1, "one", 9), row(2, "two, newer", 10)],
            OnConflict::KeepNewer,
            false,
        )
        .expect("again");
    assert_eq!(again.counts(), (0, 1, 1, 0), "{again:?}");
    let dry = store
        .import(vec![row(4, "four", 9)], OnConflict::Skip, true)
        .expect("dry run");
    assert_eq!(dry.counts(), (1, 0, 0, 0));
    let bodies: Vec<String> = store
        .list(&EntryFilter::default(), 10)
        .expect("list")
        .into_iter()
        .map(|s| s.headline)
        .collect();
    assert_eq!(bodies.len(), 2, "the dry run kept nothing: {bodies:?}");
    assert!(bodies.contains(&"two, newer".to_string()));
}

fn a_nul_in_the_text_does_not_cut_its_headline_short(keying: Keying) {
    let mut store = keying.fresh();
    store
        .add_entry(&reflection("before\0after the nul", &[]), at(9), 0, at(9))
        .expect("add");
    let list = store.list(&EntryFilter::default(), 1).expect("list");
    assert_eq!(list[0].headline, "before after the nul");
    let long = "é".repeat(1000);
    store
        .add_entry(&reflection(&long, &[]), at(10), 0, at(10))
        .expect("add");
    let list = store.list(&EntryFilter::default(), 1).expect("list");
    assert!(
        list[0].headline.chars().all(|c| c == 'é'),
        "cut on a character boundary"
    );
}

fn an_entry_number_is_never_given_twice(keying: Keying) {
    let mut store = keying.fresh();
    let a = store
        .add_entry(&reflection("one", &[]), at(9), 0, at(9))
        .expect("a");
    let b = store
        .add_entry(&reflection("two", &[]), at(9), 0, at(9))
        .expect("b");
    store.purge(b).expect("purge the newest");
    let c = store
        .add_entry(&reflection("three", &[]), at(9), 0, at(9))
        .expect("c");
    assert_eq!((a.0, b.0), (1, 2));
    assert_eq!(c.0, 3, "not the purged entry's number");
}

plain_and_encrypted!(
    a_journal_lives_its_whole_life,
    wal_and_shared_memory_files_are_private_too,
    foreign_and_newer_files_are_refused_and_left_untouched,
    backups_are_complete_private_copies,
    a_guided_reflection_with_only_answers_is_listed_by_its_first_answer,
    saving_an_entry_and_forgetting_its_draft_is_one_transaction,
    editing_a_session_keeps_the_ids_of_its_items_and_closes_actions_with_a_time,
    a_journal_made_by_the_first_schema_migrates_without_loss,
    a_value_the_journal_cannot_read_is_an_error_not_a_default,
    imports_report_every_row_and_are_idempotent,
    a_nul_in_the_text_does_not_cut_its_headline_short,
    an_entry_number_is_never_given_twice,
);
