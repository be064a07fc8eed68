//! Preparing for supervision (`p`): the next agenda (open actions, marked done, dropped with a
//! reason or reopened here; flagged entries; queued items, added or taken off) and, on the
//! second tab, the prep pack as the command line writes it.

use std::time::Instant;

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::Line;
use ratatui::widgets::{Paragraph, Widget, Wrap};

use crate::domain::sessions::ActionChange;
use crate::domain::{ItemId, Kind};
use crate::keys::{Action, ScreenId};
use crate::review::prep::NextAgenda;
use crate::tui::msg::{Effect, Msg, Open};
use crate::tui::screen::{Cmd, Ctx, Input, Reply, View};

/// Which tab is showing.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Tab {
    #[default]
    Agenda,
    Pack,
}

/// What the prompt over the screen is asking for.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Asking {
    /// Why the action is dropped (may stay empty).
    Reason(ItemId),
    /// A new item for the next agenda.
    Item,
}

/// One selectable row of the agenda.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Row {
    Action(usize),
    Flagged(usize),
    Queued(usize),
}

/// The screen's state.
#[derive(Default)]
pub struct SupervisionScreen {
    pub agenda: Option<NextAgenda>,
    /// The pack's Markdown lines, once asked for.
    pub pack: Option<Vec<String>>,
    pub tab: Tab,
    pub selected: usize,
    pub scroll: u16,
    pub asking: Option<Asking>,
    /// Actions changed here, shown with their new status until the screen closes, so a
    /// mistaken `d` can be taken back with `o`.
    pub changed: Vec<crate::domain::sessions::SessionAction>,
    pub error: Option<String>,
    /// Whether the pack holds the worker's wellbeing summary: out unless they put it in
    /// (`w`), since who they bring it to may also be their line manager.
    pub wellbeing: bool,
}

impl SupervisionScreen {
    /// Make the pack, with the wellbeing summary only if the worker put it in.
    fn load_pack(&self, ctx: &Ctx) -> Cmd {
        Cmd::Do(Effect::LoadPack(Box::new(
            crate::journal::pack::PackRequest {
                since: None,
                full: false,
                wellbeing: self.wellbeing,
                vocab: ctx.vocab.clone(),
            },
        )))
    }

    /// Open the screen and gather the agenda.
    pub fn open() -> Vec<Cmd> {
        vec![
            Cmd::Push(crate::tui::screen::Screen::Supervision(Box::default())),
            Cmd::Do(Effect::LoadAgenda),
        ]
    }

    fn rows(&self) -> Vec<Row> {
        let Some(a) = &self.agenda else {
            return Vec::new();
        };
        (0..a.open_actions.len())
            .map(Row::Action)
            .chain((0..a.flagged.len()).map(Row::Flagged))
            .chain((0..a.queued.len()).map(Row::Queued))
            .collect()
    }

    fn row(&self) -> Option<Row> {
        self.rows().get(self.selected).copied()
    }

    /// The selected action's id.
    fn action(&self) -> Option<ItemId> {
        match (self.row(), &self.agenda) {
            (Some(Row::Action(i)), Some(a)) => a.open_actions[i].action.id,
            _ => None,
        }
    }

    fn change(&mut self, change: ActionChange) -> Vec<Cmd> {
        match self.action() {
            Some(id) => vec![Cmd::Do(Effect::ChangeAction { id, change })],
            None => vec![Cmd::Error("Choose an action first (↑/↓).".into())],
        }
    }

    fn act(&mut self, action: Action, ctx: &Ctx) -> Vec<Cmd> {
        match (action, self.tab) {
            (Action::NextField, _) => {
                self.tab = match self.tab {
                    Tab::Agenda => Tab::Pack,
                    Tab::Pack => Tab::Agenda,
                };
                if self.tab == Tab::Pack && self.pack.is_none() {
                    return vec![self.load_pack(ctx)];
                }
            }
            (Action::Wellbeing, Tab::Pack) => {
                self.wellbeing = !self.wellbeing;
                self.pack = None;
                let said = match self.wellbeing {
                    true => "Your wellbeing summary is in the pack now (w takes it out).",
                    false => "Your wellbeing summary is left out of the pack (w puts it in).",
                };
                return vec![self.load_pack(ctx), Cmd::Status(said.into())];
            }
            (Action::Down, Tab::Agenda) => {
                self.selected = (self.selected + 1).min(self.rows().len().saturating_sub(1))
            }
            (Action::Up, Tab::Agenda) => self.selected = self.selected.saturating_sub(1),
            (Action::Down, Tab::Pack) => self.scroll = self.scroll.saturating_add(1),
            (Action::Up, Tab::Pack) => self.scroll = self.scroll.saturating_sub(1),
            (Action::Open, _) => return self.open_selected(),
            (Action::ActionDone, _) => return self.change(ActionChange::Done),
            (Action::ActionReopen, _) => return self.change(ActionChange::Reopened),
            (Action::ActionDrop, _) => match self.action() {
                Some(id) => {
                    self.asking = Some(Asking::Reason(id));
                    return vec![prompt(
                        "Why is it dropped? (may stay empty)",
                        "superseded, no longer needed, ...",
                    )];
                }
                None => return vec![Cmd::Error("Choose an action first (↑/↓).".into())],
            },
            (Action::QueueItem, _) => {
                self.asking = Some(Asking::Item);
                return vec![prompt(
                    "What do you want to bring to the next session?",
                    "support: the Jones visit · management: caseload · or just the words",
                )];
            }
            (Action::Unqueue, _) => {
                if let (Some(Row::Queued(i)), Some(a)) = (self.row(), &self.agenda) {
                    return vec![Cmd::Do(Effect::Unqueue(a.queued[i].id))];
                }
            }
            (Action::NewSupervision, _) => return super::new_entry(Kind::Supervision, ctx),
            (Action::Back, _) => return vec![Cmd::Pop],
            (Action::Quit, _) => return vec![Cmd::Pop, Cmd::Quit],
            _ => {}
        }
        Vec::new()
    }

    fn open_selected(&self) -> Vec<Cmd> {
        let Some(a) = &self.agenda else {
            return Vec::new();
        };
        let id = match self.row() {
            Some(Row::Flagged(i)) => a.flagged[i].id,
            Some(Row::Action(i)) => a.open_actions[i].session,
            _ => return Vec::new(),
        };
        vec![Cmd::Do(Effect::LoadEntry {
            id,
            then: Open::Read,
        })]
    }

    /// The prompt's answer.
    fn answered(&mut self, line: Option<String>) -> Vec<Cmd> {
        let (Some(asking), Some(text)) = (self.asking.take(), line) else {
            return Vec::new();
        };
        let text = text.trim().to_string();
        let effect = match asking {
            Asking::Reason(id) => Effect::ChangeAction {
                id,
                change: ActionChange::Dropped {
                    reason: Some(text).filter(|t| !t.is_empty()),
                },
            },
            Asking::Item => match crate::domain::session_text::agenda_item(&text) {
                Ok(item) => Effect::QueueAgenda {
                    function: item.function(),
                    text: item.text,
                },
                Err(e) => return vec![Cmd::Error(e.to_string())],
            },
        };
        vec![Cmd::Do(effect)]
    }
}

fn prompt(question: &str, placeholder: &str) -> Cmd {
    Cmd::Push(crate::tui::screen::Screen::Prompt(Box::new(
        super::prompt::LinePrompt::new(question, placeholder),
    )))
}

impl View for SupervisionScreen {
    fn id(&self) -> ScreenId {
        ScreenId::Supervision
    }

    fn title(&self) -> String {
        match self.tab {
            Tab::Agenda => "Supervision · next agenda".into(),
            Tab::Pack => "Supervision · prep pack".into(),
        }
    }

    fn handle(&mut self, input: Input, ctx: &Ctx, _now: Instant) -> Vec<Cmd> {
        match input {
            Input::Action(a) => self.act(a, ctx),
            _ => Vec::new(),
        }
    }

    fn on_reply(&mut self, reply: Reply, _ctx: &Ctx, _now: Instant) -> Vec<Cmd> {
        // The prompt has closed itself; its answer is here.
        match reply {
            Reply::Line(line) => self.answered(line),
            _ => Vec::new(),
        }
    }

    fn on_msg(&mut self, msg: &Msg, _ctx: &Ctx, _now: Instant) -> Vec<Cmd> {
        match msg {
            Msg::Agenda(a) => {
                let mut agenda = (**a).clone();
                for c in &self.changed {
                    if !agenda
                        .open_actions
                        .iter()
                        .any(|s| s.action.id == c.action.id)
                    {
                        agenda.open_actions.push(c.clone());
                    }
                }
                self.agenda = Some(agenda);
                self.selected = self.selected.min(self.rows().len().saturating_sub(1));
                self.error = None;
            }
            Msg::Pack(md) => self.pack = Some(md.lines().map(String::from).collect()),
            Msg::ActionChanged(changed) => {
                self.changed.retain(|c| c.action.id != changed.action.id);
                self.changed.push((**changed).clone());
                if let Some(a) = &mut self.agenda
                    && let Some(row) = a
                        .open_actions
                        .iter_mut()
                        .find(|s| s.action.id == changed.action.id)
                {
                    *row = (**changed).clone();
                }
                self.pack = None;
                return vec![Cmd::Status(format!(
                    "Action {} is {}.",
                    changed.action.id.map_or(0, |i| i.0),
                    changed.action.status
                ))];
            }
            // A note saved from here covers the flagged entries: gather again.
            Msg::Saved { .. } | Msg::JournalChanged => {
                self.pack = None;
                return vec![Cmd::Do(Effect::LoadAgenda)];
            }
            Msg::Failed {
                form: None,
                message,
            } => self.error = Some(message.clone()),
            _ => {}
        }
        Vec::new()
    }

    fn render(&self, area: Rect, buf: &mut Buffer, ctx: &Ctx) {
        let foot = u16::from(self.error.is_some());
        let body = Rect {
            x: area.x + 1,
            width: area.width.saturating_sub(2),
            height: area.height.saturating_sub(foot),
            ..area
        };
        let (lines, scroll) = match self.tab {
            // Keep the selected row in view.
            Tab::Agenda => {
                let (lines, at) = self.agenda_lines(ctx);
                (lines, at.saturating_sub(body.height.saturating_sub(2)))
            }
            Tab::Pack => (self.pack_lines(ctx), self.scroll),
        };
        Paragraph::new(lines)
            .wrap(Wrap { trim: false })
            .scroll((scroll, 0))
            .render(body, buf);
        if let Some(e) = &self.error {
            buf.set_line(
                area.x,
                area.bottom().saturating_sub(1),
                &Line::styled(e.clone(), ctx.theme.error),
                area.width,
            );
        }
    }
}

mod view;
