//! The journal: one function per user action (saving an entry of any kind, fixing what the
//! guard found, reading the dates an action is given, CPD records and the year's status), which both front ends call. Every
//! rule of an action lives here once; the CLI parses and prints, the interface turns keys
//! into requests and results into screens, and neither puts the rules together itself.
//!
//! Below it: [`crate::storage`] (the only SQL) and the pure core ([`crate::domain`],
//! [`crate::privacy`], ...). Above it: the two front ends, the command line and the interface.

pub mod cpd;
pub mod dates;
pub mod entries;
pub mod guard;
pub mod pack;
pub mod save;

pub use dates::{Dates, Moment};
pub use save::{Save, Saved, SessionSaved, Target};
