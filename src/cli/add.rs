//! `debrief add`: quick capture from arguments, standard input or the editor.

use std::io::{Read, Write};

use clap::Args;

use super::filters::parse_rating;
use super::output::stdout;
use crate::domain::templates;
use crate::domain::vocab::{List, Vocabulary};
use crate::domain::{
    BodySensation, CheckIn, Common, Details, Emotion, EntryContent, Flags, Guided, Kind,
    MAX_BODY_BYTES, StageAnswer, Tag,
};
use crate::external_editor::edit_text_in;
use crate::journal::{self, Dates, Moment, Save, Saved, Target};
use crate::session::Session;
use crate::{Error, Result};

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
    #[arg(long, value_name = "WHEN", allow_hyphen_values = true)]
    pub at: Option<String>,
    /// Kind of entry: reflection (the default), checkin, supervision, recovery or learning
    /// (`debrief log` and `debrief learn` take their details). With --sensation or --emotion
    /// the default is checkin.
    #[arg(long, short = 'k', value_name = "KIND")]
    pub kind: Option<String>,
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
    /// Write a reflection with a model (`debrief templates`): your editor opens with each
    /// stage's heading and prompts.
    #[arg(long, value_name = "ID")]
    pub template: Option<String>,
    /// Answer a stage without the editor, KEY=TEXT (e.g. description="We met at the door");
    /// repeatable. Needs --template.
    #[arg(long = "stage", value_name = "KEY=TEXT")]
    pub stages: Vec<String>,
    /// Print {"id": N, "uuid": "..."} instead of a sentence.
    #[arg(long)]
    pub json: bool,
}

/// A guided reflection's details from `--template` and `--stage KEY=TEXT`.
fn guided(args: &AddArgs) -> Result<Option<Guided>> {
    let Some(id) = &args.template else {
        if args.stages.is_empty() {
            return Ok(None);
        }
        return Err(Error::invalid(
            "stage",
            "--stage answers a template's stage: add --template ID (see `debrief templates`)",
        ));
    };
    let template = super::templates::find(id)?;
    let mut answers: Vec<StageAnswer> = Vec::new();
    for spec in &args.stages {
        let Some((key, text)) = spec.split_once('=') else {
            return Err(Error::invalid(
                "stage",
                format!(
                    "'{}' is not KEY=TEXT: write e.g. --stage {}=\"...\"",
                    spec.escape_debug(),
                    template.stages[0].key
                ),
            ));
        };
        let key = key.trim().to_lowercase().replace(['-', ' '], "_");
        if template.stage(&key).is_none() {
            let keys: Vec<&str> = template.stages.iter().map(|s| s.key.as_str()).collect();
            return Err(Error::invalid(
                "stage",
                format!(
                    "{} has no stage '{key}': use one of {}",
                    template.id,
                    keys.join(", ")
                ),
            ));
        }
        match answers.iter_mut().find(|a| a.stage == key) {
            Some(a) => {
                a.answer.push('\n');
                a.answer.push_str(text.trim());
            }
            None => answers.push(StageAnswer {
                stage: key,
                answer: text.trim().to_string(),
            }),
        }
    }
    answers.retain(|a| !a.answer.is_empty());
    // In the template's order, whatever order the flags came in.
    answers.sort_by_key(|a| template.stages.iter().position(|s| s.key == a.stage));
    Ok(Some(Guided {
        template: Some(template.id.clone()),
        answers,
        review: None,
    }))
}

/// The details named by the flags, checked against the kind.
fn details(args: &AddArgs, vocab: &Vocabulary) -> Result<Details> {
    if let Some(g) = guided(args)? {
        return match args.kind.as_deref().map(str::parse::<Kind>).transpose()? {
            None | Some(Kind::Reflection)
                if args.sensations.is_empty() && args.emotions.is_empty() =>
            {
                Ok(Details::Reflection(g))
            }
            _ => Err(Error::invalid(
                "template",
                "--template writes a reflection: leave out --kind, --sensation and --emotion",
            )),
        };
    }
    let sensations = args
        .sensations
        .iter()
        .map(|s| BodySensation::parse(s, vocab))
        .collect::<Result<Vec<_>>>()?;
    let emotions = args
        .emotions
        .iter()
        .map(|s| Emotion::parse(s, vocab))
        .collect::<Result<Vec<_>>>()?;
    let body_notes = !sensations.is_empty() || !emotions.is_empty();
    let kind = match args.kind.as_deref().map(str::parse::<Kind>).transpose()? {
        Some(k) => k,
        None if body_notes => Kind::Checkin,
        None => Kind::Reflection,
    };
    match kind {
        Kind::Checkin => Ok(Details::Checkin(CheckIn {
            sensations,
            emotions,
            difficulties: Vec::new(),
        })),
        other if body_notes => Err(Error::invalid(
            "kind",
            format!(
                "--sensation and --emotion belong to check-ins, not to a {}: use --kind checkin",
                other.label()
            ),
        )),
        other => Ok(other.empty_details()),
    }
}

/// The fields every kind shares, from the flags.
fn common(args: &AddArgs, vocab: &Vocabulary) -> Result<Common> {
    Ok(Common {
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
        work_context: args
            .work
            .as_deref()
            .filter(|w| !w.trim().is_empty())
            .map(|w| vocab.check(List::Contexts, w))
            .transpose()?,
        tags: args
            .tags
            .iter()
            .map(|t| Tag::parse(t))
            .collect::<Result<_>>()?,
        flags: Flags {
            starred: args.star,
            for_supervision: args.for_supervision,
            unfinished: args.later,
        },
        body: String::new(),
    })
}

/// The journal to add to, and the text piped in (`add -`). That text is already written, so
/// it is read first, and kept in a rescue file when the journal cannot be opened. Otherwise
/// an unusable journal fails before the user spends time writing.
fn open_for(session: &Session, args: &AddArgs) -> Result<(crate::storage::Store, Option<String>)> {
    let piped = match args.text.as_slice() {
        [dash] if dash == "-" => Some(read_stdin()?),
        _ => None,
    };
    match (session.open_store(), piped) {
        (Ok(store), piped) => Ok((store, piped)),
        (Err(e), Some(text)) if !text.trim().is_empty() => Err(session.rescue(&text, e)),
        (Err(e), _) => Err(e),
    }
}

pub fn run(session: &Session, args: AddArgs) -> Result<()> {
    // Validate every flag before asking for text, so nothing typed is lost to a typo in a flag.
    let vocab = session.vocabulary();
    let common = common(&args, &vocab)?;
    let mut content = EntryContent {
        common,
        details: details(&args, &vocab)?,
    };
    let dates = session.dates();
    let mut at = args
        .at
        .as_deref()
        .map(|w| dates.written_at(w))
        .transpose()?;
    // Fail on an unusable journal before the user spends time writing (text piped in is
    // read first, and kept if the journal cannot be opened).
    let (mut store, mut piped) = open_for(session, &args)?;

    let mut edited = None;
    let mut dated_from = None;
    content.common.body = match args.text.as_slice() {
        [dash] if dash == "-" => {
            let text = piped.take().unwrap_or_default();
            // Text piped in is already written: a refused prefix keeps it in a rescue file.
            match dated(&dates, text.clone(), &mut at, &mut content, &mut dated_from) {
                Ok(rest) => rest,
                Err(e) => return Err(session.rescue(&text, e)),
            }
        }
        // Stages answered on the command line need no editor.
        [] if !args.stages.is_empty() => String::new(),
        [] => {
            let e = edit_text_in(&session.editing_dir(), &templates::editor_text(&content))?;
            note_missing_headings(&templates::apply_editor_text(&mut content, &e.text));
            let text = content.common.body.clone();
            edited = Some(e);
            text
        }
        words => dated(
            &dates,
            words.join(" "),
            &mut at,
            &mut content,
            &mut dated_from,
        )?,
    };
    if content.is_blank() {
        if let Some(e) = edited {
            e.done();
        }
        return Err(Error::invalid(
            "text",
            "the entry is empty, so nothing was saved",
        ));
    }
    content.absorb_inline_tags();
    let request = Save {
        target: Target::New { at },
        content,
        draft: None,
    };
    let body = request.content.common.body.clone();
    let saved = match (
        journal::save::save(&mut store, &session.clock, request),
        edited,
    ) {
        (Ok(saved), edited) => {
            if let Some(e) = edited {
                e.done();
            }
            saved
        }
        // Text written in the editor stays in its file; text from standard input is kept.
        (Err(e), Some(ed)) => {
            return Err(e.with_note(format!("your text is kept in {}", ed.file.display())));
        }
        (Err(e), None) if args.text == ["-"] => return Err(session.rescue(&body, e)),
        (Err(e), None) => return Err(e),
    };
    report(session, &saved, args.json, dated_from)
}

/// Name, on standard error, stage headings that text from the editor no longer has.
pub(super) fn note_missing_headings(missing: &[String]) {
    if missing.is_empty() {
        return;
    }
    super::output::note(format_args!(
        "debrief: {} not found (deleted or renamed); any text under a heading debrief does not know is kept in the entry's text",
        missing
            .iter()
            .map(|h| format!("the heading \u{201c}## {h}\u{201d}"))
            .collect::<Vec<_>>()
            .join(", ")
    ));
}

/// Say what was saved. The entry is saved: from here on a closed output is not a failure.
fn report(session: &Session, saved: &Saved, json: bool, dated_from: Option<String>) -> Result<()> {
    super::saved::warn_identifiers(saved);
    let mut out = stdout();
    if json {
        return super::saved::write_id_json(&mut out, saved);
    }
    let id = saved.id;
    match dated_from {
        Some(head) => writeln!(
            out,
            "Saved entry {id}, dated {} (from \u{201c}{head}:\u{201d}).",
            session
                .clock
                .local(saved.created)
                .format("%a %-d %b %Y %H:%M")
        )?,
        None => writeln!(out, "Saved entry {id}.")?,
    }
    super::saved::say_session(&mut out, saved)?;
    out.flush()?;
    Ok(())
}

/// `echo text | debrief`: the text on standard input as a new entry (as in jrnl). Returns
/// `false`, saving nothing, when standard input was empty.
pub fn from_stdin(session: &Session) -> Result<bool> {
    let text = read_stdin()?;
    if text.trim().is_empty() {
        return Ok(false);
    }
    let mut content = EntryContent::text(String::new());
    let (mut at, mut dated_from) = (None, None);
    content.common.body = dated(
        &session.dates(),
        text.clone(),
        &mut at,
        &mut content,
        &mut dated_from,
    )
    .map_err(|e| session.rescue(&text, e))?;
    content.absorb_inline_tags();
    let mut store = session.open_store().map_err(|e| session.rescue(&text, e))?;
    let request = Save {
        target: Target::New { at },
        content,
        draft: None,
    };
    let saved = journal::save::save(&mut store, &session.clock, request)
        .map_err(|e| session.rescue(&text, e))?;
    report(session, &saved, false, dated_from)?;
    Ok(true)
}

/// `WHEN: text` (jrnl's habit, see [`Dates::prefixed`]) when no `--at` was given: the text
/// after the prefix, with the time, the star and the prefix as typed (for the report) set.
fn dated(
    dates: &Dates,
    text: String,
    at: &mut Option<Moment>,
    content: &mut EntryContent,
    dated_from: &mut Option<String>,
) -> Result<String> {
    if at.is_some() {
        return Ok(text);
    }
    match dates.prefixed(&text)? {
        Some(p) => {
            *at = Some(p.at);
            content.common.flags.starred |= p.starred;
            *dated_from = Some(p.head);
            Ok(p.text)
        }
        None => Ok(text),
    }
}

/// Read all of standard input as UTF-8 text, refusing more than the entry size limit.
fn read_stdin() -> Result<String> {
    let mut bytes = Vec::new();
    std::io::stdin()
        .lock()
        .take(MAX_BODY_BYTES as u64 + 1)
        .read_to_end(&mut bytes)?;
    if bytes.len() > MAX_BODY_BYTES {
        return Err(Error::invalid(
            "text",
            "standard input is over the 1 MiB entry limit, so nothing was saved: split it into several entries",
        ));
    }
    String::from_utf8(bytes).map_err(|e| {
        Error::invalid(
            "text",
            format!(
                "standard input is not valid UTF-8 text (bad byte at offset {}), so nothing was saved: convert it to UTF-8 first",
                e.utf8_error().valid_up_to()
            ),
        )
    })
}
