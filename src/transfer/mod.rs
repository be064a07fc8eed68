//! Exchange formats: the stable JSON record of an entry used by `--json` output, and the
//! bundle export and import exchange, the readable Markdown and CSV exports, and jrnl's JSON
//! export read for moving in. Pure (de)serialisation; storage is reached only through
//! [`crate::storage::Store`].

pub mod bundle;
pub mod export;
pub mod flat;
pub mod incoming;
pub mod jrnl;
pub mod leaving;
pub mod record;

pub use record::{EntryRecord, SummaryRecord, session_action_json};
