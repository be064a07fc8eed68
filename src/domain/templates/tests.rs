//! Tests of the templates: the shipped ones, user files, and the editor text round trip.

use super::*;
use proptest::prelude::*;

#[test]
fn shipped_templates_load_and_are_valid() {
    assert_eq!(shipped().len(), SOURCES.len(), "every shipped file parses");
    let ids: Vec<&str> = shipped().iter().map(|t| t.id.as_str()).collect();
    assert_eq!(
        ids,
        [
            "gibbs",
            "driscoll",
            "borton",
            "rolfe",
            "kolb",
            "schon",
            "johns",
            "coproduction",
            "after_visit",
            "learning"
        ]
    );
    assert_eq!(find("gibbs").expect("gibbs").stages.len(), 6);
    assert_eq!(find("johns").expect("johns").stages.len(), 7);
    assert!(is_known("free") && is_known("kolb") && !is_known("nope"));
    for (name, text) in SOURCES {
        let t = parse(name, text).expect("valid");
        assert_eq!(
            format!("{}.toml", t.id),
            name,
            "the file is named by its id"
        );
        assert!(!t.citation.is_empty(), "{name} names its source");
        // A learning activity's description is the activity itself (title, kind, who).
        assert!(
            t.id == "learning"
                || t.stages
                    .iter()
                    .any(|s| s.maps_to.as_deref() == Some("description")),
            "{name} feeds a CPD description"
        );
    }
}

#[test]
fn broken_templates_name_the_file_the_line_and_the_problem() {
    let err =
        parse("mine.toml", "id = \"mine\"\nname = \"Mine\"\nstages = 3\n").expect_err("stages");
    assert!(err.starts_with("mine.toml: line 3:"), "{err}");
    let err = parse("mine.toml", "id = \"mine\"\nname = \"Mine\"\ncolour = 1\n")
        .expect_err("unknown key");
    assert!(err.contains("line 3") && err.contains("colour"), "{err}");
    let base = "id = \"mine\"\nname = \"Mine\"\ncitation = \"\"\n";
    for (stages, why) in [
        ("", "no stages"),
        (
            "[[stages]]\nkey = \"a\"\ntitle = \"A\"\nprompts = []\n",
            "1 to 3 prompts",
        ),
        (
            "[[stages]]\nkey = \"a\"\ntitle = \"A\"\nprompts = [\"p\"]\nmaps_to = \"fun\"\n",
            "not a CPD field",
        ),
        (
            "[[stages]]\nkey = \"a\"\ntitle = \"A\"\nprompts = [\"p\"]\n[[stages]]\nkey = \"a\"\ntitle = \"B\"\nprompts = [\"q\"]\n",
            "used twice",
        ),
        (
            "[[stages]]\nkey = \"A b\"\ntitle = \"A\"\nprompts = [\"p\"]\n",
            "lower-case",
        ),
    ] {
        let err = parse("mine.toml", &format!("{base}{stages}")).expect_err(why);
        assert!(err.contains(why), "{why}: {err}");
    }
}

#[test]
fn compose_then_split_gives_answers_back() {
    let t = find("driscoll").expect("driscoll");
    let answers = vec![StageAnswer {
        stage: "so_what".into(),
        answer: "It mattered.\nA lot.".into(),
    }];
    let text = t.compose("Intro line", &answers);
    assert!(text.contains("## What?\n> What did you see"), "{text}");
    assert_eq!(t.split(&text), ("Intro line".to_string(), answers));
}

#[test]
fn text_typed_into_a_prompt_line_is_kept() {
    let t = find("driscoll").expect("driscoll");
    let (_, answers) =
        t.split("## What?\n> What did you see and do, and what was your reaction?\n> I saw it\n");
    assert_eq!(answers[0].answer, "> I saw it");
    let (_, answers) = t.split("## What?\nI wrote > What did you see and do\n");
    assert_eq!(answers[0].answer, "I wrote > What did you see and do");
}

#[test]
fn text_under_a_renamed_heading_goes_to_the_free_text() {
    let t = find("driscoll").expect("driscoll");
    let (body, answers) =
        t.split("Intro\n## What?\nI visited.\n## So what, really?\nIt mattered.\n");
    assert_eq!(body, "Intro\n## So what, really?\nIt mattered.");
    assert_eq!(answers.len(), 1);
    assert_eq!(answers[0].answer, "I visited.");
    assert_eq!(
        t.missing_headings("## What?\n## So what, really?\n"),
        ["So what?", "Now what?"]
    );
}

#[test]
fn headings_that_cannot_be_told_apart_are_refused() {
    let stage = |key: &str, title: &str, prompt: &str| {
        format!("[[stages]]\nkey = \"{key}\"\ntitle = \"{title}\"\nprompts = [\"{prompt}\"]\n")
    };
    let with = |stages: &[String]| format!("id = \"mine\"\nname = \"Mine\"\n{}", stages.concat());
    // Found by fuzzing: two stages titled alike put every answer under the first.
    let twice = with(&[stage("a", "Plan", "p"), stage("b", " Plan ", "q")]);
    assert!(parse("t.toml", &twice).is_err_and(|e| e.contains("used twice")));
    let two_lines = with(&[stage("a", "Plan\\nmore", "p")]);
    assert!(parse("t.toml", &two_lines).is_err_and(|e| e.contains("one line")));
    let prompt = with(&[stage("a", "Plan", "first\\nsecond")]);
    assert!(parse("t.toml", &prompt).is_err_and(|e| e.contains("one line")));
    assert!(parse("t.toml", &with(&[stage("a", "Plan", "p")])).is_ok());
}

#[test]
fn prompts_are_dropped_and_unknown_headings_stay_in_the_text() {
    let t = find("driscoll").expect("driscoll");
    let (body, answers) = t.split(concat!(
        "## Notes\nfree\n## What?\n",
        "> What did you see and do, and what was your reaction?\nI visited.\n",
        "## Now what?\n> What will you change, and what support do you need?\n"
    ));
    assert_eq!(body, "## Notes\nfree");
    assert_eq!(
        answers,
        vec![StageAnswer {
            stage: "what".into(),
            answer: "I visited.".into()
        }]
    );
}

proptest! {
    #[test]
    fn round_trip(body in "[a-z .]{0,40}", a1 in "[a-z .]{0,40}", a3 in "[a-z .\n]{0,40}") {
        let t = find("driscoll").expect("driscoll");
        let answers: Vec<StageAnswer> = [("what", a1), ("now_what", a3)]
            .into_iter()
            .map(|(s, a)| StageAnswer { stage: s.into(), answer: a.trim().to_string() })
            .filter(|a| !a.answer.is_empty())
            .collect();
        let (b, got) = t.split(&t.compose(&body, &answers));
        prop_assert_eq!(b, body.trim());
        prop_assert_eq!(got, answers);
    }
}
