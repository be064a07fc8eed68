//! What screens ask for ([`Effect`]) and what comes back ([`Msg`]), typed and carrying their
//! correlation (which list, which form, what to do with a loaded entry), never strings.
//! Screens never touch the store; [`super::runtime::Runtime`] performs effects.

use crate::domain::{Draft, Entry, EntryFilter, EntryId, EntrySummary};
use crate::storage::{SearchHit, StoredDraft};

/// How many entries one page of a list loads.
pub const PAGE: usize = 200;

/// Which list a page fills.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ListId {
    Timeline,
    Trash,
}

/// Where a loaded page goes in its list.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Place {
    /// The newest page, replacing what is loaded.
    Newest,
    /// The page older than what is loaded, below it.
    Older,
    /// The page newer than what is loaded, above it.
    Newer,
    /// The oldest page, replacing what is loaded (jumping to the end).
    Oldest,
}

/// What to do with an entry once it is loaded.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Open {
    Read,
    Edit,
    /// Update a reader already showing it.
    Refresh,
}

pub use crate::journal::entries::Change;

/// Why a draft is being written.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum DraftMode {
    /// Typing paused: keep what is there so far.
    Pause,
    /// The form closes once the draft is safely written ("keep as a draft").
    Closing,
    /// debrief is closing (quit, a signal, a terminal that went away).
    Final,
}

impl DraftMode {
    /// A closing or final draft that the journal cannot take goes to a rescue file instead.
    pub fn must_be_kept(self) -> bool {
        self != DraftMode::Pause
    }
}

/// Identifies one open form, so results reach the form that asked.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct FormId(pub u64);

impl FormId {
    /// Changes made without a form (the guard's fixes).
    pub const NONE: FormId = FormId(0);
}

pub use crate::journal::guard::Identifier;

/// Which screen asked for an effect: each screen gets its own when it goes on the stack,
/// never reused, and the effect's result goes back to it (or nowhere, once it has closed).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct Asker(pub u64);

/// An effect, and the screen that asked for it.
#[derive(Clone, Debug, PartialEq)]
pub struct Request {
    pub asker: Asker,
    pub effect: Effect,
}

/// Work for the store (or, for the external editor, the terminal).
#[derive(Clone, Debug, PartialEq)]
pub enum Effect {
    LoadPage {
        list: ListId,
        filter: EntryFilter,
        place: Place,
    },
    LoadEntry {
        id: EntryId,
        then: Open,
    },
    Search {
        seq: u64,
        text: String,
        filter: EntryFilter,
        /// At most this many results, best first.
        limit: usize,
    },
    /// Save an entry as the journal layer saves it (its time, its revision, its draft
    /// forgotten in the same transaction).
    Save {
        form: FormId,
        request: Box<crate::journal::Save>,
    },
    SaveDraft {
        form: FormId,
        draft_id: Option<i64>,
        draft: Box<Draft>,
        mode: DraftMode,
    },
    DiscardDraft(i64),
    /// Drafts nobody holds open, to offer them.
    LoadDrafts,
    /// Take a draft to restore it (refused while another debrief holds it).
    ClaimDraft(i64),
    Change {
        id: EntryId,
        change: Change,
    },
    /// Suspend the interface and edit `text` in $VISUAL/$EDITOR.
    ExternalEditor {
        form: FormId,
        text: String,
    },
    /// The editor's file is no longer needed: its text is safe in the journal.
    ForgetFile(std::path::PathBuf),
    /// Gather a review of the journal.
    LoadReview(crate::review::ReviewKind),
    /// What to bring to the next supervision session.
    LoadAgenda,
    /// The prep pack, as Markdown (regions named in the vocabulary given).
    LoadPack(Box<crate::journal::pack::PackRequest>),
    /// Mark an action done, dropped or open again.
    ChangeAction {
        id: crate::domain::ItemId,
        change: crate::domain::sessions::ActionChange,
    },
    /// Put an item on the next agenda; the agenda is loaded again after.
    QueueAgenda {
        text: String,
        function: Option<crate::domain::Function>,
    },
    /// Take a queued item off the next agenda; the agenda is loaded again after.
    Unqueue(i64),
    /// Write a replacement over one identifier the guard found (refused if the entry changed
    /// since; with a list name, the name goes on the list too); the entry is checked again.
    FixIdentifier(Box<crate::journal::guard::Fix>),
    /// Export every entry (the trash included) to a new file at `path` (for Markdown, a
    /// path ending in `/` is a folder with a file an entry).
    Export {
        format: crate::transfer::export::Format,
        path: std::path::PathBuf,
        leave: crate::transfer::export::Leave,
    },
    /// A registration year's CPD status (the current one when `year` is `None`).
    LoadCpd {
        requirement: Box<crate::domain::cpd::Requirement>,
        year: Option<crate::domain::cpd::RegistrationYear>,
    },
    /// Make entry `id` a CPD record (with a peer reflection kept with it, when given).
    RecordCpd {
        id: EntryId,
        peer: Option<String>,
    },
    /// Entry `id` no longer a CPD record (the entry stays).
    RemoveCpd(EntryId),
    /// The trends of a range ending now, and the signals when they are wanted.
    LoadTrends {
        range: crate::analytics::Range,
        /// The signals switched off, or `None` when signals are not wanted at all.
        signals: Option<crate::analytics::signals::Off>,
        vocab: Box<crate::domain::Vocabulary>,
    },
}

/// The trends of a range, as the Trends screen shows them.
#[derive(Clone, Debug, PartialEq)]
pub struct TrendsLoaded {
    pub range: crate::analytics::Range,
    /// The first and last local days of the range.
    pub from: chrono::NaiveDate,
    pub to: chrono::NaiveDate,
    pub trends: crate::analytics::Trends,
    /// `None` when signals are switched off.
    pub signals: Option<Vec<crate::analytics::Signal>>,
}

impl Msg {
    /// News of the journal that every screen may act on (a list updates the row in place),
    /// besides the screen that asked: an entry saved or changed, or changed by another
    /// debrief. Every other result goes to the screen that asked alone.
    pub fn is_news(&self) -> bool {
        matches!(
            self,
            Msg::Saved { .. } | Msg::Changed { .. } | Msg::JournalChanged | Msg::CpdChanged { .. }
        )
    }
}

/// Results of effects.
#[derive(Clone, Debug, PartialEq)]
pub enum Msg {
    Page {
        list: ListId,
        entries: Vec<EntrySummary>,
        place: Place,
    },
    Entry {
        entry: Box<Entry>,
        then: Open,
    },
    SearchResults {
        seq: u64,
        hits: Vec<SearchHit>,
    },
    Saved {
        form: FormId,
        summary: Box<EntrySummary>,
        new: bool,
    },
    DraftSaved {
        form: FormId,
        draft_id: i64,
        mode: DraftMode,
    },
    /// A closing or final draft the journal could not take, and that no rescue file could
    /// keep either (follows the form's [`Msg::Failed`]): said when debrief closes, which then
    /// ends in failure.
    NotKept {
        reason: String,
    },
    /// A closing or final draft the journal could not take was kept in a rescue file.
    Rescued {
        form: FormId,
        path: std::path::PathBuf,
        reason: String,
    },
    Drafts(Vec<StoredDraft>),
    DraftClaimed {
        id: i64,
        ok: bool,
    },
    /// An entry changed; its new summary, or `None` once purged.
    Changed {
        id: EntryId,
        change: Change,
        summary: Option<Box<EntrySummary>>,
    },
    ExternalEdited {
        form: FormId,
        text: String,
        /// The editor's file, kept until the text is in a draft.
        file: std::path::PathBuf,
    },
    /// Another debrief changed the journal (an entry added or purged from the CLI).
    JournalChanged,
    /// A review, gathered.
    Review(Box<crate::review::Review>),
    /// The next agenda, gathered.
    Agenda(Box<crate::review::prep::NextAgenda>),
    /// The prep pack, as Markdown.
    Pack(String),
    /// An action, as it is now.
    ActionChanged(Box<crate::domain::sessions::SessionAction>),
    /// Trends, gathered.
    Trends(Box<TrendsLoaded>),
    /// An export was written.
    Exported(crate::transfer::export::Written),
    /// An export was not written: high-severity identifiers, the first few named.
    ExportRefused {
        high: usize,
        named: Vec<String>,
    },
    /// What the guard found in an entry just saved or fixed (nothing: all fixed).
    Identifiers {
        id: EntryId,
        found: Vec<Identifier>,
    },
    /// A registration year's CPD status.
    Cpd(Box<crate::journal::cpd::YearStatus>),
    /// Entry `id` was made a CPD record (`made`), or is no longer one (`None`).
    CpdChanged {
        id: EntryId,
        made: Option<Box<crate::journal::cpd::Made>>,
    },
    /// A form's save found its entry changed elsewhere since the form opened: nothing was
    /// written; `revision` is the entry's revision now.
    SaveConflict {
        form: FormId,
        id: EntryId,
        revision: crate::domain::Revision,
        /// When the entry is dated (a copy saved as a new entry keeps it); `None` when the
        /// entry was deleted for good meanwhile (then only a new entry can take the text).
        written: Option<crate::journal::Moment>,
    },
    /// An effect failed; `form` is the form that asked, if one did.
    Failed {
        form: Option<FormId>,
        message: String,
    },
}
