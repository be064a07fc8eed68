#![no_main]
//! What is checked: `debrief::fuzzing::date_words`.

libfuzzer_sys::fuzz_target!(|data: &[u8]| debrief::fuzzing::date_words(data));
