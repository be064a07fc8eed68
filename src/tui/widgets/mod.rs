//! Reusable pieces of screen: the day-grouped entry list, the stress bar, the key hint bar.

pub mod entry_list;
pub mod hints;
pub mod stress_bar;
