//! Reusable pieces of screen: the day-grouped entry list, the stress bar, the key hint bar,
//! and presentation spans as ratatui lines.

pub mod entry_list;
pub mod hints;
pub mod stress_bar;
pub mod text;
