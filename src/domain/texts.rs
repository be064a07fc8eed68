//! An entry's free text, field by field, named as `debrief check` names them ("body",
//! "answer: feelings", "decision"), for the confidentiality guard to check and fix in place.

use super::{Details, EntryContent};

impl EntryContent {
    /// Every piece of free text the writer typed, with its field's name, in a fixed order
    /// (a field's position in this list names it while an entry is being fixed).
    pub fn texts_mut(&mut self) -> Vec<(String, &mut String)> {
        let c = &mut self.common;
        let mut out: Vec<(String, &mut String)> = Vec::new();
        if let Some(t) = c.title.as_mut() {
            out.push(("title".into(), t));
        }
        out.push(("body".into(), &mut c.body));
        match &mut self.details {
            Details::Reflection(g) => answers(&mut out, &mut g.answers),
            Details::Learning(l) => answers(&mut out, &mut l.answers),
            Details::Supervision(s) => {
                for a in &mut s.agenda {
                    out.push(("agenda".into(), &mut a.text));
                    if let Some(d) = a.discussion.as_mut() {
                        out.push(("agenda discussion".into(), d));
                    }
                }
                out.extend(
                    s.decisions
                        .iter_mut()
                        .map(|d| ("decision".into(), &mut d.text)),
                );
                for a in &mut s.actions {
                    out.push(("action".into(), &mut a.text));
                    if let Some(r) = a.reason.as_mut() {
                        out.push(("action reason".into(), r));
                    }
                }
                if let Some(t) = s.support.as_mut() {
                    out.push(("support".into(), t));
                }
                if let Some(t) = s.learning.as_mut() {
                    out.push(("learning".into(), t));
                }
            }
            Details::Checkin(_) | Details::Recovery(_) => {}
        }
        out
    }
}

fn answers<'a>(out: &mut Vec<(String, &'a mut String)>, answers: &'a mut [super::StageAnswer]) {
    for a in answers {
        out.push((format!("answer: {}", a.stage), &mut a.answer));
    }
}

#[cfg(test)]
mod tests {
    use crate::domain::supervision::{AgendaItem, Decision};
    use crate::domain::{EntryContent, Kind, StageAnswer, Supervision};

    #[test]
    fn every_typed_text_is_named_and_can_be_changed() {
        let mut c = EntryContent::text("the body");
        c.common.title = Some("a title".into());
        if let crate::domain::Details::Reflection(g) = &mut c.details {
            g.answers.push(StageAnswer {
                stage: "feelings".into(),
                answer: "tired".into(),
            });
        }
        let names: Vec<String> = c.texts_mut().into_iter().map(|(n, _)| n).collect();
        assert_eq!(names, ["title", "body", "answer: feelings"]);
        for (_, t) in c.texts_mut() {
            t.push('!');
        }
        assert_eq!(c.common.body, "the body!");

        let mut s = EntryContent::of_kind(Kind::Supervision);
        s.details = crate::domain::Details::Supervision(Supervision {
            agenda: vec![AgendaItem {
                text: "caseload".into(),
                discussion: Some("long".into()),
                ..AgendaItem::default()
            }],
            decisions: vec![Decision {
                id: None,
                text: "fewer visits".into(),
            }],
            support: Some("more time".into()),
            ..Supervision::default()
        });
        let names: Vec<String> = s.texts_mut().into_iter().map(|(n, _)| n).collect();
        assert_eq!(
            names,
            ["body", "agenda", "agenda discussion", "decision", "support"]
        );
    }
}
