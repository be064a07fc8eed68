//! The application state: which screen is showing, each screen's state, dialogs and the
//! status line, and moving between screens. Keys become actions in `input.rs`; results of
//! effects arrive in `update.rs`. Nothing here performs I/O.

use std::time::Instant;

use crate::clock::Clock;
use crate::config::{Config, EditorChoice, WeekStart};
use crate::domain::{EntryContent, EntryFilter, EntryId, Kind};
use crate::storage::Draft;

use super::keymap::{Keymap, ScreenId};

mod input;
mod update;
use super::msg::{Effect, ListTarget};
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
}
