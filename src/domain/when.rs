//! Reading the dates people type: ISO dates and datetimes and plain words such as
//! `yesterday`, `3 days ago`, `last monday` or `monday 14:00`. Pure: "now" is passed in.

use chrono::{DateTime, Utc};
use jiff::{ToSpan, Zoned};

use super::date_forms::{Period, ago, period, refuse_lone, refuse_vague};
use super::date_words::{DateOrder, normalise};
use crate::clock::from_zoned;
use crate::{Error, Result};

/// The forms accepted, quoted in every date error.
pub const ACCEPTED_FORMS: &str = "2026-11-20, 20/11/2026, 2026-11-20 14:30, today, yesterday, yesterday at 5pm, this morning, last night, an hour ago, 1 week 3 days ago, last monday, friday 14:00, 9.30am";

/// A date the user typed, resolved against "now".
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct When {
    /// The instant the words name (midnight for a whole day).
    pub at: Zoned,
    /// True when the words name a day rather than a moment ("yesterday", "2026-11-20").
    pub whole_day: bool,
    /// The moment as the words say it, before rounding a whole day down to midnight
    /// ("yesterday" is this time yesterday).
    pub moment: Zoned,
    /// A whole year or month typed alone (`2024`, `june 2013`): a bound, never a moment.
    pub period: Option<Period>,
}

impl When {
    /// The moment itself, for `--at`: "yesterday" is this time yesterday.
    pub fn instant(&self) -> DateTime<Utc> {
        from_zoned(&self.moment)
    }

    /// The moment, for `--at`, or why a whole year or month is not one (`typed` is quoted).
    pub fn moment_of(&self, typed: &str) -> Result<DateTime<Utc>> {
        match self.period {
            Some(p) => Err(p.not_a_moment(typed)),
            None => Ok(self.instant()),
        }
    }

    /// Lower bound for `--since`: the start of the day for a whole day.
    pub fn since(&self) -> DateTime<Utc> {
        from_zoned(&self.at)
    }

    /// Exclusive upper bound for `--until`: a whole day includes all of that day.
    pub fn until(&self) -> DateTime<Utc> {
        if let Some((_, after)) = self.period.and_then(Period::bounds)
            && let Ok(next) = after.to_zoned(self.at.time_zone().clone())
        {
            return from_zoned(&next);
        }
        if self.whole_day {
            let next = self
                .at
                .checked_add(1.day())
                .unwrap_or_else(|_| self.at.clone());
            from_zoned(&next.start_of_day().unwrap_or(next))
        } else {
            from_zoned(&self.at)
        }
    }
}

/// Parse `input` relative to `now` (whose time zone is used for day boundaries), reading
/// dates with slashes day first.
pub fn parse_when(input: &str, now: &Zoned) -> Result<When> {
    parse_when_in(input, now, DateOrder::default())
}

/// Parse `input` relative to `now`, reading dates with slashes in `order`. A weekday or a
/// time of day alone means the most recent one (entries are about what happened): `friday`
/// on a Monday is three days ago, `17:00` at noon is yesterday's.
pub fn parse_when_in(input: &str, now: &Zoned, order: DateOrder) -> Result<When> {
    parse_leaning(input, now, order, true)
}

/// The calendar day `input` names, in `now`'s time zone. `ahead` reads it as a day usually
/// ahead (a due date, the next session: `friday` on a Monday is in four days); otherwise a
/// weekday alone is the last one, as for [`parse_when_in`].
pub fn read_day(
    input: &str,
    now: &Zoned,
    order: DateOrder,
    ahead: bool,
) -> Result<chrono::NaiveDate> {
    let when = parse_leaning(input, now, order, !ahead)?;
    if let Some(p) = when.period {
        return Err(p.not_a_moment(input));
    }
    let d = when.moment.date();
    chrono::NaiveDate::from_ymd_opt(
        d.year().into(),
        d.month().unsigned_abs().into(),
        d.day().unsigned_abs().into(),
    )
    .ok_or_else(|| Error::invalid("date", format!("no such day: {d}")))
}

/// The longest date debrief reads, in characters: far more than any date or time written
/// in words, and a bound on the parser's nesting (found by fuzzing: 50,000 `(` overflowed
/// the stack and ended the program).
pub const MAX_DATE_CHARS: usize = 100;

fn parse_leaning(input: &str, now: &Zoned, order: DateOrder, past: bool) -> Result<When> {
    let length = input.trim().chars().count();
    if length > MAX_DATE_CHARS {
        let start: String = input.trim().chars().take(24).collect();
        return Err(Error::invalid(
            "date",
            format!(
                "'{}…' is too long for a date ({length} characters, at most {MAX_DATE_CHARS}): use e.g. {ACCEPTED_FORMS}",
                start.escape_debug()
            ),
        ));
    }
    let normal = normalise(input, order)?;
    let trimmed = normal.as_str();
    let unreadable = || {
        Error::invalid(
            "date",
            format!(
                "cannot read the date '{}': use e.g. {ACCEPTED_FORMS}",
                trimmed.escape_debug()
            ),
        )
    };
    if trimmed.is_empty() || trimmed.chars().any(char::is_control) {
        return Err(unreadable());
    }
    refuse_vague(trimmed, ACCEPTED_FORMS)?;
    if let Some(when) = read_before_the_parser(trimmed, now, &unreadable)? {
        return Ok(when);
    }
    refuse_lone(trimmed, ACCEPTED_FORMS)?;
    let parsed = parse_datetime::parse_datetime_at_date(now.clone(), trimmed)
        .map_err(|_| unreadable())?
        .into_zoned()
        .ok_or_else(unreadable)?;
    // The parser keeps an explicit offset ("...Z", "+01:00"); day boundaries use the user's zone.
    let parsed = parsed.with_time_zone(now.time_zone().clone());
    let parsed = if past {
        towards_past(trimmed, parsed, now)
    } else {
        parsed
    };
    if let Some(civil) = skipped_time(trimmed, now, &parsed) {
        return Err(Error::invalid(
            "date",
            format!(
                "{} does not exist in your time zone (the clocks went forward then): write the time before or after the change",
                civil.strftime("%H:%M on %-d %B %Y")
            ),
        ));
    }
    let whole_day = !names_a_moment(trimmed);
    let at = if whole_day {
        parsed.start_of_day().map_err(|_| unreadable())?
    } else {
        parsed.clone()
    };
    Ok(When {
        at,
        whole_day,
        moment: parsed,
        period: None,
    })
}

/// The forms read before the parser, which misreads them (see [`super::date_forms`]): a
/// whole year or month, and an "ago" phrase. `None` for other text.
fn read_before_the_parser(
    trimmed: &str,
    now: &Zoned,
    unreadable: &dyn Fn() -> Error,
) -> Result<Option<When>> {
    if let Some(p) = period(trimmed) {
        let (first, _) = p.bounds().ok_or_else(unreadable)?;
        let at = first
            .to_zoned(now.time_zone().clone())
            .map_err(|_| unreadable())?;
        return Ok(Some(When {
            at: at.clone(),
            whole_day: true,
            moment: at,
            period: Some(p),
        }));
    }
    if let Some(counted) = ago(trimmed, now, ACCEPTED_FORMS) {
        let (moment, short) = counted?;
        let at = if short {
            moment.clone()
        } else {
            moment.start_of_day().map_err(|_| unreadable())?
        };
        return Ok(Some(When {
            at,
            whole_day: !short,
            moment,
            period: None,
        }));
    }
    Ok(None)
}

/// A weekday or a time alone that the parser put in the future means the last one before now.
fn towards_past(text: &str, parsed: Zoned, now: &Zoned) -> Zoned {
    if parsed <= *now {
        return parsed;
    }
    let lower = text.to_lowercase();
    let future = ["next", "tomorrow", "in ", "from now", "later", "+"]
        .iter()
        .any(|w| lower.contains(w));
    let iso_date = lower
        .as_bytes()
        .windows(3)
        .any(|w| w[0].is_ascii_digit() && w[1] == b'-' && w[2].is_ascii_digit());
    // An explicit today is today ("today at 5pm", "tonight"): later than now, it is refused
    // as a future time, never moved to yesterday.
    let today = lower
        .split(|c: char| !c.is_alphanumeric())
        .any(|w| w == "today");
    if future || iso_date || today {
        return parsed;
    }
    const WEEKDAYS: [&str; 14] = [
        "monday",
        "tuesday",
        "wednesday",
        "thursday",
        "friday",
        "saturday",
        "sunday",
        "mon",
        "tue",
        "wed",
        "thu",
        "fri",
        "sat",
        "sun",
    ];
    let weekday = lower
        .split(|c: char| !c.is_alphanumeric())
        .any(|w| WEEKDAYS.contains(&w));
    let back = if weekday {
        7
    } else if names_a_moment(text) {
        1
    } else {
        return parsed;
    };
    parsed.checked_sub(back.days()).unwrap_or(parsed)
}

/// The wall-clock time typed, when it falls in a gap of the user's zone (01:30 on the night
/// the clocks go forward) and was moved by the parser; `None` otherwise.
fn skipped_time(text: &str, now: &Zoned, parsed: &Zoned) -> Option<jiff::civil::DateTime> {
    let lower = text.to_lowercase();
    let clock_time = lower.contains(':') || lower.ends_with("am") || lower.ends_with("pm");
    let relative = lower.contains("ago") || lower.contains('z') || lower.contains('+');
    if !clock_time || relative {
        return None;
    }
    // Read the same words on a clock without changes: that is the time the writer meant.
    let plain = now.with_time_zone(jiff::tz::TimeZone::UTC);
    let meant = parse_datetime::parse_datetime_at_date(plain, text)
        .ok()?
        .into_zoned()?
        .datetime();
    let gap = matches!(
        now.time_zone().to_ambiguous_zoned(meant).offset(),
        jiff::tz::AmbiguousOffset::Gap { .. }
    );
    (gap && meant != parsed.datetime()).then_some(meant)
}

/// Does the text name a time of day (or a relative amount smaller than a day)?
fn names_a_moment(text: &str) -> bool {
    let lower = text.to_lowercase();
    if lower.contains(':') || lower.starts_with('@') {
        return true;
    }
    let bytes = lower.as_bytes();
    // An ISO datetime such as 2026-11-20T14 (the T between digits).
    if bytes
        .windows(3)
        .any(|w| w[0].is_ascii_digit() && w[1] == b't' && w[2].is_ascii_digit())
    {
        return true;
    }
    lower
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .any(|w| {
            matches!(
                w,
                "now"
                    | "noon"
                    | "midnight"
                    | "hour"
                    | "hours"
                    | "minute"
                    | "minutes"
                    | "min"
                    | "mins"
                    | "second"
                    | "seconds"
                    | "sec"
                    | "secs"
                    | "am"
                    | "pm"
            ) || ((w.ends_with("am") || w.ends_with("pm"))
                && w.len() > 2
                && w[..w.len() - 2].chars().all(|c| c.is_ascii_digit()))
        })
}

#[cfg(test)]
mod tests {
    use super::*;
    use jiff::tz::TimeZone;
    use proptest::prelude::*;

    /// Sunday 22 November 2026, 15:30 in London (GMT, +00:00).
    fn now() -> Zoned {
        let tz = TimeZone::get("Europe/London").unwrap_or(TimeZone::UTC);
        jiff::civil::date(2026, 11, 22)
            .at(15, 30, 0, 0)
            .to_zoned(tz)
            .expect("valid")
    }

    fn show(z: &Zoned) -> String {
        z.strftime("%Y-%m-%d %H:%M %a").to_string()
    }

    /// Found by fuzzing: the parser nests on brackets, and 50,000 of them overflowed the
    /// stack (this test thread's 2 MiB would go at a few thousand).
    #[test]
    fn a_date_too_long_is_refused_before_it_is_parsed() {
        let err = parse_when(&"(".repeat(50_000), &now()).expect_err("refused");
        assert!(
            err.to_string().starts_with(
                "'((((((((((((((((((((((((…' is too long for a date (50000 characters, at most 100)"
            ),
            "{err}"
        );
        let err =
            read_day(&"(".repeat(50_000), &now(), DateOrder::default(), true).expect_err("refused");
        assert!(err.to_string().contains("too long for a date"), "{err}");
        // Up to the limit it is read (and here, not understood).
        let err = parse_when(&"(".repeat(MAX_DATE_CHARS), &now()).expect_err("unreadable");
        assert!(err.to_string().starts_with("cannot read the date"), "{err}");
        let padded = format!("{}yesterday{}", " ".repeat(200), " ".repeat(200));
        assert!(parse_when(&padded, &now()).is_ok());
    }

    #[test]
    fn day_words_name_whole_days() {
        let y = parse_when("yesterday", &now()).expect("yesterday");
        assert!(y.whole_day);
        assert_eq!(show(&y.at), "2026-11-21 00:00 Sat");
        assert_eq!(y.until().to_rfc3339(), "2026-11-22T00:00:00+00:00");
        assert_eq!(y.instant().to_rfc3339(), "2026-11-21T15:30:00+00:00");

        let t = parse_when("today", &now()).expect("today");
        assert_eq!(show(&t.at), "2026-11-22 00:00 Sun");

        let d = parse_when("3 days ago", &now()).expect("3 days ago");
        assert_eq!(show(&d.at), "2026-11-19 00:00 Thu");

        let m = parse_when("last monday", &now()).expect("last monday");
        assert_eq!(show(&m.at), "2026-11-16 00:00 Mon");
    }

    #[test]
    fn due_dates_lean_ahead() {
        let day = |s: &str| {
            read_day(s, &now(), DateOrder::default(), true)
                .map(|d| d.to_string())
                .unwrap_or_else(|e| e.to_string())
        };
        let past = read_day("friday", &now(), DateOrder::default(), false).expect("past");
        assert_eq!(past.to_string(), "2026-11-20", "the last Friday");
        assert_eq!(day("friday"), "2026-11-27", "the next Friday");
        assert_eq!(day("tomorrow"), "2026-11-23");
        assert_eq!(day("today"), "2026-11-22");
        assert_eq!(day("next monday"), "2026-11-23");
        assert_eq!(day("2026-12-01"), "2026-12-01");
        assert_eq!(day("in 4 weeks"), "2026-12-20");
        assert_eq!(day("in 3 days"), "2026-11-25");
        assert_eq!(day("1/12/2026"), "2026-12-01");
        assert_eq!(
            day("last monday"),
            "2026-11-16",
            "the past still reads as past"
        );
        assert!(day("someday").contains("cannot read the date"));
    }

    #[test]
    fn iso_dates_and_datetimes() {
        let d = parse_when("2026-11-20", &now()).expect("date");
        assert!(d.whole_day);
        assert_eq!(show(&d.at), "2026-11-20 00:00 Fri");
        let dt = parse_when("2026-11-20 14:30", &now()).expect("datetime");
        assert!(!dt.whole_day);
        assert_eq!(show(&dt.at), "2026-11-20 14:30 Fri");
        assert_eq!(dt.until(), dt.since());
    }

    #[test]
    fn weekday_with_time_is_a_moment() {
        let w = parse_when("monday 14:00", &now()).expect("monday 14:00");
        assert!(!w.whole_day);
        assert_eq!(w.at.strftime("%a %H:%M").to_string(), "Mon 14:00");
    }

    #[test]
    fn relative_moments_keep_their_time() {
        let h = parse_when("2 hours ago", &now()).expect("2 hours ago");
        assert!(!h.whole_day);
        assert_eq!(show(&h.at), "2026-11-22 13:30 Sun");
    }

    #[test]
    fn a_time_skipped_by_the_clocks_going_forward_is_refused_with_the_reason() {
        let tz = TimeZone::get("Europe/London").unwrap_or(TimeZone::UTC);
        let before = jiff::civil::date(2027, 3, 27)
            .at(12, 0, 0, 0)
            .to_zoned(tz)
            .expect("valid");
        let err = parse_when("2027-03-28 01:30", &before).expect_err("01:30 does not exist");
        assert!(err.to_string().contains("does not exist"), "{err}");
        assert!(parse_when("2027-03-28 00:30", &before).is_ok());
        assert!(parse_when("2027-03-28 02:30", &before).is_ok());
        assert!(parse_when("2 hours ago", &before).is_ok());
    }

    #[test]
    fn a_weekday_or_a_time_alone_is_the_last_one_not_the_next() {
        // Sunday 22 November 2026, 15:30.
        let f = parse_when("friday", &now()).expect("friday");
        assert_eq!(show(&f.at), "2026-11-20 00:00 Fri");
        let f = parse_when("friday 10:00", &now()).expect("friday 10:00");
        assert_eq!(show(&f.at), "2026-11-20 10:00 Fri");
        let t = parse_when("17:00", &now()).expect("17:00");
        assert_eq!(show(&t.at), "2026-11-21 17:00 Sat");
        let n = parse_when("next friday", &now()).expect("next friday");
        assert_eq!(
            show(&n.at),
            "2026-11-27 00:00 Fri",
            "asked for the future: kept"
        );
        let w = parse_when("week", &now()).expect("week");
        assert_eq!(show(&w.at), "2026-11-15 00:00 Sun");
    }

    #[test]
    fn the_forms_people_type() {
        let y = parse_when("yesterday at 5pm", &now()).expect("yesterday at 5pm");
        assert_eq!(show(&y.at), "2026-11-21 17:00 Sat");
        let d = parse_when("20/11/2026", &now()).expect("uk order");
        assert_eq!(show(&d.at), "2026-11-20 00:00 Fri");
        let m = parse_when("this morning", &now()).expect("this morning");
        assert_eq!(show(&m.at), "2026-11-22 09:00 Sun");
        let l = parse_when("last night", &now()).expect("last night");
        assert_eq!(show(&l.at), "2026-11-21 22:00 Sat");
        let us = parse_when_in("11/20/2026", &now(), DateOrder::Mdy).expect("us order");
        assert_eq!(show(&us.at), "2026-11-20 00:00 Fri");
    }

    #[test]
    fn unreadable_dates_list_the_accepted_forms() {
        for bad in ["", "   ", "the other day", "2026-13-45", "\u{1b}[31m"] {
            let err = parse_when(bad, &now()).expect_err(bad);
            assert!(err.to_string().contains("last monday"), "{bad}: {err}");
        }
    }

    proptest! {
        #[test]
        fn never_panics_on_any_input(s in "\\PC{0,40}") {
            let _ = parse_when(&s, &now());
        }
    }
}

#[cfg(test)]
#[path = "when_phrases.rs"]
mod phrases;
