//! Reusable pieces of screen: the day-grouped entry list, the stress bar, the key hint bar,
//! the body map, the grid of stress values, and presentation spans as ratatui lines.

pub mod body_map;
pub mod entry_list;
pub mod heat;
pub mod hints;
pub mod stress_bar;
pub mod text;
