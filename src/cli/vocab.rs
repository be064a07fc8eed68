//! `debrief vocab`: the words check-ins and the recovery log accept, shipped and your own.

use std::io::Write;

use clap::Args;

use super::output::{stdout, write_json};
use crate::Result;
use crate::domain::Vocabulary;
use crate::domain::vocab::List;
use crate::session::Session;

#[derive(Debug, Args)]
pub struct VocabArgs {
    /// One list: regions, sensations, emotions, contexts, flags or movement (all if left out).
    #[arg(value_name = "LIST", value_parser = parse_list)]
    pub list: Option<List>,
    /// Print JSON instead of text.
    #[arg(long)]
    pub json: bool,
}

fn parse_list(s: &str) -> std::result::Result<List, String> {
    List::named(s).ok_or_else(|| {
        let names: Vec<&str> = List::ALL.iter().map(|l| l.name()).collect();
        format!("unknown list '{s}': use one of {}", names.join(", "))
    })
}

pub fn run(session: &Session, args: VocabArgs) -> Result<()> {
    let vocab = session.vocabulary();
    let lists: Vec<List> = match args.list {
        Some(l) => vec![l],
        None => List::ALL.to_vec(),
    };
    let mut out = stdout();
    if args.json {
        let value = match args.list {
            Some(l) => json_of(&vocab, l),
            None => serde_json::Value::Object(
                lists
                    .iter()
                    .map(|l| (l.name().to_string(), json_of(&vocab, *l)))
                    .collect(),
            ),
        };
        return write_json(&mut out, &value);
    }
    for (i, list) in lists.iter().enumerate() {
        if args.list.is_none() {
            if i > 0 {
                writeln!(out)?;
            }
            writeln!(out, "{}:", list.name())?;
        }
        for line in text_of(&vocab, *list) {
            writeln!(out, "  {line}")?;
        }
    }
    out.flush()?;
    Ok(())
}

/// One list as lines of text: `id  label` (and a region's key), or a group with its words.
fn text_of(v: &Vocabulary, list: List) -> Vec<String> {
    let groups = |gs: &[crate::domain::vocab::Group]| {
        gs.iter()
            .map(|g| format!("{} ({}): {}", g.id, g.label, g.words.join(", ")))
            .collect()
    };
    let choices = |cs: &[crate::domain::vocab::Choice]| {
        cs.iter()
            .map(|c| format!("{:<22} {}", c.id, c.label))
            .collect()
    };
    match list {
        List::Regions => v
            .regions
            .iter()
            .map(|r| match r.key {
                Some(k) => format!("{:<22} {} (key {k})", r.id, r.label),
                None => format!("{:<22} {}", r.id, r.label),
            })
            .collect(),
        List::Sensations => groups(&v.sensation_groups),
        List::Emotions => groups(&v.emotion_quadrants),
        List::Contexts => choices(&v.contexts),
        List::Flags => choices(&v.flags),
        List::Movement => choices(&v.movement),
    }
}

fn json_of(v: &Vocabulary, list: List) -> serde_json::Value {
    use serde_json::json;
    let groups = |gs: &[crate::domain::vocab::Group], name: &str| {
        gs.iter()
            .map(|g| json!({ name: g.id, "label": g.label, "words": g.words }))
            .collect::<Vec<_>>()
    };
    let choices = |cs: &[crate::domain::vocab::Choice]| {
        cs.iter()
            .map(|c| json!({ "id": c.id, "label": c.label }))
            .collect::<Vec<_>>()
    };
    let items = match list {
        List::Regions => v
            .regions
            .iter()
            .map(|r| json!({ "id": r.id, "label": r.label, "key": r.key, "scan": r.scan }))
            .collect(),
        List::Sensations => groups(&v.sensation_groups, "group"),
        List::Emotions => groups(&v.emotion_quadrants, "quadrant"),
        List::Contexts => choices(&v.contexts),
        List::Flags => choices(&v.flags),
        List::Movement => choices(&v.movement),
    };
    serde_json::Value::Array(items)
}
