//! A review in the journal: choose which (after a visit, the week, the month, before
//! supervision), then answer its questions one at a time, each with the quoted entry named;
//! skipping is fine. The answers are saved as a reflection (one heading per question
//! answered), kept as a draft meanwhile like any writing.

use std::time::Instant;

use ratatui::buffer::Buffer;
use ratatui::crossterm::event::KeyCode;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Widget, Wrap};
use ratatui_textarea::TextArea;

use super::fields::{text_area, text_of, undo_word};
use super::keeper::{AfterSave, Keeper, Outcome, Writes};
use crate::domain::reviewed::ReviewOf;
use crate::domain::{Details, Draft, Guided, Kind};
use crate::keys::{Action, ScreenId};
use crate::review::{Review, ReviewKind};
use crate::tui::msg::{Effect, Msg};
use crate::tui::screen::{Cmd, Ctx, Input, Reply, View};

/// Where the review is.
pub enum Stage {
    /// Which review?
    Choosing,
    /// Asked for; waiting.
    Loading(ReviewKind),
    /// The questions, one answer box each.
    Answering {
        review: Box<Review>,
        answers: Vec<TextArea<'static>>,
        current: usize,
    },
}

/// The review screen's state.
pub struct ReviewScreen {
    pub stage: Stage,
    keeper: Keeper,
}

impl Default for ReviewScreen {
    fn default() -> Self {
        ReviewScreen {
            stage: Stage::Choosing,
            keeper: Keeper::new(Draft::new(Kind::Reflection, None), None, AfterSave::Read),
        }
    }
}

impl ReviewScreen {
    /// A review of `kind`, asked for already (`debrief review week` on a terminal).
    pub fn of_kind(kind: ReviewKind) -> ReviewScreen {
        ReviewScreen {
            stage: Stage::Loading(kind),
            ..ReviewScreen::default()
        }
    }

    /// The effect that loads the review, while it is being asked for.
    pub fn loading(&self) -> Option<Effect> {
        match self.stage {
            Stage::Loading(kind) => Some(Effect::LoadReview(kind)),
            _ => None,
        }
    }
}

const CHOICES: [(char, ReviewKind, &str); 4] = [
    ('a', ReviewKind::AfterVisit, "after a visit: today so far"),
    ('w', ReviewKind::Week, "the week: the last 7 days"),
    ('m', ReviewKind::Month, "the month: the last 30 days"),
    (
        's',
        ReviewKind::Supervision,
        "before supervision: since the last supervision note",
    ),
];

impl ReviewScreen {
    /// The answers as a reflection draft: a title naming the review and its period, one
    /// `## question` heading per answer given.
    pub fn snapshot(&self) -> Draft {
        let Stage::Answering {
            review, answers, ..
        } = &self.stage
        else {
            return self.keeper.original.clone();
        };
        let body: Vec<String> = review
            .questions
            .iter()
            .zip(answers)
            .map(|(q, a)| (q, text_of(a)))
            .filter(|(_, a)| !a.trim().is_empty())
            .map(|(q, a)| format!("## {}\n{}", q.text, a.trim_end()))
            .collect();
        let when = |t: chrono::DateTime<chrono::Utc>| t.format("%-d %b %Y").to_string();
        Draft {
            title: format!(
                "{}, {} to {}",
                review.kind.title(),
                when(review.from),
                when(review.to)
            ),
            tags: "review".into(),
            body: body.join("\n\n"),
            details: Details::Reflection(Guided {
                review: Some(ReviewOf {
                    kind: review.kind,
                    from: review.from,
                    to: review.to,
                }),
                ..Guided::default()
            }),
            ..Draft::default()
        }
    }

    fn current_answer(&mut self) -> Option<&mut TextArea<'static>> {
        match &mut self.stage {
            Stage::Answering {
                answers, current, ..
            } => answers.get_mut(*current),
            _ => None,
        }
    }

    fn step(&mut self, forward: bool) {
        if let Stage::Answering {
            answers, current, ..
        } = &mut self.stage
        {
            let n = answers.len();
            *current = if forward {
                (*current + 1).min(n.saturating_sub(1))
            } else {
                current.saturating_sub(1)
            };
        }
    }

    fn lines(&self, ctx: &Ctx) -> Vec<Line<'static>> {
        let t = &ctx.theme;
        match &self.stage {
            Stage::Choosing => {
                let mut l = vec![
                    Line::styled("Which review? Each asks about your own entries.", t.text),
                    Line::raw(""),
                ];
                for (key, _, what) in CHOICES {
                    l.push(Line::from(vec![
                        Span::styled(format!("  {key} "), t.key),
                        Span::raw(what),
                    ]));
                }
                l
            }
            Stage::Loading(kind) => vec![Line::styled(
                format!("Gathering the {} review…", kind.as_str()),
                t.dim,
            )],
            Stage::Answering {
                review, current, ..
            } => {
                let q = &review.questions[*current];
                let mut l = vec![
                    Line::styled(
                        format!(
                            "{} · question {} of {} · Tab next, Shift-Tab back; any may stay empty",
                            review.kind.title(),
                            current + 1,
                            review.questions.len()
                        ),
                        t.dim,
                    ),
                    Line::raw(""),
                    Line::styled(q.text.clone(), t.title),
                ];
                if let Some(quote) = &q.quote {
                    let when = ctx
                        .clock
                        .local(quote.created.with_timezone(&chrono::Utc))
                        .format("%a %-d %b %H:%M");
                    l.push(Line::styled(
                        format!("(entry {}, {when})", quote.entry),
                        t.dim,
                    ));
                }
                l.push(Line::raw(""));
                l
            }
        }
    }
}

impl Writes for ReviewScreen {
    fn keeper(&self) -> &Keeper {
        &self.keeper
    }
    fn keeper_mut(&mut self) -> &mut Keeper {
        &mut self.keeper
    }
    fn draft(&self) -> Draft {
        self.snapshot()
    }
}

impl View for ReviewScreen {
    fn id(&self) -> ScreenId {
        ScreenId::Review
    }

    fn title(&self) -> String {
        "Review".into()
    }

    fn handle(&mut self, input: Input, ctx: &Ctx, now: Instant) -> Vec<Cmd> {
        if let Stage::Choosing = self.stage {
            return match input {
                Input::Key(k) => match k.code {
                    KeyCode::Char(c) => match CHOICES.iter().find(|(key, _, _)| *key == c) {
                        Some((_, kind, _)) => {
                            self.stage = Stage::Loading(*kind);
                            vec![Cmd::Do(Effect::LoadReview(*kind))]
                        }
                        None => Vec::new(),
                    },
                    _ => Vec::new(),
                },
                Input::Action(Action::Back) => vec![Cmd::Pop],
                Input::Action(Action::Quit) => vec![Cmd::Pop, Cmd::Quit],
                _ => Vec::new(),
            };
        }
        let before = self.snapshot();
        let cmds = match input {
            Input::Action(Action::Save) => return self.keeper.save(&before, ctx),
            Input::Action(Action::NextField) => {
                self.step(true);
                Vec::new()
            }
            Input::Action(Action::PrevField) => {
                self.step(false);
                Vec::new()
            }
            Input::Action(a @ (Action::Undo | Action::Redo)) => {
                if let Some(t) = self.current_answer() {
                    undo_word(t, a == Action::Redo);
                }
                Vec::new()
            }
            Input::Action(Action::Back) => return self.keeper.leave(&before, false),
            Input::Action(Action::Quit) => return self.keeper.leave(&before, true),
            Input::Action(_) => Vec::new(),
            Input::Key(k) => {
                if let Some(t) = self.current_answer() {
                    t.input(k);
                }
                Vec::new()
            }
            Input::Paste(text) => {
                if let Some(t) = self.current_answer() {
                    t.insert_str(text.replace("\r\n", "\n"));
                }
                Vec::new()
            }
        };
        if self.snapshot() != before {
            self.keeper.touched(now);
        }
        cmds
    }

    fn on_msg(&mut self, msg: &Msg, _ctx: &Ctx, _now: Instant) -> Vec<Cmd> {
        if let (Msg::Review(r), Stage::Loading(kind)) = (msg, &self.stage)
            && r.kind == *kind
        {
            let answers = r
                .questions
                .iter()
                .map(|_| text_area("", "your answer (may stay empty)"))
                .collect();
            self.stage = Stage::Answering {
                review: r.clone(),
                answers,
                current: 0,
            };
            // What the keeper compares with: the review unanswered.
            self.keeper = Keeper::new(self.snapshot(), None, AfterSave::Read);
            return Vec::new();
        }
        match self.keeper.on_msg(msg, &self.snapshot()) {
            Outcome::Ignored => Vec::new(),
            Outcome::Cmds(cmds) => cmds,
        }
    }

    fn on_reply(&mut self, reply: Reply, ctx: &Ctx, _now: Instant) -> Vec<Cmd> {
        self.keeper.on_reply(reply, &self.snapshot(), ctx)
    }

    fn tick(&mut self, now: Instant) -> Vec<Cmd> {
        self.pause_draft(now)
    }

    fn draft_now(&self) -> Option<Effect> {
        self.final_draft()
    }

    fn render(&self, area: Rect, buf: &mut Buffer, ctx: &Ctx) {
        let lines = self.lines(ctx);
        let paragraph = Paragraph::new(lines).wrap(Wrap { trim: false });
        let used = u16::try_from(paragraph.line_count(area.width.max(1))).unwrap_or(area.height);
        paragraph.render(area, buf);
        if let Stage::Answering {
            answers, current, ..
        } = &self.stage
            && let Some(t) = answers.get(*current)
        {
            let rest = Rect {
                y: area.y + used.min(area.height),
                height: area.height.saturating_sub(used),
                ..area
            };
            t.render(rest, buf);
        }
    }
}
