//! What a learning activity adds to the entry form: what kind it was (arrows, Space or its
//! first letter change it), who made or led it, where to find it, and the time spent as typed.

use ratatui::crossterm::event::KeyCode;
use ratatui_textarea::TextArea;

use super::super::fields::{single_line, text_of};
use crate::domain::learning::Activity;
use crate::domain::{Draft, Learning, StageAnswer};

/// The learning fields of the form.
pub struct LearningFields {
    pub activity: Activity,
    pub author: TextArea<'static>,
    pub link: TextArea<'static>,
    /// Time spent as typed ("40", "1h30"); read when the entry is saved.
    pub time: TextArea<'static>,
}

impl LearningFields {
    /// The fields of a learning activity, with its time spent as the draft holds it.
    pub fn of(l: &Learning, time_spent: &str) -> LearningFields {
        LearningFields {
            activity: l.activity,
            author: single_line(
                l.author.as_deref().unwrap_or(""),
                "optional: author, host or organiser",
            ),
            link: single_line(
                l.link.as_deref().unwrap_or(""),
                "optional: a web address or a reference",
            ),
            time: single_line(time_spent, "optional: minutes (40) or hours (1h30)"),
        }
    }

    /// Write the fields, with the reflection's `answers`, into a draft.
    pub fn fill(&self, d: &mut Draft, answers: Vec<StageAnswer>) {
        let line = |t: &TextArea<'static>| Some(text_of(t)).filter(|s| !s.trim().is_empty());
        d.time_spent = text_of(&self.time);
        d.details = crate::domain::Details::Learning(Learning {
            activity: self.activity,
            author: line(&self.author),
            link: line(&self.link),
            // What was typed is kept in `time_spent`; the details hold it once it reads.
            minutes: crate::domain::recovery::parse_duration(
                &d.time_spent,
                crate::domain::learning::MAX_MINUTES,
            )
            .ok(),
            answers,
        });
    }

    /// A key on the kind of activity: arrows and Space step through the kinds, a letter
    /// goes to the next kind starting with it (`c` course, then conversation).
    pub fn activity_key(&mut self, code: KeyCode) {
        let all = Activity::ALL;
        let at = all.iter().position(|a| *a == self.activity).unwrap_or(0);
        let n = all.len();
        self.activity = match code {
            KeyCode::Right | KeyCode::Char(' ') => all[(at + 1) % n],
            KeyCode::Left => all[(at + n - 1) % n],
            KeyCode::Char(c) => (1..=n)
                .map(|step| all[(at + step) % n])
                .find(|a| a.as_str().starts_with(c.to_ascii_lowercase()))
                .unwrap_or(self.activity),
            _ => self.activity,
        };
    }

    /// The text areas, for the form's cursor handling.
    pub fn areas_mut(&mut self) -> [&mut TextArea<'static>; 3] {
        [&mut self.author, &mut self.link, &mut self.time]
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_kind_of_activity_steps_and_jumps_by_letter() {
        let mut f = LearningFields::of(&Learning::default(), "");
        assert_eq!(f.activity, Activity::Article);
        f.activity_key(KeyCode::Char('c'));
        assert_eq!(f.activity, Activity::Course);
        f.activity_key(KeyCode::Char('c'));
        assert_eq!(f.activity, Activity::Conversation);
        f.activity_key(KeyCode::Char('c'));
        assert_eq!(f.activity, Activity::Course, "round again");
        f.activity_key(KeyCode::Char('z'));
        assert_eq!(f.activity, Activity::Course, "no kind starts with z");
        f.activity_key(KeyCode::Left);
        assert_eq!(f.activity, Activity::Video);
        f.activity_key(KeyCode::Char('o'));
        f.activity_key(KeyCode::Right);
        assert_eq!(f.activity, Activity::Article, "after other comes article");
    }

    #[test]
    fn a_half_typed_time_is_kept_as_typed() {
        let f = LearningFields::of(&Learning::default(), "1h");
        let mut d = Draft::default();
        f.fill(&mut d, Vec::new());
        assert_eq!(d.time_spent, "1h");
        let crate::domain::Details::Learning(l) = &d.details else {
            panic!("kind")
        };
        assert_eq!(l.minutes, Some(60));
        let f = LearningFields::of(&Learning::default(), "1h3x");
        f.fill(&mut d, Vec::new());
        assert_eq!(d.time_spent, "1h3x");
        d.title = "Moving Social Work podcast".into();
        let err = d.to_content().expect_err("an unreadable time").to_string();
        assert!(err.contains("'1h3x' is not a number of minutes"), "{err}");
        d.time_spent = "1h30".into();
        let content = d.to_content().expect("readable");
        let crate::domain::Details::Learning(l) = &content.details else {
            panic!("kind")
        };
        assert_eq!(l.minutes, Some(90));
    }
}
