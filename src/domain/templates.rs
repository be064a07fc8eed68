//! Reflective models as data (`assets/templates/*.toml`, and the user's own in the config
//! folder's `templates/`), parsed once: stages with stable keys, 1-3 prompts in our own
//! wording, and the CPD field each stage feeds. Answers are stored per stage key.
//!
//! For `$EDITOR` (which edits one text), a guided reflection is laid out as free text
//! followed by one `## Stage title` heading per stage, with the prompts as `> ` lines that
//! are dropped again when the text is split back into answers.

use std::sync::{LazyLock, OnceLock};

use serde::{Deserialize, Serialize};

use super::entry::{Details, EntryContent, Guided, StageAnswer};
use super::learning::LEARNING_TEMPLATE;

/// One reflective model.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Template {
    pub id: String,
    pub name: String,
    /// Where the model comes from (the shipped ones all say; a user's may not).
    #[serde(default)]
    pub citation: String,
    #[serde(default)]
    pub stages: Vec<Stage>,
}

/// One stage of a model.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Stage {
    pub key: String,
    pub title: String,
    pub prompts: Vec<String>,
    /// The CPD record field this stage feeds: description, learning, impact or peer.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub maps_to: Option<String>,
}

/// The CPD record fields a stage can feed.
pub const CPD_FIELDS: [&str; 4] = ["description", "learning", "impact", "peer"];

/// The shipped templates (file name, text), in menu order.
const SOURCES: [(&str, &str); 10] = [
    (
        "gibbs.toml",
        include_str!("../../assets/templates/gibbs.toml"),
    ),
    (
        "driscoll.toml",
        include_str!("../../assets/templates/driscoll.toml"),
    ),
    (
        "borton.toml",
        include_str!("../../assets/templates/borton.toml"),
    ),
    (
        "rolfe.toml",
        include_str!("../../assets/templates/rolfe.toml"),
    ),
    (
        "kolb.toml",
        include_str!("../../assets/templates/kolb.toml"),
    ),
    (
        "schon.toml",
        include_str!("../../assets/templates/schon.toml"),
    ),
    (
        "johns.toml",
        include_str!("../../assets/templates/johns.toml"),
    ),
    (
        "coproduction.toml",
        include_str!("../../assets/templates/coproduction.toml"),
    ),
    (
        "after_visit.toml",
        include_str!("../../assets/templates/after_visit.toml"),
    ),
    (
        "learning.toml",
        include_str!("../../assets/templates/learning.toml"),
    ),
];

/// The name meaning "no template".
pub const FREE: &str = "free";

static SHIPPED: LazyLock<Vec<Template>> = LazyLock::new(|| {
    SOURCES
        .iter()
        .filter_map(|(name, text)| parse(name, text).ok())
        .collect()
});

/// The templates in use once [`install`] has run: the shipped ones with the user's.
static INSTALLED: OnceLock<Vec<Template>> = OnceLock::new();

/// Every template in use (the shipped ones, with the user's added or overriding), in menu
/// order.
pub fn all() -> &'static [Template] {
    INSTALLED.get().unwrap_or(&SHIPPED)
}

/// The shipped templates alone.
pub fn shipped() -> &'static [Template] {
    &SHIPPED
}

/// Use the shipped templates with `user`'s: a user template with a shipped id replaces it in
/// place, others follow. Takes effect once per process (the first call wins).
pub fn install(user: Vec<Template>) {
    let _ = INSTALLED.set(merged(user));
}

/// The shipped templates with `user`'s merged in.
pub fn merged(user: Vec<Template>) -> Vec<Template> {
    let mut out = SHIPPED.clone();
    for t in user {
        match out.iter_mut().find(|s| s.id == t.id) {
            Some(slot) => *slot = t,
            None => out.push(t),
        }
    }
    out
}

/// Parse and check one template file; the error names the file, the line and the problem.
pub fn parse(file: &str, text: &str) -> Result<Template, String> {
    let t: Template = toml::from_str(text).map_err(|e| {
        let line = e.span().map(|s| {
            text.as_bytes()[..s.start.min(text.len())]
                .iter()
                .filter(|&&b| b == b'\n')
                .count()
                + 1
        });
        let message = e.message().replace('\n', " ");
        match line {
            Some(n) => format!("{file}: line {n}: {message}"),
            None => format!("{file}: {message}"),
        }
    })?;
    t.check().map_err(|why| format!("{file}: {why}"))?;
    Ok(t)
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

/// The template an entry's text is laid out with in an editor, and its answers: a guided
/// reflection's model, or a learning activity's reflection.
fn guided_parts(details: &mut Details) -> Option<(&'static Template, &mut Vec<StageAnswer>)> {
    match details {
        Details::Reflection(Guided {
            template: Some(t),
            answers,
            ..
        }) => find(t).map(|t| (t, answers)),
        Details::Learning(l) => find(LEARNING_TEMPLATE).map(|t| (t, &mut l.answers)),
        _ => None,
    }
}

/// The text an editor gets for `content`: its body, and for a guided entry each stage's
/// heading, prompts and answer.
pub fn editor_text(content: &EntryContent) -> String {
    let mut details = content.details.clone();
    match guided_parts(&mut details) {
        Some((t, answers)) => t.compose(&content.common.body, answers),
        None => content.common.body.clone(),
    }
}

/// Put text from an editor back into `content`: the body, or the body and the stage answers.
/// Returns the titles of stage headings the text no longer has (deleted or renamed); text
/// under a heading the template does not know stays in the body.
pub fn apply_editor_text(content: &mut EntryContent, text: &str) -> Vec<String> {
    match guided_parts(&mut content.details) {
        Some((t, answers)) => {
            let missing = if text.trim().is_empty() {
                Vec::new()
            } else {
                t.missing_headings(text)
                    .into_iter()
                    .map(String::from)
                    .collect()
            };
            let (body, split) = t.split(text);
            *answers = split;
            content.common.body = body;
            missing
        }
        None => {
            content.common.body = text.to_string();
            Vec::new()
        }
    }
}

impl Template {
    /// What is wrong with a template that parsed: ids, stages, prompts, CPD fields.
    pub fn check(&self) -> Result<(), String> {
        let is_id = |s: &str| {
            !s.is_empty()
                && s.chars()
                    .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_' || c == '-')
        };
        if !is_id(&self.id) || self.id == FREE {
            return Err(format!(
                "id '{}' must be lower-case letters, digits, _ or - (and not \"free\")",
                self.id
            ));
        }
        if self.name.trim().is_empty() {
            return Err("name is empty: give the template a name".into());
        }
        if self.stages.is_empty() {
            return Err("no stages: add at least one [[stages]] table".into());
        }
        for (i, s) in self.stages.iter().enumerate() {
            let n = i + 1;
            if !is_id(&s.key) {
                return Err(format!(
                    "stage {n}: key '{}' must be lower-case letters, digits, _ or -",
                    s.key
                ));
            }
            if self.stages[..i].iter().any(|o| o.key == s.key) {
                return Err(format!("stage {n}: key '{}' is used twice", s.key));
            }
            if s.title.trim().is_empty() {
                return Err(format!("stage {n} ('{}'): title is empty", s.key));
            }
            // Titles are the headings the editor's text is split by: one line each, and no
            // two alike.
            if s.title.lines().count() > 1 {
                return Err(format!(
                    "stage {n} ('{}'): write the title on one line",
                    s.key
                ));
            }
            if self.stages[..i]
                .iter()
                .any(|o| o.title.trim() == s.title.trim())
            {
                return Err(format!(
                    "stage {n} ('{}'): the title '{}' is used twice; give each stage its own",
                    s.key,
                    s.title.trim()
                ));
            }
            if s.prompts.iter().any(|p| p.lines().count() > 1) {
                return Err(format!(
                    "stage {n} ('{}'): write each prompt on one line",
                    s.key
                ));
            }
            if !(1..=3).contains(&s.prompts.len()) {
                return Err(format!(
                    "stage {n} ('{}'): give 1 to 3 prompts, not {}",
                    s.key,
                    s.prompts.len()
                ));
            }
            if let Some(m) = &s.maps_to
                && !CPD_FIELDS.contains(&m.as_str())
            {
                return Err(format!(
                    "stage {n} ('{}'): maps_to '{m}' is not a CPD field: use {}",
                    s.key,
                    CPD_FIELDS.join(", ")
                ));
            }
        }
        Ok(())
    }

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
            out.push_str(stage.title.trim());
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

    /// The titles of stages whose `## Title` heading is not in `text` (deleted or renamed).
    pub fn missing_headings(&self, text: &str) -> Vec<&str> {
        self.stages
            .iter()
            .filter(|s| {
                !text.lines().any(|l| {
                    l.strip_prefix("## ")
                        .is_some_and(|t| t.trim() == s.title.trim())
                })
            })
            .map(|s| s.title.as_str())
            .collect()
    }

    /// Split editor text back into free text and non-empty stage answers.
    /// Text under a heading this template does not know stays in the free text.
    pub fn split(&self, text: &str) -> (String, Vec<StageAnswer>) {
        let mut body = String::new();
        let mut answers: Vec<StageAnswer> = Vec::new();
        let mut current: Option<usize> = None;
        for line in text.lines() {
            if let Some(title) = line.strip_prefix("## ") {
                match self.stages.iter().find(|s| s.title.trim() == title.trim()) {
                    Some(stage) => {
                        answers.push(StageAnswer {
                            stage: stage.key.clone(),
                            answer: String::new(),
                        });
                        current = Some(answers.len() - 1);
                        continue;
                    }
                    // A heading the template does not know (renamed, or the writer's own):
                    // it and what follows go to the free text.
                    None => current = None,
                }
            }
            match current {
                Some(i) => {
                    // Only an untouched prompt line is dropped; typing into one keeps it.
                    let stage = self.stage(&answers[i].stage);
                    let is_prompt = line.strip_prefix("> ").is_some_and(|p| {
                        stage
                            .is_some_and(|s| s.prompts.iter().any(|q| q.trim_end() == p.trim_end()))
                    });
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
mod tests;
