//! Gathering reviews and the supervision pack from the journal: the period's entries, the
//! last supervision note, "on this day", flagged entries and open actions. The only part of
//! reviews that reads the store; the rules stay pure.

use chrono::{DateTime, Duration, NaiveDate, Utc};

use super::prep::{
    BALANCE_SESSIONS, MAX_FLAGGED, MAX_QUOTED, NextAgenda, Pack, balance, extract, wellbeing,
};
use super::{Review, ReviewKind, on_this_day_ranges, review};
use crate::Result;
use crate::clock::Clock;
use crate::domain::sessions::Actions;
use crate::domain::{Details, Entry, EntryFilter, Kind, Supervision, Vocabulary};
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

/// What to bring to the next session, as of `clock`'s now.
pub fn next_agenda(store: &Store, clock: &Clock) -> Result<NextAgenda> {
    let filter = EntryFilter {
        for_supervision: true,
        ..EntryFilter::default()
    };
    let mut flagged = store.list_oldest(&filter, MAX_FLAGGED + 1)?;
    let more_flagged = flagged.len() > MAX_FLAGGED;
    flagged.truncate(MAX_FLAGGED);
    flagged.retain(|s| s.kind != Kind::Supervision);
    Ok(NextAgenda {
        last: store.last_session()?,
        open_actions: store.actions(Actions::Open)?,
        flagged,
        more_flagged,
        queued: store.agenda_queue()?,
        today: clock.local(clock.now()).date_naive(),
    })
}

/// At most this many check-ins and recovery entries of a period are summarised.
const MAX_SUMMARISED: usize = 5000;

/// The check-ins and recovery entries written in [from, to), as summaries (which carry the
/// stress, regions, emotions and recovery a wellbeing summary needs).
fn checkins_and_recovery(
    store: &Store,
    (from, to): (DateTime<Utc>, DateTime<Utc>),
) -> Result<Vec<crate::domain::EntrySummary>> {
    let mut out = Vec::new();
    for kind in [Kind::Checkin, Kind::Recovery] {
        let filter = EntryFilter {
            kind: Some(kind),
            since: Some(from),
            until: Some(to),
            ..EntryFilter::default()
        };
        out.extend(store.list(&filter, MAX_SUMMARISED)?);
    }
    Ok(out)
}

/// The prep pack: the window runs from `since` (by default the last session, or four weeks
/// back when there is none) to now.
pub fn prep(
    store: &Store,
    clock: &Clock,
    since: Option<DateTime<Utc>>,
    full: bool,
    with_wellbeing: bool,
    vocab: &Vocabulary,
) -> Result<Pack> {
    let now = clock.now();
    let agenda = next_agenda(store, clock)?;
    let from = since
        .or_else(|| agenda.last.map(|l| l.written))
        .unwrap_or_else(|| now - Duration::days(28));
    let extracts = agenda
        .flagged
        .iter()
        .take(MAX_QUOTED)
        .map(|s| Ok(extract(&store.get(s.id)?, full)))
        .collect::<Result<_>>()?;
    let wellbeing = if with_wellbeing {
        let period = checkins_and_recovery(store, (from, now))?;
        let previous = checkins_and_recovery(store, (from - (now - from), from))?;
        Some(wellbeing(&period, &previous, vocab))
    } else {
        None
    };
    let sessions = store
        .list(
            &EntryFilter {
                kind: Some(Kind::Supervision),
                ..EntryFilter::default()
            },
            BALANCE_SESSIONS,
        )?
        .iter()
        .map(|s| match store.get(s.id)?.content.details {
            Details::Supervision(sv) => Ok(sv),
            _ => Ok(Supervision::default()),
        })
        .collect::<Result<Vec<_>>>()?;
    Ok(Pack {
        from,
        to: now,
        agenda,
        extracts,
        wellbeing,
        balance: balance(&sessions),
    })
}

/// The first day of a trends range ending on `last` ("all" from the first entry's day).
pub fn range_start(
    store: &Store,
    range: crate::analytics::Range,
    last: NaiveDate,
) -> Result<NaiveDate> {
    Ok(match range.days() {
        Some(days) => last - Duration::days(days - 1),
        None => store.first_day()?.unwrap_or(last).min(last),
    })
}

/// The trends of the local days `first` to `last`, with as many days before them for
/// emotions, from the days the store keeps summed.
pub fn trends(
    store: &Store,
    (first, last): (NaiveDate, NaiveDate),
    vocab: &Vocabulary,
) -> Result<crate::analytics::Trends> {
    let before_first = first - (last - first) - Duration::days(1);
    let mut days = store.trend_days(before_first, last)?;
    let now = days.split_off(days.partition_point(|d| d.day < first));
    Ok(crate::analytics::trends_of_days(&now, &days, vocab))
}

/// The early-warning signals as of now, against the writer's own last half year, but those
/// switched `off`.
pub fn signals(
    store: &Store,
    clock: &Clock,
    vocab: &Vocabulary,
    off: crate::analytics::signals::Off,
) -> Result<Vec<crate::analytics::Signal>> {
    let now = clock.now();
    let days = crate::analytics::signals::LOOKBACK_DAYS;
    let rows = store.trend_rows(now - Duration::days(days), now + Duration::seconds(1))?;
    Ok(crate::analytics::signals(
        &rows,
        clock.local(now).date_naive(),
        vocab,
        off,
    ))
}
