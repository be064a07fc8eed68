//! Reflective models as data (`assets/templates/*.toml`), parsed once: stages with stable
//! keys and prompts in our own wording. Answers are stored per stage key.
//!
//! For `$EDITOR` (which edits one text), a guided reflection is laid out as free text
//! followed by one `## Stage title` heading per stage, with the prompts as `> ` lines that
//! are dropped again when the text is split back into answers.

use std::sync::LazyLock;

use serde::Deserialize;

use super::entry::StageAnswer;

/// One reflective model.
#[derive(Clone, Debug, PartialEq, Eq, Deserialize)]
pub struct Template {
    pub id: String,
    pub name: String,
    pub citation: String,
    pub stages: Vec<Stage>,
}

/// One stage of a model.
#[derive(Clone, Debug, PartialEq, Eq, Deserialize)]
pub struct Stage {
    pub key: String,
    pub title: String,
    pub prompts: Vec<String>,
    /// The CPD record field this stage feeds: description, learning or impact.
    #[serde(default)]
    pub maps_to: Option<String>,
}

const SOURCES: [&str; 3] = [
    include_str!("../../assets/templates/gibbs.toml"),
    include_str!("../../assets/templates/driscoll.toml"),
    include_str!("../../assets/templates/kolb.toml"),
];

/// The name meaning "no template".
pub const FREE: &str = "free";

static SHIPPED: LazyLock<Vec<Template>> = LazyLock::new(|| {
    SOURCES
        .iter()
        .filter_map(|s| toml::from_str::<Template>(s).ok())
        .collect()
});

/// Every shipped template, in menu order.
pub fn all() -> &'static [Template] {
    &SHIPPED
}

/// The template with this id.
pub fn find(id: &str) -> Option<&'static Template> {
    all().iter().find(|t| t.id == id)
}

/// Accepted values for a template setting: "free" and every template id.
pub fn names() -> Vec<String> {
    std::iter::once(FREE.to_string())
        .chain(all().iter().map(|t| t.id.clone()))
        .collect()
}

/// True for "free" and every shipped template id.
pub fn is_known(id: &str) -> bool {
    id == FREE || find(id).is_some()
}

impl Template {
    /// The stage with this key.
    pub fn stage(&self, key: &str) -> Option<&Stage> {
        self.stages.iter().find(|s| s.key == key)
    }

    /// The text the editor shows: free text, then each stage heading with its prompts and answer.
    pub fn compose(&self, body: &str, answers: &[StageAnswer]) -> String {
        let mut out = body.trim_end().to_string();
        for stage in &self.stages {
            if !out.is_empty() {
                out.push_str("\n\n");
            }
            out.push_str("## ");
            out.push_str(&stage.title);
            for p in &stage.prompts {
                out.push_str("\n> ");
                out.push_str(p);
            }
            out.push('\n');
            if let Some(a) = answers.iter().find(|a| a.stage == stage.key) {
                out.push_str(a.answer.trim_end());
                out.push('\n');
            }
        }
        out
    }

    /// The line (0-based) where the first stage's answer starts in [`Template::compose`]'s
    /// text for an empty entry: where the cursor goes when a guided reflection opens.
    pub fn first_answer_line(&self) -> usize {
        self.stages.first().map_or(0, |s| 1 + s.prompts.len())
    }

    /// Split editor text back into free text and non-empty stage answers.
    /// Text under a heading this template does not know stays in the free text.
    pub fn split(&self, text: &str) -> (String, Vec<StageAnswer>) {
        let mut body = String::new();
        let mut answers: Vec<StageAnswer> = Vec::new();
        let mut current: Option<usize> = None;
        for line in text.lines() {
            if let Some(title) = line.strip_prefix("## ")
                && let Some(stage) = self.stages.iter().find(|s| s.title == title.trim())
            {
                answers.push(StageAnswer {
                    stage: stage.key.clone(),
                    answer: String::new(),
                });
                current = Some(answers.len() - 1);
                continue;
            }
            match current {
                Some(i) => {
                    // Only an untouched prompt line is dropped; typing into one keeps it.
                    let stage = self.stage(&answers[i].stage);
                    let is_prompt = line
                        .strip_prefix("> ")
                        .is_some_and(|p| stage.is_some_and(|s| s.prompts.iter().any(|q| q == p)));
                    if is_prompt {
                        continue;
                    }
                    answers[i].answer.push_str(line);
                    answers[i].answer.push('\n');
                }
                None => {
                    body.push_str(line);
                    body.push('\n');
                }
            }
        }
        for a in &mut answers {
            a.answer = a.answer.trim().to_string();
        }
        answers.retain(|a| !a.answer.is_empty());
        (body.trim().to_string(), answers)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn shipped_templates_load() {
        let ids: Vec<&str> = all().iter().map(|t| t.id.as_str()).collect();
        assert_eq!(ids, ["gibbs", "driscoll", "kolb"]);
        assert_eq!(find("gibbs").expect("gibbs").stages.len(), 6);
        assert!(is_known("free") && is_known("kolb") && !is_known("johns"));
    }

    #[test]
    fn compose_then_split_gives_answers_back() {
        let t = find("driscoll").expect("driscoll");
        let answers = vec![StageAnswer {
            stage: "so_what".into(),
            answer: "It mattered.\nA lot.".into(),
        }];
        let text = t.compose("Intro line", &answers);
        assert!(text.contains("## What?\n> What did you see"), "{text}");
        assert_eq!(t.split(&text), ("Intro line".to_string(), answers));
    }

    #[test]
    fn text_typed_into_a_prompt_line_is_kept() {
        let t = find("driscoll").expect("driscoll");
        let (_, answers) = t.split(
            "## What?\n> What did you see and do, and what was your reaction?\n> I saw it\n",
        );
        assert_eq!(answers[0].answer, "> I saw it");
        let (_, answers) = t.split("## What?\nI wrote > What did you see and do\n");
        assert_eq!(answers[0].answer, "I wrote > What did you see and do");
    }

    #[test]
    fn prompts_are_dropped_and_unknown_headings_stay_in_the_text() {
        let t = find("driscoll").expect("driscoll");
        let (body, answers) = t.split(concat!(
            "## Notes\nfree\n## What?\n",
            "> What did you see and do, and what was your reaction?\nI visited.\n",
            "## Now what?\n> What will you change, and what support do you need?\n"
        ));
        assert_eq!(body, "## Notes\nfree");
        assert_eq!(
            answers,
            vec![StageAnswer {
                stage: "what".into(),
                answer: "I visited.".into()
            }]
        );
    }

    proptest! {
        #[test]
        fn round_trip(body in "[a-z .]{0,40}", a1 in "[a-z .]{0,40}", a3 in "[a-z .\n]{0,40}") {
            let t = find("driscoll").expect("driscoll");
            let answers: Vec<StageAnswer> = [("what", a1), ("now_what", a3)]
                .into_iter()
                .map(|(s, a)| StageAnswer { stage: s.into(), answer: a.trim().to_string() })
                .filter(|a| !a.answer.is_empty())
                .collect();
            let (b, got) = t.split(&t.compose(&body, &answers));
            prop_assert_eq!(b, body.trim());
            prop_assert_eq!(got, answers);
        }
    }
}
