//! The reader: one entry in full, shaped by [`crate::present`] like `debrief show`, wrapped,
//! scrollable to its very last line (ratatui counts the wrapped rows), and kept up to date
//! when the entry is starred, flagged, trashed or saved.

use std::time::Instant;

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::widgets::{Paragraph, Widget, Wrap};

use crate::domain::{Entry, Flag};
use crate::keys::{Action, ScreenId};
use crate::present::entry_sections;
use crate::tui::msg::{Change, Effect, Msg, Open};
use crate::tui::screen::{Cmd, Ctx, HintChanges, Input, View};
use crate::tui::theme::Theme;
use crate::tui::widgets::text::sections;

/// The entry being read and how far down it is scrolled.
#[derive(Clone, Debug, PartialEq)]
pub struct Reader {
    pub entry: Entry,
    pub scroll: u16,
    /// `C` was pressed once: a second `C` makes the entry a CPD record.
    cpd_armed: bool,
}

impl Reader {
    pub fn new(entry: Entry) -> Reader {
        Reader {
            entry,
            scroll: 0,
            cpd_armed: false,
        }
    }

    fn paragraph(&self, ctx: &Ctx, theme: &Theme) -> Paragraph<'static> {
        let lines = sections(&entry_sections(&self.entry, &ctx.clock), theme);
        Paragraph::new(lines).wrap(Wrap { trim: false })
    }

    /// The text's area: the body with a column of margin on each side.
    fn text_area(area: Rect) -> Rect {
        Rect {
            x: area.x + 1,
            width: area.width.saturating_sub(2),
            ..area
        }
    }

    fn scroll_by(&mut self, action: Action, ctx: &Ctx) {
        let width = ctx.size.0.saturating_sub(2).max(1);
        let height = ctx.body_rows.max(1);
        let rows = self.paragraph(ctx, &Theme::plain()).line_count(width);
        let max = u16::try_from(rows)
            .unwrap_or(u16::MAX)
            .saturating_sub(height);
        let page = height.saturating_sub(2).max(1);
        self.scroll = match action {
            Action::Down => self.scroll.saturating_add(1),
            Action::Up => self.scroll.saturating_sub(1),
            Action::PageDown => self.scroll.saturating_add(page),
            Action::PageUp => self.scroll.saturating_sub(page),
            Action::Top => 0,
            Action::Bottom => max,
            _ => self.scroll,
        }
        .min(max);
    }

    fn change(&self, change: Change) -> Cmd {
        Cmd::Do(Effect::Change {
            id: self.entry.meta.id,
            change,
        })
    }
}

impl View for Reader {
    fn id(&self) -> ScreenId {
        ScreenId::Reader
    }

    fn title(&self) -> String {
        "Reading".into()
    }

    fn handle(&mut self, input: Input, ctx: &Ctx, _now: Instant) -> Vec<Cmd> {
        let armed = std::mem::take(&mut self.cpd_armed);
        let Input::Action(action) = input else {
            return Vec::new();
        };
        let flags = self.entry.content.common.flags;
        let trashed = self.entry.meta.deleted.is_some();
        let toggle = |flag: Flag| self.change(Change::Flag(flag, !flags.get(flag)));
        let in_trash = || {
            vec![Cmd::Status(
                "This entry is in the trash: r restores it first.".into(),
            )]
        };
        match action {
            Action::Down
            | Action::Up
            | Action::PageDown
            | Action::PageUp
            | Action::Top
            | Action::Bottom => {
                self.scroll_by(action, ctx);
                Vec::new()
            }
            Action::Edit | Action::Star | Action::ToggleSupervision | Action::ToggleFinished
                if trashed =>
            {
                in_trash()
            }
            // The form opens on the entry as it is stored now, not on this screen's copy
            // (another window or a command may have changed it since it was read).
            Action::Edit => vec![Cmd::Do(Effect::LoadEntry {
                id: self.entry.meta.id,
                then: Open::Edit,
            })],
            Action::NewCheckin => super::new_entry(crate::domain::Kind::Checkin, ctx),
            Action::LogRecovery => super::new_entry(crate::domain::Kind::Recovery, ctx),
            Action::Star => vec![toggle(Flag::Starred)],
            Action::ToggleSupervision => vec![toggle(Flag::ForSupervision)],
            Action::ToggleFinished => vec![toggle(Flag::Unfinished)],
            Action::Delete if !trashed => vec![self.change(Change::Trash), Cmd::Pop],
            Action::Delete => vec![Cmd::Status(
                "This entry is already in the trash: r restores it.".into(),
            )],
            Action::Restore if trashed => vec![self.change(Change::Restore)],
            Action::Restore => vec![Cmd::Status("This entry is not in the trash.".into())],
            // Made a record on the second C, so one stray key records nothing.
            Action::CpdRecord if armed => {
                vec![Cmd::Do(Effect::RecordCpd {
                    id: self.entry.meta.id,
                    peer: None,
                })]
            }
            Action::CpdRecord => {
                self.cpd_armed = true;
                vec![Cmd::Status(format!(
                    "C again makes entry {} a CPD record, dated {} (the day of the entry); any other key does not.",
                    self.entry.meta.id,
                    self.entry.meta.created.format("%-d %b %Y")
                ))]
            }
            Action::Back => vec![Cmd::Pop],
            Action::Quit => vec![Cmd::Quit],
            _ => Vec::new(),
        }
    }

    /// An entry in the trash offers to restore it, not to trash it or star it.
    fn hints(&self) -> HintChanges {
        if self.entry.meta.deleted.is_some() {
            HintChanges {
                hide: vec![
                    Action::Delete,
                    Action::Star,
                    Action::ToggleSupervision,
                    Action::Edit,
                ],
                show: vec![Action::Restore],
            }
        } else {
            HintChanges::default()
        }
    }

    fn on_msg(&mut self, msg: &Msg, _ctx: &Ctx, _now: Instant) -> Vec<Cmd> {
        let id = self.entry.meta.id;
        match msg {
            Msg::Changed {
                id: changed,
                summary,
                ..
            } if *changed == id => match summary {
                Some(s) => {
                    self.entry.content.common.flags = s.flags;
                    self.entry.meta.deleted = s.deleted;
                    Vec::new()
                }
                None => vec![Cmd::Pop],
            },
            Msg::Saved { summary, .. } if summary.id == id => {
                vec![Cmd::Do(Effect::LoadEntry {
                    id,
                    then: Open::Refresh,
                })]
            }
            Msg::Entry {
                entry,
                then: Open::Refresh,
            } if entry.meta.id == id => {
                self.entry = (**entry).clone();
                Vec::new()
            }
            _ => Vec::new(),
        }
    }

    fn render(&self, area: Rect, buf: &mut Buffer, ctx: &Ctx) {
        self.paragraph(ctx, &ctx.theme)
            .scroll((self.scroll, 0))
            .render(Reader::text_area(area), buf);
    }
}
