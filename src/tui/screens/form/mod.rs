//! The entry form: the common fields, the text, and what the entry's kind adds (one text area
//! per stage of a reflective model, with its prompts shown as guidance; the body and emotions
//! of a check-in; a supervision session's items). Its state is a [`Draft`], written while
//! typing pauses, so nothing typed is lost; it closes only once its text is safely written.

use std::time::Instant;

use ratatui::crossterm::event::{KeyCode, KeyEvent};
use ratatui_textarea::TextArea;

use self::learning::LearningFields;
use self::session::SessionRows;
use super::fields::{CommonFields, text_area, text_of};
pub use super::keeper::DRAFT_DELAY;
use super::keeper::{AfterSave, Keeper, Outcome, Writes};
use crate::domain::draft::answers_for;
use crate::domain::learning::LEARNING_TEMPLATE;
use crate::domain::templates::{self, Template};
use crate::domain::{Details, Draft, Entry, Guided, Kind, StageAnswer};
use crate::keys::{Action, ScreenId};
use crate::tui::msg::{DraftMode, Effect, FormId, Msg};
use crate::tui::screen::{Cmd, Ctx, Input, Reply, Screen, View};

/// Where the keyboard is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Focus {
    Title,
    When,
    Tags,
    Stress,
    Energy,
    Flags,
    /// A learning activity's kind, author, link and time spent.
    Activity,
    Author,
    Link,
    Time,
    /// A supervision note's date, supervisor, kind of session and next date.
    Held,
    Supervisor,
    SessionType,
    NextOn,
    Body,
    /// A stage of a guided reflection.
    Stage(usize),
}

/// One text area per stage of `template`, in stage order.
pub struct Stages {
    pub template: &'static Template,
    pub areas: Vec<TextArea<'static>>,
}

impl Stages {
    fn of(template: &'static Template, answers: &[StageAnswer]) -> Stages {
        Stages {
            template,
            areas: answers_for(template, answers)
                .iter()
                .map(|a| text_area(&a.answer, "your answer (may stay empty)"))
                .collect(),
        }
    }

    /// The stages answered, in order.
    fn answers(&self) -> Vec<StageAnswer> {
        self.template
            .stages
            .iter()
            .zip(&self.areas)
            .map(|(s, t)| StageAnswer {
                stage: s.key.clone(),
                answer: text_of(t),
            })
            .filter(|a| !a.answer.is_empty())
            .collect()
    }
}

/// What the entry's kind adds to the common fields.
pub enum Part {
    /// A reflection guided by a model.
    Guided(Stages),
    /// A learning activity: what it was, and the reflection on it.
    Learning(Box<LearningFields>, Stages),
    /// A supervision note: the session's rows, and its sections as text.
    Session(Box<SessionRows>, Stages),
    /// Any other kind: its details are kept as they are and shown read-only.
    Plain(Details),
}

impl Part {
    /// The stages being answered, if the kind has any.
    pub fn stages(&self) -> Option<&Stages> {
        match self {
            Part::Guided(s) | Part::Learning(_, s) | Part::Session(_, s) => Some(s),
            Part::Plain(_) => None,
        }
    }

    fn stages_mut(&mut self) -> Option<&mut Stages> {
        match self {
            Part::Guided(s) | Part::Learning(_, s) | Part::Session(_, s) => Some(s),
            Part::Plain(_) => None,
        }
    }
}

/// The form's state.
pub struct EntryForm {
    pub keeper: Keeper,
    pub kind: Kind,
    pub common: CommonFields,
    pub body: TextArea<'static>,
    pub part: Part,
    pub focus: Focus,
    /// The `$EDITOR` file whose text is in the form but not yet in a draft.
    edit_file: Option<std::path::PathBuf>,
}

impl EntryForm {
    /// A blank form for a new entry of `kind` (a reflection guided by `template`).
    pub fn new(kind: Kind, template: &str) -> EntryForm {
        let mut form = EntryForm::from_parts(&Draft::new(kind, Some(template)), None);
        if matches!(form.part, Part::Guided(_)) {
            form.focus = Focus::Stage(0);
        }
        form.show_cursor();
        form
    }

    /// A form on an existing entry.
    pub fn for_entry(e: &Entry) -> EntryForm {
        let mut form = EntryForm::from_parts(&Draft::of_entry(e), None);
        let written = e.meta.created.format("%a %-d %b %Y %H:%M").to_string();
        form.common = CommonFields::of(&form.keeper.original, Some(written));
        form.show_cursor();
        form
    }

    /// A form restored from a stored draft: unsaved work from the start.
    pub fn from_draft(d: &Draft, draft_id: i64) -> EntryForm {
        EntryForm::from_parts(d, Some(draft_id))
    }

    fn from_parts(d: &Draft, draft_id: Option<i64>) -> EntryForm {
        let part = match &d.details {
            Details::Reflection(Guided {
                template: Some(t),
                answers,
                ..
            }) => templates::find(t).map(|t| Part::Guided(Stages::of(t, answers))),
            Details::Learning(l) => templates::find(LEARNING_TEMPLATE).map(|t| {
                Part::Learning(
                    Box::new(LearningFields::of(l, &d.time_spent)),
                    Stages::of(t, &l.answers),
                )
            }),
            Details::Supervision(base) => {
                let (rows, stages) = SessionRows::of(base, d.session.as_ref());
                Some(Part::Session(Box::new(rows), stages))
            }
            _ => None,
        }
        .unwrap_or_else(|| Part::Plain(d.details.clone()));
        let focus = match part {
            Part::Learning(..) | Part::Session(..) => Focus::Title,
            _ => Focus::Body,
        };
        let mut form = EntryForm {
            // Replaced below, once the fields can make the draft it compares with.
            keeper: Keeper::new(
                Draft {
                    entry_id: d.entry_id,
                    revision: d.revision,
                    ..Draft::default()
                },
                None,
                AfterSave::Read,
            ),
            kind: d.kind(),
            common: CommonFields::of(d, None),
            body: text_area(&d.body, "Write here. Nothing leaves this computer."),
            part,
            focus,
            edit_file: None,
        };
        form.keeper = Keeper::new(form.snapshot(), draft_id, AfterSave::Read);
        form.show_cursor();
        form
    }

    /// Push `form`, and with `editor = "external"` go straight to `$EDITOR` for its text.
    pub fn open(form: EntryForm, ctx: &Ctx) -> Vec<Cmd> {
        let external = ctx.external_editor.then(|| {
            Cmd::Do(Effect::ExternalEditor {
                form: form.keeper.id,
                text: form.focused_text().map(text_of).unwrap_or_default(),
            })
        });
        std::iter::once(Cmd::Push(Screen::Form(Box::new(form))))
            .chain(external)
            .collect()
    }

    /// The fields as a draft.
    pub fn snapshot(&self) -> Draft {
        let mut d = Draft {
            entry_id: self.keeper.entry_id,
            // The revision the editing started from travels with the text (into drafts).
            revision: self.keeper.original.revision,
            body: text_of(&self.body),
            ..Draft::default()
        };
        match &self.part {
            Part::Guided(s) => {
                d.details = Details::Reflection(Guided {
                    template: Some(s.template.id.clone()),
                    answers: s.answers(),
                    review: None,
                });
            }
            Part::Learning(about, s) => about.fill(&mut d, s.answers()),
            Part::Session(rows, s) => rows.fill(&mut d, s),
            Part::Plain(details) => d.details = details.clone(),
        }
        self.common.fill(&mut d);
        d
    }

    /// Has anything changed since the form opened?
    pub fn is_dirty(&self) -> bool {
        self.keeper.is_dirty(&self.snapshot())
    }

    /// The form's id, to which results of its effects are addressed.
    pub fn id(&self) -> FormId {
        self.keeper.id
    }

    fn touched(&mut self, now: Instant) {
        self.keeper.touched(now);
    }

    /// A key no binding claims: it edits the focused field.
    fn key(&mut self, key: KeyEvent, now: Instant) {
        let before = self.snapshot();
        match self.focus {
            // Enter on a one-line field moves on; in the text it starts a new line.
            f if key.code == KeyCode::Enter && !matches!(f, Focus::Body | Focus::Stage(_)) => {
                return self.cycle_focus(true);
            }
            Focus::Stress => self.common.stress.key(key.code),
            Focus::Energy => self.common.energy.key(key.code),
            Focus::Flags => self.common.flag_key(&key),
            Focus::Activity => {
                if let Part::Learning(l, _) = &mut self.part {
                    l.activity_key(key.code);
                }
            }
            Focus::SessionType => {
                if let Part::Session(r, _) = &mut self.part {
                    r.type_key(key.code);
                }
            }
            _ => {
                if let Some(t) = self.focused_text_mut() {
                    t.input(key);
                }
            }
        }
        if self.snapshot() != before {
            self.touched(now);
        }
    }

    fn paste(&mut self, text: &str, now: Instant) {
        let text = text.replace("\r\n", "\n").replace('\r', "\n");
        match self.focus {
            Focus::Title
            | Focus::When
            | Focus::Tags
            | Focus::Author
            | Focus::Link
            | Focus::Time
            | Focus::Held
            | Focus::Supervisor
            | Focus::NextOn => {
                if let Some(t) = self.focused_text_mut() {
                    t.insert_str(text.replace('\n', " "));
                }
            }
            Focus::Stage(_) | Focus::Body => {
                if let Some(t) = self.focused_text_mut() {
                    t.insert_str(text);
                }
            }
            _ => {
                self.focus = Focus::Body;
                self.show_cursor();
                self.body.insert_str(text);
            }
        }
        self.touched(now);
    }

    /// The editor's file once its text is safe (in a draft or an entry).
    fn forget_edit_file(&mut self) -> Option<Cmd> {
        self.edit_file
            .take()
            .map(|f| Cmd::Do(Effect::ForgetFile(f)))
    }

    /// The frame's title: "New check-in", "Editing #4 (reflection) · Gibbs".
    pub fn heading(&self) -> String {
        let what = self.kind.label();
        let mut h = match self.keeper.entry_id {
            Some(id) => format!("Editing #{id} ({what})"),
            None => format!("New {what}"),
        };
        if let Part::Guided(s) = &self.part {
            h.push_str(&format!(" · {}", s.template.name));
        }
        h
    }
}

impl Writes for EntryForm {
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

impl View for EntryForm {
    fn id(&self) -> ScreenId {
        ScreenId::Editor
    }

    fn title(&self) -> String {
        self.heading()
    }

    fn handle(&mut self, input: Input, ctx: &Ctx, now: Instant) -> Vec<Cmd> {
        match input {
            Input::Action(Action::Save) => return self.keeper.save(&self.snapshot(), ctx),
            Input::Action(Action::NextField) => self.cycle_focus(true),
            Input::Action(Action::PrevField) => self.cycle_focus(false),
            Input::Action(a @ (Action::Undo | Action::Redo)) => {
                if let Some(t) = self.focused_text_mut()
                    && super::fields::undo_word(t, a == Action::Redo)
                {
                    self.touched(now);
                }
            }
            Input::Action(Action::ExternalEditor) => {
                let text = self.focused_text().map(text_of).unwrap_or_default();
                return vec![Cmd::Do(Effect::ExternalEditor {
                    form: self.keeper.id,
                    text,
                })];
            }
            Input::Action(Action::Back) => return self.keeper.leave(&self.snapshot(), false),
            Input::Action(Action::Quit) => return self.keeper.leave(&self.snapshot(), true),
            Input::Action(_) => {}
            Input::Key(k) => self.key(k, now),
            Input::Paste(text) => self.paste(&text, now),
        }
        Vec::new()
    }

    fn on_reply(&mut self, reply: Reply, ctx: &Ctx, _now: Instant) -> Vec<Cmd> {
        let mut cmds = self.keeper.on_reply(reply, &self.snapshot(), ctx);
        if cmds.iter().any(|c| matches!(c, Cmd::Pop)) {
            cmds.extend(self.forget_edit_file());
        }
        cmds
    }

    fn on_msg(&mut self, msg: &Msg, _ctx: &Ctx, _now: Instant) -> Vec<Cmd> {
        if let Msg::ExternalEdited { form, text, file } = msg
            && *form == self.keeper.id
        {
            let text = text.trim_end_matches('\n');
            let placeholder = "Write here. Nothing leaves this computer.";
            match self.focused_text_mut() {
                Some(t) => *t = text_area(text, placeholder),
                None => {
                    self.focus = Focus::Body;
                    self.body = text_area(text, placeholder);
                }
            }
            self.show_cursor();
            // Into a draft at once; the editor's file goes once the draft is written.
            self.edit_file = Some(file.clone());
            self.keeper.drafted();
            return vec![Cmd::Do(
                self.keeper.draft_effect(self.snapshot(), DraftMode::Pause),
            )];
        }
        match self.keeper.on_msg(msg, &self.snapshot()) {
            Outcome::Ignored => Vec::new(),
            Outcome::Cmds(mut cmds) => {
                // The editor's file goes once its text is in a draft or the entry.
                if matches!(
                    msg,
                    Msg::DraftSaved { .. } | Msg::Saved { .. } | Msg::Rescued { .. }
                ) {
                    cmds.extend(self.forget_edit_file());
                }
                cmds
            }
        }
    }

    fn tick(&mut self, now: Instant) -> Vec<Cmd> {
        self.pause_draft(now)
    }

    fn draft_now(&self) -> Option<Effect> {
        self.final_draft()
    }

    fn render(&self, area: ratatui::layout::Rect, buf: &mut ratatui::buffer::Buffer, ctx: &Ctx) {
        super::form_view::render(self, area, buf, ctx);
    }
}

mod focus;
mod learning;
mod session;
#[cfg(test)]
mod tests;
