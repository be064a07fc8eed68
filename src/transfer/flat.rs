//! The readable exports: Markdown (one file, or one file an entry with YAML front matter)
//! drawn from the presentation layer's sections, and CSV (one row an entry, the numeric and
//! categorical fields only, for a spreadsheet).

use std::io::Write;

use serde::Serialize;

use crate::Result;
use crate::clock::Clock;
use crate::domain::{Details, Entry, Recovery};
use crate::present::{entry_sections, plain};

/// A value as YAML can read it: JSON's quoting is valid YAML.
fn yaml<T: Serialize>(v: &T) -> String {
    serde_json::to_string(v).unwrap_or_else(|_| "null".into())
}

/// The entry's sections after its header, as Markdown under headings of `level`.
fn body(e: &Entry, clock: &Clock, level: usize) -> String {
    let mut out = String::new();
    for section in entry_sections(e, clock).iter().skip(1) {
        if let Some(h) = &section.heading {
            out.push_str(&format!("\n{} {h}\n\n", "#".repeat(level)));
        } else {
            out.push('\n');
        }
        for line in &section.lines {
            out.push_str(plain(line).trim_end());
            out.push('\n');
        }
    }
    out
}

/// One entry as a file of its own: YAML front matter (date, kind, title, tags, stress,
/// energy, uuid, in the trash), then its text.
pub fn entry_file(e: &Entry, clock: &Clock) -> String {
    let c = &e.content.common;
    let tags: Vec<&str> = c.tags.iter().map(|t| t.as_str()).collect();
    let mut out = String::from("---\n");
    out.push_str(&format!("date: {}\n", e.meta.created.to_rfc3339()));
    out.push_str(&format!("kind: {}\n", e.kind().as_str()));
    out.push_str(&format!("title: {}\n", yaml(&heading(e))));
    out.push_str(&format!("tags: {}\n", yaml(&tags)));
    out.push_str(&format!("stress: {}\n", yaml(&c.stress.map(|r| r.value()))));
    out.push_str(&format!("energy: {}\n", yaml(&c.energy.map(|r| r.value()))));
    out.push_str(&format!("uuid: {}\n", e.meta.uuid));
    if e.meta.deleted.is_some() {
        out.push_str("in_trash: true\n");
    }
    out.push_str("---\n");
    out.push_str(&body(e, clock, 2));
    out
}

/// One entry in a single Markdown file: a heading with its date, a line of what it is, then
/// its text.
pub fn entry_section(e: &Entry, clock: &Clock) -> String {
    let c = &e.content.common;
    let mut facts = vec![e.kind().label().to_string()];
    facts.extend(c.stress.map(|s| format!("stress {}", s.value())));
    facts.extend(c.energy.map(|s| format!("energy {}", s.value())));
    if !c.tags.is_empty() {
        let tags: Vec<String> = c.tags.iter().map(|t| format!("#{}", t.as_str())).collect();
        facts.push(tags.join(" "));
    }
    if e.meta.deleted.is_some() {
        facts.push("in the trash".into());
    }
    format!(
        "\n## {} · {}\n\n*{}*\n{}",
        clock
            .local(e.meta.created.to_utc())
            .format("%a %-d %b %Y %H:%M"),
        heading(e),
        facts.join(" · "),
        body(e, clock, 3)
    )
}

/// A file name for an entry: its date and number, so a folder sorts by time.
pub fn file_name(
    created: chrono::DateTime<chrono::FixedOffset>,
    id: crate::domain::EntryId,
) -> String {
    format!("{}-{}.md", created.format("%Y-%m-%d-%H%M"), id.0)
}

/// The title, or what the entry is when it has no words of its own (a check-in).
fn heading(e: &Entry) -> String {
    match e.content.headline() {
        "" => e.kind().label().to_string(),
        h => h.to_string(),
    }
}

/// The CSV columns, in order.
pub const CSV_HEADER: [&str; 22] = [
    "id",
    "uuid",
    "created",
    "kind",
    "title",
    "stress",
    "energy",
    "work_context",
    "tags",
    "starred",
    "for_supervision",
    "unfinished",
    "in_trash",
    "template",
    "body_regions",
    "emotions",
    "difficulties",
    "recovery",
    "minutes",
    "sleep_quality",
    "movement",
    "learning_activity",
];

/// One entry as a CSV row (no free text but the title).
pub fn csv_row(e: &Entry, title: &str) -> Vec<String> {
    let c = &e.content.common;
    let join = |v: Vec<String>| v.join("; ");
    let num = |v: Option<u32>| v.map(|n| n.to_string()).unwrap_or_default();
    let mut row = vec![
        e.meta.id.0.to_string(),
        e.meta.uuid.to_string(),
        e.meta.created.to_rfc3339(),
        e.kind().as_str().to_string(),
        title.to_string(),
        num(c.stress.map(|r| u32::from(r.value()))),
        num(c.energy.map(|r| u32::from(r.value()))),
        c.work_context.clone().unwrap_or_default(),
        join(c.tags.iter().map(|t| t.as_str().to_string()).collect()),
        c.flags.starred.to_string(),
        c.flags.for_supervision.to_string(),
        c.flags.unfinished.to_string(),
        e.meta.deleted.is_some().to_string(),
    ];
    let (mut template, mut regions, mut emotions, mut difficulties) =
        (String::new(), String::new(), String::new(), String::new());
    let (mut activity, mut minutes, mut quality, mut movement, mut learning) = (
        String::new(),
        String::new(),
        String::new(),
        String::new(),
        String::new(),
    );
    match &e.content.details {
        Details::Reflection(g) => template = g.template.clone().unwrap_or_default(),
        Details::Checkin(ci) => {
            regions = join(
                ci.sensations
                    .iter()
                    .map(|s| format!("{}:{}:{}", s.region, s.sensation, s.intensity))
                    .collect(),
            );
            emotions = join(ci.emotions.iter().map(|m| m.word.clone()).collect());
            difficulties = join(ci.difficulties.clone());
        }
        Details::Recovery(r) => {
            activity = r.activity().to_string();
            match r {
                Recovery::Sleep {
                    minutes: m,
                    quality: q,
                } => {
                    minutes = m.to_string();
                    quality = num(q.map(u32::from));
                }
                Recovery::Break { minutes: m } => minutes = num(m.map(u32::from)),
                Recovery::Move {
                    movement: what,
                    minutes: m,
                } => {
                    movement = what.clone();
                    minutes = num(m.map(u32::from));
                }
                Recovery::None => {}
            }
        }
        Details::Learning(l) => {
            learning = yaml(&l.activity).trim_matches('"').to_string();
            minutes = num(l.minutes);
        }
        Details::Supervision(_) => {}
    }
    row.extend([
        template,
        regions,
        emotions,
        difficulties,
        activity,
        minutes,
        quality,
        movement,
        learning,
    ]);
    row
}

/// A CSV writer over `out` with the header written.
pub fn csv_writer<W: Write>(out: W) -> Result<csv::Writer<W>> {
    let mut w = csv::Writer::from_writer(out);
    w.write_record(CSV_HEADER).map_err(csv_error)?;
    Ok(w)
}

pub fn csv_error(e: csv::Error) -> crate::Error {
    crate::Error::Io(std::io::Error::other(e.to_string()))
}
