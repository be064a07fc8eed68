#![no_main]
//! What is checked: `debrief::fuzzing::jrnl_json`.

libfuzzer_sys::fuzz_target!(|data: &[u8]| debrief::fuzzing::jrnl_json(data));
