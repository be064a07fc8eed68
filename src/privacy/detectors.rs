//! Each detector: a pattern that finds candidates in the folded text ([`super::fold`]), and
//! the check in code ([`super::rules`]) that keeps only real ones (the NHS number's check
//! digit, the prefixes National Insurance never uses, the postcode's format rules, a birth
//! word in the same clause as a date, a title before something shaped like a surname).
//! Most specific first: [`super::scan`] keeps the first of overlaps.

use std::sync::LazyLock;

use regex::Regex;

use super::fold::{Fold, Folded};
use super::rules;
use super::{Hit, HitKind};

fn re(pattern: &str) -> Regex {
    Regex::new(pattern).expect("a detector's pattern compiles")
}

/// What may stand between two groups of an NHS or National Insurance number: nothing, a run
/// of spaces, or one dot, slash or hyphen (spaces around it allowed).
macro_rules! sep {
    () => {
        r"(?:[ \t]*[./-][ \t]*|[ \t]+)?"
    };
}
/// The same between the digits of a phone number, without the slash (`01/02/2026 10`).
macro_rules! phone_sep {
    () => {
        r"(?:[ \t]*[.-][ \t]*|[ \t]+)?"
    };
}

static NHS: LazyLock<Regex> = LazyLock::new(|| {
    re(concat!(
        r"(?-u:\b)[0-9]{3}",
        sep!(),
        "[0-9]{3}",
        sep!(),
        r"[0-9]{4}(?-u:\b)"
    ))
});
static NI: LazyLock<Regex> = LazyLock::new(|| {
    re(concat!(
        r"(?i)(?-u:\b)([A-Z]{2})",
        sep!(),
        "[0-9]{2}",
        sep!(),
        "[0-9]{2}",
        sep!(),
        "[0-9]{2}(?:",
        sep!(),
        r"([A-D]))?(?-u:\b)"
    ))
});
/// `@`, or `at` in brackets (`jane.doe(at)example.com`); `.` or `dot` in brackets.
static EMAIL: LazyLock<Regex> = LazyLock::new(|| {
    re(concat!(
        r"(?i)(?-u:\b)[A-Z0-9._%+-]+(?:@|[ \t]*[(\[{][ \t]*at[ \t]*[)\]}][ \t]*)",
        r"(?:[A-Z0-9-]+(?:\.|[ \t]*[(\[{][ \t]*dot[ \t]*[)\]}][ \t]*))+[A-Z]{2,}(?-u:\b)",
    ))
});
static PHONE: LazyLock<Regex> = LazyLock::new(|| {
    re(concat!(
        r"(?:(?:\+|(?-u:\b)00)44",
        phone_sep!(),
        r"(?:\(0\)",
        phone_sep!(),
        r"|0)?[1-9](?:",
        phone_sep!(),
        r"[0-9]){8,9}",
        r"|\(0[0-9]{2,4}\)",
        phone_sep!(),
        r"[0-9](?:",
        phone_sep!(),
        r"[0-9]){4,8}",
        r"|(?-u:\b)0[0-9](?:",
        phone_sep!(),
        r"[0-9]){8,9})(?-u:\b)",
    ))
});
/// Any shape of outward and inward code; [`rules::postcode`] keeps those the format allows.
static POSTCODE: LazyLock<Regex> = LazyLock::new(|| {
    re(r"(?i)(?-u:\b)(GIR|[A-Z]{1,2}[0-9][A-Z0-9]?)[ \t]*([0-9][A-Z]{2})(?-u:\b)")
});
static DATE: LazyLock<Regex> = LazyLock::new(|| {
    re(concat!(
        r"(?i)(?-u:\b)(?:(?:0?[1-9]|[12][0-9]|3[01])[/.-](?:0?[1-9]|1[0-2])[/.-](?:[0-9]{4}|[0-9]{2})",
        r"|(?:0?[1-9]|[12][0-9]|3[01])(?:st|nd|rd|th)?\s+(?:of\s+)?",
        r"(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?,?\s+(?:[0-9]{4}|[0-9]{2}))(?-u:\b)",
    ))
});
/// "born again" is matched so that it can be left out (it is not about a birth).
static BIRTH_WORD: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"(?i)(?-u:\b)(?:dob|d\.o\.b\.?|born(?:[ -]+again)?|date of birth|birthday|birth date)(?-u:\b)",
    )
});
static STREET: LazyLock<Regex> = LazyLock::new(|| {
    re(concat!(
        r"(?-u:\b)[0-9]{1,4}[A-Za-z]?,?\s+(?:[A-Z][a-z'-]+\s+){1,3}",
        r"(?:Road|Rd|Street|St|Avenue|Ave|Lane|Close|Drive|Way|Court|Crescent|Place|Gardens|Terrace|Grove|Square|Walk|View)(?-u:\b)",
        r"|(?-u:\b)(?:Flat|Apartment)\s+[0-9]{1,4}[A-Za-z]?(?-u:\b)",
    ))
});
/// A title in any case and the word after it; [`rules::titled_name`] decides.
static TITLED: LazyLock<Regex> =
    LazyLock::new(|| re(r"(?i)(?-u:\b)(mrs|mr|ms|miss|mx|dr)(?-u:\b)\.?[ \t]+(\w[\w'-]*)"));
static AGE: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"(?i)(?-u:\b)(?:aged\s+[0-9]{1,3}|[0-9]{1,3}[ -]?(?:years?[ -]old|yrs?[ -]old|yo|y/o)(?-u:\b))",
    )
});
static REFERENCE: LazyLock<Regex> = LazyLock::new(|| re(r"(?-u:\b)[0-9]{6,}(?-u:\b)"));

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

/// Candidates of every kind in `text`, most specific first, with spans in `text` itself.
pub fn all(text: &str) -> Vec<Hit> {
    let folded = Folded::new(text, Fold::Shapes);
    let f: &str = &folded.text;
    if !ANY.is_match(f) {
        return Vec::new();
    }
    let mut found: Vec<(HitKind, std::ops::Range<usize>)> = Vec::new();
    let mut add = |kind, range| found.push((kind, range));
    for m in EMAIL.find_iter(f) {
        add(HitKind::Email, m.range());
    }
    for m in NHS.find_iter(f).filter(|m| rules::nhs_check(m.as_str())) {
        add(HitKind::NhsNumber, m.range());
    }
    for c in NI.captures_iter(f) {
        if let (Some(whole), Some(prefix)) = (c.get(0), c.get(1))
            && rules::ni_number(prefix.as_str(), c.get(2).is_some(), &f[whole.end()..])
        {
            add(HitKind::NiNumber, whole.range());
        }
    }
    for m in PHONE.find_iter(f).filter(|m| rules::phone(m.as_str())) {
        add(HitKind::Phone, m.range());
    }
    let births: Vec<_> = BIRTH_WORD
        .find_iter(f)
        .filter(|m| !m.as_str().to_ascii_lowercase().ends_with("again"))
        .map(|m| m.range())
        .collect();
    for m in DATE.find_iter(f) {
        if births.iter().any(|b| rules::same_clause(f, b, &m.range())) {
            add(HitKind::BirthDate, m.range());
        }
    }
    for m in STREET.find_iter(f) {
        add(HitKind::StreetAddress, m.range());
    }
    for c in POSTCODE.captures_iter(f) {
        if let (Some(whole), Some(out), Some(inward)) = (c.get(0), c.get(1), c.get(2))
            && rules::postcode(out.as_str(), inward.as_str())
        {
            add(HitKind::Postcode, whole.range());
        }
    }
    for c in TITLED.captures_iter(f) {
        if let (Some(whole), Some(title), Some(name)) = (c.get(0), c.get(1), c.get(2))
            && let Some(end) = rules::titled_name(f, title.as_str(), name.range())
        {
            add(HitKind::TitledName, whole.start()..end);
        }
    }
    for m in AGE.find_iter(f).filter(|m| rules::age_ends(f, m.end())) {
        add(HitKind::Age, m.range());
    }
    for m in REFERENCE.find_iter(f) {
        add(HitKind::ReferenceNumber, m.range());
    }
    found
        .into_iter()
        .map(|(kind, range)| {
            let span = folded.original(range);
            Hit {
                kind,
                text: text[span.clone()].to_string(),
                span,
                role: None,
            }
        })
        .collect()
}
