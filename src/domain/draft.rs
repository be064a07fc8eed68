//! A draft: what a form holds while someone is writing, kept so that nothing typed is lost.
//! Fields are kept as typed (a half-written tag list is still a draft), and the stored form is
//! versioned JSON, so a draft written by an older debrief still restores.

use serde::{Deserialize, Serialize};

use super::entry::{
    Common, Details, Entry, EntryContent, EntryId, Flags, Guided, Kind, Rating, Revision,
    StageAnswer, headline,
};
use super::learning::{LEARNING_TEMPLATE, Learning, MAX_MINUTES};
use super::recovery::parse_duration;
use super::session_text::{Days, SessionText};
use super::tags::Tag;
use super::templates;
use super::vocab::List;
use crate::{Error, Result};

/// The version [`Draft::to_json`] writes.
pub const DRAFT_VERSION: u32 = 2;

/// Everything a form holds, as typed.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct Draft {
    /// The entry being edited; `None` for a new entry.
    pub entry_id: Option<EntryId>,
    /// The revision of the entry the editing started from: saving over a newer one is a
    /// conflict. (Drafts written before revisions were kept read as 0, the revision every
    /// entry had then, so they too are checked.)
    pub revision: Revision,
    pub title: String,
    /// When it happened, as typed (`yesterday 17:30`); empty: now, or unchanged.
    pub when: String,
    /// The tag field as typed ("home-visit court").
    pub tags: String,
    pub stress: Option<u8>,
    pub energy: Option<u8>,
    pub work_context: String,
    pub flags: Flags,
    pub body: String,
    pub details: Details,
    /// A learning activity's time spent as typed ("1h30"); read into its details on saving.
    pub time_spent: String,
    /// A supervision note's fields as typed; read into its details on saving (the details
    /// hold the stored items, whose ids the lines keep).
    pub session: Option<SessionText>,
}

#[derive(Serialize, Deserialize)]
struct Versioned {
    version: u32,
    draft: Draft,
}

/// The draft layout written before versions existed (debrief 0.1's editor).
#[derive(Deserialize, Default)]
#[serde(default)]
struct DraftV1 {
    entry_id: Option<i64>,
    kind: Kind,
    template: Option<String>,
    title: String,
    tags: String,
    stress: Option<u8>,
    energy: Option<u8>,
    starred: bool,
    for_supervision: bool,
    unfinished: bool,
    body: String,
}

impl From<DraftV1> for Draft {
    fn from(v: DraftV1) -> Draft {
        // Version 1 wrote a guided reflection as one text with `## Stage` headings.
        let template = v.template.as_deref().and_then(templates::find);
        let (body, details) = match (v.kind, template) {
            (Kind::Reflection, Some(t)) => {
                let (body, answers) = t.split(&v.body);
                (
                    body,
                    Details::Reflection(Guided {
                        template: Some(t.id.clone()),
                        answers,
                        review: None,
                    }),
                )
            }
            (kind, _) => (v.body, kind.empty_details()),
        };
        Draft {
            entry_id: v.entry_id.map(EntryId),
            revision: Revision::default(),
            title: v.title,
            when: String::new(),
            tags: v.tags,
            stress: v.stress,
            energy: v.energy,
            work_context: String::new(),
            flags: Flags {
                starred: v.starred,
                for_supervision: v.for_supervision,
                unfinished: v.unfinished,
            },
            body,
            details,
            time_spent: String::new(),
            session: None,
        }
    }
}

impl Draft {
    /// A draft of a new, empty entry of `kind` (a reflection guided by `template`).
    pub fn new(kind: Kind, template: Option<&str>) -> Draft {
        let details = match kind {
            Kind::Reflection => Details::Reflection(Guided {
                template: template
                    .filter(|t| *t != templates::FREE && templates::find(t).is_some())
                    .map(String::from),
                answers: Vec::new(),
                review: None,
            }),
            other => other.empty_details(),
        };
        Draft {
            details,
            ..Draft::default()
        }
    }

    /// A draft holding an existing entry, to edit it.
    pub fn of_entry(e: &Entry) -> Draft {
        let c = &e.content.common;
        Draft {
            entry_id: Some(e.meta.id),
            revision: e.meta.revision,
            title: c.title.clone().unwrap_or_default(),
            when: String::new(),
            tags: c.tags.iter().map(Tag::as_str).collect::<Vec<_>>().join(" "),
            stress: c.stress.map(Rating::value),
            energy: c.energy.map(Rating::value),
            work_context: c.work_context.clone().unwrap_or_default(),
            flags: c.flags,
            body: c.body.clone(),
            details: e.content.details.clone(),
            time_spent: match &e.content.details {
                Details::Learning(l) => l.minutes.map(|m| m.to_string()).unwrap_or_default(),
                _ => String::new(),
            },
            session: match &e.content.details {
                Details::Supervision(s) => Some(SessionText::of(s)),
                _ => None,
            },
        }
    }

    pub fn kind(&self) -> Kind {
        self.details.kind()
    }

    /// The stored form: versioned JSON.
    pub fn to_json(&self) -> String {
        serde_json::to_string(&Versioned {
            version: DRAFT_VERSION,
            draft: self.clone(),
        })
        .unwrap_or_default()
    }

    /// Read a stored draft of any version this debrief knows.
    pub fn from_json(text: &str) -> Result<Draft> {
        let value: serde_json::Value = serde_json::from_str(text).map_err(|e| corrupt(&e))?;
        match value.get("version").and_then(serde_json::Value::as_u64) {
            None => serde_json::from_value::<DraftV1>(value)
                .map(Draft::from)
                .map_err(|e| corrupt(&e)),
            Some(2) => serde_json::from_value::<Versioned>(value)
                .map(|v| v.draft)
                .map_err(|e| corrupt(&e)),
            Some(n) => Err(Error::Corrupt {
                what: "a draft",
                value: format!("written by a newer debrief (draft version {n})"),
            }),
        }
    }

    /// A line to recognise the draft by: its title or first line of text.
    pub fn headline(&self) -> String {
        let h = headline(Some(&self.title), &self.body);
        if !h.is_empty() {
            return h.to_string();
        }
        let answers = match &self.details {
            Details::Reflection(g) => &g.answers,
            Details::Learning(l) => &l.answers,
            _ => return String::new(),
        };
        answers
            .iter()
            .map(|a| headline(None, &a.answer))
            .find(|h| !h.is_empty())
            .unwrap_or("")
            .to_string()
    }

    /// The draft as plain text, for a rescue file: what kind of entry, its title and tags,
    /// the text, and each stage's answer under the stage's title.
    pub fn to_text(&self) -> String {
        let mut out = format!("debrief {}", self.kind().label());
        if let Some(id) = self.entry_id {
            out.push_str(&format!(" (entry {id})"));
        }
        out.push('\n');
        if !self.title.trim().is_empty() {
            out.push_str(&format!("Title: {}\n", self.title));
        }
        if !self.tags.trim().is_empty() {
            out.push_str(&format!("Tags: {}\n", self.tags));
        }
        for (name, value) in [("Stress", self.stress), ("Energy", self.energy)] {
            if let Some(v) = value {
                out.push_str(&format!("{name}: {v}/10\n"));
            }
        }
        let vocab = super::vocab::Vocabulary::builtin();
        if !self.work_context.trim().is_empty() {
            out.push_str(&format!(
                "Work: {}\n",
                vocab.label(List::Contexts, &self.work_context)
            ));
        }
        if let Details::Checkin(c) = &self.details {
            for s in &c.sensations {
                out.push_str(&format!("Body: {}\n", s.describe(vocab)));
            }
            if !c.emotions.is_empty() {
                let words: Vec<String> = c.emotions.iter().map(|e| e.describe()).collect();
                out.push_str(&format!("Emotions: {}\n", words.join(", ")));
            }
            if !c.difficulties.is_empty() {
                let flags: Vec<String> = c
                    .difficulties
                    .iter()
                    .map(|f| vocab.label(List::Flags, f))
                    .collect();
                out.push_str(&format!("Made harder by: {}\n", flags.join(", ")));
            }
        }
        if let Details::Learning(l) = &self.details {
            out.push_str(&format!("Type: {}\n", l.activity));
            for (name, value) in [
                ("By", l.author.as_deref().unwrap_or("")),
                ("Link", l.link.as_deref().unwrap_or("")),
                ("Time spent", self.time_spent.as_str()),
            ] {
                if !value.trim().is_empty() {
                    out.push_str(&format!("{name}: {value}\n"));
                }
            }
        }
        if let Some(s) = &self.session {
            out.push('\n');
            out.push_str(&s.to_page());
        }
        out.push('\n');
        out.push_str(&self.body);
        let answers = match &self.details {
            Details::Reflection(g) => Some((g.template.as_deref(), &g.answers)),
            Details::Learning(l) => Some((Some(LEARNING_TEMPLATE), &l.answers)),
            _ => None,
        };
        if let Some((template, answers)) = answers {
            let template = template.and_then(templates::find);
            for a in answers {
                let title = template
                    .and_then(|t| t.stage(&a.stage))
                    .map_or(a.stage.as_str(), |s| s.title.as_str());
                out.push_str(&format!("\n\n## {title}\n{}", a.answer));
            }
        }
        out.push('\n');
        out
    }

    /// The entry content, with a supervision note's typed fields read by `days`.
    pub fn to_content_with(&self, days: Days) -> Result<EntryContent> {
        match (&self.details, &self.session) {
            (Details::Supervision(base), Some(text)) => Draft {
                details: Details::Supervision(text.read(base, days)?),
                session: None,
                ..self.clone()
            }
            .to_content(),
            _ => self.to_content(),
        }
    }

    /// The entry content this draft describes, or what is wrong with a field.
    /// Inline `#tags` are merged; an entirely blank draft is refused.
    pub fn to_content(&self) -> Result<EntryContent> {
        let tags = self
            .tags
            .split(|c: char| c.is_whitespace() || c == ',')
            .filter(|t| !t.is_empty())
            .map(Tag::parse)
            .collect::<Result<Vec<_>>>()?;
        let rating = |what, v: Option<u8>| v.map(|v| Rating::new(what, i64::from(v))).transpose();
        let answered = |answers: &[StageAnswer]| -> Vec<StageAnswer> {
            answers
                .iter()
                .filter(|a| !a.answer.trim().is_empty())
                .cloned()
                .collect()
        };
        let details = match &self.details {
            Details::Reflection(g) => Details::Reflection(Guided {
                template: g.template.clone(),
                answers: answered(&g.answers),
                review: g.review,
            }),
            Details::Learning(l) => {
                if self.title.trim().is_empty() {
                    return Err(Error::invalid(
                        "title",
                        "say what the activity was: give it a title (\"Moving Social Work podcast\")",
                    ));
                }
                Details::Learning(Learning {
                    minutes: match self.time_spent.trim() {
                        "" => None,
                        typed => Some(parse_duration(typed, MAX_MINUTES)?),
                    },
                    answers: answered(&l.answers),
                    ..l.clone()
                })
            }
            other => other.clone(),
        };
        let mut content = EntryContent {
            common: Common {
                title: Some(self.title.trim().to_string()).filter(|t| !t.is_empty()),
                body: self.body.clone(),
                tags,
                stress: rating("stress", self.stress)?,
                energy: rating("energy", self.energy)?,
                work_context: Some(self.work_context.trim().to_string()).filter(|w| !w.is_empty()),
                flags: self.flags,
            },
            details,
        };
        content.absorb_inline_tags();
        if content.is_blank() {
            return Err(Error::invalid(
                "body",
                match content.kind() {
                    Kind::Checkin => {
                        "nothing chosen yet: give a rating, a region, an emotion or a note, or press Esc to leave"
                    }
                    _ => "nothing written yet: type some text, or press Esc to leave",
                },
            ));
        }
        content.validate()?;
        Ok(content)
    }
}

fn corrupt(e: &serde_json::Error) -> Error {
    Error::Corrupt {
        what: "a draft",
        value: e.to_string(),
    }
}

/// Convenience for forms: the answers of a guided draft, with an empty one for each stage.
pub fn answers_for(template: &templates::Template, answers: &[StageAnswer]) -> Vec<StageAnswer> {
    template
        .stages
        .iter()
        .map(|s| StageAnswer {
            stage: s.key.clone(),
            answer: answers
                .iter()
                .find(|a| a.stage == s.key)
                .map(|a| a.answer.clone())
                .unwrap_or_default(),
        })
        .collect()
}

#[cfg(test)]
mod tests;
