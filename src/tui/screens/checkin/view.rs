//! Drawing the check-in: a line of steps, then the step itself (the scales with their
//! anchors; a small text-art body beside the regions or the sensation words; the emotion
//! grid; kinds of work and flags; the note). Pure: state and context in, cells out.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Widget, Wrap};

use super::{CheckinFlow, Picker, Step};
use crate::domain::Vocabulary;
use crate::domain::vocab::{List, humanise};
use crate::tui::screen::Ctx;
use crate::tui::theme::Theme;
use crate::tui::widgets::body_map;

pub fn render(flow: &CheckinFlow, area: Rect, buf: &mut Buffer, ctx: &Ctx) {
    if area.height == 0 {
        return;
    }
    let t = &ctx.theme;
    steps_line(flow, t, area.width).render(Rect { height: 1, ..area }, buf);
    let body = Rect {
        y: area.y + 1,
        height: area.height - 1,
        ..area
    };
    match flow.step {
        Step::Ratings => lines(ratings(flow, t)).render(body, buf),
        Step::Body => body_step(flow, body, buf, t),
        Step::Emotions => lines(emotions(flow, t, body.width)).render(body, buf),
        Step::Context => lines(context(flow, t, body.width)).render(body, buf),
        Step::Note => {
            let mut rows = vec![Line::styled(
                "A note, in your own words (optional). Ctrl-S saves the check-in.",
                t.dim,
            )];
            rows.push(Line::raw(""));
            let head = u16::try_from(rows.len()).unwrap_or(0);
            lines(rows).render(body, buf);
            let text = Rect {
                y: body.y + head.min(body.height),
                height: body.height.saturating_sub(head),
                ..body
            };
            flow.note.render(text, buf);
        }
    }
}

/// Cells laid out left to right in as many columns of `cell` width as `width` holds.
fn grid(cells: Vec<Vec<Span<'static>>>, cell: usize, width: u16) -> Vec<Line<'static>> {
    let per_row = (usize::from(width).saturating_sub(2) / cell).max(1);
    cells
        .chunks(per_row)
        .map(|row| {
            let mut spans = vec![Span::raw("  ")];
            for c in row {
                let used: usize = c.iter().map(|s| s.content.chars().count()).sum();
                spans.extend(c.iter().cloned());
                spans.push(Span::raw(" ".repeat(cell.saturating_sub(used))));
            }
            Line::from(spans)
        })
        .collect()
}

/// A lettered choice: `a home visit`.
fn lettered(
    i: usize,
    label: String,
    style: ratatui::style::Style,
    t: &Theme,
) -> Vec<Span<'static>> {
    vec![
        Span::styled(format!("{} ", (b'a' + i as u8) as char), t.key),
        Span::styled(label, style),
    ]
}

fn lines(rows: Vec<Line<'static>>) -> Paragraph<'static> {
    Paragraph::new(rows).wrap(Wrap { trim: false })
}

fn steps_line(flow: &CheckinFlow, t: &Theme, width: u16) -> Line<'static> {
    if width < 64 {
        let n = Step::ALL.iter().position(|s| *s == flow.step).unwrap_or(0) + 1;
        return Line::from(vec![
            Span::styled(format!("Step {n} of {}: ", Step::ALL.len()), t.dim),
            Span::styled(flow.step.title(), t.title),
        ]);
    }
    let mut spans = Vec::new();
    for (i, s) in Step::ALL.iter().enumerate() {
        if i > 0 {
            spans.push(Span::styled(" · ", t.dim));
        }
        let label = format!("{} {}", i + 1, s.title());
        spans.push(if *s == flow.step {
            Span::styled(label, t.title)
        } else {
            Span::styled(label, t.dim)
        });
    }
    Line::from(spans)
}

fn ratings(flow: &CheckinFlow, t: &Theme) -> Vec<Line<'static>> {
    let v = &flow.vocab;
    let mut rows = vec![Line::raw("")];
    for (row, (name, value, anchors)) in [
        ("Stress now", flow.stress, &v.anchors.stress),
        ("Energy now", flow.energy, &v.anchors.energy),
    ]
    .into_iter()
    .enumerate()
    {
        let focused = row == flow.rating_row;
        let marker = if focused { "› " } else { "  " };
        let mut spans = vec![
            Span::styled(marker, t.key),
            Span::styled(format!("{name:<11}"), t.title),
        ];
        for n in 0..=10u8 {
            let style = if value == Some(n) { t.selected } else { t.dim };
            spans.push(Span::styled(format!("{n}"), style));
            spans.push(Span::raw(" "));
        }
        spans.push(Span::styled(
            value.map_or("  (not given)".to_string(), |n| format!("  {n}/10")),
            t.text,
        ));
        rows.push(Line::from(spans));
        let here = value.and_then(|n| Vocabulary::anchor(anchors, n));
        for (at, text) in anchors {
            let style = if Some(text.as_str()) == here {
                t.text
            } else {
                t.dim
            };
            rows.push(Line::styled(format!("      {at:>2}  {text}"), style));
        }
        rows.push(Line::raw(""));
    }
    rows.push(Line::styled(
        "Type a number (1 then 0 for 10), or ←/→ and Enter. Tab skips; F2 shows where to get support.",
        t.dim,
    ));
    rows
}

/// The body art with each region's letter highlighted once it has a sensation, and the
/// cursor's region reversed.
fn art(flow: &CheckinFlow, t: &Theme) -> Vec<Line<'static>> {
    let regions = flow.regions();
    let felt = |key: char| {
        regions
            .iter()
            .find(|r| r.2 == Some(key))
            .is_some_and(|r| flow.checkin.in_region(&r.0).next().is_some())
    };
    let cursor_key = regions.get(flow.region).and_then(|r| r.2);
    body_map::lines(t.dim, |c| {
        if Some(c) == cursor_key {
            t.selected
        } else if felt(c) {
            t.notice
        } else {
            t.text
        }
    })
}

fn body_step(flow: &CheckinFlow, area: Rect, buf: &mut Buffer, t: &Theme) {
    let art_w = body_map::WIDTH;
    // A picker needs the width more than the art does in a narrow window.
    let show_art = area.width >= 76 || (area.width >= 50 && flow.picker.is_none());
    if show_art {
        Paragraph::new(art(flow, t)).render(
            Rect {
                width: art_w.min(area.width),
                ..area
            },
            buf,
        );
    }
    let right = if show_art {
        Rect {
            x: area.x + art_w,
            width: area.width - art_w,
            ..area
        }
    } else {
        area
    };
    match flow.picker {
        Some(p) => lines(picker(flow, p, t, right.width)).render(right, buf),
        None => lines(region_list(flow, right.height, t)).render(right, buf),
    }
}

fn region_list(flow: &CheckinFlow, height: u16, t: &Theme) -> Vec<Line<'static>> {
    let mut rows = vec![Line::styled(
        "Where do you notice something? Press a region's letter.",
        t.text,
    )];
    let regions = flow.regions();
    let room = usize::from(height).saturating_sub(2).max(1);
    let start = flow.region.saturating_sub(room.saturating_sub(1));
    for (i, (id, label, key)) in regions.iter().enumerate().skip(start).take(room) {
        let felt: Vec<String> = flow
            .checkin
            .in_region(id)
            .map(|s| format!("{} {}", humanise(&s.sensation), s.intensity))
            .collect();
        let marker = if i == flow.region { "›" } else { " " };
        let key = key.map_or(' ', |k| k);
        let style = if felt.is_empty() { t.text } else { t.notice };
        rows.push(Line::from(vec![
            Span::styled(format!("{marker}{key} "), t.key),
            Span::styled(format!("{label:<18}"), style),
            Span::styled(felt.join(", "), t.notice),
        ]));
    }
    rows.push(Line::styled(
        "x nothing noticed · b guided scan · +/- intensity",
        t.dim,
    ));
    rows
}

fn picker(flow: &CheckinFlow, p: Picker, t: &Theme, width: u16) -> Vec<Line<'static>> {
    let regions = flow.regions();
    let region = regions.get(p.region);
    let label = region.map_or_else(String::new, |r| r.1.clone());
    let mut rows = Vec::new();
    if p.scan {
        rows.push(Line::styled(
            format!(
                "Guided scan · {} of {}",
                p.region + 1,
                flow.vocab.regions.len()
            ),
            t.heading,
        ));
        let scan = flow
            .vocab
            .regions
            .get(p.region)
            .map_or("", |r| r.scan.as_str());
        rows.push(Line::styled(scan.to_string(), t.text));
    } else {
        rows.push(Line::styled(
            format!("{label}: what is it like?"),
            t.heading,
        ));
    }
    if let Some(r) = region {
        let felt: Vec<String> = flow
            .checkin
            .in_region(&r.0)
            .map(|s| format!("{} ({}/3)", humanise(&s.sensation), s.intensity))
            .collect();
        if !felt.is_empty() {
            rows.push(Line::styled(
                format!("noticed: {}", felt.join(", ")),
                t.notice,
            ));
        }
    }
    rows.push(Line::raw(""));
    // Group lines are cut to the width (never wrapped); with a group open only it is shown,
    // so its letters stay in view in a small window.
    let room = usize::from(width).saturating_sub(20).max(1);
    for (i, g) in flow.vocab.sensation_groups.iter().enumerate() {
        let open = p.group == Some(i);
        if p.group.is_some() && !open {
            continue;
        }
        let words: Vec<String> = g.words.iter().map(|w| humanise(w)).collect();
        rows.push(Line::from(vec![
            Span::styled(format!("{} ", i + 1), t.key),
            Span::styled(
                format!("{:<17}", g.label),
                if open { t.selected } else { t.text },
            ),
            Span::styled(crate::text::truncate(&words.join(" "), room), t.dim),
        ]));
    }
    if let Some(g) = p.group.and_then(|g| flow.vocab.sensation_groups.get(g)) {
        let cells = g
            .words
            .iter()
            .enumerate()
            .map(|(i, w)| lettered(i, humanise(w), t.text, t))
            .collect();
        rows.extend(grid(cells, 16, width));
        rows.push(Line::styled("1-7: another group", t.dim));
    }
    rows.push(Line::raw(""));
    rows.push(Line::styled(
        if p.scan {
            "Number: group, letter: word; n or Enter: next region; Esc ends the scan."
        } else {
            "A number opens a group, a letter picks a word; +/- intensity."
        },
        t.dim,
    ));
    rows
}

/// The four quarters of the emotion grid: two rows of two where they fit, else one a line.
fn quadrants(flow: &CheckinFlow, t: &Theme, width: u16) -> Vec<Line<'static>> {
    let v = &flow.vocab;
    let mut rows = Vec::new();
    if width < 76 {
        // One line a quarter when the grid does not fit.
        for (q, g) in v.emotion_quadrants.iter().enumerate() {
            let open = flow.quadrant == Some(q);
            let words: Vec<String> = g.words.iter().take(3).map(|w| humanise(w)).collect();
            let text = format!("{}: {} …", g.label, words.join(", "));
            rows.push(Line::from(vec![
                Span::styled(format!("{} ", q + 1), if open { t.selected } else { t.key }),
                Span::styled(
                    crate::text::truncate(&text, usize::from(width).saturating_sub(3)),
                    t.dim,
                ),
            ]));
        }
    } else {
        rows.push(Line::styled(
            "              unpleasant                      pleasant",
            t.dim,
        ));
    }
    for pair in [(0usize, 1usize), (2, 3)]
        .into_iter()
        .filter(|_| width >= 76)
    {
        let energy = if pair.0 == 0 {
            "high energy "
        } else {
            "low energy  "
        };
        let cell = |q: usize| -> Vec<Span<'static>> {
            let Some(g) = v.emotion_quadrants.get(q) else {
                return Vec::new();
            };
            let open = flow.quadrant == Some(q);
            let head = Span::styled(format!("{} ", q + 1), if open { t.selected } else { t.key });
            let words: Vec<String> = g.words.iter().take(3).map(|w| humanise(w)).collect();
            vec![
                head,
                Span::styled(format!("{:<30}", words.join(", ") + " …"), t.dim),
            ]
        };
        let mut spans = vec![Span::styled(energy, t.dim)];
        spans.extend(cell(pair.0));
        spans.extend(cell(pair.1));
        rows.push(Line::from(spans));
    }
    rows
}

fn emotions(flow: &CheckinFlow, t: &Theme, width: u16) -> Vec<Line<'static>> {
    let v = &flow.vocab;
    let chosen = |w: &str| flow.checkin.emotions.iter().any(|e| e.word == w);
    let mut rows = vec![Line::styled(
        "How pleasant, how much energy? A number, then a letter; / to type a word.",
        t.text,
    )];
    rows.extend(quadrants(flow, t, width));
    rows.push(Line::raw(""));
    if let Some(f) = &flow.filter {
        rows.push(Line::from(vec![
            Span::styled("/ ", t.key),
            Span::styled(format!("{f}▏"), t.text),
            Span::styled("  Enter picks the first · Esc stops typing", t.dim),
        ]));
        let found: Vec<String> = flow.filtered().iter().map(|w| humanise(w)).collect();
        rows.push(Line::styled(found.join(", "), t.text));
    } else if let Some(g) = flow.quadrant.and_then(|q| v.emotion_quadrants.get(q)) {
        rows.push(Line::styled(g.label.clone(), t.heading));
        let cells = g
            .words
            .iter()
            .enumerate()
            .map(|(i, w)| {
                let style = if chosen(w) { t.selected } else { t.text };
                lettered(i, humanise(w), style, t)
            })
            .collect();
        rows.extend(grid(cells, 16, width));
    }
    rows.push(Line::raw(""));
    let picked: Vec<String> = flow.checkin.emotions.iter().map(|e| e.describe()).collect();
    rows.push(Line::from(vec![
        Span::styled("Chosen: ", t.dim),
        Span::styled(
            if picked.is_empty() {
                "none yet".to_string()
            } else {
                picked.join(", ")
            },
            t.notice,
        ),
    ]));
    rows.push(Line::styled(
        "+/- intensity of the last · Backspace removes it · Enter or Tab: next step",
        t.dim,
    ));
    rows
}

fn context(flow: &CheckinFlow, t: &Theme, width: u16) -> Vec<Line<'static>> {
    let v = &flow.vocab;
    let mut rows = vec![Line::styled("What kind of work was it? (a letter)", t.text)];
    let cells = v
        .contexts
        .iter()
        .enumerate()
        .map(|(i, c)| {
            let on = flow.context.as_deref() == Some(c.id.as_str());
            lettered(i, c.label.clone(), if on { t.selected } else { t.text }, t)
        })
        .collect();
    rows.extend(grid(cells, 20, width));
    if let Some(c) = &flow.context
        && !v.contexts.iter().any(|k| k.id == *c)
    {
        rows.push(Line::styled(
            format!("  (now: {})", v.label(List::Contexts, c)),
            t.notice,
        ));
    }
    rows.push(Line::raw(""));
    rows.push(Line::styled(
        "Did anything make it harder? (a number; any, or none)",
        t.text,
    ));
    let cells = v
        .flags
        .iter()
        .take(9)
        .enumerate()
        .map(|(i, f)| {
            let on = flow.checkin.difficulties.contains(&f.id);
            vec![
                Span::styled(format!("{} ", i + 1), t.key),
                Span::styled(
                    format!("{} {}", if on { "[x]" } else { "[ ]" }, f.label),
                    if on { t.selected } else { t.text },
                ),
            ]
        })
        .collect();
    rows.extend(grid(cells, 28, width));
    rows.push(Line::styled(
        "Enter or Tab: next step · Ctrl-S saves now",
        t.dim,
    ));
    rows
}
