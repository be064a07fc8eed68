//! The inputs kept from fuzzing (`tests/fuzz-inputs/<target>/`: seeds, and what the fuzzers
//! found worth keeping, in `kept.hex`) replayed through the same checks the fuzz targets run
//! (`debrief::fuzzing`), so a fixed crash stays fixed without cargo-fuzz.

use std::path::Path;

#[test]
fn every_kept_fuzz_input_passes_its_check() {
    // On a thread with a main thread's stack (8 MiB), where debrief reads these files: a
    // test thread's 2 MiB is too little for the deepest nesting the parsers accept (about
    // 128 levels) in an unoptimised build.
    std::thread::Builder::new()
        .stack_size(8 << 20)
        .spawn(replay_every_kept_input)
        .expect("thread")
        .join()
        .expect("every kept input passes");
}

fn replay_every_kept_input() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fuzz-inputs");
    for (name, check) in debrief::fuzzing::TARGETS {
        let dir = root.join(name);
        let mut files: Vec<_> = std::fs::read_dir(&dir)
            .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
            .flatten()
            .map(|e| e.path())
            .collect();
        files.sort();
        assert!(!files.is_empty(), "no inputs kept for {name}");
        for file in files {
            let data = std::fs::read(&file).expect("read");
            // kept.hex: inputs kept from a fuzzer's corpus, one a line (fuzz/keep.py).
            let inputs: Vec<Vec<u8>> = match file.file_name().is_some_and(|n| n == "kept.hex") {
                true => String::from_utf8(data)
                    .expect("hex")
                    .lines()
                    .map(unhex)
                    .collect(),
                false => vec![data],
            };
            for (line, input) in inputs.iter().enumerate() {
                let outcome = std::panic::catch_unwind(|| check(input));
                assert!(
                    outcome.is_ok(),
                    "{name} fails on {} (input {})",
                    file.display(),
                    line + 1
                );
            }
        }
    }
}

/// Bytes from their hex digits.
fn unhex(line: &str) -> Vec<u8> {
    (0..line.len())
        .step_by(2)
        .map(|i| u8::from_str_radix(&line[i..i + 2], 16).expect("hex digits"))
        .collect()
}
