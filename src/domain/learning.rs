//! A learning activity: an article, podcast, video, course, event or conversation, with who
//! made or led it, where to find it, the time spent, and a reflection on it (the answers to
//! the `learning` template's stages), so it can become a CPD record.

use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Serialize};

use super::entry::StageAnswer;
use crate::{Error, Result};

/// The template whose stages a learning activity's reflection answers.
pub const LEARNING_TEMPLATE: &str = "learning";

/// The longest time one activity records, in minutes (a fortnight's course, every minute).
pub const MAX_MINUTES: u32 = 100_000;

/// What kind of learning it was.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Activity {
    #[default]
    Article,
    Podcast,
    Video,
    Course,
    Event,
    Conversation,
    Other,
}

impl Activity {
    pub const ALL: [Activity; 7] = [
        Activity::Article,
        Activity::Podcast,
        Activity::Video,
        Activity::Course,
        Activity::Event,
        Activity::Conversation,
        Activity::Other,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Activity::Article => "article",
            Activity::Podcast => "podcast",
            Activity::Video => "video",
            Activity::Course => "course",
            Activity::Event => "event",
            Activity::Conversation => "conversation",
            Activity::Other => "other",
        }
    }
}

impl fmt::Display for Activity {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl FromStr for Activity {
    type Err = Error;
    fn from_str(s: &str) -> Result<Activity> {
        let wanted = s.trim().to_lowercase();
        // A few everyday names for the same things.
        let wanted = match wanted.as_str() {
            "blog" | "book" | "paper" | "research" | "reading" => "article",
            "training" | "webinar" | "module" => "course",
            "conference" | "workshop" | "seminar" | "talk" => "event",
            "film" | "documentary" => "video",
            other => other,
        };
        Activity::ALL
            .into_iter()
            .find(|a| a.as_str() == wanted)
            .ok_or_else(|| {
                let names: Vec<&str> = Activity::ALL.iter().map(|a| a.as_str()).collect();
                Error::invalid(
                    "type",
                    format!(
                        "unknown kind of learning '{}': use {}",
                        s.trim().escape_debug(),
                        names.join(", ")
                    ),
                )
            })
    }
}

/// A learning activity's details (its title is the entry's title).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct Learning {
    pub activity: Activity,
    /// Author, host or organiser.
    pub author: Option<String>,
    /// A web address or a reference.
    pub link: Option<String>,
    /// Time spent, in minutes.
    pub minutes: Option<u32>,
    /// The reflection: non-empty answers to the `learning` template's stages, in order.
    pub answers: Vec<StageAnswer>,
}

impl Learning {
    pub fn validate(&self) -> Result<()> {
        if let Some(m) = self.minutes
            && m > MAX_MINUTES
        {
            return Err(Error::invalid(
                "minutes",
                format!(
                    "{m} minutes is more than one activity can take: give at most {MAX_MINUTES}"
                ),
            ));
        }
        for (what, v) in [("author", &self.author), ("link", &self.link)] {
            if v.as_deref()
                .is_some_and(|v| v.contains('\n') || v.chars().count() > 2000)
            {
                return Err(Error::invalid(
                    what,
                    format!("the {what} is one line of at most 2,000 characters"),
                ));
            }
        }
        Ok(())
    }

    /// Reflected on: at least one stage answered.
    pub fn is_reflected(&self) -> bool {
        self.answers.iter().any(|a| !a.answer.trim().is_empty())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn kinds_of_learning_parse_with_everyday_names() {
        assert_eq!("Podcast".parse::<Activity>().ok(), Some(Activity::Podcast));
        assert_eq!("webinar".parse::<Activity>().ok(), Some(Activity::Course));
        assert_eq!("conference".parse::<Activity>().ok(), Some(Activity::Event));
        let err = "radio"
            .parse::<Activity>()
            .expect_err("unknown")
            .to_string();
        assert!(err.contains("article, podcast, video, course"), "{err}");
    }

    #[test]
    fn limits_are_checked() {
        let l = Learning {
            minutes: Some(MAX_MINUTES + 1),
            ..Learning::default()
        };
        assert!(l.validate().is_err());
        let l = Learning {
            link: Some("a\nb".into()),
            ..Learning::default()
        };
        assert!(l.validate().is_err());
        assert!(!Learning::default().is_reflected());
    }
}
