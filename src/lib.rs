//! debrief: a private, keyboard-first reflective-practice journal for the terminal.
//!
//! Where each concern lives (dependencies point downward only; `docs/ARCHITECTURE.md` has
//! the whole picture):
//!
//! - Front ends, side by side: [`cli`] (one file per command: parse, call, print) and [`tui`]
//!   (a stack of screens driven by one runtime). Only they print or draw. Neither imports
//!   the other; both start from a [`session::Session`] (this run's paths, clock, settings
//!   and passphrase) and use [`keys`] and [`present`].
//! - [`journal`]: one function per user action that both front ends call (saving an entry of
//!   any kind, what a supervision note covers, the dates an action is given, the revision an
//!   edit started from, the guard after a save). Rules of an action live there once.
//! - [`present`]: shapes entries, list rows and snippets into sections of spans with roles
//!   (pure); the front ends render them. Also the one colour decision.
//! - [`keys`]: key names, every screen's key table and the settings' overrides (no terminal types).
//! - [`review`] (prompt-driven reviews and the supervision prep pack, gathered from the
//!   store) and [`analytics`] (trends and early-warning signals, folded from rows; pure).
//! - The core, which never mentions the terminal (a test in `tests/` checks it):
//!   [`domain`] (entries with typed details, drafts, tags, dates, supervision across
//!   sessions; pure), [`privacy`] (the confidentiality guard's detectors; pure),
//!   [`storage`] (the only place with SQL; one [`storage::Store`] owns the connection),
//!   [`transfer`] (the JSON record, export and import formats), and the small shared
//!   modules [`paths`], [`clock`] (the only reader of the wall clock), [`config`], [`error`]
//!   (typed errors with exit codes), [`text`] (making journal text safe to print),
//!   [`secret`] (passphrases, wiped after use), [`platform`] (what differs on Unix and
//!   Windows), [`rescue`] (keeping text the journal could not take), [`outfile`] (exports
//!   and other files written whole or not at all), [`bounded`] (reading the passphrase,
//!   settings and template files within bounds), [`user_templates`] (reading the user's
//!   own models from their folder) and [`external_editor`] (handing text to
//!   `$VISUAL`/`$EDITOR`).

pub mod analytics;
pub mod bounded;
pub mod cli;
pub mod clock;
pub mod config;
pub mod domain;
pub mod error;
pub mod external_editor;
#[doc(hidden)]
pub mod fuzzing;
pub mod journal;
pub mod keys;
pub mod outfile;
pub mod paths;
pub mod platform;
pub mod present;
pub mod privacy;
pub mod rescue;
pub mod review;
pub mod secret;
pub mod session;
pub mod storage;
pub mod text;
pub mod transfer;
pub mod tui;
pub mod user_templates;

pub use error::{Error, Result};
