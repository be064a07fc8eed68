//! Check-in details: where in the body something is felt, what it is like, how strong,
//! which emotions are present, and what made the work harder. Words are vocabulary ids
//! ([`super::vocab`]), stable so trends can group them; any id an old journal holds still loads.

use serde::{Deserialize, Serialize};

use super::vocab::{List, Vocabulary, normalise};
use crate::{Error, Result};

/// The details of a check-in: what the body noticed and which emotions were there.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct CheckIn {
    pub sensations: Vec<BodySensation>,
    pub emotions: Vec<Emotion>,
    /// Difficulty flags (vocabulary ids): hostile, disclosure, ...
    pub difficulties: Vec<String>,
}

impl CheckIn {
    pub fn validate(&self) -> Result<()> {
        for s in &self.sensations {
            s.validate()?;
        }
        for e in &self.emotions {
            e.validate()?;
        }
        if self.difficulties.iter().any(|d| d.trim().is_empty()) {
            return Err(Error::invalid("flag", "a difficulty flag needs a word"));
        }
        Ok(())
    }

    /// Nothing noticed, felt or flagged.
    pub fn is_empty(&self) -> bool {
        self.sensations.is_empty() && self.emotions.is_empty() && self.difficulties.is_empty()
    }

    /// The sensations felt in `region`.
    pub fn in_region<'a>(&'a self, region: &'a str) -> impl Iterator<Item = &'a BodySensation> {
        self.sensations.iter().filter(move |s| s.region == region)
    }
}

/// A sensation noticed in one region. Intensity: 0 none, 1 faint, 2 clear, 3 strong.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct BodySensation {
    pub region: String,
    pub sensation: String,
    pub intensity: u8,
}

impl BodySensation {
    /// Parse `REGION:SENSATION[:INTENSITY]`, e.g. `shoulders:tight:2` (intensity defaults to
    /// 2), with the region and the sensation checked against `vocab`.
    pub fn parse(spec: &str, vocab: &Vocabulary) -> Result<BodySensation> {
        let mut parts = spec.split(':').map(str::trim);
        let region = parts.next().unwrap_or("");
        let sensation = parts.next().unwrap_or("");
        let intensity = match parts.next() {
            None | Some("") => 2,
            Some(n) => n.parse::<u8>().map_err(|_| {
                Error::invalid(
                    "sensation",
                    format!(
                        "sensation intensity '{n}' must be 0, 1, 2 or 3 (none, faint, clear, strong)"
                    ),
                )
            })?,
        };
        if parts.next().is_some() || sensation.is_empty() || region.is_empty() {
            return Err(Error::invalid(
                "sensation",
                format!(
                    "'{}' is not REGION:SENSATION[:INTENSITY]: write e.g. shoulders:tight:2",
                    spec.escape_debug()
                ),
            ));
        }
        let s = BodySensation {
            region: vocab.check(List::Regions, region)?,
            sensation: vocab.check(List::Sensations, sensation)?,
            intensity,
        };
        s.validate()?;
        Ok(s)
    }

    /// "upper back: tight (2/3)", for reading.
    pub fn describe(&self, vocab: &Vocabulary) -> String {
        format!(
            "{}: {} ({}/3)",
            vocab.label(List::Regions, &self.region),
            super::vocab::humanise(&self.sensation),
            self.intensity
        )
    }

    pub fn validate(&self) -> Result<()> {
        if self.region.trim().is_empty() {
            return Err(Error::invalid(
                "region",
                "a sensation needs a body region, e.g. shoulders (see `debrief vocab regions`)",
            ));
        }
        if self.intensity > 3 {
            return Err(Error::invalid(
                "sensation",
                format!(
                    "sensation intensity {} is out of range: use 0, 1, 2 or 3 (none, faint, clear, strong); the closest is 3",
                    self.intensity
                ),
            ));
        }
        if self.sensation.trim().is_empty() {
            return Err(Error::invalid(
                "sensation",
                "a sensation needs a word, e.g. tight or warm",
            ));
        }
        Ok(())
    }
}

/// An emotion word with an optional intensity (1 mild, 2 moderate, 3 intense).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Emotion {
    pub word: String,
    pub intensity: Option<u8>,
}

impl Emotion {
    /// Parse `WORD[:INTENSITY]`, e.g. `worried:2`, with the word checked against `vocab`.
    pub fn parse(spec: &str, vocab: &Vocabulary) -> Result<Emotion> {
        let (word, intensity) = match spec.split_once(':') {
            Some((w, n)) => {
                let n = n.trim().parse::<u8>().map_err(|_| {
                    Error::invalid(
                        "emotion",
                        format!(
                            "emotion intensity '{n}' must be 1, 2 or 3 (mild, moderate, intense)"
                        ),
                    )
                })?;
                (w, Some(n))
            }
            None => (spec, None),
        };
        if normalise(word).is_empty() {
            return Err(Error::invalid(
                "emotion",
                "an emotion needs a word, e.g. worried or relieved",
            ));
        }
        let e = Emotion {
            word: vocab.check(List::Emotions, word)?,
            intensity,
        };
        e.validate()?;
        Ok(e)
    }

    /// "on edge (2/3)", or just the word without an intensity.
    pub fn describe(&self) -> String {
        let word = super::vocab::humanise(&self.word);
        match self.intensity {
            Some(n) => format!("{word} ({n}/3)"),
            None => word,
        }
    }

    pub fn validate(&self) -> Result<()> {
        if self.word.trim().is_empty() {
            return Err(Error::invalid(
                "emotion",
                "an emotion needs a word, e.g. worried or relieved",
            ));
        }
        if let Some(n) = self.intensity
            && !(1..=3).contains(&n)
        {
            return Err(Error::invalid(
                "emotion",
                format!(
                    "emotion intensity {n} is out of range: use 1, 2 or 3 (mild, moderate, intense); the closest is {}",
                    n.clamp(1, 3)
                ),
            ));
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn v() -> &'static Vocabulary {
        Vocabulary::builtin()
    }

    #[test]
    fn sensation_specs_parse_with_default_intensity() {
        let s = BodySensation::parse("Upper back:Tight", v()).expect("parse");
        assert_eq!(
            s,
            BodySensation {
                region: "upper_back".into(),
                sensation: "tight".into(),
                intensity: 2
            }
        );
        assert_eq!(
            BodySensation::parse("jaw_mouth:clenched:3", v())
                .expect("p")
                .intensity,
            3
        );
    }

    #[test]
    fn bad_sensation_specs_say_what_to_write() {
        assert!(
            BodySensation::parse("elbow:sore", v())
                .expect_err("region")
                .to_string()
                .contains("unknown body region")
        );
        assert!(
            BodySensation::parse("chest:tight:4", v())
                .expect_err("4")
                .to_string()
                .contains("0, 1, 2 or 3")
        );
        assert!(
            BodySensation::parse("chest", v())
                .expect_err("no word")
                .to_string()
                .contains("REGION:SENSATION")
        );
    }

    #[test]
    fn emotions_parse_with_optional_intensity() {
        assert_eq!(
            Emotion::parse("Worried:2", v()).expect("p"),
            Emotion {
                word: "worried".into(),
                intensity: Some(2)
            }
        );
        assert_eq!(Emotion::parse("relieved", v()).expect("p").intensity, None);
        assert!(Emotion::parse("sad:0", v()).is_err());
        assert!(Emotion::parse(":2", v()).is_err());
    }
}
