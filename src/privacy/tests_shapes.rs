//! Other spellings of the same identifiers (found), the false alarms they must not become
//! (not found), and the test values of well-known public validators, used as facts: each
//! list names the repository and file it was read from. The rules themselves are checked
//! against their sources in `rules.rs`.

use super::tests::{kinds, one};
use super::*;

fn found_as(text: &str, kind: HitKind) {
    let hits = scan(text);
    assert!(
        hits.iter().any(|h| h.kind == kind),
        "{text:?}: {kind:?} not found in {hits:?}"
    );
    for h in &hits {
        assert_eq!(&text[h.span.clone()], h.text, "{text:?}");
    }
}

fn not_found_as(text: &str, kind: HitKind) {
    let hits = scan(text);
    assert!(
        !hits.iter().any(|h| h.kind == kind),
        "{text:?}: {kind:?} found in {hits:?}"
    );
}

#[test]
fn other_shapes_of_the_same_identifiers_are_found() {
    use HitKind::*;
    for (text, kind, as_written) in [
        ("NHS 943.476.5919 ok", NhsNumber, "943.476.5919"),
        ("NHS 943/476/5919 ok", NhsNumber, "943/476/5919"),
        ("NHS 943 - 476 - 5919", NhsNumber, "943 - 476 - 5919"),
        (
            "NHS 943\u{200B}476\u{200B}5919",
            NhsNumber,
            "943\u{200B}476\u{200B}5919",
        ),
        (
            "NHS ９４３ ４７６ ５９１９.",
            NhsNumber,
            "９４３ ４７６ ５９１９",
        ),
        ("NI JG-10-37-59-A.", NiNumber, "JG-10-37-59-A"),
        ("NI jg.10.37.59.a", NiNumber, "jg.10.37.59.a"),
        ("NI ＡＢ１２３４５６Ｃ", NiNumber, "ＡＢ１２３４５６Ｃ"),
        ("NI AB 12 34 56", NiNumber, "AB 12 34 56"),
        ("at SW1A   1AA now", Postcode, "SW1A   1AA"),
        ("at sw1a1aa now", Postcode, "sw1a1aa"),
        ("at SW1A\u{A0}1AA now", Postcode, "SW1A\u{A0}1AA"),
        ("call +44 (0)20 7946 0958", Phone, "+44 (0)20 7946 0958"),
        ("call (020) 7946 0958", Phone, "(020) 7946 0958"),
        ("call 07700.900.123", Phone, "07700.900.123"),
        (
            "call 07700\u{2011}900\u{2011}123",
            Phone,
            "07700\u{2011}900\u{2011}123",
        ),
        ("call 0044 7700 900123", Phone, "0044 7700 900123"),
        (
            "write jane.doe(at)example.com",
            Email,
            "jane.doe(at)example.com",
        ),
        (
            "write jane.doe [at] example [dot] co.uk",
            Email,
            "jane.doe [at] example [dot] co.uk",
        ),
        ("write jane＠example.com", Email, "jane＠example.com"),
        ("saw mrs smith today", TitledName, "mrs smith"),
        ("saw MRS SMITH today", TitledName, "MRS SMITH"),
        (
            "saw Mrs O\u{2019}Brien today",
            TitledName,
            "Mrs O\u{2019}Brien",
        ),
        ("saw Dr. Patel-Jones's", TitledName, "Dr. Patel-Jones"),
        ("saw \u{41C}rs Smith today", TitledName, "\u{41C}rs Smith"),
        ("saw miss Smith today", TitledName, "miss Smith"),
        ("DOB: 12/03/1987", BirthDate, "12/03/1987"),
        ("Her DOB. 12/03/1987", BirthDate, "12/03/1987"),
        ("saw MS SMITH today", TitledName, "MS SMITH"),
        ("born in St. Mary's on 12/03/1987", BirthDate, "12/03/1987"),
        ("12/03/1987 (her date of birth)", BirthDate, "12/03/1987"),
    ] {
        found_as(text, kind);
        let hit = scan(text)
            .into_iter()
            .find(|h| h.kind == kind)
            .expect("found");
        assert_eq!(hit.text, as_written, "{text:?}");
    }
}

#[test]
fn false_alarms_are_not_raised() {
    use HitKind::*;
    for text in [
        "We talked about Dr Who and the Mr Men books.",
        "Ms. Understanding is a pun, and so is Mr Right.",
        "mr and mrs were not named; the dr said no; a dr appointment",
        "I miss school and miss them",
        "the 200 ms delay",
        "Mrs B called",
        "a ms teams call, then MS Teams again; her MS Nurse and her MS diagnosis",
        "the dr prescribed it and the dr explained; mr thinks so",
    ] {
        not_found_as(text, TitledName);
    }
    for text in [
        "He is born again; the review on 12/03/2026 went well.",
        "She calls herself born again since 12/03/2026",
        "She was born in Leeds. On 12/03/2026 we met.",
        "born, and then so many things happened in the years that led up to 12/03/2026",
    ] {
        not_found_as(text, BirthDate);
    }
    not_found_as("15 years old-fashioned", Age);
    assert_eq!(one("a 15 years old boy").0, Age);
    for text in [
        "A9Q 9AA", "AA9C 9AA", "FY10 4PL", "SO1 4QQ", "B4 2pm", "EC1A 1BC",
    ] {
        not_found_as(text, Postcode);
    }
    for text in [
        "meet at 12 34 56",
        "AB 12 34 56 E",
        "AB123456E",
        "on 01.02.2026 10:30",
        "on 01-02-2026 10 of them",
    ] {
        assert_eq!(kinds(text), [], "{text}");
    }
}

/// NHS numbers from the tests of two open-source validators:
/// djekl/nhs-number-validation, tests/ValidatorTest.php (4010232137 valid, written plain,
/// with spaces and with hyphens; 4010232138 a wrong check digit; 1000000010 a check digit
/// of 10, never issued), and rowellx68/valid-nhsnum, packages/valid-nhsnum/src/index.spec.ts
/// (3699555801, 5144270476 and 9449310610 valid; 369555801 nine digits).
#[test]
fn nhs_numbers_of_public_validators() {
    for valid in [
        "4010232137",
        "401 023 2137",
        "401-023-2137",
        "369 955 5801",
        "3699555801",
        "5144270476",
        "9449310610",
    ] {
        assert!(rules::nhs_check(valid), "{valid}");
        assert_eq!(
            one(&format!("NHS {valid} noted")).0,
            HitKind::NhsNumber,
            "{valid}"
        );
    }
    for invalid in ["4010232138", "1000000010", "369555801"] {
        assert!(!rules::nhs_check(invalid), "{invalid}");
        not_found_as(&format!("NHS {invalid} noted"), HitKind::NhsNumber);
    }
    not_found_as("NHS 369a955 5801 noted", HitKind::NhsNumber);
}

/// National Insurance numbers from the tests of the DWP's own format validator,
/// dwp/nino-format-validation, src/test/java/uk/gov/dwp/regex/NinoValidatorTest.java:
/// AA370773A valid in capitals, small letters, with spaces and without its suffix;
/// DS123456A (D first), AO123456A (O second), ZZ123456A (a prefix never used) and
/// AA370773E (suffix E) invalid. It also takes "aa 37 07 73" without a suffix: the guard
/// takes a number without its suffix only in capitals (see `false_alarms_are_not_raised`).
#[test]
fn national_insurance_numbers_of_a_public_validator() {
    for valid in [
        "AA370773A",
        "aa370773a",
        "AA 37 07 73 A",
        "AA370773",
        "AA 37 07 73",
    ] {
        assert_eq!(
            one(&format!("NI {valid} noted")).0,
            HitKind::NiNumber,
            "{valid}"
        );
    }
    for invalid in ["DS123456A", "AO123456A", "ZZ123456A", "AA370773E"] {
        assert_eq!(kinds(&format!("NI {invalid} noted")), [], "{invalid}");
    }
}

/// Postcodes from two public test sets: the UK postcode exercise in gist
/// edhiley/5da612c93e31c7e60355 (each invalid one with the rule it breaks), and the specs of
/// threedaymonk/uk_postcode, spec/geographic_postcode_spec.rb (spacing, case, and districts
/// whose digits could be read as letters).
#[test]
fn postcodes_of_public_test_sets() {
    for valid in [
        "EC1A 1BB",
        "W1A 0AX",
        "M1 1AE",
        "B33 8TH",
        "CR2 6XH",
        "DN55 1PT",
        "GIR 0AA",
        "SO10 9AA",
        "FY9 9AA",
        "WC1A 9AA",
        "W1A 1AA",
        "  W1A   1AA  ",
        "W1A1AA",
        "w1a 1aa",
        "E17 1AA",
        "CO1 1BT",
        "B11 1LL",
        "BB11 1DJ",
        "B10 0JP",
    ] {
        let text = format!("at {valid} today");
        assert_eq!(one(&text).0, HitKind::Postcode, "{valid}");
        assert_eq!(one(&text).1, valid.trim(), "{valid}");
    }
    for invalid in [
        "$%± ()()",
        "XX XXX",
        "A1 9A",
        "Q1A 9AA",
        "V1A 9AA",
        "X1A 9BB",
        "LI10 3QP",
        "LJ10 3QP",
        "LZ10 3QP",
        "A9Q 9AA",
        "AA9C 9AA",
        "FY10 4PL",
        "SO1 4QQ",
    ] {
        assert_eq!(kinds(&format!("at {invalid} today")), [], "{invalid}");
    }
}

#[test]
fn postcode_rules_position_by_position() {
    use rules::postcode;
    // Every letter the inward code may not use, and one it may.
    for unit in ["1CA", "1AI", "1KA", "1AM", "1OA", "1AV"] {
        assert!(!postcode("M1", &unit[..3]), "{unit}");
    }
    assert!(postcode("M1", "1AB"));
    // Third letter of A9A, fourth of AA9A, the areas with one- and two-digit districts.
    assert!(postcode("W1P", "1AA") && !postcode("W1L", "1AA"));
    assert!(postcode("SE1P", "1AA") && !postcode("SE1F", "1AA"));
    assert!(postcode("WC2N", "5DU"), "WC takes any fourth letter");
    assert!(!postcode("WC12", "1AA") && !postcode("AB1", "1AA") && postcode("AB10", "1AA"));
    assert!(!postcode("GIR", "1AA"));
}
