//! Registration-year arithmetic around 30 November and leap years, and records made from
//! each kind of entry through the stage mapping.

use chrono::{TimeZone, Utc};
use uuid::Uuid;

use super::*;
use crate::domain::{
    Activity, EntryContent, EntryId, EntryMeta, Guided, Kind, Learning, StageAnswer,
};

fn d(y: i32, m: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, day).expect("date")
}

const SWE: (u32, u32) = (12, 1);

#[test]
fn the_year_runs_from_1_december_to_30_november() {
    let y = RegistrationYear::containing(d(2026, 11, 30), SWE);
    assert_eq!((y.first, y.last), (d(2025, 12, 1), d(2026, 11, 30)));
    let y = RegistrationYear::containing(d(2026, 12, 1), SWE);
    assert_eq!((y.first, y.last), (d(2026, 12, 1), d(2027, 11, 30)));
    let y = RegistrationYear::containing(d(2026, 1, 15), SWE);
    assert_eq!(y.first, d(2025, 12, 1));
    assert_eq!(
        RegistrationYear::ending_in(2026, SWE),
        RegistrationYear::containing(d(2026, 6, 1), SWE)
    );
    assert_eq!(y.days_left(d(2026, 11, 23)), 7);
    assert_eq!(y.days_left(d(2026, 11, 30)), 0);
}

#[test]
fn leap_years_and_other_start_days() {
    // A year starting 1 March ends on 29 February in a leap year.
    let y = RegistrationYear::containing(d(2028, 2, 29), (3, 1));
    assert_eq!((y.first, y.last), (d(2027, 3, 1), d(2028, 2, 29)));
    let y = RegistrationYear::containing(d(2027, 2, 28), (3, 1));
    assert_eq!(y.last, d(2027, 2, 28));
    // Days left across a leap day.
    assert_eq!(
        RegistrationYear::containing(d(2028, 2, 1), (3, 1)).days_left(d(2028, 2, 1)),
        28
    );
    let bad = Requirement {
        year_starts: "02-29".into(),
        ..Requirement::default()
    };
    assert!(
        bad.start().is_err(),
        "a year cannot start on a day most years lack"
    );
    assert_eq!(Requirement::default().start().ok(), Some((12, 1)));
}

fn entry(content: EntryContent) -> Entry {
    let at = Utc
        .with_ymd_and_hms(2026, 11, 20, 10, 0, 0)
        .single()
        .expect("t");
    Entry {
        meta: EntryMeta {
            id: EntryId(4),
            uuid: Uuid::nil(),
            created: at.fixed_offset(),
            updated: at,
            deleted: None,
            revision: Default::default(),
        },
        content,
    }
}

fn answer(stage: &str, text: &str) -> StageAnswer {
    StageAnswer {
        stage: stage.into(),
        answer: text.into(),
    }
}

#[test]
fn a_guided_reflection_fills_the_fields_by_its_stage_mapping() {
    let mut c = EntryContent::text("Intro line");
    c.common.title = Some("Visit to the flat".into());
    c.details = Details::Reflection(Guided {
        template: Some("gibbs".into()),
        answers: vec![
            answer("description", "We met at the door."),
            answer("feelings", "Nervous."),
            answer("analysis", "Attachment theory helps."),
            answer("conclusion", "Ask sooner."),
            answer("action_plan", "Ring the school."),
        ],
        review: None,
    });
    let r = CpdRecord::of_entry(&entry(c), d(2026, 11, 20), Some("My supervisor asked why."))
        .expect("record");
    assert_eq!(r.description, "Intro line\n\nWe met at the door.");
    assert_eq!(r.learning, "Attachment theory helps.\n\nAsk sooner.");
    assert_eq!(r.impact, "Ring the school.");
    assert_eq!(r.peer.as_deref(), Some("My supervisor asked why."));
    assert!(r.missing().is_empty());
    let text = r.render(false);
    assert!(
        text.contains("WHAT I LEARNT\nAttachment theory helps."),
        "{text}"
    );
    let md = r.render(true);
    assert!(md.starts_with("# CPD record: Visit to the flat"), "{md}");
    assert!(
        md.contains("## The impact on my practice and the people I work with\nRing the school.")
    );
    assert!(
        !md.contains("Nervous"),
        "stages without a CPD field stay out"
    );
}

#[test]
fn a_learning_activity_describes_itself_and_a_free_reflection_lacks_fields() {
    let mut c = EntryContent::of_kind(Kind::Learning);
    c.common.title = Some("Moving Social Work".into());
    c.details = Details::Learning(Learning {
        activity: Activity::Podcast,
        author: Some("A Host".into()),
        minutes: Some(40),
        link: None,
        answers: vec![
            answer("learned", "Consent is ongoing."),
            answer("practice", "Ask each visit."),
        ],
    });
    let r = CpdRecord::of_entry(&entry(c), d(2026, 11, 20), None).expect("record");
    assert_eq!(r.activity, "podcast");
    assert_eq!(
        r.description,
        "Moving Social Work (podcast), by A Host, 40 minutes"
    );
    assert_eq!(r.learning, "Consent is ongoing.");
    assert_eq!(r.impact, "Ask each visit.");
    assert_eq!(r.peer, None);

    let free = CpdRecord::of_entry(
        &entry(EntryContent::text("Just some thoughts about today")),
        d(2026, 11, 20),
        None,
    )
    .expect("record");
    assert_eq!(free.missing(), ["learning", "impact on practice"]);
    assert!(free.render(false).contains("(not written yet)"));
    let checkin = CpdRecord::of_entry(
        &entry(EntryContent::of_kind(Kind::Checkin)),
        d(2026, 11, 20),
        None,
    );
    assert!(checkin.is_err());
}
