//! What the benchmarks share: the sizes to run (`DEBRIEF_BENCH_SIZES`), the options to open a
//! journal with, and the generated journal for a size, cached under `target/debrief-bench/`.

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use debrief::secret::Passphrase;
use debrief::storage::StoreOptions;

use super::corpus;

/// The journal sizes to run: all three, or those in `DEBRIEF_BENCH_SIZES=1000,10000`.
pub fn sizes() -> Vec<usize> {
    std::env::var("DEBRIEF_BENCH_SIZES")
        .ok()
        .map(|s| s.split(',').filter_map(|n| n.trim().parse().ok()).collect())
        .unwrap_or_else(|| vec![1_000, 10_000, 100_000])
}

/// Options for a journal whose backups go in `dir`, under `key` when encrypted.
pub fn options(dir: &Path, key: Option<Passphrase>) -> StoreOptions {
    StoreOptions {
        key,
        backups: dir.join("backups"),
        busy_timeout: Duration::from_secs(5),
        now: debrief::clock::Clock::system().now(),
    }
}

/// The cached journal for `n` entries, built on first use.
pub fn journal(n: usize) -> PathBuf {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("target")
        .join("debrief-bench");
    std::fs::create_dir_all(&dir).expect("bench dir");
    let path = dir.join(format!(
        "corpus-v{}-{}-{n}.db",
        corpus::VERSION,
        corpus::SEED
    ));
    if !path.exists() {
        let tmp = path.with_extension("partial");
        let _ = std::fs::remove_file(&tmp);
        let started = Instant::now();
        corpus::build_journal(&tmp, &corpus::entries(n, corpus::SEED)).expect("build journal");
        std::fs::rename(&tmp, &path).expect("rename");
        eprintln!("built {n}-entry journal in {:.1?}", started.elapsed());
    }
    path
}
