//! The list of names a practitioner must never write, kept without the names: each is a
//! keyed hash (HMAC-SHA-256 under the journal's own key) of its folded words, with its word
//! and character counts and the role to write instead ("the mother", "Child A").
//!
//! A name is folded the same way when it is added and when text is read ([`Fold::Names`]):
//! lower case, diacritics dropped, look-alike Cyrillic and Greek letters as Latin ones,
//! invisible characters removed, apostrophes written `'`, and a hyphen between two words the
//! same as a space (`Jane-Louise` is `jane louise`, and is found written either way, but a
//! listed `Jane` is not found inside `Jane-Louise`). Hashes made before names were folded
//! ([`legacy`]) are still found: a run of words that the old spelling would hash differently
//! is hashed both ways.

mod legacy;

use std::collections::HashMap;
use std::ops::Range;

use hmac::{Hmac, KeyInit, Mac};
use sha2::Sha256;

use super::fold::{Fold, Folded};
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

/// A name as typed, folded: its words (split at spaces and hyphens, a possessive ending
/// dropped: "Smith's" is "smith") joined by one space. `None` when there is no word or more
/// than [`MAX_WORDS`].
pub fn normalise(name: &str) -> Option<String> {
    let folded = Folded::new(name, Fold::Names);
    let words = words_of(&folded.text);
    let form: Vec<&str> = words.iter().map(|w| &folded.text[w.span.clone()]).collect();
    (!form.is_empty() && form.len() <= MAX_WORDS).then(|| form.join(" "))
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

/// The hash the same name had before names were folded, when it is not the same as now:
/// adding a name again can then replace its old hash with the new one.
pub fn earlier_digest(key: &NameKey, name: &str) -> Option<Digest> {
    let old = legacy::normalise(name)?;
    (Some(&old) != normalise(name).as_ref()).then(|| digest(key, &old))
}

/// The list, ready to scan text with.
#[derive(Clone, Debug, Default)]
pub struct NameList {
    key: Option<Hmac<Sha256>>,
    names: HashMap<Digest, usize>,
    roles: Vec<String>,
    /// The (words, characters) shapes on the list.
    shapes: Vec<(usize, usize)>,
    /// Spellings of the right shape already hashed, and the name each is (if any): a
    /// journal uses the same words again and again, and hashing is the slow part of a scan.
    seen: std::cell::RefCell<HashMap<String, Option<usize>>>,
}

/// How many hashed words [`NameList`] remembers before starting again.
const SEEN_MAX: usize = 200_000;

/// A word of the text: its core (without quotes or a possessive ending), where the whole
/// word ends, its length in characters and whether it was possessive.
struct Word {
    span: Range<usize>,
    end: usize,
    chars: usize,
    possessive: bool,
}

/// How a text's words are read: folded as names are now, or as they were hashed before.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Spelling {
    Folded,
    Legacy,
}

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
    /// leaves the "'s" out so the role reads "the mother's"), in any spelling that folds to
    /// the same, and in the spelling of hashes made before names were folded.
    pub fn scan(&self, text: &str) -> Vec<Hit> {
        if self.key.is_none() || self.names.is_empty() {
            return Vec::new();
        }
        let folded = Folded::new(text, Fold::Names);
        let mut hits: Vec<Hit> = self
            .find(&folded.text, &words_of(&folded.text), Spelling::Folded)
            .into_iter()
            .map(|(span, role)| self.hit(text, folded.original(span), role))
            .collect();
        if !text.is_ascii() || text.contains('-') {
            for (span, role) in self.find(text, &legacy::words_of(text), Spelling::Legacy) {
                if !hits
                    .iter()
                    .any(|h| h.span.start < span.end && span.start < h.span.end)
                {
                    hits.push(self.hit(text, span, role));
                }
            }
            hits.sort_by_key(|h| h.span.start);
        }
        hits
    }

    fn hit(&self, text: &str, span: Range<usize>, role: usize) -> Hit {
        Hit {
            kind: HitKind::ListedName,
            text: text[span.clone()].to_string(),
            span,
            role: Some(self.roles[role].clone()),
        }
    }

    /// The listed names among `words` of `text`: their spans (a title before a name
    /// included, so "Mrs Patel" becomes "the GP", not "Mrs the GP") and roles.
    fn find(&self, text: &str, words: &[Word], spelling: Spelling) -> Vec<(Range<usize>, usize)> {
        let mut found = Vec::new();
        let mut i = 0;
        while i < words.len() {
            let Some((n, role)) = self.match_at(text, words, i, spelling) else {
                i += 1;
                continue;
            };
            let start = match i.checked_sub(1).map(|t| &words[t]) {
                Some(t) if is_title(&text[t.span.clone()]) && spaced(text, t, &words[i], true) => {
                    t.span.start
                }
                _ => words[i].span.start,
            };
            found.push((start..words[i + n - 1].span.end, role));
            i += n;
        }
        found
    }

    /// The longest listed name starting at word `i`: its length in words and its role.
    fn match_at(
        &self,
        text: &str,
        words: &[Word],
        i: usize,
        spelling: Spelling,
    ) -> Option<(usize, usize)> {
        let mut best: Option<(usize, usize)> = None;
        for &(n, chars) in &self.shapes {
            if i + n > words.len() || best.is_some_and(|(b, _)| b >= n) {
                continue;
            }
            let run = &words[i..i + n];
            let length: usize = run.iter().map(|w| w.chars).sum::<usize>() + n - 1;
            if length != chars || !self.one_name(text, words, i, n, spelling) {
                continue;
            }
            if spelling == Spelling::Legacy && !legacy::differs(text, run) {
                continue;
            }
            let mut normal = String::with_capacity(chars + 4);
            for (k, w) in run.iter().enumerate() {
                if k > 0 {
                    normal.push(' ');
                }
                match spelling {
                    Spelling::Folded => normal.push_str(&text[w.span.clone()]),
                    Spelling::Legacy => {
                        normal.push_str(&legacy::normal_word(&text[w.span.clone()]))
                    }
                }
            }
            if let Some(at) = self.lookup(normal) {
                best = Some((n, at));
            }
        }
        best
    }

    /// Can words `i..i + n` be one name: separated by spaces only (or, folded, a hyphen),
    /// only the last possessive, and (folded) not part of a longer hyphenated name?
    fn one_name(&self, text: &str, words: &[Word], i: usize, n: usize, spelling: Spelling) -> bool {
        let run = &words[i..i + n];
        if run[..n - 1].iter().any(|w| w.possessive) {
            return false;
        }
        if spelling == Spelling::Legacy {
            return run.windows(2).all(|w| spaced(text, &w[0], &w[1], false));
        }
        let hyphen = |a: &Word, b: &Word| !a.possessive && &text[a.end..b.span.start] == "-";
        let inside = run
            .windows(2)
            .all(|w| spaced(text, &w[0], &w[1], false) || hyphen(&w[0], &w[1]));
        let before = i.checked_sub(1).is_some_and(|p| hyphen(&words[p], &run[0]));
        let after = words
            .get(i + n)
            .is_some_and(|next| hyphen(&run[n - 1], next));
        inside && !before && !after
    }

    /// Which name on the list a spelling is, hashing it only if it was not seen before.
    fn lookup(&self, normal: String) -> Option<usize> {
        if let Some(known) = self.seen.borrow().get(&normal) {
            return *known;
        }
        let mut mac = self.key.clone()?;
        mac.update(normal.as_bytes());
        let digest: Digest = mac.finalize().into_bytes().into();
        let found = self.names.get(&digest).copied();
        let mut seen = self.seen.borrow_mut();
        if seen.len() >= SEEN_MAX {
            seen.clear();
        }
        seen.insert(normal, found);
        found
    }
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

/// The words of a folded text: letters and digits with apostrophes inside; hyphens, like
/// spaces and punctuation, are between words.
fn words_of(folded: &str) -> Vec<Word> {
    let mut words = Vec::new();
    let mut start = None;
    let in_word = |c: char| c.is_alphanumeric() || c == '\'';
    for (at, c) in folded
        .char_indices()
        .chain(std::iter::once((folded.len(), ' ')))
    {
        match (start, in_word(c)) {
            (None, true) => start = Some(at),
            (Some(s), false) => {
                start = None;
                let word = &folded[s..at];
                let lead = word.len() - word.trim_start_matches('\'').len();
                let core = &word[lead..];
                let core = core
                    .strip_suffix("'s")
                    .unwrap_or(core)
                    .trim_end_matches('\'');
                if core.is_empty() {
                    continue;
                }
                let span = s + lead..s + lead + core.len();
                words.push(Word {
                    possessive: span.end < at,
                    chars: core.chars().count(),
                    span,
                    end: at,
                });
            }
            _ => {}
        }
    }
    words
}

#[cfg(test)]
mod tests;
