//! The only TUI code that calls the store: performs one [`Effect`] and answers with [`Msg`]s.
//! Failures become [`Msg::Failed`] addressed to the form that asked, with the store's message.

use crate::clock::Clock;
use crate::storage::{SaveTarget, Store};

use super::msg::{Change, Effect, ListId, Msg, PAGE, Place};

/// Perform `effect` (all but [`Effect::ExternalEditor`], which needs the terminal).
pub fn perform(store: &mut Store, clock: &Clock, effect: Effect) -> Vec<Msg> {
    let form = match &effect {
        Effect::Save { form, .. }
        | Effect::SaveDraft { form, .. }
        | Effect::ExternalEditor { form, .. } => Some(*form),
        _ => None,
    };
    match run(store, clock, effect) {
        Ok(msgs) => msgs,
        Err(e) => vec![Msg::Failed {
            form,
            message: e.to_string(),
        }],
    }
}

fn run(store: &mut Store, clock: &Clock, effect: Effect) -> crate::Result<Vec<Msg>> {
    Ok(match effect {
        Effect::LoadPage {
            list,
            filter,
            place,
        } => vec![load_page(store, list, filter, place)?],
        Effect::LoadEntry { id, then } => vec![Msg::Entry {
            entry: Box::new(store.get(id)?),
            then,
        }],
        Effect::Search { seq, text, filter } => vec![Msg::SearchResults {
            seq,
            hits: store.find(&text, true, &filter, PAGE)?,
        }],
        Effect::Save {
            form,
            entry_id,
            content,
            draft_id,
        } => {
            let now = clock.now();
            let target = match entry_id {
                Some(id) => SaveTarget::Existing(id),
                None => SaveTarget::New {
                    created: now,
                    utc_offset_s: clock.offset_at(now),
                },
            };
            let id = store.save(target, &content, draft_id, now)?;
            vec![Msg::Saved {
                form,
                summary: Box::new(store.summary(id)?),
                new: entry_id.is_none(),
            }]
        }
        Effect::SaveDraft {
            form,
            draft_id,
            draft,
            then_close,
        } => {
            let draft_id = store.save_draft(draft_id, &draft, clock.now())?;
            vec![Msg::DraftSaved {
                form,
                draft_id,
                then_close,
            }]
        }
        Effect::DiscardDraft(id) => {
            store.discard_draft(id)?;
            vec![]
        }
        Effect::LoadDrafts => vec![Msg::Drafts(store.drafts()?)],
        Effect::Change { id, change } => vec![make_change(store, clock, id, change)?],
        Effect::ExternalEditor { .. } => vec![],
    })
}

fn load_page(
    store: &Store,
    list: ListId,
    mut filter: crate::domain::EntryFilter,
    place: Place,
) -> crate::Result<Msg> {
    filter.trashed = list == ListId::Trash;
    let entries = match place {
        Place::Newest | Place::Older => store.list(&filter, PAGE)?,
        Place::Newer | Place::Oldest => {
            let mut page = store.list_oldest(&filter, PAGE)?;
            page.reverse();
            page
        }
    };
    Ok(Msg::Page {
        list,
        entries,
        place,
    })
}

fn make_change(
    store: &mut Store,
    clock: &Clock,
    id: crate::domain::EntryId,
    change: Change,
) -> crate::Result<Msg> {
    let now = clock.now();
    match change {
        Change::Flag(flag, on) => store.set_flag(id, flag, on, now)?,
        Change::Trash => store.trash(id, now)?,
        Change::Restore => store.restore(id)?,
        Change::Purge => store.purge(id)?,
    }
    let summary = match change {
        Change::Purge => None,
        _ => Some(Box::new(store.summary(id)?)),
    };
    Ok(Msg::Changed {
        id,
        change,
        summary,
    })
}
