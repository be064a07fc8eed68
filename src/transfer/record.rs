//! The JSON shape of an entry. Field names are a documented, stable interface (README,
//! "Machine output"): add fields, never rename or remove them.

use chrono::{DateTime, FixedOffset, Utc};
use serde::{Deserialize, Serialize};
use uuid::Uuid;

use crate::domain::{
    BodySensation, Emotion, Entry, EntrySummary, Kind, Rating, StageAnswer, SupervisionDetails, Tag,
};

/// A whole entry, as `debrief show --json` prints it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct EntryRecord {
    pub id: i64,
    pub uuid: Uuid,
    pub kind: Kind,
    /// RFC 3339 with the writer's UTC offset at capture.
    pub created: DateTime<FixedOffset>,
    pub updated: DateTime<Utc>,
    pub deleted: Option<DateTime<Utc>>,
    pub title: Option<String>,
    pub body: String,
    pub stress: Option<Rating>,
    pub energy: Option<Rating>,
    pub work_context: Option<String>,
    pub tags: Vec<Tag>,
    pub starred: bool,
    pub for_supervision: bool,
    pub unfinished: bool,
    pub template: Option<String>,
    pub answers: Vec<StageAnswer>,
    pub sensations: Vec<BodySensation>,
    pub emotions: Vec<Emotion>,
    pub supervision: Option<SupervisionDetails>,
}

impl From<&Entry> for EntryRecord {
    fn from(e: &Entry) -> Self {
        let c = &e.content;
        EntryRecord {
            id: e.id.0,
            uuid: e.uuid,
            kind: c.kind,
            created: e.created,
            updated: e.updated,
            deleted: e.deleted,
            title: c.title.clone(),
            body: c.body.clone(),
            stress: c.stress,
            energy: c.energy,
            work_context: c.work_context.clone(),
            tags: c.tags.clone(),
            starred: c.starred,
            for_supervision: c.for_supervision,
            unfinished: c.unfinished,
            template: c.template.clone(),
            answers: c.answers.clone(),
            sensations: c.sensations.clone(),
            emotions: c.emotions.clone(),
            supervision: c.supervision.clone(),
        }
    }
}

/// One line of `list --json` / `search --json`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct SummaryRecord {
    pub id: i64,
    pub uuid: Uuid,
    pub kind: Kind,
    pub created: DateTime<FixedOffset>,
    /// The title, or the first line of the body.
    pub headline: String,
    pub tags: Vec<Tag>,
    pub stress: Option<Rating>,
    pub energy: Option<Rating>,
    pub starred: bool,
    pub for_supervision: bool,
    pub unfinished: bool,
    pub deleted: Option<DateTime<Utc>>,
    /// Search only: an extract with each match wrapped in `**`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub snippet: Option<String>,
}

impl From<&EntrySummary> for SummaryRecord {
    fn from(s: &EntrySummary) -> Self {
        SummaryRecord {
            id: s.id.0,
            uuid: s.uuid,
            kind: s.kind,
            created: s.created,
            headline: s.headline.clone(),
            tags: s.tags.clone(),
            stress: s.stress,
            energy: s.energy,
            starred: s.starred,
            for_supervision: s.for_supervision,
            unfinished: s.unfinished,
            deleted: s.deleted,
            snippet: None,
        }
    }
}
