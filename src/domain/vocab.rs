//! The check-in vocabulary: body regions, sensation words by group, emotion words by quadrant,
//! kinds of work, difficulty flags, movement options, scale anchors and support lines. Shipped
//! as data (`assets/vocabulary.toml`), extended from the config; words typed are checked here.

use std::sync::OnceLock;

use serde::Deserialize;

use crate::{Error, Result};

/// The shipped vocabulary file.
pub const VOCABULARY_TOML: &str = include_str!("../../assets/vocabulary.toml");

/// A body region. `key` picks it on the check-in screen; `scan` is its guided-scan line.
#[derive(Clone, Debug, PartialEq, Eq, Deserialize)]
pub struct Region {
    pub id: String,
    pub label: String,
    #[serde(default)]
    pub key: Option<char>,
    #[serde(default)]
    pub scan: String,
}

/// A named list of words: a sensation group or an emotion quadrant.
#[derive(Clone, Debug, PartialEq, Eq, Deserialize)]
pub struct Group {
    pub id: String,
    pub label: String,
    pub words: Vec<String>,
}

/// An option with a stable id and the label people read.
#[derive(Clone, Debug, PartialEq, Eq, Deserialize)]
pub struct Choice {
    pub id: String,
    pub label: String,
}

/// What points on a 0-10 scale can feel like.
#[derive(Clone, Debug, Default, PartialEq, Eq, Deserialize)]
pub struct Anchors {
    pub stress: Vec<(u8, String)>,
    pub energy: Vec<(u8, String)>,
}

#[derive(Clone, Debug, Default, PartialEq, Eq, Deserialize)]
pub struct Support {
    pub lines: Vec<String>,
}

/// Everything a check-in and the recovery log can be made of.
#[derive(Clone, Debug, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Vocabulary {
    pub regions: Vec<Region>,
    pub sensation_groups: Vec<Group>,
    pub emotion_quadrants: Vec<Group>,
    pub contexts: Vec<Choice>,
    pub flags: Vec<Choice>,
    pub movement: Vec<Choice>,
    pub anchors: Anchors,
    pub support: Support,
}

/// Words a user adds in `config.toml` under `[vocabulary]`.
#[derive(Clone, Debug, Default, PartialEq, Eq, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Extra {
    pub regions: Vec<String>,
    /// Group id → extra words (`tension = ["wound up"]`); a new id makes a new group.
    pub sensations: std::collections::BTreeMap<String, Vec<String>>,
    /// Quadrant id → extra words (`high_unpleasant = ["rattled"]`).
    pub emotions: std::collections::BTreeMap<String, Vec<String>>,
    pub contexts: Vec<String>,
    pub flags: Vec<String>,
    pub movement: Vec<String>,
    /// Replaces the support lines (for another country, or an employer's own service).
    pub support: Option<Vec<String>>,
}

/// The lists `debrief vocab` can show.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum List {
    Regions,
    Sensations,
    Emotions,
    Contexts,
    Flags,
    Movement,
}

impl List {
    pub const ALL: [List; 6] = [
        List::Regions,
        List::Sensations,
        List::Emotions,
        List::Contexts,
        List::Flags,
        List::Movement,
    ];

    pub fn name(self) -> &'static str {
        match self {
            List::Regions => "regions",
            List::Sensations => "sensations",
            List::Emotions => "emotions",
            List::Contexts => "contexts",
            List::Flags => "flags",
            List::Movement => "movement",
        }
    }

    /// The list named `name` (`regions`, ...).
    pub fn named(name: &str) -> Option<List> {
        List::ALL
            .into_iter()
            .find(|l| l.name() == name.trim().to_lowercase())
    }

    /// The word for one item in messages ("body region").
    fn item(self) -> &'static str {
        match self {
            List::Regions => "body region",
            List::Sensations => "sensation",
            List::Emotions => "emotion",
            List::Contexts => "kind of work",
            List::Flags => "difficulty flag",
            List::Movement => "movement",
        }
    }

    /// The field an error names.
    fn field(self) -> &'static str {
        match self {
            List::Regions => "region",
            List::Sensations => "sensation",
            List::Emotions => "emotion",
            List::Contexts => "context",
            List::Flags => "flag",
            List::Movement => "movement",
        }
    }
}

/// `Upper back`, `upper-back` and `upper_back` name the same thing.
pub fn normalise(raw: &str) -> String {
    raw.trim()
        .to_lowercase()
        .split(|c: char| c.is_whitespace() || c == '-' || c == '_')
        .filter(|w| !w.is_empty())
        .collect::<Vec<_>>()
        .join("_")
}

/// An id as people read it, for ids no list knows (an older journal, a removed word).
pub fn humanise(id: &str) -> String {
    id.replace('_', " ")
}

impl Vocabulary {
    /// The shipped vocabulary.
    pub fn builtin() -> &'static Vocabulary {
        static BUILTIN: OnceLock<Vocabulary> = OnceLock::new();
        BUILTIN.get_or_init(|| {
            #[allow(clippy::expect_used)]
            toml::from_str(VOCABULARY_TOML).expect("assets/vocabulary.toml is valid (tested)")
        })
    }

    /// The shipped vocabulary with a user's words added (words already there are skipped).
    pub fn with_extra(extra: &Extra) -> Vocabulary {
        let mut v = Vocabulary::builtin().clone();
        for r in &extra.regions {
            let id = normalise(r);
            if !id.is_empty() && v.region(&id).is_none() {
                v.regions.push(Region {
                    label: humanise(&id),
                    scan: format!("Notice your {}.", humanise(&id)),
                    id,
                    key: None,
                });
            }
        }
        add_to_groups(&mut v.sensation_groups, &extra.sensations);
        add_to_groups(&mut v.emotion_quadrants, &extra.emotions);
        add_choices(&mut v.contexts, &extra.contexts);
        add_choices(&mut v.flags, &extra.flags);
        // "other" stays last.
        let other = v.movement.iter().position(|m| m.id == "other");
        let other = other.map(|i| v.movement.remove(i));
        add_choices(&mut v.movement, &extra.movement);
        v.movement.extend(other);
        if let Some(lines) = &extra.support {
            v.support.lines = lines.clone();
        }
        v
    }

    pub fn region(&self, id: &str) -> Option<&Region> {
        self.regions.iter().find(|r| r.id == id)
    }

    /// The region a key picks on the check-in screen.
    pub fn region_by_key(&self, key: char) -> Option<&Region> {
        self.regions.iter().find(|r| r.key == Some(key))
    }

    /// Every sensation word, group by group.
    pub fn sensations(&self) -> impl Iterator<Item = &str> {
        self.sensation_groups
            .iter()
            .flat_map(|g| g.words.iter().map(String::as_str))
    }

    /// Every emotion word, quadrant by quadrant.
    pub fn emotions(&self) -> impl Iterator<Item = &str> {
        self.emotion_quadrants
            .iter()
            .flat_map(|g| g.words.iter().map(String::as_str))
    }

    /// The quadrant an emotion word sits in.
    pub fn quadrant_of(&self, word: &str) -> Option<&Group> {
        self.emotion_quadrants
            .iter()
            .find(|q| q.words.iter().any(|w| w == word))
    }

    /// The ids of a list, in order.
    pub fn ids(&self, list: List) -> Vec<&str> {
        match list {
            List::Regions => self.regions.iter().map(|r| r.id.as_str()).collect(),
            List::Sensations => self.sensations().collect(),
            List::Emotions => self.emotions().collect(),
            List::Contexts => self.contexts.iter().map(|c| c.id.as_str()).collect(),
            List::Flags => self.flags.iter().map(|c| c.id.as_str()).collect(),
            List::Movement => self.movement.iter().map(|c| c.id.as_str()).collect(),
        }
    }

    /// The label of an id in `list` (an unknown id is shown as written, underscores as spaces).
    pub fn label(&self, list: List, id: &str) -> String {
        let found = match list {
            List::Regions => self.region(id).map(|r| r.label.as_str()),
            List::Contexts => find_choice(&self.contexts, id),
            List::Flags => find_choice(&self.flags, id),
            List::Movement => find_choice(&self.movement, id),
            List::Sensations | List::Emotions => None,
        };
        found.map_or_else(|| humanise(id), String::from)
    }

    /// The stored id for what someone typed, or an error naming the closest valid one and
    /// every valid one.
    pub fn check(&self, list: List, typed: &str) -> Result<String> {
        let id = normalise(typed);
        let ids = self.ids(list);
        if ids.contains(&id.as_str()) {
            return Ok(id);
        }
        // A label typed in full is as good as the id ("court or hearing").
        let by_label = match list {
            List::Regions => self
                .regions
                .iter()
                .find(|r| normalise(&r.label) == id)
                .map(|r| r.id.clone()),
            List::Contexts | List::Flags | List::Movement => self
                .choices(list)
                .iter()
                .find(|c| normalise(&c.label) == id)
                .map(|c| c.id.clone()),
            _ => None,
        };
        if let Some(id) = by_label {
            return Ok(id);
        }
        let shown = typed.trim().escape_debug().to_string();
        let hint = match closest(&id, &ids) {
            Some((near, score)) if score >= LIKELY_TYPO => format!("did you mean '{near}'? "),
            Some((near, _)) => format!("the closest is '{near}'; "),
            None => String::new(),
        };
        Err(Error::invalid(
            list.field(),
            format!(
                "unknown {} '{shown}': {hint}use one of {} (see `debrief vocab {}`)",
                list.item(),
                ids.join(", "),
                list.name()
            ),
        ))
    }

    fn choices(&self, list: List) -> &[Choice] {
        match list {
            List::Contexts => &self.contexts,
            List::Flags => &self.flags,
            List::Movement => &self.movement,
            _ => &[],
        }
    }

    /// The anchor line for a value on the stress or energy scale: the nearest anchor at or
    /// below it.
    pub fn anchor(anchors: &[(u8, String)], value: u8) -> Option<&str> {
        anchors
            .iter()
            .rev()
            .find(|(at, _)| *at <= value)
            .map(|(_, text)| text.as_str())
    }
}

fn find_choice<'a>(list: &'a [Choice], id: &str) -> Option<&'a str> {
    list.iter().find(|c| c.id == id).map(|c| c.label.as_str())
}

fn add_choices(list: &mut Vec<Choice>, words: &[String]) {
    for w in words {
        let id = normalise(w);
        if !id.is_empty() && !list.iter().any(|c| c.id == id) {
            list.push(Choice {
                label: w.trim().to_string(),
                id,
            });
        }
    }
}

fn add_to_groups(groups: &mut Vec<Group>, extra: &std::collections::BTreeMap<String, Vec<String>>) {
    for (group, words) in extra {
        let gid = normalise(group);
        let words: Vec<String> = words
            .iter()
            .map(|w| normalise(w))
            .filter(|w| !w.is_empty() && !groups.iter().any(|g| g.words.contains(w)))
            .collect();
        match groups.iter_mut().find(|g| g.id == gid) {
            Some(g) => g.words.extend(words),
            None => groups.push(Group {
                label: humanise(&gid),
                id: gid,
                words,
            }),
        }
    }
}

/// How similar (0-1) a word must be to a valid one to be offered as "did you mean".
const LIKELY_TYPO: f64 = 0.7;

/// The valid id nearest to a typed one, with how similar it is (0-1).
fn closest<'a>(typed: &str, ids: &[&'a str]) -> Option<(&'a str, f64)> {
    ids.iter()
        .map(|id| {
            let edits = strsim::damerau_levenshtein(typed, id);
            let score = strsim::jaro_winkler(typed, id)
                .max(strsim::normalized_damerau_levenshtein(typed, id));
            (*id, edits, score)
        })
        // Fewest edits first; of those, the most alike.
        .min_by(|a, b| a.1.cmp(&b.1).then(b.2.total_cmp(&a.2)))
        .map(|(id, _, score)| (id, score))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_shipped_vocabulary_is_complete_and_consistent() {
        let v = Vocabulary::builtin();
        assert_eq!(v.regions.len(), 18);
        assert_eq!(v.regions.first().map(|r| r.id.as_str()), Some("head_scalp"));
        assert_eq!(v.regions.last().map(|r| r.id.as_str()), Some("whole_body"));
        assert_eq!(v.sensation_groups.len(), 7);
        assert_eq!(v.emotion_quadrants.len(), 4);
        // Region keys are unique, and every region has one and a scan line.
        let mut keys: Vec<char> = v.regions.iter().filter_map(|r| r.key).collect();
        keys.sort_unstable();
        keys.dedup();
        assert_eq!(keys.len(), v.regions.len());
        assert!(v.regions.iter().all(|r| !r.scan.is_empty()));
        // Words are ids: already normalised, and unique within their list.
        for list in List::ALL {
            let ids = v.ids(list);
            for id in &ids {
                assert_eq!(normalise(id), *id, "{id} in {}", list.name());
            }
            let mut sorted = ids.clone();
            sorted.sort_unstable();
            sorted.dedup();
            assert_eq!(sorted.len(), ids.len(), "duplicates in {}", list.name());
        }
        // At most 9 words a group and 12 a quadrant: the screen gives each a letter.
        assert!(v.sensation_groups.iter().all(|g| g.words.len() <= 9));
        assert!(v.emotion_quadrants.iter().all(|g| g.words.len() <= 12));
        assert_eq!(
            Vocabulary::anchor(&v.anchors.stress, 6),
            v.anchors.stress.get(2).map(|a| a.1.as_str())
        );
        assert!(v.support.lines.iter().any(|l| l.contains("116 123")));
    }

    #[test]
    fn typed_words_are_normalised_and_mistakes_name_the_closest() {
        let v = Vocabulary::builtin();
        assert_eq!(
            v.check(List::Regions, "Upper Back").ok().as_deref(),
            Some("upper_back")
        );
        assert_eq!(
            v.check(List::Emotions, "on edge").ok().as_deref(),
            Some("on_edge")
        );
        assert_eq!(
            v.check(List::Contexts, "court or hearing").ok().as_deref(),
            Some("court")
        );
        let err = v
            .check(List::Regions, "sholders")
            .expect_err("typo")
            .to_string();
        assert!(err.contains("did you mean 'shoulders'"), "{err}");
        assert!(err.contains("head_scalp, forehead_eyes"), "{err}");
        let err = v
            .check(List::Sensations, "qqqq")
            .expect_err("nonsense")
            .to_string();
        assert!(!err.contains("did you mean"), "{err}");
        assert!(err.contains("the closest is '"), "{err}");
        assert!(err.contains("debrief vocab sensations"), "{err}");
    }

    #[test]
    fn config_words_extend_the_lists_without_duplicates() {
        let extra: Extra = toml::from_str(
            r#"
            contexts = ["Outreach clinic", "court"]
            movement = ["cycling to a visit"]
            sensations = { tension = ["wound up", "tight"], pressure = ["squeezed"] }
            emotions = { high_unpleasant = ["rattled"] }
            support = ["Call the staff line on 0100"]
            "#,
        )
        .expect("extra");
        let v = Vocabulary::with_extra(&extra);
        assert_eq!(
            v.check(List::Contexts, "outreach clinic").ok().as_deref(),
            Some("outreach_clinic")
        );
        assert_eq!(v.contexts.iter().filter(|c| c.id == "court").count(), 1);
        assert_eq!(v.movement.last().map(|m| m.id.as_str()), Some("other"));
        assert!(v.check(List::Movement, "cycling to a visit").is_ok());
        assert!(v.check(List::Sensations, "wound up").is_ok());
        assert!(v.check(List::Sensations, "squeezed").is_ok());
        assert_eq!(v.sensations().filter(|w| *w == "tight").count(), 1);
        assert_eq!(
            v.quadrant_of("rattled").map(|q| q.id.as_str()),
            Some("high_unpleasant")
        );
        assert_eq!(v.support.lines, ["Call the staff line on 0100"]);
        assert_eq!(
            v.label(List::Contexts, "outreach_clinic"),
            "Outreach clinic"
        );
        assert_eq!(v.label(List::Regions, "elbow_crease"), "elbow crease");
    }
}
