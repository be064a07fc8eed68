//! The only TUI code that calls the store: performs one [`Effect`] and answers with [`Msg`]s.
//! Failures become [`Msg::Failed`] addressed to the form that asked, with the store's message;
//! a closing or final draft the journal cannot take is kept in a rescue file instead.

use crate::clock::Clock;
use crate::storage::{SaveTarget, Store};

use super::msg::{Change, DraftMode, Effect, Identifier, ListId, Msg, PAGE, Place};
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
    match run(rt, effect) {
        Ok(msgs) => msgs,
        Err(e) => {
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

/// The supervision screen's effects: the agenda, the pack, actions and the queue.
fn supervision(store: &mut Store, clock: &Clock, effect: Effect) -> crate::Result<Vec<Msg>> {
    Ok(match effect {
        Effect::LoadAgenda => vec![agenda(store, clock)?],
        Effect::LoadPack(vocab) => {
            let pack = crate::review::prep(store, clock, None, false, true, &vocab)?;
            vec![Msg::Pack(crate::present::supervision::pack_markdown(
                &pack, clock,
            ))]
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
    signals: bool,
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
            .then(|| crate::review::signals(store, clock, vocab))
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
        Effect::Change { id, change } => {
            vec![make_change(store, clock, backups.as_ref(), id, change)?]
        }
        Effect::ExternalEditor { .. } => vec![],
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
                    let high: Vec<_> = found
                        .iter()
                        .filter(|f| f.severity == crate::privacy::Severity::High)
                        .collect();
                    Msg::ExportRefused {
                        high: high.len(),
                        named: high.iter().take(3).map(|f| f.place()).collect(),
                    }
                }
            },
        )
    })
}

/// Saving an entry (a form's, or the guard's fix), and checking it after.
fn saving(store: &mut Store, clock: &Clock, effect: Effect) -> crate::Result<Vec<Msg>> {
    match effect {
        Effect::Save {
            form,
            entry_id,
            content,
            draft_id,
            created,
        } => save(store, clock, form, entry_id, &content, draft_id, created),
        Effect::FixIdentifier {
            id,
            at,
            replacement,
            list_name,
        } => fix_identifier(store, clock, id, &at, &replacement, list_name.as_deref()),
        _ => Ok(Vec::new()),
    }
}

/// Save a form's content: a new entry (at `created`, else now) or an existing one; then what
/// the guard finds in it, if anything.
fn save(
    store: &mut Store,
    clock: &Clock,
    form: super::msg::FormId,
    entry_id: Option<crate::domain::EntryId>,
    content: &crate::domain::EntryContent,
    draft_id: Option<i64>,
    created: Option<(chrono::DateTime<chrono::Utc>, i32)>,
) -> crate::Result<Vec<Msg>> {
    let now = clock.now();
    let target = match entry_id {
        Some(id) => SaveTarget::Existing { id, created },
        None => {
            let (created, utc_offset_s) = created.unwrap_or_else(|| (now, clock.offset_at(now)));
            SaveTarget::New {
                created,
                utc_offset_s,
            }
        }
    };
    let id = store.save(target, content, draft_id, now)?;
    let summary = Box::new(store.summary(id)?);
    let mut msgs = vec![Msg::Saved {
        form,
        summary,
        new: entry_id.is_none(),
    }];
    // The entry is safe: a failure to check it must not look like a failure to save it.
    if let Ok(found) = identifiers(store, id)
        && !found.is_empty()
    {
        msgs.push(Msg::Identifiers { id, found });
    }
    Ok(msgs)
}

/// What the guard finds in entry `id`, field by field.
fn identifiers(store: &Store, id: crate::domain::EntryId) -> crate::Result<Vec<Identifier>> {
    let guard = store.guard()?;
    let mut content = store.get(id)?.content;
    let mut found = Vec::new();
    for (field, (field_name, text)) in content.texts_mut().into_iter().enumerate() {
        found.extend(guard.scan(text).into_iter().map(|hit| Identifier {
            field,
            field_name: field_name.clone(),
            hit,
        }));
    }
    Ok(found)
}

/// Write `replacement` over identifier `at` in entry `id` (only if the text there is still
/// the identifier), put `list_name` on the list when given, and check the entry again.
fn fix_identifier(
    store: &mut Store,
    clock: &Clock,
    id: crate::domain::EntryId,
    at: &Identifier,
    replacement: &str,
    list_name: Option<&str>,
) -> crate::Result<Vec<Msg>> {
    let now = clock.now();
    if let Some(name) = list_name {
        store.add_name(name, replacement, now)?;
    }
    let mut content = store.get(id)?.content;
    {
        let mut texts = content.texts_mut();
        let text = texts
            .get_mut(at.field)
            .map(|(_, t)| t)
            .filter(|t| t.get(at.hit.span.clone()) == Some(at.hit.text.as_str()))
            .ok_or_else(|| {
                crate::Error::Conflict(format!(
                    "entry {id} changed since it was checked; open it to fix the {} by hand",
                    at.hit.kind.label()
                ))
            })?;
        text.replace_range(at.hit.span.clone(), replacement);
    }
    let target = SaveTarget::Existing { id, created: None };
    store.save(target, &content, None, now)?;
    Ok(vec![
        Msg::Saved {
            form: super::msg::FormId::NONE,
            summary: Box::new(store.summary(id)?),
            new: false,
        },
        Msg::Identifiers {
            id,
            found: identifiers(store, id)?,
        },
    ])
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

/// The copy of the journal made before deleting an entry for good; without it, nothing is
/// deleted.
fn before_purge(
    store: &Store,
    clock: &Clock,
    dir: &std::path::Path,
    keep: usize,
) -> crate::Result<()> {
    use crate::storage::backups::{BackupKind, before};
    before(store, dir, BackupKind::BeforePurge, clock.now(), keep)
        .map(|_| ())
        .map_err(|e| {
            crate::Error::Conflict(format!(
                "nothing was deleted: the copy made first failed ({e}); press x in the dialog to delete without one"
            ))
        })
}

/// Change entry `id`; before deleting it for good with a copy, the copy goes to `backups`
/// (the folder, and how many automatic backups to keep).
fn make_change(
    store: &mut Store,
    clock: &Clock,
    backups: Option<&(std::path::PathBuf, usize)>,
    id: crate::domain::EntryId,
    change: Change,
) -> crate::Result<Msg> {
    if let (Change::Purge { copy: true }, Some((dir, keep))) = (change, backups) {
        before_purge(store, clock, dir, *keep)?;
    }
    let now = clock.now();
    match change {
        Change::Flag(flag, on) => store.set_flag(id, flag, on, now)?,
        Change::Trash => store.trash(id, now)?,
        Change::Restore => store.restore(id)?,
        Change::Purge { .. } => store.purge(id)?,
    }
    let summary = match change {
        Change::Purge { .. } => None,
        _ => Some(Box::new(store.summary(id)?)),
    };
    Ok(Msg::Changed {
        id,
        change,
        summary,
    })
}
