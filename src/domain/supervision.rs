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
    /// Free text; it stays on this computer like everything else.
    pub supervisor: Option<String>,
    /// One of [`SESSION_TYPES`] when entered through debrief.
    pub session_type: Option<String>,
    pub agenda: Vec<AgendaItem>,
    pub decisions: Vec<Decision>,
    /// The support agreed (wellbeing, workload).
    pub support: Option<String>,
    /// What was learned; learning needs, training.
    pub learning: Option<String>,
    pub actions: Vec<ActionItem>,
    /// When the next session is.
    pub next_on: Option<NaiveDate>,
}

/// The kinds of supervision session.
pub const SESSION_TYPES: [&str; 5] = ["individual", "group", "peer", "ad hoc", "live"];

/// A session type as typed ("Ad-hoc", "1:1"), as one of [`SESSION_TYPES`].
pub fn session_type(typed: &str) -> Result<&'static str> {
    let wanted = typed.trim().to_lowercase().replace(['-', '_'], " ");
    let wanted = match wanted.as_str() {
        "1:1" | "one to one" | "1 to 1" => "individual",
        "adhoc" | "informal" | "unplanned" => "ad hoc",
        other => other,
    };
    SESSION_TYPES
        .iter()
        .find(|t| **t == wanted)
        .copied()
        .ok_or_else(|| {
            Error::invalid(
                "type",
                format!(
                    "unknown kind of session '{}': use {}",
                    typed.trim().escape_debug(),
                    SESSION_TYPES.join(", ")
                ),
            )
        })
}

/// The four functions of supervision (Morrison's 4x4x4).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Function {
    Management,
    Development,
    Support,
    Mediation,
}

impl Function {
    pub const ALL: [Function; 4] = [
        Function::Management,
        Function::Development,
        Function::Support,
        Function::Mediation,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Function::Management => "management",
            Function::Development => "development",
            Function::Support => "support",
            Function::Mediation => "mediation",
        }
    }
}

impl fmt::Display for Function {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl FromStr for Function {
    type Err = Error;
    /// The function's name, or Kadushin's and Proctor's names for the same thing.
    fn from_str(s: &str) -> Result<Function> {
        let wanted = s.trim().to_lowercase();
        let wanted = match wanted.as_str() {
            "administrative" | "normative" | "managerial" => "management",
            "educational" | "formative" | "learning" => "development",
            "supportive" | "restorative" | "wellbeing" => "support",
            "systemic" | "organisational" | "organizational" => "mediation",
            other => other,
        };
        Function::ALL
            .into_iter()
            .find(|f| f.as_str() == wanted)
            .ok_or_else(|| {
                Error::invalid(
                    "function",
                    format!(
                        "unknown supervision function '{}': use management, development, support or mediation",
                        s.trim().escape_debug()
                    ),
                )
            })
    }
}

impl Supervision {
    pub fn validate(&self) -> Result<()> {
        if self.agenda.iter().any(|a| a.text.trim().is_empty()) {
            return Err(Error::invalid("agenda", "an agenda item cannot be empty"));
        }
        for f in self.agenda.iter().filter_map(|a| a.function.as_deref()) {
            f.parse::<Function>()?;
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
    /// management, development, support or mediation ([`Function`]).
    pub function: Option<String>,
    /// What was said about it.
    pub discussion: Option<String>,
}

impl AgendaItem {
    /// A new (not yet stored) item.
    pub fn new(text: impl Into<String>, function: Option<Function>) -> AgendaItem {
        AgendaItem {
            id: None,
            text: text.into(),
            function: function.map(|f| f.as_str().to_string()),
            discussion: None,
        }
    }

    /// Its function, if it has one debrief knows.
    pub fn function(&self) -> Option<Function> {
        self.function.as_deref().and_then(|f| f.parse().ok())
    }
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
    /// Why it was dropped.
    pub reason: Option<String>,
}

impl ActionItem {
    /// Open, with a due date before `today`.
    pub fn is_overdue(&self, today: NaiveDate) -> bool {
        self.status == ActionStatus::Open && self.due_on.is_some_and(|d| d < today)
    }
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
