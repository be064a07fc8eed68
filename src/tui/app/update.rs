//! Results: messages from performed effects update the state (and may ask for more).

use std::time::Instant;

use super::{App, Intent};
use crate::domain::EntryId;
use crate::tui::keymap::ScreenId;
use crate::tui::msg::{Effect, ListTarget, Msg};
use crate::tui::screens::reader::Reader;

impl App {
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
    pub(super) fn after_change(&mut self, id: Option<EntryId>) -> Vec<Effect> {
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
