//! `debrief edit`: change an entry's text in the editor (title and tags by flag). A guided
//! reflection opens with its stage headings and answers, and is split back into answers.

use std::io::Write;

use clap::Args;

use super::output::stdout;
use crate::domain::templates;
use crate::domain::{EntryRef, Tag};
use crate::external_editor::{EditedText, edit_text_in};
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
    #[arg(long, value_name = "WHEN")]
    pub at: Option<String>,
}

pub fn run(session: &Session, args: EditArgs) -> Result<()> {
    let r: EntryRef = args.id.parse()?;
    let new_tags: Vec<Tag> = args
        .tags
        .iter()
        .map(|t| Tag::parse(t))
        .collect::<Result<_>>()?;
    let at = args
        .at
        .as_deref()
        .map(|w| super::add::written_at(session, w))
        .transpose()?;
    let mut store = session.open_store()?;
    let id = store.resolve(&r)?;
    if let Some((created, offset)) = at {
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
    let entry = store.get(id)?;
    let mut content = entry.content.clone();
    let mut edited: Option<EditedText> = None;
    if args.title.is_some() || !new_tags.is_empty() || at.is_some() {
        if let Some(t) = args.title {
            content.common.title = Some(t).filter(|t| !t.trim().is_empty());
        }
        content.common.tags.extend(new_tags);
    } else {
        let e = edit_text_in(&session.editing_dir(), &templates::editor_text(&content))?;
        if e.text.trim().is_empty() {
            e.done();
            return Err(Error::invalid(
                "text",
                format!(
                    "the edited text is empty, so entry {id} was left as it was: use `debrief delete {id}` to remove it"
                ),
            ));
        }
        super::add::note_missing_headings(&templates::apply_editor_text(&mut content, &e.text));
        edited = Some(e);
    }
    content.absorb_inline_tags();
    let mut out = stdout();
    if content == entry.content {
        if let Some(e) = edited {
            e.done();
        }
        writeln!(out, "No changes to entry {id}.")?;
        out.flush()?;
        return Ok(());
    }
    match (
        store.update_entry(id, &content, session.clock.now()),
        edited,
    ) {
        (Ok(()), edited) => {
            if let Some(e) = edited {
                e.done();
            }
        }
        // Text written in the editor is never thrown away: it stays in the editor's file.
        (Err(e), Some(ed)) => {
            return Err(e.with_note(format!("your text is kept in {}", ed.file.display())));
        }
        (Err(e), None) => return Err(e),
    }
    let trashed = if entry.meta.deleted.is_some() {
        " (it is still in the trash: debrief restore brings it back)"
    } else {
        ""
    };
    writeln!(out, "Updated entry {id}.{trashed}")?;
    super::check::warn_after_saving(&store, id);
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
