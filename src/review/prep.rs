//! The supervision prep pack and the next agenda, from domain values: open and overdue
//! actions, flagged entries (the part worth discussing), a wellbeing summary with each
//! figure's n, and the balance of supervision functions over recent sessions. Pure.

use std::collections::BTreeMap;

use chrono::{DateTime, NaiveDate, Utc};
use serde::Serialize;

use crate::domain::sessions::{LastSession, Queued, SessionAction};
use crate::domain::supervision::Function;
use crate::domain::templates::{self, Template};
use crate::domain::{
    Details, Entry, EntryId, EntrySummary, Gist, Kind, Recovery, Supervision, Vocabulary,
};

/// Fewer check-ins than this and the wellbeing summary says so instead of summarising.
pub const MIN_CHECKINS: usize = 5;

/// At most this many flagged entries come to one agenda.
pub const MAX_FLAGGED: usize = 200;

/// At most this many flagged entries are quoted in one pack; the rest are named.
pub const MAX_QUOTED: usize = 40;

/// How many earlier sessions the balance line looks at.
pub const BALANCE_SESSIONS: usize = 6;

/// What to bring next time.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct NextAgenda {
    /// The newest supervision note, if there is one.
    pub last: Option<LastSession>,
    /// Open actions from earlier sessions, dated ones first.
    pub open_actions: Vec<SessionAction>,
    /// Entries flagged for supervision and not yet covered, oldest first (at most
    /// [`MAX_FLAGGED`]; `more_flagged` says whether there are others).
    pub flagged: Vec<EntrySummary>,
    pub more_flagged: bool,
    /// Items typed straight into the next agenda.
    pub queued: Vec<Queued>,
    /// The day "overdue" is counted from.
    pub today: NaiveDate,
}

impl NextAgenda {
    pub fn is_empty(&self) -> bool {
        self.open_actions.is_empty() && self.flagged.is_empty() && self.queued.is_empty()
    }
}

/// The part of an entry the pack shows: its parts under their headings.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Extract {
    pub entry: EntryId,
    pub headline: String,
    /// (heading, text); a plain entry has one part without a heading: its first lines.
    pub parts: Vec<(Option<String>, String)>,
}

/// How many lines of a plain entry the pack quotes.
const PLAIN_LINES: usize = 4;

/// The part of `e` worth discussing: for a guided reflection the stages that feed learning
/// and impact (the analysis, "so what", what next; every stage and the text with `full`);
/// for other entries the first lines of the text.
pub fn extract(e: &Entry, full: bool) -> Extract {
    let guided = match &e.content.details {
        Details::Reflection(g) => g
            .template
            .as_deref()
            .and_then(templates::find)
            .map(|t| (t, &g.answers)),
        Details::Learning(l) => {
            templates::find(crate::domain::learning::LEARNING_TEMPLATE).map(|t| (t, &l.answers))
        }
        _ => None,
    };
    let body = e.content.common.body.trim();
    let mut parts = Vec::new();
    match guided {
        Some((t, answers)) => {
            if full && !body.is_empty() {
                parts.push((None, body.to_string()));
            }
            for a in answers {
                let stage = t.stage(&a.stage);
                if full || stage.is_some_and(|s| discussed(t, &s.key)) {
                    let heading = stage.map_or_else(|| a.stage.clone(), |s| s.title.clone());
                    parts.push((Some(heading), a.answer.trim().to_string()));
                }
            }
        }
        None if !body.is_empty() => {
            let text = if full {
                body.to_string()
            } else {
                // Without a title the first line is the headline already.
                let skip = usize::from(e.content.common.title.is_none());
                let lines: Vec<&str> = body.lines().skip(skip).collect();
                let mut text = lines[..lines.len().min(PLAIN_LINES)].join("\n");
                if lines.len() > PLAIN_LINES {
                    text.push_str("\n…");
                }
                text
            };
            if !text.trim().is_empty() {
                parts.push((None, text));
            }
        }
        None => {}
    }
    Extract {
        entry: e.id(),
        headline: e.content.headline().to_string(),
        parts,
    }
}

/// A stage that feeds learning or impact: what the pack shows by default.
fn discussed(t: &Template, key: &str) -> bool {
    t.stage(key).is_some_and(|s| {
        s.maps_to
            .as_deref()
            .is_some_and(|m| m == "learning" || m == "impact")
    })
}

/// Stress over a period: how many ratings, their mean in tenths, the highest.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize)]
pub struct StressFigures {
    pub n: usize,
    pub mean_tenths: Option<u32>,
    pub max: Option<u8>,
}

impl StressFigures {
    fn of(values: impl Iterator<Item = u8>) -> StressFigures {
        let mut f = StressFigures::default();
        let mut total = 0u32;
        for v in values {
            f.n += 1;
            total += u32::from(v);
            f.max = f.max.max(Some(v));
        }
        f.mean_tenths = (f.n > 0).then(|| (total * 10 + f.n as u32 / 2) / f.n as u32);
        f
    }
}

/// The wellbeing summary: check-ins' stress (with the previous period of the same length
/// for a trend), the regions and emotions that came up most, and recovery if logged.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
pub struct Wellbeing {
    pub checkins: usize,
    /// `false`: fewer than [`MIN_CHECKINS`] check-ins, so nothing is summarised.
    pub enough: bool,
    pub stress: StressFigures,
    pub previous_stress: StressFigures,
    /// (label, check-ins it came up in), most frequent first, at most three.
    pub regions: Vec<(String, usize)>,
    pub emotions: Vec<(String, usize)>,
    /// Nights logged, their mean in minutes, and how many were under six hours.
    pub sleep_nights: usize,
    pub sleep_mean_minutes: Option<u32>,
    pub short_nights: usize,
    pub breaks: usize,
    pub movement_minutes: u32,
    pub movement_sessions: usize,
}

/// The summary of `period` (check-ins and recovery entries) against `previous`.
pub fn wellbeing(
    period: &[EntrySummary],
    previous: &[EntrySummary],
    vocab: &Vocabulary,
) -> Wellbeing {
    fn checkins(es: &[EntrySummary]) -> Vec<&EntrySummary> {
        es.iter().filter(|e| e.kind == Kind::Checkin).collect()
    }
    let now = checkins(period);
    let stress = |es: &[&EntrySummary]| {
        StressFigures::of(es.iter().filter_map(|e| e.stress.map(|s| s.value())))
    };
    let mut w = Wellbeing {
        checkins: now.len(),
        enough: now.len() >= MIN_CHECKINS,
        stress: stress(&now),
        previous_stress: stress(&checkins(previous)),
        ..Wellbeing::default()
    };
    let mut regions: BTreeMap<String, usize> = BTreeMap::new();
    let mut emotions: BTreeMap<String, usize> = BTreeMap::new();
    for e in &now {
        if let Gist::Checkin {
            body,
            emotions: felt,
            ..
        } = &e.gist
        {
            let mut seen: Vec<&str> = body.iter().map(|(region, _)| region.as_str()).collect();
            seen.sort_unstable();
            seen.dedup();
            for r in seen {
                *regions
                    .entry(vocab.label(crate::domain::vocab::List::Regions, r))
                    .or_default() += 1;
            }
            for em in felt {
                *emotions.entry(em.replace('_', " ")).or_default() += 1;
            }
        }
    }
    w.regions = most_frequent(regions);
    w.emotions = most_frequent(emotions);
    let mut sleep_total = 0u32;
    for e in period {
        match &e.gist {
            Gist::Recovery(Recovery::Sleep { minutes, .. }) => {
                w.sleep_nights += 1;
                sleep_total += u32::from(*minutes);
                w.short_nights += usize::from(*minutes < 6 * 60);
            }
            Gist::Recovery(Recovery::Break { .. }) => w.breaks += 1,
            Gist::Recovery(Recovery::Move { minutes, .. }) => {
                w.movement_sessions += 1;
                w.movement_minutes += u32::from(minutes.unwrap_or(0));
            }
            _ => {}
        }
    }
    w.sleep_mean_minutes = (w.sleep_nights > 0).then(|| sleep_total / w.sleep_nights as u32);
    w
}

fn most_frequent(counts: BTreeMap<String, usize>) -> Vec<(String, usize)> {
    let mut v: Vec<(String, usize)> = counts.into_iter().filter(|(_, n)| *n >= 2).collect();
    v.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
    v.truncate(3);
    v
}

/// Agenda items per supervision function over the last sessions.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
pub struct Balance {
    pub sessions: usize,
    pub items: BTreeMap<Function, usize>,
    /// Items without a function.
    pub unmarked: usize,
}

impl Balance {
    /// The functions that support the worker and their growth, when none of the sessions
    /// looked had an item for them (the management function tends to crowd them out).
    pub fn missing(&self) -> Vec<Function> {
        if self.sessions == 0 {
            return Vec::new();
        }
        [Function::Support, Function::Development]
            .into_iter()
            .filter(|f| self.items.get(f).copied().unwrap_or(0) == 0)
            .collect()
    }
}

/// The balance of the agendas of `sessions` (the newest [`BALANCE_SESSIONS`]).
pub fn balance(sessions: &[Supervision]) -> Balance {
    let mut b = Balance {
        sessions: sessions.len(),
        ..Balance::default()
    };
    for item in sessions.iter().flat_map(|s| &s.agenda) {
        match item.function() {
            Some(f) => *b.items.entry(f).or_default() += 1,
            None => b.unmarked += 1,
        }
    }
    b
}

/// The prep pack.
#[derive(Clone, Debug)]
pub struct Pack {
    /// The window: since the last session (or the date given), up to now.
    pub from: DateTime<Utc>,
    pub to: DateTime<Utc>,
    pub agenda: NextAgenda,
    pub extracts: Vec<Extract>,
    /// `None` when switched off.
    pub wellbeing: Option<Wellbeing>,
    pub balance: Balance,
}

#[cfg(test)]
mod tests;
