//! Drawing the supervision screen: the agenda's sections with the selected row marked, and
//! the prep pack's Markdown with its headings styled.

use ratatui::text::{Line, Span};

use super::{Row, SupervisionScreen};
use crate::domain::ActionStatus;
use crate::present::supervision::{action_line, flagged_line, since_line};
use crate::tui::screen::Ctx;

impl SupervisionScreen {
    /// The agenda's lines, and the line the selected row is on.
    pub(super) fn agenda_lines(&self, ctx: &Ctx) -> (Vec<Line<'static>>, u16) {
        let t = &ctx.theme;
        let Some(a) = &self.agenda else {
            return (vec![Line::styled("Gathering the agenda…", t.dim)], 0);
        };
        let mut lines = vec![
            Line::styled(
                format!("Next supervision · {}", since_line(a, &ctx.clock)),
                t.title,
            ),
            Line::styled("Tab: the prep pack · v: a new supervision note", t.dim),
        ];
        if a.is_empty() {
            lines.push(Line::raw(""));
            lines.push(Line::styled(
                "Nothing to bring yet: flag entries with f, or press a to add an item.",
                t.text,
            ));
            return (lines, 0);
        }
        let rows = self.rows();
        let selected = rows.get(self.selected).copied();
        let mut at = 0;
        let section = |lines: &mut Vec<Line<'static>>, title: &str| {
            lines.push(Line::raw(""));
            lines.push(Line::styled(title.to_string(), t.heading));
        };
        let mut push = |lines: &mut Vec<Line<'static>>, row: Row, text: String, dim: bool| {
            let on = selected == Some(row);
            if on {
                at = lines.len() as u16;
            }
            let style = if on {
                t.selected
            } else if dim {
                t.dim
            } else {
                t.text
            };
            lines.push(Line::from(vec![
                Span::styled(if on { "› " } else { "  " }, t.key),
                Span::styled(text, style),
            ]));
        };
        if !a.open_actions.is_empty() {
            section(
                &mut lines,
                "Open actions  (d done · x drop · o reopen · Enter its note)",
            );
            for (i, s) in a.open_actions.iter().enumerate() {
                let closed = s.action.status != ActionStatus::Open;
                push(&mut lines, Row::Action(i), action_line(s, a.today), closed);
            }
        }
        if !a.flagged.is_empty() {
            section(&mut lines, "Flagged for supervision  (Enter reads it)");
            for (i, s) in a.flagged.iter().enumerate() {
                push(
                    &mut lines,
                    Row::Flagged(i),
                    flagged_line(s, &ctx.clock),
                    false,
                );
            }
        }
        section(&mut lines, "Queued for the agenda  (a add · Del take off)");
        if a.queued.is_empty() {
            lines.push(Line::styled("  none yet", t.dim));
        }
        for (i, q) in a.queued.iter().enumerate() {
            let text = match q.function {
                Some(f) => format!("{} ({f})", q.text),
                None => q.text.clone(),
            };
            push(&mut lines, Row::Queued(i), text, false);
        }
        (lines, at)
    }

    /// The pack's lines, headings styled.
    pub(super) fn pack_lines(&self, ctx: &Ctx) -> Vec<Line<'static>> {
        let t = &ctx.theme;
        let Some(md) = &self.pack else {
            return vec![Line::styled("Making the prep pack…", t.dim)];
        };
        let wellbeing = match self.wellbeing {
            true => "your wellbeing: in (w takes it out)",
            false => "your wellbeing: left out (w puts it in)",
        };
        let mut lines = vec![Line::styled(
            format!(
                "{wellbeing} · ↑/↓ scroll · Tab: the agenda · `debrief supervision prep -o FILE` writes it"
            ),
            t.dim,
        )];
        lines.extend(md.iter().map(|l| {
            if l.starts_with('#') {
                Line::styled(l.trim_start_matches('#').trim().to_string(), t.heading)
            } else {
                Line::styled(l.clone(), t.text)
            }
        }));
        lines
    }
}
