//! The only TUI code that calls the store: performs an [`Effect`] and answers with [`Msg`]s.

use crate::clock::Clock;
use crate::storage::Store;

use super::msg::{Effect, ListTarget, Msg, PAGE};

/// Perform `effect`. Errors become [`Msg::Error`] with the store's readable message.
/// [`Effect::ExternalEditor`] needs the terminal and is handled by the event loop instead.
pub fn perform(store: &mut Store, clock: &Clock, effect: Effect) -> Vec<Msg> {
    match run(store, clock, effect) {
        Ok(msgs) => msgs,
        Err(e) => vec![Msg::Error(e.to_string())],
    }
}

fn run(store: &mut Store, clock: &Clock, effect: Effect) -> crate::Result<Vec<Msg>> {
    Ok(match effect {
        Effect::LoadList {
            target,
            mut filter,
            append,
        } => {
            filter.trashed = target == ListTarget::Trash;
            let entries = store.list(&filter, PAGE)?;
            vec![Msg::List {
                target,
                entries,
                append,
                page: PAGE,
            }]
        }
        Effect::LoadEntry(id) => vec![Msg::Entry(Box::new(store.get(id)?))],
        Effect::Search { seq, text, filter } => vec![Msg::SearchResults {
            seq,
            hits: store.find(&text, true, &filter, PAGE)?,
        }],
        Effect::Save {
            draft_id,
            entry_id,
            content,
        } => {
            let now = clock.now();
            let (id, new) = match entry_id {
                Some(id) => {
                    store.update_entry(id, &content, now)?;
                    (id, false)
                }
                None => (
                    store.add_entry(&content, now, clock.offset_at(now), now)?,
                    true,
                ),
            };
            if let Some(d) = draft_id {
                store.discard_draft(d)?;
            }
            vec![Msg::Saved { id, new }]
        }
        Effect::SaveDraft {
            draft_id,
            entry_id,
            payload,
        } => {
            let draft_id = store.save_draft(draft_id, entry_id, &payload, clock.now())?;
            vec![Msg::DraftSaved { draft_id }]
        }
        Effect::DiscardDraft(id) => {
            store.discard_draft(id)?;
            vec![]
        }
        Effect::LoadDrafts => vec![Msg::Drafts(store.drafts()?)],
        Effect::SetFlag { id, flag, on } => {
            store.set_flag(id, flag, on, clock.now())?;
            vec![Msg::Changed {
                id,
                what: "updated",
            }]
        }
        Effect::Trash(id) => {
            store.trash(id, clock.now())?;
            vec![Msg::Changed {
                id,
                what: "moved to the trash",
            }]
        }
        Effect::Restore(id) => {
            store.restore(id)?;
            vec![Msg::Changed {
                id,
                what: "restored",
            }]
        }
        Effect::Purge(id) => {
            store.purge(id)?;
            vec![Msg::Purged(id)]
        }
        Effect::ExternalEditor { .. } => vec![],
    })
}
