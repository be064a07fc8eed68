//! The spelling names were hashed in before the guard folded them (schema 8 as first
//! shipped): lower case and composed (NFC), apostrophes and hyphens kept as typed, words
//! split at anything but letters, digits, apostrophes and hyphens. A list made then keeps
//! those hashes (the names themselves are not kept, so they cannot be hashed again), and
//! text is also read this way so that they are still found. Only where the two spellings
//! differ (a word with a hyphen or a letter outside ASCII) is a name hashed this way too.

use std::ops::Range;

use unicode_normalization::UnicodeNormalization;

use super::Word;

/// The name as hashed before, or `None` when it has no word (or too many).
pub(super) fn normalise(name: &str) -> Option<String> {
    let words: Vec<String> = words_of(name)
        .iter()
        .map(|w| normal_word(&name[w.span.clone()]))
        .collect();
    (!words.is_empty() && words.len() <= super::MAX_WORDS).then(|| words.join(" "))
}

/// Whether a run of words could be spelt differently now: only then does it need hashing
/// the old way as well.
pub(super) fn differs(text: &str, run: &[Word]) -> bool {
    run.iter().any(|w| {
        let word = &text[w.span.clone()];
        !word.is_ascii() || word.contains('-')
    })
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

pub(super) fn words_of(text: &str) -> Vec<Word> {
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

pub(super) fn normal_word(word: &str) -> String {
    if word.is_ascii() {
        word.to_ascii_lowercase()
    } else {
        word.nfc().flat_map(char::to_lowercase).nfc().collect()
    }
}
