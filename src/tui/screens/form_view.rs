//! Drawing an [`EntryForm`]: the common fields on six lines, then the text being written.
//! A guided reflection shows a line of its stages (✓ where answered) and the focused stage's
//! prompts as guidance above its text; other kinds show their details read-only below.

use ratatui::buffer::Buffer;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Paragraph, Widget, Wrap};

use super::fields::text_of;
use super::form::{EntryForm, Focus, Part, Stages};
use crate::domain::learning::Activity;
use crate::present::detail_sections;
use crate::tui::screen::Ctx;
use crate::tui::theme::Theme;
use crate::tui::widgets::stress_bar::stress_spans;
use crate::tui::widgets::text::sections;

const LABEL: u16 = 9;

pub fn render(f: &EntryForm, area: Rect, buf: &mut Buffer, ctx: &Ctx) {
    let t = &ctx.theme;
    let details = match &f.part {
        Part::Plain(d) => sections(&detail_sections(d), t),
        Part::Guided(_) | Part::Learning(..) | Part::Session(..) => Vec::new(),
    };
    let rows = f.rows().len() as u16;
    let detail_rows = (details.len() as u16).min(area.height.saturating_sub(rows + 3) / 2);
    let [form, text, below] = Layout::vertical([
        Constraint::Length(rows),
        Constraint::Min(3),
        Constraint::Length(detail_rows),
    ])
    .areas(area);
    fields(f, form, buf, ctx);
    text_part(f, text, buf, ctx);
    if detail_rows > 0 {
        Paragraph::new(details).style(t.dim).render(
            Rect {
                x: below.x + 1,
                width: below.width.saturating_sub(2),
                ..below
            },
            buf,
        );
    }
}

fn fields(f: &EntryForm, area: Rect, buf: &mut Buffer, ctx: &Ctx) {
    let t = &ctx.theme;
    let x = area.x + 1;
    let w = area.width.saturating_sub(2);
    for (row, (focus, name)) in (area.y..area.bottom()).zip(f.rows()) {
        let on = f.focus == focus;
        let label = Span::styled(
            format!("{}{name:<8}", if on { "›" } else { " " }),
            if on { t.focus_border } else { t.dim },
        );
        let mut spans = vec![label];
        match (focus, &f.part) {
            (Focus::Stress | Focus::Energy, _) => {
                let value = if focus == Focus::Stress {
                    f.common.stress.value
                } else {
                    f.common.energy.value
                };
                match value {
                    Some(_) if focus == Focus::Stress => spans.extend(stress_spans(value, t)),
                    Some(v) => spans.push(Span::raw(format!("{v:>2}/10"))),
                    None => spans.push(Span::styled(" –  (type 0-10)", t.dim)),
                }
            }
            (Focus::Flags, _) => spans.extend(flag_spans(f, t)),
            (Focus::SessionType, Part::Session(r, _)) => {
                let kind = match r.session_type.as_str() {
                    "" => "not said".to_string(),
                    t => format!("‹ {t} ›"),
                };
                spans.push(Span::styled(kind, t.key));
                if on {
                    spans.push(Span::styled(
                        "  ←→ or a letter: individual, group, peer, ad hoc, live",
                        t.dim,
                    ));
                }
            }
            (Focus::Activity, Part::Learning(l, _)) => {
                spans.extend(activity_spans(l.activity, on, w.saturating_sub(LABEL), t))
            }
            _ => {}
        }
        buf.set_line(x, row, &Line::from(spans), w);
        if let Some(text) = f.one_line_field(focus) {
            text.render(Rect::new(x + LABEL, row, w.saturating_sub(LABEL), 1), buf);
        }
    }
}

fn flag_spans(f: &EntryForm, t: &Theme) -> Vec<Span<'static>> {
    let flag = |on: bool, key: &str, name: &str| {
        Span::styled(
            format!("[{}] {key} {name}   ", if on { "x" } else { " " }),
            if on { t.key } else { t.dim },
        )
    };
    let flags = f.common.flags;
    vec![
        flag(flags.starred, "s", "★ star"),
        flag(flags.for_supervision, "f", "⚑ for supervision"),
        flag(flags.unfinished, "u", "✎ finish later"),
    ]
}

/// Every kind of learning with the chosen one marked, or only the chosen one when narrow.
fn activity_spans(chosen: Activity, focused: bool, width: u16, t: &Theme) -> Vec<Span<'static>> {
    let all: usize = Activity::ALL.iter().map(|a| a.as_str().len() + 3).sum();
    let hint = if focused { "  ←→ or a letter" } else { "" };
    if all + hint.len() > usize::from(width) {
        return vec![
            Span::styled(format!("‹ {chosen} ›"), t.key),
            Span::styled(hint, t.dim),
        ];
    }
    let mut spans: Vec<Span> = Activity::ALL
        .iter()
        .map(|a| {
            if *a == chosen {
                Span::styled(format!("[{a}] "), if focused { t.selected } else { t.key })
            } else {
                Span::styled(format!(" {a}  "), t.dim)
            }
        })
        .collect();
    spans.push(Span::styled(hint, t.dim));
    spans
}

/// The text's title line: "Text", then each stage by name (by number when narrow, the
/// focused one always by name, ✓ where answered); a learning activity's "Notes" last.
fn text_title<'a>(f: &EntryForm, width: u16, border: Style, ctx: &Ctx) -> Vec<Span<'a>> {
    let t = &ctx.theme;
    let body_style = if f.focus == Focus::Body {
        t.title
    } else {
        border
    };
    // A learning activity's free text is its notes, after the stages.
    let mut title = match f.notes_last() {
        true => Vec::new(),
        false => vec![Span::styled(" Text ", body_style)],
    };
    if let Some(Stages {
        template,
        areas: stages,
    }) = f.part.stages()
    {
        let named = |i: usize, stage: &crate::domain::templates::Stage| {
            let done = if text_of(&stages[i]).trim().is_empty() {
                ""
            } else {
                " ✓"
            };
            format!(" {}{done} ", stage.title)
        };
        let full: usize = template
            .stages
            .iter()
            .enumerate()
            .map(|(i, s)| named(i, s).chars().count() + 1)
            .sum();
        // Too narrow for every title: the focused stage by name, the others by number.
        let compact = full + 8 > usize::from(width);
        for (i, stage) in template.stages.iter().enumerate() {
            let focused = f.focus == Focus::Stage(i);
            let label = if compact && !focused {
                let done = if text_of(&stages[i]).trim().is_empty() {
                    ""
                } else {
                    "✓"
                };
                format!(" {}{done} ", i + 1)
            } else {
                named(i, stage)
            };
            if !title.is_empty() {
                title.push(Span::styled("·", border));
            }
            title.push(Span::styled(label, if focused { t.title } else { border }));
        }
    }
    if f.notes_last() {
        title.push(Span::styled("·", border));
        title.push(Span::styled(" Notes ", body_style));
    }
    title
}

fn text_part(f: &EntryForm, area: Rect, buf: &mut Buffer, ctx: &Ctx) {
    let t = &ctx.theme;
    let on_text = matches!(f.focus, Focus::Body | Focus::Stage(_));
    let border = if on_text { t.focus_border } else { t.border };
    let title = text_title(f, area.width, border, ctx);
    let block = Block::default()
        .borders(Borders::TOP)
        .border_style(border)
        .title(Line::from(title));
    let inner = block.inner(area);
    block.render(area, buf);
    let mut inner = Rect {
        x: inner.x + 1,
        width: inner.width.saturating_sub(2),
        ..inner
    };
    let editing = match (f.focus, &f.part) {
        (Focus::Stage(i), Part::Guided(s) | Part::Learning(_, s) | Part::Session(_, s)) => {
            let (template, stages) = (s.template, &s.areas);
            let prompts: Vec<Line> = template.stages[i]
                .prompts
                .iter()
                .map(|p| Line::styled(p.clone(), t.dim))
                .collect();
            let guidance = Paragraph::new(prompts).wrap(Wrap { trim: true });
            let rows = (guidance.line_count(inner.width.max(1)) as u16).min(inner.height / 2);
            guidance.render(
                Rect {
                    height: rows,
                    ..inner
                },
                buf,
            );
            inner.y += rows + 1;
            inner.height = inner.height.saturating_sub(rows + 1);
            &stages[i]
        }
        _ => &f.body,
    };
    editing.render(inner, buf);
}
