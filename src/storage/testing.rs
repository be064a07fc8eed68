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

/// Wait until SQLCipher's `sqlcipher_export` is given to every new connection. SQLCipher
/// marks itself initialised a moment before it registers the function for new connections,
/// so a connection a test thread opens while another thread is initialising it can lack the
/// function (the binary opens its first connection alone). Opening connections until one
/// has it closes that moment; it is then there for all.
pub(crate) fn sqlcipher_ready() {
    for _ in 0..10_000 {
        let has = rusqlite::Connection::open_in_memory().and_then(|c| {
            c.query_row(
                "SELECT count(*) FROM pragma_function_list WHERE name = 'sqlcipher_export'",
                [],
                |r| r.get::<_, i64>(0),
            )
        });
        if has.is_ok_and(|n| n > 0) {
            return;
        }
        std::thread::yield_now();
    }
    panic!("sqlcipher_export never became available");
}
