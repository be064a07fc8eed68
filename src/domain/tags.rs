//! Tags: normalised labels ("home-visit", "court") from `--tag` flags and inline `#tags`.
//! A tag is lower case, made of letters, digits, `-`, `_` and `/`, at most 40 characters.

use std::fmt;

use serde::{Deserialize, Serialize};

use crate::{Error, Result};

const MAX_TAG_CHARS: usize = 40;

/// A normalised tag.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct Tag(String);

fn is_tag_char(c: char) -> bool {
    c.is_alphanumeric()
        || unicode_normalization::char::is_combining_mark(c)
        || matches!(c, '-' | '_' | '/')
}

impl Tag {
    /// Normalise user input: trim, drop a leading `#` or `@` (jrnl's tag sign), lower-case,
    /// compose accents (NFC, so `é` typed either way is one tag). Errors say what is allowed.
    pub fn parse(raw: &str) -> Result<Tag> {
        use unicode_normalization::UnicodeNormalization;
        let t: String = raw
            .trim()
            .trim_start_matches(['#', '@'])
            .to_lowercase()
            .nfc()
            .collect();
        if t.is_empty() {
            return Err(Error::invalid(
                "tag",
                "a tag cannot be empty: use e.g. --tag home-visit",
            ));
        }
        if let Some(bad) = t.chars().find(|c| !is_tag_char(*c)) {
            return Err(Error::invalid(
                "tag",
                format!(
                    "tag '{}' contains '{}': tags use letters, digits, '-', '_' and '/' (e.g. home-visit)",
                    raw.trim().escape_debug(),
                    bad.escape_debug()
                ),
            ));
        }
        if !t.chars().any(char::is_alphanumeric) {
            return Err(Error::invalid(
                "tag",
                format!(
                    "tag '{}' has no letter or digit: use e.g. --tag home-visit",
                    raw.trim().escape_debug()
                ),
            ));
        }
        if t.chars().count() > MAX_TAG_CHARS {
            return Err(Error::invalid(
                "tag",
                format!("tag '{t}' is longer than {MAX_TAG_CHARS} characters: shorten it"),
            ));
        }
        Ok(Tag(t))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl TryFrom<String> for Tag {
    type Error = Error;
    fn try_from(s: String) -> Result<Tag> {
        Tag::parse(&s)
    }
}

impl From<Tag> for String {
    fn from(t: Tag) -> String {
        t.0
    }
}

impl fmt::Display for Tag {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// The `#tags` written in free text. A tag starts at a `#` that begins a word and is followed
/// by a letter, so "#3" or "C#" are not tags; trailing `-`, `_` and `/` are not part of it.
pub fn inline_tags(text: &str) -> Vec<Tag> {
    let mut out = Vec::new();
    let mut prev: Option<char> = None;
    let mut chars = text.char_indices().peekable();
    while let Some((i, c)) = chars.next() {
        let at_word_start = prev.is_none_or(|p| p.is_whitespace() || "([{\"'".contains(p));
        prev = Some(c);
        if c != '#' || !at_word_start {
            continue;
        }
        if !chars.peek().is_some_and(|(_, n)| n.is_alphabetic()) {
            continue;
        }
        let rest = &text[i + 1..];
        let end = rest.find(|ch: char| !is_tag_char(ch)).unwrap_or(rest.len());
        let word = rest[..end].trim_end_matches(['-', '_', '/']);
        if let Ok(tag) = Tag::parse(word)
            && !out.contains(&tag)
        {
            out.push(tag);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn names(tags: &[Tag]) -> Vec<&str> {
        tags.iter().map(Tag::as_str).collect()
    }

    #[test]
    fn parse_normalises_case_and_hash() {
        assert_eq!(
            Tag::parse(" #Home-Visit ").expect("tag").as_str(),
            "home-visit"
        );
        assert_eq!(Tag::parse("Café").expect("tag").as_str(), "café");
    }

    #[test]
    fn accents_compose_and_dotted_capitals_are_letters() {
        let composed = Tag::parse("caf\u{e9}").expect("composed");
        let decomposed = Tag::parse("cafe\u{301}").expect("decomposed");
        assert_eq!(composed, decomposed);
        assert!(Tag::parse("İstanbul").is_ok());
        assert_eq!(names(&inline_tags("a #cafe\u{301} visit")), ["café"]);
        assert_eq!(Tag::parse("@court").expect("jrnl's sign").as_str(), "court");
        for bad in ["-", "/", "_-/"] {
            assert!(Tag::parse(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn parse_explains_what_is_allowed() {
        let err = Tag::parse("home visit").expect_err("space");
        assert!(err.to_string().contains("letters, digits"), "{err}");
        assert!(Tag::parse("#").is_err());
        assert!(Tag::parse(&"a".repeat(41)).is_err());
    }

    #[test]
    fn inline_tags_are_found_at_word_starts() {
        let t = inline_tags(
            "Long day #court, then (#home-visit) and #self_care. C# and #3 and x#y #Court",
        );
        assert_eq!(names(&t), ["court", "home-visit", "self_care"]);
    }

    #[test]
    fn trailing_punctuation_is_not_part_of_a_tag() {
        assert_eq!(names(&inline_tags("end #supervision-")), ["supervision"]);
        assert_eq!(names(&inline_tags("#a/b/")), ["a/b"]);
        assert!(inline_tags("#").is_empty());
        assert!(inline_tags("# heading").is_empty());
    }

    proptest! {
        #[test]
        fn inline_tags_never_panic_and_are_valid(text in "\\PC{0,80}") {
            for tag in inline_tags(&text) {
                prop_assert_eq!(Tag::parse(tag.as_str()).ok(), Some(tag.clone()));
            }
        }

        #[test]
        fn parse_is_idempotent(raw in "#?[A-Za-z0-9][A-Za-z0-9_/-]{0,39}") {
            let once = Tag::parse(&raw).expect("valid by construction");
            let twice = Tag::parse(once.as_str()).expect("still valid");
            prop_assert_eq!(once, twice);
        }
    }
}
