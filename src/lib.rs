//! debrief: a private, keyboard-first reflective-practice journal for the terminal.
//!
//! Module map (dependencies point downward only):
//!
//! - [`cli`] and [`tui`]: the two front ends. Only they print or draw.
//! - [`domain`]: entries, check-ins, supervision, tags, dates and validation. Pure.
//! - [`storage`]: the only place with SQL; one [`storage::Store`] owns the connection.
//! - [`transfer`]: the stable JSON record of an entry (and later export/import formats).
//! - [`paths`], [`clock`], [`config`], [`error`]: resolved locations, the one source of "now",
//!   settings, and the core's error type; [`text`]: making journal text safe to print;
//!   [`external_editor`]: handing text to `$VISUAL`/`$EDITOR`.
//!
//! The core (`domain`, `storage`) never mentions the terminal; a test in `tests/` checks it.

pub mod cli;
pub mod clock;
pub mod config;
pub mod domain;
pub mod error;
pub mod external_editor;
pub mod paths;
pub mod storage;
pub mod text;
pub mod transfer;
pub mod tui;

pub use error::{Error, Result};
