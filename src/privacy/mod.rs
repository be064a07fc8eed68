//! The confidentiality guard's detectors: identifiers of the people a practitioner works with
//! (NHS and National Insurance numbers, postcodes, phones, emails, birth dates, ages, street
//! addresses, reference numbers, titled names, and the names on the user's own list), found
//! in text and redacted. Pure.
//!
//! Text is folded before it is matched ([`fold`]: compatibility forms, invisible characters,
//! apostrophes, hyphens, look-alike letters), and every hit is reported as a byte range of
//! the text as written, so redaction replaces what was actually typed.

mod detectors;
pub mod fold;
pub mod names;
mod rules;
#[cfg(test)]
mod tests;
#[cfg(test)]
mod tests_props;
#[cfg(test)]
mod tests_shapes;
mod words;

use std::ops::Range;

use serde::Serialize;

/// What kind of identifier a hit is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum HitKind {
    NhsNumber,
    NiNumber,
    Email,
    Phone,
    Postcode,
    BirthDate,
    StreetAddress,
    TitledName,
    Age,
    ReferenceNumber,
    /// A name on the user's list of names never to write.
    ListedName,
}

impl HitKind {
    /// The name a redaction leaves in the text ("[NHS number]").
    pub fn label(self) -> &'static str {
        match self {
            HitKind::NhsNumber => "NHS number",
            HitKind::NiNumber => "National Insurance number",
            HitKind::Email => "email address",
            HitKind::Phone => "phone number",
            HitKind::Postcode => "postcode",
            HitKind::BirthDate => "date of birth",
            HitKind::StreetAddress => "address",
            HitKind::TitledName => "name",
            HitKind::Age => "age",
            HitKind::ReferenceNumber => "reference number",
            HitKind::ListedName => "listed name",
        }
    }

    /// How serious a hit of this kind is.
    pub fn severity(self) -> Severity {
        match self {
            HitKind::Age | HitKind::ReferenceNumber => Severity::Medium,
            _ => Severity::High,
        }
    }

    /// What to do about it, in one phrase.
    pub fn suggestion(self) -> &'static str {
        match self {
            HitKind::NhsNumber | HitKind::NiNumber | HitKind::ReferenceNumber => {
                "remove it: the number belongs in the case record, not in a reflection"
            }
            HitKind::Email | HitKind::Phone => {
                "remove it: contact details belong in the case record"
            }
            HitKind::Postcode | HitKind::StreetAddress => {
                "describe the place instead (\"a flat on an estate\", \"a family home\")"
            }
            HitKind::BirthDate => "leave the date out, or say the life stage (\"a toddler\")",
            HitKind::TitledName => "use a role instead (\"the mother\", \"Child A\", \"the GP\")",
            HitKind::Age => "say the life stage instead (\"a teenager\", \"an older adult\")",
            HitKind::ListedName => "write the role instead",
        }
    }
}

/// High-severity hits stop an export until they are fixed or allowed.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Medium,
    High,
}

/// One identifier found in a text.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Hit {
    pub kind: HitKind,
    /// Byte range of the identifier in the text scanned.
    pub span: Range<usize>,
    /// The identifier as written.
    pub text: String,
    /// What to write instead, for a listed name.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub role: Option<String>,
}

impl Hit {
    pub fn severity(&self) -> Severity {
        self.kind.severity()
    }
}

/// Every identifier in `text` the patterns find (no listed names: see [`Guard`]).
pub fn scan(text: &str) -> Vec<Hit> {
    merge(Vec::new(), detectors::all(text))
}

/// The guard: the patterns and the user's list of names.
#[derive(Clone, Debug, Default)]
pub struct Guard {
    pub names: names::NameList,
}

impl Guard {
    /// Every identifier in `text`, in order of where it starts; where two detectors find
    /// the same characters, the more specific one wins (a listed name over a titled one,
    /// an NHS number over a reference).
    pub fn scan(&self, text: &str) -> Vec<Hit> {
        merge(self.names.scan(text), detectors::all(text))
    }

    /// `text` with every identifier replaced ([`redact`]), and how many there were.
    pub fn redact(&self, text: &str) -> (String, usize) {
        let hits = self.scan(text);
        if hits.is_empty() {
            return (text.to_string(), 0);
        }
        (redact(text, &hits), hits.len())
    }
}

/// `first` and those of `then` that overlap none before them, in order of where they start.
fn merge(first: Vec<Hit>, then: impl IntoIterator<Item = Hit>) -> Vec<Hit> {
    let mut hits = first;
    for found in then {
        let overlaps = hits
            .iter()
            .any(|h| h.span.start < found.span.end && found.span.start < h.span.end);
        if !overlaps {
            hits.push(found);
        }
    }
    hits.sort_by_key(|h| h.span.start);
    hits
}

/// `text` with each hit replaced by its role (a listed name) or its kind in brackets
/// ("[NHS number]").
pub fn redact(text: &str, hits: &[Hit]) -> String {
    let mut out = String::with_capacity(text.len());
    let mut at = 0;
    for h in hits {
        if h.span.start < at || h.span.end > text.len() {
            continue;
        }
        out.push_str(&text[at..h.span.start]);
        match &h.role {
            Some(role) => out.push_str(role),
            None => {
                out.push('[');
                out.push_str(h.kind.label());
                out.push(']');
            }
        }
        at = h.span.end;
    }
    out.push_str(&text[at..]);
    out
}
