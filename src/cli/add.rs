//! `debrief add`: quick capture from arguments, standard input or the editor.

use std::io::Read;

use clap::Args;

use super::Context;
use super::filters::parse_rating;
use super::output::print_json;
use crate::domain::when::parse_when;
use crate::domain::{BodySensation, Emotion, EntryContent, Kind, MAX_BODY_BYTES, Tag};
use crate::external_editor::edit_text;

#[derive(Debug, Args)]
pub struct AddArgs {
    /// The entry's text. `-` reads standard input; nothing opens your editor.
    #[arg(value_name = "TEXT")]
    pub text: Vec<String>,
    /// A title (default: the first line stands in).
    #[arg(long, value_name = "T")]
    pub title: Option<String>,
    /// Add a tag (repeatable); #tags in the text count too.
    #[arg(long = "tag", short = 't', value_name = "TAG")]
    pub tags: Vec<String>,
    /// Stress right now, 0 (none) to 10 (overwhelming).
    #[arg(long, short = 's', value_name = "N", allow_negative_numbers = true)]
    pub stress: Option<String>,
    /// Energy right now, 0 (empty) to 10 (full).
    #[arg(long, short = 'e', value_name = "N", allow_negative_numbers = true)]
    pub energy: Option<String>,
    /// When it happened, if not now (e.g. "yesterday 17:30", "2 hours ago").
    #[arg(long, value_name = "WHEN")]
    pub at: Option<String>,
    /// Kind of entry: reflection (default), checkin or supervision.
    #[arg(long, short = 'k', value_name = "KIND", default_value = "reflection")]
    pub kind: String,
    /// The kind of work it relates to (e.g. "home visit", court, duty).
    #[arg(long, value_name = "WORK")]
    pub work: Option<String>,
    /// A body sensation, REGION:SENSATION[:0-3] (e.g. shoulders:tight:2); repeatable.
    #[arg(long = "sensation", value_name = "SPEC")]
    pub sensations: Vec<String>,
    /// An emotion, WORD[:1-3] (e.g. worried:2); repeatable.
    #[arg(long = "emotion", value_name = "SPEC")]
    pub emotions: Vec<String>,
    /// Star it.
    #[arg(long)]
    pub star: bool,
    /// Flag it to bring to supervision.
    #[arg(long)]
    pub for_supervision: bool,
    /// Mark it "finish later".
    #[arg(long)]
    pub later: bool,
    /// Print {"id": N, "uuid": "..."} instead of a sentence.
    #[arg(long)]
    pub json: bool,
}

pub fn run(ctx: &Context, args: AddArgs) -> anyhow::Result<()> {
    // Validate every flag before asking for text, so nothing typed is lost to a typo in a flag.
    let mut content = EntryContent {
        kind: args.kind.parse::<Kind>()?,
        title: args.title.clone().filter(|t| !t.trim().is_empty()),
        stress: args
            .stress
            .as_deref()
            .map(|s| parse_rating("stress", s))
            .transpose()?,
        energy: args
            .energy
            .as_deref()
            .map(|s| parse_rating("energy", s))
            .transpose()?,
        work_context: args.work.clone().filter(|w| !w.trim().is_empty()),
        tags: args
            .tags
            .iter()
            .map(|t| Tag::parse(t))
            .collect::<crate::Result<_>>()?,
        sensations: args
            .sensations
            .iter()
            .map(|s| BodySensation::parse(s))
            .collect::<crate::Result<_>>()?,
        emotions: args
            .emotions
            .iter()
            .map(|s| Emotion::parse(s))
            .collect::<crate::Result<_>>()?,
        starred: args.star,
        for_supervision: args.for_supervision,
        unfinished: args.later,
        ..Default::default()
    };
    let (created, offset) = match &args.at {
        Some(w) => {
            let when = parse_when(w, &ctx.clock.now_zoned())?;
            (when.instant(), when.moment.offset().seconds())
        }
        None => {
            let now = ctx.clock.now();
            (now, ctx.clock.offset_at(now))
        }
    };
    // Fail on an unusable journal before the user spends time writing.
    let mut store = ctx.open_store()?;

    content.body = match args.text.as_slice() {
        [dash] if dash == "-" => read_stdin()?,
        [] => edit_text("")?,
        words => words.join(" "),
    };
    if content.body.trim().is_empty() && content.title.is_none() {
        anyhow::bail!("the entry is empty, so nothing was saved");
    }
    content.absorb_inline_tags();
    let typed = args.text.is_empty() || args.text == ["-"];
    let id = match store.add_entry(&content, created, offset, ctx.clock.now()) {
        Ok(id) => id,
        Err(e) if typed => return Err(rescue(ctx, &content.body, e)),
        Err(e) => return Err(e.into()),
    };
    if args.json {
        let entry = store.get(id)?;
        return print_json(&serde_json::json!({ "id": id, "uuid": entry.uuid }));
    }
    println!("Saved entry {id}.");
    Ok(())
}

/// Read all of standard input as UTF-8 text, refusing more than the entry size limit.
fn read_stdin() -> anyhow::Result<String> {
    let mut bytes = Vec::new();
    std::io::stdin()
        .lock()
        .take(MAX_BODY_BYTES as u64 + 1)
        .read_to_end(&mut bytes)?;
    if bytes.len() > MAX_BODY_BYTES {
        anyhow::bail!(
            "standard input is over the 1 MiB entry limit, so nothing was saved: split it into several entries"
        );
    }
    String::from_utf8(bytes).map_err(|e| {
        anyhow::anyhow!(
            "standard input is not valid UTF-8 text (bad byte at offset {}), so nothing was saved: convert it to UTF-8 first",
            e.utf8_error().valid_up_to()
        )
    })
}

/// Keep text that could not be saved in a private file beside the journal, and say where.
fn rescue(ctx: &Context, body: &str, err: crate::Error) -> anyhow::Error {
    let dir = crate::paths::journal_dir(&ctx.paths.journal);
    let file = dir.join(format!(
        "debrief-unsaved-{}.txt",
        ctx.clock.now().format("%Y%m%dT%H%M%S")
    ));
    let kept = crate::storage::create_private_file(&file)
        .ok()
        .and_then(|()| std::fs::write(&file, body).ok());
    match kept {
        Some(()) => anyhow::anyhow!("{err} (your text was kept in {})", file.display()),
        None => {
            anyhow::anyhow!("{err} (and your text could not be kept: copy it from your editor)")
        }
    }
}
