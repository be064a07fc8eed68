//! The debrief bundle: a versioned JSON file holding whole entries (the records `show
//! --json` prints), written one entry at a time so an export never holds the journal in
//! memory, and read back into rows for the store's import (matched by UUID).

use std::io::Write;

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use super::record::EntryRecord;
use crate::domain::learning::Learning;
use crate::domain::{CheckIn, Common, Details, EntryContent, Flags, Guided, Kind, StageAnswer};
use crate::storage::ImportRow;
use crate::{Error, Result};

/// What a bundle says it is.
pub const FORMAT: &str = "debrief-bundle";
/// The bundle layout this build writes and reads.
pub const VERSION: u32 = 1;
/// Said in every bundle: aliases and roles do not make notes anonymous.
pub const NOTICE: &str = "Reflective notes from a debrief journal. Pseudonymised notes are still personal data (UK GDPR): keep this file private.";

/// The bundle's opening fields.
#[derive(Clone, Debug, Serialize, Deserialize)]
struct Head {
    format: String,
    version: u32,
    exported: DateTime<Utc>,
    notice: String,
}

/// A whole bundle, as read.
#[derive(Debug, Deserialize)]
struct Bundle {
    format: String,
    version: u32,
    entries: Vec<EntryRecord>,
}

/// Writes a bundle to `out` one entry at a time: [`BundleWriter::entry`] for each, then
/// [`BundleWriter::finish`].
pub struct BundleWriter<W: Write> {
    out: W,
    count: usize,
}

impl<W: Write> BundleWriter<W> {
    pub fn start(mut out: W, exported: DateTime<Utc>) -> Result<BundleWriter<W>> {
        let head = serde_json::to_string(&Head {
            format: FORMAT.into(),
            version: VERSION,
            exported,
            notice: NOTICE.into(),
        })
        .map_err(std::io::Error::from)?;
        // The head's fields, then the entries' array, still open.
        write!(out, "{},\n\"entries\": [", head.trim_end_matches('}'))?;
        Ok(BundleWriter { out, count: 0 })
    }

    pub fn entry(&mut self, record: &EntryRecord) -> Result<()> {
        self.out
            .write_all(if self.count == 0 { b"\n" } else { b",\n" })?;
        serde_json::to_writer(&mut self.out, record).map_err(std::io::Error::from)?;
        self.count += 1;
        Ok(())
    }

    /// Close the bundle; returns how many entries it holds and the writer.
    pub fn finish(mut self) -> Result<(usize, W)> {
        self.out.write_all(b"\n]}\n")?;
        self.out.flush()?;
        Ok((self.count, self.out))
    }
}

/// Read a bundle; a file that is not one, or not one this build reads, is refused whole,
/// with the line and column where reading stopped.
pub fn read(text: &str, name: &str) -> Result<Vec<EntryRecord>> {
    /// Just what a file says it is, for a plainer message when it is not a bundle.
    #[derive(Deserialize)]
    struct Claims {
        format: Option<String>,
        version: Option<u32>,
    }
    let not_ours = |format: &str| {
        Error::invalid(
            "bundle",
            format!(
                "{name} is not a debrief bundle (its format is '{}'); nothing was imported: for jrnl's JSON use --format jrnl",
                format.escape_debug()
            ),
        )
    };
    let newer = |version: u32| {
        Error::invalid(
            "bundle",
            format!(
                "{name} was written by a newer debrief (bundle version {version}); nothing was imported: update debrief to read it"
            ),
        )
    };
    let bundle: Bundle = match serde_json::from_str(text) {
        Ok(b) => b,
        Err(e) => {
            // Say what the file is when it says something else than a bundle.
            return Err(match serde_json::from_str::<Claims>(text) {
                Ok(c) if c.format.as_deref() != Some(FORMAT) => {
                    not_ours(c.format.as_deref().unwrap_or("none"))
                }
                Ok(Claims {
                    version: Some(v), ..
                }) if v > VERSION => newer(v),
                _ => Error::invalid(
                    "bundle",
                    format!(
                        "{name} line {}, column {}: {}; nothing was imported",
                        e.line(),
                        e.column(),
                        first_sentence(&e.to_string())
                    ),
                ),
            });
        }
    };
    if bundle.format != FORMAT {
        return Err(not_ours(&bundle.format));
    }
    if bundle.version > VERSION {
        return Err(newer(bundle.version));
    }
    Ok(bundle.entries)
}

/// serde_json's message without its " at line L column C" (said once, in front).
pub(super) fn first_sentence(message: &str) -> &str {
    message.split(" at line ").next().unwrap_or(message)
}

impl EntryRecord {
    /// Every piece of free text the record holds, to check or redact before it leaves.
    pub fn texts_mut(&mut self) -> Vec<&mut String> {
        let mut out: Vec<&mut String> = vec![&mut self.body];
        out.extend(self.title.as_mut());
        out.extend(self.answers.iter_mut().map(|a| &mut a.answer));
        if let Some(s) = self.supervision.as_mut() {
            for a in &mut s.agenda {
                out.push(&mut a.text);
                out.extend(a.discussion.as_mut());
            }
            out.extend(s.decisions.iter_mut().map(|d| &mut d.text));
            for a in &mut s.actions {
                out.push(&mut a.text);
                out.extend(a.reason.as_mut());
            }
            out.extend(s.support.as_mut());
            out.extend(s.learning.as_mut());
        }
        out
    }

    /// Replace every identifier the guard finds in the record's text with its kind
    /// ("[NHS number]") or, for a listed name, its role; returns how many were replaced.
    pub fn redact(&mut self, guard: &crate::privacy::Guard) -> usize {
        let mut n = 0;
        for text in self.texts_mut() {
            let (clean, found) = guard.redact(text);
            if found > 0 {
                n += found;
                *text = clean;
            }
        }
        n
    }

    /// The entry as a row for the store's import; a record whose details do not fit its
    /// kind is refused with the reason.
    pub fn into_row(self) -> Result<ImportRow> {
        let answers = |records: Vec<super::record::AnswerRecord>| -> Vec<StageAnswer> {
            records
                .into_iter()
                .map(|a| StageAnswer {
                    stage: a.stage,
                    answer: a.answer,
                })
                .collect()
        };
        let details = match self.kind {
            Kind::Reflection => Details::Reflection(Guided {
                template: self.template,
                answers: answers(self.answers),
                review: self.review,
            }),
            Kind::Checkin => Details::Checkin(CheckIn {
                sensations: self.sensations,
                emotions: self.emotions,
                difficulties: self.difficulties,
            }),
            Kind::Supervision => {
                // Item ids belong to the journal that wrote them: here the items are new.
                let mut s = self.supervision.unwrap_or_default();
                s.agenda.iter_mut().for_each(|a| a.id = None);
                s.decisions.iter_mut().for_each(|d| d.id = None);
                s.actions.iter_mut().for_each(|a| a.id = None);
                Details::Supervision(s)
            }
            Kind::Recovery => Details::Recovery(self.recovery.ok_or_else(|| {
                Error::invalid(
                    "bundle",
                    format!(
                        "entry {} is a recovery entry without its activity",
                        self.uuid
                    ),
                )
            })?),
            Kind::Learning => {
                let l = self.learning.ok_or_else(|| {
                    Error::invalid(
                        "bundle",
                        format!(
                            "entry {} is a learning activity without its details",
                            self.uuid
                        ),
                    )
                })?;
                Details::Learning(Learning {
                    activity: l.activity,
                    author: l.author,
                    link: l.link,
                    minutes: l.minutes,
                    answers: answers(self.answers),
                })
            }
        };
        Ok(ImportRow {
            uuid: self.uuid,
            created: self.created.with_timezone(&Utc),
            utc_offset_s: self.created.offset().local_minus_utc(),
            updated: self.updated,
            deleted: self.deleted,
            content: EntryContent {
                common: Common {
                    title: self.title,
                    body: self.body,
                    tags: self.tags,
                    stress: self.stress,
                    energy: self.energy,
                    work_context: self.work_context,
                    flags: Flags {
                        starred: self.starred,
                        for_supervision: self.for_supervision,
                        unfinished: self.unfinished,
                    },
                },
                details,
            },
        })
    }
}
