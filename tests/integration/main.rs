//! debrief's one integration-test binary. What goes where:
//! - `cli`: the real `debrief` binary on a temporary journal (assert_cmd), every command and bad input;
//! - `storage_props`: property tests (write/read round trip, the search index after any changes);
//! - `storage_story`: a journal file's life through the library (create, migrate, add, search, trash, reopen);
//! - `tui`: the terminal interface on a TestBackend (snapshots, key handling, whole flows);
//! - `boundaries`: the core never mentions the terminal.

mod boundaries;
mod cli;
mod storage_props;
mod storage_story;
mod tui;
