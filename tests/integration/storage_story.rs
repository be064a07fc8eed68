//! A journal file's life, through the library: create with private modes, add all three kinds,
//! search, edit, trash, restore, purge, reopen; and the files it must refuse untouched.

use std::fs;
use std::os::unix::fs::PermissionsExt;
use std::path::Path;
use std::time::Duration;

use chrono::{DateTime, TimeZone, Utc};
use debrief::Error;
use debrief::domain::*;
use debrief::storage::{Flag, LATEST_VERSION, Store, StoreOptions};

fn at(h: u32) -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 11, 20, h, 0, 0)
        .single()
        .expect("valid")
}

fn options(dir: &Path) -> StoreOptions {
    StoreOptions {
        backups: dir.join("backups"),
        busy_timeout: Duration::from_millis(500),
        now: at(12),
    }
}

fn mode(p: &Path) -> u32 {
    fs::metadata(p).expect("metadata").permissions().mode() & 0o777
}

fn reflection(body: &str, tags: &[&str]) -> EntryContent {
    EntryContent {
        body: body.into(),
        tags: tags.iter().map(|t| Tag::parse(t).expect("tag")).collect(),
        ..Default::default()
    }
}

#[test]
fn a_journal_lives_its_whole_life() {
    let tmp = tempfile::tempdir().expect("tempdir");
    let dir = tmp.path().join("nested").join("journal");
    let path = dir.join("debrief.db");
    let mut store = Store::open(&path, &options(tmp.path())).expect("open new");

    assert_eq!(mode(&dir), 0o700, "journal folder is private");
    assert_eq!(mode(&path), 0o600, "journal file is private");
    assert_eq!(
        store.schema_version().expect("version"),
        LATEST_VERSION as i64
    );

    // A reflection with template answers.
    let mut gibbs = reflection("Visit to the family went long.", &["home-visit"]);
    gibbs.template = Some("gibbs".into());
    gibbs.stress = Some(Rating::new("stress", 7).expect("r"));
    gibbs.answers = vec![
        StageAnswer {
            stage: "Feelings".into(),
            answer: "Anxious about the dog at the door".into(),
        },
        StageAnswer {
            stage: "Analysis".into(),
            answer: "Boundaries were unclear".into(),
        },
    ];
    let r = store
        .add_entry(&gibbs, at(9), 0, at(9))
        .expect("add reflection");

    // A check-in with body and emotion details.
    let checkin = EntryContent {
        kind: Kind::Checkin,
        body: "Before court".into(),
        stress: Some(Rating::new("stress", 5).expect("r")),
        work_context: Some("court".into()),
        sensations: vec![BodySensation::parse("jaw_mouth:clenched:3").expect("s")],
        emotions: vec![Emotion::parse("worried:2").expect("e")],
        ..Default::default()
    };
    let c = store
        .add_entry(&checkin, at(10), 3600, at(10))
        .expect("add checkin");

    // A supervision note with an action.
    let supervision = EntryContent {
        kind: Kind::Supervision,
        body: "Talked through the case".into(),
        supervision: Some(SupervisionDetails {
            held_on: chrono::NaiveDate::from_ymd_opt(2026, 11, 20),
            supervisor: Some("team manager".into()),
            session_type: Some("individual".into()),
            agenda: vec![AgendaItem {
                text: "Workload".into(),
                function: Some("mediation".into()),
            }],
            decisions: vec!["Reduce visits this week".into()],
            actions: vec![ActionItem {
                text: "Book training".into(),
                owner: Some("me".into()),
                due_on: None,
                status: ActionStatus::Open,
            }],
        }),
        ..Default::default()
    };
    let s = store
        .add_entry(&supervision, at(11), 0, at(11))
        .expect("add supervision");

    // Everything comes back as written.
    let got = store.get(r).expect("get");
    assert_eq!(got.content, gibbs);
    assert_eq!(store.get(c).expect("get").content, checkin);
    assert_eq!(store.get(s).expect("get").content, supervision);
    assert_eq!(
        store
            .get(c)
            .expect("get")
            .created
            .offset()
            .local_minus_utc(),
        3600
    );
    assert_eq!(store.resolve(&EntryRef::Uuid(got.uuid)).expect("uuid"), r);

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
    edited.body = "Café conversation about safeguarding".into();
    edited.tags = vec![Tag::parse("reflection-time").expect("t")];
    edited.answers.truncate(1);
    store.update_entry(r, &edited, at(12)).expect("update");
    assert_eq!(search(&store, "cafe"), [r]);
    assert!(search(&store, "boundaries").is_empty());
    assert!(search(&store, "home-visit").is_empty());
    assert_eq!(store.get(r).expect("get").content, edited);

    // Flags.
    store
        .set_flag(c, Flag::Starred, true, at(12))
        .expect("star");
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
    assert!(matches!(store.trash(r, at(13)), Err(Error::Invalid(_))));
    store.restore(r).expect("restore");
    assert_eq!(search(&store, "cafe"), [r]);

    // Purge removes it and its details for good; the index stays consistent.
    store.purge(s).expect("purge");
    assert!(matches!(store.get(s), Err(Error::NotFound(_))));
    assert!(store.check_integrity().expect("check").is_empty());

    // A draft survives closing.
    let draft = store
        .save_draft(None, None, r#"{"body":"half a thought"}"#, at(14))
        .expect("draft");
    drop(store);

    let store = Store::open(&path, &options(tmp.path())).expect("reopen");
    assert_eq!(
        ids(store.list(&EntryFilter::default(), 10).expect("list")),
        [c, r]
    );
    assert_eq!(store.get(r).expect("get").content, edited);
    assert_eq!(store.drafts().expect("drafts")[0].id, draft);
    assert!(store.check_integrity().expect("check").is_empty());
}

#[test]
fn wal_and_shared_memory_files_are_private_too() {
    let tmp = tempfile::tempdir().expect("tempdir");
    let path = tmp.path().join("j.db");
    let mut store = Store::open(&path, &options(tmp.path())).expect("open");
    store
        .add_entry(&reflection("x", &[]), at(9), 0, at(9))
        .expect("add");
    for suffix in ["-wal", "-shm"] {
        let side = tmp.path().join(format!("j.db{suffix}"));
        assert!(side.exists(), "{suffix} exists while open");
        assert_eq!(mode(&side), 0o600, "{suffix} is private");
    }
}

#[test]
fn foreign_and_newer_files_are_refused_and_left_untouched() {
    let tmp = tempfile::tempdir().expect("tempdir");

    let text = tmp.path().join("notes.txt");
    fs::write(&text, "my private notes, not a database\n").expect("write");
    let before = fs::read(&text).expect("read");
    assert!(matches!(
        Store::open(&text, &options(tmp.path())),
        Err(Error::NotADatabase { .. })
    ));
    assert_eq!(fs::read(&text).expect("read"), before);

    assert!(matches!(
        Store::open(tmp.path(), &options(tmp.path())),
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
        Store::open(&other, &options(tmp.path())),
        Err(Error::ForeignDatabase { .. })
    ));
    assert_eq!(fs::read(&other).expect("read"), before, "byte for byte");

    let newer = tmp.path().join("newer.db");
    {
        let conn = rusqlite::Connection::open(&newer).expect("sqlite");
        conn.execute_batch("CREATE TABLE t (x); PRAGMA user_version = 99;")
            .expect("setup");
    }
    let before = fs::read(&newer).expect("read");
    let err = Store::open(&newer, &options(tmp.path())).expect_err("too new");
    assert!(matches!(err, Error::TooNew { found: 99, .. }), "{err}");
    assert!(err.to_string().contains("upgrade debrief"));
    assert_eq!(fs::read(&newer).expect("read"), before, "byte for byte");
    assert!(!tmp.path().join("newer.db-wal").exists());
}

#[test]
fn backups_are_complete_private_copies() {
    let tmp = tempfile::tempdir().expect("tempdir");
    let mut store = Store::open(&tmp.path().join("j.db"), &options(tmp.path())).expect("open");
    store
        .add_entry(&reflection("kept safe", &["x"]), at(9), 0, at(9))
        .expect("add");
    let copy = tmp.path().join("backups").join("copy.db");
    store.backup_to(&copy).expect("backup");
    assert_eq!(mode(&copy), 0o600);
    let restored = Store::open(&copy, &options(tmp.path())).expect("open copy");
    assert_eq!(
        restored.list(&EntryFilter::default(), 5).expect("list")[0].headline,
        "kept safe"
    );
}

#[test]
fn a_guided_reflection_with_only_answers_is_listed_by_its_first_answer() {
    let mut store = Store::open_in_memory().expect("store");
    let c = EntryContent {
        template: Some("driscoll".into()),
        answers: vec![StageAnswer {
            stage: "What?".into(),
            answer: "We met at the door.".into(),
        }],
        ..Default::default()
    };
    store.add_entry(&c, at(9), 0, at(9)).expect("add");
    assert_eq!(
        store.list(&EntryFilter::default(), 1).expect("list")[0].headline,
        "We met at the door."
    );
}
