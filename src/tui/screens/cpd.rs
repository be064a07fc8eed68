//! CPD (`C` on the timeline): the registration year as the regulator would see it (the
//! deadline, the complete records against the requirement, what is missing), the year's
//! records with what each lacks; Enter shows a record as it would be pasted, `p` keeps a
//! peer reflection with it, `x` unmakes it (the entry stays), `[` `]` other years.
//! Making an entry a record is `C` in its reader. The rules are `journal::cpd`'s.

use std::time::Instant;

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::Line;
use ratatui::widgets::{Paragraph, Widget, Wrap};

use crate::domain::cpd::RegistrationYear;
use crate::journal::cpd::YearStatus;
use crate::keys::{Action, ScreenId};
use crate::tui::msg::{Effect, Msg};
use crate::tui::screen::{Cmd, Ctx, Input, Reply, Screen, View};

/// The screen's state: the year shown (`None`: the current one), its status once loaded,
/// the selected record, and a record shown whole.
#[derive(Default)]
pub struct CpdScreen {
    pub year: Option<RegistrationYear>,
    pub status: Option<YearStatus>,
    pub selected: usize,
    /// Showing the selected record as it would be pasted into the regulator's form.
    pub showing: bool,
    pub scroll: u16,
    /// A peer reflection is being typed for this entry.
    asking_peer: Option<crate::domain::EntryId>,
}

impl CpdScreen {
    /// Open the screen on the current registration year.
    pub fn open(ctx: &Ctx) -> Vec<Cmd> {
        let screen = CpdScreen::default();
        let load = screen.load(ctx);
        vec![Cmd::Push(Screen::Cpd(Box::new(screen))), load]
    }

    fn load(&self, ctx: &Ctx) -> Cmd {
        Cmd::Do(Effect::LoadCpd {
            requirement: Box::new(ctx.cpd.clone()),
            year: self.year,
        })
    }

    fn selected(&self) -> Option<&crate::journal::cpd::Made> {
        self.status.as_ref()?.records.get(self.selected)
    }

    /// The year before or after the one shown.
    fn other_year(&mut self, later: bool, ctx: &Ctx) -> Vec<Cmd> {
        let Some(s) = &self.status else {
            return Vec::new();
        };
        let Ok(start) = ctx.cpd.start() else {
            return Vec::new();
        };
        let ending = s
            .year
            .last
            .format("%Y")
            .to_string()
            .parse::<i32>()
            .unwrap_or(0);
        let ending = if later { ending + 1 } else { ending - 1 };
        self.year = Some(RegistrationYear::ending_in(ending, start));
        self.selected = 0;
        self.showing = false;
        vec![self.load(ctx)]
    }

    fn lines(&self, ctx: &Ctx) -> Vec<Line<'static>> {
        let t = &ctx.theme;
        let Some(s) = &self.status else {
            return vec![Line::styled("Reading the registration year…", t.dim)];
        };
        if self.showing
            && let Some(m) = self.selected()
        {
            return m
                .record
                .render(false)
                .lines()
                .map(
                    |l| match l.chars().all(|c| !c.is_lowercase()) && !l.is_empty() {
                        true => Line::styled(l.to_string(), t.heading),
                        false => Line::styled(l.to_string(), t.text),
                    },
                )
                .collect();
        }
        let mut lines = super::cpd_view::year_lines(s, ctx);
        lines.extend(super::cpd_view::record_lines(s, self.selected, ctx));
        lines
    }
}

impl View for CpdScreen {
    fn id(&self) -> ScreenId {
        ScreenId::Cpd
    }

    fn title(&self) -> String {
        match (&self.status, self.showing) {
            (Some(_), true) => "CPD record".into(),
            (Some(s), false) => format!(
                "CPD {} to {}",
                s.year.first.format("%-d %b %Y"),
                s.year.last.format("%-d %b %Y")
            ),
            (None, _) => "CPD".into(),
        }
    }

    fn handle(&mut self, input: Input, ctx: &Ctx, _now: Instant) -> Vec<Cmd> {
        let Input::Action(action) = input else {
            return Vec::new();
        };
        let count = self.status.as_ref().map_or(0, |s| s.records.len());
        match action {
            Action::Down if self.showing => self.scroll = self.scroll.saturating_add(1),
            Action::Up if self.showing => self.scroll = self.scroll.saturating_sub(1),
            Action::Down => self.selected = (self.selected + 1).min(count.saturating_sub(1)),
            Action::Up => self.selected = self.selected.saturating_sub(1),
            Action::Open if self.selected().is_some() => {
                self.showing = !self.showing;
                self.scroll = 0;
            }
            Action::LaterYear => return self.other_year(true, ctx),
            Action::EarlierYear => return self.other_year(false, ctx),
            Action::CpdPeer => {
                if let Some((entry, peer)) = self
                    .selected()
                    .map(|m| (m.entry, m.record.peer.clone().unwrap_or_default()))
                {
                    self.asking_peer = Some(entry);
                    let hint = match peer.is_empty() {
                        true => "who you talked it over with, and what you took from it".into(),
                        false => peer,
                    };
                    return vec![Cmd::Push(Screen::Prompt(Box::new(
                        super::prompt::LinePrompt::new(
                            "What did you learn from discussing it with a peer?",
                            &hint,
                        )
                        .headed("CPD"),
                    )))];
                }
            }
            Action::CpdRemove => {
                if let Some(m) = self.selected() {
                    return vec![Cmd::Do(Effect::RemoveCpd(m.entry))];
                }
            }
            Action::Back if self.showing => self.showing = false,
            Action::Back => return vec![Cmd::Pop],
            Action::Quit => return vec![Cmd::Quit],
            _ => {}
        }
        Vec::new()
    }

    fn on_reply(&mut self, reply: Reply, _ctx: &Ctx, _now: Instant) -> Vec<Cmd> {
        match (reply, self.asking_peer.take()) {
            (Reply::Line(Some(peer)), Some(id)) if !peer.trim().is_empty() => {
                vec![Cmd::Do(Effect::RecordCpd {
                    id,
                    peer: Some(peer),
                })]
            }
            _ => Vec::new(),
        }
    }

    fn on_msg(&mut self, msg: &Msg, ctx: &Ctx, _now: Instant) -> Vec<Cmd> {
        match msg {
            Msg::Cpd(status) => {
                let count = status.records.len();
                self.status = Some((**status).clone());
                self.selected = self.selected.min(count.saturating_sub(1));
                Vec::new()
            }
            // A record made, changed or unmade (here or from a reader): read the year again.
            Msg::CpdChanged { .. } | Msg::Saved { .. } | Msg::JournalChanged => {
                vec![self.load(ctx)]
            }
            _ => Vec::new(),
        }
    }

    fn render(&self, area: Rect, buf: &mut Buffer, ctx: &Ctx) {
        let body = Rect {
            x: area.x + 1,
            width: area.width.saturating_sub(2),
            ..area
        };
        let lines = self.lines(ctx);
        // Keep the selected record in view (its row is below the year's lines).
        let scroll = match self.showing {
            true => self.scroll,
            false => {
                let at = lines
                    .len()
                    .saturating_sub(self.status.as_ref().map_or(0, |s| s.records.len()))
                    + self.selected;
                (at as u16).saturating_sub(body.height.saturating_sub(2))
            }
        };
        Paragraph::new(lines)
            .wrap(Wrap { trim: false })
            .scroll((scroll, 0))
            .render(body, buf);
    }
}
