//! What people type for a date, rewritten into what the date parser reads: dates with slashes
//! in the configured order (`20/11/2026` is 20 November by default, as in the UK), `at`
//! dropped (`yesterday at 5pm`), times of day named in words (`noon`, `this morning`,
//! `tonight`, `last night`), and spans for `--since` (`week`, `fortnight`, `month`). Pure.

use std::fmt;
use std::str::FromStr;

use serde::Deserialize;

use crate::{Error, Result};

/// How a date with slashes is read. ISO dates (`2026-11-20`) are always accepted.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum DateOrder {
    /// Day, month, year: `20/11/2026` (the UK's order; the default).
    #[default]
    Dmy,
    /// Month, day, year: `11/20/2026`.
    Mdy,
    /// Year, month, day: `2026/11/20`.
    Ymd,
}

impl DateOrder {
    fn words(self) -> &'static str {
        match self {
            DateOrder::Dmy => "day/month/year",
            DateOrder::Mdy => "month/day/year",
            DateOrder::Ymd => "year/month/day",
        }
    }
}

impl fmt::Display for DateOrder {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            DateOrder::Dmy => "dmy",
            DateOrder::Mdy => "mdy",
            DateOrder::Ymd => "ymd",
        })
    }
}

impl FromStr for DateOrder {
    type Err = Error;
    fn from_str(s: &str) -> Result<Self> {
        match s.trim().to_lowercase().as_str() {
            "dmy" => Ok(DateOrder::Dmy),
            "mdy" => Ok(DateOrder::Mdy),
            "ymd" => Ok(DateOrder::Ymd),
            other => Err(Error::invalid(
                "date_order",
                format!(
                    "date_order '{}' is not known: use dmy, mdy or ymd",
                    other.escape_debug()
                ),
            )),
        }
    }
}

/// Words for a time of day, and what they stand for.
const DAY_PARTS: [(&str, &str); 8] = [
    ("this morning", "today 09:00"),
    ("this afternoon", "today 15:00"),
    ("this evening", "today 20:00"),
    ("tonight", "today 20:00"),
    ("last night", "yesterday 22:00"),
    ("noon", "12:00"),
    ("midday", "12:00"),
    ("midnight", "00:00"),
];

/// Spans people give to `--since`.
const SPANS: [(&str, &str); 6] = [
    ("week", "1 week ago"),
    ("a week", "1 week ago"),
    ("fortnight", "2 weeks ago"),
    ("a fortnight", "2 weeks ago"),
    ("month", "1 month ago"),
    ("a month", "1 month ago"),
];

/// Rewrite `input` for the parser, or say why a date with slashes is not one in `order`.
pub fn normalise(input: &str, order: DateOrder) -> Result<String> {
    let mut text = input.trim().to_lowercase();
    // "in 4 weeks" (a due date, the next session) is what the parser reads as "+4 weeks".
    if let Some(rest) = text.strip_prefix("in ")
        && rest
            .split_whitespace()
            .next()
            .is_some_and(|n| n.parse::<u32>().is_ok())
    {
        text = format!("+{rest}");
    }
    if let Some((_, span)) = SPANS.iter().find(|(w, _)| *w == text) {
        return Ok((*span).to_string());
    }
    for (words, means) in DAY_PARTS {
        if let Some(at) = text.find(words) {
            text.replace_range(at..at + words.len(), means);
        }
    }
    text = text.replace(" at ", " ");
    text = clock_words(&text);
    let words: Vec<String> = text
        .split_whitespace()
        .map(|w| slashed(&plain_word(w), order, input))
        .collect::<Result<_>>()?;
    Ok(words.join(" ").replace(" of ", " "))
}

/// The hours in words, for "half past nine".
const HOURS: [&str; 12] = [
    "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven",
    "twelve",
];

/// "half past nine" as 9:30, "quarter past ten" 10:15, "quarter to ten" 9:45, "nine
/// o'clock" 9:00 (the hour in words or digits; an am/pm after it is kept).
fn clock_words(text: &str) -> String {
    let words: Vec<&str> = text.split_whitespace().collect();
    let hour = |w: &str| -> Option<u32> {
        let n = HOURS
            .iter()
            .position(|h| *h == w)
            .and_then(|i| u32::try_from(i + 1).ok())
            .or_else(|| w.parse().ok())?;
        (1..=12).contains(&n).then_some(n)
    };
    let mut out: Vec<String> = Vec::new();
    let mut i = 0;
    while i < words.len() {
        let next = |k: usize| words.get(i + k).copied().unwrap_or("");
        let read = match (words[i], next(1)) {
            ("half", "past") => hour(next(2)).map(|h| (format!("{h}:30"), 3)),
            ("quarter", "past") => hour(next(2)).map(|h| (format!("{h}:15"), 3)),
            ("quarter", "to") => {
                hour(next(2)).map(|h| (format!("{}:45", if h == 1 { 12 } else { h - 1 }), 3))
            }
            (w, "o'clock") => hour(w).map(|h| (format!("{h}:00"), 2)),
            _ => None,
        };
        match read {
            Some((time, used)) => {
                out.push(time);
                i += used;
            }
            None => {
                out.push(words[i].to_string());
                i += 1;
            }
        }
    }
    out.join(" ")
}

/// `1st` as `1` (a day of the month), `9.30` or `9.30am` as `9:30`/`9:30am`; other words
/// as they are.
fn plain_word(word: &str) -> String {
    let digits = word.bytes().take_while(u8::is_ascii_digit).count();
    let (number, rest) = word.split_at(digits);
    if (1..=2).contains(&digits) && ["st", "nd", "rd", "th"].contains(&rest) {
        return number.to_string();
    }
    if let Some(after) = rest.strip_prefix('.')
        && (1..=2).contains(&digits)
    {
        let minutes = after.bytes().take_while(u8::is_ascii_digit).count();
        let suffix = &after[minutes..];
        if minutes == 2 && ["", "am", "pm"].contains(&suffix) {
            return format!("{number}:{after}");
        }
    }
    word.to_string()
}

/// A word like `20/11/2026` as `2026-11-20` (read in `order`); other words as they are.
fn slashed(word: &str, order: DateOrder, input: &str) -> Result<String> {
    let parts: Vec<&str> = word.split('/').collect();
    if parts.len() != 3
        || !parts
            .iter()
            .all(|p| !p.is_empty() && p.chars().all(|c| c.is_ascii_digit()))
    {
        return Ok(word.to_string());
    }
    let n = |s: &str| s.parse::<u32>().unwrap_or(0);
    let (y, m, d) = match order {
        DateOrder::Dmy => (parts[2], n(parts[1]), n(parts[0])),
        DateOrder::Mdy => (parts[2], n(parts[0]), n(parts[1])),
        DateOrder::Ymd => (parts[0], n(parts[1]), n(parts[2])),
    };
    let year = match y.len() {
        4 => n(y),
        2 => 2000 + n(y),
        _ => 0,
    };
    if year == 0 || !(1..=12).contains(&m) || !(1..=31).contains(&d) {
        return Err(Error::invalid(
            "date",
            format!(
                "'{}' is not a date in {} order (the date_order setting): write it that way, or as 2026-11-20",
                input.trim().escape_debug(),
                order.words()
            ),
        ));
    }
    Ok(format!("{year:04}-{m:02}-{d:02}"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slashed_dates_follow_the_setting_and_are_never_guessed() {
        assert_eq!(
            normalise("05/11/2026", DateOrder::Dmy).ok().as_deref(),
            Some("2026-11-05")
        );
        assert_eq!(
            normalise("20/11/2026", DateOrder::Dmy).ok().as_deref(),
            Some("2026-11-20")
        );
        assert_eq!(
            normalise("05/11/2026", DateOrder::Mdy).ok().as_deref(),
            Some("2026-05-11")
        );
        assert_eq!(
            normalise("2026/11/20 14:30", DateOrder::Ymd)
                .ok()
                .as_deref(),
            Some("2026-11-20 14:30")
        );
        let err = normalise("20/11/2026", DateOrder::Mdy).expect_err("no month 20");
        assert!(err.to_string().contains("month/day/year"), "{err}");
    }

    #[test]
    fn words_for_times_and_spans() {
        let n = |s| normalise(s, DateOrder::Dmy).ok();
        assert_eq!(n("yesterday at 5pm").as_deref(), Some("yesterday 5pm"));
        assert_eq!(n("Noon").as_deref(), Some("12:00"));
        assert_eq!(n("this morning").as_deref(), Some("today 09:00"));
        assert_eq!(n("last night").as_deref(), Some("yesterday 22:00"));
        assert_eq!(n("fortnight").as_deref(), Some("2 weeks ago"));
        assert_eq!(n("2026-11-20").as_deref(), Some("2026-11-20"));
        assert_eq!(n("midnight").as_deref(), Some("00:00"));
        assert_eq!(n("1st November").as_deref(), Some("1 november"));
        assert_eq!(
            n("the 22nd of november").as_deref(),
            Some("the 22 november")
        );
        assert_eq!(n("9.30am").as_deref(), Some("9:30am"));
        assert_eq!(n("yesterday 9.30").as_deref(), Some("yesterday 9:30"));
        assert_eq!(n("20.11.2026").as_deref(), Some("20.11.2026"), "not a time");
        assert_eq!(n("half past nine").as_deref(), Some("9:30"));
        assert_eq!(n("quarter to one pm").as_deref(), Some("12:45 pm"));
        assert_eq!(n("quarter past 10").as_deref(), Some("10:15"));
        assert_eq!(
            n("yesterday at nine o'clock").as_deref(),
            Some("yesterday 9:00")
        );
        assert_eq!(
            n("half past noon").as_deref(),
            Some("half past 12:00"),
            "not an hour"
        );
    }
}
