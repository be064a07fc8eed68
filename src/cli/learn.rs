//! `debrief learn`: record a learning activity (an article, podcast, video, course, event or
//! conversation) and, now or later, what was learned from it.

use clap::Args;

use super::saved::save_new;
use crate::domain::learning::MAX_MINUTES;
use crate::domain::recovery::parse_duration;
use crate::domain::templates;
use crate::domain::{Common, Details, EntryContent, Learning, StageAnswer, Tag};
use crate::external_editor::{EditedText, edit_text_in};
use crate::session::Session;
use crate::{Error, Result};

#[derive(Debug, Args)]
pub struct LearnArgs {
    /// What it was called ("Moving Social Work podcast: episode 12").
    #[arg(value_name = "TITLE", required = true)]
    pub title: Vec<String>,
    /// article, podcast, video, course, event, conversation or other (blog, webinar,
    /// conference and the like are understood too).
    #[arg(long = "type", value_name = "TYPE", default_value = "other")]
    pub activity: String,
    /// Author, host or organiser.
    #[arg(long, value_name = "WHO")]
    pub author: Option<String>,
    /// A web address or a reference.
    #[arg(long, value_name = "LINK")]
    pub link: Option<String>,
    /// Time spent: minutes (40), or hours as 1h30 or 1.5h.
    #[arg(long, value_name = "TIME")]
    pub minutes: Option<String>,
    /// Why it matters for my practice (the CPD record's description says it).
    #[arg(long, value_name = "TEXT")]
    pub why: Option<String>,
    /// What I learned.
    #[arg(long, value_name = "TEXT")]
    pub learned: Option<String>,
    /// How it changes my practice.
    #[arg(long, value_name = "TEXT")]
    pub practice: Option<String>,
    /// Who benefits.
    #[arg(long, value_name = "TEXT")]
    pub benefits: Option<String>,
    /// Write the reflection in your editor now (its headings and prompts are filled in).
    #[arg(long)]
    pub reflect: bool,
    /// When it was, if not now (the same words as `add --at`).
    #[arg(long, value_name = "WHEN", allow_hyphen_values = true)]
    pub at: Option<String>,
    /// A tag (repeatable).
    #[arg(long = "tag", short = 't', value_name = "TAG")]
    pub tags: Vec<String>,
    #[command(flatten)]
    pub flags: super::flags::FlagArgs,
    /// Print {"id": N, "uuid": "..."} instead of a sentence.
    #[arg(long)]
    pub json: bool,
}

/// Time spent as typed: `40`, `40m`, `1h30`, `1.5h`.
pub fn parse_time(typed: &str) -> Result<u32> {
    parse_duration(typed, MAX_MINUTES)
}

pub fn run(session: &Session, args: LearnArgs) -> Result<()> {
    let title = args.title.join(" ");
    if title.trim().is_empty() {
        return Err(Error::invalid(
            "title",
            "say what the activity was: debrief learn \"Moving Social Work podcast\"",
        ));
    }
    let answers: Vec<StageAnswer> = [
        ("why", &args.why),
        ("learned", &args.learned),
        ("practice", &args.practice),
        ("benefits", &args.benefits),
    ]
    .into_iter()
    .filter_map(|(stage, text)| {
        text.as_deref()
            .map(str::trim)
            .filter(|t| !t.is_empty())
            .map(|t| StageAnswer {
                stage: stage.into(),
                answer: t.to_string(),
            })
    })
    .collect();
    let mut content = EntryContent {
        common: Common {
            title: Some(title.trim().to_string()),
            tags: args
                .tags
                .iter()
                .map(|t| Tag::parse(t))
                .collect::<Result<_>>()?,
            flags: args.flags.flags(),
            ..Common::default()
        },
        details: Details::Learning(Learning {
            activity: args.activity.parse()?,
            author: args.author.clone().filter(|a| !a.trim().is_empty()),
            link: args.link.clone().filter(|l| !l.trim().is_empty()),
            minutes: args.minutes.as_deref().map(parse_time).transpose()?,
            answers,
        }),
    };
    content.validate()?;
    let edited = if args.reflect {
        reflect_in_editor(session, &mut content)?
    } else {
        None
    };
    let saved = save_new(session, content, args.at.as_deref(), args.json);
    // The editor's file goes only once its text is in the journal.
    match (saved, edited) {
        (Ok(()), Some(e)) => {
            e.done();
            Ok(())
        }
        (Err(err), Some(e)) => {
            Err(err.with_note(format!("your text is kept in {}", e.file.display())))
        }
        (result, None) => result,
    }
}

/// The reflection in `$EDITOR`: the learning template's headings and prompts, split back.
/// Returns the editor's file, to be let go once the entry is saved.
fn reflect_in_editor(session: &Session, content: &mut EntryContent) -> Result<Option<EditedText>> {
    let edited = edit_text_in(&session.editing_dir(), &templates::editor_text(content))?;
    super::add::note_missing_headings(&templates::apply_editor_text(content, &edited.text));
    Ok(Some(edited))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn time_spent_is_read_in_minutes_or_hours() {
        assert_eq!(parse_time("40").ok(), Some(40));
        assert_eq!(parse_time("40m").ok(), Some(40));
        assert_eq!(parse_time("1h30").ok(), Some(90));
        assert_eq!(parse_time("1.5h").ok(), Some(90));
        assert_eq!(parse_time("2h").ok(), Some(120));
        for bad in ["", "x", "-5", "1h-3", "inf", "200000"] {
            assert!(parse_time(bad).is_err(), "{bad}");
        }
    }
}
