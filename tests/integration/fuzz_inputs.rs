//! The inputs kept from fuzzing (`tests/fuzz-inputs/<target>/`: seeds, and what the fuzzers
//! found worth keeping) replayed through the same checks the fuzz targets run
//! (`debrief::fuzzing`), so a fixed crash stays fixed without cargo-fuzz.

use std::path::Path;

#[test]
fn every_kept_fuzz_input_passes_its_check() {
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
            let outcome = std::panic::catch_unwind(|| check(&data));
            assert!(outcome.is_ok(), "{name} fails on {}", file.display());
        }
    }
}
