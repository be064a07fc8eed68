//! `debrief review after-visit|week|month|supervision`: the period's summary, the questions
//! a review asks (quoting your own words), and entries from this day in earlier months.

use std::io::Write;

use clap::Args;

use super::output::{Painter, stdout, summary_line, write_json};
use crate::Result;
use crate::domain::Kind;
use crate::present::{Role, SummaryParts};
use crate::review::{Review, ReviewKind};
use crate::session::Session;

#[derive(Debug, Args)]
pub struct ReviewArgs {
    /// after-visit (today so far), week (7 days), month (30 days) or supervision (since the
    /// last supervision note).
    #[arg(value_name = "KIND", value_parser = |s: &str| s.parse::<ReviewKind>().map_err(|e| e.to_string()))]
    pub kind: ReviewKind,
    /// Print JSON instead of text.
    #[arg(long)]
    pub json: bool,
    /// Print the questions even on a terminal, instead of opening the review to answer.
    #[arg(long, conflicts_with = "json")]
    pub print: bool,
}

impl ReviewArgs {
    /// On a terminal, should the review open to be answered (rather than be printed)?
    pub fn to_answer(&self) -> bool {
        !self.json && !self.print
    }
}

/// Print the review (the interface, opened by the caller, answers it).
pub fn run(session: &Session, args: ReviewArgs) -> Result<()> {
    let store = session.open_store_to_read()?;
    let r = crate::review::gather(&store, args.kind, &session.clock)?;
    let mut out = stdout();
    if args.json {
        let on_this_day: Vec<crate::transfer::SummaryRecord> =
            r.on_this_day.iter().map(Into::into).collect();
        let mut value = serde_json::to_value(&r).map_err(std::io::Error::from)?;
        value["on_this_day"] = serde_json::to_value(on_this_day).map_err(std::io::Error::from)?;
        return write_json(&mut out, &value);
    }
    let painter = super::painter(session);
    write_text(&mut out, painter, session, &r)?;
    out.flush()?;
    Ok(())
}

fn write_text(out: &mut impl Write, p: Painter, session: &Session, r: &Review) -> Result<()> {
    let clock = &session.clock;
    let day = |t| clock.local(t).format("%a %-d %b %Y").to_string();
    writeln!(
        out,
        "{} · {} to {}",
        p.paint(r.kind.title(), Role::Title),
        day(r.from),
        day(r.to)
    )?;
    writeln!(out, "{}", p.paint(&counts_line(r), Role::Dim))?;
    if let Some(last) = &r.last_answered {
        writeln!(
            out,
            "{}",
            p.paint(
                &format!(
                    "Your last {} (up to {}) is entry {}.",
                    r.kind.name(),
                    day(last.to),
                    last.entry
                ),
                Role::Dim
            )
        )?;
    }
    writeln!(out)?;
    for (i, q) in r.questions.iter().enumerate() {
        writeln!(out, "{}. {}", i + 1, q.text)?;
        if let Some(quote) = &q.quote {
            let when = clock
                .local(quote.created.with_timezone(&chrono::Utc))
                .format("%a %-d %b %H:%M");
            writeln!(
                out,
                "   {}",
                p.paint(&format!("(entry {}, {when})", quote.entry), Role::Dim)
            )?;
        }
    }
    if !r.on_this_day.is_empty() {
        writeln!(out)?;
        writeln!(out, "{}", p.paint("On this day", Role::Heading))?;
        for s in &r.on_this_day {
            let parts = SummaryParts::of(s, clock);
            writeln!(out, "  {}{}", parts.day, summary_line(p, &parts))?;
        }
    }
    writeln!(out)?;
    writeln!(
        out,
        "{}",
        p.paint(
            &format!(
                "To answer: debrief review {} on a terminal, or r in the journal (answers are saved as a reflection).",
                r.kind
            ),
            Role::Dim
        )
    )?;
    Ok(())
}

/// "12 entries: 6 reflection, 4 checkin · stress 5.4 on average, 8 at most · 2 to finish".
fn counts_line(r: &Review) -> String {
    let c = &r.counts;
    if c.entries == 0 {
        return "Nothing written in this period.".into();
    }
    let kinds: Vec<String> = c
        .by_kind
        .iter()
        .map(|(k, n)| {
            let label = k.parse::<Kind>().map_or(k.as_str(), |k| k.label());
            let plural = if *n == 1 { "" } else { "s" };
            format!("{n} {label}{plural}")
        })
        .collect();
    let mut parts = vec![format!(
        "{} {}: {}",
        c.entries,
        if c.entries == 1 { "entry" } else { "entries" },
        kinds.join(", ")
    )];
    if let (Some(mean), Some(max)) = (c.stress_mean_tenths, c.stress_max) {
        parts.push(format!(
            "stress {}.{} on average, {max} at most",
            mean / 10,
            mean % 10
        ));
    }
    if c.unfinished > 0 {
        parts.push(format!("{} to finish", c.unfinished));
    }
    if c.starred > 0 {
        parts.push(format!("{} starred", c.starred));
    }
    parts.join(" · ")
}
