//! What every screen that writes an entry shares: its draft written while typing pauses,
//! saving, asking before closing with unsaved changes, and closing only once the text is
//! safe (in the entry, a draft, or a rescue file). The entry form and the check-in use it.

use std::sync::atomic::{AtomicU64, Ordering};
use std::time::{Duration, Instant};

use super::dialogs;
use crate::domain::{Draft, EntryId, Revision};
use crate::journal::{Save, Target};
use crate::tui::msg::{DraftMode, Effect, FormId, Msg, Open};
use crate::tui::screen::{Cmd, ConflictChoice, Ctx, LeaveChoice, Reply};

/// How long typing must pause before the draft is written.
pub const DRAFT_DELAY: Duration = Duration::from_millis(700);

static NEXT_FORM: AtomicU64 = AtomicU64::new(1);

/// A new form id, so results of effects reach the screen that asked.
pub fn next_form_id() -> FormId {
    FormId(NEXT_FORM.fetch_add(1, Ordering::Relaxed))
}

/// What happens once a new entry is saved.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum AfterSave {
    /// Open it in the reader.
    Read,
    /// Go back to where the writer came from.
    Return,
}

/// A writing screen's bookkeeping: which entry and draft, what it held when it opened,
/// whether a draft is due, and whether to quit once closed.
#[derive(Debug)]
pub struct Keeper {
    pub id: FormId,
    pub entry_id: Option<EntryId>,
    pub draft_id: Option<i64>,
    /// What the screen held when it opened: "dirty" compares to it.
    pub original: Draft,
    /// When the first change was made that no draft holds yet.
    pending_since: Option<Instant>,
    /// Quit debrief once this screen has closed.
    then_quit: bool,
    after_save: AfterSave,
    /// The entry's revision when a save last found it changed elsewhere ("save mine over
    /// theirs" saves over that one, and no later one), and when it is dated ("save mine as
    /// a new entry" keeps that date).
    conflict: Option<(Revision, Option<crate::journal::Moment>)>,
}

/// Which entry a save writes to.
#[derive(Clone, Copy)]
enum Over {
    /// The entry as the form opened it (a new one for a new form).
    AsOpened,
    /// The entry at this revision: the writer chose to save over a change made elsewhere.
    Revision(Revision),
    /// A new entry, whatever the form opened.
    New,
}

/// What the keeper asks of its screen after a message.
pub enum Outcome {
    /// Not for this screen.
    Ignored,
    /// Handled: these commands (the screen closes if they say so).
    Cmds(Vec<Cmd>),
}

impl Keeper {
    /// Bookkeeping for a screen opened on `original`; a restored draft (`draft_id`) counts
    /// as unsaved from the start.
    pub fn new(original: Draft, draft_id: Option<i64>, after_save: AfterSave) -> Keeper {
        let mut original = original;
        if draft_id.is_some() {
            original.body.push('\u{0}');
        }
        Keeper {
            id: next_form_id(),
            entry_id: original.entry_id,
            draft_id,
            original,
            pending_since: None,
            then_quit: false,
            after_save,
            conflict: None,
        }
    }

    pub fn is_dirty(&self, now: &Draft) -> bool {
        *now != self.original
    }

    /// Something changed: a draft is due once typing pauses.
    pub fn touched(&mut self, now: Instant) {
        self.pending_since.get_or_insert(now);
    }

    /// A draft is being written now; no pause draft is due.
    pub fn drafted(&mut self) {
        self.pending_since = None;
    }

    pub fn draft_effect(&self, draft: Draft, mode: DraftMode) -> Effect {
        Effect::SaveDraft {
            form: self.id,
            draft_id: self.draft_id,
            draft: Box::new(draft),
            mode,
        }
    }

    /// Save `draft` as the entry: its When field and a supervision note's days read as the
    /// command line reads them, over the revision the editing started from.
    pub fn save(&self, draft: &Draft, ctx: &Ctx) -> Vec<Cmd> {
        self.save_to(draft, ctx, Over::AsOpened)
    }

    fn save_to(&self, draft: &Draft, ctx: &Ctx, over: Over) -> Vec<Cmd> {
        match self.request(draft, ctx, over) {
            Ok(request) => vec![Cmd::Do(Effect::Save {
                form: self.id,
                request: Box::new(request),
            })],
            Err(e) => vec![Cmd::Error(e.to_string())],
        }
    }

    fn request(&self, draft: &Draft, ctx: &Ctx, over: Over) -> crate::Result<Save> {
        let dates = ctx.dates();
        let at = dates.written_at_if_given(&draft.when)?;
        let content = dates.with_session_days(|days| draft.to_content_with(days))?;
        let target = match (self.entry_id, over) {
            (Some(id), Over::AsOpened) => Target::Existing {
                id,
                revision: draft.revision,
                at,
            },
            (Some(id), Over::Revision(revision)) => Target::Existing { id, revision, at },
            // A copy of an entry keeps its date unless another was typed.
            (Some(_), Over::New) => Target::New {
                at: at.or(self.conflict.and_then(|(_, written)| written)),
            },
            (None, _) => Target::New { at },
        };
        Ok(Save {
            target,
            content,
            draft: self.draft_id,
        })
    }

    /// Close the screen (and quit if that was asked for).
    pub fn close(&self, status: Option<String>) -> Vec<Cmd> {
        let mut cmds = vec![Cmd::Pop];
        cmds.extend(status.map(Cmd::Status));
        if self.then_quit {
            cmds.push(Cmd::Quit);
        }
        cmds
    }

    /// Leave (Esc) or quit: ask first when there are unsaved changes.
    pub fn leave(&mut self, now: &Draft, then_quit: bool) -> Vec<Cmd> {
        self.then_quit = then_quit;
        if self.is_dirty(now) {
            vec![dialogs::leave()]
        } else {
            self.close(None)
        }
    }

    /// The answer to "unsaved changes".
    pub fn on_reply(&mut self, reply: Reply, now: &Draft, ctx: &Ctx) -> Vec<Cmd> {
        let choice = match reply {
            Reply::Leave(choice) => choice,
            Reply::Conflict(choice) => return self.on_conflict(choice, now, ctx),
            Reply::Line(_) => return Vec::new(),
        };
        match choice {
            LeaveChoice::Save => self.save(now, ctx),
            LeaveChoice::KeepDraft => {
                vec![Cmd::Do(self.draft_effect(now.clone(), DraftMode::Closing))]
            }
            LeaveChoice::Discard => {
                let mut cmds: Vec<Cmd> = self
                    .draft_id
                    .map(|d| Cmd::Do(Effect::DiscardDraft(d)))
                    .into_iter()
                    .collect();
                cmds.extend(self.close(Some("Changes discarded.".into())));
                cmds
            }
            LeaveChoice::Stay => {
                self.then_quit = false;
                Vec::new()
            }
        }
    }

    /// The answer to "changed elsewhere since you opened it".
    fn on_conflict(&mut self, choice: ConflictChoice, now: &Draft, ctx: &Ctx) -> Vec<Cmd> {
        match (choice, self.entry_id, self.conflict) {
            // Deleted for good meanwhile: only a new entry can take the text.
            (ConflictChoice::KeepMine, _, Some((_, None))) => self.save_to(now, ctx, Over::New),
            (ConflictChoice::ViewTheirs, _, Some((_, None))) => vec![Cmd::Status(
                "It was deleted for good elsewhere: m or n saves yours as a new entry.".into(),
            )],
            (ConflictChoice::KeepMine, _, Some((revision, _))) => {
                self.save_to(now, ctx, Over::Revision(revision))
            }
            (ConflictChoice::SaveAsNew, _, _) => self.save_to(now, ctx, Over::New),
            (ConflictChoice::ViewTheirs, Some(id), _) => vec![Cmd::Do(Effect::LoadEntry {
                id,
                then: Open::Read,
            })],
            _ => Vec::new(),
        }
    }

    /// Results of saving and drafting, for this screen (`now`: what it holds now).
    pub fn on_msg(&mut self, msg: &Msg, now: &Draft) -> Outcome {
        match msg {
            // Nothing was overwritten: the text goes into a draft at once, and the writer
            // chooses what to do.
            Msg::SaveConflict {
                form,
                id,
                revision,
                written,
            } if *form == self.id => {
                self.conflict = Some((*revision, *written));
                self.then_quit = false;
                Outcome::Cmds(vec![
                    Cmd::Do(self.draft_effect(now.clone(), DraftMode::Pause)),
                    dialogs::conflict(*id, written.is_none()),
                ])
            }
            Msg::Saved { form, summary, new } if *form == self.id => {
                let gist = crate::present::summary::gist_line(summary);
                let status = match (*new, gist.is_empty()) {
                    (true, true) => format!("Saved as entry {}.", summary.id),
                    (true, false) => format!("Saved as entry {}: {gist}.", summary.id),
                    // Saved into the trash (trashed meanwhile, and saved over): say so.
                    (false, _) if summary.deleted.is_some() => format!(
                        "Entry {} saved; it is in the trash (r in its reader restores it).",
                        summary.id
                    ),
                    (false, _) => format!("Entry {} saved.", summary.id),
                };
                let mut cmds = self.close(Some(status));
                // A copy saved as a new entry from the conflict dialog is shown, whatever
                // the screen usually does after saving (the reader below is of the old one).
                let copied = self.conflict.is_some();
                if *new && !self.then_quit && (self.after_save == AfterSave::Read || copied) {
                    cmds.push(Cmd::Do(Effect::LoadEntry {
                        id: summary.id,
                        then: Open::Read,
                    }));
                }
                Outcome::Cmds(cmds)
            }
            Msg::DraftSaved {
                form,
                draft_id,
                mode,
            } if *form == self.id => {
                self.draft_id = Some(*draft_id);
                Outcome::Cmds(if *mode == DraftMode::Closing {
                    self.close(Some(
                        "Kept as a draft: it will be offered next time.".into(),
                    ))
                } else {
                    Vec::new()
                })
            }
            // The journal could not take the closing draft; the text is safe in a file.
            Msg::Rescued { form, .. } if *form == self.id => Outcome::Cmds(self.close(None)),
            Msg::Failed { form, .. } if *form == Some(self.id) => {
                // The text stays here; the app shows the message.
                self.then_quit = false;
                Outcome::Cmds(Vec::new())
            }
            _ => Outcome::Ignored,
        }
    }

    /// Is a pause draft due (typing has paused long enough)? Asking takes it.
    pub fn draft_due(&mut self, now: Instant) -> bool {
        match self.pending_since {
            Some(since) if now.duration_since(since) >= DRAFT_DELAY => {
                self.pending_since = None;
                true
            }
            _ => false,
        }
    }

    /// The final draft when debrief closes with unsaved changes.
    pub fn draft_now(&self, now: Draft) -> Option<Effect> {
        self.is_dirty(&now)
            .then(|| self.draft_effect(now, DraftMode::Final))
    }
}

/// A screen that writes an entry: its keeper and its fields as a draft. Gives it the
/// drafts written when typing pauses and when debrief closes.
pub trait Writes {
    fn keeper(&self) -> &Keeper;
    fn keeper_mut(&mut self) -> &mut Keeper;
    /// The screen's fields as a draft.
    fn draft(&self) -> Draft;

    /// The pause draft, once typing has paused long enough (for [`View::tick`]).
    ///
    /// [`View::tick`]: crate::tui::screen::View::tick
    fn pause_draft(&mut self, now: Instant) -> Vec<Cmd> {
        if self.keeper_mut().draft_due(now) {
            vec![Cmd::Do(
                self.keeper().draft_effect(self.draft(), DraftMode::Pause),
            )]
        } else {
            Vec::new()
        }
    }

    /// The final draft when debrief closes with unsaved changes.
    fn final_draft(&self) -> Option<Effect> {
        self.keeper().draft_now(self.draft())
    }
}
