#![no_main]
//! What is checked: `debrief::fuzzing::config_toml`.

libfuzzer_sys::fuzz_target!(|data: &[u8]| debrief::fuzzing::config_toml(data));
