//! The only TUI code that calls the store: performs one [`Effect`] and answers with [`Msg`]s.
//! Failures become [`Msg::Failed`] addressed to the form that asked, with the store's message;
//! a closing or final draft the journal cannot take is kept in a rescue file instead.

use crate::clock::Clock;
use crate::storage::Store;

use super::msg::{Change, DraftMode, Effect, ListId, Msg, PAGE, Place};
use super::runtime::Runtime;

/// Perform `effect` (all but [`Effect::ExternalEditor`], which needs the terminal). Text that
/// must not be lost and that the journal refuses goes to a new file in the rescue folder.
pub fn perform(rt: &mut Runtime, effect: Effect) -> Vec<Msg> {
    let form = match &effect {
        Effect::Save { form, .. }
        | Effect::SaveDraft { form, .. }
        | Effect::ExternalEditor { form, .. } => Some(*form),
        _ => None,
    };
    let keep = match &effect {
        Effect::SaveDraft {
            form, draft, mode, ..
        } if mode.must_be_kept() => Some((*form, draft.to_text())),
        _ => None,
    };
    let saving_over = match &effect {
        Effect::Save { form, request } => match request.target {
            crate::journal::Target::Existing { id, .. } => Some((*form, id)),
            crate::journal::Target::New { .. } => None,
        },
        _ => None,
    };
    match run(rt, effect) {
        Ok(msgs) => msgs,
        Err(e) => {
            // Saved over a change made elsewhere (or an entry deleted for good meanwhile):
            // nothing was written; the form decides.
            if let Some(conflict) = conflict_of(rt, &e, saving_over) {
                return vec![conflict];
            }
            let failed = Msg::Failed {
                form,
                message: e.to_string(),
            };
            let Some((form, text)) = keep else {
                return vec![failed];
            };
            let kept = match rt.rescue_dir.as_deref() {
                Some(dir) => crate::rescue::keep(dir, rt.clock.now(), &text, rt.store.key()),
                None => Err(std::io::Error::other("the journal is in memory")),
            };
            match kept {
                Ok(path) => vec![Msg::Rescued {
                    form,
                    path,
                    reason: e.to_string(),
                }],
                Err(why) => vec![
                    failed,
                    Msg::NotKept {
                        reason: format!("{e}; and no rescue file could be written ({why})"),
                    },
                ],
            }
        }
    }
}

/// The conflict a failed save to an existing entry is: changed elsewhere since the form
/// opened (its revision and date now), or deleted for good meanwhile.
fn conflict_of(
    rt: &Runtime,
    e: &crate::Error,
    saving_over: Option<(super::msg::FormId, crate::domain::EntryId)>,
) -> Option<Msg> {
    let (form, id) = saving_over?;
    match e {
        crate::Error::Changed { .. } => {
            let now = rt.store.get(id).ok()?;
            let created = now.meta.created;
            Some(Msg::SaveConflict {
                form,
                id,
                revision: now.meta.revision,
                written: Some(crate::journal::Moment {
                    at: created.with_timezone(&chrono::Utc),
                    offset: created.offset().local_minus_utc(),
                }),
            })
        }
        crate::Error::NotFound { what: "entry", .. } if rt.store.get(id).is_err() => {
            Some(Msg::SaveConflict {
                form,
                id,
                revision: crate::domain::Revision::default(),
                written: None,
            })
        }
        _ => None,
    }
}

/// The supervision screen's effects: the agenda, the pack, actions and the queue.
fn supervision(store: &mut Store, clock: &Clock, effect: Effect) -> crate::Result<Vec<Msg>> {
    Ok(match effect {
        Effect::LoadAgenda => vec![agenda(store, clock)?],
        Effect::LoadPack(request) => {
            vec![Msg::Pack(crate::journal::pack::pack(
                store, clock, &request,
            )?)]
        }
        Effect::ChangeAction { id, change } => vec![Msg::ActionChanged(Box::new(
            store.change_action(id, &change, clock.now())?,
        ))],
        Effect::QueueAgenda { text, function } => {
            store.queue_agenda(&text, function, clock.now())?;
            vec![agenda(store, clock)?]
        }
        Effect::Unqueue(id) => {
            store.unqueue(id)?;
            vec![agenda(store, clock)?]
        }
        _ => Vec::new(),
    })
}

/// The trends of `range` ending now (and the signals, when asked for).
fn load_trends(
    store: &Store,
    clock: &Clock,
    range: crate::analytics::Range,
    signals: Option<crate::analytics::signals::Off>,
    vocab: &crate::domain::Vocabulary,
) -> crate::Result<super::msg::TrendsLoaded> {
    let to = clock.local(clock.now()).date_naive();
    let from = crate::review::range_start(store, range, to)?;
    Ok(super::msg::TrendsLoaded {
        range,
        from,
        to,
        trends: crate::review::trends(store, (from, to), vocab)?,
        signals: signals
            .map(|off| crate::review::signals(store, clock, vocab, off))
            .transpose()?,
    })
}

fn agenda(store: &Store, clock: &Clock) -> crate::Result<Msg> {
    Ok(Msg::Agenda(Box::new(crate::review::next_agenda(
        store, clock,
    )?)))
}

fn run(rt: &mut Runtime, effect: Effect) -> crate::Result<Vec<Msg>> {
    let (holder, alive) = (rt.holder, rt.alive);
    let clock = &rt.clock;
    let store = &mut rt.store;
    let editing_dir = rt.editing_dir.clone();
    let backups = rt.backups.clone();
    Ok(match effect {
        Effect::LoadPage {
            list,
            filter,
            place,
        } => vec![load_page(store, list, filter, place)?],
        Effect::LoadReview(kind) => vec![Msg::Review(Box::new(crate::review::gather(
            store, kind, clock,
        )?))],
        Effect::LoadTrends {
            range,
            signals,
            vocab,
        } => vec![Msg::Trends(Box::new(load_trends(
            store, clock, range, signals, &vocab,
        )?))],
        e @ (Effect::LoadAgenda
        | Effect::LoadPack(_)
        | Effect::ChangeAction { .. }
        | Effect::QueueAgenda { .. }
        | Effect::Unqueue(_)) => supervision(store, clock, e)?,
        Effect::LoadEntry { id, then } => vec![Msg::Entry {
            entry: Box::new(store.get(id)?),
            then,
        }],
        Effect::Search {
            seq,
            text,
            filter,
            limit,
        } => vec![Msg::SearchResults {
            seq,
            hits: store.find(&text, true, &filter, limit)?,
        }],
        e @ (Effect::Save { .. } | Effect::FixIdentifier { .. }) => saving(store, clock, e)?,
        Effect::Export {
            format,
            path,
            leave,
        } => vec![export(store, clock, format, &path, leave)?],
        e @ (Effect::SaveDraft { .. }
        | Effect::DiscardDraft(_)
        | Effect::LoadDrafts
        | Effect::ForgetFile(_)
        | Effect::ClaimDraft(_)) => drafts(store, clock, (holder, alive), editing_dir, e)?,
        Effect::Change { id, change } => {
            vec![make_change(store, clock, backups.as_ref(), id, change)?]
        }
        e @ (Effect::LoadCpd { .. } | Effect::RecordCpd { .. } | Effect::RemoveCpd(_)) => {
            vec![cpd(store, clock, e)?]
        }
        Effect::ExternalEditor { .. } => vec![],
    })
}

/// Drafts: written while typing pauses, discarded, offered at the start (with editor files
/// left by a killed debrief adopted first), claimed; an editor's file forgotten.
fn drafts(
    store: &mut Store,
    clock: &Clock,
    (holder, alive): (u32, fn(u32) -> bool),
    editing_dir: Option<std::path::PathBuf>,
    effect: Effect,
) -> crate::Result<Vec<Msg>> {
    Ok(match effect {
        Effect::SaveDraft {
            form,
            draft_id,
            draft,
            mode,
        } => {
            let hold = (mode == DraftMode::Pause).then_some(holder);
            let draft_id = store.save_draft(draft_id, &draft, hold, clock.now())?;
            vec![Msg::DraftSaved {
                form,
                draft_id,
                mode,
            }]
        }
        Effect::DiscardDraft(id) => {
            store.discard_draft(id)?;
            vec![]
        }
        Effect::LoadDrafts => {
            if let Some(dir) = &editing_dir {
                adopt_leftovers(store, clock, dir, alive)?;
            }
            vec![Msg::Drafts(store.free_drafts(holder, alive)?)]
        }
        Effect::ForgetFile(path) => {
            let _ = std::fs::remove_file(path);
            vec![]
        }
        Effect::ClaimDraft(id) => vec![Msg::DraftClaimed {
            id,
            ok: store.claim_draft(id, holder, alive)?,
        }],
        _ => Vec::new(),
    })
}

/// Export every entry, the trash included, in one read transaction; refused while
/// high-severity identifiers would leave, unless `leave` says otherwise.
fn export(
    store: &Store,
    clock: &Clock,
    format: crate::transfer::export::Format,
    path: &std::path::Path,
    leave: crate::transfer::export::Leave,
) -> crate::Result<Msg> {
    use crate::transfer::export::{Outcome, export_to};
    store.reading(|store| {
        let ids = store.ids(None)?;
        Ok(
            match export_to(
                store,
                clock,
                &ids,
                crate::transfer::export::Destination {
                    format,
                    path,
                    leave,
                    whole_journal: true,
                },
                &|_| {},
            )? {
                Outcome::Written(w) => Msg::Exported(w),
                Outcome::Refused(found) => {
                    let high = crate::journal::guard::HighFound::of(&found);
                    Msg::ExportRefused {
                        high: high.as_ref().map_or(0, |h| h.count),
                        named: high.map(|h| h.first).unwrap_or_default(),
                    }
                }
            },
        )
    })
}

/// Saving an entry (a form's, or the guard's fix), as the journal layer saves it, and what
/// the guard finds in it after.
fn saving(store: &mut Store, clock: &Clock, effect: Effect) -> crate::Result<Vec<Msg>> {
    match effect {
        Effect::Save { form, request } => {
            let saved = crate::journal::save::save(store, clock, *request)?;
            let id = saved.id;
            let mut msgs = vec![Msg::Saved {
                form,
                summary: Box::new(saved.summary),
                new: saved.new,
            }];
            if !saved.identifiers.is_empty() {
                msgs.push(Msg::Identifiers {
                    id,
                    found: saved.identifiers,
                });
            }
            Ok(msgs)
        }
        Effect::FixIdentifier(fix) => {
            let found = crate::journal::guard::apply(store, clock.now(), &fix)?;
            Ok(vec![
                Msg::Saved {
                    form: super::msg::FormId::NONE,
                    summary: Box::new(store.summary(fix.id)?),
                    new: false,
                },
                Msg::Identifiers { id: fix.id, found },
            ])
        }
        _ => Ok(Vec::new()),
    }
}

/// Text left in an editor by a debrief that was killed becomes a draft, and its file goes.
fn adopt_leftovers(
    store: &mut Store,
    clock: &Clock,
    dir: &std::path::Path,
    alive: fn(u32) -> bool,
) -> crate::Result<()> {
    for (file, text) in crate::external_editor::leftovers(dir, alive) {
        let draft = crate::domain::Draft {
            body: text,
            ..crate::domain::Draft::new(crate::domain::Kind::Reflection, None)
        };
        store.save_draft(None, &draft, None, clock.now())?;
        let _ = std::fs::remove_file(file);
    }
    Ok(())
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

/// Change entry `id` as the journal layer changes entries; before deleting it for good
/// with a copy, the copy goes to `backups` (the folder, and how many automatic backups to
/// keep), and a copy that fails deletes nothing.
fn make_change(
    store: &mut Store,
    clock: &Clock,
    backups: Option<&(std::path::PathBuf, usize)>,
    id: crate::domain::EntryId,
    change: Change,
) -> crate::Result<Msg> {
    let copies = backups.map(|(dir, keep)| crate::journal::entries::Copies { dir, keep: *keep });
    let done =
        crate::journal::entries::change(store, clock, id, change, copies).map_err(
            |e| match change {
                Change::Purge { copy: true } => {
                    e.with_note("press x in the dialog to delete without a copy")
                }
                _ => e,
            },
        )?;
    Ok(Msg::Changed {
        id,
        change,
        summary: done.summary.map(Box::new),
    })
}

/// The CPD screen's effects, as the journal layer does them.
fn cpd(store: &mut Store, clock: &Clock, effect: Effect) -> crate::Result<Msg> {
    use crate::journal::cpd;
    Ok(match effect {
        Effect::LoadCpd { requirement, year } => Msg::Cpd(Box::new(cpd::year_status(
            store,
            clock,
            &requirement,
            year,
        )?)),
        Effect::RecordCpd { id, peer } => Msg::CpdChanged {
            id,
            made: Some(Box::new(cpd::record(store, clock, id, peer.as_deref())?)),
        },
        Effect::RemoveCpd(id) => {
            cpd::remove(store, id)?;
            Msg::CpdChanged { id, made: None }
        }
        _ => Msg::JournalChanged,
    })
}
