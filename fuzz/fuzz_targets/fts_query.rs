#![no_main]
//! What is checked: `debrief::fuzzing::fts_query`.

libfuzzer_sys::fuzz_target!(|data: &[u8]| debrief::fuzzing::fts_query(data));
