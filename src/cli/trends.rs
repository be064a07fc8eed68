//! `debrief trends`: stress over time, by weekday and hour, by kind of work, flag and tag,
//! the body, emotions and stress with and without, for a period, as text or JSON; and `--signals`, the
//! early-warning signals of now, one of which can go on the next supervision agenda.

use std::io::Write;

use chrono::{DateTime, Duration, Utc};
use clap::Args;

use super::output::{stdout, write_json};
use crate::Result;
use crate::analytics::Range;
use crate::session::Session;

#[derive(Debug, Args)]
pub struct TrendsArgs {
    /// The period: 4w, 3m (the default), 1y or all.
    #[arg(long, value_name = "RANGE", default_value = "3m")]
    pub range: String,
    /// From this date instead (yesterday, 2026-09-01, last monday).
    #[arg(long, value_name = "WHEN", allow_hyphen_values = true)]
    pub since: Option<String>,
    /// Up to this date (a date includes that whole day).
    #[arg(long, value_name = "WHEN", allow_hyphen_values = true)]
    pub until: Option<String>,
    /// List the early-warning signals of now instead, against your own recent months.
    #[arg(long, conflicts_with_all = ["since", "until"])]
    pub signals: bool,
    /// Put signal N (as numbered by --signals) on the next supervision agenda.
    #[arg(long, value_name = "N", requires = "signals")]
    pub to_agenda: Option<usize>,
    /// The supervision function to put it under (by default mediation for few breaks, a
    /// matter of workload, and support for the rest).
    #[arg(long, value_name = "FUNCTION", requires = "to_agenda")]
    pub function: Option<String>,
    /// Print JSON instead of text.
    #[arg(long)]
    pub json: bool,
}

/// Trends or signals switched off in the settings: say so, and how to have them back.
fn check_shown(session: &Session, signals: bool) -> Result<()> {
    let settings = session.load_config().0.trends;
    let off = match signals {
        false => (!settings.show).then_some(("trends are", "show")),
        true => (!settings.show || !settings.signals).then_some(("signals are", "signals")),
    };
    match off {
        Some((what, key)) => Err(crate::Error::Conflict(format!(
            "{what} switched off in the settings: set {key} = true under [trends] in config.toml to see them"
        ))),
        None => Ok(()),
    }
}

pub fn run(session: &Session, a: TrendsArgs) -> Result<()> {
    check_shown(session, a.signals)?;
    if a.signals {
        return signals(session, (a.to_agenda, a.function.as_deref()), a.json);
    }
    let clock = &session.clock;
    let today = clock.local(clock.now()).date_naive();
    // Whole days on the clock: the day --until names is included, the day --since names
    // is the first.
    let day_of = |t: DateTime<Utc>| clock.local(t).date_naive();
    let last = match &a.until {
        Some(w) => day_of(session.read_date(w)?.until() - Duration::seconds(1)),
        None => today,
    };
    let range: Range = a.range.parse()?;
    let store = session.open_store_to_read()?;
    let first = match &a.since {
        Some(w) => day_of(session.read_date(w)?.since()),
        None => crate::review::range_start(&store, range, last)?,
    };
    if first > last {
        return Err(crate::Error::invalid(
            "since",
            "the period is empty: --since must come before --until",
        ));
    }
    let trends = crate::review::trends(&store, (first, last), &session.vocabulary())?;
    let mut out = stdout();
    if a.json {
        // Written straight from the figures (no JSON tree in between: ten years of days).
        #[derive(serde::Serialize)]
        struct Period<'a> {
            from: chrono::NaiveDate,
            to: chrono::NaiveDate,
            trends: &'a crate::analytics::Trends,
        }
        let period = Period {
            from: first,
            to: last,
            trends: &trends,
        };
        return write_json(&mut out, &period);
    }
    let day = |d: chrono::NaiveDate| d.format("%a %-d %b %Y").to_string();
    let period = format!("{} to {}", day(first), day(last));
    write!(
        out,
        "{}",
        crate::present::trends::trends_text(&trends, &period)
    )?;
    out.flush()?;
    Ok(())
}

/// `trends --signals [--to-agenda N [--function F]]`.
fn signals(
    session: &Session,
    (to_agenda, function): (Option<usize>, Option<&str>),
    json: bool,
) -> Result<()> {
    let vocab = session.vocabulary();
    let off = session.load_config().0.trends.signals_off;
    let function = function
        .map(str::parse::<crate::domain::Function>)
        .transpose()?;
    let mut out = stdout();
    let Some(n) = to_agenda else {
        let store = session.open_store_to_read()?;
        let found = crate::review::signals(&store, &session.clock, &vocab, off)?;
        if json {
            return write_json(&mut out, &serde_json::json!({ "signals": found }));
        }
        write!(
            out,
            "{}",
            crate::present::trends::signals_text(&found, &vocab.support.lines)
        )?;
        out.flush()?;
        return Ok(());
    };
    let mut store = session.open_store()?;
    let found = crate::review::signals(&store, &session.clock, &vocab, off)?;
    let Some(signal) = n.checked_sub(1).and_then(|i| found.get(i)) else {
        return Err(crate::Error::invalid(
            "to-agenda",
            match found.len() {
                0 => "there are no signals now, so nothing to add".to_string(),
                k => format!(
                    "there is no signal {n}: choose 1 to {k} (see debrief trends --signals)"
                ),
            },
        ));
    };
    let function = function.unwrap_or(signal.kind.function());
    let item = store.queue_agenda(&signal.agenda_text(), Some(function), session.clock.now())?;
    if json {
        return write_json(&mut out, &serde_json::json!({ "queued": item }));
    }
    writeln!(
        out,
        "On the next supervision agenda as item {item}, under {function}."
    )?;
    out.flush()?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ranges_are_read_or_refused() {
        assert_eq!("4w".parse::<Range>().ok(), Some(Range::Weeks4));
        assert_eq!("ALL".parse::<Range>().ok(), Some(Range::All));
        assert!("forever".parse::<Range>().is_err());
        assert_eq!(Range::All.next(), Range::Weeks4);
    }
}
