//! Each detector: a pattern that finds candidates, and the check in code that keeps only
//! real ones (the NHS number's check digit, the prefixes National Insurance never uses, a
//! birth word near a date). Most specific first: [`super::scan`] keeps the first of overlaps.

use std::sync::LazyLock;

use regex::Regex;

use super::{Hit, HitKind};

fn re(pattern: &str) -> Regex {
    Regex::new(pattern).expect("a detector's pattern compiles")
}

static NHS: LazyLock<Regex> = LazyLock::new(|| re(r"\b[0-9]{3}[ -]?[0-9]{3}[ -]?[0-9]{4}\b"));
static NI: LazyLock<Regex> = LazyLock::new(|| {
    re(r"(?i)\b([A-CEGHJ-PR-TW-Z][A-CEGHJ-NPR-TW-Z]) ?[0-9]{2} ?[0-9]{2} ?[0-9]{2} ?[A-D]\b")
});
static EMAIL: LazyLock<Regex> =
    LazyLock::new(|| re(r"(?i)\b[A-Z0-9._%+-]+@[A-Z0-9.-]+\.[A-Z]{2,}\b"));
static PHONE: LazyLock<Regex> =
    LazyLock::new(|| re(r"(?:(?:\+|\b00)44[ -]?(?:\(0\)[ -]?)?|\b0)[0-9](?:[ -]?[0-9]){8,9}\b"));
static POSTCODE: LazyLock<Regex> = LazyLock::new(|| {
    re(r"(?i)\b(?:GIR ?0AA|[A-PR-UWYZ][A-HK-Y]?[0-9][A-Z0-9]? ?[0-9][ABD-HJLNP-UW-Z]{2})\b")
});
static DATE: LazyLock<Regex> = LazyLock::new(|| {
    re(concat!(
        r"(?i)\b(?:(?:0?[1-9]|[12][0-9]|3[01])[/.-](?:0?[1-9]|1[0-2])[/.-](?:[0-9]{4}|[0-9]{2})",
        r"|(?:0?[1-9]|[12][0-9]|3[01])(?:st|nd|rd|th)?\s+(?:of\s+)?",
        r"(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?,?\s+(?:[0-9]{4}|[0-9]{2}))\b",
    ))
});
static BIRTH_WORD: LazyLock<Regex> =
    LazyLock::new(|| re(r"(?i)\b(?:dob|d\.o\.b\.?|born|date of birth|birthday|birth date)\b"));
static STREET: LazyLock<Regex> = LazyLock::new(|| {
    re(concat!(
        r"\b[0-9]{1,4}[A-Za-z]?,?\s+(?:[A-Z][a-z'-]+\s+){1,3}",
        r"(?:Road|Rd|Street|St|Avenue|Ave|Lane|Close|Drive|Way|Court|Crescent|Place|Gardens|Terrace|Grove|Square|Walk|View)\b",
        r"|\b(?:Flat|Apartment)\s+[0-9]{1,4}[A-Za-z]?\b",
    ))
});
static TITLED: LazyLock<Regex> =
    LazyLock::new(|| re(r"\b(?:Mr|Mrs|Ms|Miss|Mx|Dr)\.?\s+[A-Z][a-z'-]+"));
static AGE: LazyLock<Regex> = LazyLock::new(|| {
    re(r"(?i)\b(?:aged\s+[0-9]{1,3}|[0-9]{1,3}[ -]?(?:years?[ -]old|yrs?[ -]old|yo|y/o)\b)")
});
static REFERENCE: LazyLock<Regex> = LazyLock::new(|| re(r"\b[0-9]{6,}\b"));

/// Prefixes of National Insurance numbers that are never issued.
const NI_NEVER: [&str; 7] = ["BG", "GB", "KN", "NK", "NT", "TN", "ZZ"];

/// How far a birth word may be from a date, in bytes, for the date to be a birth date.
const BIRTH_WORD_REACH: usize = 40;

/// Does a 10-digit number (separators allowed) pass the NHS number's modulus 11 check?
pub fn nhs_check(candidate: &str) -> bool {
    let digits: Vec<u32> = candidate.chars().filter_map(|c| c.to_digit(10)).collect();
    if digits.len() != 10 {
        return false;
    }
    let sum: u32 = digits[..9]
        .iter()
        .zip((2..=10).rev())
        .map(|(d, w)| d * w)
        .sum();
    match 11 - sum % 11 {
        11 => digits[9] == 0,
        10 => false,
        check => digits[9] == check,
    }
}

/// Is this a phone number's length once the separators and the country code are gone?
fn phone_length(candidate: &str) -> bool {
    let digits: String = candidate.chars().filter(char::is_ascii_digit).collect();
    let national = digits
        .strip_prefix("0044")
        .or_else(|| digits.strip_prefix("44"))
        .map_or(digits.len(), |rest| rest.len() + 1);
    (10..=11).contains(&national)
}

/// Every pattern at once: most texts hold none, and one pass over them says so.
static ANY: LazyLock<regex::RegexSet> = LazyLock::new(|| {
    regex::RegexSet::new(
        [
            &*NHS,
            &*NI,
            &*EMAIL,
            &*PHONE,
            &*POSTCODE,
            &*DATE,
            &*STREET,
            &*TITLED,
            &*AGE,
            &*REFERENCE,
        ]
        .map(Regex::as_str),
    )
    .expect("the detectors' patterns compile together")
});

/// Candidates of every kind, most specific first.
pub fn all(text: &str) -> Vec<Hit> {
    if !ANY.is_match(text) {
        return Vec::new();
    }
    let hit = |kind: HitKind, m: regex::Match<'_>| Hit {
        kind,
        span: m.range(),
        text: m.as_str().to_string(),
        role: None,
    };
    let mut out = Vec::new();
    out.extend(EMAIL.find_iter(text).map(|m| hit(HitKind::Email, m)));
    out.extend(
        NHS.find_iter(text)
            .filter(|m| nhs_check(m.as_str()))
            .map(|m| hit(HitKind::NhsNumber, m)),
    );
    out.extend(NI.captures_iter(text).filter_map(|c| {
        let prefix = c.get(1)?.as_str().to_uppercase();
        let whole = c.get(0)?;
        (!NI_NEVER.contains(&prefix.as_str())).then(|| hit(HitKind::NiNumber, whole))
    }));
    out.extend(
        PHONE
            .find_iter(text)
            .filter(|m| phone_length(m.as_str()))
            .map(|m| hit(HitKind::Phone, m)),
    );
    let births: Vec<std::ops::Range<usize>> =
        BIRTH_WORD.find_iter(text).map(|m| m.range()).collect();
    out.extend(
        DATE.find_iter(text)
            .filter(|m| {
                births.iter().any(|b| {
                    b.end <= m.start() && m.start() - b.end <= BIRTH_WORD_REACH
                        || b.start >= m.end() && b.start - m.end() <= BIRTH_WORD_REACH
                })
            })
            .map(|m| hit(HitKind::BirthDate, m)),
    );
    out.extend(
        STREET
            .find_iter(text)
            .map(|m| hit(HitKind::StreetAddress, m)),
    );
    out.extend(POSTCODE.find_iter(text).map(|m| hit(HitKind::Postcode, m)));
    out.extend(TITLED.find_iter(text).map(|m| hit(HitKind::TitledName, m)));
    out.extend(AGE.find_iter(text).map(|m| hit(HitKind::Age, m)));
    out.extend(
        REFERENCE
            .find_iter(text)
            .map(|m| hit(HitKind::ReferenceNumber, m)),
    );
    out
}
