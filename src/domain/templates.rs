//! Reflective models as data (`assets/templates/*.toml`, and the user's own in the config
//! folder's `templates/`), parsed once: stages with stable keys, 1-3 prompts in our own
//! wording, and the CPD field each stage feeds. Answers are stored per stage key.
//!
//! For `$EDITOR` (which edits one text), a guided reflection is laid out as free text
//! followed by one `## Stage title` heading per stage, with the prompts as `> ` lines that
//! are dropped again when the text is split back into answers.

use std::path::Path;
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

/// Read every `*.toml` in `dir` as a template, in file-name order: the templates that are
/// valid, and one line for each file that is not (file, line, problem). A missing folder
/// has none of either.
pub fn load_dir(dir: &Path) -> (Vec<Template>, Vec<String>) {
    let Ok(read) = std::fs::read_dir(dir) else {
        return (Vec::new(), Vec::new());
    };
    let mut files: Vec<std::path::PathBuf> = read
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "toml"))
        .collect();
    files.sort();
    let (mut found, mut problems) = (Vec::new(), Vec::new());
    for file in files {
        let shown = file.display().to_string();
        match std::fs::read_to_string(&file) {
            Ok(text) => match parse(&shown, &text) {
                Ok(t) => found.push(t),
                Err(why) => problems.push(why),
            },
            Err(e) => problems.push(format!("{shown}: cannot be read ({e})")),
        }
    }
    (found, problems)
}

/// Parse and check one template file; the error names the file, the line and the problem.
pub fn parse(file: &str, text: &str) -> Result<Template, String> {
    let t: Template = toml::from_str(text).map_err(|e| {
        let line = e
            .span()
            .map(|s| text[..s.start.min(text.len())].matches('\n').count() + 1);
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

    /// The titles of stages whose `## Title` heading is not in `text` (deleted or renamed).
    pub fn missing_headings(&self, text: &str) -> Vec<&str> {
        self.stages
            .iter()
            .filter(|s| {
                !text
                    .lines()
                    .any(|l| l.strip_prefix("## ").is_some_and(|t| t.trim() == s.title))
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
                match self.stages.iter().find(|s| s.title == title.trim()) {
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
    fn shipped_templates_load_and_are_valid() {
        assert_eq!(shipped().len(), SOURCES.len(), "every shipped file parses");
        let ids: Vec<&str> = shipped().iter().map(|t| t.id.as_str()).collect();
        assert_eq!(
            ids,
            [
                "gibbs",
                "driscoll",
                "borton",
                "rolfe",
                "kolb",
                "schon",
                "johns",
                "coproduction",
                "after_visit",
                "learning"
            ]
        );
        assert_eq!(find("gibbs").expect("gibbs").stages.len(), 6);
        assert_eq!(find("johns").expect("johns").stages.len(), 7);
        assert!(is_known("free") && is_known("kolb") && !is_known("nope"));
        for (name, text) in SOURCES {
            let t = parse(name, text).expect("valid");
            assert_eq!(
                format!("{}.toml", t.id),
                name,
                "the file is named by its id"
            );
            assert!(!t.citation.is_empty(), "{name} names its source");
            // A learning activity's description is the activity itself (title, kind, who).
            assert!(
                t.id == "learning"
                    || t.stages
                        .iter()
                        .any(|s| s.maps_to.as_deref() == Some("description")),
                "{name} feeds a CPD description"
            );
        }
    }

    #[test]
    fn broken_templates_name_the_file_the_line_and_the_problem() {
        let err =
            parse("mine.toml", "id = \"mine\"\nname = \"Mine\"\nstages = 3\n").expect_err("stages");
        assert!(err.starts_with("mine.toml: line 3:"), "{err}");
        let err = parse("mine.toml", "id = \"mine\"\nname = \"Mine\"\ncolour = 1\n")
            .expect_err("unknown key");
        assert!(err.contains("line 3") && err.contains("colour"), "{err}");
        let base = "id = \"mine\"\nname = \"Mine\"\ncitation = \"\"\n";
        for (stages, why) in [
            ("", "no stages"),
            (
                "[[stages]]\nkey = \"a\"\ntitle = \"A\"\nprompts = []\n",
                "1 to 3 prompts",
            ),
            (
                "[[stages]]\nkey = \"a\"\ntitle = \"A\"\nprompts = [\"p\"]\nmaps_to = \"fun\"\n",
                "not a CPD field",
            ),
            (
                "[[stages]]\nkey = \"a\"\ntitle = \"A\"\nprompts = [\"p\"]\n[[stages]]\nkey = \"a\"\ntitle = \"B\"\nprompts = [\"q\"]\n",
                "used twice",
            ),
            (
                "[[stages]]\nkey = \"A b\"\ntitle = \"A\"\nprompts = [\"p\"]\n",
                "lower-case",
            ),
        ] {
            let err = parse("mine.toml", &format!("{base}{stages}")).expect_err(why);
            assert!(err.contains(why), "{why}: {err}");
        }
    }

    #[test]
    fn user_templates_add_and_override_and_broken_ones_are_reported() {
        let dir = tempfile::tempdir().expect("tmp");
        let own = "id = \"placement\"\nname = \"Placement log\"\ncitation = \"My university\"\n[[stages]]\nkey = \"event\"\ntitle = \"Event\"\nprompts = [\"What happened?\"]\nmaps_to = \"description\"\n";
        let gibbs = "id = \"gibbs\"\nname = \"Gibbs, our way\"\ncitation = \"Gibbs 1988\"\n[[stages]]\nkey = \"description\"\ntitle = \"Description\"\nprompts = [\"What happened?\"]\n";
        std::fs::write(dir.path().join("placement.toml"), own).expect("write");
        std::fs::write(dir.path().join("gibbs.toml"), gibbs).expect("write");
        std::fs::write(dir.path().join("broken.toml"), "id = ").expect("write");
        std::fs::write(dir.path().join("notes.txt"), "not a template").expect("write");
        let (found, problems) = load_dir(dir.path());
        assert_eq!(found.len(), 2);
        assert_eq!(problems.len(), 1, "{problems:?}");
        assert!(problems[0].contains("broken.toml: line 1"), "{problems:?}");
        let all = merged(found);
        assert_eq!(all[0].name, "Gibbs, our way", "an override keeps its place");
        assert_eq!(all.last().map(|t| t.id.as_str()), Some("placement"));
        assert_eq!(all.len(), SOURCES.len() + 1);
        assert_eq!(load_dir(&dir.path().join("none")), (Vec::new(), Vec::new()));
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
    fn text_under_a_renamed_heading_goes_to_the_free_text() {
        let t = find("driscoll").expect("driscoll");
        let (body, answers) =
            t.split("Intro\n## What?\nI visited.\n## So what, really?\nIt mattered.\n");
        assert_eq!(body, "Intro\n## So what, really?\nIt mattered.");
        assert_eq!(answers.len(), 1);
        assert_eq!(answers[0].answer, "I visited.");
        assert_eq!(
            t.missing_headings("## What?\n## So what, really?\n"),
            ["So what?", "Now what?"]
        );
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
