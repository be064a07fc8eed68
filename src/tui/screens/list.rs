//! The timeline and the trash: a day-grouped list of entries, paged on demand, changed in
//! place after star, flag, trash, restore, purge or save. The timeline also greets an empty
//! journal and offers drafts left by an interrupted session.

use std::time::Instant;

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span, Text};
use ratatui::widgets::{Paragraph, Widget, Wrap};

use crate::domain::{EntryFilter, Flag, Kind};
use crate::keys::{Action, ScreenId};
use crate::tui::msg::{Change, Effect, ListId, Msg, Open, PAGE, Place};
use crate::tui::screen::{Cmd, Ctx, HintChanges, Input, Screen, View};
use crate::tui::screens::dialogs::{DraftDialog, PurgeDialog};
use crate::tui::widgets::entry_list::{EntryList, EntryListView};

/// The timeline or the trash.
pub struct ListScreen {
    pub which: ListId,
    pub list: EntryList,
}

impl ListScreen {
    pub fn timeline() -> ListScreen {
        ListScreen {
            which: ListId::Timeline,
            list: EntryList::default(),
        }
    }

    pub fn trash() -> ListScreen {
        ListScreen {
            which: ListId::Trash,
            list: EntryList::default(),
        }
    }

    /// Ask for the newest page.
    pub fn load_newest(&mut self) -> Effect {
        self.list.loading = true;
        Effect::LoadPage {
            list: self.which,
            filter: EntryFilter::default(),
            place: Place::Newest,
        }
    }

    fn page(&self, filter: EntryFilter, place: Place) -> Effect {
        Effect::LoadPage {
            list: self.which,
            filter,
            place,
        }
    }

    /// Does an entry in this state belong in this list?
    fn belongs(&self, deleted: bool) -> bool {
        deleted == (self.which == ListId::Trash)
    }

    fn moved(&mut self, action: Action, height: usize) -> Vec<Cmd> {
        let page = height.saturating_sub(2).max(1) as isize;
        let mut cmds = Vec::new();
        let l = &mut self.list;
        match action {
            Action::Down => l.move_by(1, height),
            Action::Up => l.move_by(-1, height),
            Action::PageDown => l.move_by(page, height),
            Action::PageUp => l.move_by(-page, height),
            Action::Top if l.more_above => {
                l.selected = 0;
                l.top = 0;
                cmds.push(Cmd::Do(self.load_newest()));
                return cmds;
            }
            Action::Top => l.move_by(-(l.selected as isize), height),
            Action::Bottom if l.more_below => {
                l.loading = true;
                cmds.push(Cmd::Do(self.page(EntryFilter::default(), Place::Oldest)));
                return cmds;
            }
            Action::Bottom => l.move_by(l.entries.len() as isize, height),
            _ => {}
        }
        if let Some((filter, place)) = self.list.wanted_page(&EntryFilter::default()) {
            cmds.push(Cmd::Do(self.page(filter, place)));
        }
        cmds
    }
}

fn flag_change(action: Action) -> Option<Flag> {
    match action {
        Action::Star => Some(Flag::Starred),
        Action::ToggleSupervision => Some(Flag::ForSupervision),
        Action::ToggleFinished => Some(Flag::Unfinished),
        _ => None,
    }
}

impl View for ListScreen {
    fn id(&self) -> ScreenId {
        match self.which {
            ListId::Timeline => ScreenId::Timeline,
            ListId::Trash => ScreenId::Trash,
        }
    }

    fn title(&self) -> String {
        match self.which {
            ListId::Timeline => "Timeline".into(),
            ListId::Trash => "Trash".into(),
        }
    }

    fn handle(&mut self, input: Input, ctx: &Ctx, _now: Instant) -> Vec<Cmd> {
        let Input::Action(action) = input else {
            return Vec::new();
        };
        let height = usize::from(ctx.body_rows);
        let mut cmds = self.moved(action, height);
        let selected = self.list.selected_entry().cloned();
        let new = |kind| super::new_entry(kind, ctx);
        if let (Some(flag), Some(e)) = (flag_change(action), &selected) {
            cmds.push(Cmd::Do(Effect::Change {
                id: e.id,
                change: Change::Flag(flag, !e.flags.get(flag)),
            }));
            return cmds;
        }
        cmds.extend(match (action, selected) {
            (Action::Open, Some(e)) => vec![Cmd::Do(Effect::LoadEntry {
                id: e.id,
                then: Open::Read,
            })],
            (Action::Edit, Some(e)) => vec![Cmd::Do(Effect::LoadEntry {
                id: e.id,
                then: Open::Edit,
            })],
            (Action::NewReflection, _) => new(Kind::Reflection),
            (Action::NewCheckin, _) => new(Kind::Checkin),
            (Action::NewSupervision, _) => new(Kind::Supervision),
            (Action::LogRecovery, _) => new(Kind::Recovery),
            (Action::NewLearning, _) => new(Kind::Learning),
            (Action::PrepareSupervision, _) => super::supervision::SupervisionScreen::open(),
            (Action::Trends, _) => super::trends::TrendsScreen::open(ctx),
            (Action::Cpd, _) => super::cpd::CpdScreen::open(ctx),
            (Action::Export, _) => vec![Cmd::Push(Screen::Export(Box::default()))],
            (Action::StartReview, _) => vec![Cmd::Push(Screen::Review(Box::default()))],
            (Action::NewWithModel, _) => vec![Cmd::Push(Screen::Templates(
                super::picker::TemplatePicker::new(ctx),
            ))],
            (Action::AfterVisit, _) => super::form::EntryForm::open(
                super::form::EntryForm::new(Kind::Reflection, "after_visit"),
                ctx,
            ),
            (Action::Delete, Some(e)) => vec![Cmd::Do(Effect::Change {
                id: e.id,
                change: Change::Trash,
            })],
            (Action::Restore, Some(e)) => vec![Cmd::Do(Effect::Change {
                id: e.id,
                change: Change::Restore,
            })],
            (Action::Purge, Some(e)) => vec![Cmd::Push(Screen::Purge(PurgeDialog { id: e.id }))],
            (Action::Search, _) => vec![Cmd::Push(Screen::Search(Box::default()))],
            (Action::Trash, _) => {
                let mut trash = ListScreen::trash();
                let load = trash.load_newest();
                vec![Cmd::Push(Screen::List(trash)), Cmd::Do(load)]
            }
            (Action::Back, _) => vec![Cmd::Pop],
            (Action::Quit, _) => vec![Cmd::Quit],
            _ => Vec::new(),
        });
        cmds
    }

    fn hints(&self) -> HintChanges {
        let empty = self.list.loaded && self.list.entries.is_empty();
        HintChanges {
            hide: if empty {
                vec![Action::Open, Action::Restore, Action::Purge]
            } else {
                Vec::new()
            },
            show: Vec::new(),
        }
    }

    fn on_msg(&mut self, msg: &Msg, ctx: &Ctx, _now: Instant) -> Vec<Cmd> {
        let height = usize::from(ctx.body_rows);
        match msg {
            Msg::Page {
                list,
                entries,
                place,
            } if *list == self.which => {
                self.list.receive(entries.clone(), *place, &ctx.clock);
                self.list.fit(height);
            }
            Msg::Changed {
                summary: Some(s), ..
            } => {
                let belongs = self.belongs(s.deleted.is_some());
                self.list.upsert(s, belongs, &ctx.clock);
                self.list.fit(height);
            }
            Msg::Changed {
                id, summary: None, ..
            } => self.list.remove(*id),
            Msg::Saved { summary, .. } => {
                let belongs = self.belongs(summary.deleted.is_some());
                self.list.upsert(summary, belongs, &ctx.clock);
                self.list.select_id(summary.id, height);
            }
            // Another debrief changed the journal: show it, unless the reader is far down
            // the list (the place matters more there than entries written just now).
            Msg::JournalChanged if !self.list.more_above && self.list.selected < PAGE / 2 => {
                return vec![Cmd::Do(self.load_newest())];
            }
            Msg::Drafts(drafts) if self.which == ListId::Timeline && !drafts.is_empty() => {
                return vec![Cmd::Push(Screen::Draft(DraftDialog::new(drafts.clone())))];
            }
            _ => {}
        }
        Vec::new()
    }

    fn render(&self, area: Rect, buf: &mut Buffer, ctx: &Ctx) {
        let empty = self.list.loaded && self.list.entries.is_empty();
        match (self.which, empty) {
            (ListId::Timeline, true) => welcome(ctx, area, buf),
            (ListId::Trash, true) => {
                buf.set_line(
                    area.x,
                    area.y + 1,
                    &Line::styled("  The trash is empty.", ctx.theme.dim),
                    area.width,
                );
            }
            _ => EntryListView {
                list: &self.list,
                theme: &ctx.theme,
                week_start: ctx.week_start,
                clock: &ctx.clock,
            }
            .render(area, buf),
        }
    }
}

/// The calm first screen of an empty journal: what debrief is for and the keys to begin.
fn welcome(ctx: &Ctx, area: Rect, buf: &mut Buffer) {
    let t = &ctx.theme;
    let key = |a| Span::styled(ctx.keymap.key_for(ScreenId::Timeline, a), t.key);
    let item = |a, what: &'static str| Line::from(vec![Span::raw("  "), key(a), Span::raw(what)]);
    let text = Text::from(vec![
        Line::styled("Welcome to debrief", t.title),
        Line::raw(""),
        Line::raw("A private place to think after the work: what happened, how it landed,"),
        Line::raw("what your body noticed, and what to bring to supervision."),
        Line::raw(""),
        item(Action::NewReflection, "  write a reflection"),
        item(
            Action::NewWithModel,
            "  a reflection with a model (Gibbs, Driscoll, Kolb, ...)",
        ),
        item(Action::AfterVisit, "  a 60-second debrief after a visit"),
        item(
            Action::NewCheckin,
            "  a check-in: stress, what your body notices, emotions",
        ),
        item(
            Action::LogRecovery,
            "  log what helped: sleep, a break, a walk",
        ),
        item(Action::Trash, "  the trash (deleted entries wait there)"),
        item(Action::Help, "  every key"),
        item(Action::Quit, "  quit"),
        Line::raw(""),
        Line::styled(
            format!(
                "Everything stays on this computer, in {}",
                ctx.journal_label
            ),
            t.dim,
        ),
    ]);
    let height = text.height() as u16;
    let width = 76.min(area.width);
    let x = area.x + area.width.saturating_sub(width) / 2;
    let y = area.y + area.height.saturating_sub(height) / 3;
    Paragraph::new(text).wrap(Wrap { trim: false }).render(
        Rect::new(x, y, width, area.height.saturating_sub(y - area.y)),
        buf,
    );
}
