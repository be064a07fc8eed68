//! Reading the times and days a person types for an action, the same way in every front end:
//! when an entry was written (`--at`, the form's When field), the day a supervision session
//! was held, and the days after it (the next session, a due date), counted from that day.

use chrono::{DateTime, NaiveDate, Utc};

use crate::clock::Clock;
use crate::domain::date_words::DateOrder;
use crate::domain::session_text::Days;
use crate::{Error, Result};

/// How far ahead of now an entry's time may be (clocks differ a little).
pub const SKEW_MINUTES: i64 = 5;

/// An instant with the writer's UTC offset at that moment (seconds east).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Moment {
    pub at: DateTime<Utc>,
    pub offset: i32,
}

/// Text that began with a date (`yesterday: text`): when, the text after it, the prefix as
/// typed, and whether it carried jrnl's star (`20 july 2013 *: text`).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Prefixed {
    pub at: Moment,
    pub text: String,
    pub head: String,
    pub starred: bool,
}

/// The clock and the settings that reading dates depends on.
#[derive(Clone, Debug)]
pub struct Dates {
    pub clock: Clock,
    pub order: DateOrder,
}

impl Dates {
    pub fn new(clock: Clock, order: DateOrder) -> Dates {
        Dates { clock, order }
    }

    /// Now, with the local offset.
    pub fn now(&self) -> Moment {
        now(&self.clock)
    }

    /// When an entry was written, from what was typed: a moment up to now (a few minutes of
    /// clock difference allowed); a future one is refused, saying when it would be.
    pub fn written_at(&self, typed: &str) -> Result<Moment> {
        let when = crate::domain::when::parse_when_in(typed, &self.clock.now_zoned(), self.order)?;
        let at = when.moment_of(typed)?;
        if at > self.clock.now() + chrono::Duration::minutes(SKEW_MINUTES) {
            return Err(Error::invalid(
                "at",
                format!(
                    "'{}' is {}, in the future: an entry is about what has happened; give a time up to now",
                    typed.trim().escape_debug(),
                    self.clock.local(at).format("%a %-d %b %Y %H:%M")
                ),
            ));
        }
        Ok(Moment {
            at,
            offset: when.moment.offset().seconds(),
        })
    }

    /// jrnl's habit, `WHEN: text` (or `WHEN *: text`, which stars it), for text typed or
    /// piped without `--at`: `None` when the words before the colon are not a date (the text
    /// is kept whole); an error when they are one but not a time up to now (`2222-08-19:`,
    /// `2024:`), so a date is never silently kept as text nor misread.
    pub fn prefixed(&self, text: &str) -> Result<Option<Prefixed>> {
        let Some((head, rest)) = text.split_once(": ") else {
            return Ok(None);
        };
        if head.contains('\n') || head.chars().count() > 30 || rest.trim().is_empty() {
            return Ok(None);
        }
        let (words, starred) = match head.trim_end().strip_suffix('*') {
            Some(words) => (words.trim_end(), true),
            None => (head, false),
        };
        if crate::domain::when::parse_when_in(words, &self.clock.now_zoned(), self.order).is_err() {
            return Ok(None);
        }
        let at = self.written_at(words).map_err(|e| {
            e.with_note("read from the words before the colon; add --at now to keep them as text")
        })?;
        Ok(Some(Prefixed {
            at,
            text: rest.to_string(),
            head: head.to_string(),
            starred,
        }))
    }

    /// [`Dates::written_at`] for a field that may be left empty (then: `None`, meaning now
    /// for a new entry and unchanged for an existing one).
    pub fn written_at_if_given(&self, typed: &str) -> Result<Option<Moment>> {
        match typed.trim() {
            "" => Ok(None),
            typed => self.written_at(typed).map(Some),
        }
    }

    /// Today, on the local calendar.
    pub fn today(&self) -> NaiveDate {
        self.clock.local(self.clock.now()).date_naive()
    }

    /// A day that has been (a session's own date): a weekday alone is the last one.
    pub fn day_past(&self, typed: &str) -> Result<NaiveDate> {
        crate::domain::when::read_day(typed, &self.clock.now_zoned(), self.order, false)
    }

    /// A day that is usually ahead (a due date, the next session), counted from `from` (the
    /// session's day: "in 2 weeks" on a session held three weeks ago is a week ago), or from
    /// today when `from` is today or not given.
    pub fn day_ahead(&self, typed: &str, from: Option<NaiveDate>) -> Result<NaiveDate> {
        // "3 days ago" says when counted from now, whoever writes it; the rest counts from
        // the session.
        let from = from.filter(|_| !typed.to_lowercase().contains("ago"));
        let now = self.clock.now_zoned();
        let base = match from.filter(|d| *d != self.today()) {
            Some(day) => self.noon_of(day).unwrap_or(now),
            None => now,
        };
        crate::domain::when::read_day(typed, &base, self.order, true)
    }

    /// Noon of `day` in the clock's time zone (away from any change of the clocks).
    fn noon_of(&self, day: NaiveDate) -> Option<jiff::Zoned> {
        let at = self.clock.from_local(day.and_hms_opt(12, 0, 0)?)?;
        Some(crate::clock::to_zoned(at, self.clock.tz()))
    }

    /// Lend the two readers a supervision page needs to `f`: the session's own day (past)
    /// and the days after it, counted from the session.
    pub fn with_session_days<T>(&self, f: impl FnOnce(Days) -> T) -> T {
        let past = |typed: &str| self.day_past(typed);
        let ahead = |typed: &str, from: Option<NaiveDate>| self.day_ahead(typed, from);
        f(Days {
            past: &past,
            ahead: &ahead,
        })
    }

    /// The moment a supervision note held on `day` is dated (see [`session_moment`]).
    pub fn session_moment(&self, day: NaiveDate) -> Result<Moment> {
        session_moment(&self.clock, day)
    }
}

/// Now on `clock`, with the local offset.
pub fn now(clock: &Clock) -> Moment {
    let at = clock.now();
    Moment {
        at,
        offset: clock.offset_at(at),
    }
}

/// The moment a supervision note is dated: now for a session held today, the last second of
/// the day for an earlier one (so it covers what was flagged up to that day, and nothing
/// written after it). A future day is refused.
pub fn session_moment(clock: &Clock, day: NaiveDate) -> Result<Moment> {
    let today = clock.local(clock.now()).date_naive();
    if day > today {
        return Err(Error::invalid(
            "on",
            format!(
                "{day} is in the future: record a session once it has happened (the next one goes in Next session, --next)"
            ),
        ));
    }
    if day == today {
        return Ok(now(clock));
    }
    let next = day
        .succ_opt()
        .and_then(|d| d.and_hms_opt(0, 0, 0))
        .and_then(|t| clock.from_local(t))
        .ok_or_else(|| Error::invalid("on", format!("no such day: {day}")))?;
    let at = next - chrono::Duration::seconds(1);
    Ok(Moment {
        at,
        offset: clock.offset_at(at),
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    fn dates() -> Dates {
        let now = Utc
            .with_ymd_and_hms(2026, 12, 7, 15, 30, 0)
            .single()
            .expect("now");
        let tz = jiff::tz::TimeZone::get("Europe/London").expect("tz");
        Dates::new(Clock::fixed(now, tz), DateOrder::default())
    }

    fn day(s: &str) -> NaiveDate {
        s.parse().expect("day")
    }

    #[test]
    fn days_after_a_past_session_count_from_the_session() {
        let d = dates();
        let held = d.day_past("3 weeks ago").expect("held");
        assert_eq!(held, day("2026-11-16"));
        assert_eq!(
            d.day_ahead("in 2 weeks", Some(held)).expect("next"),
            day("2026-11-30")
        );
        assert_eq!(
            d.day_ahead("in 1 week", Some(held)).expect("due"),
            day("2026-11-23")
        );
        // From today (or no session day), as before.
        assert_eq!(
            d.day_ahead("in 1 week", None).expect("due"),
            day("2026-12-14")
        );
        assert_eq!(
            d.day_ahead("in 1 week", Some(day("2026-12-07")))
                .expect("due"),
            day("2026-12-14")
        );
        // "N days ago" says when counted from now, whoever writes it.
        assert_eq!(
            d.day_ahead("3 days ago", Some(held)).expect("ago"),
            day("2026-12-04")
        );
        // A date written out is that date, whatever the session's day.
        assert_eq!(
            d.day_ahead("2027-01-04", Some(held)).expect("abs"),
            day("2027-01-04")
        );
    }

    #[test]
    fn a_past_session_is_dated_at_the_end_of_its_day_and_todays_now() {
        let d = dates();
        let m = d.session_moment(day("2026-11-16")).expect("past");
        assert_eq!(
            d.clock.local(m.at).format("%Y-%m-%d %H:%M:%S").to_string(),
            "2026-11-16 23:59:59"
        );
        assert_eq!(d.session_moment(day("2026-12-07")).expect("today"), d.now());
        let e = d.session_moment(day("2026-12-08")).expect_err("future");
        assert!(e.to_string().contains("in the future"), "{e}");
    }

    #[test]
    fn a_written_time_in_the_future_is_refused_and_an_empty_field_is_none() {
        let d = dates();
        assert!(d.written_at("tomorrow").is_err());
        assert_eq!(d.written_at_if_given("  ").expect("empty"), None);
        let m = d.written_at("yesterday 17:30").expect("past");
        assert_eq!(
            d.clock.local(m.at).format("%Y-%m-%d %H:%M").to_string(),
            "2026-12-06 17:30"
        );
    }

    proptest::proptest! {
    #[test]
    fn no_accepted_phrase_is_after_now_as_an_entry_time(
        n in 0u32..500,
        word in proptest::sample::select(vec![
            "{n} days ago", "{n} hours ago", "a week ago", "an hour ago", "yesterday",
            "today", "today at {h}pm", "today {h}:00", "tonight", "this evening",
            "{h}:30", "{h}.30am", "half past {h}", "friday", "monday {h}:00",
            "last night", "midnight", "noon", "{n} min ago", "1 week {n} days ago",
        ]),
    ) {
        let h = n % 12 + 1;
        let typed = word.replace("{n}", &n.to_string()).replace("{h}", &h.to_string());
        let clock = dates().clock;
        let dates = Dates::new(clock.clone(), DateOrder::default());
        match dates.written_at(&typed) {
            Ok(m) => proptest::prop_assert!(m.at <= clock.now() + chrono::Duration::minutes(SKEW_MINUTES), "{}", typed),
            // Only an explicit today (or a time today) can be later than now.
            Err(e) => proptest::prop_assert!(typed.starts_with("today") || typed.starts_with("to") || typed.starts_with("this"), "{}: {}", typed, e),
        }
    }
    }
}
