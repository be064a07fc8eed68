//! The checks that turn a detector's candidate into a hit, each from its published source:
//! - NHS number: the modulus 11 check digit of the NHS Data Dictionary (attribute NHS
//!   NUMBER: weights 10 down to 2 on the first nine digits; 11 - remainder is the check
//!   digit, 11 is written 0, 10 is never issued).
//! - National Insurance number: HMRC's National Insurance Manual, NIM39110 (the letters D,
//!   F, I, Q, U and V are never the first or second letter of the prefix, O never the second,
//!   and the prefixes BG, GB, KN, NK, NT, TN and ZZ are not used; the suffix is A to D).
//! - Postcode: the format rules of the Royal Mail's postcode format note, as the UK
//!   government's data standards repeat them (BS 7666): Q, V and X are never the first
//!   letter, I, J and Z never the second; the letter of an A9A outward code is one of
//!   ABCDEFGHJKPSTUW and that of an AA9A code one of ABEHMNPRVWXY; the inward code is a
//!   digit and two letters other than C, I, K, M, O and V; the areas BR, FY, HA, HD, HG, HR,
//!   HS, HX, JE, LD, SM, SR, WC, WN and ZE have only one-digit districts and AB, LL and SO
//!   only two-digit ones; GIR 0AA is the one exception.
//!
//! And the judgements of this guard: a phone number's length, a birth word in the same
//! clause as a date, a title before something shaped like a surname.

use std::ops::Range;

use super::words::{NOT_LOWER_SURNAMES, NOT_SURNAMES};

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

/// Prefixes of National Insurance numbers that are never issued.
const NI_NEVER: [&str; 7] = ["BG", "GB", "KN", "NK", "NT", "TN", "ZZ"];

/// Is this a National Insurance number: a `prefix` (two letters, any case) that HMRC
/// issues, and a suffix A to D? Without its final letter a number counts only with its
/// prefix in capitals ("at 12 34 56" is not one) and with no other letter standing alone
/// after it ("AB 12 34 56 E" has a wrong suffix); `after` is the text that follows.
pub fn ni_number(prefix: &str, has_suffix: bool, after: &str) -> bool {
    if !has_suffix {
        let capitals = prefix.bytes().all(|b| b.is_ascii_uppercase());
        let mut next = after.trim_start_matches([' ', '\t', '.', '/', '-']).chars();
        let lone_letter = next.next().is_some_and(|c| c.is_ascii_alphabetic())
            && !next.next().is_some_and(char::is_alphanumeric);
        if !capitals || lone_letter {
            return false;
        }
    }
    let p = prefix.to_ascii_uppercase();
    let mut letters = p.chars();
    let (Some(first), Some(second)) = (letters.next(), letters.next()) else {
        return false;
    };
    !"DFIQUV".contains(first) && !"DFIOQUV".contains(second) && !NI_NEVER.contains(&p.as_str())
}

/// Areas whose districts are all one digit, and all two digits.
const ONE_DIGIT_AREAS: [&str; 15] = [
    "BR", "FY", "HA", "HD", "HG", "HR", "HS", "HX", "JE", "LD", "SM", "SR", "WC", "WN", "ZE",
];
const TWO_DIGIT_AREAS: [&str; 3] = ["AB", "LL", "SO"];

/// Does an outward and an inward code (any case) follow the postcode format rules?
pub fn postcode(outward: &str, inward: &str) -> bool {
    let out = outward.to_ascii_uppercase();
    let inward = inward.to_ascii_uppercase();
    if out == "GIR" {
        return inward == "0AA";
    }
    let unit_ok = inward
        .chars()
        .skip(1)
        .all(|c| c.is_ascii_uppercase() && !"CIKMOV".contains(c));
    if !unit_ok {
        return false;
    }
    let o: Vec<char> = out.chars().collect();
    let letters = o.iter().take_while(|c| c.is_ascii_alphabetic()).count();
    let area: String = o[..letters].iter().collect();
    let district = &o[letters..];
    if letters == 0 || "QVX".contains(o[0]) {
        return false;
    }
    if letters == 2 && "IJZ".contains(o[1]) {
        return false;
    }
    let digit = |c: &char| c.is_ascii_digit();
    match (letters, district) {
        (1, [d]) => digit(d),
        (1, [d, e]) if digit(e) => digit(d),
        (1, [d, l]) => digit(d) && "ABCDEFGHJKPSTUW".contains(*l),
        (2, [d]) => digit(d) && !TWO_DIGIT_AREAS.contains(&area.as_str()),
        (2, [d, e]) if digit(e) => digit(d) && !ONE_DIGIT_AREAS.contains(&area.as_str()),
        (2, [d, l]) => digit(d) && (area == "WC" || "ABEHMNPRVWXY".contains(*l)),
        _ => false,
    }
}

/// Is this a phone number's length once the separators and the country code are gone, and
/// (written from 0) is its first group a dialling code rather than a day ("01.02.2026 10")?
pub fn phone(candidate: &str) -> bool {
    let digits: String = candidate.chars().filter(char::is_ascii_digit).collect();
    let international = candidate.starts_with('+') || candidate.starts_with("00");
    let national = if international {
        let rest = digits
            .strip_prefix("0044")
            .or_else(|| digits.strip_prefix("44"));
        let rest = rest.map(|r| r.strip_prefix('0').unwrap_or(r));
        rest.map_or(0, |r| r.len() + 1)
    } else {
        digits.len()
    };
    if !(10..=11).contains(&national) {
        return false;
    }
    international
        || candidate.starts_with('(')
        || candidate.chars().take_while(char::is_ascii_digit).count() >= 3
}

/// How far a birth word may be from a date, in bytes, for the date to be a birth date.
const BIRTH_WORD_REACH: usize = 40;

/// Are a birth word and a date close, with no end of a sentence or clause between them?
pub fn same_clause(text: &str, word: &Range<usize>, date: &Range<usize>) -> bool {
    let gap = if word.end <= date.start {
        word.end..date.start
    } else if date.end <= word.start {
        date.end..word.start
    } else {
        return false;
    };
    gap.len() <= BIRTH_WORD_REACH && !breaks_clause(text, gap)
}

/// Does `text[gap]` hold the end of a sentence (`.`, `!` or `?` before a space, except
/// after a short capitalised abbreviation such as "St.", "Dr." or "DOB."), a semicolon or
/// a line break?
fn breaks_clause(text: &str, gap: Range<usize>) -> bool {
    let bytes = text.as_bytes();
    gap.into_iter().any(|i| match bytes[i] {
        b';' | b'\n' | b'\r' => true,
        b @ (b'.' | b'!' | b'?') => {
            let next_space = bytes.get(i + 1).is_none_or(u8::is_ascii_whitespace);
            next_space && !(b == b'.' && abbreviation(&text[..i]))
        }
        _ => false,
    })
}

/// Does `before` end with a capitalised word of at most three letters ("St", "Dr", "Mrs")
/// or with "dob" in any case?
fn abbreviation(before: &str) -> bool {
    let letters = before
        .bytes()
        .rev()
        .take_while(u8::is_ascii_alphabetic)
        .count();
    let word = &before[before.len() - letters..];
    let capitalised = word.bytes().next().is_some_and(|b| b.is_ascii_uppercase());
    (1..=3).contains(&letters) && capitalised || word.eq_ignore_ascii_case("dob")
}

/// Does an age end where it seems to ("15 years old", not "15 years old-fashioned")?
pub fn age_ends(text: &str, end: usize) -> bool {
    let mut after = text[end..].chars();
    !(text[..end].to_ascii_lowercase().ends_with("old")
        && after.next() == Some('-')
        && after.next().is_some_and(char::is_alphabetic))
}

/// Where a titled name ends, if the word at `name` after `title` is shaped like a surname:
/// capitalised or in capitals ("Smith", "O'Brien", "SMITH"), or all in lower case when not
/// after "miss" (a verb as often as a title) and not a common word ("mrs smith", not "mr
/// and" or "the dr prescribed"); never one of the known non-names, nor a unit after a
/// number ("200 ms delay"). "MS" in capitals is an abbreviation (MS Teams, multiple
/// sclerosis) unless the name is in capitals too ("MS SMITH").
pub fn titled_name(text: &str, title: &str, name: Range<usize>) -> Option<usize> {
    let word = text[name.clone()].trim_end_matches(['-', '\'']);
    let word = word
        .strip_suffix("'s")
        .or_else(|| word.strip_suffix("'S"))
        .unwrap_or(word);
    let letters = word.chars().filter(|c| c.is_alphabetic()).count();
    let name_like = word
        .chars()
        .all(|c| c.is_alphabetic() || c == '\'' || c == '-');
    let lower = word.to_lowercase();
    if letters < 2 || !name_like || NOT_SURNAMES.contains(&lower.as_str()) {
        return None;
    }
    let mut chars = word.chars();
    let first_upper = chars.next().is_some_and(char::is_uppercase);
    let capitalised = first_upper && chars.clone().any(char::is_lowercase);
    let capitals = first_upper && !chars.any(char::is_lowercase);
    let all_lower = !word.chars().any(char::is_uppercase);
    let title_in_capitals = title.len() > 1 && title.bytes().all(|b| b.is_ascii_uppercase());
    let shaped = capitals
        || capitalised && title != "MS"
        || (all_lower
            && !title_in_capitals
            && !title.eq_ignore_ascii_case("miss")
            && !NOT_LOWER_SURNAMES.contains(&lower.as_str())
            && !follows_number(text, name.start, title));
    shaped.then_some(name.start + word.len())
}

/// Is "ms" at the end of `text[..name_start]` a unit after a duration ("200 ms delay")? A
/// number of six digits or more is a reference number, found as such.
fn follows_number(text: &str, name_start: usize, title: &str) -> bool {
    if !title.eq_ignore_ascii_case("ms") {
        return false;
    }
    let before = text[..name_start].trim_end().trim_end_matches('.');
    let before = before
        .get(..before.len().saturating_sub(title.len()))
        .unwrap_or("");
    let digits = before
        .trim_end()
        .chars()
        .rev()
        .take_while(char::is_ascii_digit)
        .count();
    (1..=5).contains(&digits)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn clauses_break_at_sentence_ends_but_not_after_abbreviations() {
        let breaks = |text: &str, from: usize| breaks_clause(text, from..text.len());
        assert!(!breaks("born on ", 4));
        assert!(!breaks("DOB: ", 3));
        assert!(
            !breaks("DOB. ", 3),
            "an abbreviation ends with the birth word"
        );
        assert!(breaks("born again. The review on ", 4));
        assert!(breaks("born in Leeds; on ", 4));
        assert!(breaks("born\n", 4));
        assert!(!breaks("born in St. Mary's on ", 4));
        assert!(!breaks("born on 3.5 ", 4));
    }

    #[test]
    fn a_title_after_a_number_is_a_unit() {
        assert!(follows_number("a 200 ms delay", 9, "ms"));
        assert!(!follows_number("saw ms jones", 7, "ms"));
        assert!(
            !follows_number("20461187 ms jones", 12, "ms"),
            "a reference number"
        );
        assert!(!follows_number("a 200 mr jones", 9, "mr"));
    }
}
