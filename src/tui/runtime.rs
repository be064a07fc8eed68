//! The one place effects are performed, for the event loop, the tests and the benchmarks
//! alike: [`Runtime::drain`] performs each effect on the store, hands the messages to the
//! app, and goes on with whatever they ask for, in order, until nothing is left.

use std::collections::VecDeque;
use std::path::{Path, PathBuf};

use crate::external_editor::EditedText;
use std::time::Instant;

use crate::clock::Clock;
use crate::storage::Store;

use super::app::App;
use super::effects::perform;
use super::msg::{Effect, Msg, Request};
use ratatui::crossterm::event::Event;

/// What only the terminal can do for the runtime.
pub trait Host {
    /// Suspend the interface and let the user edit `text` in `$VISUAL`/`$EDITOR`.
    fn edit_externally(&mut self, text: &str) -> crate::Result<EditedText>;
}

/// A host without a terminal (tests, benchmarks): the external editor is not available.
pub struct Headless;

impl Host for Headless {
    fn edit_externally(&mut self, _text: &str) -> crate::Result<EditedText> {
        Err(crate::Error::Editor(
            "no terminal here for an external editor".into(),
        ))
    }
}

/// The store and clock effects are performed with, and where text the journal cannot take
/// is kept.
pub struct Runtime {
    pub store: Store,
    pub clock: Clock,
    pub rescue_dir: Option<PathBuf>,
    /// Where editor files are; ones left by a debrief that was killed become drafts.
    pub editing_dir: Option<PathBuf>,
    /// This process, as the holder of the drafts it has open.
    pub holder: u32,
    /// Whether a process holding a draft is still running.
    pub alive: fn(u32) -> bool,
    /// The backups folder and how many automatic backups to keep, for the copy made before
    /// deleting for good (`None`: no copies, as for an in-memory journal).
    pub backups: Option<(PathBuf, usize)>,
    /// The journal's data version when last looked at, and when that was.
    seen: Option<(i64, Instant)>,
}

/// How often an open interface asks whether another debrief changed the journal.
const LOOK_EVERY: std::time::Duration = std::time::Duration::from_secs(1);

impl Runtime {
    /// A runtime for the journal file at `journal`, whose rescue and editor files go beside
    /// it (`None`: an in-memory journal; drafts it refuses are reported, not kept).
    pub fn new(store: Store, clock: Clock, journal: Option<&Path>) -> Runtime {
        Runtime {
            store,
            clock,
            rescue_dir: journal.map(crate::paths::journal_dir),
            editing_dir: journal.map(crate::external_editor::editing_dir),
            holder: std::process::id(),
            alive: crate::platform::process_alive,
            backups: None,
            seen: None,
        }
    }

    /// Perform `effects` and everything the resulting messages ask for, in order.
    pub fn drain(
        &mut self,
        app: &mut App,
        requests: Vec<Request>,
        host: &mut dyn Host,
        now: Instant,
    ) {
        let mut queue: VecDeque<Request> = requests.into();
        while let Some(Request { asker, effect }) = queue.pop_front() {
            let msgs = match effect {
                Effect::ExternalEditor { form, text } => vec![match host.edit_externally(&text) {
                    Ok(edited) => Msg::ExternalEdited {
                        form,
                        text: edited.text,
                        file: edited.file,
                    },
                    Err(e) => Msg::Failed {
                        form: Some(form),
                        message: e.to_string(),
                    },
                }],
                other => perform(self, other),
            };
            for m in msgs {
                queue.extend(app.on_msg(m, Some(asker), now));
            }
        }
    }

    /// One turn of the event loop: handle a batch of terminal events (searching only for the
    /// last text typed), perform what they asked for, and only then write drafts that fell
    /// due, so a save that just closed a form leaves no draft behind.
    pub fn step(
        &mut self,
        app: &mut App,
        events: impl IntoIterator<Item = Event>,
        host: &mut dyn Host,
        now: Instant,
    ) {
        let mut effects = Vec::new();
        for event in events {
            effects.extend(app.on_event(event, now));
            if app.quit {
                break;
            }
        }
        keep_last_search(&mut effects);
        self.drain(app, effects, host, now);
        let due = app.tick(now);
        self.drain(app, due, host, now);
        self.notice_changes(app, host, now);
    }

    /// Tell the app when another debrief has changed the journal since the last look.
    fn notice_changes(&mut self, app: &mut App, host: &mut dyn Host, now: Instant) {
        if self
            .seen
            .is_some_and(|(_, at)| now.duration_since(at) < LOOK_EVERY)
        {
            return;
        }
        let Ok(version) = self.store.data_version() else {
            return;
        };
        let changed = self.seen.is_some_and(|(v, _)| v != version);
        self.seen = Some((version, now));
        if changed {
            let effects = app.on_msg(Msg::JournalChanged, None, now);
            self.drain(app, effects, host, now);
        }
    }

    /// Start `app`: its first effects, performed.
    pub fn start(&mut self, app: &mut App, host: &mut dyn Host, now: Instant) {
        let effects = app.start();
        self.drain(app, effects, host, now);
    }
}

/// Drop every search but the newest: while typing fast only the final text matters.
fn keep_last_search(effects: &mut Vec<Request>) {
    let is_search = |r: &Request| matches!(r.effect, Effect::Search { .. });
    let last = effects.iter().rposition(is_search);
    if let Some(last) = last {
        let mut i = 0;
        effects.retain(|e| {
            let keep = !is_search(e) || i == last;
            i += 1;
            keep
        });
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::{EntryFilter, EntryId};
    use crate::tui::msg::{Asker, Open};

    fn asked(effect: Effect) -> Request {
        Request {
            asker: Asker(1),
            effect,
        }
    }

    fn search(seq: u64) -> Request {
        asked(Effect::Search {
            seq,
            text: format!("q{seq}"),
            filter: EntryFilter::default(),
            limit: 10,
        })
    }

    #[test]
    fn only_the_newest_search_is_kept() {
        let load = asked(Effect::LoadEntry {
            id: EntryId(4),
            then: Open::Read,
        });
        let mut q = vec![search(1), load.clone(), search(2), search(3)];
        keep_last_search(&mut q);
        assert_eq!(q, vec![load, search(3)]);
        let mut none = vec![asked(Effect::LoadDrafts)];
        keep_last_search(&mut none);
        assert_eq!(none.len(), 1);
    }
}
