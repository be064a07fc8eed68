//! Exchange formats: the stable JSON record of an entry used by `--json` output (and by
//! export and import). Pure (de)serialisation; storage is reached only through [`crate::storage::Store`].

pub mod record;

pub use record::{EntryRecord, SummaryRecord, session_action_json};
