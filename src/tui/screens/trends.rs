//! Trends (`T`): one view at a time (signals, stress over time, the calendar, when, kinds
//! of work, the body, emotions, with and without) over a range ending now, switched with `r`.
//! Signals can go on the next supervision agenda with `a`; `F2` shows where to get support.

mod grids;
mod view;

use std::time::Instant;

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;

use crate::analytics::Range;
use crate::keys::{Action, ScreenId};
use crate::tui::msg::{Effect, Msg, TrendsLoaded};
use crate::tui::screen::{Cmd, Ctx, HintChanges, Input, Screen, View};

/// The views, in the order Tab goes through them.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Tab {
    Signals,
    #[default]
    OverTime,
    Calendar,
    When,
    Work,
    Body,
    Emotions,
    Helps,
}

impl Tab {
    pub const ALL: [Tab; 8] = [
        Tab::Signals,
        Tab::OverTime,
        Tab::Calendar,
        Tab::When,
        Tab::Work,
        Tab::Body,
        Tab::Emotions,
        Tab::Helps,
    ];

    pub fn label(self) -> &'static str {
        match self {
            Tab::Signals => "Signals",
            Tab::OverTime => "Over time",
            Tab::Calendar => "Calendar",
            Tab::When => "When",
            Tab::Work => "Work",
            Tab::Body => "Body",
            Tab::Emotions => "Emotions",
            Tab::Helps => "With/without",
        }
    }
}

/// The screen's state.
#[derive(Default)]
pub struct TrendsScreen {
    pub range: Range,
    pub tab: Tab,
    /// The figures, once gathered.
    pub loaded: Option<TrendsLoaded>,
    /// The selected signal.
    pub selected: usize,
    /// Lines scrolled in long views (the calendar, work, the body).
    pub scroll: u16,
    /// Signals switched on in the settings.
    pub with_signals: bool,
    pub error: Option<String>,
}

impl TrendsScreen {
    /// Open the screen and gather the default range, unless trends are switched off.
    pub fn open(ctx: &Ctx) -> Vec<Cmd> {
        if !ctx.trends.show {
            return vec![Cmd::Error(
                "Trends are switched off in the settings: set show = true under [trends] in config.toml."
                    .into(),
            )];
        }
        let screen = TrendsScreen {
            with_signals: ctx.trends.signals,
            ..TrendsScreen::default()
        };
        let load = screen.load(ctx);
        vec![Cmd::Push(Screen::Trends(Box::new(screen))), load]
    }

    fn load(&self, ctx: &Ctx) -> Cmd {
        Cmd::Do(Effect::LoadTrends {
            range: self.range,
            signals: self.with_signals.then_some(ctx.trends.signals_off),
            vocab: Box::new(ctx.vocab.clone()),
        })
    }

    /// The views on offer: the signals only when they are switched on.
    pub fn tabs(&self) -> Vec<Tab> {
        Tab::ALL
            .into_iter()
            .filter(|t| *t != Tab::Signals || self.with_signals)
            .collect()
    }

    /// The signals gathered (none when they are switched off).
    pub(super) fn signals(&self) -> &[crate::analytics::Signal] {
        self.loaded
            .as_ref()
            .and_then(|l| l.signals.as_deref())
            .unwrap_or_default()
    }

    /// How many months the calendar has.
    fn months(&self) -> u16 {
        use chrono::Datelike;
        self.loaded.as_ref().map_or(0, |l| {
            let m = |d: chrono::NaiveDate| d.year() * 12 + d.month() as i32;
            u16::try_from(m(l.to) - m(l.from) + 1).unwrap_or(u16::MAX)
        })
    }

    fn step_tab(&mut self, forward: bool) {
        let tabs = self.tabs();
        let i = tabs.iter().position(|t| *t == self.tab).unwrap_or(0);
        let n = tabs.len();
        self.tab = tabs[if forward {
            (i + 1) % n
        } else {
            (i + n - 1) % n
        }];
        self.scroll = 0;
    }

    fn act(&mut self, action: Action, ctx: &Ctx) -> Vec<Cmd> {
        match action {
            Action::NextField => self.step_tab(true),
            Action::PrevField => self.step_tab(false),
            Action::NextRange => {
                self.range = self.range.next();
                self.scroll = 0;
                return vec![self.load(ctx)];
            }
            Action::Down if self.tab == Tab::Signals => {
                self.selected = (self.selected + 1).min(self.signals().len().saturating_sub(1))
            }
            Action::Up if self.tab == Tab::Signals => {
                self.selected = self.selected.saturating_sub(1)
            }
            // The calendar's newest month is at the bottom: up goes back in time.
            Action::Up if self.tab == Tab::Calendar => {
                // No further back than the first month at the top (the rows under the tab
                // line, the period and the calendar's header and legend hold months).
                let room = ctx.body_rows.saturating_sub(6);
                self.scroll = (self.scroll + 1).min(self.months().saturating_sub(room))
            }
            Action::Down if self.tab == Tab::Calendar => {
                self.scroll = self.scroll.saturating_sub(1)
            }
            Action::Down => self.scroll = self.scroll.saturating_add(1),
            Action::Up => self.scroll = self.scroll.saturating_sub(1),
            Action::QueueItem => return self.to_agenda(),
            Action::Support => {
                return vec![Cmd::Push(Screen::Support(super::support::SupportOverlay))];
            }
            Action::Back => return vec![Cmd::Pop],
            Action::Quit => return vec![Cmd::Pop, Cmd::Quit],
            _ => {}
        }
        Vec::new()
    }

    /// The selected signal onto the next supervision agenda, in the first person, under its
    /// function (mediation for workload, support for the rest).
    fn to_agenda(&self) -> Vec<Cmd> {
        match self.signals().get(self.selected) {
            Some(s) if self.tab == Tab::Signals => vec![
                Cmd::Do(Effect::QueueAgenda {
                    text: s.agenda_text(),
                    function: Some(s.kind.function()),
                }),
                Cmd::Status(format!(
                    "On the next supervision agenda, under {} (p to see it).",
                    s.kind.function()
                )),
            ],
            _ => vec![Cmd::Error(
                "Choose a signal first: the Signals view lists them.".into(),
            )],
        }
    }
}

impl View for TrendsScreen {
    fn id(&self) -> ScreenId {
        ScreenId::Trends
    }

    fn title(&self) -> String {
        format!("Trends · {}", self.range.label())
    }

    fn handle(&mut self, input: Input, ctx: &Ctx, _now: Instant) -> Vec<Cmd> {
        match input {
            Input::Action(a) => self.act(a, ctx),
            _ => Vec::new(),
        }
    }

    fn on_msg(&mut self, msg: &Msg, _ctx: &Ctx, _now: Instant) -> Vec<Cmd> {
        match msg {
            Msg::Trends(loaded) => {
                let first = self.loaded.is_none();
                self.loaded = Some((**loaded).clone());
                self.error = None;
                self.selected = self.selected.min(self.signals().len().saturating_sub(1));
                // Signals come first when there are any, the first time the screen opens.
                if first && !self.signals().is_empty() {
                    self.tab = Tab::Signals;
                }
            }
            Msg::Failed {
                form: None,
                message,
            } => self.error = Some(message.clone()),
            _ => {}
        }
        Vec::new()
    }

    fn hints(&self) -> HintChanges {
        let mut h = HintChanges::default();
        if self.tab == Tab::Signals && !self.signals().is_empty() {
            h.show = vec![Action::QueueItem, Action::Support];
        }
        h
    }

    fn render(&self, area: Rect, buf: &mut Buffer, ctx: &Ctx) {
        view::render(self, area, buf, ctx);
    }
}
