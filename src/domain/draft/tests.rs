use super::*;
use crate::domain::checkin::BodySensation;

#[test]
fn a_checkin_draft_as_text_keeps_what_was_chosen() {
    let v = crate::domain::Vocabulary::builtin();
    let mut d = Draft::new(Kind::Checkin, None);
    d.stress = Some(7);
    d.work_context = "home_visit".into();
    d.details = Details::Checkin(crate::domain::CheckIn {
        sensations: vec![BodySensation::parse("upper back:tight:3", v).expect("s")],
        emotions: vec![crate::domain::Emotion::parse("on edge:2", v).expect("e")],
        difficulties: vec!["lone_late".into()],
    });
    let text = d.to_text();
    for part in [
        "debrief check-in",
        "Stress: 7/10",
        "Work: home visit",
        "Body: upper back: tight (3/3)",
        "Emotions: on edge (2/3)",
        "Made harder by: lone or late visit",
    ] {
        assert!(text.contains(part), "{part}: {text}");
    }
}

#[test]
fn a_draft_round_trips_through_its_stored_form() {
    let mut d = Draft::new(Kind::Checkin, None);
    d.body = "café 日本 🙂".into();
    d.tags = "half-typed bad!tag".into();
    if let Details::Checkin(c) = &mut d.details {
        c.sensations.push(
            BodySensation::parse("chest:tight:2", crate::domain::Vocabulary::builtin())
                .expect("sensation"),
        );
    }
    let json = d.to_json();
    assert!(json.contains("\"version\":2"), "{json}");
    assert_eq!(Draft::from_json(&json).expect("read"), d);
}

#[test]
fn a_learning_draft_keeps_its_fields_and_half_typed_time_in_json_and_text() {
    let mut d = Draft::new(Kind::Learning, None);
    d.title = "Court skills day".into();
    d.time_spent = "1h3".into();
    d.details = Details::Learning(Learning {
        activity: crate::domain::learning::Activity::Course,
        author: Some("The local authority".into()),
        answers: vec![StageAnswer {
            stage: "practice".into(),
            answer: "Write the chronology first".into(),
        }],
        ..Learning::default()
    });
    assert_eq!(Draft::from_json(&d.to_json()).expect("read"), d);
    let text = d.to_text();
    for part in [
        "debrief learning activity",
        "Type: course",
        "By: The local authority",
        "Time spent: 1h3",
        "## How it changes my practice\nWrite the chronology first",
    ] {
        assert!(text.contains(part), "{part}: {text}");
    }
    assert_eq!(d.headline(), "Court skills day");
}

#[test]
fn a_draft_written_by_debrief_0_1_still_restores_with_its_stage_answers() {
    let v1 = r###"{"entry_id":null,"kind":"reflection","template":"driscoll","title":"","tags":"court","stress":6,"energy":null,"starred":true,"for_supervision":false,"unfinished":false,"body":"Intro\n\n## What?\n> What did you see and do, and what was your reaction?\nWe met at the door.\n\n## So what?\n> How did you feel then and how do you feel now? What shaped your response?\n"}"###;
    let d = Draft::from_json(v1).expect("v1 draft");
    assert_eq!(d.body, "Intro");
    assert_eq!(d.stress, Some(6));
    assert!(d.flags.starred);
    assert_eq!(
        d.details,
        Details::Reflection(Guided {
            template: Some("driscoll".into()),
            answers: vec![StageAnswer {
                stage: "what".into(),
                answer: "We met at the door.".into()
            }],
            review: None,
        })
    );
    let checkin = r#"{"kind":"checkin","body":"tense","entry_id":4}"#;
    let d = Draft::from_json(checkin).expect("v1 check-in");
    assert_eq!((d.kind(), d.entry_id), (Kind::Checkin, Some(EntryId(4))));
}

#[test]
fn a_rescued_draft_reads_as_text_with_every_answer() {
    let mut d = Draft::new(Kind::Reflection, Some("driscoll"));
    d.title = "Visit".into();
    d.body = "Intro".into();
    d.stress = Some(6);
    d.details = Details::Reflection(Guided {
        template: Some("driscoll".into()),
        answers: vec![StageAnswer {
            stage: "so_what".into(),
            answer: "It mattered.".into(),
        }],
        review: None,
    });
    let text = d.to_text();
    assert!(
        text.starts_with("debrief reflection\nTitle: Visit\nStress: 6/10\n\nIntro"),
        "{text}"
    );
    assert!(text.contains("## So what?\nIt mattered."), "{text}");
}

#[test]
fn unknown_versions_and_garbage_are_errors_not_panics() {
    assert!(matches!(
        Draft::from_json(r#"{"version":99,"draft":{}}"#),
        Err(Error::Corrupt { .. })
    ));
    assert!(Draft::from_json("not json").is_err());
}

#[test]
fn content_is_validated_with_field_names() {
    let mut d = Draft::new(Kind::Reflection, None);
    assert!(d.to_content().is_err(), "blank is refused");
    d.body = "Visit went well #home-visit".into();
    d.tags = "court, Supervision".into();
    d.stress = Some(6);
    let c = d.to_content().expect("valid");
    let tags: Vec<&str> = c.common.tags.iter().map(Tag::as_str).collect();
    assert_eq!(tags, ["court", "home-visit", "supervision"]);
    d.tags.push_str(" bad!tag");
    let err = d.to_content().expect_err("bad tag");
    assert!(matches!(err, Error::Invalid { field: "tag", .. }), "{err}");
}

#[test]
fn empty_stage_answers_are_not_saved() {
    let mut d = Draft::new(Kind::Reflection, Some("driscoll"));
    let t = templates::find("driscoll").expect("driscoll");
    let mut answers = answers_for(t, &[]);
    answers[1].answer = "It mattered.".into();
    d.details = Details::Reflection(Guided {
        template: Some("driscoll".into()),
        answers,
        review: None,
    });
    match d.to_content().expect("content").details {
        Details::Reflection(g) => {
            assert_eq!(g.answers.len(), 1);
            assert_eq!(g.answers[0].stage, "so_what");
        }
        other => panic!("{other:?}"),
    }
}
