//! Supervision as text: an action on one line, the next agenda, and the prep pack as
//! Markdown (printed, written to a file, or shown in the interface).

use std::fmt::Write as _;

use chrono::{DateTime, NaiveDate, Utc};

use crate::clock::Clock;
use crate::domain::ActionStatus;
use crate::domain::sessions::SessionAction;
use crate::domain::supervision::Function;
use crate::review::prep::{Extract, NextAgenda, Pack, StressFigures, Wellbeing};

fn day(d: NaiveDate) -> String {
    d.format("%a %-d %b %Y").to_string()
}

/// `#7 [open] Book the training · who: me · due Fri 27 Nov 2026 (overdue) · from the session
/// of 20 Nov 2026 (entry 12)`.
pub fn action_line(s: &SessionAction, today: NaiveDate) -> String {
    let a = &s.action;
    let mut line = format!("#{} [{}] {}", a.id.map_or(0, |i| i.0), a.status, a.text);
    if let Some(o) = &a.owner {
        let _ = write!(line, " · who: {o}");
    }
    if let Some(d) = a.due_on {
        let _ = write!(line, " · due {}", day(d));
        if a.is_overdue(today) {
            line.push_str(" (overdue)");
        }
    }
    if let (ActionStatus::Dropped, Some(r)) = (a.status, &a.reason) {
        let _ = write!(line, " · dropped: {r}");
    }
    let from = s
        .session_on
        .unwrap_or_else(|| s.session_written.date_naive());
    let _ = write!(
        line,
        " · from the session of {} (entry {})",
        from.format("%-d %b %Y"),
        s.session
    );
    line
}

/// "Since the last session (Mon 9 Nov 2026, entry 4)", or that there is none yet.
pub fn since_line(agenda: &NextAgenda, clock: &Clock) -> String {
    match agenda.last {
        Some(l) => format!(
            "Since the last session ({}, entry {})",
            l.held_on
                .unwrap_or_else(|| clock.local(l.written).date_naive())
                .format("%a %-d %b %Y"),
            l.id
        ),
        None => "No supervision note yet".to_string(),
    }
}

/// The next agenda as plain text: open actions (overdue marked), what was flagged, what
/// was queued.
pub fn agenda_text(agenda: &NextAgenda, clock: &Clock) -> String {
    let mut out = format!("Next supervision · {}\n", since_line(agenda, clock));
    if agenda.is_empty() {
        out.push_str(
            "\nNothing to bring yet: flag entries with f (or --for-supervision), or queue an item with\ndebrief supervision agenda add \"...\".\n",
        );
        return out;
    }
    if !agenda.open_actions.is_empty() {
        out.push_str("\nOpen actions\n");
        for a in &agenda.open_actions {
            let _ = writeln!(out, "  {}", action_line(a, agenda.today));
        }
    }
    if !agenda.flagged.is_empty() {
        out.push_str("\nFlagged for supervision\n");
        for s in &agenda.flagged {
            let _ = writeln!(out, "  {}", flagged_line(s, clock));
        }
        if agenda.more_flagged {
            let _ = writeln!(
                out,
                "  … and more: debrief list --for-supervision shows them all"
            );
        }
    }
    if !agenda.queued.is_empty() {
        out.push_str("\nQueued for the agenda\n");
        for q in &agenda.queued {
            match q.function {
                Some(f) => {
                    let _ = writeln!(out, "  {}. {} ({f})", q.id, q.text);
                }
                None => {
                    let _ = writeln!(out, "  {}. {}", q.id, q.text);
                }
            }
        }
    }
    out
}

/// `#12 Wed 18 Nov · reflection · The Jones visit`.
pub fn flagged_line(s: &crate::domain::EntrySummary, clock: &Clock) -> String {
    let when = clock
        .local(s.created.with_timezone(&Utc))
        .format("%a %-d %b");
    format!("#{} {when} · {} · {}", s.id, s.kind.label(), s.headline)
}

/// "mean 5.4, highest 8, n=7", or "no ratings".
fn stress(f: &StressFigures) -> String {
    match (f.mean_tenths, f.max) {
        (Some(m), Some(max)) => format!(
            "mean {}, highest {max}, n={}",
            crate::analytics::tenths_text(m),
            f.n
        ),
        _ => "no ratings".into(),
    }
}

fn wellbeing_md(out: &mut String, w: &Wellbeing) {
    out.push_str("\n## Wellbeing\n\n");
    if !w.enough {
        let _ = writeln!(
            out,
            "Not enough check-ins to summarise ({} in this period; at least {} are needed).",
            w.checkins,
            crate::review::prep::MIN_CHECKINS
        );
    } else {
        let _ = writeln!(out, "- Check-ins: {}", w.checkins);
        let _ = writeln!(out, "- Stress: {}", stress(&w.stress));
        if let (Some(now), Some(before)) = (w.stress.mean_tenths, w.previous_stress.mean_tenths) {
            let trend = match now.cmp(&before) {
                std::cmp::Ordering::Greater => "higher than",
                std::cmp::Ordering::Less => "lower than",
                std::cmp::Ordering::Equal => "the same as",
            };
            let _ = writeln!(
                out,
                "- Trend: {trend} the period of the same length before ({})",
                stress(&w.previous_stress)
            );
        }
        let counted = |v: &[(String, usize)]| {
            v.iter()
                .map(|(name, n)| format!("{name} ({n})"))
                .collect::<Vec<_>>()
                .join(", ")
        };
        if !w.regions.is_empty() {
            let _ = writeln!(
                out,
                "- Where in the body, most often: {}",
                counted(&w.regions)
            );
        }
        if !w.emotions.is_empty() {
            let _ = writeln!(out, "- Emotions, most often: {}", counted(&w.emotions));
        }
    }
    if let Some(m) = w.sleep_mean_minutes {
        let _ = writeln!(
            out,
            "- Sleep: {} on average over {} nights logged; {} under 6 hours",
            crate::domain::recovery::describe_minutes(m),
            w.sleep_nights,
            w.short_nights
        );
    }
    if w.breaks > 0 {
        let _ = writeln!(out, "- Breaks logged: {}", w.breaks);
    }
    if w.movement_sessions > 0 {
        let _ = writeln!(
            out,
            "- Movement: {} {}, {} in all",
            w.movement_sessions,
            if w.movement_sessions == 1 {
                "time"
            } else {
                "times"
            },
            crate::domain::recovery::describe_minutes(w.movement_minutes)
        );
    }
}

fn extract_md(out: &mut String, e: &Extract) {
    let _ = writeln!(out, "\n### {} (entry {})", e.headline, e.entry);
    for (heading, text) in &e.parts {
        if let Some(h) = heading {
            let _ = write!(out, "\n**{h}**\n");
        }
        let _ = write!(out, "\n{text}\n");
    }
}

/// The prep pack as Markdown.
/// The pack's first words: what it is, and what it is not.
pub const NOT_A_CASE_RECORD: &str =
    "Personal reflective notes, brought to supervision: not a case record.";

pub fn pack_markdown(p: &Pack, clock: &Clock) -> String {
    let date = |t: DateTime<Utc>| clock.local(t).format("%a %-d %b %Y").to_string();
    let mut out = format!(
        "# Supervision prep: {} to {}\n\n{NOT_A_CASE_RECORD}\n\n{}.\n",
        date(p.from),
        date(p.to),
        since_line(&p.agenda, clock)
    );
    out.push_str("\n## Actions from earlier sessions\n\n");
    if p.agenda.open_actions.is_empty() {
        out.push_str("None open.\n");
    }
    for a in &p.agenda.open_actions {
        let _ = writeln!(out, "- {}", action_line(a, p.agenda.today));
    }
    out.push_str("\n## Flagged for supervision\n");
    if p.extracts.is_empty() {
        out.push_str("\nNothing flagged since the last session.\n");
    }
    for e in &p.extracts {
        extract_md(&mut out, e);
    }
    let unquoted = p.agenda.flagged.len().saturating_sub(p.extracts.len());
    if unquoted > 0 || p.agenda.more_flagged {
        let more = if p.agenda.more_flagged {
            " or more"
        } else {
            ""
        };
        let _ = writeln!(
            out,
            "\n{unquoted}{more} flagged entries are not quoted here: debrief supervision agenda lists them."
        );
    }
    if let Some(w) = &p.wellbeing {
        wellbeing_md(&mut out, w);
    }
    out.push_str("\n## Balance\n\n");
    let b = &p.balance;
    if b.sessions == 0 {
        out.push_str("No earlier sessions to look at.\n");
    } else {
        let counts: Vec<String> = Function::ALL
            .iter()
            .map(|f| format!("{f} {}", b.items.get(f).copied().unwrap_or(0)))
            .collect();
        let _ = write!(
            out,
            "Agenda items over the last {} {}: {}",
            b.sessions,
            if b.sessions == 1 {
                "session"
            } else {
                "sessions"
            },
            counts.join(", ")
        );
        if b.unmarked > 0 {
            let _ = write!(out, ", not marked {}", b.unmarked);
        }
        out.push_str(".\n");
        for f in b.missing() {
            let _ = writeln!(
                out,
                "\nNo {f} item in these sessions: is there something to bring for it?"
            );
        }
    }
    out.push_str("\n## Questions to ask\n\n");
    if p.agenda.queued.is_empty() {
        out.push_str("None queued (debrief supervision agenda add \"...\").\n");
    }
    for q in &p.agenda.queued {
        let _ = writeln!(out, "- {}", q.text);
    }
    out
}
