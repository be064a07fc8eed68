//! How the CPD screen draws a registration year: the deadline, the complete records
//! against the requirement and what is missing; then the records, each with what it lacks.

use ratatui::text::{Line, Span};

use crate::journal::cpd::YearStatus;
use crate::tui::screen::Ctx;

/// The year's status, as `debrief cpd status` says it.
pub fn year_lines(s: &YearStatus, ctx: &Ctx) -> Vec<Line<'static>> {
    let t = &ctx.theme;
    let days = s.year.days_left(s.today);
    let when = match days {
        d if d < 0 => format!("This year closed on {}.", s.year.last.format("%-d %B %Y")),
        0 => "Deadline: today.".to_string(),
        1 => format!(
            "Deadline: {} (1 day left).",
            s.year.last.format("%-d %B %Y")
        ),
        d => format!(
            "Deadline: {} ({d} days left).",
            s.year.last.format("%-d %B %Y")
        ),
    };
    let (complete, with_peer) = s.counts();
    let mut lines = vec![
        Line::styled(when, t.text),
        Line::styled(
            format!(
                "Complete records dated this year: {complete} of {}; with a written peer reflection: {with_peer} of {}.",
                s.requirement.records, s.requirement.with_peer
            ),
            t.text,
        ),
    ];
    match s.met() {
        true => lines.push(Line::styled(
            "The requirement is met by these records, as debrief reads it; check Social Work England's current rules before you submit.",
            t.heading,
        )),
        false => {
            lines.push(Line::styled("Still missing:", t.heading));
            lines.extend(
                s.gaps()
                    .into_iter()
                    .map(|g| Line::styled(format!("  - {g}"), t.text)),
            );
        }
    }
    lines.push(Line::raw(""));
    lines.push(Line::styled(
        "Enter shows a record · p peer reflection · x no longer a record · [ ] other years · C in an entry's reader makes it one",
        t.dim,
    ));
    lines.push(Line::raw(""));
    if s.records.is_empty() {
        lines.push(Line::styled(
            "No CPD records dated in this year yet.",
            t.dim,
        ));
    }
    lines
}

/// One row a record: its CPD date, entry, title, peer mark and what it lacks.
pub fn record_lines(s: &YearStatus, selected: usize, ctx: &Ctx) -> Vec<Line<'static>> {
    let t = &ctx.theme;
    s.records
        .iter()
        .enumerate()
        .map(|(i, m)| {
            let missing = m.missing();
            let style = if i == selected { t.selected } else { t.text };
            let mut spans = vec![Span::styled(
                format!(
                    "{} {}  #{}  {}",
                    if i == selected { "›" } else { " " },
                    m.record.date.format("%a %-d %b %Y"),
                    m.entry,
                    crate::text::visible_line(&m.record.title)
                ),
                style,
            )];
            if m.has_peer() {
                spans.push(Span::styled("  (peer)", t.dim));
            }
            if !missing.is_empty() {
                spans.push(Span::styled(
                    format!("  no {} yet", crate::journal::cpd::list(&missing)),
                    t.error,
                ));
            }
            Line::from(spans)
        })
        .collect()
}
