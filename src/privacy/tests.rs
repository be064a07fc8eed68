//! The detectors on the safe test values (numbers published for testing, drama telephone
//! ranges), on near misses that must not match, and on redaction. Other spellings of the
//! same identifiers and the published validators' test values are in `tests_shapes.rs`,
//! the properties in `tests_props.rs`.

use super::rules::nhs_check;
use super::*;

pub(super) fn kinds(text: &str) -> Vec<(HitKind, String)> {
    scan(text).into_iter().map(|h| (h.kind, h.text)).collect()
}

pub(super) fn one(text: &str) -> (HitKind, String) {
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
