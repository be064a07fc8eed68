//! One file per screen: its state, how keys change it, and how it is drawn.

pub mod editor;
pub mod reader;
pub mod search;
pub mod timeline;
