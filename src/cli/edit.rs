//! `debrief edit`: change an entry's text in the editor (title and tags by flag).

use clap::Args;

use super::Context;
use crate::domain::{EntryRef, Tag};
use crate::external_editor::edit_text;

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
}

pub fn run(ctx: &Context, args: EditArgs) -> anyhow::Result<()> {
    let r: EntryRef = args.id.parse()?;
    let new_tags: Vec<Tag> = args
        .tags
        .iter()
        .map(|t| Tag::parse(t))
        .collect::<crate::Result<_>>()?;
    let mut store = ctx.open_store()?;
    let id = store.resolve(&r)?;
    let entry = store.get(id)?;
    let mut content = entry.content.clone();
    if args.title.is_some() || !new_tags.is_empty() {
        if let Some(t) = args.title {
            content.title = Some(t).filter(|t| !t.trim().is_empty());
        }
        content.tags.extend(new_tags);
    } else {
        let edited = edit_text(&content.body)?;
        if edited.trim().is_empty() {
            anyhow::bail!(
                "the edited text is empty, so entry {id} was left as it was: use `debrief delete {id}` to remove it"
            );
        }
        content.body = edited;
    }
    content.absorb_inline_tags();
    if content == entry.content {
        println!("No changes to entry {id}.");
        return Ok(());
    }
    store.update_entry(id, &content, ctx.clock.now())?;
    println!("Updated entry {id}.");
    Ok(())
}
