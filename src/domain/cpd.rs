//! CPD records in the shape Social Work England's form asks for (description, what was
//! learnt, impact, an optional peer reflection), made from a reflection or a learning
//! activity through the stage mapping; and the registration year with its requirement.

use chrono::{Datelike, NaiveDate};
use serde::{Deserialize, Serialize};

use super::entry::{Details, Entry};
use super::learning::LEARNING_TEMPLATE;
use super::templates;
use crate::{Error, Result};

/// How many records a year asks for, how many with a peer reflection, and when the year
/// starts. The default is Social Work England's rule at the time of writing.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Requirement {
    /// The first day of the registration year, "MM-DD".
    pub year_starts: String,
    pub records: u32,
    pub with_peer: u32,
}

impl Default for Requirement {
    fn default() -> Self {
        Requirement {
            year_starts: "12-01".into(),
            records: 2,
            with_peer: 1,
        }
    }
}

impl Requirement {
    /// The (month, day) the year starts on, or what is wrong with the setting.
    pub fn start(&self) -> Result<(u32, u32)> {
        let bad = || {
            Error::invalid(
                "cpd",
                format!(
                    "year_starts '{}' is not a month and day: write it as \"12-01\"",
                    self.year_starts.escape_debug()
                ),
            )
        };
        let (m, d) = self.year_starts.trim().split_once('-').ok_or_else(bad)?;
        let (m, d): (u32, u32) = (m.parse().map_err(|_| bad())?, d.parse().map_err(|_| bad())?);
        // Any year will do to check the day exists; 2023 has no 29 February, so that is refused.
        NaiveDate::from_ymd_opt(2023, m, d).ok_or_else(bad)?;
        Ok((m, d))
    }
}

/// One registration year: from `first` to `last`, inclusive.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
pub struct RegistrationYear {
    pub first: NaiveDate,
    pub last: NaiveDate,
}

impl RegistrationYear {
    /// The year containing `day`, for a year starting on (`month`, `day`).
    pub fn containing(day: NaiveDate, (month, start_day): (u32, u32)) -> RegistrationYear {
        let start_in =
            |year: i32| NaiveDate::from_ymd_opt(year, month, start_day).unwrap_or(NaiveDate::MIN);
        let this = start_in(day.year());
        let first = if day >= this {
            this
        } else {
            start_in(day.year() - 1)
        };
        let next = start_in(first.year() + 1);
        RegistrationYear {
            first,
            last: next.pred_opt().unwrap_or(next),
        }
    }

    /// The year that ends in calendar year `ending` (`--year 2026`: 1 Dec 2025 to 30 Nov 2026).
    pub fn ending_in(ending: i32, start: (u32, u32)) -> RegistrationYear {
        let last_day = NaiveDate::from_ymd_opt(ending, start.0, start.1)
            .and_then(|d| d.pred_opt())
            .unwrap_or(NaiveDate::MIN);
        RegistrationYear::containing(last_day, start)
    }

    /// Days from `today` to the deadline (the last day), 0 on the day itself.
    pub fn days_left(&self, today: NaiveDate) -> i64 {
        (self.last - today).num_days()
    }
}

/// A CPD record: the form's fields, filled from an entry.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct CpdRecord {
    pub title: String,
    /// What kind of CPD: "reflection on practice", "podcast", "course", ...
    pub activity: String,
    pub date: NaiveDate,
    pub description: String,
    pub learning: String,
    pub impact: String,
    /// What was learnt from discussing it with a peer (optional).
    pub peer: Option<String>,
}

impl CpdRecord {
    /// The record for a reflection or a learning activity (with the peer reflection kept for
    /// its record, if any), or why another kind cannot be one.
    pub fn of_entry(e: &Entry, date: NaiveDate, peer: Option<&str>) -> Result<CpdRecord> {
        let c = &e.content;
        let (template, answers, activity, mut description) = match &c.details {
            Details::Reflection(g) => (
                g.template.as_deref(),
                &g.answers,
                "reflection on practice".to_string(),
                Vec::new(),
            ),
            Details::Learning(l) => {
                let mut what = vec![format!("{} ({})", c.headline(), l.activity)];
                what.extend(l.author.as_ref().map(|a| format!("by {a}")));
                what.extend(l.minutes.map(|m| format!("{m} minutes")));
                what.extend(l.link.clone());
                (
                    Some(LEARNING_TEMPLATE),
                    &l.answers,
                    l.activity.to_string(),
                    vec![what.join(", ")],
                )
            }
            _ => {
                return Err(Error::invalid(
                    "cpd",
                    format!(
                        "a {} cannot be a CPD record: use a reflection or a learning activity",
                        e.kind().label()
                    ),
                ));
            }
        };
        let template = template.and_then(templates::find);
        let field = |name: &str| -> Vec<String> {
            answers
                .iter()
                .filter(|a| {
                    template
                        .and_then(|t| t.stage(&a.stage))
                        .and_then(|s| s.maps_to.as_deref())
                        == Some(name)
                })
                .map(|a| a.answer.trim().to_string())
                .filter(|a| !a.is_empty())
                .collect()
        };
        description.extend(Some(c.common.body.trim().to_string()).filter(|b| !b.is_empty()));
        description.extend(field("description"));
        let peer = peer
            .map(|p| p.trim().to_string())
            .filter(|p| !p.is_empty())
            .or_else(|| Some(field("peer").join("\n\n")).filter(|p| !p.is_empty()));
        Ok(CpdRecord {
            title: c.headline().to_string(),
            activity,
            date,
            description: description.join("\n\n"),
            learning: field("learning").join("\n\n"),
            impact: field("impact").join("\n\n"),
            peer,
        })
    }

    /// The form's fields not written yet: empty, a placeholder, or too short to say
    /// anything (see [`is_written`]).
    pub fn missing(&self) -> Vec<&'static str> {
        [
            ("description", &self.description),
            ("learning", &self.learning),
            ("impact on practice", &self.impact),
        ]
        .into_iter()
        .filter(|(_, v)| !is_written(v))
        .map(|(name, _)| name)
        .collect()
    }

    /// The record as text to paste into the regulator's form: one block per question, as
    /// Markdown headings or plain capitals.
    pub fn render(&self, markdown: bool) -> String {
        let heading = |h: &str| {
            if markdown {
                format!("## {h}\n")
            } else {
                format!("{}\n", h.to_uppercase())
            }
        };
        let empty = "(not written yet)";
        let mut out = if markdown {
            format!("# CPD record: {}\n\n", self.title)
        } else {
            format!("CPD record: {}\n\n", self.title)
        };
        for (h, text) in [
            ("Type of CPD", self.activity.clone()),
            ("Date", self.date.format("%-d %B %Y").to_string()),
            (
                "Description and why it is relevant",
                self.description.clone(),
            ),
            ("What I learnt", self.learning.clone()),
            (
                "The impact on my practice and the people I work with",
                self.impact.clone(),
            ),
            (
                "What I learnt from discussing this with a peer",
                self.peer.clone().unwrap_or_default(),
            ),
        ] {
            out.push_str(&heading(h));
            out.push_str(if text.trim().is_empty() {
                empty
            } else {
                text.trim()
            });
            out.push_str("\n\n");
        }
        out.trim_end().to_string() + "\n"
    }
}

/// The fewest words a field of the record needs to count as written: the regulator's form
/// asks for a description, what was learnt and its impact, and a word or two says none of it.
pub const MIN_WORDS: usize = 3;

/// Whether `text` says something as a field of a record: at least [`MIN_WORDS`] words once
/// placeholders are taken out ("(not written yet)", "n/a", "tbc", "to be confirmed", "to do
/// later", "TODO: fill this in", "xxx", "lorem ipsum"...).
pub fn is_written(text: &str) -> bool {
    let words: Vec<String> = text
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_lowercase)
        .collect();
    let mut said = format!(" {} ", words.join(" "));
    // Phrases first (their words can be ordinary ones elsewhere), then lone tokens.
    const PHRASES: [&str; 14] = [
        "not written yet",
        "not yet written",
        "to be confirmed",
        "to be completed",
        "to be added",
        "to follow",
        "will write later",
        "write this later",
        "write later",
        "fill this in",
        "fill in later",
        "fill in",
        "to do",
        "n a",
    ];
    for phrase in PHRASES {
        let padded = format!(" {phrase} ");
        while said.contains(&padded) {
            said = said.replace(&padded, " ");
        }
    }
    const TOKENS: [&str; 16] = [
        "tbc",
        "tbd",
        "tba",
        "todo",
        "na",
        "none",
        "nothing",
        "later",
        "xxx",
        "xx",
        "x",
        "lorem",
        "ipsum",
        "placeholder",
        "pending",
        "yet",
    ];
    let left = said
        .split_whitespace()
        .filter(|w| !TOKENS.contains(w))
        .count();
    left >= MIN_WORDS
}

#[cfg(test)]
mod tests;
