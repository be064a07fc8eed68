//! The screen stack's vocabulary: what every screen can do ([`View`]), what it hands back
//! ([`Cmd`]: effects for the runtime, pushing or popping screens, a status line), what it
//! receives ([`Input`]) and what it may read ([`Ctx`]). The [`Screen`] enum lists every
//! screen once; adding a screen is its module plus one line in [`screens!`].

use std::time::Instant;

use ratatui::buffer::Buffer;
use ratatui::crossterm::event::KeyEvent;
use ratatui::layout::Rect;

use crate::clock::Clock;
use crate::config::WeekStart;
use crate::keys::{Action, Keymap, ScreenId};

use super::msg::{Effect, Msg};
use super::screens;
use super::theme::Theme;

/// What a screen may read: settings, the clock and the window size.
pub struct Ctx {
    pub keymap: Keymap,
    pub theme: Theme,
    pub clock: Clock,
    pub week_start: WeekStart,
    /// How dates with slashes are read.
    pub date_order: crate::domain::date_words::DateOrder,
    pub default_template: String,
    pub external_editor: bool,
    pub journal_label: String,
    /// Terminal size (columns, rows).
    pub size: (u16, u16),
    /// Rows between the title bar and the status line.
    pub body_rows: u16,
    /// The check-in vocabulary (shipped words and the user's own).
    pub vocab: crate::domain::Vocabulary,
    /// Whether trends and signals are shown.
    pub trends: crate::config::TrendsSettings,
    /// The CPD requirement and registration year, from the settings.
    pub cpd: crate::domain::cpd::Requirement,
}

impl Ctx {
    /// How this run reads the times and days typed into a form.
    pub fn dates(&self) -> crate::journal::Dates {
        crate::journal::Dates::new(self.clock.clone(), self.date_order)
    }
}

/// Input for the top screen: an action from its key table, or a key it has no binding for
/// (typing), or pasted text.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Input {
    Action(Action),
    Key(KeyEvent),
    Paste(String),
}

/// A dialog's answer, given to the screen below it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Reply {
    /// Leaving an editor with unsaved changes.
    Leave(LeaveChoice),
    /// Saving over an entry changed elsewhere meanwhile.
    Conflict(ConflictChoice),
    /// A line typed into a prompt, or `None` when it was cancelled.
    Line(Option<String>),
}

/// The answers to "unsaved changes".
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum LeaveChoice {
    Save,
    KeepDraft,
    Discard,
    /// Go back to writing.
    Stay,
}

/// The answers to "changed elsewhere since you opened it".
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ConflictChoice {
    /// Save what is written here over the other change.
    KeepMine,
    /// Save what is written here as a new entry; the other change stays.
    SaveAsNew,
    /// Open the entry as it is now in the reader (this text stays in its screen).
    ViewTheirs,
    /// Go back to writing.
    Stay,
}

/// What a screen asks of the app.
#[derive(Debug)]
pub enum Cmd {
    /// Perform an effect; its result comes back to this screen (or, after a [`Cmd::Push`] in
    /// the same list, to the screen pushed).
    Do(Effect),
    Push(Screen),
    /// Close this screen.
    Pop,
    /// Close this dialog and give the answer to the screen below.
    Reply(Reply),
    Status(String),
    Error(String),
    Quit,
}

/// How the hint bar differs from the table's hints on a screen right now.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct HintChanges {
    pub hide: Vec<Action>,
    pub show: Vec<Action>,
}

/// What every screen does. Rendering is a pure function of the screen's state.
pub trait View {
    /// Whose key table applies.
    fn id(&self) -> ScreenId;
    /// The name in the title bar.
    fn title(&self) -> String;
    fn handle(&mut self, input: Input, ctx: &Ctx, now: Instant) -> Vec<Cmd>;
    /// Results of effects, offered to every screen on the stack, top first.
    fn on_msg(&mut self, _msg: &Msg, _ctx: &Ctx, _now: Instant) -> Vec<Cmd> {
        Vec::new()
    }
    /// A dialog's answer.
    fn on_reply(&mut self, _reply: Reply, _ctx: &Ctx, _now: Instant) -> Vec<Cmd> {
        Vec::new()
    }
    /// Called regularly (drafts are written once typing pauses).
    fn tick(&mut self, _now: Instant) -> Vec<Cmd> {
        Vec::new()
    }
    /// Unsaved typing to write now (quit, a signal, a closed terminal).
    fn draft_now(&self) -> Option<Effect> {
        None
    }
    /// Drawn over the screen below it (dialogs, help).
    fn is_overlay(&self) -> bool {
        false
    }
    /// Actions of this screen's table that do nothing right now (the hint bar leaves them
    /// out), and ones it should show although the table does not mark them as hints.
    fn hints(&self) -> HintChanges {
        HintChanges::default()
    }
    fn render(&self, area: Rect, buf: &mut Buffer, ctx: &Ctx);
}

/// A boxed screen (large ones are boxed in [`Screen`]) is a screen.
impl<T: View> View for Box<T> {
    fn id(&self) -> ScreenId {
        (**self).id()
    }
    fn title(&self) -> String {
        (**self).title()
    }
    fn handle(&mut self, input: Input, ctx: &Ctx, now: Instant) -> Vec<Cmd> {
        (**self).handle(input, ctx, now)
    }
    fn on_msg(&mut self, msg: &Msg, ctx: &Ctx, now: Instant) -> Vec<Cmd> {
        (**self).on_msg(msg, ctx, now)
    }
    fn on_reply(&mut self, reply: Reply, ctx: &Ctx, now: Instant) -> Vec<Cmd> {
        (**self).on_reply(reply, ctx, now)
    }
    fn tick(&mut self, now: Instant) -> Vec<Cmd> {
        (**self).tick(now)
    }
    fn draft_now(&self) -> Option<Effect> {
        (**self).draft_now()
    }
    fn is_overlay(&self) -> bool {
        (**self).is_overlay()
    }
    fn hints(&self) -> HintChanges {
        (**self).hints()
    }
    fn render(&self, area: Rect, buf: &mut Buffer, ctx: &Ctx) {
        (**self).render(area, buf, ctx)
    }
}

/// Declares [`Screen`] with one variant per screen, and [`View`] for it by delegation.
macro_rules! screens {
    ($($variant:ident($ty:ty)),+ $(,)?) => {
        /// Every screen and dialog.
        pub enum Screen {
            $($variant($ty),)+
        }

        impl Screen {
            fn view(&self) -> &dyn View {
                match self { $(Screen::$variant(s) => s,)+ }
            }

            fn view_mut(&mut self) -> &mut dyn View {
                match self { $(Screen::$variant(s) => s,)+ }
            }
        }
    };
}

screens! {
    List(screens::list::ListScreen),
    Reader(Box<screens::reader::Reader>),
    Form(Box<screens::form::EntryForm>),
    Checkin(Box<screens::checkin::CheckinFlow>),
    Recovery(Box<screens::recovery::RecoveryLog>),
    Support(screens::support::SupportOverlay),
    Templates(screens::picker::TemplatePicker),
    Review(Box<screens::review::ReviewScreen>),
    Supervision(Box<screens::supervision::SupervisionScreen>),
    Search(Box<screens::search::SearchScreen>),
    Leave(screens::dialogs::LeaveDialog),
    Conflict(screens::dialogs::ConflictDialog),
    Purge(screens::dialogs::PurgeDialog),
    Draft(screens::dialogs::DraftDialog),
    Help(screens::help::HelpOverlay),
    Prompt(Box<screens::prompt::LinePrompt>),
    Trends(Box<screens::trends::TrendsScreen>),
    Cpd(Box<screens::cpd::CpdScreen>),
    Guard(Box<screens::guard::GuardDialog>),
    Export(Box<screens::export::ExportDialog>),
}

impl std::fmt::Debug for Screen {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "Screen({})", self.id().name())
    }
}

impl View for Screen {
    fn id(&self) -> ScreenId {
        self.view().id()
    }
    fn title(&self) -> String {
        self.view().title()
    }
    fn handle(&mut self, input: Input, ctx: &Ctx, now: Instant) -> Vec<Cmd> {
        self.view_mut().handle(input, ctx, now)
    }
    fn on_msg(&mut self, msg: &Msg, ctx: &Ctx, now: Instant) -> Vec<Cmd> {
        self.view_mut().on_msg(msg, ctx, now)
    }
    fn on_reply(&mut self, reply: Reply, ctx: &Ctx, now: Instant) -> Vec<Cmd> {
        self.view_mut().on_reply(reply, ctx, now)
    }
    fn tick(&mut self, now: Instant) -> Vec<Cmd> {
        self.view_mut().tick(now)
    }
    fn draft_now(&self) -> Option<Effect> {
        self.view().draft_now()
    }
    fn is_overlay(&self) -> bool {
        self.view().is_overlay()
    }
    fn hints(&self) -> HintChanges {
        self.view().hints()
    }
    fn render(&self, area: Rect, buf: &mut Buffer, ctx: &Ctx) {
        self.view().render(area, buf, ctx)
    }
}
