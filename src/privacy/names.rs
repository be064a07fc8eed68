//! The list of names a practitioner must never write, kept without the names: each is a
//! keyed hash (HMAC-SHA-256 under the journal's own key) of its normalised words, with its
//! word and character counts and the role to write instead ("the mother", "Child A").

use std::collections::HashMap;
use std::ops::Range;

use hmac::{Hmac, KeyInit, Mac};
use sha2::Sha256;
use unicode_normalization::UnicodeNormalization;

use super::{Hit, HitKind};

/// The journal's key for hashing names: 32 random bytes made once.
pub type NameKey = [u8; 32];
/// A name's keyed hash.
pub type Digest = [u8; 32];

/// The longest name, in words, that the list takes.
pub const MAX_WORDS: usize = 6;

/// A name on the list, as the journal keeps it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ListedName {
    pub digest: Digest,
    /// How many words the name has, and how many characters once normalised: text is only
    /// hashed where a name of that shape could be.
    pub words: usize,
    pub chars: usize,
    /// What to write instead.
    pub role: String,
}

/// A name as typed, normalised: lower case, composed (NFC), words separated by one space,
/// and a possessive ending dropped ("Smith's" is "smith"). `None` when there is no word or
/// more than [`MAX_WORDS`].
pub fn normalise(name: &str) -> Option<String> {
    let words: Vec<String> = words_of(name)
        .iter()
        .map(|w| normal_word(&name[w.span.clone()]))
        .collect();
    (!words.is_empty() && words.len() <= MAX_WORDS).then(|| words.join(" "))
}

/// The keyed hash of a normalised name.
pub fn digest(key: &NameKey, normalised: &str) -> Digest {
    let mut mac = <Hmac<Sha256> as KeyInit>::new_from_slice(key).expect("HMAC takes any key");
    mac.update(normalised.as_bytes());
    mac.finalize().into_bytes().into()
}

/// A name ready for the list: its hash under `key`, its shape and its role; `None` when the
/// name has no word (or too many).
pub fn listed(key: &NameKey, name: &str, role: &str) -> Option<ListedName> {
    let normal = normalise(name)?;
    Some(ListedName {
        digest: digest(key, &normal),
        words: normal.split(' ').count(),
        chars: normal.chars().count(),
        role: role.trim().to_string(),
    })
}

/// The list, ready to scan text with.
#[derive(Clone, Debug, Default)]
pub struct NameList {
    key: Option<Hmac<Sha256>>,
    names: HashMap<Digest, usize>,
    roles: Vec<String>,
    /// The (words, characters) shapes on the list.
    shapes: Vec<(usize, usize)>,
    /// Words of the right shape already hashed, and the name each is (if any): a journal
    /// uses the same words again and again, and hashing is the slow part of a scan.
    seen: std::cell::RefCell<HashMap<String, Option<usize>>>,
}

/// How many hashed words [`NameList`] remembers before starting again.
const SEEN_MAX: usize = 200_000;

impl NameList {
    pub fn new(key: &NameKey, names: Vec<ListedName>) -> NameList {
        let mut list = NameList {
            key: Some(<Hmac<Sha256> as KeyInit>::new_from_slice(key).expect("HMAC takes any key")),
            ..NameList::default()
        };
        for n in names {
            list.names.insert(n.digest, list.roles.len());
            list.roles.push(n.role);
            if !list.shapes.contains(&(n.words, n.chars)) {
                list.shapes.push((n.words, n.chars));
            }
        }
        list
    }

    pub fn is_empty(&self) -> bool {
        self.names.is_empty()
    }

    /// Every listed name in `text` (whole words, any case, possessives included: the span
    /// leaves the "'s" out so the role reads "the mother's").
    pub fn scan(&self, text: &str) -> Vec<Hit> {
        let Some(key) = &self.key else {
            return Vec::new();
        };
        if self.names.is_empty() {
            return Vec::new();
        }
        let words = words_of(text);
        let mut hits = Vec::new();
        let mut i = 0;
        while i < words.len() {
            match self.match_at(key, text, &words, i) {
                Some((n, role)) => {
                    // "Mrs Patel" becomes "the GP", not "Mrs the GP".
                    let start = match i.checked_sub(1).map(|t| &words[t]) {
                        Some(t)
                            if is_title(&text[t.span.clone()])
                                && spaced(text, t, &words[i], true) =>
                        {
                            t.span.start
                        }
                        _ => words[i].span.start,
                    };
                    let end = words[i + n - 1].span.end;
                    hits.push(Hit {
                        kind: HitKind::ListedName,
                        span: start..end,
                        text: text[start..end].to_string(),
                        role: Some(role.to_string()),
                    });
                    i += n;
                }
                None => i += 1,
            }
        }
        hits
    }

    /// The longest listed name starting at word `i`: its length in words and its role.
    fn match_at(
        &self,
        key: &Hmac<Sha256>,
        text: &str,
        words: &[Word],
        i: usize,
    ) -> Option<(usize, &str)> {
        let mut best: Option<(usize, &str)> = None;
        for &(n, chars) in &self.shapes {
            if i + n > words.len() || best.is_some_and(|(b, _)| b >= n) {
                continue;
            }
            let run = &words[i..i + n];
            let length: usize = run.iter().map(|w| w.chars).sum::<usize>() + n - 1;
            if length != chars {
                continue;
            }
            // Words of one name are separated by spaces only, and only the last may be
            // possessive.
            let joined = run.windows(2).all(|w| spaced(text, &w[0], &w[1], false));
            if !joined || run[..n - 1].iter().any(|w| w.possessive) {
                continue;
            }
            let mut normal = String::with_capacity(chars + 4);
            for (k, w) in run.iter().enumerate() {
                if k > 0 {
                    normal.push(' ');
                }
                let word = &text[w.span.clone()];
                if word.is_ascii() {
                    normal.extend(word.chars().map(|c| c.to_ascii_lowercase()));
                } else {
                    normal.push_str(&normal_word(word));
                }
            }
            let known = self.seen.borrow().get(&normal).copied();
            let found = known.unwrap_or_else(|| {
                let mut mac = key.clone();
                mac.update(normal.as_bytes());
                let digest: Digest = mac.finalize().into_bytes().into();
                let found = self.names.get(&digest).copied();
                let mut seen = self.seen.borrow_mut();
                if seen.len() >= SEEN_MAX {
                    seen.clear();
                }
                seen.insert(normal, found);
                found
            });
            if let Some(at) = found {
                best = Some((n, &self.roles[at]));
            }
        }
        best
    }
}

/// A word of the text: its core (without quotes or a possessive ending), where the whole
/// word ends, its normalised length and whether it was possessive.
struct Word {
    span: Range<usize>,
    end: usize,
    chars: usize,
    possessive: bool,
}

/// Whether only spaces stand between two words (after a title, a full stop too).
fn spaced(text: &str, before: &Word, after: &Word, title: bool) -> bool {
    let between = &text[before.end..after.span.start];
    let between = if title && before.end == before.span.end {
        between.strip_prefix('.').unwrap_or(between)
    } else {
        between
    };
    !between.is_empty() && between.chars().all(char::is_whitespace)
}

/// A title written before a name ("Mrs", "Dr.").
fn is_title(word: &str) -> bool {
    ["mr", "mrs", "ms", "miss", "mx", "dr"].contains(&word.to_ascii_lowercase().as_str())
}

fn is_apostrophe(c: char) -> bool {
    c == '\'' || c == '\u{2019}'
}

fn in_word(c: char) -> bool {
    if c.is_ascii() {
        return c.is_ascii_alphanumeric() || c == '\'' || c == '-';
    }
    c.is_alphanumeric()
        || is_apostrophe(c)
        || c == '-'
        || unicode_normalization::char::is_combining_mark(c)
}

fn words_of(text: &str) -> Vec<Word> {
    let mut words = Vec::new();
    let mut start = None;
    for (at, c) in text
        .char_indices()
        .chain(std::iter::once((text.len(), ' ')))
    {
        match (start, in_word(c)) {
            (None, true) => start = Some(at),
            (Some(s), false) => {
                start = None;
                let core = word_core(text, s..at);
                if core.is_empty() {
                    continue;
                }
                let raw = &text[core.clone()];
                words.push(Word {
                    possessive: core.end < at,
                    chars: if raw.is_ascii() {
                        raw.len()
                    } else {
                        normal_word(raw).chars().count()
                    },
                    span: core,
                    end: at,
                });
            }
            _ => {}
        }
    }
    words
}

/// The part of `text[span]` that is the name: without leading or trailing apostrophes and
/// hyphens, and without a possessive "'s".
fn word_core(text: &str, span: Range<usize>) -> Range<usize> {
    let word = &text[span.clone()];
    let lead = word.len()
        - word
            .trim_start_matches(|c| is_apostrophe(c) || c == '-')
            .len();
    let mut core = &word[lead..];
    for ending in ["'s", "\u{2019}s", "'S", "\u{2019}S"] {
        if let Some(stem) = core.strip_suffix(ending) {
            core = stem;
            break;
        }
    }
    let core = core.trim_end_matches(|c| is_apostrophe(c) || c == '-');
    span.start + lead..span.start + lead + core.len()
}

fn normal_word(word: &str) -> String {
    if word.is_ascii() {
        word.to_ascii_lowercase()
    } else {
        word.nfc().flat_map(char::to_lowercase).nfc().collect()
    }
}

#[cfg(test)]
mod tests {
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
        assert_eq!(normalise("'Zoë'"), Some("zoë".into()));
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
}
