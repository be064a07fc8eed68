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

/// An item waiting for the next supervision agenda, as a bundle carries it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct QueuedRecord {
    pub text: String,
    pub function: Option<crate::domain::Function>,
    pub added: DateTime<Utc>,
}

/// What reading a bundle hands over, in the order of the file.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Part {
    /// An entry, or why the JSON of this one is not an entry (the others are read on).
    Entry(std::result::Result<Box<EntryRecord>, String>),
    /// The items waiting for the next supervision agenda (after the entries).
    Queue(Vec<QueuedRecord>),
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

    /// Close the bundle with the items waiting for the next agenda; returns how many
    /// entries it holds and the writer.
    pub fn finish(mut self, queue: &[QueuedRecord]) -> Result<(usize, W)> {
        self.out.write_all(b"\n],\n\"agenda_queue\": ")?;
        serde_json::to_writer(&mut self.out, queue).map_err(std::io::Error::from)?;
        self.out.write_all(b"}\n")?;
        self.out.flush()?;
        Ok((self.count, self.out))
    }
}

/// Read a bundle held in memory (tests, small files), every entry of it: one that is not
/// an entry is refused with its position; see [`read_each`].
pub fn read(text: &str, name: &str) -> Result<Vec<EntryRecord>> {
    let mut records = Vec::new();
    read_each(text.as_bytes(), name, |part| {
        match part {
            Part::Entry(Ok(record)) => records.push(*record),
            Part::Entry(Err(why)) => {
                return Err(Error::invalid(
                    "bundle",
                    format!("{name} entry {}: {why}", records.len() + 1),
                ));
            }
            Part::Queue(_) => {}
        }
        Ok(())
    })?;
    Ok(records)
}

/// Read a bundle from `reader`, handing each entry (then the agenda queue) to `each` as soon
/// as it is read, so the file is never held whole. An entry whose JSON is not an entry's
/// (a rating of 11, a date that is not one, a missing field) is handed over as the reason,
/// and the reading goes on. A file that is not a bundle, or one from a newer debrief, is
/// refused before its first entry; one that is not JSON part way is refused with the line and
/// column where reading stopped (entries handed over before then are for the caller to
/// drop: the import's transaction does). An error from `each` stops the reading and is
/// returned. Returns how many entries were read.
pub fn read_each(
    reader: impl std::io::Read,
    name: &str,
    each: impl FnMut(Part) -> Result<()>,
) -> Result<usize> {
    let mut reading = Reading {
        name,
        each,
        count: 0,
        stopped: None,
    };
    let mut de = serde_json::Deserializer::from_reader(reader);
    let outcome =
        serde::de::DeserializeSeed::deserialize(&mut reading, &mut de).and_then(|()| de.end());
    if let Some(e) = reading.stopped.take() {
        return Err(e);
    }
    outcome.map_err(|e| {
        Error::invalid(
            "bundle",
            format!(
                "{name} line {}, column {}: {}; nothing was imported",
                e.line(),
                e.column(),
                first_sentence(&e.to_string())
            ),
        )
    })?;
    Ok(reading.count)
}

/// The state of reading a bundle: who gets each entry, and why reading stopped, when it
/// stopped for a reason of ours rather than the JSON's.
struct Reading<'n, F> {
    name: &'n str,
    each: F,
    count: usize,
    stopped: Option<Error>,
}

impl<F: FnMut(Part) -> Result<()>> Reading<'_, F> {
    /// Stop reading for `e` (kept to be returned as it is).
    fn stop<E: serde::de::Error>(&mut self, e: Error) -> E {
        let message = e.to_string();
        self.stopped = Some(e);
        E::custom(message)
    }

    fn not_ours(&self, format: &str) -> Error {
        Error::invalid(
            "bundle",
            format!(
                "{} is not a debrief bundle (its format is '{}'); nothing was imported: for jrnl's JSON use --format jrnl",
                self.name,
                format.escape_debug()
            ),
        )
    }

    fn newer(&self, version: u32) -> Error {
        Error::invalid(
            "bundle",
            format!(
                "{} was written by a newer debrief (bundle version {version}); nothing was imported: update debrief to read it",
                self.name
            ),
        )
    }
}

impl<'de, F: FnMut(Part) -> Result<()>> serde::de::DeserializeSeed<'de> for &mut Reading<'_, F> {
    type Value = ();

    fn deserialize<D: serde::Deserializer<'de>>(self, d: D) -> std::result::Result<(), D::Error> {
        d.deserialize_map(self)
    }
}

impl<'de, F: FnMut(Part) -> Result<()>> serde::de::Visitor<'de> for &mut Reading<'_, F> {
    type Value = ();

    fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("a debrief bundle (a JSON object)")
    }

    fn visit_map<A: serde::de::MapAccess<'de>>(
        self,
        mut map: A,
    ) -> std::result::Result<(), A::Error> {
        let (mut format, mut version, mut entries) = (None::<String>, None::<u32>, false);
        while let Some(key) = map.next_key::<String>()? {
            match key.as_str() {
                "format" => format = Some(map.next_value()?),
                "version" => version = Some(map.next_value()?),
                "entries" => {
                    // What the file is, before the first entry is taken.
                    match (&format, version) {
                        (Some(f), _) if f != FORMAT => return Err(self.stop(self.not_ours(f))),
                        (None, _) => return Err(self.stop(self.not_ours("none"))),
                        (_, Some(v)) if v > VERSION => return Err(self.stop(self.newer(v))),
                        _ => {}
                    }
                    map.next_value_seed(Entries(&mut *self))?;
                    entries = true;
                }
                "agenda_queue" => {
                    let queue: Vec<QueuedRecord> = map.next_value()?;
                    if let Err(e) = (self.each)(Part::Queue(queue)) {
                        return Err(self.stop(e));
                    }
                }
                _ => {
                    map.next_value::<serde::de::IgnoredAny>()?;
                }
            }
        }
        match format.as_deref() {
            Some(FORMAT) => {}
            other => return Err(self.stop(self.not_ours(other.unwrap_or("none")))),
        }
        if let Some(v) = version.filter(|v| *v > VERSION) {
            return Err(self.stop(self.newer(v)));
        }
        if version.is_none() || !entries {
            return Err(serde::de::Error::custom(
                "a bundle needs its version and its entries",
            ));
        }
        Ok(())
    }
}

/// The bundle's array of entries, each handed over as it is read.
struct Entries<'r, 'n, F>(&'r mut Reading<'n, F>);

impl<'de, F: FnMut(Part) -> Result<()>> serde::de::DeserializeSeed<'de> for Entries<'_, '_, F> {
    type Value = ();

    fn deserialize<D: serde::Deserializer<'de>>(self, d: D) -> std::result::Result<(), D::Error> {
        d.deserialize_seq(self)
    }
}

impl<'de, F: FnMut(Part) -> Result<()>> serde::de::Visitor<'de> for Entries<'_, '_, F> {
    type Value = ();

    fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("a list of entries")
    }

    fn visit_seq<A: serde::de::SeqAccess<'de>>(
        self,
        mut seq: A,
    ) -> std::result::Result<(), A::Error> {
        while let Some(value) = seq.next_element::<serde_json::Value>()? {
            self.0.count += 1;
            if let Err(e) = (self.0.each)(Part::Entry(entry_record(value))) {
                return Err(self.0.stop(e));
            }
        }
        Ok(())
    }
}

/// The entry in `value`, or why it is not one, naming the field at fault when it is one of
/// those a person would look for.
fn entry_record(value: serde_json::Value) -> std::result::Result<Box<EntryRecord>, String> {
    use crate::domain::{Rating, Tag};
    type Check = fn(&serde_json::Value) -> serde_json::Result<()>;
    fn is<T: serde::de::DeserializeOwned>(v: &serde_json::Value) -> serde_json::Result<()> {
        T::deserialize(v).map(drop)
    }
    let checks: [(&str, Check); 8] = [
        ("uuid", is::<uuid::Uuid>),
        ("kind", is::<Kind>),
        ("created", is::<DateTime<chrono::FixedOffset>>),
        ("updated", is::<DateTime<Utc>>),
        ("deleted", is::<Option<DateTime<Utc>>>),
        ("stress", is::<Option<Rating>>),
        ("energy", is::<Option<Rating>>),
        ("tags", is::<Vec<Tag>>),
    ];
    EntryRecord::deserialize(&value).map(Box::new).map_err(|e| {
        let at_fault = checks.iter().find_map(|(name, check)| {
            // A missing field is said by the whole record's message.
            let why = check(value.get(*name)?).err()?;
            Some(format!("its {name}: {}", first_sentence(&why.to_string())))
        });
        at_fault.unwrap_or_else(|| first_sentence(&e.to_string()).to_string())
    })
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
            cpd: self.cpd.map(|c| (c.made, c.peer)),
            covered: self.covered,
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
