//! The import's rule for one entry, the same for a bundle and for jrnl's export: an entry
//! that cannot be read, does not fit its kind, or carries a time in the future is rejected on
//! its own, in its place (so the report names its position and the reason), and the file's
//! other entries come in. Only a file that is not one of these at all, or is of a newer
//! format, is refused whole (by the readers).

use chrono::{DateTime, Duration, Utc};

use super::bundle;
use crate::Result;
use crate::storage::{ImportRow, Incoming};

/// How far after now an imported time may be: a day covers any time zone and a clock that
/// is somewhat wrong; 9999-12-31 is a typing slip, not a clock.
pub const FUTURE_MARGIN: Duration = Duration::days(1);

/// Why `row` cannot come in for its times, if it cannot: each of them (when it happened, when
/// it last changed, when it went to the trash, when it became a CPD record) is at most a day
/// after `now`. A future `updated` would also keep any later copy from ever replacing it.
pub fn check_times(row: &ImportRow, now: DateTime<Utc>) -> std::result::Result<(), String> {
    let latest = now + FUTURE_MARGIN;
    let times = [
        ("date", Some(row.created)),
        ("updated time", Some(row.updated)),
        ("time in the trash", row.deleted),
        ("CPD record's time", row.cpd.as_ref().map(|c| c.0)),
    ];
    match times
        .into_iter()
        .find(|(_, t)| t.is_some_and(|t| t > latest))
    {
        Some((what, Some(t))) => Err(format!(
            "its {what} {} is in the future (more than a day after now): correct it in the file",
            t.format("%Y-%m-%d %H:%M UTC")
        )),
        _ => Ok(()),
    }
}

/// A row that passed its reader's checks, checked for its times: an entry to bring in, or
/// its rejection.
pub fn checked(row: ImportRow, now: DateTime<Utc>) -> Incoming {
    match check_times(&row, now) {
        Ok(()) => Incoming::Entry(Box::new(row)),
        Err(why) => Incoming::Rejected(why),
    }
}

/// Read the bundle from `reader`, handing `send` each entry as it comes: a row to bring
/// in, or the reason it cannot come in; then the items for the next supervision agenda. An
/// error from `send` stops the reading and is returned, as is a file that is not a bundle
/// or not JSON part way. Returns how many entries were read.
pub fn read_bundle(
    reader: impl std::io::Read,
    name: &str,
    now: DateTime<Utc>,
    mut send: impl FnMut(Incoming) -> Result<()>,
) -> Result<usize> {
    bundle::read_each(reader, name, |part| match part {
        bundle::Part::Entry(Ok(record)) => send(match record.into_row() {
            Ok(row) => checked(row, now),
            Err(e) => Incoming::Rejected(e.to_string()),
        }),
        bundle::Part::Entry(Err(why)) => send(Incoming::Rejected(why)),
        bundle::Part::Queue(queue) => queue.into_iter().try_for_each(|q| {
            send(Incoming::Queued {
                text: q.text,
                function: q.function,
                added: q.added,
            })
        }),
    })
}

#[cfg(test)]
#[path = "incoming_tests.rs"]
mod tests;
