//! debrief's one integration-test binary. What goes where:
//! - `cli`: the real `debrief` binary on a temporary journal (assert_cmd), every command and bad input;
//! - `checkin_cli`: `debrief checkin`, `log` and `vocab`, every valid and invalid input;
//! - `cpd_cli`: CPD records, the registration year and the requirement from the settings;
//! - `cli_exits`: exit codes, closed pipes, colour, dates, guided reflections in `$EDITOR`;
//! - `json_schema`: the JSON printed is what `docs/json/*.schema.json` documents;
//! - `learn_cli`: `debrief learn`, learning activities with and without a reflection;
//! - `migrations`: journals made by an earlier schema opened by this one, nothing lost;
//! - `review_cli`: `debrief review`, questions quoting the journal, text and JSON;
//! - `reliability`: attacks on the loss paths (busy or vanished journal, two windows, foreign files);
//! - `storage_props`: property tests (write/read round trip, the search index after any changes);
//! - `storage_story`: a journal file's life through the library (create, migrate, add, search, trash, reopen);
//! - `templates_cli`: reflective templates listed, shown, added by the user, written with;
//! - `tui`: the terminal interface on a TestBackend (snapshots, whole flows, fixed defects);
//! - `boundaries`: the shape of the code (core and front ends apart, file sizes, key table).

mod backup_cli;
mod boundaries;
mod check_cli;
mod checkin_cli;
mod cli;
mod cli_exits;
mod cpd_cli;
mod encryption_cli;
mod json_schema;
mod learn_cli;
mod migrations;
mod reliability;
mod review_cli;
mod storage_props;
mod storage_story;
mod supervision_cli;
mod supervision_store;
mod templates_cli;
mod transfer_cli;
mod trends_cli;
mod tui;
