//! One module per screen: its state, how its input changes it, what it asks for, and how it
//! is drawn. Each is listed once in [`crate::tui::screen::Screen`].

pub mod dialogs;
pub mod fields;
pub mod form;
pub mod form_view;
pub mod help;
pub mod keeper;
pub mod list;
pub mod reader;
pub mod search;
