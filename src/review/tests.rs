//! Each rule fires on a fixture journal that should make it fire, and stays quiet on one
//! that should not; quotes are the entries' own words.

use chrono::TimeZone;
use uuid::Uuid;

use super::*;
use crate::domain::{
    BodySensation, CheckIn, Details, Entry, EntryContent, EntryId, EntryMeta, Learning, Rating,
    Tag, Vocabulary,
};
use chrono::Duration;

/// Monday 23 November 2026, 18:00 UTC, read in UTC.
fn clock() -> Clock {
    let now = Utc
        .with_ymd_and_hms(2026, 11, 23, 18, 0, 0)
        .single()
        .expect("time");
    Clock::fixed(now, jiff::tz::TimeZone::UTC)
}

fn entry(id: i64, hours_ago: i64, content: EntryContent) -> Entry {
    let created = clock().now() - Duration::hours(hours_ago);
    Entry {
        meta: EntryMeta {
            id: EntryId(id),
            uuid: Uuid::from_u64_pair(0, id as u64),
            created: created.fixed_offset(),
            updated: created,
            deleted: None,
            revision: Default::default(),
        },
        content,
    }
}

fn text(body: &str) -> EntryContent {
    EntryContent::text(body)
}

fn stressed(body: &str, stress: i64) -> EntryContent {
    let mut c = text(body);
    c.common.stress = Rating::new("stress", stress).ok();
    c
}

fn checkin(specs: &[&str]) -> EntryContent {
    let v = Vocabulary::builtin();
    let mut c = EntryContent::of_kind(crate::domain::Kind::Checkin);
    c.details = Details::Checkin(CheckIn {
        sensations: specs
            .iter()
            .map(|s| BodySensation::parse(s, v).expect("spec"))
            .collect(),
        ..CheckIn::default()
    });
    c
}

fn rules_of(r: &Review) -> Vec<Rule> {
    r.questions.iter().map(|q| q.rule).collect()
}

fn week(entries: &[Entry]) -> Review {
    let now = clock().now();
    review(
        ReviewKind::Week,
        ReviewKind::Week.period(now, &clock(), None),
        entries,
        &clock(),
    )
}

#[test]
fn the_wording_file_has_every_question() {
    for key in [
        "high_stress",
        "high_stress_no_text",
        "recurring_region",
        "recurring_tag",
        "recurring_context",
        "unfinished",
        "unreflected",
        "starred",
        "quiet",
        "after_visit",
        "week",
        "month",
        "supervision",
    ] {
        let text = fill(key, &[]);
        assert!(!text.is_empty(), "{key} has wording");
    }
}

#[test]
fn an_empty_period_asks_how_it_has_been_then_closes() {
    let r = week(&[]);
    assert_eq!(rules_of(&r), [Rule::Quiet, Rule::Closing]);
    assert!(
        r.questions[0].text.contains("in this week"),
        "{:?}",
        r.questions
    );
    assert_eq!(r.counts.entries, 0);
}

#[test]
fn high_stress_quotes_the_entry_and_names_the_day() {
    let entries = [
        entry(
            1,
            30,
            stressed("The flat was cold and the baby was crying", 8),
        ),
        entry(2, 5, stressed("An ordinary afternoon of recording", 4)),
    ];
    let r = week(&entries);
    assert_eq!(rules_of(&r), [Rule::HighStress, Rule::Closing]);
    let q = &r.questions[0];
    assert!(
        q.text
            .starts_with("On Sunday you rated your stress 8 and wrote: “The flat was cold"),
        "{}",
        q.text
    );
    assert_eq!(q.quote.as_ref().map(|q| q.entry), Some(EntryId(1)));
    // Stress 6 is not high.
    let calm = week(&[entry(1, 3, stressed("Busy but fine", 6))]);
    assert_eq!(rules_of(&calm), [Rule::Closing]);
    assert_eq!(calm.counts.stress_mean_tenths, Some(60));
}

#[test]
fn a_region_in_two_checkins_recurs_and_in_one_does_not() {
    let twice = [
        entry(1, 50, checkin(&["chest:tight", "hands:cold"])),
        entry(2, 20, checkin(&["chest:heavy"])),
    ];
    let r = week(&twice);
    assert_eq!(rules_of(&r), [Rule::RecurringRegion, Rule::Closing]);
    assert!(
        r.questions[0]
            .text
            .starts_with("Your chest came up in 2 check-ins (heavy, tight)"),
        "{}",
        r.questions[0].text
    );
    let once = [
        entry(1, 50, checkin(&["chest:tight"])),
        entry(2, 20, checkin(&["hands:cold"])),
    ];
    assert_eq!(rules_of(&week(&once)), [Rule::Closing]);
}

#[test]
fn a_tag_or_kind_of_work_on_three_entries_recurs() {
    let tagged = |id, h| {
        let mut c = text("Another court day");
        c.common.tags = vec![Tag::parse("court").expect("tag")];
        c.common.work_context = Some("court".into());
        entry(id, h, c)
    };
    let r = week(&[tagged(1, 70), tagged(2, 40), tagged(3, 10)]);
    assert_eq!(
        rules_of(&r),
        [Rule::RecurringTag, Rule::RecurringContext, Rule::Closing]
    );
    assert!(r.questions[0].text.starts_with("#court came up 3 times"));
    assert!(
        r.questions[1]
            .text
            .starts_with("Court or hearing came up 3 times"),
        "{}",
        r.questions[1].text
    );
    assert_eq!(
        rules_of(&week(&[tagged(1, 70), tagged(2, 40)])),
        [Rule::Closing]
    );
}

#[test]
fn unfinished_starred_and_unreflected_learning_are_asked_about() {
    let mut later = text("Half a thought about the review meeting");
    later.common.flags.unfinished = true;
    let mut star = text("The moment the child laughed");
    star.common.flags.starred = true;
    let mut learn = EntryContent::of_kind(crate::domain::Kind::Learning);
    learn.common.title = Some("A podcast on consent".into());
    learn.details = Details::Learning(Learning {
        activity: crate::domain::Activity::Podcast,
        ..Learning::default()
    });
    let r = week(&[entry(1, 3, later), entry(2, 2, star), entry(3, 1, learn)]);
    assert_eq!(
        rules_of(&r),
        [
            Rule::Unfinished,
            Rule::Unreflected,
            Rule::Starred,
            Rule::Closing
        ]
    );
    assert!(
        r.questions[0]
            .text
            .contains("“Half a thought about the review meeting”")
    );
    assert!(
        r.questions[1]
            .text
            .contains("“A podcast on consent” (podcast)")
    );
    assert!(
        r.questions[2]
            .text
            .contains("“The moment the child laughed”")
    );
    assert_eq!(r.counts.unfinished, 1);
    assert_eq!(r.counts.starred, 1);
}

#[test]
fn long_quotes_are_cut_at_a_word_and_questions_are_capped() {
    let long = "word ".repeat(100);
    let q = rules::quote_of(&entry(1, 1, text(&long))).expect("quote");
    assert!(
        q.text.ends_with('…') && q.text.chars().count() <= 160,
        "{}",
        q.text
    );
    let many: Vec<Entry> = (1..=12)
        .map(|i| {
            let mut c = stressed(&format!("day {i}"), 9);
            c.common.flags.unfinished = true;
            c.common.flags.starred = true;
            entry(i, i, c)
        })
        .collect();
    let r = week(&many);
    assert_eq!(
        r.questions.len(),
        rules::MAX_QUESTIONS + 1,
        "capped, then closing"
    );
}

#[test]
fn periods_and_names() {
    let now = clock().now();
    let (from, _) = ReviewKind::AfterVisit.period(now, &clock(), None);
    assert_eq!(
        from,
        Utc.with_ymd_and_hms(2026, 11, 23, 0, 0, 0)
            .single()
            .expect("t")
    );
    let last = now - Duration::days(10);
    assert_eq!(
        ReviewKind::Supervision.period(now, &clock(), Some(last)).0,
        last
    );
    assert_eq!(
        "visit".parse::<ReviewKind>().ok(),
        Some(ReviewKind::AfterVisit)
    );
    assert!("year".parse::<ReviewKind>().is_err());
}

#[test]
fn on_this_day_is_the_same_date_in_earlier_months_only() {
    let ranges = on_this_day_ranges(clock().now(), &clock(), 24);
    assert_eq!(ranges.len(), 24, "the 23rd exists in every month");
    assert_eq!(
        ranges[0].0,
        Utc.with_ymd_and_hms(2026, 10, 23, 0, 0, 0)
            .single()
            .expect("t")
    );
    assert_eq!(ranges[0].1 - ranges[0].0, Duration::days(1));
    assert_eq!(
        ranges[11].0,
        Utc.with_ymd_and_hms(2025, 11, 23, 0, 0, 0)
            .single()
            .expect("t")
    );
    // From 31 March, months without a 31st are skipped, not clamped.
    let end_of_march = Clock::fixed(
        Utc.with_ymd_and_hms(2026, 3, 31, 12, 0, 0)
            .single()
            .expect("t"),
        jiff::tz::TimeZone::UTC,
    );
    let ranges = on_this_day_ranges(end_of_march.now(), &end_of_march, 12);
    let months: Vec<u32> = ranges
        .iter()
        .map(|(s, _)| chrono::Datelike::month(s))
        .collect();
    assert_eq!(months, [1, 12, 10, 8, 7, 5, 3], "{months:?}");
}
