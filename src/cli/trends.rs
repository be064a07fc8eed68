//! `debrief trends`: stress over time, by weekday and hour, by kind of work, flag and tag,
//! the body, emotions and what helps, for a period, as text or JSON.

use std::io::Write;

use chrono::{DateTime, Duration, Utc};
use clap::Args;

use super::output::{stdout, write_json};
use crate::Result;
use crate::session::Session;

#[derive(Debug, Args)]
pub struct TrendsArgs {
    /// The period: 4w, 3m (the default), 1y or all.
    #[arg(long, value_name = "RANGE", default_value = "3m")]
    pub range: String,
    /// From this date instead (yesterday, 2026-09-01, last monday).
    #[arg(long, value_name = "WHEN")]
    pub since: Option<String>,
    /// Up to this date (a date includes that whole day).
    #[arg(long, value_name = "WHEN")]
    pub until: Option<String>,
    /// Print JSON instead of text.
    #[arg(long)]
    pub json: bool,
}

/// The length of a range as typed.
fn range_days(typed: &str) -> Result<Option<i64>> {
    match typed.trim().to_lowercase().as_str() {
        "4w" | "4 weeks" | "month" => Ok(Some(28)),
        "3m" | "3 months" | "quarter" => Ok(Some(91)),
        "1y" | "year" => Ok(Some(365)),
        "all" => Ok(None),
        other => Err(crate::Error::invalid(
            "range",
            format!(
                "unknown range '{}': use 4w, 3m, 1y or all (or --since WHEN)",
                other.escape_debug()
            ),
        )),
    }
}

pub fn run(session: &Session, a: TrendsArgs) -> Result<()> {
    let clock = &session.clock;
    let now = clock.now();
    let to: DateTime<Utc> = match &a.until {
        Some(w) => session.read_date(w)?.until(),
        None => now + Duration::seconds(1),
    };
    let store = session.open_store_to_read()?;
    let from = match (&a.since, range_days(&a.range)?) {
        (Some(w), _) => session.read_date(w)?.since(),
        (None, Some(days)) => to - Duration::days(days),
        (None, None) => store.first_written()?.unwrap_or(to),
    };
    if from >= to {
        return Err(crate::Error::invalid(
            "since",
            "the period is empty: --since must come before --until",
        ));
    }
    let rows = store.trend_rows(from, to)?;
    let before = store.trend_rows(from - (to - from), from)?;
    let trends = crate::analytics::trends(&rows, &before, &session.vocabulary());
    let mut out = stdout();
    if a.json {
        let value = serde_json::json!({
            "from": from,
            "to": to,
            "trends": trends,
        });
        return write_json(&mut out, &value);
    }
    let day = |t: DateTime<Utc>| clock.local(t).format("%a %-d %b %Y").to_string();
    let period = format!("{} to {}", day(from), day(to - Duration::seconds(1)));
    write!(
        out,
        "{}",
        crate::present::trends::trends_text(&trends, &period)
    )?;
    out.flush()?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ranges_are_read_or_refused() {
        assert_eq!(range_days("4w").ok(), Some(Some(28)));
        assert_eq!(range_days("ALL").ok(), Some(None));
        assert!(range_days("forever").is_err());
    }
}
