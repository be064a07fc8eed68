//! The store's unit tests run on a plain journal and on an encrypted one alike:
//! [`each_keying`] hands a test each in turn (the encrypted one a file: memory is never
//! encrypted).

use std::time::Duration;

use chrono::DateTime;

use super::{Store, StoreOptions};
use crate::secret::Passphrase;

/// Run `test` on a new plain journal in memory, then on a new journal in a file encrypted
/// under a raw 256-bit key (SQLCipher's `x'…'` form: pages encrypted as under a passphrase,
/// without the key derivation's 125 ms a test).
pub(crate) fn each_keying(mut test: impl FnMut(&mut Store)) {
    test(&mut Store::open_in_memory().expect("store in memory"));
    let dir = tempfile::tempdir().expect("temporary folder");
    let options = StoreOptions {
        key: Some(Passphrase::new(format!("x'{}'", "a7".repeat(32))).expect("raw key")),
        backups: dir.path().join("backups"),
        busy_timeout: Duration::from_millis(500),
        now: DateTime::from_timestamp(1_800_000_000, 0).expect("a time"),
    };
    let mut store = Store::open(&dir.path().join("j.db"), &options).expect("encrypted store");
    assert!(store.key().is_some(), "the test journal is not encrypted");
    test(&mut store);
}
