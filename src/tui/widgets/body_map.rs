//! The text-art body, head to feet, shared by the check-in (where each letter is the key of a
//! region) and the Trends screen (where a letter is styled by how often its region came up).

use ratatui::style::Style;
use ratatui::text::{Line, Span};

/// The body. Each letter is the key of the region drawn there.
pub const BODY_ART: [&str; 14] = [
    "     .-h-.     ",
    "     ( e )     ",
    "      \\j/      ",
    "     n|t|      ",
    " .s---+-+---s. ",
    " /|  c   r  |\\ ",
    "a |    u    | a",
    "| |    m    | |",
    "d |    l    | d",
    "  '---.p.---'  ",
    "      | |      ",
    "     g| |g     ",
    "     k| |k     ",
    "     f   f     ",
];

/// The columns the art takes, with a space after it.
pub const WIDTH: u16 = 17;

/// The art as lines: lines and corners in `outline`, each region letter in `region(letter)`.
pub fn lines(outline: Style, region: impl Fn(char) -> Style) -> Vec<Line<'static>> {
    BODY_ART
        .iter()
        .map(|row| {
            Line::from(
                row.chars()
                    .map(|c| {
                        let style = if c.is_ascii_lowercase() {
                            region(c)
                        } else {
                            outline
                        };
                        Span::styled(c.to_string(), style)
                    })
                    .collect::<Vec<_>>(),
            )
        })
        .collect()
}

/// Where a region's letter first appears in the art (column, row).
pub fn position(key: char) -> Option<(u16, u16)> {
    BODY_ART.iter().enumerate().find_map(|(y, row)| {
        row.chars()
            .position(|c| c == key)
            .map(|x| (x as u16, y as u16))
    })
}
