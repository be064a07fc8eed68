//! The JSON that debrief prints is checked against the schemas in `docs/json/`, so the
//! documented shapes are the real ones. The schemas use a small part of JSON Schema (type,
//! enum, properties, required, additionalProperties: false, items, minimum, maximum), which
//! the validator below implements; a schema using anything else fails the test.

use serde_json::Value;

use super::cli::Journal;

fn schema(name: &str) -> Value {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("docs/json")
        .join(name);
    serde_json::from_str(&std::fs::read_to_string(path).expect("schema")).expect("json")
}

fn type_matches(t: &str, v: &Value) -> bool {
    match t {
        "object" => v.is_object(),
        "array" => v.is_array(),
        "string" => v.is_string(),
        "integer" => v.is_i64() || v.is_u64(),
        "number" => v.is_number(),
        "boolean" => v.is_boolean(),
        "null" => v.is_null(),
        other => panic!("the schema uses a type this check does not know: {other}"),
    }
}

/// Every way `value` breaks `schema`, with where.
fn check(schema: &Value, value: &Value, at: &str, problems: &mut Vec<String>) {
    const KNOWN: [&str; 13] = [
        "$schema",
        "$id",
        "title",
        "description",
        "type",
        "enum",
        "properties",
        "required",
        "additionalProperties",
        "items",
        "minimum",
        "maximum",
        "x-note",
    ];
    for key in schema.as_object().expect("schema object").keys() {
        assert!(
            KNOWN.contains(&key.as_str()),
            "unsupported schema keyword {key} at {at}"
        );
    }
    if let Some(t) = schema.get("type") {
        let ok = match t {
            Value::String(t) => type_matches(t, value),
            Value::Array(ts) => ts
                .iter()
                .any(|t| type_matches(t.as_str().unwrap_or(""), value)),
            _ => false,
        };
        if !ok {
            problems.push(format!("{at}: {value} is not {t}"));
            return;
        }
    }
    if let Some(Value::Array(options)) = schema.get("enum")
        && !options.contains(value)
    {
        problems.push(format!("{at}: {value} is not one of {options:?}"));
    }
    if let Some(n) = value.as_f64() {
        if schema
            .get("minimum")
            .and_then(Value::as_f64)
            .is_some_and(|m| n < m)
        {
            problems.push(format!("{at}: {n} is below the minimum"));
        }
        if schema
            .get("maximum")
            .and_then(Value::as_f64)
            .is_some_and(|m| n > m)
        {
            problems.push(format!("{at}: {n} is above the maximum"));
        }
    }
    if let (Some(props), Some(obj)) = (schema.get("properties"), value.as_object()) {
        for required in schema["required"].as_array().into_iter().flatten() {
            let name = required.as_str().unwrap_or("");
            if !obj.contains_key(name) {
                problems.push(format!("{at}: `{name}` is missing"));
            }
        }
        for (name, v) in obj {
            match props.get(name) {
                Some(s) => check(s, v, &format!("{at}.{name}"), problems),
                None if schema.get("additionalProperties") == Some(&Value::Bool(false)) => {
                    problems.push(format!("{at}: `{name}` is not in the schema"))
                }
                None => {}
            }
        }
    }
    if let (Some(items), Some(array)) = (schema.get("items"), value.as_array()) {
        for (i, v) in array.iter().enumerate() {
            check(items, v, &format!("{at}[{i}]"), problems);
        }
    }
}

fn assert_valid(schema: &Value, value: &Value) {
    let mut problems = Vec::new();
    check(schema, value, "$", &mut problems);
    assert!(problems.is_empty(), "{problems:#?}\n{value:#}");
}

/// A journal with every kind and detail the JSON can carry.
fn journal() -> Journal {
    let j = Journal::new();
    j.add(&[
        "Visit ran long #home-visit",
        "--stress",
        "7",
        "--star",
        "--title",
        "Visit",
    ]);
    j.add(&[
        "--kind",
        "checkin",
        "--sensation",
        "shoulders:tight:2",
        "--emotion",
        "worried:2",
        "--emotion",
        "calm",
        "--work",
        "court",
        "before court",
    ]);
    j.add(&["--kind", "supervision", "session notes"]);
    j.run(&["delete", "3"]);
    // Check-in flags and every shape of recovery entry.
    j.run(&[
        "checkin",
        "--stress",
        "6",
        "--body",
        "chest:tight",
        "--flag",
        "hostile",
        "--context",
        "court",
    ]);
    j.run(&["log", "sleep", "6.5", "--quality", "4"]);
    j.run(&["log", "break"]);
    j.run(&["log", "move", "stairs", "5"]);
    j.run(&["log", "none"]);
    j.run(&[
        "learn",
        "Moving Social Work",
        "--type",
        "podcast",
        "--minutes",
        "40",
        "--link",
        "https://example.org",
        "--learned",
        "Ask about the dog first",
    ]);
    j.run(&["learn", "A conversation", "--type", "conversation"]);
    // A session with every kind of item, and a guided reflection (through the library).
    let options = debrief::storage::StoreOptions {
        key: None,
        backups: j.dir.path().join("backups"),
        busy_timeout: std::time::Duration::from_millis(500),
        now: debrief::clock::Clock::system().now(),
    };
    let mut store = debrief::storage::Store::open(&j.db(), &options).expect("open");
    use debrief::domain::*;
    let mut session = EntryContent::of_kind(Kind::Supervision);
    session.details = Details::Supervision(Supervision {
        support: None,
        learning: None,
        next_on: None,
        held_on: chrono::NaiveDate::from_ymd_opt(2026, 11, 20),
        supervisor: Some("team manager".into()),
        session_type: None,
        agenda: vec![AgendaItem {
            id: None,
            text: "Workload at court".into(),
            function: Some("support".into()),
            discussion: None,
        }],
        decisions: vec![Decision::new("Fewer court days")],
        actions: vec![ActionItem {
            text: "Book training".into(),
            status: ActionStatus::Done,
            ..Default::default()
        }],
    });
    let mut guided = EntryContent::text("court reflection");
    guided.details = Details::Reflection(Guided {
        template: Some("driscoll".into()),
        answers: vec![StageAnswer {
            stage: "so_what".into(),
            answer: "It mattered.".into(),
        }],
        review: None,
    });
    let now = options.now;
    store.add_entry(&session, now, 0, now).expect("session");
    store.add_entry(&guided, now, 0, now).expect("guided");
    j
}

#[test]
fn list_and_search_output_is_what_the_summary_schema_says() {
    let j = journal();
    let summary = schema("summary.schema.json");
    for args in [
        vec!["list", "--json"],
        vec!["list", "--json", "--trash"],
        vec!["search", "court", "--json"],
    ] {
        for e in j.json(&args).as_array().expect("array") {
            assert_valid(&summary, e);
        }
    }
}

#[test]
fn show_and_full_output_is_what_the_entry_schema_says() {
    let j = journal();
    let entry = schema("entry.schema.json");
    for id in 1..=12 {
        assert_valid(&entry, &j.json(&["show", &id.to_string(), "--json"]));
    }
    let full = j.json(&["list", "--json", "--full"]);
    assert_eq!(
        full.as_array().map(Vec::len),
        Some(11),
        "all but the trashed one"
    );
    for e in full.as_array().expect("array") {
        assert_valid(&entry, e);
        assert!(e["body"].is_string(), "whole entries: {e}");
    }
    for e in j
        .json(&["search", "court", "--json", "--full"])
        .as_array()
        .expect("array")
    {
        assert_valid(&entry, e);
    }
}

#[test]
fn the_check_catches_a_wrong_shape() {
    let summary = schema("summary.schema.json");
    let mut problems = Vec::new();
    let wrong = serde_json::json!({"id": "seven", "stress": 11, "extra": true});
    check(&summary, &wrong, "$", &mut problems);
    assert!(problems.iter().any(|p| p.contains("$.id")), "{problems:?}");
    assert!(
        problems.iter().any(|p| p.contains("above the maximum")),
        "{problems:?}"
    );
    assert!(
        problems
            .iter()
            .any(|p| p.contains("`extra` is not in the schema")),
        "{problems:?}"
    );
    assert!(
        problems.iter().any(|p| p.contains("`uuid` is missing")),
        "{problems:?}"
    );
}
