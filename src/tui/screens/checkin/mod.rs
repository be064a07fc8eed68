//! The check-in: five short steps (stress and energy; the body; emotions; kind of work and
//! what made it harder; a note), each skippable, Esc going back one step. Letters and digits
//! pick from the vocabulary, so a whole check-in takes a dozen keys. Its state is a draft
//! like any entry's, kept by [`Keeper`], so nothing chosen or typed is lost.

mod keys;
pub mod view;

use std::time::Instant;

use ratatui::crossterm::event::KeyEvent;
use ratatui_textarea::TextArea;

use super::fields::{text_area, text_of};
use super::keeper::{AfterSave, Keeper, Outcome, Writes};
use crate::domain::vocab::{List, Vocabulary};
use crate::domain::{CheckIn, Details, Draft, Entry, Kind};
use crate::keys::{Action, ScreenId};
use crate::tui::msg::{Effect, FormId, Msg};
use crate::tui::screen::{Cmd, Ctx, Input, Reply, Screen, View};

/// The steps, in order.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Step {
    Ratings,
    Body,
    Emotions,
    Context,
    Note,
}

impl Step {
    pub const ALL: [Step; 5] = [
        Step::Ratings,
        Step::Body,
        Step::Emotions,
        Step::Context,
        Step::Note,
    ];

    pub fn title(self) -> &'static str {
        match self {
            Step::Ratings => "stress and energy",
            Step::Body => "body",
            Step::Emotions => "emotions",
            Step::Context => "context",
            Step::Note => "note",
        }
    }

    fn index(self) -> usize {
        Step::ALL.iter().position(|s| *s == self).unwrap_or(0)
    }

    fn next(self) -> Option<Step> {
        Step::ALL.get(self.index() + 1).copied()
    }

    fn previous(self) -> Option<Step> {
        self.index().checked_sub(1).map(|i| Step::ALL[i])
    }
}

/// Sensation words for one region, group by group (a guided scan walks the regions).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Picker {
    pub region: usize,
    pub group: Option<usize>,
    pub scan: bool,
}

/// What `+`/`-` change: the intensity of the sensation or emotion added last.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Last {
    Sensation(usize),
    Emotion(usize),
}

/// The check-in's state.
pub struct CheckinFlow {
    pub keeper: Keeper,
    pub vocab: Vocabulary,
    /// The draft fields this screen does not edit (title, tags, flags, when), kept as they are.
    base: Draft,
    pub step: Step,
    pub stress: Option<u8>,
    pub energy: Option<u8>,
    /// 0: stress, 1: energy.
    pub rating_row: usize,
    /// A `1` was typed: a `0` next makes it 10.
    typed_one: bool,
    pub checkin: CheckIn,
    /// The region under the cursor in the body step.
    pub region: usize,
    pub picker: Option<Picker>,
    /// The emotion quadrant shown (0-3).
    pub quadrant: Option<usize>,
    /// Type-to-filter over every emotion word, while it is open.
    pub filter: Option<String>,
    pub context: Option<String>,
    pub note: TextArea<'static>,
    last: Option<Last>,
}

const NOTE_HINT: &str = "Anything else, in your own words (optional). Ctrl-S saves.";

impl CheckinFlow {
    /// A new check-in.
    pub fn new(ctx: &Ctx) -> CheckinFlow {
        CheckinFlow::from_draft(&Draft::new(Kind::Checkin, None), None, ctx)
    }

    /// Edit an existing check-in.
    pub fn for_entry(e: &Entry, ctx: &Ctx) -> CheckinFlow {
        CheckinFlow::from_draft(&Draft::of_entry(e), None, ctx)
    }

    /// A check-in restored from a draft (`draft_id`), or opened on `d`.
    pub fn from_draft(d: &Draft, draft_id: Option<i64>, ctx: &Ctx) -> CheckinFlow {
        let checkin = match &d.details {
            Details::Checkin(c) => c.clone(),
            _ => CheckIn::default(),
        };
        let mut flow = CheckinFlow {
            keeper: Keeper::new(d.clone(), None, AfterSave::Return),
            vocab: ctx.vocab.clone(),
            base: d.clone(),
            step: Step::Ratings,
            stress: d.stress,
            energy: d.energy,
            rating_row: 0,
            typed_one: false,
            checkin,
            region: 0,
            picker: None,
            quadrant: None,
            filter: None,
            context: Some(d.work_context.clone()).filter(|c| !c.is_empty()),
            note: text_area(&d.body, NOTE_HINT),
            last: None,
        };
        flow.keeper = Keeper::new(flow.snapshot(), draft_id, AfterSave::Return);
        flow
    }

    pub fn id(&self) -> FormId {
        self.keeper.id
    }

    /// The check-in as a draft.
    pub fn snapshot(&self) -> Draft {
        Draft {
            stress: self.stress,
            energy: self.energy,
            work_context: self.context.clone().unwrap_or_default(),
            body: text_of(&self.note),
            details: Details::Checkin(self.checkin.clone()),
            ..self.base.clone()
        }
    }

    /// Regions shown in the body step: the vocabulary's, and any region an older entry has
    /// that the vocabulary does not.
    pub fn regions(&self) -> Vec<(String, String, Option<char>)> {
        let mut out: Vec<(String, String, Option<char>)> = self
            .vocab
            .regions
            .iter()
            .map(|r| (r.id.clone(), r.label.clone(), r.key))
            .collect();
        for s in &self.checkin.sensations {
            if !out.iter().any(|(id, _, _)| *id == s.region) {
                out.push((
                    s.region.clone(),
                    self.vocab.label(List::Regions, &s.region),
                    None,
                ));
            }
        }
        out
    }

    fn go(&mut self, step: Step) {
        self.step = step;
        self.picker = None;
        self.filter = None;
        self.typed_one = false;
        self.note.set_cursor_style(if step == Step::Note {
            ratatui::style::Style::new().add_modifier(ratatui::style::Modifier::REVERSED)
        } else {
            ratatui::style::Style::new()
        });
    }

    fn next_step(&mut self) {
        if let Some(s) = self.step.next() {
            self.go(s);
        }
    }

    /// Esc: out of a picker or filter, else back one step; from the first step, leave.
    fn back(&mut self) -> Option<Vec<Cmd>> {
        if self.picker.take().is_some() || self.filter.take().is_some() {
            return None;
        }
        match self.step.previous() {
            Some(s) => {
                self.go(s);
                None
            }
            None => Some(self.keeper.leave(&self.snapshot(), false)),
        }
    }

    fn key(&mut self, k: KeyEvent) {
        match self.step {
            Step::Ratings => self.ratings_key(k),
            Step::Body => match self.picker {
                Some(p) => self.picker_key(p, k),
                None => self.body_key(k),
            },
            Step::Emotions => self.emotions_key(k),
            Step::Context => self.context_key(k),
            Step::Note => {
                self.note.input(k);
            }
        }
    }
}

impl Writes for CheckinFlow {
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

impl View for CheckinFlow {
    fn id(&self) -> ScreenId {
        ScreenId::Checkin
    }

    fn title(&self) -> String {
        match self.keeper.entry_id {
            Some(id) => format!("Editing check-in #{id}"),
            None => "New check-in".into(),
        }
    }

    fn handle(&mut self, input: Input, ctx: &Ctx, now: Instant) -> Vec<Cmd> {
        let before = self.snapshot();
        let cmds = match input {
            Input::Action(Action::Save) => return self.keeper.save(&before, ctx),
            Input::Action(Action::NextField) => {
                self.next_step();
                Vec::new()
            }
            Input::Action(Action::PrevField) => {
                if let Some(s) = self.step.previous() {
                    self.go(s);
                }
                Vec::new()
            }
            Input::Action(Action::Support) => {
                vec![Cmd::Push(Screen::Support(super::support::SupportOverlay))]
            }
            Input::Action(Action::Back) => self.back().unwrap_or_default(),
            Input::Action(Action::Quit) => return self.keeper.leave(&before, true),
            Input::Action(_) => Vec::new(),
            Input::Key(k) => {
                self.key(k);
                Vec::new()
            }
            Input::Paste(text) => {
                self.go(Step::Note);
                self.note.insert_str(text.replace("\r\n", "\n"));
                Vec::new()
            }
        };
        if self.snapshot() != before {
            self.keeper.touched(now);
        }
        cmds
    }

    fn on_reply(&mut self, reply: Reply, ctx: &Ctx, _now: Instant) -> Vec<Cmd> {
        self.keeper.on_reply(reply, &self.snapshot(), ctx)
    }

    fn on_msg(&mut self, msg: &Msg, _ctx: &Ctx, _now: Instant) -> Vec<Cmd> {
        match self.keeper.on_msg(msg, &self.snapshot()) {
            Outcome::Ignored => Vec::new(),
            Outcome::Cmds(cmds) => cmds,
        }
    }

    fn tick(&mut self, now: Instant) -> Vec<Cmd> {
        self.pause_draft(now)
    }

    fn draft_now(&self) -> Option<Effect> {
        self.final_draft()
    }

    fn render(&self, area: ratatui::layout::Rect, buf: &mut ratatui::buffer::Buffer, ctx: &Ctx) {
        view::render(self, area, buf, ctx);
    }
}
