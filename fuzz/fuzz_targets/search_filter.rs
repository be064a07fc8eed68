#![no_main]
//! What is checked: `debrief::fuzzing::search_filter`.

libfuzzer_sys::fuzz_target!(|data: &[u8]| debrief::fuzzing::search_filter(data));
