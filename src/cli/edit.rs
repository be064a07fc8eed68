//! `debrief edit`: change an entry's text in the editor (title and tags by flag). A guided
//! reflection opens with its stage headings and answers, and is split back into answers.

use std::io::Write;

use clap::Args;

use super::output::stdout;
use crate::domain::templates;
use crate::domain::{Entry, EntryContent, EntryRef, Tag};
use crate::external_editor::{EditedText, edit_text_in};
use crate::journal::{self, Moment, Save, Target};
use crate::session::Session;
use crate::{Error, Result};

#[derive(Debug, Args)]
pub struct EditArgs {
    /// The entry: its number from `debrief list`, or its UUID.
    #[arg(value_name = "ID")]
    pub id: String,
    /// Set a new title ("" removes it) instead of opening the editor.
    #[arg(long, value_name = "T")]
    pub title: Option<String>,
    /// Add a tag (repeatable) instead of opening the editor.
    #[arg(long = "tag", short = 't', value_name = "TAG")]
    pub tags: Vec<String>,
    /// Correct when it happened (e.g. "yesterday 17:30", 20/11/2026), instead of opening
    /// the editor.
    #[arg(long, value_name = "WHEN", allow_hyphen_values = true)]
    pub at: Option<String>,
    /// Star, flag or mark it (`--star`, `--no-for-supervision`, ...), without the editor.
    #[command(flatten)]
    pub flags: super::flags::FlagArgs,
}

pub fn run(session: &Session, args: EditArgs) -> Result<()> {
    let r: EntryRef = args.id.parse()?;
    let new_tags: Vec<Tag> = args
        .tags
        .iter()
        .map(|t| Tag::parse(t))
        .collect::<Result<_>>()?;
    let dates = session.dates();
    let at = args
        .at
        .as_deref()
        .map(|w| dates.written_at(w))
        .transpose()?;
    let mut store = session.open_store()?;
    let id = store.resolve(&r)?;
    if let Some(Moment {
        at: created,
        offset,
    }) = at
    {
        store.set_created(id, created, offset, session.clock.now())?;
        let mut out = stdout();
        writeln!(
            out,
            "Entry {id} is now dated {}.",
            session.clock.local(created).format("%a %-d %b %Y %H:%M")
        )?;
        if args.title.is_none() && args.tags.is_empty() {
            out.flush()?;
            return Ok(());
        }
    }
    let marks = args.flags.changes();
    if !marks.is_empty() {
        set_flags(session, &mut store, id, &marks)?;
        if args.title.is_none() && args.tags.is_empty() {
            return Ok(());
        }
    }
    let entry = store.get(id)?;
    let by_flags =
        args.title.is_some() || !new_tags.is_empty() || at.is_some() || !marks.is_empty();
    let (content, edited) = match by_flags {
        true => {
            let mut content = entry.content.clone();
            if let Some(t) = args.title {
                content.common.title = Some(t).filter(|t| !t.trim().is_empty());
            }
            content.common.tags.extend(new_tags);
            (content, None)
        }
        false => {
            let (content, e) = in_editor(session, &entry)?;
            (content, Some(e))
        }
    };
    let mut content = content;
    content.absorb_inline_tags();
    if content == entry.content {
        if let Some(e) = edited {
            e.done();
        }
        let mut out = stdout();
        writeln!(out, "No changes to entry {id}.")?;
        out.flush()?;
        return Ok(());
    }
    save_over(session, &mut store, &entry, content, edited)
}

/// Set each flag asked for (to a value, never flipped), as the interface does, and say so.
fn set_flags(
    session: &Session,
    store: &mut crate::storage::Store,
    id: crate::domain::EntryId,
    marks: &[(crate::domain::Flag, bool)],
) -> Result<()> {
    let mut said = Vec::new();
    for &(flag, on) in marks {
        let change = crate::journal::entries::Change::Flag(flag, on);
        crate::journal::entries::change(store, &session.clock, id, change, None)?;
        said.push(super::flags::said(flag, on));
    }
    let mut out = stdout();
    writeln!(out, "Entry {id}: {}.", said.join(", "))?;
    out.flush()?;
    Ok(())
}

/// The entry's text changed in the editor (an empty text is refused: delete is for that).
fn in_editor(session: &Session, entry: &Entry) -> Result<(EntryContent, EditedText)> {
    let mut content = entry.content.clone();
    let e = edit_text_in(&session.editing_dir(), &templates::editor_text(&content))?;
    if e.text.trim().is_empty() {
        e.done();
        let id = entry.meta.id;
        return Err(Error::invalid(
            "text",
            format!(
                "the edited text is empty, so entry {id} was left as it was: use `debrief delete {id}` to remove it"
            ),
        ));
    }
    super::add::note_missing_headings(&templates::apply_editor_text(&mut content, &e.text));
    Ok((content, e))
}

/// Save `content` over `entry` as it was read: a change made meanwhile (another window, a
/// second command) is refused, never overwritten, and text from the editor stays in its
/// file, which the error names.
fn save_over(
    session: &Session,
    store: &mut crate::storage::Store,
    entry: &Entry,
    content: EntryContent,
    edited: Option<EditedText>,
) -> Result<()> {
    let id = entry.meta.id;
    let request = Save {
        target: Target::Existing {
            id,
            revision: entry.meta.revision,
            at: None,
        },
        content,
        draft: None,
    };
    let saved = match (journal::save::save(store, &session.clock, request), edited) {
        (Ok(saved), edited) => {
            if let Some(e) = edited {
                e.done();
            }
            saved
        }
        (Err(e), Some(ed)) => {
            let again = match e {
                Error::Changed { .. } => {
                    format!("; see the entry now with `debrief show {id}` and edit it again")
                }
                _ => String::new(),
            };
            return Err(e.with_note(format!("your text is kept in {}{again}", ed.file.display())));
        }
        (Err(e), None) => return Err(e),
    };
    let trashed = match entry.meta.deleted {
        Some(_) => " (it is still in the trash: debrief restore brings it back)",
        None => "",
    };
    let mut out = stdout();
    writeln!(out, "Updated entry {id}.{trashed}")?;
    super::saved::warn_identifiers(&saved);
    out.flush()?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::{Details, EntryContent, Guided, StageAnswer};

    #[test]
    fn a_guided_reflection_is_edited_with_its_answers_and_split_back() {
        let mut c = EntryContent::text("Intro");
        c.details = Details::Reflection(Guided {
            template: Some("driscoll".into()),
            answers: vec![StageAnswer {
                stage: "what".into(),
                answer: "We met at the door.".into(),
            }],
            review: None,
        });
        let text = templates::editor_text(&c);
        assert!(text.contains("## What?"), "{text}");
        assert!(text.contains("We met at the door."), "{text}");
        let edited = text.replace("## So what?\n", "## So what?\nIt mattered.\n");
        templates::apply_editor_text(&mut c, &edited);
        assert_eq!(c.common.body, "Intro");
        match &c.details {
            Details::Reflection(g) => {
                assert_eq!(g.answer("what"), Some("We met at the door."));
                assert_eq!(g.answer("so_what"), Some("It mattered."));
            }
            other => panic!("{other:?}"),
        }
    }
}
