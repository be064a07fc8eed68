//! Gathering a review from the journal: the period's entries, the last supervision note,
//! and "on this day". The only part of reviews that reads the store; the rules stay pure.

use chrono::{DateTime, Utc};

use super::{Review, ReviewKind, on_this_day_ranges, review};
use crate::Result;
use crate::clock::Clock;
use crate::domain::{Entry, EntryFilter, Kind};
use crate::storage::Store;

/// At most this many entries of a period are read for a review.
const MAX_ENTRIES: usize = 1000;
/// How far back "on this day" looks, in months.
const ON_THIS_DAY_MONTHS: u32 = 120;

/// The live entries written in [from, to), newest first.
fn entries_between(
    store: &Store,
    (from, to): (DateTime<Utc>, DateTime<Utc>),
) -> Result<Vec<Entry>> {
    let filter = EntryFilter {
        since: Some(from),
        until: Some(to),
        ..EntryFilter::default()
    };
    store
        .list(&filter, MAX_ENTRIES)?
        .iter()
        .map(|s| store.get(s.id))
        .collect()
}

/// The review of `kind` as of `clock`'s now.
pub fn gather(store: &Store, kind: ReviewKind, clock: &Clock) -> Result<Review> {
    let now = clock.now();
    let last_supervision = store
        .list(
            &EntryFilter {
                kind: Some(Kind::Supervision),
                ..EntryFilter::default()
            },
            1,
        )?
        .first()
        .map(|s| s.created.with_timezone(&Utc));
    let period = kind.period(now, clock, last_supervision);
    let entries = entries_between(store, period)?;
    let mut r = review(kind, period, &entries, clock);
    // Months before the first entry hold nothing: a young journal asks a few, not 120.
    let first = store
        .list_oldest(&EntryFilter::default(), 1)?
        .first()
        .map(|s| s.created.with_timezone(&Utc));
    let ranges = on_this_day_ranges(now, clock, ON_THIS_DAY_MONTHS);
    for range in ranges
        .into_iter()
        .take_while(|r| first.is_some_and(|f| r.1 > f))
    {
        let filter = EntryFilter {
            since: Some(range.0),
            until: Some(range.1),
            ..EntryFilter::default()
        };
        r.on_this_day.extend(store.list(&filter, 3)?);
        if r.on_this_day.len() >= 10 {
            break;
        }
    }
    r.on_this_day.truncate(10);
    r.last_answered = store
        .last_review(kind)?
        .map(|(entry, period)| super::Answered {
            entry,
            to: period.to,
        });
    Ok(r)
}
