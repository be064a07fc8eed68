//! A draft: what a form holds while someone is writing, kept so that nothing typed is lost.
//! Fields are kept as typed (a half-written tag list is still a draft), and the stored form is
//! versioned JSON, so a draft written by an older debrief still restores.

use serde::{Deserialize, Serialize};

use super::entry::{
    Common, Details, Entry, EntryContent, EntryId, Flags, Guided, Kind, Rating, StageAnswer,
    headline,
};
use super::learning::{LEARNING_TEMPLATE, Learning, MAX_MINUTES};
use super::recovery::parse_duration;
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
mod tests {
    use super::*;
    use crate::domain::checkin::BodySensation;

    #[test]
    fn a_checkin_draft_as_text_keeps_what_was_chosen() {
        let v = crate::domain::Vocabulary::builtin();
        let mut d = Draft::new(Kind::Checkin, None);
        d.stress = Some(7);
        d.work_context = "home_visit".into();
        d.details = Details::Checkin(crate::domain::CheckIn {
            sensations: vec![BodySensation::parse("upper back:tight:3", v).expect("s")],
            emotions: vec![crate::domain::Emotion::parse("on edge:2", v).expect("e")],
            difficulties: vec!["lone_late".into()],
        });
        let text = d.to_text();
        for part in [
            "debrief check-in",
            "Stress: 7/10",
            "Work: home visit",
            "Body: upper back: tight (3/3)",
            "Emotions: on edge (2/3)",
            "Made harder by: lone or late visit",
        ] {
            assert!(text.contains(part), "{part}: {text}");
        }
    }

    #[test]
    fn a_draft_round_trips_through_its_stored_form() {
        let mut d = Draft::new(Kind::Checkin, None);
        d.body = "café 日本 🙂".into();
        d.tags = "half-typed bad!tag".into();
        if let Details::Checkin(c) = &mut d.details {
            c.sensations.push(
                BodySensation::parse("chest:tight:2", crate::domain::Vocabulary::builtin())
                    .expect("sensation"),
            );
        }
        let json = d.to_json();
        assert!(json.contains("\"version\":2"), "{json}");
        assert_eq!(Draft::from_json(&json).expect("read"), d);
    }

    #[test]
    fn a_learning_draft_keeps_its_fields_and_half_typed_time_in_json_and_text() {
        let mut d = Draft::new(Kind::Learning, None);
        d.title = "Court skills day".into();
        d.time_spent = "1h3".into();
        d.details = Details::Learning(Learning {
            activity: crate::domain::learning::Activity::Course,
            author: Some("The local authority".into()),
            answers: vec![StageAnswer {
                stage: "practice".into(),
                answer: "Write the chronology first".into(),
            }],
            ..Learning::default()
        });
        assert_eq!(Draft::from_json(&d.to_json()).expect("read"), d);
        let text = d.to_text();
        for part in [
            "debrief learning activity",
            "Type: course",
            "By: The local authority",
            "Time spent: 1h3",
            "## How it changes my practice\nWrite the chronology first",
        ] {
            assert!(text.contains(part), "{part}: {text}");
        }
        assert_eq!(d.headline(), "Court skills day");
    }

    #[test]
    fn a_draft_written_by_debrief_0_1_still_restores_with_its_stage_answers() {
        let v1 = r###"{"entry_id":null,"kind":"reflection","template":"driscoll","title":"","tags":"court","stress":6,"energy":null,"starred":true,"for_supervision":false,"unfinished":false,"body":"Intro\n\n## What?\n> What did you see and do, and what was your reaction?\nWe met at the door.\n\n## So what?\n> How did you feel then and how do you feel now? What shaped your response?\n"}"###;
        let d = Draft::from_json(v1).expect("v1 draft");
        assert_eq!(d.body, "Intro");
        assert_eq!(d.stress, Some(6));
        assert!(d.flags.starred);
        assert_eq!(
            d.details,
            Details::Reflection(Guided {
                template: Some("driscoll".into()),
                answers: vec![StageAnswer {
                    stage: "what".into(),
                    answer: "We met at the door.".into()
                }],
                review: None,
            })
        );
        let checkin = r#"{"kind":"checkin","body":"tense","entry_id":4}"#;
        let d = Draft::from_json(checkin).expect("v1 check-in");
        assert_eq!((d.kind(), d.entry_id), (Kind::Checkin, Some(EntryId(4))));
    }

    #[test]
    fn a_rescued_draft_reads_as_text_with_every_answer() {
        let mut d = Draft::new(Kind::Reflection, Some("driscoll"));
        d.title = "Visit".into();
        d.body = "Intro".into();
        d.stress = Some(6);
        d.details = Details::Reflection(Guided {
            template: Some("driscoll".into()),
            answers: vec![StageAnswer {
                stage: "so_what".into(),
                answer: "It mattered.".into(),
            }],
            review: None,
        });
        let text = d.to_text();
        assert!(
            text.starts_with("debrief reflection\nTitle: Visit\nStress: 6/10\n\nIntro"),
            "{text}"
        );
        assert!(text.contains("## So what?\nIt mattered."), "{text}");
    }

    #[test]
    fn unknown_versions_and_garbage_are_errors_not_panics() {
        assert!(matches!(
            Draft::from_json(r#"{"version":99,"draft":{}}"#),
            Err(Error::Corrupt { .. })
        ));
        assert!(Draft::from_json("not json").is_err());
    }

    #[test]
    fn content_is_validated_with_field_names() {
        let mut d = Draft::new(Kind::Reflection, None);
        assert!(d.to_content().is_err(), "blank is refused");
        d.body = "Visit went well #home-visit".into();
        d.tags = "court, Supervision".into();
        d.stress = Some(6);
        let c = d.to_content().expect("valid");
        let tags: Vec<&str> = c.common.tags.iter().map(Tag::as_str).collect();
        assert_eq!(tags, ["court", "home-visit", "supervision"]);
        d.tags.push_str(" bad!tag");
        let err = d.to_content().expect_err("bad tag");
        assert!(matches!(err, Error::Invalid { field: "tag", .. }), "{err}");
    }

    #[test]
    fn empty_stage_answers_are_not_saved() {
        let mut d = Draft::new(Kind::Reflection, Some("driscoll"));
        let t = templates::find("driscoll").expect("driscoll");
        let mut answers = answers_for(t, &[]);
        answers[1].answer = "It mattered.".into();
        d.details = Details::Reflection(Guided {
            template: Some("driscoll".into()),
            answers,
            review: None,
        });
        match d.to_content().expect("content").details {
            Details::Reflection(g) => {
                assert_eq!(g.answers.len(), 1);
                assert_eq!(g.answers[0].stage, "so_what");
            }
            other => panic!("{other:?}"),
        }
    }
}
