//! How keys change the check-in, step by step: digits for the scales, letters for regions
//! and words, numbers for groups, quarters and flags, `+`/`-` for intensity.

use ratatui::crossterm::event::{KeyCode, KeyEvent};

use super::{CheckinFlow, Last, Picker, Step};
use crate::domain::{BodySensation, Emotion};

impl CheckinFlow {
    fn rating(&mut self) -> &mut Option<u8> {
        if self.rating_row == 0 {
            &mut self.stress
        } else {
            &mut self.energy
        }
    }

    /// After a rating: energy after stress, then the body.
    fn rated(&mut self) {
        self.typed_one = false;
        if self.rating_row == 0 {
            self.rating_row = 1;
        } else {
            self.rating_row = 0;
            self.go(Step::Body);
        }
    }

    pub(super) fn ratings_key(&mut self, k: KeyEvent) {
        match k.code {
            KeyCode::Char('0') if self.typed_one => {
                *self.rating() = Some(10);
                self.rated();
            }
            KeyCode::Char(c @ '0'..='9') => {
                *self.rating() = c.to_digit(10).map(|d| d as u8);
                if c == '1' {
                    self.typed_one = true;
                } else {
                    self.rated();
                }
            }
            KeyCode::Enter => self.rated(),
            KeyCode::Right | KeyCode::Char('+') => {
                let r = self.rating();
                *r = Some(r.map_or(0, |v| (v + 1).min(10)));
            }
            KeyCode::Left | KeyCode::Char('-') => {
                let r = self.rating();
                *r = Some(r.map_or(0, |v| v.saturating_sub(1)));
            }
            KeyCode::Up | KeyCode::Down => {
                self.rating_row = 1 - self.rating_row;
                self.typed_one = false;
            }
            KeyCode::Backspace | KeyCode::Delete => *self.rating() = None,
            _ => {}
        }
    }

    pub(super) fn body_key(&mut self, k: KeyEvent) {
        let regions = self.regions();
        match k.code {
            KeyCode::Char('x') => {
                // Nothing noticed: a full answer.
                self.checkin.sensations.clear();
                self.last = None;
                self.go(Step::Emotions);
            }
            KeyCode::Char('b') => {
                self.region = 0;
                self.picker = Some(Picker {
                    region: 0,
                    group: None,
                    scan: true,
                });
            }
            KeyCode::Char('+') => self.adjust(1),
            KeyCode::Char('-') => self.adjust(-1),
            KeyCode::Char(c) => {
                if let Some(i) = regions.iter().position(|r| r.2 == Some(c)) {
                    self.region = i;
                    self.picker = Some(Picker {
                        region: i,
                        group: None,
                        scan: false,
                    });
                }
            }
            KeyCode::Down => self.region = (self.region + 1).min(regions.len().saturating_sub(1)),
            KeyCode::Up => self.region = self.region.saturating_sub(1),
            KeyCode::Enter => {
                self.picker = Some(Picker {
                    region: self.region,
                    group: None,
                    scan: false,
                })
            }
            KeyCode::Backspace | KeyCode::Delete => {
                let id = regions.get(self.region).map(|r| r.0.clone());
                if let Some(i) = self
                    .checkin
                    .sensations
                    .iter()
                    .rposition(|s| Some(&s.region) == id.as_ref())
                {
                    self.checkin.sensations.remove(i);
                    self.last = None;
                }
            }
            _ => {}
        }
    }

    /// The next region of a guided scan, or the scan's end.
    fn scan_on(&mut self, p: Picker) {
        let next = p.region + 1;
        if next < self.vocab.regions.len() {
            self.region = next;
            self.picker = Some(Picker {
                region: next,
                group: None,
                scan: true,
            });
        } else {
            self.picker = None;
        }
    }

    pub(super) fn picker_key(&mut self, p: Picker, k: KeyEvent) {
        let groups = self.vocab.sensation_groups.len();
        match k.code {
            KeyCode::Char(c @ '1'..='9') => {
                let g = c as usize - '1' as usize;
                if g < groups {
                    self.picker = Some(Picker {
                        group: Some(g),
                        ..p
                    });
                }
            }
            KeyCode::Char('+') => self.adjust(1),
            KeyCode::Char('-') => self.adjust(-1),
            KeyCode::Char('n') | KeyCode::Enter if p.scan => self.scan_on(p),
            KeyCode::Enter => self.picker = None,
            KeyCode::Char(c @ 'a'..='i') => {
                let word = p
                    .group
                    .and_then(|g| self.vocab.sensation_groups.get(g))
                    .and_then(|g| g.words.get(c as usize - 'a' as usize))
                    .cloned();
                let region = self.regions().get(p.region).map(|r| r.0.clone());
                if let (Some(sensation), Some(region)) = (word, region) {
                    self.checkin.sensations.push(BodySensation {
                        region,
                        sensation,
                        intensity: 2,
                    });
                    self.last = Some(Last::Sensation(self.checkin.sensations.len() - 1));
                    if p.scan {
                        self.scan_on(p);
                    } else {
                        self.picker = None;
                    }
                }
            }
            _ => {}
        }
    }

    /// Change the intensity of what was added last (sensations 0-3, emotions 1-3).
    fn adjust(&mut self, by: i8) {
        let step = |v: u8, lo: u8| (i16::from(v) + i16::from(by)).clamp(i16::from(lo), 3) as u8;
        match self.last {
            Some(Last::Sensation(i)) => {
                if let Some(s) = self.checkin.sensations.get_mut(i) {
                    s.intensity = step(s.intensity, 0);
                }
            }
            Some(Last::Emotion(i)) => {
                if let Some(e) = self.checkin.emotions.get_mut(i) {
                    e.intensity = Some(step(e.intensity.unwrap_or(2), 1));
                }
            }
            None => {}
        }
    }

    /// Words matching the emotion filter, in vocabulary order.
    pub fn filtered(&self) -> Vec<&str> {
        let f = self.filter.as_deref().unwrap_or("").to_lowercase();
        self.vocab
            .emotions()
            .filter(|w| w.replace('_', " ").contains(&f))
            .collect()
    }

    /// Choose an emotion, or un-choose it when it is already chosen.
    fn toggle_emotion(&mut self, word: &str) {
        match self.checkin.emotions.iter().position(|e| e.word == word) {
            Some(i) => {
                self.checkin.emotions.remove(i);
                self.last = None;
            }
            None => {
                self.checkin.emotions.push(Emotion {
                    word: word.to_string(),
                    intensity: Some(2),
                });
                self.last = Some(Last::Emotion(self.checkin.emotions.len() - 1));
            }
        }
    }

    pub(super) fn emotions_key(&mut self, k: KeyEvent) {
        if let Some(f) = &mut self.filter {
            match k.code {
                KeyCode::Char(c) => f.push(c),
                KeyCode::Backspace => {
                    f.pop();
                }
                KeyCode::Enter => {
                    if let Some(w) = self.filtered().first().map(|w| w.to_string()) {
                        self.toggle_emotion(&w);
                    }
                    self.filter = None;
                }
                _ => {}
            }
            return;
        }
        match k.code {
            KeyCode::Char('/') => self.filter = Some(String::new()),
            KeyCode::Char(c @ '1'..='4') => self.quadrant = Some(c as usize - '1' as usize),
            KeyCode::Char('+') => self.adjust(1),
            KeyCode::Char('-') => self.adjust(-1),
            KeyCode::Char(c @ 'a'..='z') => {
                let word = self
                    .quadrant
                    .and_then(|q| self.vocab.emotion_quadrants.get(q))
                    .and_then(|q| q.words.get(c as usize - 'a' as usize))
                    .cloned();
                if let Some(w) = word {
                    self.toggle_emotion(&w);
                }
            }
            KeyCode::Backspace => {
                self.checkin.emotions.pop();
                self.last = None;
            }
            KeyCode::Enter => self.next_step(),
            _ => {}
        }
    }

    pub(super) fn context_key(&mut self, k: KeyEvent) {
        match k.code {
            KeyCode::Char(c @ 'a'..='z') => {
                if let Some(ctx) = self.vocab.contexts.get(c as usize - 'a' as usize) {
                    self.context = match &self.context {
                        Some(now) if *now == ctx.id => None,
                        _ => Some(ctx.id.clone()),
                    };
                }
            }
            KeyCode::Char(c @ '1'..='9') => {
                if let Some(flag) = self.vocab.flags.get(c as usize - '1' as usize) {
                    let d = &mut self.checkin.difficulties;
                    match d.iter().position(|f| *f == flag.id) {
                        Some(i) => {
                            d.remove(i);
                        }
                        None => {
                            d.push(flag.id.clone());
                            d.sort();
                        }
                    }
                }
            }
            KeyCode::Enter => self.next_step(),
            _ => {}
        }
    }
}
