//! The one place that reads the wall clock. Everything else receives "now" from a [`Clock`],
//! so tests and snapshots can pin time.

use chrono::{DateTime, Utc};
use jiff::tz::TimeZone;

/// A source of the current instant and the time zone used to read dates.
#[derive(Clone, Debug)]
pub struct Clock {
    fixed: Option<DateTime<Utc>>,
    tz: TimeZone,
}

impl Clock {
    /// The system clock in the system time zone (honours `TZ`).
    pub fn system() -> Self {
        Clock {
            fixed: None,
            tz: TimeZone::system(),
        }
    }

    /// A clock stopped at `at`, reading dates in `tz`. For tests and reproducible output.
    pub fn fixed(at: DateTime<Utc>, tz: TimeZone) -> Self {
        Clock {
            fixed: Some(at),
            tz,
        }
    }

    /// The current instant.
    pub fn now(&self) -> DateTime<Utc> {
        #[allow(clippy::disallowed_methods)]
        self.fixed.unwrap_or_else(Utc::now)
    }

    /// The time zone dates are read and shown in.
    pub fn tz(&self) -> &TimeZone {
        &self.tz
    }

    /// The current instant as a zoned value, for date arithmetic.
    pub fn now_zoned(&self) -> jiff::Zoned {
        to_zoned(self.now(), &self.tz)
    }

    /// The UTC offset (seconds east) that `at` has in this clock's time zone.
    pub fn offset_at(&self, at: DateTime<Utc>) -> i32 {
        to_zoned(at, &self.tz).offset().seconds()
    }

    /// The first instant of `at`'s local day.
    pub fn start_of_local_day(&self, at: DateTime<Utc>) -> DateTime<Utc> {
        let z = to_zoned(at, &self.tz);
        z.start_of_day().map_or(at, |s| from_zoned(&s))
    }

    /// The instant a wall-clock time names in this clock's time zone (a time skipped or
    /// repeated when the clocks change is read as the later and the earlier one); `None`
    /// for a date out of range.
    pub fn from_local(&self, t: chrono::NaiveDateTime) -> Option<DateTime<Utc>> {
        use chrono::{Datelike, Timelike};
        let small = |v: u32| i8::try_from(v).ok();
        let civil = jiff::civil::DateTime::new(
            i16::try_from(t.year()).ok()?,
            small(t.month())?,
            small(t.day())?,
            small(t.hour())?,
            small(t.minute())?,
            small(t.second())?,
            0,
        )
        .ok()?;
        let zoned = civil.to_zoned(self.tz.clone()).ok()?;
        Some(from_zoned(&zoned))
    }

    /// `at` on the wall clock of this clock's time zone.
    pub fn local(&self, at: DateTime<Utc>) -> DateTime<chrono::FixedOffset> {
        let offset = chrono::FixedOffset::east_opt(self.offset_at(at))
            .unwrap_or_else(|| chrono::FixedOffset::east_opt(0).expect("zero offset"));
        at.with_timezone(&offset)
    }
}

/// Convert a chrono instant into a jiff zoned datetime in `tz`.
pub fn to_zoned(at: DateTime<Utc>, tz: &TimeZone) -> jiff::Zoned {
    let ts = jiff::Timestamp::from_millisecond(at.timestamp_millis())
        .unwrap_or(jiff::Timestamp::UNIX_EPOCH);
    ts.to_zoned(tz.clone())
}

/// Convert a jiff zoned datetime into a chrono UTC instant.
pub fn from_zoned(z: &jiff::Zoned) -> DateTime<Utc> {
    DateTime::<Utc>::from_timestamp_millis(z.timestamp().as_millisecond()).unwrap_or_default()
}
