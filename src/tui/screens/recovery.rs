//! Logging recovery from the timeline: sleep (hours, how restful), a break (minutes),
//! movement from the vocabulary's menu (minutes), or "not possible today" in one key.

use std::time::Instant;

use ratatui::buffer::Buffer;
use ratatui::crossterm::event::KeyCode;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};

use super::dialogs::text_box;
use super::keeper::next_form_id;
use crate::domain::recovery::{parse_hours, parse_minutes};
use crate::domain::{Details, Entry, EntryContent, EntryId, Kind, Recovery, Revision};
use crate::journal::{Save, Target};
use crate::keys::{Action, ScreenId};
use crate::tui::msg::{Effect, FormId, Msg};
use crate::tui::screen::{Cmd, Ctx, Input, View};

/// What is being logged.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum What {
    Sleep,
    Break,
    Move,
}

/// The recovery log's state.
pub struct RecoveryLog {
    id: FormId,
    /// The entry being changed, with what the log does not edit (tags, flags); `None` for a
    /// new one.
    editing: Option<(EntryId, Revision, Box<EntryContent>)>,
    pub what: Option<What>,
    pub hours: String,
    pub quality: String,
    pub minutes: String,
    pub movement: Option<usize>,
    /// Sleep: 0 hours, 1 quality.
    pub field: usize,
    pub error: Option<String>,
}

impl Default for RecoveryLog {
    fn default() -> Self {
        RecoveryLog {
            id: next_form_id(),
            editing: None,
            what: None,
            hours: String::new(),
            quality: String::new(),
            minutes: String::new(),
            movement: None,
            field: 0,
            error: None,
        }
    }
}

impl RecoveryLog {
    /// Change a recovery entry: its fields filled in from what it holds.
    pub fn for_entry(e: &Entry, ctx: &Ctx) -> RecoveryLog {
        let mut log = RecoveryLog {
            editing: Some((e.id(), e.meta.revision, Box::new(e.content.clone()))),
            ..RecoveryLog::default()
        };
        let minutes = |m: Option<u16>| m.map_or_else(String::new, |m| m.to_string());
        if let Details::Recovery(r) = &e.content.details {
            match r {
                Recovery::Sleep {
                    minutes: m,
                    quality,
                } => {
                    log.what = Some(What::Sleep);
                    log.hours = match (m / 60, m % 60) {
                        (h, 0) => h.to_string(),
                        (h, m) => format!("{h}:{m:02}"),
                    };
                    log.quality = quality.map_or_else(String::new, |q| q.to_string());
                }
                Recovery::Break { minutes: m } => {
                    log.what = Some(What::Break);
                    log.minutes = minutes(*m);
                }
                Recovery::Move {
                    movement,
                    minutes: m,
                } => {
                    log.what = Some(What::Move);
                    log.movement = ctx.vocab.movement.iter().position(|o| o.id == *movement);
                    log.minutes = minutes(*m);
                }
                Recovery::None => {}
            }
        }
        log
    }

    /// The entry the fields describe, or what is missing.
    fn recovery(&self, ctx: &Ctx) -> crate::Result<Recovery> {
        let minutes = |m: &str| {
            Some(m.trim())
                .filter(|m| !m.is_empty())
                .map(parse_minutes)
                .transpose()
        };
        let r = match self.what {
            None => Recovery::None,
            Some(What::Sleep) => Recovery::Sleep {
                minutes: parse_hours(&self.hours)?,
                quality: match self.quality.trim() {
                    "" => None,
                    q => Some(
                        q.parse::<i64>()
                            .map_err(|_| {
                                crate::Error::invalid(
                                    "quality",
                                    "how restful: a whole number from 0 to 10",
                                )
                            })
                            .and_then(|n| crate::domain::Rating::new("quality", n))?
                            .value(),
                    ),
                },
            },
            Some(What::Break) => Recovery::Break {
                minutes: minutes(&self.minutes)?,
            },
            Some(What::Move) => Recovery::Move {
                movement: self
                    .movement
                    .and_then(|i| ctx.vocab.movement.get(i))
                    .map(|m| m.id.clone())
                    .ok_or_else(|| {
                        crate::Error::invalid("movement", "pick what kind of movement (a letter)")
                    })?,
                minutes: minutes(&self.minutes)?,
            },
        };
        r.validate()?;
        Ok(r)
    }

    fn save(&mut self, ctx: &Ctx) -> Vec<Cmd> {
        match self.recovery(ctx) {
            Ok(r) => {
                self.error = None;
                let (target, mut content) = match &self.editing {
                    Some((id, revision, content)) => (
                        Target::Existing {
                            id: *id,
                            revision: *revision,
                            at: None,
                        },
                        (**content).clone(),
                    ),
                    None => (
                        Target::New { at: None },
                        EntryContent::of_kind(Kind::Recovery),
                    ),
                };
                content.details = Details::Recovery(r);
                vec![Cmd::Do(Effect::Save {
                    form: self.id,
                    request: Box::new(Save {
                        target,
                        content,
                        draft: None,
                    }),
                })]
            }
            Err(e) => {
                self.error = Some(e.to_string());
                Vec::new()
            }
        }
    }

    /// The field typing goes to.
    fn field_mut(&mut self) -> Option<&mut String> {
        match (self.what, self.field) {
            (Some(What::Sleep), 0) => Some(&mut self.hours),
            (Some(What::Sleep), _) => Some(&mut self.quality),
            (Some(_), _) => Some(&mut self.minutes),
            (None, _) => None,
        }
    }

    fn key(&mut self, code: KeyCode, ctx: &Ctx) -> Vec<Cmd> {
        match (self.what, code) {
            (None, KeyCode::Char('s')) => self.what = Some(What::Sleep),
            (None, KeyCode::Char('b')) => self.what = Some(What::Break),
            (None, KeyCode::Char('m')) => self.what = Some(What::Move),
            (None, KeyCode::Char('x')) => return self.save(ctx),
            (Some(What::Move), KeyCode::Char(c @ 'a'..='z')) => {
                let i = c as usize - 'a' as usize;
                if i < ctx.vocab.movement.len() {
                    self.movement = Some(i);
                }
            }
            (Some(_), KeyCode::Char(c)) if c.is_ascii_digit() || ".:h".contains(c) => {
                if let Some(f) = self.field_mut()
                    && f.len() < 6
                {
                    f.push(c);
                }
            }
            (Some(_), KeyCode::Backspace) => {
                if let Some(f) = self.field_mut() {
                    f.pop();
                }
            }
            _ => {}
        }
        Vec::new()
    }

    fn lines(&self, ctx: &Ctx) -> Vec<Line<'static>> {
        let t = &ctx.theme;
        let field = |label: &str, value: &str, focused: bool| {
            Line::from(vec![
                Span::styled(format!("{label:<22}"), t.text),
                Span::styled(
                    format!("{value}{}", if focused { "▏" } else { "" }),
                    if focused { t.selected } else { t.key },
                ),
            ])
        };
        let mut lines = match self.what {
            None => vec![
                Line::styled("What helped? No streaks, no judgement.", t.text),
                Line::raw(""),
                Line::from(vec![Span::styled("  s ", t.key), Span::raw("sleep")]),
                Line::from(vec![Span::styled("  b ", t.key), Span::raw("a break")]),
                Line::from(vec![Span::styled("  m ", t.key), Span::raw("movement")]),
                Line::from(vec![
                    Span::styled("  x ", t.key),
                    Span::raw("not possible today (that is an answer too)"),
                ]),
            ],
            Some(What::Sleep) => vec![
                field("Hours slept (7, 6.5):", &self.hours, self.field == 0),
                field("How restful, 0-10:", &self.quality, self.field == 1),
                Line::styled("Tab: next field · Enter logs it", t.dim),
            ],
            Some(What::Break) => vec![
                field("Minutes (optional):", &self.minutes, true),
                Line::styled("Enter logs it", t.dim),
            ],
            Some(What::Move) => {
                let mut l: Vec<Line> = ctx
                    .vocab
                    .movement
                    .iter()
                    .enumerate()
                    .map(|(i, m)| {
                        let on = self.movement == Some(i);
                        Line::from(vec![
                            Span::styled(format!("  {} ", (b'a' + i as u8) as char), t.key),
                            Span::styled(m.label.clone(), if on { t.selected } else { t.text }),
                        ])
                    })
                    .collect();
                l.push(field("Minutes (optional):", &self.minutes, true));
                l.push(Line::styled("A letter picks · Enter logs it", t.dim));
                l
            }
        };
        if let Some(e) = &self.error {
            lines.push(Line::styled(e.clone(), t.error));
        }
        lines
    }
}

impl View for RecoveryLog {
    fn id(&self) -> ScreenId {
        ScreenId::Recovery
    }
    fn title(&self) -> String {
        match &self.editing {
            Some((id, _, _)) => format!("Recovery entry #{id}"),
            None => "Log recovery".into(),
        }
    }
    fn is_overlay(&self) -> bool {
        true
    }
    fn handle(&mut self, input: Input, ctx: &Ctx, _now: Instant) -> Vec<Cmd> {
        match input {
            Input::Action(Action::Save) if self.what.is_some() => self.save(ctx),
            Input::Action(Action::NextField) => {
                self.field = (self.field + 1) % 2;
                Vec::new()
            }
            Input::Action(Action::Back) if self.what.is_some() && self.editing.is_none() => {
                *self = RecoveryLog {
                    id: self.id,
                    ..RecoveryLog::default()
                };
                Vec::new()
            }
            Input::Action(Action::Back) => vec![Cmd::Pop],
            Input::Action(Action::Quit) => vec![Cmd::Pop, Cmd::Quit],
            Input::Key(k) => self.key(k.code, ctx),
            _ => Vec::new(),
        }
    }
    fn on_msg(&mut self, msg: &Msg, _ctx: &Ctx, _now: Instant) -> Vec<Cmd> {
        match msg {
            Msg::Saved { form, summary, new } if *form == self.id => vec![
                Cmd::Pop,
                Cmd::Status(format!(
                    "{}: {} (entry {}).",
                    if *new { "Logged" } else { "Changed" },
                    crate::present::summary::gist_line(summary),
                    summary.id
                )),
            ],
            Msg::Failed { form, message } if *form == Some(self.id) => {
                self.error = Some(message.clone());
                Vec::new()
            }
            _ => Vec::new(),
        }
    }
    fn render(&self, area: Rect, buf: &mut Buffer, ctx: &Ctx) {
        text_box(area, buf, ctx, "Log recovery", self.lines(ctx), 60);
    }
}
