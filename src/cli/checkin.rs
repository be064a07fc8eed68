//! `debrief checkin` (stress, energy, the body, emotions, context, flags and a note in one
//! line) and `debrief log` (sleep, a break, movement, or nothing possible today).

use clap::{Args, Subcommand};

use super::filters::parse_rating;
use crate::domain::recovery::{parse_hours, parse_minutes};
use crate::domain::vocab::List;
use crate::domain::{
    BodySensation, CheckIn, Common, Details, Emotion, EntryContent, Recovery, Tag, Vocabulary,
};
use crate::session::Session;
use crate::{Error, Result};

#[derive(Debug, Args)]
pub struct CheckinArgs {
    /// Stress right now, 0-10.
    #[arg(long, value_name = "0-10")]
    pub stress: Option<String>,
    /// Energy right now, 0-10.
    #[arg(long, value_name = "0-10")]
    pub energy: Option<String>,
    /// Where in the body and what it is like, with an intensity 0-3 (none, faint, clear,
    /// strong; 2 if left out). Repeat for more.
    #[arg(long = "body", value_name = "REGION:SENSATION[:0-3]")]
    pub body: Vec<String>,
    /// An emotion, with an intensity 1-3 (mild, moderate, intense) if you like. Repeat for
    /// more.
    #[arg(long = "emotion", value_name = "WORD[:1-3]")]
    pub emotions: Vec<String>,
    /// The kind of work it is about (see `debrief vocab contexts`).
    #[arg(long, value_name = "CONTEXT")]
    pub context: Option<String>,
    /// What made it harder (see `debrief vocab flags`). Repeat for more.
    #[arg(long = "flag", value_name = "FLAG")]
    pub flags: Vec<String>,
    /// A note in your own words.
    #[arg(long, value_name = "TEXT")]
    pub note: Option<String>,
    /// When it was, if not now: the same words as `add --at` ("yesterday 17:30").
    #[arg(long, value_name = "WHEN", allow_hyphen_values = true)]
    pub at: Option<String>,
    /// A tag (repeat for more).
    #[arg(long = "tag", value_name = "TAG")]
    pub tags: Vec<String>,
    #[command(flatten)]
    pub marks: super::flags::FlagArgs,
    /// Print {"id": N, "uuid": "..."} instead of a sentence.
    #[arg(long)]
    pub json: bool,
}

#[derive(Debug, Args)]
pub struct LogArgs {
    #[command(subcommand)]
    pub what: LogWhat,
    /// When it was, if not now: the same words as `add --at` ("last night").
    #[arg(long, value_name = "WHEN", global = true, allow_hyphen_values = true)]
    pub at: Option<String>,
    #[command(flatten)]
    pub flags: super::flags::FlagArgs,
    /// Print {"id": N, "uuid": "..."} instead of a sentence.
    #[arg(long, global = true)]
    pub json: bool,
}

#[derive(Debug, Subcommand)]
pub enum LogWhat {
    /// Hours slept (7, 6.5 or 7:30), and how restful it was, 0-10.
    Sleep {
        #[arg(value_name = "HOURS", allow_hyphen_values = true)]
        hours: String,
        #[arg(long, value_name = "0-10")]
        quality: Option<String>,
    },
    /// A break taken, and how many minutes if you like.
    Break {
        #[arg(value_name = "MINUTES", allow_hyphen_values = true)]
        minutes: Option<String>,
    },
    /// Movement (see `debrief vocab movement`), and how many minutes if you like.
    Move {
        #[arg(value_name = "KIND")]
        kind: String,
        #[arg(value_name = "MINUTES", allow_hyphen_values = true)]
        minutes: Option<String>,
    },
    /// Nothing was possible today. That is a full answer.
    None,
}

/// The check-in the flags describe, every word checked before anything is written.
fn checkin_content(args: &CheckinArgs, vocab: &Vocabulary) -> Result<EntryContent> {
    let rating = |flag: &'static str, v: &Option<String>| {
        v.as_deref().map(|s| parse_rating(flag, s)).transpose()
    };
    let mut difficulties = args
        .flags
        .iter()
        .map(|f| vocab.check(List::Flags, f))
        .collect::<Result<Vec<_>>>()?;
    difficulties.sort();
    difficulties.dedup();
    let checkin = CheckIn {
        sensations: args
            .body
            .iter()
            .map(|s| BodySensation::parse(s, vocab))
            .collect::<Result<_>>()?,
        emotions: args
            .emotions
            .iter()
            .map(|s| Emotion::parse(s, vocab))
            .collect::<Result<_>>()?,
        difficulties,
    };
    let mut content = EntryContent {
        common: Common {
            flags: args.marks.flags(),
            stress: rating("stress", &args.stress)?,
            energy: rating("energy", &args.energy)?,
            work_context: args
                .context
                .as_deref()
                .map(|c| vocab.check(List::Contexts, c))
                .transpose()?,
            tags: args
                .tags
                .iter()
                .map(|t| Tag::parse(t))
                .collect::<Result<_>>()?,
            body: args.note.clone().unwrap_or_default(),
            ..Common::default()
        },
        details: Details::Checkin(checkin),
    };
    if content.is_blank() {
        return Err(Error::invalid(
            "checkin",
            "the check-in is empty, so nothing was saved: give --stress, --body, --emotion or --note",
        ));
    }
    content.absorb_inline_tags();
    content.validate()?;
    Ok(content)
}

pub fn checkin(session: &Session, args: CheckinArgs) -> Result<()> {
    let vocab = session.vocabulary();
    let content = checkin_content(&args, &vocab)?;
    super::saved::save_new(session, content, args.at.as_deref(), args.json)
}

/// The recovery entry the arguments describe.
fn recovery(what: &LogWhat, vocab: &Vocabulary) -> Result<Recovery> {
    let minutes = |m: &Option<String>| m.as_deref().map(parse_minutes).transpose();
    let r = match what {
        LogWhat::Sleep { hours, quality } => Recovery::Sleep {
            minutes: parse_hours(hours)?,
            quality: quality
                .as_deref()
                .map(|q| parse_rating("quality", q).map(|r| r.value()))
                .transpose()?,
        },
        LogWhat::Break { minutes: m } => Recovery::Break {
            minutes: minutes(m)?,
        },
        LogWhat::Move { kind, minutes: m } => Recovery::Move {
            movement: vocab.check(List::Movement, kind)?,
            minutes: minutes(m)?,
        },
        LogWhat::None => Recovery::None,
    };
    r.validate()?;
    Ok(r)
}

pub fn log(session: &Session, args: LogArgs) -> Result<()> {
    let vocab = session.vocabulary();
    let content = EntryContent {
        common: Common {
            flags: args.flags.flags(),
            ..Common::default()
        },
        details: Details::Recovery(recovery(&args.what, &vocab)?),
    };
    super::saved::save_new(session, content, args.at.as_deref(), args.json)
}
