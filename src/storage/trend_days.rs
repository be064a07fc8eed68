//! Days of the journal summed for trends, kept in `trend_days`: read as they are, and those
//! the triggers marked stale summed again from their rows and kept (when the journal can be
//! written), under the write lock so no entry can change between reading and keeping.
//!
//! The one place storage uses a module above the SQL: [`crate::analytics::days_of`], the pure
//! fold of rows into a day's sums. Keeping a day must happen in the same write transaction
//! that found it stale, so the fold is called here rather than by the caller (which would
//! need the transaction handed up); it is pure and does no I/O, so no cycle comes of it.

use std::collections::{BTreeMap, BTreeSet};

use chrono::{DateTime, Duration, NaiveDate, Utc};
use rusqlite::params;

use super::Store;
use crate::Result;
use crate::analytics::{Day, days_of};

/// 1970-01-01 counted from the common era, as chrono counts days.
const EPOCH_DAYS_FROM_CE: i32 = 719_163;

/// A stored day number as a date.
fn date(day: i64) -> Option<NaiveDate> {
    i32::try_from(day)
        .ok()
        .and_then(|d| d.checked_add(EPOCH_DAYS_FROM_CE))
        .and_then(NaiveDate::from_num_days_from_ce_opt)
}

/// A date as a stored day number.
fn number(day: NaiveDate) -> i64 {
    i64::from(chrono::Datelike::num_days_from_ce(&day) - EPOCH_DAYS_FROM_CE)
}

/// Midnight UTC starting `day`.
fn start_of(day: NaiveDate) -> DateTime<Utc> {
    day.and_hms_opt(0, 0, 0).unwrap_or_default().and_utc()
}

/// Stale days further apart than this are read from their rows in separate runs.
const RUN_GAP_DAYS: i64 = 7;

impl Store {
    /// The days from `first` to `last` (local days, both included) that have entries, each
    /// summed, oldest first.
    pub fn trend_days(&self, first: NaiveDate, last: NaiveDate) -> Result<Vec<Day>> {
        // Under the write lock when it can be had (a read-only journal still gets its
        // trends, summed afresh and not kept).
        let locked = self.conn.execute_batch("BEGIN IMMEDIATE").is_ok();
        let result = self.read_days(first, last, locked);
        if locked {
            let end = if result.is_ok() { "COMMIT" } else { "ROLLBACK" };
            if self.conn.execute_batch(end).is_err() {
                let _ = self.conn.execute_batch("ROLLBACK");
            }
        }
        result
    }

    fn read_days(&self, first: NaiveDate, last: NaiveDate, keep: bool) -> Result<Vec<Day>> {
        let mut kept: Vec<(NaiveDate, Option<String>)> = Vec::new();
        {
            let mut stmt = self.conn.prepare_cached(
                "SELECT day, summary FROM trend_days WHERE day BETWEEN ?1 AND ?2 ORDER BY day",
            )?;
            let mut q = stmt.query(params![number(first), number(last)])?;
            while let Some(r) = q.next()? {
                if let Some(day) = date(r.get(0)?) {
                    kept.push((day, r.get(1)?));
                }
            }
        }
        let mut days: BTreeMap<NaiveDate, Day> = BTreeMap::new();
        let mut stale: BTreeSet<NaiveDate> = BTreeSet::new();
        for (day, parsed) in parse_all(&kept) {
            // A summary this build cannot read is summed again, like a stale one.
            match parsed {
                Some(d) if d.day == day => {
                    days.insert(day, d);
                }
                _ => {
                    stale.insert(day);
                }
            }
        }
        for run in runs(&stale) {
            // Entries of a local day were written within 14 hours of its UTC midnight.
            let rows = self.trend_rows(
                start_of(run.0) - Duration::hours(14),
                start_of(run.1) + Duration::hours(38),
            )?;
            let mut summed: BTreeMap<NaiveDate, Day> = days_of(&rows)
                .into_iter()
                .filter(|d| stale.contains(&d.day))
                .map(|d| (d.day, d))
                .collect();
            for day in stale.range(run.0..=run.1) {
                let d = summed.remove(day).unwrap_or_else(|| Day::empty(*day));
                if let (true, Ok(json)) = (keep, serde_json::to_string(&d)) {
                    self.conn
                        .prepare_cached("UPDATE trend_days SET summary = ?2 WHERE day = ?1")?
                        .execute(params![number(*day), json])?;
                }
                days.insert(*day, d);
            }
        }
        Ok(days.into_values().collect())
    }

    /// The local day of the first live entry, on the clock it was written by.
    pub fn first_day(&self) -> Result<Option<NaiveDate>> {
        let day: Option<i64> = self.conn.query_row(
            "SELECT d.day FROM entries e INDEXED BY entries_trends JOIN entry_days d ON d.id = e.id
             WHERE e.deleted_ms IS NULL ORDER BY e.created_ms LIMIT 1",
            [],
            |r| r.get(0),
        ).or_else(|e| match e {
            rusqlite::Error::QueryReturnedNoRows => Ok(None),
            e => Err(e),
        })?;
        Ok(day.and_then(date))
    }
}

/// Each kept summary read, on two threads when there are many (reading them is most of
/// the time a long range takes).
fn parse_all(kept: &[(NaiveDate, Option<String>)]) -> Vec<(NaiveDate, Option<Day>)> {
    let parse = |part: &[(NaiveDate, Option<String>)]| -> Vec<(NaiveDate, Option<Day>)> {
        part.iter()
            .map(|(day, text)| {
                let d = text
                    .as_deref()
                    .and_then(|t| serde_json::from_str::<Day>(t).ok());
                (*day, d)
            })
            .collect()
    };
    if kept.len() < 200 {
        return parse(kept);
    }
    let (a, b) = kept.split_at(kept.len() / 2);
    std::thread::scope(|s| {
        let second = s.spawn(|| parse(b));
        let mut out = parse(a);
        // A thread that could not finish leaves its days to be summed again.
        match second.join() {
            Ok(rest) => out.extend(rest),
            Err(_) => out.extend(b.iter().map(|(day, _)| (*day, None))),
        }
        out
    })
}

/// Stale days in runs (first, last), a new run after a gap of more than a week.
fn runs(stale: &BTreeSet<NaiveDate>) -> Vec<(NaiveDate, NaiveDate)> {
    let mut out: Vec<(NaiveDate, NaiveDate)> = Vec::new();
    for day in stale {
        match out.last_mut() {
            Some((_, last)) if (*day - *last).num_days() <= RUN_GAP_DAYS => *last = *day,
            _ => out.push((*day, *day)),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn day_numbers_are_days_since_1970() {
        let d = |y, m, day| NaiveDate::from_ymd_opt(y, m, day).expect("date");
        assert_eq!(number(d(1970, 1, 1)), 0);
        assert_eq!(number(d(1969, 12, 31)), -1);
        assert_eq!(date(number(d(2026, 11, 23))), Some(d(2026, 11, 23)));
        let stale: BTreeSet<NaiveDate> = [d(2026, 1, 1), d(2026, 1, 8), d(2026, 1, 20)]
            .into_iter()
            .collect();
        assert_eq!(
            runs(&stale),
            [
                (d(2026, 1, 1), d(2026, 1, 8)),
                (d(2026, 1, 20), d(2026, 1, 20))
            ]
        );
    }
}
