//! A grid of mean stress values, one cell each, for the weekday-by-hour heatmap and the
//! calendar. Every cell shows its number; colour only repeats what the number says.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::{Modifier, Style};
use ratatui::widgets::Widget;

use crate::tui::theme::Theme;

/// One cell of the grid.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Cell {
    /// Not part of the grid (the 31st of a 30-day month).
    Blank,
    /// No figure: no rating, or too few to show.
    Empty,
    /// A mean stress, in tenths.
    Value(u32),
}

/// A labelled row of cells.
pub struct HeatRow {
    pub label: String,
    pub cells: Vec<Cell>,
}

/// Rows of cells, `cell_width` columns each (1 shows 10 as X).
pub struct HeatGrid<'a> {
    pub rows: &'a [HeatRow],
    pub label_width: u16,
    pub cell_width: u16,
    pub theme: &'a Theme,
}

/// The widest cell (3, 2 or 1 columns) that fits `cells` in `width` after the labels.
pub fn cell_width(width: u16, label_width: u16, cells: u16) -> u16 {
    (1..=3)
        .rev()
        .find(|w| label_width + cells * w <= width)
        .unwrap_or(1)
}

/// The text and style of a cell.
pub fn cell_text(cell: Cell, width: u16, theme: &Theme) -> (String, Style) {
    let w = usize::from(width);
    match cell {
        Cell::Blank => (" ".repeat(w), Style::new()),
        Cell::Empty => (format!("{:>w$}", "·"), theme.dim),
        Cell::Value(tenths) => {
            let rounded = ((tenths + 5) / 10).min(10);
            let text = match (rounded, w) {
                (10, 1) => "X".to_string(),
                (v, _) => format!("{v:>w$}"),
            };
            (text, heat_style(theme, rounded as u8))
        }
    }
}

/// A stress value's style as a filled cell: the band's colour as background where the theme
/// has colours, else its plain emphasis.
pub fn heat_style(theme: &Theme, value: u8) -> Style {
    let s = theme.stress(value);
    if s.fg.is_some() {
        s.add_modifier(Modifier::REVERSED)
    } else {
        s
    }
}

impl Widget for HeatGrid<'_> {
    fn render(self, area: Rect, buf: &mut Buffer) {
        for (y, row) in self.rows.iter().enumerate().take(usize::from(area.height)) {
            let y = area.y + y as u16;
            buf.set_stringn(
                area.x,
                y,
                &row.label,
                usize::from(self.label_width.min(area.width)),
                self.theme.text,
            );
            for (i, cell) in row.cells.iter().enumerate() {
                let x = self.label_width + i as u16 * self.cell_width;
                if x + self.cell_width > area.width {
                    break;
                }
                let (text, style) = cell_text(*cell, self.cell_width, self.theme);
                buf.set_string(area.x + x, y, text, style);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cells_carry_their_number() {
        let t = Theme::plain();
        assert_eq!(cell_text(Cell::Value(54), 2, &t).0, " 5");
        assert_eq!(cell_text(Cell::Value(96), 3, &t).0, " 10");
        assert_eq!(cell_text(Cell::Value(100), 1, &t).0, "X");
        assert_eq!(cell_text(Cell::Empty, 2, &t).0, " ·");
        assert_eq!(cell_text(Cell::Blank, 3, &t).0, "   ");
        assert_eq!(cell_width(80, 5, 24), 3);
        assert_eq!(cell_width(60, 5, 24), 2);
        assert_eq!(cell_width(20, 5, 24), 1);
    }
}
