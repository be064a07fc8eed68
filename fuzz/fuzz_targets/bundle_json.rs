#![no_main]
//! What is checked: `debrief::fuzzing::bundle_json`.

libfuzzer_sys::fuzz_target!(|data: &[u8]| debrief::fuzzing::bundle_json(data));
