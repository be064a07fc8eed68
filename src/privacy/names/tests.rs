//! The list of names: folding, whole words, possessives, titles, and hashes made before
//! names were folded.

use super::*;

const KEY: NameKey = [7; 32];

fn list(names: &[(&str, &str)]) -> NameList {
    NameList::new(
        &KEY,
        names
            .iter()
            .map(|(n, r)| listed(&KEY, n, r).expect("a name"))
            .collect(),
    )
}

fn found(list: &NameList, text: &str) -> Vec<(String, String)> {
    list.scan(text)
        .into_iter()
        .map(|h| (h.text, h.role.unwrap_or_default()))
        .collect()
}

#[test]
fn names_are_normalised_before_hashing() {
    assert_eq!(normalise("  Jane   DOE's "), Some("jane doe".into()));
    assert_eq!(normalise("'Zoë'"), Some("zoe".into()));
    assert_eq!(normalise("O\u{2019}Brien"), Some("o'brien".into()));
    assert_eq!(normalise("Jane-Louise"), Some("jane louise".into()));
    assert_eq!(
        normalise("J\u{200B}ane \u{2010} Doe"),
        Some("jane doe".into())
    );
    assert_eq!(normalise("\u{416}\u{435}\u{43D}\u{44F}"), normalise("ЖЕНЯ"));
    assert_eq!(normalise("Zoe\u{308}"), normalise("ZOË"));
    assert_eq!(normalise("  "), None);
    assert_eq!(normalise("a b c d e f g"), None);
    assert_eq!(digest(&KEY, "jane"), digest(&KEY, "jane"));
    assert_ne!(digest(&KEY, "jane"), digest(&[8; 32], "jane"));
}

#[test]
fn whole_words_in_any_case_with_possessives() {
    let l = list(&[("Jane Doe", "the mother"), ("Kai", "Child A")]);
    assert_eq!(
        found(&l, "Met JANE doe's sister; kai was out. Kaiser, Jane, Doe."),
        vec![
            ("JANE doe".into(), "the mother".into()),
            ("kai".into(), "Child A".into())
        ]
    );
    assert_eq!(
        found(&l, "Kai’s school and \u{2018}Kai\u{2019} and James' Kai'"),
        vec![
            ("Kai".into(), "Child A".into()),
            ("Kai".into(), "Child A".into()),
            ("Kai".into(), "Child A".into())
        ]
    );
    // A name split by punctuation, or a possessive inside it, is not the name.
    assert!(found(&l, "Jane, Doe and Jane's Doe and Jane. Doe").is_empty());
    // A title before a name goes with it, so the role replaces both.
    assert_eq!(
        found(&l, "Mrs Jane Doe, Dr. Kai and Mrs, Kai"),
        vec![
            ("Mrs Jane Doe".into(), "the mother".into()),
            ("Dr. Kai".into(), "Child A".into()),
            ("Kai".into(), "Child A".into())
        ]
    );
}

#[test]
fn the_longest_name_wins_and_spans_leave_the_possessive_out() {
    let l = list(&[("Jane", "the mother"), ("Jane Doe", "the aunt")]);
    let hits = l.scan("Jane Doe's flat, then Jane.");
    assert_eq!(hits.len(), 2);
    assert_eq!(hits[0].span, 0..8);
    assert_eq!(hits[0].role.as_deref(), Some("the aunt"));
    assert_eq!(&"Jane Doe's flat, then Jane."[hits[1].span.clone()], "Jane");
}

#[test]
fn an_empty_list_finds_nothing() {
    assert!(NameList::default().scan("Jane Doe").is_empty());
    assert!(NameList::new(&KEY, Vec::new()).scan("Jane Doe").is_empty());
}

#[test]
fn names_are_found_in_other_spellings() {
    let l = list(&[
        ("O'Brien", "the father"),
        ("Jane-Louise", "the mother"),
        ("Zoë", "the sister"),
        ("Kai", "Child A"),
    ]);
    let role =
        |text: &str| -> Vec<String> { l.scan(text).into_iter().filter_map(|h| h.role).collect() };
    for (text, expected) in [
        ("met O\u{2019}Brien today", "the father"),
        ("met o\u{2018}brien's dog", "the father"),
        ("Jane-Louise came", "the mother"),
        ("Jane Louise came", "the mother"),
        ("Jane\u{2010}Louise came", "the mother"),
        ("JANE\u{2011}LOUISE came", "the mother"),
        ("Zoe was there", "the sister"),
        ("ZOË was there", "the sister"),
        ("Zoe\u{308} was there", "the sister"),
        // Cyrillic "о" and "е" in Latin "Zoe".
        ("Z\u{43E}\u{435} was there", "the sister"),
        ("K\u{200B}ai and", "Child A"),
        ("\u{FF2B}\u{FF41}\u{FF49} and", "Child A"),
    ] {
        assert_eq!(role(text), [expected], "{text}");
    }
    // A listed name is a whole name: not a part of a hyphenated one.
    assert!(role("Kai-Leigh and Jane-Louise-May").is_empty());
    assert!(role("Kaiser, Zoey, OBrien").is_empty());
    // The span is the text as written, whatever was folded away inside it.
    let text = "Z\u{43E}e\u{308}\u{200B}'s bag";
    let hits = l.scan(text);
    assert_eq!(hits.len(), 1);
    assert_eq!(&text[hits[0].span.clone()], "Z\u{43E}e\u{308}");
}

/// A list entry as the guard made it before names were folded: the old spelling, hashed.
fn old_entry(name: &str, role: &str) -> ListedName {
    let normal = legacy::normalise(name).expect("a name");
    ListedName {
        digest: digest(&KEY, &normal),
        words: normal.split(' ').count(),
        chars: normal.chars().count(),
        role: role.into(),
    }
}

#[test]
fn hashes_made_before_folding_are_still_found() {
    let l = NameList::new(
        &KEY,
        vec![
            old_entry("Zoë", "the sister"),
            old_entry("Jane-Louise", "the mother"),
            old_entry("Kai", "Child A"),
        ],
    );
    let roles =
        |text: &str| -> Vec<String> { l.scan(text).into_iter().filter_map(|h| h.role).collect() };
    assert_eq!(roles("Zoë and Jane-Louise"), ["the sister", "the mother"]);
    // A name the old spelling shares with the new one gains the new spellings.
    assert_eq!(
        roles("K\u{200B}ai, \u{FF2B}ai and Ka\u{456}"),
        ["Child A"; 3]
    );
    // Adding such a name again replaces its old hash: the earlier digest is the old entry's.
    assert_eq!(
        earlier_digest(&KEY, "Zoë"),
        Some(old_entry("Zoë", "x").digest)
    );
    assert_eq!(earlier_digest(&KEY, "Kai"), None, "the same hash both ways");
}
