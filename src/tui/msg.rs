//! What screens ask for ([`Effect`]) and what comes back ([`Msg`]). Screens never touch the
//! store; `effects.rs` performs each effect and answers with messages.

use crate::domain::{Entry, EntryContent, EntryFilter, EntryId, EntrySummary};
use crate::storage::{Draft, Flag, SearchHit};

/// Which list a load fills.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ListTarget {
    Timeline,
    Trash,
}

/// Work for the store (or, for the external editor, the terminal).
#[derive(Clone, Debug, PartialEq)]
pub enum Effect {
    /// Load a page of entries; `append` adds it below what is loaded (the filter's
    /// `before` says where the page starts).
    LoadList {
        target: ListTarget,
        filter: EntryFilter,
        append: bool,
    },
    LoadEntry(EntryId),
    Search {
        seq: u64,
        text: String,
        filter: EntryFilter,
    },
    Save {
        draft_id: Option<i64>,
        entry_id: Option<EntryId>,
        content: Box<EntryContent>,
    },
    SaveDraft {
        draft_id: Option<i64>,
        entry_id: Option<EntryId>,
        payload: String,
    },
    DiscardDraft(i64),
    LoadDrafts,
    SetFlag {
        id: EntryId,
        flag: Flag,
        on: bool,
    },
    Trash(EntryId),
    Restore(EntryId),
    Purge(EntryId),
    /// Suspend the interface and edit `text` in $VISUAL/$EDITOR.
    ExternalEditor {
        text: String,
    },
}

/// Results of effects.
#[derive(Clone, Debug, PartialEq)]
pub enum Msg {
    List {
        target: ListTarget,
        entries: Vec<EntrySummary>,
        append: bool,
        page: usize,
    },
    Entry(Box<Entry>),
    SearchResults {
        seq: u64,
        hits: Vec<SearchHit>,
    },
    Saved {
        id: EntryId,
        new: bool,
    },
    DraftSaved {
        draft_id: i64,
    },
    Drafts(Vec<Draft>),
    Changed {
        id: EntryId,
        what: &'static str,
    },
    Purged(EntryId),
    ExternalEdited(String),
    Error(String),
}

/// How many entries one page of a list loads.
pub const PAGE: usize = 200;
