//! The Trends screen's grids: the calendar ("year in pixels", a number in every day's cell)
//! and the weekday-by-hour heatmap, both drawn with the heat grid widget.

use std::collections::HashMap;

use chrono::{Datelike, Duration, NaiveDate};
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::Line;
use ratatui::widgets::{Paragraph, Widget, Wrap};

use super::view::{below, row};
use crate::analytics::Trends;
use crate::tui::msg::TrendsLoaded;
use crate::tui::theme::Theme;
use crate::tui::widgets::heat::{Cell, HeatGrid, HeatRow, cell_width};

const WEEKDAYS: [&str; 7] = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"];

/// Months as rows, days as columns, each day's mean stress in its cell; the newest months
/// at the bottom, older ones a scroll up.
pub(super) fn calendar(l: &TrendsLoaded, scroll: u16, area: Rect, buf: &mut Buffer, t: &Theme) {
    let means: HashMap<NaiveDate, u32> = l
        .trends
        .days
        .iter()
        .map(|d| (d.day, d.mean_tenths))
        .collect();
    let (from, last) = (l.from, l.to);
    let first = from.with_day(1).unwrap_or(from);
    let mut months = Vec::new();
    let mut m = first;
    while m <= last {
        months.push(m);
        m = m
            .checked_add_months(chrono::Months::new(1))
            .unwrap_or(last + Duration::days(1));
    }
    let label_w = 9;
    let cw = cell_width(area.width, label_w, 31);
    let room = usize::from(area.height.saturating_sub(3));
    // `scroll` months back from the newest, no further than the first.
    let skip = months
        .len()
        .saturating_sub(room)
        .saturating_sub(usize::from(scroll));
    let rows: Vec<HeatRow> = months
        .iter()
        .skip(skip)
        .take(room)
        .map(|m| HeatRow {
            label: m.format("%b %Y").to_string(),
            cells: (1..=31)
                .map(|d| match m.with_day(d) {
                    Some(day) if (from..=last).contains(&day) => {
                        means.get(&day).map_or(Cell::Empty, |v| Cell::Value(*v))
                    }
                    _ => Cell::Blank,
                })
                .collect(),
        })
        .collect();
    // Every day numbered in wide cells; the 1st and every fifth day in narrow ones.
    let header: String = (1..=31u16)
        .map(|d| match cw {
            3 => format!("{d:>3}"),
            w if d == 1 || d % 5 == 0 => format!("{d:<w$}", w = usize::from(w)),
            w => " ".repeat(usize::from(w)),
        })
        .collect();
    grid(&header, &rows, (label_w, cw), area, buf, t);
    // Short in a narrow window, where the cells are narrow too.
    let mut legend = match cw {
        1 => "· no rating, X is 10".to_string(),
        _ => "Each day's mean stress; · no rating".to_string(),
    };
    if months.len() > room {
        legend.push_str(&format!(
            " · ↑ older, ↓ newer ({} months in all)",
            months.len()
        ));
    }
    Line::styled(legend, t.dim).render(row(area, rows.len() as u16 + 2), buf);
}

/// Mean stress by weekday and hour of writing.
pub(super) fn when(tr: &Trends, area: Rect, buf: &mut Buffer, t: &Theme) {
    let label_w = 5;
    let cw = cell_width(area.width, label_w, 24);
    let header: String = (0..24u16)
        .map(|h| match (cw, h % 3) {
            (3, _) => format!("{h:>3}"),
            (1, 0) if h < 10 => h.to_string(),
            (1, _) => " ".to_string(),
            (w, 0) => format!("{h:<w$}", w = usize::from(w)),
            (w, _) => " ".repeat(usize::from(w)),
        })
        .collect();
    let rows: Vec<HeatRow> = tr
        .heatmap
        .cells
        .iter()
        .enumerate()
        .map(|(d, cells)| HeatRow {
            label: WEEKDAYS[d].to_string(),
            cells: cells
                .iter()
                .map(|f| f.mean_tenths.map_or(Cell::Empty, Cell::Value))
                .collect(),
        })
        .collect();
    grid(&header, &rows, (label_w, cw), area, buf, t);
    Paragraph::new(Line::styled(
        "Mean stress by weekday and hour of writing (your clock then); · fewer than 5 ratings.",
        t.dim,
    ))
    .wrap(Wrap { trim: false })
    .render(below(area, 9), buf);
}

/// The column numbers over the rows of the grid.
fn grid(
    header: &str,
    rows: &[HeatRow],
    (label_width, cell_width): (u16, u16),
    area: Rect,
    buf: &mut Buffer,
    t: &Theme,
) {
    let pad = " ".repeat(usize::from(label_width));
    Line::styled(format!("{pad}{header}"), t.dim).render(row(area, 0), buf);
    HeatGrid {
        rows,
        label_width,
        cell_width,
        theme: t,
    }
    .render(below(area, 1), buf);
}
