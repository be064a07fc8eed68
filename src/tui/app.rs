//! The application state: which screen is showing, each screen's state, dialogs and the
//! status line. Keys become actions, actions change state and return effects; messages from
//! effects update state. Nothing here performs I/O.

use std::time::Instant;

use ratatui::crossterm::event::{Event, KeyCode, KeyEvent, KeyEventKind, MouseEventKind};

use crate::clock::Clock;
use crate::config::{Config, EditorChoice, WeekStart};
use crate::domain::query::parse_query;
use crate::domain::{EntryContent, EntryFilter, EntryId, Kind};
use crate::storage::{Draft, Flag};

use super::keymap::{Action, Keymap, ScreenId};
use super::msg::{Effect, ListTarget, Msg};
use super::screens::editor::{Editor, EditorDraft};
use super::screens::reader::Reader;
use super::screens::search::Search;
use super::theme::Theme;
use super::widgets::entry_list::EntryList;

/// The smallest window debrief can draw in.
pub const MIN_WIDTH: u16 = 60;
pub const MIN_HEIGHT: u16 = 16;

/// A question that takes over the keyboard until answered.
#[derive(Clone, Debug, PartialEq)]
pub enum Dialog {
    /// Leaving an editor with unsaved changes: save, keep as draft, discard, or stay.
    LeaveEditor { then_quit: bool },
    /// Delete an entry for good?
    Purge(EntryId),
    /// A draft from an interrupted session: restore, discard, or decide later.
    RestoreDraft(Draft),
}

/// What to do with an entry once it has been loaded.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Intent {
    Read,
    Edit,
}

/// The whole interface state.
pub struct App {
    pub keymap: Keymap,
    pub theme: Theme,
    pub week_start: WeekStart,
    pub default_template: String,
    pub external_editor: bool,
    pub journal_label: String,
    pub clock: Clock,
    /// Terminal size (columns, rows).
    pub size: (u16, u16),
    pub screen: ScreenId,
    back: Vec<ScreenId>,
    pub timeline: EntryList,
    pub trash: EntryList,
    pub reader: Option<Reader>,
    pub editor: Option<Editor>,
    /// The entry as it was before editing (details the editor does not show are kept).
    editing_original: Option<EntryContent>,
    pub search: Search,
    pub dialog: Option<Dialog>,
    /// Drafts waiting to be offered after the current dialog.
    drafts_to_offer: Vec<Draft>,
    pub help: bool,
    pub status: Option<(String, bool)>,
    pub quit: bool,
    intent: Intent,
    /// Select this entry in the timeline when it next loads (after saving it).
    pending_select: Option<EntryId>,
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
        App {
            keymap,
            theme,
            week_start: config.week_start,
            default_template: config.default_template.clone(),
            external_editor: config.editor == EditorChoice::External,
            journal_label,
            clock,
            size,
            screen: ScreenId::Timeline,
            back: Vec::new(),
            timeline: EntryList::default(),
            trash: EntryList::default(),
            reader: None,
            editor: None,
            editing_original: None,
            search: Search::default(),
            dialog: None,
            drafts_to_offer: Vec::new(),
            help: false,
            status: None,
            quit: false,
            intent: Intent::Read,
            pending_select: None,
        }
    }

    /// The effects to run when the interface starts.
    pub fn start(&mut self) -> Vec<Effect> {
        self.timeline.loading = true;
        vec![self.load(ListTarget::Timeline), Effect::LoadDrafts]
    }

    /// Rows available to a screen's body (title bar, status line and hint bar excluded).
    pub fn body_height(&self) -> usize {
        usize::from(self.size.1.saturating_sub(2 + self.status_rows()))
    }

    /// Rows the status line needs: a long message (a settings problem) takes two.
    pub fn status_rows(&self) -> u16 {
        match &self.status {
            Some((text, _))
                if unicode_width::UnicodeWidthStr::width(text.as_str()) + 2
                    > usize::from(self.size.0) =>
            {
                2
            }
            _ => 1,
        }
    }

    fn load(&self, target: ListTarget) -> Effect {
        Effect::LoadList {
            target,
            filter: EntryFilter::default(),
            append: false,
        }
    }

    pub fn set_status(&mut self, text: impl Into<String>) {
        self.status = Some((text.into(), false));
    }

    pub fn set_error(&mut self, text: impl Into<String>) {
        self.status = Some((text.into(), true));
    }

    // ---- input ----------------------------------------------------------------------

    /// Handle one terminal event.
    pub fn on_event(&mut self, event: Event, now: Instant) -> Vec<Effect> {
        match event {
            Event::Key(k) if k.kind == KeyEventKind::Press => self.on_key(k, now),
            Event::Paste(text) => self.on_paste(&text, now),
            Event::Mouse(m) => match m.kind {
                MouseEventKind::ScrollDown if self.dialog.is_none() => {
                    self.on_action(Action::Down, now)
                }
                MouseEventKind::ScrollUp if self.dialog.is_none() => {
                    self.on_action(Action::Up, now)
                }
                _ => vec![],
            },
            Event::Resize(w, h) => {
                self.size = (w, h);
                let height = self.body_height();
                self.timeline.fit(height);
                self.trash.fit(height);
                vec![]
            }
            _ => vec![],
        }
    }

    fn on_paste(&mut self, text: &str, now: Instant) -> Vec<Effect> {
        match self.screen {
            ScreenId::Editor => {
                if let Some(ed) = &mut self.editor {
                    ed.paste(text, now);
                }
                vec![]
            }
            ScreenId::Search => {
                self.search
                    .input
                    .insert_str(text.replace(['\n', '\r'], " "));
                self.run_search()
            }
            _ => vec![],
        }
    }

    fn on_key(&mut self, key: KeyEvent, now: Instant) -> Vec<Effect> {
        if self.help {
            self.help = false;
            return vec![];
        }
        if self.dialog.is_some() {
            return self.on_dialog_key(key);
        }
        self.status = None;
        if let Some(action) = self.keymap.action(self.screen, &key) {
            return self.on_action(action, now);
        }
        match self.screen {
            ScreenId::Editor => {
                if let Some(ed) = &mut self.editor {
                    ed.key(key, now);
                }
                vec![]
            }
            ScreenId::Search => {
                if self.search.key(key) {
                    self.run_search()
                } else {
                    vec![]
                }
            }
            _ => vec![],
        }
    }

    fn run_search(&mut self) -> Vec<Effect> {
        let query = parse_query(&self.search.text(), &self.clock.now_zoned());
        let seq = self.search.begin(&query);
        if query.text.trim().is_empty() && query.filter.is_empty() {
            self.search.receive(seq, Vec::new());
            self.search.answered = false;
            return vec![];
        }
        vec![Effect::Search {
            seq,
            text: query.text,
            filter: query.filter,
        }]
    }

    /// Perform an action on the current screen.
    pub fn on_action(&mut self, action: Action, now: Instant) -> Vec<Effect> {
        let height = self.body_height();
        match (self.screen, action) {
            (_, Action::Help) => {
                self.help = true;
                vec![]
            }
            (ScreenId::Editor, Action::Quit) | (ScreenId::Editor, Action::Back) => {
                let then_quit = action == Action::Quit;
                if self.editor.as_ref().is_some_and(Editor::is_dirty) {
                    self.dialog = Some(Dialog::LeaveEditor { then_quit });
                    vec![]
                } else {
                    self.close_editor(then_quit)
                }
            }
            (_, Action::Quit) => {
                self.quit = true;
                vec![]
            }
            (ScreenId::Editor, Action::Save) => self.save_editor(),
            (ScreenId::Editor, Action::NextField) | (ScreenId::Editor, Action::PrevField) => {
                if let Some(ed) = &mut self.editor {
                    ed.cycle_focus(action == Action::NextField);
                }
                vec![]
            }
            (ScreenId::Editor, Action::Undo) | (ScreenId::Editor, Action::Redo) => {
                if let Some(ed) = &mut self.editor {
                    ed.undo(action == Action::Redo, now);
                }
                vec![]
            }
            (ScreenId::Editor, Action::ExternalEditor) => match &self.editor {
                Some(ed) => vec![Effect::ExternalEditor {
                    text: ed.snapshot().body,
                }],
                None => vec![],
            },
            (ScreenId::Timeline, a) => self.on_list_action(ListTarget::Timeline, a, height, now),
            (ScreenId::Trash, a) => self.on_list_action(ListTarget::Trash, a, height, now),
            (ScreenId::Reader, a) => self.on_reader_action(a),
            (ScreenId::Search, a) => self.on_search_action(a, height),
            _ => vec![],
        }
    }

    fn list_mut(&mut self, target: ListTarget) -> &mut EntryList {
        match target {
            ListTarget::Timeline => &mut self.timeline,
            ListTarget::Trash => &mut self.trash,
        }
    }

    fn on_list_action(
        &mut self,
        target: ListTarget,
        action: Action,
        height: usize,
        _now: Instant,
    ) -> Vec<Effect> {
        let page = height.saturating_sub(2).max(1) as isize;
        let list = self.list_mut(target);
        match action {
            Action::Down => list.move_by(1, height),
            Action::Up => list.move_by(-1, height),
            Action::PageDown => list.move_by(page, height),
            Action::PageUp => list.move_by(-page, height),
            Action::Top => list.to_top(),
            Action::Bottom => list.to_bottom(height),
            _ => {}
        }
        let selected = list.selected_entry().cloned();
        if let Some(filter) = list.next_page(&EntryFilter::default()) {
            return vec![Effect::LoadList {
                target,
                filter,
                append: true,
            }];
        }
        match (action, selected) {
            (Action::Open, Some(e)) => self.open(e.id, Intent::Read),
            (Action::Edit, Some(e)) => self.open(e.id, Intent::Edit),
            (Action::NewReflection, _) => self.new_entry(Kind::Reflection),
            (Action::NewCheckin, _) => self.new_entry(Kind::Checkin),
            (Action::NewSupervision, _) => self.new_entry(Kind::Supervision),
            (Action::Star, Some(e)) => vec![Effect::SetFlag {
                id: e.id,
                flag: Flag::Starred,
                on: !e.starred,
            }],
            (Action::ToggleSupervision, Some(e)) => {
                vec![Effect::SetFlag {
                    id: e.id,
                    flag: Flag::ForSupervision,
                    on: !e.for_supervision,
                }]
            }
            (Action::ToggleFinished, Some(e)) => vec![Effect::SetFlag {
                id: e.id,
                flag: Flag::Unfinished,
                on: !e.unfinished,
            }],
            (Action::Delete, Some(e)) => vec![Effect::Trash(e.id)],
            (Action::Restore, Some(e)) => vec![Effect::Restore(e.id)],
            (Action::Purge, Some(e)) => {
                self.dialog = Some(Dialog::Purge(e.id));
                vec![]
            }
            (Action::Search, _) => {
                self.go(ScreenId::Search);
                vec![]
            }
            (Action::Trash, _) => {
                self.go(ScreenId::Trash);
                self.trash.loading = true;
                vec![self.load(ListTarget::Trash)]
            }
            (Action::Back, _) => {
                self.go_back();
                vec![]
            }
            _ => vec![],
        }
    }

    fn on_reader_action(&mut self, action: Action) -> Vec<Effect> {
        let (w, h) = (self.size.0.saturating_sub(2), self.body_height() as u16);
        let Some(reader) = &mut self.reader else {
            self.go_back();
            return vec![];
        };
        let e = &reader.entry;
        let c = &e.content;
        match action {
            Action::Down
            | Action::Up
            | Action::PageDown
            | Action::PageUp
            | Action::Top
            | Action::Bottom => {
                reader.scroll_by(action, w, h, &self.clock);
                vec![]
            }
            Action::Edit => {
                let entry = e.clone();
                self.start_editing(&entry)
            }
            Action::Star => vec![Effect::SetFlag {
                id: e.id,
                flag: Flag::Starred,
                on: !c.starred,
            }],
            Action::ToggleSupervision => vec![Effect::SetFlag {
                id: e.id,
                flag: Flag::ForSupervision,
                on: !c.for_supervision,
            }],
            Action::ToggleFinished => vec![Effect::SetFlag {
                id: e.id,
                flag: Flag::Unfinished,
                on: !c.unfinished,
            }],
            Action::Delete if e.deleted.is_none() => {
                let id = e.id;
                self.go_back();
                vec![Effect::Trash(id)]
            }
            Action::Back => {
                self.go_back();
                vec![]
            }
            _ => vec![],
        }
    }

    fn on_search_action(&mut self, action: Action, height: usize) -> Vec<Effect> {
        let list_height = height.saturating_sub(3);
        let page = (list_height / 2).max(1) as isize;
        match action {
            Action::Down => self.search.move_by(1, list_height),
            Action::Up => self.search.move_by(-1, list_height),
            Action::PageDown => self.search.move_by(page, list_height),
            Action::PageUp => self.search.move_by(-page, list_height),
            Action::Open => {
                if let Some(id) = self.search.selected_hit().map(|h| h.entry.id) {
                    return self.open(id, Intent::Read);
                }
            }
            Action::Back => self.go_back(),
            _ => {}
        }
        vec![]
    }

    fn on_dialog_key(&mut self, key: KeyEvent) -> Vec<Effect> {
        let Some(dialog) = self.dialog.take() else {
            return vec![];
        };
        let c = match key.code {
            KeyCode::Char(c) => c.to_ascii_lowercase(),
            KeyCode::Esc => '\u{1b}',
            KeyCode::Enter => '\n',
            _ => {
                self.dialog = Some(dialog);
                return vec![];
            }
        };
        match (dialog, c) {
            (Dialog::LeaveEditor { .. }, 's') => self.save_editor(),
            (Dialog::LeaveEditor { then_quit }, 'k') => {
                let mut effects = self.draft_now();
                effects.extend(self.close_editor(then_quit));
                self.set_status("Kept as a draft: it will be offered next time.");
                effects
            }
            (Dialog::LeaveEditor { then_quit }, 'x') => {
                let draft = self.editor.as_ref().and_then(|e| e.draft_id);
                let mut effects: Vec<Effect> =
                    draft.map(Effect::DiscardDraft).into_iter().collect();
                effects.extend(self.close_editor(then_quit));
                self.set_status("Changes discarded.");
                effects
            }
            (Dialog::LeaveEditor { .. }, '\u{1b}') => vec![],
            (Dialog::Purge(id), 'y') => vec![Effect::Purge(id)],
            (Dialog::Purge(_), 'n' | '\u{1b}') => vec![],
            (Dialog::RestoreDraft(d), 'r' | '\n') => {
                let effects = self.restore_draft(&d);
                self.offer_next_draft();
                effects
            }
            (Dialog::RestoreDraft(d), 'd') => {
                self.offer_next_draft();
                vec![Effect::DiscardDraft(d.id)]
            }
            (Dialog::RestoreDraft(_), 'l' | '\u{1b}') => {
                self.drafts_to_offer.clear();
                self.set_status("Drafts kept; they will be offered next time.");
                vec![]
            }
            (dialog, _) => {
                self.dialog = Some(dialog);
                vec![]
            }
        }
    }

    // ---- navigation -------------------------------------------------------------------

    fn go(&mut self, screen: ScreenId) {
        if self.screen != screen {
            self.back.push(self.screen);
            self.screen = screen;
        }
    }

    fn go_back(&mut self) {
        self.screen = self.back.pop().unwrap_or(ScreenId::Timeline);
        if self.screen == ScreenId::Editor && self.editor.is_none() {
            self.go_back();
        }
    }

    fn open(&mut self, id: EntryId, intent: Intent) -> Vec<Effect> {
        self.intent = intent;
        vec![Effect::LoadEntry(id)]
    }

    fn new_entry(&mut self, kind: Kind) -> Vec<Effect> {
        self.editor = Some(Editor::new(kind, Some(&self.default_template)));
        self.editing_original = None;
        self.go(ScreenId::Editor);
        self.external_first()
    }

    fn start_editing(&mut self, entry: &crate::domain::Entry) -> Vec<Effect> {
        self.editor = Some(Editor::for_entry(entry));
        self.editing_original = Some(entry.content.clone());
        self.go(ScreenId::Editor);
        self.external_first()
    }

    /// With `editor = "external"`, go straight to $EDITOR for the text.
    fn external_first(&self) -> Vec<Effect> {
        match (&self.editor, self.external_editor) {
            (Some(ed), true) => vec![Effect::ExternalEditor {
                text: ed.snapshot().body,
            }],
            _ => vec![],
        }
    }

    fn restore_draft(&mut self, draft: &Draft) -> Vec<Effect> {
        match serde_json::from_str::<EditorDraft>(&draft.payload) {
            Ok(d) => {
                self.editor = Some(Editor::from_draft(&d, Some(draft.id)));
                self.editing_original = None;
                self.go(ScreenId::Editor);
                self.set_status("Draft restored. Ctrl-S saves it.");
                // Editing an existing entry: fetch it so hidden details are kept on save.
                match d.entry_id {
                    Some(id) => {
                        self.intent = Intent::Read;
                        vec![Effect::LoadEntry(EntryId(id))]
                    }
                    None => vec![],
                }
            }
            Err(_) => {
                self.set_error("That draft could not be read; it was left in the journal.");
                vec![]
            }
        }
    }

    fn offer_next_draft(&mut self) {
        if !self.drafts_to_offer.is_empty() {
            self.dialog = Some(Dialog::RestoreDraft(self.drafts_to_offer.remove(0)));
        }
    }

    fn save_editor(&mut self) -> Vec<Effect> {
        let Some(ed) = &self.editor else {
            return vec![];
        };
        match ed.content() {
            Ok(mut content) => {
                if let Some(old) = &self.editing_original {
                    Editor::merge_hidden(&mut content, old);
                }
                vec![Effect::Save {
                    draft_id: ed.draft_id,
                    entry_id: ed.entry_id,
                    content: Box::new(content),
                }]
            }
            Err(e) => {
                self.set_error(e);
                vec![]
            }
        }
    }

    fn close_editor(&mut self, then_quit: bool) -> Vec<Effect> {
        self.editor = None;
        self.editing_original = None;
        self.go_back();
        self.quit = then_quit;
        vec![]
    }

    /// Write the editor's draft now if it has unsaved changes (quit, SIGTERM, SIGHUP).
    pub fn draft_now(&mut self) -> Vec<Effect> {
        match &self.editor {
            Some(ed) if ed.is_dirty() => match ed.draft_payload() {
                Some(payload) => vec![Effect::SaveDraft {
                    draft_id: ed.draft_id,
                    entry_id: ed.entry_id,
                    payload,
                }],
                None => vec![],
            },
            _ => vec![],
        }
    }

    /// Called regularly: writes a draft once typing has paused.
    pub fn tick(&mut self, now: Instant) -> Vec<Effect> {
        let Some(ed) = &mut self.editor else {
            return vec![];
        };
        match ed.draft_due(now) {
            Some(payload) => vec![Effect::SaveDraft {
                draft_id: ed.draft_id,
                entry_id: ed.entry_id,
                payload,
            }],
            None => vec![],
        }
    }

    // ---- results ----------------------------------------------------------------------

    /// Take the result of an effect.
    pub fn update(&mut self, msg: Msg, now: Instant) -> Vec<Effect> {
        let height = self.body_height();
        match msg {
            Msg::List {
                target,
                entries,
                append,
                page,
            } => {
                let select = if target == ListTarget::Timeline {
                    self.pending_select.take()
                } else {
                    None
                };
                let clock = self.clock.clone();
                let list = self.list_mut(target);
                list.receive(entries, append, page, &clock);
                if let Some(id) = select {
                    list.select_id(id);
                }
                list.fit(height);
                vec![]
            }
            Msg::Entry(entry) => {
                if self.screen == ScreenId::Editor {
                    // A restored draft of an existing entry: keep the entry's hidden details.
                    if self.editor.as_ref().and_then(|e| e.entry_id) == Some(entry.id) {
                        self.editing_original = Some(entry.content.clone());
                    }
                    return vec![];
                }
                match self.intent {
                    Intent::Edit => {
                        self.intent = Intent::Read;
                        self.start_editing(&entry)
                    }
                    Intent::Read => {
                        let keep_scroll = self
                            .reader
                            .as_ref()
                            .filter(|r| r.entry.id == entry.id)
                            .map(|r| r.scroll);
                        let mut reader = Reader::new(*entry);
                        reader.scroll = keep_scroll.unwrap_or(0);
                        self.reader = Some(reader);
                        self.go(ScreenId::Reader);
                        vec![]
                    }
                }
            }
            Msg::SearchResults { seq, hits } => {
                self.search.receive(seq, hits);
                vec![]
            }
            Msg::Saved { id, new } => {
                self.editor = None;
                self.editing_original = None;
                self.set_status(if new {
                    format!("Saved as entry {id}.")
                } else {
                    format!("Entry {id} saved.")
                });
                // Back to where the editor was opened from, then show the saved entry.
                self.go_back();
                if self.screen == ScreenId::Reader {
                    self.go_back();
                }
                self.timeline.loading = true;
                self.intent = Intent::Read;
                let mut effects = vec![self.load(ListTarget::Timeline), Effect::LoadEntry(id)];
                if !self.search.text().trim().is_empty() {
                    effects.extend(self.run_search());
                }
                self.pending_select = Some(id);
                effects
            }
            Msg::DraftSaved { draft_id } => {
                if let Some(ed) = &mut self.editor
                    && ed.draft_id.is_none()
                {
                    ed.draft_id = Some(draft_id);
                }
                vec![]
            }
            Msg::Drafts(drafts) => {
                self.drafts_to_offer = drafts;
                if self.dialog.is_none() && self.editor.is_none() {
                    self.offer_next_draft();
                }
                vec![]
            }
            Msg::Changed { id, what } => {
                if what != "updated" {
                    self.set_status(format!("Entry {id} {what}."));
                }
                self.after_change(Some(id))
            }
            Msg::Purged(id) => {
                self.set_status(format!("Entry {id} deleted for good."));
                if self.reader.as_ref().is_some_and(|r| r.entry.id == id) {
                    self.reader = None;
                    if self.screen == ScreenId::Reader {
                        self.go_back();
                    }
                }
                self.after_change(None)
            }
            Msg::ExternalEdited(text) => {
                if let Some(ed) = &mut self.editor {
                    ed.set_body(&text, now);
                }
                vec![]
            }
            Msg::Error(e) => {
                self.set_error(e);
                vec![]
            }
        }
    }

    /// Reload what shows a changed entry.
    fn after_change(&mut self, id: Option<EntryId>) -> Vec<Effect> {
        let mut effects = vec![self.load(ListTarget::Timeline)];
        if self.screen == ScreenId::Trash || self.trash.loaded {
            effects.push(self.load(ListTarget::Trash));
        }
        if let (Some(id), Some(r)) = (id, &self.reader)
            && r.entry.id == id
            && self.screen == ScreenId::Reader
        {
            self.intent = Intent::Read;
            effects.push(Effect::LoadEntry(id));
        }
        if !self.search.text().trim().is_empty() {
            effects.extend(self.run_search());
        }
        effects
    }
}
