//! Supervision details: the session, its agenda, decisions and actions. Agenda items,
//! decisions and actions carry stable ids once stored, so later sessions can carry open
//! actions forward, close them and refer to them.

use std::fmt;
use std::str::FromStr;

use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};

use crate::{Error, Result};

/// The stable id of a stored agenda item, decision or action (`None` before it is stored).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(transparent)]
pub struct ItemId(pub i64);

impl fmt::Display for ItemId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.0.fmt(f)
    }
}

/// One supervision session's notes.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct Supervision {
    pub held_on: Option<NaiveDate>,
    pub supervisor: Option<String>,
    /// individual, group, peer, ad hoc, ...
    pub session_type: Option<String>,
    pub agenda: Vec<AgendaItem>,
    pub decisions: Vec<Decision>,
    pub actions: Vec<ActionItem>,
}

impl Supervision {
    pub fn validate(&self) -> Result<()> {
        if self.agenda.iter().any(|a| a.text.trim().is_empty()) {
            return Err(Error::invalid("agenda", "an agenda item cannot be empty"));
        }
        if self.decisions.iter().any(|d| d.text.trim().is_empty()) {
            return Err(Error::invalid("decision", "a decision cannot be empty"));
        }
        if self.actions.iter().any(|a| a.text.trim().is_empty()) {
            return Err(Error::invalid(
                "action",
                "an action needs a description of what is to be done",
            ));
        }
        Ok(())
    }
}

/// An agenda item, optionally tagged with the Morrison function it serves.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct AgendaItem {
    pub id: Option<ItemId>,
    pub text: String,
    /// management, development, support or mediation.
    pub function: Option<String>,
}

/// A decision recorded in a session.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct Decision {
    pub id: Option<ItemId>,
    pub text: String,
}

impl Decision {
    /// A new (not yet stored) decision.
    pub fn new(text: impl Into<String>) -> Decision {
        Decision {
            id: None,
            text: text.into(),
        }
    }
}

/// An action agreed in supervision.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct ActionItem {
    pub id: Option<ItemId>,
    pub text: String,
    pub owner: Option<String>,
    pub due_on: Option<NaiveDate>,
    pub status: ActionStatus,
    /// When it was marked done or dropped; `None` while open. Set by the journal.
    pub closed: Option<DateTime<Utc>>,
}

/// Where an action stands.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum ActionStatus {
    #[default]
    Open,
    Done,
    Dropped,
}

impl ActionStatus {
    pub fn as_str(self) -> &'static str {
        match self {
            ActionStatus::Open => "open",
            ActionStatus::Done => "done",
            ActionStatus::Dropped => "dropped",
        }
    }
}

impl fmt::Display for ActionStatus {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl FromStr for ActionStatus {
    type Err = Error;
    fn from_str(s: &str) -> Result<Self> {
        match s.trim().to_lowercase().as_str() {
            "open" => Ok(ActionStatus::Open),
            "done" => Ok(ActionStatus::Done),
            "dropped" => Ok(ActionStatus::Dropped),
            other => Err(Error::invalid(
                "status",
                format!(
                    "unknown action status '{}': use open, done or dropped",
                    other.escape_debug()
                ),
            )),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn statuses_round_trip_through_text() {
        for s in [
            ActionStatus::Open,
            ActionStatus::Done,
            ActionStatus::Dropped,
        ] {
            assert_eq!(s.as_str().parse::<ActionStatus>().ok(), Some(s));
        }
        assert!("closed".parse::<ActionStatus>().is_err());
    }

    #[test]
    fn empty_items_are_refused() {
        let d = Supervision {
            actions: vec![ActionItem::default()],
            ..Default::default()
        };
        assert!(d.validate().is_err());
        let d = Supervision {
            decisions: vec![Decision::new(" ")],
            ..Default::default()
        };
        assert!(d.validate().is_err());
    }
}
