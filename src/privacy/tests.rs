//! The detectors on the safe test values (numbers published for testing, drama telephone
//! ranges), on near misses that must not match, and on redaction, which must leave nothing
//! a detector finds.

use proptest::prelude::*;

use super::detectors::nhs_check;
use super::*;

fn kinds(text: &str) -> Vec<(HitKind, String)> {
    scan(text).into_iter().map(|h| (h.kind, h.text)).collect()
}

fn one(text: &str) -> (HitKind, String) {
    let found = kinds(text);
    assert_eq!(found.len(), 1, "{text}: {found:?}");
    found.into_iter().next().expect("one hit")
}

#[test]
fn nhs_numbers_need_their_check_digit() {
    // 9*10 + 4*9 + 3*8 + 4*7 + 7*6 + 6*5 + 5*4 + 9*3 + 1*2 = 299; 299 mod 11 = 2; 11 - 2 = 9.
    assert!(nhs_check("943 476 5919"));
    assert!(nhs_check("9434765919"));
    assert!(!nhs_check("943 476 5918"), "wrong check digit");
    assert!(!nhs_check("943 476 591"), "nine digits");
    assert_eq!(
        one("Her NHS number is 943 476 5919."),
        (HitKind::NhsNumber, "943 476 5919".into())
    );
    // A wrong check digit is not an NHS number (it is still a long reference number when
    // written without spaces, and nothing when written with them).
    assert_eq!(kinds("NHS 943 476 5918 noted"), []);
    assert_eq!(one("ref 9434765918").0, HitKind::ReferenceNumber);
}

#[test]
fn national_insurance_numbers_and_their_rules() {
    assert_eq!(one("NI: AB 12 34 56 C").0, HitKind::NiNumber);
    assert_eq!(one("ni ab123456c please").0, HitKind::NiNumber);
    // HMRC's own example uses Q, which is never issued; these prefixes are never used either.
    for never in [
        "QQ 12 34 56 A",
        "GB 12 34 56 A",
        "NK 12 34 56 B",
        "ZZ 12 34 56 C",
        "DA 12 34 56 A",
        "AO 12 34 56 A",
    ] {
        assert_eq!(kinds(never), [], "{never}");
    }
    assert_eq!(kinds("AB 12 34 56 E"), [], "the suffix is A to D");
}

#[test]
fn postcodes_phones_and_emails() {
    assert_eq!(
        one("They moved to SW1A 1AA last year."),
        (HitKind::Postcode, "SW1A 1AA".into())
    );
    assert_eq!(one("near M1 1AA").0, HitKind::Postcode);
    assert_eq!(one("Call 07700 900123 after six").0, HitKind::Phone);
    assert_eq!(one("office 020 7946 0123").0, HitKind::Phone);
    assert_eq!(one("or +44 7700 900123").0, HitKind::Phone);
    assert_eq!(
        one("wrote to someone@example.com today"),
        (HitKind::Email, "someone@example.com".into())
    );
    // Inward codes never use C, I, K, M, O or V: "at 2pm" is a time, not a postcode.
    assert_eq!(kinds("The visit on B4 2pm ran late"), []);
    assert_eq!(kinds("a call of 0123 45"), [], "too short for a phone");
}

#[test]
fn dates_count_only_near_birth_words() {
    assert_eq!(
        one("DOB 12/03/1987, lives with her aunt"),
        (HitKind::BirthDate, "12/03/1987".into())
    );
    assert_eq!(
        one("She was born on 12th March 1987.").0,
        HitKind::BirthDate
    );
    assert_eq!(one("date of birth: 3 Sept 2019").0, HitKind::BirthDate);
    // Ordinary dates in prose are not identifiers.
    assert_eq!(kinds("The review on 12/03/2026 went well."), []);
    assert_eq!(kinds("Court is on 4 March 2027; I feel ready."), []);
}

#[test]
fn ages_addresses_names_and_references() {
    assert_eq!(one("a boy aged 15 at home").0, HitKind::Age);
    assert_eq!(one("the 15-year-old was quiet").0, HitKind::Age);
    assert_eq!(one("a 7 y/o sibling").0, HitKind::Age);
    assert_eq!(
        one("visited 14 Acacia Avenue again"),
        (HitKind::StreetAddress, "14 Acacia Avenue".into())
    );
    assert_eq!(one("she lives in Flat 3 now").0, HitKind::StreetAddress);
    assert_eq!(
        one("spoke with Mrs Smith about school"),
        (HitKind::TitledName, "Mrs Smith".into())
    );
    assert_eq!(one("Dr. Patel called back").0, HitKind::TitledName);
    assert_eq!(one("case 20461187 was closed").0, HitKind::ReferenceNumber);
    // Numbers and words in ordinary prose.
    for prose in [
        "I worked 15 years in adult services.",
        "We spent 45 minutes on the plan; 3 of 5 goals met.",
        "The mother was tired and the room was cold.",
        "Mr and Mrs were not written, only the mother.",
        "My 2nd visit this week, in Ward terms a long day.",
        "It cost 12500 pounds over two years.",
    ] {
        assert_eq!(kinds(prose), [], "{prose}");
    }
}

#[test]
fn overlaps_keep_the_most_specific_and_redaction_names_the_kind() {
    let text = "NHS 9434765919, NI AB123456C, call 07700 900123 or someone@example.com.";
    let hits = scan(text);
    let found: Vec<HitKind> = hits.iter().map(|h| h.kind).collect();
    assert_eq!(
        found,
        [
            HitKind::NhsNumber,
            HitKind::NiNumber,
            HitKind::Phone,
            HitKind::Email
        ]
    );
    assert_eq!(
        redact(text, &hits),
        "NHS [NHS number], NI [National Insurance number], call [phone number] or [email address]."
    );
    assert!(hits.iter().all(|h| h.severity() == Severity::High));
    assert_eq!(HitKind::Age.severity(), Severity::Medium);
}

/// A guard whose list holds "Jane Doe", "Kai" and "Zoë".
fn guard_with_names() -> super::Guard {
    let key = [3; 32];
    let listed = [
        ("Jane Doe", "the mother"),
        ("kai", "Child A"),
        ("ZOË", "the sister"),
    ]
    .iter()
    .filter_map(|(n, r)| super::names::listed(&key, n, r))
    .collect();
    super::Guard {
        names: super::names::NameList::new(&key, listed),
    }
}

/// Text with identifiers mixed into words and punctuation.
fn risky_text() -> impl Strategy<Value = String> {
    let pieces = prop_oneof![
        Just("943 476 5919".to_string()),
        Just("AB 12 34 56 C".to_string()),
        Just("SW1A 1AA".to_string()),
        Just("07700 900123".to_string()),
        Just("someone@example.com".to_string()),
        Just("DOB 12/03/1987".to_string()),
        Just("aged 15".to_string()),
        Just("14 Acacia Avenue".to_string()),
        Just("Mrs Smith".to_string()),
        Just("20461187".to_string()),
        Just("Jane Doe's".to_string()),
        Just("KAI".to_string()),
        Just("Zoë".to_string()),
        "[a-z]{1,8}",
        "[0-9]{1,12}",
        Just(", ".to_string()),
        Just(". ".to_string()),
        Just("é 日本 ".to_string()),
    ];
    proptest::collection::vec(pieces, 0..20).prop_map(|v| v.join(" "))
}

proptest! {
    #[test]
    fn redacted_text_has_nothing_left_to_find(text in risky_text()) {
        let hits = scan(&text);
        let redacted = redact(&text, &hits);
        prop_assert_eq!(scan(&redacted), Vec::<Hit>::new(), "{}", redacted);
        for h in &hits {
            prop_assert_eq!(&text[h.span.clone()], h.text.as_str());
        }
    }

    #[test]
    fn redacted_text_has_no_listed_name_left(text in risky_text()) {
        let guard = guard_with_names();
        let (redacted, n) = guard.redact(&text);
        prop_assert_eq!(guard.scan(&redacted), Vec::<Hit>::new(), "{}", redacted);
        prop_assert_eq!(n, guard.scan(&text).len());
        let lower = redacted.to_lowercase();
        prop_assert!(!lower.contains("jane doe") && !lower.contains("zoë"), "{}", redacted);
    }

    #[test]
    fn scanning_any_text_never_panics(text in "\\PC{0,200}") {
        let hits = scan(&text);
        let _ = redact(&text, &hits);
        let _ = guard_with_names().redact(&text);
    }
}
