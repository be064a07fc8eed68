//! Supervision details: the session, its agenda, decisions and actions. Actions carry a
//! status so later sessions can carry open ones forward.

use std::fmt;
use std::str::FromStr;

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::{Error, Result};

/// One supervision session's notes.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct SupervisionDetails {
    pub held_on: Option<NaiveDate>,
    pub supervisor: Option<String>,
    /// individual, group, peer, ad hoc, ...
    pub session_type: Option<String>,
    pub agenda: Vec<AgendaItem>,
    pub decisions: Vec<String>,
    pub actions: Vec<ActionItem>,
}

impl SupervisionDetails {
    pub fn validate(&self) -> Result<()> {
        if self.agenda.iter().any(|a| a.text.trim().is_empty()) {
            return Err(Error::invalid("an agenda item cannot be empty"));
        }
        if self.actions.iter().any(|a| a.text.trim().is_empty()) {
            return Err(Error::invalid(
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
    pub text: String,
    /// management, development, support or mediation.
    pub function: Option<String>,
}

/// An action agreed in supervision.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct ActionItem {
    pub text: String,
    pub owner: Option<String>,
    pub due_on: Option<NaiveDate>,
    pub status: ActionStatus,
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
            other => Err(Error::invalid(format!(
                "unknown action status '{other}': use open, done or dropped"
            ))),
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
    fn empty_actions_are_refused() {
        let d = SupervisionDetails {
            actions: vec![ActionItem::default()],
            ..Default::default()
        };
        assert!(d.validate().is_err());
    }
}
