#![no_main]
//! What is checked: `debrief::fuzzing::template_toml`.

libfuzzer_sys::fuzz_target!(|data: &[u8]| debrief::fuzzing::template_toml(data));
