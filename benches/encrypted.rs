//! The same journal plain and encrypted (SQLCipher, its default key derivation), side by
//! side inside one process: opening (where the key derivation is paid, once a process), and
//! once open, add, list the newest 50, search a rare word and a common phrase, and a tag
//! filter. Each process opens cold, so these measure warm pages; `scripts/bench-encrypted.sh`
//! measures whole processes. Journals are the cached ones of `benches/journal.rs`, with an
//! encrypted copy beside each.
//!
//! `cargo bench --bench encrypted`; `DEBRIEF_BENCH_SIZES=1000,10000` picks sizes.

#[path = "support/corpus.rs"]
mod corpus;
#[path = "support/shared.rs"]
mod shared;

use std::path::PathBuf;
use std::time::Duration;

use criterion::{BenchmarkId, Criterion, criterion_group, criterion_main};
use debrief::clock::Clock;
use debrief::domain::{EntryContent, EntryFilter, Tag};
use debrief::secret::Passphrase;
use debrief::storage::Store;

use shared::{options, sizes};

fn passphrase() -> Passphrase {
    Passphrase::new("a passphrase for the benchmark".into()).expect("passphrase")
}

/// The cached plain journal for `n` entries and its encrypted copy, built on first use.
fn journals(n: usize) -> (PathBuf, PathBuf) {
    let plain = shared::journal(n);
    let dir = plain.parent().expect("dir").to_path_buf();
    let name = format!("corpus-v{}-{}-{n}", corpus::VERSION, corpus::SEED);
    let encrypted = dir.join(format!("{name}-encrypted.db"));
    if !encrypted.exists() {
        let tmp = dir.join(format!("{name}-encrypting.db"));
        let _ = std::fs::remove_file(&tmp);
        std::fs::copy(&plain, &tmp).expect("copy");
        Store::open(&tmp, &options(&dir, None))
            .expect("open")
            .change_encryption(Some(&passphrase()))
            .expect("encrypt");
        std::fs::rename(&tmp, &encrypted).expect("rename");
    }
    (plain, encrypted)
}

fn bench(c: &mut Criterion) {
    for n in sizes() {
        let (plain, encrypted) = journals(n);
        let dir = plain.parent().expect("dir").to_path_buf();
        let mut group = c.benchmark_group(format!("{n} entries, plain and encrypted"));
        group
            .sample_size(20)
            .measurement_time(Duration::from_secs(3));
        for (label, path, key) in [
            ("plain", &plain, None),
            ("encrypted", &encrypted, Some(passphrase())),
        ] {
            let opts = options(&dir, key.clone());
            group.bench_function(BenchmarkId::new(format!("open, {label}"), n), |b| {
                b.iter(|| Store::open(path, &opts).expect("open"))
            });
            let store = Store::open(path, &opts).expect("open");
            let all = EntryFilter::default();
            group.bench_function(
                BenchmarkId::new(format!("list newest 50, {label}"), n),
                |b| b.iter(|| store.list(&all, 50).expect("list")),
            );
            for (what, words) in [
                ("rare word", corpus::RARE_WORD),
                ("common phrase", corpus::COMMON_PHRASE),
            ] {
                group.bench_function(
                    BenchmarkId::new(format!("search {what}, {label}"), n),
                    |b| b.iter(|| store.search(words, false, &all, 50).expect("search")),
                );
            }
            let tagged = EntryFilter {
                tags: vec![Tag::parse(corpus::FILTER_TAG).expect("tag")],
                ..Default::default()
            };
            group.bench_function(
                BenchmarkId::new(format!("tag filter newest 50, {label}"), n),
                |b| b.iter(|| store.list(&tagged, 50).expect("list")),
            );
            // Adding writes to a copy (made with the backup API, so under the same key).
            let copy = dir.join(format!("add-{label}-{n}.db"));
            let _ = std::fs::remove_file(&copy);
            store.backup_to(&copy).expect("copy");
            drop(store);
            let mut store = Store::open(&copy, &opts).expect("open copy");
            let content = EntryContent::text("A short note after the visit #home-visit");
            let clock = Clock::system();
            group.bench_function(BenchmarkId::new(format!("add, {label}"), n), |b| {
                b.iter(|| {
                    store
                        .add_entry(&content, clock.now(), 0, clock.now())
                        .expect("add")
                })
            });
            drop(store);
            let _ = std::fs::remove_file(&copy);
        }
        group.finish();
    }
}

criterion_group!(benches, bench);
criterion_main!(benches);
