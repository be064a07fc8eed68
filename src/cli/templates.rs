//! `debrief templates`: the reflective models on offer (shipped and your own), and one in
//! full with `debrief templates show ID`.

use std::io::Write;

use clap::{Args, Subcommand};

use super::output::{stdout, write_json};
use crate::domain::templates::{self, Template};
use crate::session::Session;
use crate::{Error, Result};

#[derive(Debug, Args)]
pub struct TemplatesArgs {
    #[command(subcommand)]
    pub show: Option<ShowTemplate>,
    /// Print JSON instead of text.
    #[arg(long, global = true)]
    pub json: bool,
}

#[derive(Debug, Subcommand)]
pub enum ShowTemplate {
    /// One template in full: its source, stages, prompts and the CPD field each stage feeds.
    Show {
        #[arg(value_name = "ID")]
        id: String,
    },
}

/// The template with this id, or an error naming the closest and every id.
pub fn find(id: &str) -> Result<&'static Template> {
    let wanted = id.trim().to_lowercase().replace(['-', ' '], "_");
    templates::find(&wanted).ok_or_else(|| {
        let ids: Vec<&str> = templates::all().iter().map(|t| t.id.as_str()).collect();
        let near = ids
            .iter()
            .min_by_key(|i| strsim::damerau_levenshtein(&wanted, i))
            .map(|n| format!("the closest is '{n}'; "))
            .unwrap_or_default();
        Error::invalid(
            "template",
            format!(
                "unknown template '{}': {near}use one of {} (see `debrief templates`)",
                id.escape_debug(),
                ids.join(", ")
            ),
        )
    })
}

pub fn run(session: &Session, args: TemplatesArgs) -> Result<()> {
    for p in &session.template_problems {
        super::output::note(format_args!("debrief: {p}; the other templates are in use"));
    }
    let mut out = stdout();
    match args.show {
        Some(ShowTemplate::Show { id }) => {
            let t = find(&id)?;
            if args.json {
                return write_json(&mut out, t);
            }
            show(&mut out, t)?;
        }
        None if args.json => return write_json(&mut out, &templates::all()),
        None => {
            for t in templates::all() {
                let own = match templates::shipped().iter().find(|s| s.id == t.id) {
                    Some(s) if s == t => "",
                    Some(_) => "  (yours, replacing the shipped one)",
                    None => "  (yours)",
                };
                writeln!(
                    out,
                    "{:<14} {} ({} stages){own}",
                    t.id,
                    t.name,
                    t.stages.len()
                )?;
            }
            writeln!(
                out,
                "\nYour own go in {} (one .toml file each, laid out as in the README, \"Your own templates\").",
                session.paths.templates.display()
            )?;
        }
    }
    out.flush()?;
    Ok(())
}

fn show(out: &mut impl Write, t: &Template) -> Result<()> {
    writeln!(out, "{} ({})", t.name, t.id)?;
    if !t.citation.is_empty() {
        writeln!(out, "Source: {}", t.citation)?;
    }
    for (i, s) in t.stages.iter().enumerate() {
        let cpd = s
            .maps_to
            .as_deref()
            .map(|m| format!("  (CPD: {m})"))
            .unwrap_or_default();
        writeln!(out, "\n{}. {}{cpd}", i + 1, s.title)?;
        for p in &s.prompts {
            writeln!(out, "   {p}")?;
        }
    }
    Ok(())
}
