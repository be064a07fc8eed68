//! `debrief check` and the warning after saving, on the real binary: each identifier named
//! with its field and what to do, the trash included, JSON for scripts; an entry is saved as
//! written whatever it holds.

use super::cli::Journal;

#[test]
fn identifiers_are_named_after_saving_and_by_check() {
    let j = Journal::new();
    let out = j
        .cmd()
        .args([
            "add",
            "Visited Mrs Smith; NHS 943 476 5919, call 07700 900123.",
        ])
        .assert()
        .success();
    let output = out.get_output();
    assert_eq!(String::from_utf8_lossy(&output.stdout), "Saved entry 1.\n");
    let warning = String::from_utf8_lossy(&output.stderr);
    for part in [
        "debrief: warning: may identify someone: #1 body: name \"Mrs Smith\" (high)",
        "NHS number \"943 476 5919\" (high): remove it",
        "phone number \"07700 900123\"",
        "saved as written; fix with `debrief edit 1`",
    ] {
        assert!(warning.contains(part), "{part}: {warning}");
    }
    // Saved as written.
    assert!(j.run(&["show", "1"]).contains("943 476 5919"));

    j.add(&["A calm day; HMRC's example QQ 12 34 56 A is not a real number."]);
    j.add(&[
        "Spoke to the mother aged 34",
        "--title",
        "Call with Dr Jones",
    ]);
    j.run(&["delete", "3"]);
    let all = j.run(&["check", "--all"]);
    for part in [
        "#1 body: name \"Mrs Smith\"",
        "#3 (in the trash) title: name \"Dr Jones\" (high)",
        "#3 (in the trash) body: age \"aged 34\" (medium): say the life stage instead",
        "5 possible identifiers (4 high) in 2 of 3 entries. Nothing was changed",
    ] {
        assert!(all.contains(part), "{part}: {all}");
    }
    assert!(!all.contains("#2"), "{all}");
    let clean = j.run(&["check", "2"]);
    assert!(
        clean.starts_with("No identifiers found in 1 entry."),
        "{clean}"
    );

    let json = j.json(&["check", "1", "--json"]);
    assert_eq!(json["entries_checked"], 1);
    let hits = json["hits"].as_array().expect("hits");
    assert_eq!(hits.len(), 3);
    assert_eq!(hits[1]["kind"], "nhs_number");
    assert_eq!(hits[1]["severity"], "high");
    assert_eq!(hits[1]["field"], "body");
    let (start, end) = (
        hits[1]["start"].as_u64().expect("start") as usize,
        hits[1]["end"].as_u64().expect("end") as usize,
    );
    let body = "Visited Mrs Smith; NHS 943 476 5919, call 07700 900123.";
    assert_eq!(&body[start..end], "943 476 5919");
}

#[test]
fn check_needs_an_entry_or_all() {
    let j = Journal::new();
    j.cmd()
        .args(["check"])
        .assert()
        .code(2)
        .stderr(predicates::str::contains("debrief check <ID|--all>"));
    j.fails(&["check", "7"], "no entry with id 7");
    j.fails(&["check", "seven"], "seven");
    assert!(
        j.run(&["check", "--all"])
            .starts_with("No identifiers found in 0 entries.")
    );
}

#[test]
fn export_and_the_prep_pack_refuse_identifiers_unless_redacted_or_allowed() {
    let j = Journal::new();
    j.add(&[
        "Visit with Mrs Smith, NHS 943 476 5919, flagged",
        "--for-supervision",
    ]);
    j.add(&["A calm day at the office"]);
    j.fails(
        &["export"],
        "export refused: 2 high-severity identifiers (#1 body: name, #1 body: NHS number)",
    );
    j.cmd().args(["export"]).assert().code(5);
    // Only what is exported counts.
    let calm = j.json(&[
        "export",
        "--since",
        "today",
        "--not",
        "nothing",
        "--starred",
    ]);
    assert_eq!(calm["entries"].as_array().expect("entries").len(), 0);

    let redacted = j.run(&["export", "--redact"]);
    assert!(
        redacted.contains("Visit with [name], NHS [NHS number], flagged"),
        "{redacted}"
    );
    let bundle: serde_json::Value = serde_json::from_str(&redacted).expect("json");
    for e in bundle["entries"].as_array().expect("entries") {
        let body = e["body"].as_str().expect("body");
        assert!(debrief::privacy::scan(body).is_empty(), "{body}");
    }
    let kept = j.run(&["export", "--allow-identifiers"]);
    assert!(kept.contains("943 476 5919"));
    j.cmd()
        .args(["export", "--redact", "--allow-identifiers"])
        .assert()
        .code(2)
        .stderr(predicates::str::contains("cannot be used with"));

    j.fails(
        &["supervision", "prep"],
        "the prep pack refused: 2 high-severity identifiers",
    );
    let pack = j.run(&["supervision", "prep", "--redact"]);
    assert!(
        pack.contains("Visit with [name], NHS [NHS number]"),
        "{pack}"
    );
    assert!(
        j.run(&["supervision", "prep", "--allow-identifiers"])
            .contains("Mrs Smith")
    );
}

#[test]
fn listed_names_are_found_redacted_to_their_role_and_never_stored() {
    let j = Journal::new();
    j.add(&["Met Jane O'Neill at home; Kai's school called. Jane said little."]);
    let out = j
        .cmd()
        .args(["names", "add", "--as", "the mother"])
        .write_stdin("Jane O'Neill\n\nJane\n")
        .assert()
        .success();
    let said = String::from_utf8_lossy(&out.get_output().stdout).to_string();
    assert!(
        said.starts_with("2 names on the list as \"the mother\""),
        "{said}"
    );
    j.cmd()
        .args(["names", "add", "--as", "Child A"])
        .write_stdin("kai\n")
        .assert()
        .success();

    let list = j.run(&["names"]);
    assert!(list.contains("  1  the mother  (2 words, added "), "{list}");
    assert!(list.contains("  3  Child A  (1 word, added "), "{list}");
    assert!(!list.to_lowercase().contains("jane"), "{list}");

    let all = j.run(&["check", "--all"]);
    for part in [
        "#1 body: listed name \"Jane O'Neill\" (high): write the role instead: \"the mother\"",
        "#1 body: listed name \"Kai\" (high): write the role instead: \"Child A\"",
        "#1 body: listed name \"Jane\" (high)",
    ] {
        assert!(all.contains(part), "{part}: {all}");
    }
    j.fails(&["export"], "export refused: 3 high-severity identifiers");
    let redacted = j.run(&["export", "--redact"]);
    assert!(
        redacted
            .contains("Met the mother at home; Child A's school called. the mother said little."),
        "{redacted}"
    );

    // The journal file holds the entry's words but no copy of the list's names.
    let store = j.store();
    drop(store);
    let bytes = std::fs::read(j.db()).expect("journal");
    let text = String::from_utf8_lossy(&bytes).to_lowercase();
    assert_eq!(
        text.matches("o'neill").count(),
        text.matches("met jane o'neill").count()
    );

    j.run(&["names", "remove", "3"]);
    assert!(!j.run(&["check", "--all"]).contains("Child A"));
    j.fails(&["names", "remove", "3"], "no listed name");
    j.fails(&["names", "add", "--as", " "], "--as needs a role");
}

#[test]
fn other_spellings_are_found_with_offsets_into_the_text_as_written() {
    let j = Journal::new();
    // Full-width digits and zero-width spaces: what is found is reported, and redacted,
    // as it was typed.
    let body = "Née ９４３\u{200B}４７６\u{200B}５９１９; mrs smith; 07700.900.123";
    j.add(&[body]);
    let json = j.json(&["check", "1", "--json"]);
    let hits = json["hits"].as_array().expect("hits");
    let found: Vec<(&str, &str)> = hits
        .iter()
        .map(|h| {
            let (start, end) = (h["start"].as_u64(), h["end"].as_u64());
            let span = start.zip(end).map(|(s, e)| &body[s as usize..e as usize]);
            (h["kind"].as_str().unwrap_or(""), span.unwrap_or(""))
        })
        .collect();
    assert_eq!(
        found,
        [
            ("nhs_number", "９４３\u{200B}４７６\u{200B}５９１９"),
            ("titled_name", "mrs smith"),
            ("phone", "07700.900.123"),
        ]
    );
    for h in hits {
        assert_eq!(
            h["text"].as_str(),
            Some(
                &body[h["start"].as_u64().unwrap_or(0) as usize
                    ..h["end"].as_u64().unwrap_or(0) as usize]
            )
        );
    }
    let redacted = j.run(&["export", "--redact"]);
    assert!(
        redacted.contains("Née [NHS number]; [name]; [phone number]"),
        "{redacted}"
    );
}
