//! The JSON shape of an entry. Field names are a documented, stable interface (README,
//! "Machine output"): add fields, never rename or remove them. The record is flat; the
//! entry's typed details are spread into the fields of its kind.

use chrono::{DateTime, FixedOffset, Utc};
use serde::{Deserialize, Serialize};
use uuid::Uuid;

use crate::domain::learning::LEARNING_TEMPLATE;
use crate::domain::templates;
use crate::domain::{
    BodySensation, Details, Emotion, Entry, EntrySummary, Kind, Rating, Recovery, Supervision, Tag,
};

/// One stage answer in JSON: the stage's key, its title in the template, the answer.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct AnswerRecord {
    pub stage: String,
    pub title: String,
    pub answer: String,
}

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
    pub answers: Vec<AnswerRecord>,
    pub sensations: Vec<BodySensation>,
    pub emotions: Vec<Emotion>,
    /// Check-ins: what made the work harder (vocabulary ids).
    pub difficulties: Vec<String>,
    pub supervision: Option<Supervision>,
    /// Recovery entries: `{"activity": "sleep", "minutes": 420, "quality": 6}` and the like.
    pub recovery: Option<Recovery>,
    /// Learning activities: what it was; the reflection is in `answers`.
    pub learning: Option<LearningRecord>,
    /// Reflections that answer a review: `{"kind": "week", "from": ..., "to": ...}`.
    pub review: Option<crate::domain::reviewed::ReviewOf>,
    /// In bundles only: when the entry was made into a CPD record, and the peer reflection
    /// kept with it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub cpd: Option<CpdMarkRecord>,
    /// In bundles only, for supervision notes: the entries (by UUID) the session covered.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub covered: Vec<Uuid>,
}

/// An entry's CPD record, as a bundle carries it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct CpdMarkRecord {
    pub made: DateTime<Utc>,
    pub peer: Option<String>,
}

/// A learning activity in JSON (its title is the entry's title).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct LearningRecord {
    pub activity: crate::domain::Activity,
    pub author: Option<String>,
    pub link: Option<String>,
    pub minutes: Option<u32>,
}

/// Stage answers with their titles from the template (a key the template lacks is its own
/// title).
fn answer_records(
    template: Option<&templates::Template>,
    answers: &[crate::domain::StageAnswer],
) -> Vec<AnswerRecord> {
    answers
        .iter()
        .map(|a| AnswerRecord {
            stage: a.stage.clone(),
            title: template
                .and_then(|t| t.stage(&a.stage))
                .map_or_else(|| a.stage.clone(), |s| s.title.clone()),
            answer: a.answer.clone(),
        })
        .collect()
}

impl From<&Entry> for EntryRecord {
    fn from(e: &Entry) -> Self {
        let c = &e.content.common;
        let mut record = EntryRecord {
            id: e.meta.id.0,
            uuid: e.meta.uuid,
            kind: e.kind(),
            created: e.meta.created,
            updated: e.meta.updated,
            deleted: e.meta.deleted,
            title: c.title.clone(),
            body: c.body.clone(),
            stress: c.stress,
            energy: c.energy,
            work_context: c.work_context.clone(),
            tags: c.tags.clone(),
            starred: c.flags.starred,
            for_supervision: c.flags.for_supervision,
            unfinished: c.flags.unfinished,
            template: None,
            answers: Vec::new(),
            sensations: Vec::new(),
            emotions: Vec::new(),
            difficulties: Vec::new(),
            supervision: None,
            recovery: None,
            learning: None,
            review: None,
            cpd: None,
            covered: Vec::new(),
        };
        match &e.content.details {
            Details::Reflection(g) => {
                let template = g.template.as_deref().and_then(templates::find);
                record.template = g.template.clone();
                record.answers = answer_records(template, &g.answers);
                record.review = g.review;
            }
            Details::Checkin(ci) => {
                record.sensations = ci.sensations.clone();
                record.emotions = ci.emotions.clone();
                record.difficulties = ci.difficulties.clone();
            }
            Details::Supervision(s) => record.supervision = Some(s.clone()),
            Details::Recovery(r) => record.recovery = Some(r.clone()),
            Details::Learning(l) => {
                let template = templates::find(LEARNING_TEMPLATE);
                record.template = Some(LEARNING_TEMPLATE.into());
                record.answers = answer_records(template, &l.answers);
                record.learning = Some(LearningRecord {
                    activity: l.activity,
                    author: l.author.clone(),
                    link: l.link.clone(),
                    minutes: l.minutes,
                });
            }
        }
        record
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
    pub work_context: Option<String>,
    /// Check-ins and recovery entries in one line (`chest tight · anxious · home visit`);
    /// empty for other kinds.
    pub gist: String,
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
            starred: s.flags.starred,
            for_supervision: s.flags.for_supervision,
            unfinished: s.flags.unfinished,
            deleted: s.deleted,
            work_context: s.work_context.clone(),
            gist: crate::present::summary::gist_line(s),
            snippet: None,
        }
    }
}

/// An action with its session, as `debrief supervision actions --json` prints it.
pub fn session_action_json(
    s: &crate::domain::sessions::SessionAction,
    today: chrono::NaiveDate,
) -> serde_json::Value {
    serde_json::json!({
        "id": s.action.id,
        "text": s.action.text,
        "owner": s.action.owner,
        "due_on": s.action.due_on,
        "status": s.action.status,
        "closed": s.action.closed,
        "reason": s.action.reason,
        "overdue": s.action.is_overdue(today),
        "session": s.session,
        "session_on": s.session_on,
    })
}
