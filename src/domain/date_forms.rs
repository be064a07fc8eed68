//! Forms read here before the date parser, because it misreads them: "ago" phrases (every
//! term counts back, "a"/"an"/"one" are one, units may be short: `1 week 3 days ago`,
//! `an hour ago`, `2weeks 1h ago`), whole years and months (`2024`, `june 2013`,
//! `2024-10`), words that name no definite time (`a few days ago`), and lone letters (which
//! the parser takes as military time zones: `1 day ago b`). Pure.

use jiff::{Span, ToSpan, Zoned};

use crate::{Error, Result};

/// A whole year or month typed alone: a bound covers all of it; it is not a moment.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Period {
    Year(i16),
    Month(i16, i8),
}

const MONTHS: [&str; 12] = [
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
];

/// The month a word names: its full name, its first three letters, or `sept`.
fn month_named(word: &str) -> Option<i8> {
    let at = MONTHS.iter().position(|m| {
        *m == word
            || (word.len() == 3 && m.starts_with(word))
            || word == "sept" && *m == "september"
    })?;
    i8::try_from(at + 1).ok()
}

fn year_of(word: &str) -> Option<i16> {
    (word.len() == 4 && word.bytes().all(|b| b.is_ascii_digit()) && !word.starts_with('0'))
        .then(|| word.parse().ok())
        .flatten()
}

/// `2024` (a year), `june 2013`, `feb 2013` or `2024-10` (a month); `None` for anything else.
pub fn period(text: &str) -> Option<Period> {
    let words: Vec<&str> = text.split_whitespace().collect();
    match words.as_slice() {
        [one] => {
            if let Some(y) = year_of(one) {
                return Some(Period::Year(y));
            }
            let (y, m) = one.split_once('-')?;
            let m: i8 = m.parse().ok().filter(|m| {
                (1..=12).contains(m) && (1..=2).contains(&one.len().saturating_sub(5))
            })?;
            Some(Period::Month(year_of(y)?, m))
        }
        [month, year] => Some(Period::Month(year_of(year)?, month_named(month)?)),
        _ => None,
    }
}

impl Period {
    /// The first day of the period, and the first day after it.
    pub fn bounds(self) -> Option<(jiff::civil::Date, jiff::civil::Date)> {
        let (first, length) = match self {
            Period::Year(y) => (jiff::civil::Date::new(y, 1, 1).ok()?, 1.year()),
            Period::Month(y, m) => (jiff::civil::Date::new(y, m, 1).ok()?, 1.month()),
        };
        Some((first, first.checked_add(length).ok()?))
    }

    /// Why the period is not a moment, with what to write instead.
    pub fn not_a_moment(self, typed: &str) -> Error {
        let typed = typed.trim().escape_debug().to_string();
        let message = match self {
            Period::Year(y) => {
                let (h, m) = (y / 100, y % 100);
                let time = if h < 24 && m < 60 {
                    format!(" (for the time, write {h:02}:{m:02})")
                } else {
                    String::new()
                };
                format!(
                    "'{typed}' is a whole year, not a moment: give a day, e.g. {y}-06-01 or {y}-06-01 14:30{time}"
                )
            }
            Period::Month(y, m) => format!(
                "'{typed}' is a whole month, not a moment: give a day, e.g. {y}-{m:02}-01 or 1 {} {y}",
                MONTHS[usize::try_from(m - 1).unwrap_or(0)]
            ),
        };
        Error::invalid("date", message)
    }
}

/// Words that give no definite amount.
const VAGUE: [&str; 6] = ["few", "several", "couple", "some", "many", "recently"];

/// Refuse words that name no definite amount ("a few days ago").
pub fn refuse_vague(text: &str, accepted: &str) -> Result<()> {
    let vague = text
        .split(|c: char| c.is_whitespace() || c == ',')
        .find(|w| VAGUE.contains(w));
    match vague {
        Some(w) => Err(Error::invalid(
            "date",
            format!(
                "'{}' is not a definite time ('{w}'): write the number, e.g. 3 days ago, or one of {accepted}",
                text.escape_debug()
            ),
        )),
        None => Ok(()),
    }
}

/// Refuse a lone letter (the parser would take it as a military time zone: `1 day ago b`)
/// and a short number alone (`3`: an hour? a day?).
pub fn refuse_lone(text: &str, accepted: &str) -> Result<()> {
    let letter = text
        .split(|c: char| c.is_whitespace() || c == ',')
        .find(|w| w.chars().count() == 1 && w.chars().all(char::is_alphabetic));
    if let Some(w) = letter {
        return Err(Error::invalid(
            "date",
            format!(
                "cannot read the date '{}': '{w}' alone is not part of a date; use e.g. {accepted}",
                text.escape_debug()
            ),
        ));
    }
    if !text.is_empty() && text.len() <= 3 && text.bytes().all(|b| b.is_ascii_digit()) {
        return Err(Error::invalid(
            "date",
            format!(
                "'{text}' is only a number: write a time such as 09:30 or a date such as 2026-11-20"
            ),
        ));
    }
    Ok(())
}

/// A unit of time: how many of it as a span, and whether it is shorter than a day.
type Unit = (fn(i64) -> Span, bool);

/// The unit a word of an "ago" phrase names.
fn unit(word: &str) -> Option<Result<Unit>> {
    let u: Unit = match word {
        "s" | "sec" | "secs" | "second" | "seconds" => (|n| n.seconds(), true),
        "min" | "mins" | "minute" | "minutes" => (|n| n.minutes(), true),
        "h" | "hr" | "hrs" | "hour" | "hours" => (|n| n.hours(), true),
        "d" | "day" | "days" => (|n| n.days(), false),
        "w" | "wk" | "wks" | "week" | "weeks" => (|n| n.weeks(), false),
        "fortnight" | "fortnights" => (|n| (2 * n).weeks(), false),
        "month" | "months" => (|n| n.months(), false),
        "y" | "yr" | "yrs" | "year" | "years" => (|n| n.years(), false),
        "m" => {
            return Some(Err(Error::invalid(
                "date",
                "'m' could be minutes or months: write min or month, e.g. 5 min ago",
            )));
        }
        _ => return None,
    };
    Some(Ok(u))
}

/// How many a count word is: digits, `a`/`an`, or a number in words up to twelve.
fn count(word: &str) -> Option<i64> {
    const WORDS: [&str; 13] = [
        "a", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten",
        "eleven", "twelve",
    ];
    if word == "an" {
        return Some(1);
    }
    if let Some(at) = WORDS.iter().position(|w| *w == word) {
        return i64::try_from(at.max(1)).ok();
    }
    word.parse::<u32>().ok().map(i64::from)
}

/// Split `2weeks` into `2` and `weeks`; other words stay whole.
fn tokens(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    for word in text.split(|c: char| c.is_whitespace() || c == ',') {
        let digits = word.bytes().take_while(u8::is_ascii_digit).count();
        if digits > 0 && digits < word.len() {
            out.push(word[..digits].to_string());
            out.push(word[digits..].to_string());
        } else if !word.is_empty() && word != "and" {
            out.push(word.to_string());
        }
    }
    out
}

/// An "ago" phrase counted back from `now`, every term of it, with whether it names a
/// moment (a unit shorter than a day); `None` when the text is not an "ago" phrase.
pub fn ago(text: &str, now: &Zoned, accepted: &str) -> Option<Result<(Zoned, bool)>> {
    let rest = text
        .strip_suffix(" ago")
        .or_else(|| text.strip_suffix("ago"))?;
    let words = tokens(rest);
    let unreadable = || {
        Error::invalid(
            "date",
            format!(
                "cannot read the date '{}': write each amount as a number and a unit, e.g. 1 week 3 days ago, or use e.g. {accepted}",
                text.escape_debug()
            ),
        )
    };
    if words.is_empty() || !words.len().is_multiple_of(2) {
        return Some(Err(unreadable()));
    }
    let mut at = now.clone();
    let mut moment = false;
    for pair in words.chunks(2) {
        let Some(n) = count(&pair[0]) else {
            return Some(Err(unreadable()));
        };
        let (span, short) = match unit(&pair[1]) {
            Some(Ok(u)) => u,
            Some(Err(e)) => return Some(Err(e)),
            None => return Some(Err(unreadable())),
        };
        moment |= short;
        at = match at.checked_sub(span(n)) {
            Ok(a) => a,
            Err(_) => return Some(Err(unreadable())),
        };
    }
    Some(Ok((at, moment)))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn years_and_months_alone_are_periods() {
        assert_eq!(period("2024"), Some(Period::Year(2024)));
        assert_eq!(period("june 2013"), Some(Period::Month(2013, 6)));
        assert_eq!(period("feb 2013"), Some(Period::Month(2013, 2)));
        assert_eq!(period("sept 2013"), Some(Period::Month(2013, 9)));
        assert_eq!(period("2024-10"), Some(Period::Month(2024, 10)));
        assert_eq!(period("2024-1"), Some(Period::Month(2024, 1)));
        for not in [
            "2024-13",
            "2024-10-01",
            "0930",
            "930",
            "june",
            "junk 2013",
            "2024 x",
        ] {
            assert_eq!(period(not), None, "{not}");
        }
        let (first, next) = Period::Month(2024, 12).bounds().expect("bounds");
        assert_eq!(
            (first.to_string(), next.to_string()),
            ("2024-12-01".into(), "2025-01-01".into())
        );
    }

    #[test]
    fn vague_words_and_lone_letters_are_refused() {
        for bad in [
            "a few days ago",
            "several weeks ago",
            "a couple of days ago",
        ] {
            let e = refuse_vague(bad, "X").expect_err(bad).to_string();
            assert!(
                e.contains("not a definite time") && e.contains("3 days ago"),
                "{e}"
            );
        }
        for bad in ["1 day ago b", "b week ago", "14:00 q"] {
            let e = refuse_lone(bad, "X").expect_err(bad).to_string();
            assert!(e.contains("alone is not part of a date"), "{e}");
        }
        assert!(refuse_lone("3", "X").is_err());
        assert!(refuse_vague("yesterday 17:00", "X").is_ok());
        assert!(refuse_lone("yesterday 17:00", "X").is_ok());
    }
}
