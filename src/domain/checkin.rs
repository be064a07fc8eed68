//! Check-in details: where in the body something is felt, what it is like, how strong,
//! and which emotions are present. Region ids are stable (head to feet) so trends can group them.

use serde::{Deserialize, Serialize};

use crate::{Error, Result};

/// Body regions in body-scan order, head to feet, plus the whole body. Stored as these ids.
pub const REGIONS: [&str; 18] = [
    "head_scalp",
    "forehead_eyes",
    "jaw_mouth",
    "throat",
    "neck",
    "shoulders",
    "upper_back",
    "chest",
    "heart_area",
    "arms",
    "hands",
    "stomach",
    "lower_back",
    "pelvis_hips",
    "legs",
    "knees",
    "feet",
    "whole_body",
];

/// Descriptive sensation words offered as suggestions (any word is accepted).
pub const SENSATIONS: [&str; 24] = [
    "warm",
    "hot",
    "cold",
    "clammy",
    "tight",
    "tense",
    "clenched",
    "knotted",
    "heavy",
    "light",
    "hollow",
    "buzzing",
    "tingling",
    "fluttering",
    "pulsing",
    "shaky",
    "churning",
    "aching",
    "sore",
    "pressure",
    "numb",
    "shallow",
    "held",
    "relaxed",
];

/// The details of a check-in: what the body noticed and which emotions were there.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct CheckIn {
    pub sensations: Vec<BodySensation>,
    pub emotions: Vec<Emotion>,
}

impl CheckIn {
    pub fn validate(&self) -> Result<()> {
        for s in &self.sensations {
            s.validate()?;
        }
        for e in &self.emotions {
            e.validate()?;
        }
        Ok(())
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
    /// Parse `REGION:SENSATION[:INTENSITY]`, e.g. `shoulders:tight:2` (intensity defaults to 2).
    pub fn parse(spec: &str) -> Result<BodySensation> {
        let mut parts = spec.split(':').map(str::trim);
        let region = normalise_region(parts.next().unwrap_or(""));
        let sensation = parts.next().unwrap_or("").to_lowercase();
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
        if parts.next().is_some() || sensation.is_empty() {
            return Err(Error::invalid(
                "sensation",
                format!(
                    "'{spec}' is not REGION:SENSATION[:INTENSITY]: write e.g. shoulders:tight:2"
                ),
            ));
        }
        let s = BodySensation {
            region,
            sensation,
            intensity,
        };
        s.validate()?;
        Ok(s)
    }

    /// "upper back: tight (2/3)", for reading.
    pub fn describe(&self) -> String {
        format!(
            "{}: {} ({}/3)",
            self.region.replace('_', " "),
            self.sensation,
            self.intensity
        )
    }

    pub fn validate(&self) -> Result<()> {
        if !REGIONS.contains(&self.region.as_str()) {
            return Err(Error::invalid(
                "region",
                format!(
                    "unknown body region '{}': use one of {}",
                    self.region,
                    REGIONS.join(", ")
                ),
            ));
        }
        if self.intensity > 3 {
            return Err(Error::invalid(
                "sensation",
                format!(
                    "sensation intensity {} must be 0, 1, 2 or 3 (none, faint, clear, strong)",
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

/// Accept "Upper back", "upper-back" and "upper_back" alike.
fn normalise_region(raw: &str) -> String {
    raw.trim().to_lowercase().replace([' ', '-'], "_")
}

/// An emotion word with an optional intensity (1 mild, 2 moderate, 3 intense).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Emotion {
    pub word: String,
    pub intensity: Option<u8>,
}

impl Emotion {
    /// Parse `WORD[:INTENSITY]`, e.g. `worried:2`.
    pub fn parse(spec: &str) -> Result<Emotion> {
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
        let e = Emotion {
            word: word.trim().to_lowercase(),
            intensity,
        };
        e.validate()?;
        Ok(e)
    }

    /// "worried (2/3)", or just the word without an intensity.
    pub fn describe(&self) -> String {
        match self.intensity {
            Some(n) => format!("{} ({n}/3)", self.word),
            None => self.word.clone(),
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
                format!("emotion intensity {n} must be 1, 2 or 3 (mild, moderate, intense)"),
            ));
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sensation_specs_parse_with_default_intensity() {
        let s = BodySensation::parse("Upper back:Tight").expect("parse");
        assert_eq!(
            s,
            BodySensation {
                region: "upper_back".into(),
                sensation: "tight".into(),
                intensity: 2
            }
        );
        assert_eq!(
            BodySensation::parse("jaw_mouth:clenched:3")
                .expect("p")
                .intensity,
            3
        );
    }

    #[test]
    fn bad_sensation_specs_say_what_to_write() {
        assert!(
            BodySensation::parse("elbow:sore")
                .expect_err("region")
                .to_string()
                .contains("unknown body region")
        );
        assert!(
            BodySensation::parse("chest:tight:4")
                .expect_err("4")
                .to_string()
                .contains("0, 1, 2 or 3")
        );
        assert!(
            BodySensation::parse("chest")
                .expect_err("no word")
                .to_string()
                .contains("REGION:SENSATION")
        );
    }

    #[test]
    fn emotions_parse_with_optional_intensity() {
        assert_eq!(
            Emotion::parse("Worried:2").expect("p"),
            Emotion {
                word: "worried".into(),
                intensity: Some(2)
            }
        );
        assert_eq!(Emotion::parse("relieved").expect("p").intensity, None);
        assert!(Emotion::parse("sad:0").is_err());
        assert!(Emotion::parse(":2").is_err());
    }
}
