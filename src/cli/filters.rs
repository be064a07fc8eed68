//! The filter flags `list` and `search` share, and their conversion into an [`EntryFilter`].

use clap::Args;

use crate::domain::{EntryFilter, Kind, Tag};
use crate::session::Session;

#[derive(Debug, Default, Args)]
pub struct FilterArgs {
    /// Only entries written on or after WHEN (e.g. 2026-11-01, yesterday, "last monday").
    #[arg(long, value_name = "WHEN", allow_hyphen_values = true)]
    pub since: Option<String>,
    /// Only entries written before WHEN; a day includes the whole of that day.
    #[arg(long, value_name = "WHEN", allow_hyphen_values = true)]
    pub until: Option<String>,
    /// Only entries written on that day (e.g. yesterday, 20/11/2026).
    #[arg(long, value_name = "DAY", allow_hyphen_values = true, conflicts_with_all = ["since", "until"])]
    pub on: Option<String>,
    /// Only this kind: reflection, checkin, supervision, recovery or learning.
    #[arg(long, value_name = "KIND")]
    pub kind: Option<String>,
    /// Only entries with this tag (repeat to require several; with --or, any of them).
    #[arg(long = "tag", short = 't', value_name = "TAG")]
    pub tags: Vec<String>,
    /// With several --tag: entries with any one of them, not all.
    #[arg(long)]
    pub or: bool,
    /// Leave out entries with this tag (repeatable).
    #[arg(long = "not", value_name = "TAG")]
    pub not_tags: Vec<String>,
    /// Only starred entries.
    #[arg(long)]
    pub starred: bool,
    /// Only entries marked "finish later".
    #[arg(long)]
    pub unfinished: bool,
    /// Only entries flagged for supervision.
    #[arg(long)]
    pub for_supervision: bool,
    /// Only entries with stress at least N (0-10).
    #[arg(long, value_name = "N", allow_negative_numbers = true)]
    pub min_stress: Option<String>,
    /// Look in the trash instead of the live journal.
    #[arg(long)]
    pub trash: bool,
}

impl FilterArgs {
    /// Was any filter given?
    pub fn any(&self) -> bool {
        self.since.is_some()
            || self.until.is_some()
            || self.on.is_some()
            || self.kind.is_some()
            || !self.tags.is_empty()
            || !self.not_tags.is_empty()
            || self.starred
            || self.unfinished
            || self.for_supervision
            || self.min_stress.is_some()
            || self.trash
    }

    /// Validate the flags into a filter; errors name the flag and what it accepts.
    pub fn to_filter(&self, session: &Session) -> crate::Result<EntryFilter> {
        let mut since = match &self.since {
            Some(s) => Some(session.read_date(s)?.since()),
            None => None,
        };
        let mut until = match &self.until {
            Some(s) => Some(session.read_date(s)?.until()),
            None => None,
        };
        if let Some(day) = &self.on {
            let day = session.read_date(day)?;
            (since, until) = (Some(day.since()), Some(day.until()));
        }
        let parse_tags = |raw: &[String]| {
            raw.iter()
                .map(|t| Tag::parse(t))
                .collect::<crate::Result<Vec<_>>>()
        };
        Ok(EntryFilter {
            since,
            until,
            kind: self.kind.as_deref().map(str::parse::<Kind>).transpose()?,
            tags: parse_tags(&self.tags)?,
            any_tag: self.or,
            without_tags: parse_tags(&self.not_tags)?,
            starred: self.starred,
            unfinished: self.unfinished,
            for_supervision: self.for_supervision,
            min_stress: self
                .min_stress
                .as_deref()
                .map(|s| parse_rating("--min-stress", s))
                .transpose()?,
            trashed: self.trash,
            before: None,
            after: None,
        })
    }
}

/// Parse a 0-10 rating typed on the command line.
pub fn parse_rating(flag: &'static str, raw: &str) -> crate::Result<crate::domain::Rating> {
    let n = raw.trim().parse::<i64>().map_err(|_| {
        crate::Error::invalid(
            flag,
            format!(
                "{flag} must be a whole number from 0 to 10, got '{}'",
                raw.escape_debug()
            ),
        )
    })?;
    crate::domain::Rating::new(flag, n)
}
