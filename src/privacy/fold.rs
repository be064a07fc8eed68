//! Text folded before the guard looks at it, with a map back to the text as written: hits
//! are found in the folded text and reported (and redacted) in the original.
//!
//! [`Fold::Shapes`], for the detectors: each character in its Unicode compatibility form
//! (NFKC: full-width digits and letters become ASCII ones, a no-break space a space),
//! invisible characters (zero-width spaces and joiners, the word joiner, the byte-order mark,
//! the soft hyphen) removed, curly and modifier apostrophes written `'`, hyphen look-alikes
//! (hyphen, non-breaking hyphen, figure dash, en dash, minus sign) written `-`, and Cyrillic
//! and Greek letters that look like Latin ones written as those Latin letters.
//! [`Fold::Names`], for the list of names: the same, and then lower case with diacritics
//! dropped (compatibility decomposition, combining marks removed: `Zoë` is `zoe`).
//!
//! Separators between digit groups (dots, slashes, hyphens, runs of spaces) are left as
//! they are: the detectors' patterns take any of them.

use std::borrow::Cow;
use std::ops::Range;

use unicode_normalization::UnicodeNormalization;
use unicode_normalization::char::is_combining_mark;

/// How far to fold.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Fold {
    Shapes,
    Names,
}

/// A text folded, and where each of its bytes came from.
#[derive(Debug)]
pub struct Folded<'a> {
    pub text: Cow<'a, str>,
    /// For each byte of `text`, the byte range of the original character it came from;
    /// `None` when every byte of `text` is the same byte of the original.
    from: Option<Vec<(usize, usize)>>,
}

impl<'a> Folded<'a> {
    pub fn new(original: &'a str, fold: Fold) -> Folded<'a> {
        if original.is_ascii() {
            return Folded {
                text: match fold {
                    Fold::Shapes => Cow::Borrowed(original),
                    Fold::Names => Cow::Owned(original.to_ascii_lowercase()),
                },
                from: None,
            };
        }
        let mut text = String::with_capacity(original.len());
        let mut from = Vec::with_capacity(original.len());
        // Where the output of the last character kept starts, so a combining mark dropped
        // after it can be counted as part of it.
        let mut last = 0;
        for (at, c) in original.char_indices() {
            let range = (at, at + c.len_utf8());
            let before = text.len();
            if c.is_ascii() {
                text.push(match fold {
                    Fold::Shapes => c,
                    Fold::Names => c.to_ascii_lowercase(),
                });
            } else {
                fold_char(c, fold, &mut text);
            }
            if text.len() > before {
                from.resize(text.len(), range);
                last = before;
            } else if fold == Fold::Names && is_combining_mark(c) && before > 0 {
                // "Zoe" + U+0308: the name ends after the mark, not before it.
                for f in &mut from[last..] {
                    f.1 = range.1;
                }
            }
        }
        Folded {
            text: Cow::Owned(text),
            from: Some(from),
        }
    }

    /// The range of the original that `span` of the folded text came from (always on the
    /// original's character boundaries).
    pub fn original(&self, span: Range<usize>) -> Range<usize> {
        let Some(from) = &self.from else {
            return span;
        };
        match (
            from.get(span.start),
            span.end.checked_sub(1).and_then(|e| from.get(e)),
        ) {
            (Some(s), Some(e)) if span.start < span.end => s.0..e.1,
            (Some(s), _) => s.0..s.0,
            _ => {
                let end = from.last().map_or(0, |l| l.1);
                end..end
            }
        }
    }
}

/// One character that is not ASCII, folded onto the end of `out`.
fn fold_char(c: char, fold: Fold, out: &mut String) {
    if invisible(c) {
        return;
    }
    if let Some(p) = punctuation(c) {
        out.push(p);
        return;
    }
    match fold {
        Fold::Shapes => match look_alike(c) {
            Some(latin) => out.push(latin),
            None => {
                for d in std::iter::once(c).nfkc() {
                    out.push(punctuation(d).or_else(|| look_alike(d)).unwrap_or(d));
                }
            }
        },
        // Lower case first, then look-alikes: a Cyrillic name is then found in any case
        // ("ЖЕНЯ", "Женя"), and a Latin one spelt with Cyrillic capitals or small letters.
        Fold::Names => {
            for d in std::iter::once(c).nfkd() {
                if is_combining_mark(d) || invisible(d) {
                    continue;
                }
                if let Some(p) = punctuation(d) {
                    out.push(p);
                    continue;
                }
                for l in d.to_lowercase().filter(|l| !is_combining_mark(*l)) {
                    out.push(small_look_alike(l).unwrap_or(l));
                }
            }
        }
    }
}

/// Characters that show nothing: zero-width spaces and joiners, the word joiner and
/// invisible operators, the byte-order mark, the soft hyphen, the Mongolian vowel separator.
pub fn invisible(c: char) -> bool {
    matches!(
        c,
        '\u{00AD}' | '\u{180E}' | '\u{200B}'..='\u{200D}' | '\u{2060}'..='\u{2064}' | '\u{FEFF}'
    )
}

/// Apostrophe and hyphen look-alikes, as `'` and `-` (the em dash, a break between clauses,
/// is left alone).
fn punctuation(c: char) -> Option<char> {
    match c {
        '\u{2018}' | '\u{2019}' | '\u{201B}' | '\u{02BC}' | '\u{2032}' | '\u{FF07}' => Some('\''),
        '\u{2010}'..='\u{2013}' | '\u{2212}' | '\u{FE63}' | '\u{FF0D}' => Some('-'),
        _ => None,
    }
}

/// A Cyrillic or Greek letter drawn like a Latin one, as that Latin letter (in its case).
fn look_alike(c: char) -> Option<char> {
    #[rustfmt::skip]
    const PAIRS: &[(char, char)] = &[
        ('А', 'A'), ('В', 'B'), ('Е', 'E'), ('К', 'K'), ('М', 'M'), ('Н', 'H'), ('О', 'O'),
        ('Р', 'P'), ('С', 'C'), ('Т', 'T'), ('У', 'Y'), ('Х', 'X'), ('Ѕ', 'S'), ('І', 'I'),
        ('Ј', 'J'), ('Ԛ', 'Q'), ('Ԝ', 'W'), ('Ӏ', 'I'),
        ('а', 'a'), ('е', 'e'), ('о', 'o'), ('р', 'p'), ('с', 'c'), ('у', 'y'), ('х', 'x'),
        ('ѕ', 's'), ('і', 'i'), ('ј', 'j'), ('һ', 'h'), ('ԁ', 'd'), ('ԛ', 'q'), ('ԝ', 'w'),
        ('ӏ', 'l'),
        ('Α', 'A'), ('Β', 'B'), ('Ε', 'E'), ('Ζ', 'Z'), ('Η', 'H'), ('Ι', 'I'), ('Κ', 'K'),
        ('Μ', 'M'), ('Ν', 'N'), ('Ο', 'O'), ('Ρ', 'P'), ('Τ', 'T'), ('Υ', 'Y'), ('Χ', 'X'),
        ('ο', 'o'), ('ν', 'v'), ('ρ', 'p'), ('κ', 'k'), ('ι', 'i'), ('υ', 'u'), ('χ', 'x'),
        ('α', 'a'),
    ];
    PAIRS.iter().find(|(from, _)| *from == c).map(|(_, to)| *to)
}

/// A small Cyrillic or Greek letter whose own shape or whose capital's shape is a Latin
/// letter's, as that small Latin letter ("в" for B, "н" for H, "ν" for v).
fn small_look_alike(c: char) -> Option<char> {
    #[rustfmt::skip]
    const PAIRS: &[(char, char)] = &[
        ('а', 'a'), ('в', 'b'), ('е', 'e'), ('к', 'k'), ('м', 'm'), ('н', 'h'), ('о', 'o'),
        ('р', 'p'), ('с', 'c'), ('т', 't'), ('у', 'y'), ('х', 'x'), ('ѕ', 's'), ('і', 'i'),
        ('ј', 'j'), ('һ', 'h'), ('ԁ', 'd'), ('ԛ', 'q'), ('ԝ', 'w'), ('ӏ', 'l'),
        ('α', 'a'), ('β', 'b'), ('ε', 'e'), ('ζ', 'z'), ('η', 'h'), ('ι', 'i'), ('κ', 'k'),
        ('μ', 'm'), ('ν', 'v'), ('ο', 'o'), ('ρ', 'p'), ('τ', 't'), ('υ', 'y'), ('χ', 'x'),
    ];
    PAIRS.iter().find(|(from, _)| *from == c).map(|(_, to)| *to)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn shapes(s: &str) -> String {
        Folded::new(s, Fold::Shapes).text.into_owned()
    }

    fn names(s: &str) -> String {
        Folded::new(s, Fold::Names).text.into_owned()
    }

    #[test]
    fn shapes_are_written_plainly() {
        assert_eq!(shapes("９４３ ４７６ ５９１９"), "943 476 5919");
        assert_eq!(shapes("943\u{200B}476\u{2060}59\u{AD}19"), "9434765919");
        assert_eq!(
            shapes("O\u{2019}Brien \u{2010} 020\u{2013}7946"),
            "O'Brien - 020-7946"
        );
        assert_eq!(shapes("a\u{A0}b"), "a b");
        assert_eq!(shapes("Мrs Ѕmith"), "Mrs Smith");
        assert_eq!(
            shapes("Zoë — ok"),
            "Zoë — ok",
            "letters and the em dash stay"
        );
        assert_eq!(shapes("plain ascii"), "plain ascii");
    }

    #[test]
    fn names_lose_case_and_diacritics() {
        assert_eq!(names("ZOË"), "zoe");
        assert_eq!(names("Zoe\u{308}"), "zoe");
        assert_eq!(names("O’Brien"), "o'brien");
        assert_eq!(names("Jаne\u{200B}‐Louise"), "jane-louise");
        assert_eq!(names("İpek"), "ipek");
        assert_eq!(names("ЖЕНЯ"), names("Женя"), "any case of a Cyrillic name");
        assert_eq!(names("Вob КАІ"), "bob kai");
    }

    #[test]
    fn spans_map_back_to_whole_characters() {
        let original = "x ９\u{200B}4 Zoe\u{308}!";
        let f = Folded::new(original, Fold::Names);
        assert_eq!(&*f.text, "x 94 zoe!");
        assert_eq!(&original[f.original(2..4)], "９\u{200B}4");
        // The combining mark dropped after "e" goes with it.
        assert_eq!(&original[f.original(5..8)], "Zoe\u{308}");
        assert_eq!(f.original(9..9), original.len()..original.len());
        let plain = Folded::new("abc", Fold::Shapes);
        assert_eq!(plain.original(1..2), 1..2);
    }
}
