//! Input: terminal events become actions, actions change the screens' state and return
//! effects; dialogs take keys first.

use std::time::Instant;

use ratatui::crossterm::event::{Event, KeyCode, KeyEvent, KeyEventKind, MouseEventKind};

use super::{App, Dialog, Intent};
use crate::domain::query::parse_query;
use crate::domain::{EntryFilter, Kind};
use crate::storage::Flag;
use crate::tui::keymap::{Action, ScreenId};
use crate::tui::msg::{Effect, ListTarget};
use crate::tui::screens::editor::Editor;
use crate::tui::widgets::entry_list::EntryList;

impl App {
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

    pub(super) fn on_paste(&mut self, text: &str, now: Instant) -> Vec<Effect> {
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

    pub(super) fn on_key(&mut self, key: KeyEvent, now: Instant) -> Vec<Effect> {
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

    pub(super) fn run_search(&mut self) -> Vec<Effect> {
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

    pub(super) fn list_mut(&mut self, target: ListTarget) -> &mut EntryList {
        match target {
            ListTarget::Timeline => &mut self.timeline,
            ListTarget::Trash => &mut self.trash,
        }
    }

    pub(super) fn on_list_action(
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

    pub(super) fn on_reader_action(&mut self, action: Action) -> Vec<Effect> {
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

    pub(super) fn on_search_action(&mut self, action: Action, height: usize) -> Vec<Effect> {
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

    pub(super) fn on_dialog_key(&mut self, key: KeyEvent) -> Vec<Effect> {
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
}
