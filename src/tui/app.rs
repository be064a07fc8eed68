//! The application: a stack of screens (the timeline at the bottom), the status line, and the
//! routing between them. A key becomes an action through the top screen's key table; the top
//! screen handles it and returns [`Cmd`]s. Each effect carries the screen that asked for it
//! ([`Asker`]); its result goes back to that screen alone (or nowhere once it has closed),
//! and news of the journal (an entry saved or changed) to every screen. Nothing here
//! performs I/O.

use std::time::Instant;

use ratatui::crossterm::event::{Event, KeyEventKind, MouseEventKind};

use crate::clock::Clock;
use crate::config::{Config, EditorChoice};
use crate::keys::{Action, Keymap, ScreenId};

use super::input::key_of;
use super::msg::{Asker, Effect, Msg, Open, Request};
use super::screen::{Cmd, Ctx, Input, Screen, View};
use super::screens::list::ListScreen;
use super::screens::reader::Reader;
use super::theme::Theme;

/// The smallest window debrief can draw in.
pub const MIN_WIDTH: u16 = 60;
pub const MIN_HEIGHT: u16 = 16;

/// The whole interface state.
pub struct App {
    pub ctx: Ctx,
    /// The screens, the timeline first; the last one has the keyboard.
    pub stack: Vec<Screen>,
    /// Who each screen of `stack` is when it asks for an effect (same order).
    askers: Vec<Asker>,
    next_asker: u64,
    /// A message for the user, and whether it is an error.
    pub status: Option<(String, bool)>,
    /// Said on the terminal once the interface has closed (where rescued text went).
    pub exit_notes: Vec<String>,
    /// Why typing that had to be kept could not be kept anywhere, when it could not: said
    /// once the interface has closed, and debrief then ends in failure.
    pub not_kept: Option<String>,
    pub quit: bool,
}

impl App {
    pub fn new(
        config: &Config,
        keymap: Keymap,
        theme: Theme,
        clock: Clock,
        journal_label: String,
        size: (u16, u16),
    ) -> App {
        let mut app = App {
            ctx: Ctx {
                keymap,
                theme,
                clock,
                week_start: config.week_start,
                date_order: config.date_order,
                default_template: config.default_template.clone(),
                external_editor: config.editor == EditorChoice::External,
                journal_label,
                size,
                body_rows: 0,
                vocab: crate::domain::Vocabulary::with_extra(&config.vocabulary),
                trends: config.trends,
                cpd: config.cpd.clone(),
            },
            stack: vec![Screen::List(ListScreen::timeline())],
            askers: vec![Asker(0)],
            next_asker: 1,
            status: None,
            exit_notes: Vec::new(),
            not_kept: None,
            quit: false,
        };
        app.resize(size);
        app
    }

    /// Open on a review of `kind`, over the timeline (`debrief review week` on a terminal).
    pub fn open_review(&mut self, kind: crate::review::ReviewKind) {
        let review = super::screens::review::ReviewScreen::of_kind(kind);
        self.push(Screen::Review(Box::new(review)));
    }

    /// The effects to run when the interface starts.
    pub fn start(&mut self) -> Vec<Request> {
        let timeline = match self.stack.first_mut() {
            Some(Screen::List(list)) => vec![list.load_newest(), Effect::LoadDrafts],
            _ => vec![Effect::LoadDrafts],
        };
        let mut requests = self.asked_by(0, timeline);
        if let Some(Screen::Review(r)) = self.stack.last() {
            let loading = r.loading().into_iter().collect();
            requests.extend(self.asked_by(self.stack.len() - 1, loading));
        }
        requests
    }

    /// `effects` as asked for by the screen at `at` on the stack.
    fn asked_by(&self, at: usize, effects: Vec<Effect>) -> Vec<Request> {
        let asker = self.askers[at];
        effects
            .into_iter()
            .map(|effect| Request { asker, effect })
            .collect()
    }

    /// Put `screen` on top, as a new asker.
    fn push(&mut self, screen: Screen) {
        let at = self.stack.len();
        self.insert(at, screen);
    }

    /// Put `screen` at `at` on the stack, as a new asker.
    fn insert(&mut self, at: usize, screen: Screen) {
        self.stack.insert(at, screen);
        self.askers.insert(at, Asker(self.next_asker));
        self.next_asker += 1;
    }

    /// Take the screen at `at` off the stack; what it asked for now goes nowhere.
    fn remove(&mut self, at: usize) {
        self.stack.remove(at);
        self.askers.remove(at);
    }

    /// The screen with the keyboard.
    pub fn top(&self) -> &Screen {
        // The timeline is never popped, so the stack is never empty.
        &self.stack[self.stack.len() - 1]
    }

    /// Which key table is in force.
    pub fn screen_id(&self) -> ScreenId {
        self.top().id()
    }

    pub fn set_status(&mut self, text: impl Into<String>) {
        self.status = Some((text.into(), false));
    }

    pub fn set_error(&mut self, text: impl Into<String>) {
        self.status = Some((text.into(), true));
    }

    /// Rows the status line needs: a long message (a settings problem) takes two.
    pub fn status_rows(&self) -> u16 {
        match &self.status {
            Some((text, _))
                if unicode_width::UnicodeWidthStr::width(text.as_str()) + 2
                    > usize::from(self.ctx.size.0) =>
            {
                2
            }
            _ => 1,
        }
    }

    fn resize(&mut self, size: (u16, u16)) {
        self.ctx.size = size;
        self.ctx.body_rows = size.1.saturating_sub(2 + self.status_rows());
    }

    /// Handle one terminal event.
    pub fn on_event(&mut self, event: Event, now: Instant) -> Vec<Request> {
        match event {
            Event::Key(k) if k.kind == KeyEventKind::Press => {
                self.status = None;
                self.resize(self.ctx.size);
                let input = match self.ctx.keymap.action(self.screen_id(), &key_of(&k)) {
                    Some(action) => Input::Action(action),
                    None => Input::Key(k),
                };
                self.input(input, now)
            }
            Event::Paste(text) => self.input(Input::Paste(text), now),
            Event::Mouse(m) => match m.kind {
                MouseEventKind::ScrollDown => self.input(Input::Action(Action::Down), now),
                MouseEventKind::ScrollUp => self.input(Input::Action(Action::Up), now),
                _ => Vec::new(),
            },
            Event::Resize(w, h) => {
                self.resize((w, h));
                Vec::new()
            }
            _ => Vec::new(),
        }
    }

    /// Perform an action on the top screen (as if its key was pressed).
    pub fn on_action(&mut self, action: Action, now: Instant) -> Vec<Request> {
        self.input(Input::Action(action), now)
    }

    fn input(&mut self, input: Input, now: Instant) -> Vec<Request> {
        if matches!(input, Input::Action(Action::Help)) && !self.top().is_overlay() {
            let help = super::screens::help::HelpOverlay::new(self.screen_id());
            self.push(Screen::Help(help));
            return Vec::new();
        }
        let top = self.stack.len() - 1;
        let cmds = self.stack[top].handle(input, &self.ctx, now);
        self.apply(top, cmds, now)
    }

    /// What the status line says of a result (a failure, a rescue, a change, a record).
    fn say(&mut self, msg: &Msg) {
        match msg {
            Msg::Failed { message, .. } => self.set_error(message.clone()),
            Msg::NotKept { reason } => {
                let note = format!("Your unsaved text could not be kept: {reason}");
                self.set_error(note);
                self.not_kept.get_or_insert_with(|| reason.clone());
            }
            Msg::Rescued { path, reason, .. } => {
                let note = format!(
                    "The journal could not take your draft ({reason}); the text is safe in {}",
                    crate::rescue::whereabouts(path)
                );
                self.set_error(note.clone());
                self.exit_notes.push(note);
            }
            Msg::CpdChanged { id, made } => self.set_status(match made {
                Some(m) => {
                    let missing = m.missing();
                    match missing.is_empty() {
                        true => format!(
                            "Entry {id} is a CPD record, dated {} (the year it counts for).",
                            m.record.date.format("%-d %b %Y")
                        ),
                        false => format!(
                            "Entry {id} is a CPD record, dated {}; it does not count until its {} is written.",
                            m.record.date.format("%-d %b %Y"),
                            missing.join(" and ")
                        ),
                    }
                }
                None => format!("Entry {id} is no longer a CPD record (the entry is kept)."),
            }),
            // Every change says what it did, and to which entry.
            Msg::Changed {
                id,
                change,
                summary,
            } => {
                if let Some(said) = changed_status(*id, *change, summary.as_deref()) {
                    self.set_status(said);
                }
            }
            _ => {}
        }
    }

    /// Take the result of an effect asked for by `asker` (`None`: news from outside, as when
    /// another debrief changed the journal). The result goes to that screen alone, if it is
    /// still open; news of the journal goes to every screen, the top one first.
    pub fn on_msg(&mut self, msg: Msg, asker: Option<Asker>, now: Instant) -> Vec<Request> {
        let top = self.stack.len() - 1;
        self.say(&msg);
        match &msg {
            // An entry asked for to read or edit opens on top of whoever asked.
            Msg::Entry {
                entry,
                then: Open::Read,
            } => {
                let reader = Screen::Reader(Box::new(Reader::new((**entry).clone())));
                // Under the guard's dialog, when one just opened for the entry saved.
                if let Some(at) = self
                    .stack
                    .iter()
                    .position(|s| matches!(s, Screen::Guard(_)))
                {
                    self.insert(at, reader);
                    return Vec::new();
                }
                return self.apply(top, vec![Cmd::Push(reader)], now);
            }
            Msg::Entry {
                entry,
                then: Open::Edit,
            } => {
                let cmds = super::screens::edit_entry(entry, &self.ctx);
                return self.apply(top, cmds, now);
            }
            // What the guard found in an entry just saved shows over everything, once.
            Msg::Identifiers { id, found }
                if !found.is_empty()
                    && !self
                        .stack
                        .iter()
                        .any(|s| matches!(s, Screen::Guard(g) if g.id == *id)) =>
            {
                let dialog = super::screens::guard::GuardDialog::new(*id, found.clone());
                self.push(Screen::Guard(Box::new(dialog)));
                return Vec::new();
            }
            _ => {}
        }
        if !msg.is_news() {
            let Some(at) = asker.and_then(|a| self.askers.iter().position(|x| *x == a)) else {
                return Vec::new();
            };
            let cmds = self.stack[at].on_msg(&msg, &self.ctx, now);
            return self.apply(at, cmds, now);
        }
        let mut requests = Vec::new();
        for i in (0..self.stack.len()).rev() {
            if i >= self.stack.len() {
                continue;
            }
            let cmds = self.stack[i].on_msg(&msg, &self.ctx, now);
            requests.extend(self.apply(i, cmds, now));
        }
        requests
    }

    /// Called regularly: writes drafts once typing has paused.
    pub fn tick(&mut self, now: Instant) -> Vec<Request> {
        let mut effects = Vec::new();
        for i in (0..self.stack.len()).rev() {
            let cmds = self.stack[i].tick(now);
            effects.extend(self.apply(i, cmds, now));
        }
        effects
    }

    /// Unsaved typing of every open form, to write now (quit, SIGTERM, SIGHUP).
    pub fn draft_now(&self) -> Vec<Request> {
        self.stack
            .iter()
            .zip(&self.askers)
            .filter_map(|(s, &asker)| s.draft_now().map(|effect| Request { asker, effect }))
            .collect()
    }

    /// Carry out what screen `from` asked for.
    fn apply(&mut self, from: usize, cmds: Vec<Cmd>, now: Instant) -> Vec<Request> {
        let mut effects = Vec::new();
        // What these commands ask for was asked by the screen that gave them, even once it
        // has closed (its results then go nowhere; news still goes everywhere), or, after a
        // push, by the screen pushed: "open it and load it".
        let Some(&(mut asker)) = self.askers.get(from) else {
            return effects;
        };
        let mut from = from;
        for cmd in cmds {
            match cmd {
                Cmd::Do(effect) => effects.push(Request { asker, effect }),
                Cmd::Push(s) => {
                    self.push(s);
                    asker = self.askers[self.askers.len() - 1];
                }
                Cmd::Pop if from > 0 && from < self.stack.len() => {
                    self.remove(from);
                    from -= 1;
                }
                Cmd::Pop => {}
                Cmd::Reply(reply) if from > 0 && from < self.stack.len() => {
                    self.remove(from);
                    from -= 1;
                    let more = self.stack[from].on_reply(reply, &self.ctx, now);
                    effects.extend(self.apply(from, more, now));
                }
                Cmd::Reply(_) => {}
                Cmd::Status(s) => self.set_status(s),
                Cmd::Error(s) => self.set_error(s),
                Cmd::Quit => self.quit = true,
            }
        }
        self.resize(self.ctx.size);
        effects
    }
}

/// What a change did, to which entry: "⚑ for supervision: check-in 2", "No longer starred:
/// reflection 4", "Moved to the trash: check-in 2 (t opens the trash)". (Deleting for good
/// is said by its dialog, which knows about the copy.)
fn changed_status(
    id: crate::domain::EntryId,
    change: super::msg::Change,
    summary: Option<&crate::domain::EntrySummary>,
) -> Option<String> {
    use super::msg::Change;
    use crate::domain::Flag;
    let which = match summary {
        Some(s) => format!("{} {id}", s.kind.label()),
        None => format!("entry {id}"),
    };
    Some(match change {
        Change::Flag(Flag::Starred, true) => format!("★ starred: {which}"),
        Change::Flag(Flag::Starred, false) => format!("No longer starred: {which}"),
        Change::Flag(Flag::ForSupervision, true) => format!("⚑ for supervision: {which}"),
        Change::Flag(Flag::ForSupervision, false) => {
            format!("No longer for supervision: {which}")
        }
        Change::Flag(Flag::Unfinished, true) => format!("✎ to finish later: {which}"),
        Change::Flag(Flag::Unfinished, false) => format!("Marked finished: {which}"),
        Change::Trash => format!("Moved to the trash: {which} (t opens the trash)"),
        Change::Restore => format!("Restored from the trash: {which}"),
        Change::Purge { .. } => return None,
    })
}
