//! Store tests run on a plain journal and on an encrypted one alike: [`Keying`] makes the
//! options and fresh stores for each, and [`plain_and_encrypted!`] turns one test function
//! taking a `Keying` into a test of each. The encrypted one uses a raw 256-bit key (SQLCipher's
//! `x'…'` form), so the tests do not spend the passphrase's key derivation on every open; the
//! pages are encrypted all the same. (In-memory databases are never encrypted, so an
//! encrypted store is always a file.)

use std::path::Path;
use std::time::Duration;

use debrief::secret::Passphrase;
use debrief::storage::{Store, StoreOptions};

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Keying {
    Plain,
    Encrypted,
}

/// A store for a test, with the folder its file lives in (removed when dropped).
pub struct TestStore {
    pub store: Store,
    _dir: Option<tempfile::TempDir>,
}

impl std::ops::Deref for TestStore {
    type Target = Store;
    fn deref(&self) -> &Store {
        &self.store
    }
}

impl std::ops::DerefMut for TestStore {
    fn deref_mut(&mut self) -> &mut Store {
        &mut self.store
    }
}

impl Keying {
    /// The key: none, or a raw one.
    pub fn key(self) -> Option<Passphrase> {
        match self {
            Keying::Plain => None,
            Keying::Encrypted => {
                Some(Passphrase::new(format!("x'{}'", "5a".repeat(32))).expect("raw key"))
            }
        }
    }

    /// Options for a journal whose backups go in `dir`.
    pub fn options(self, dir: &Path) -> StoreOptions {
        StoreOptions {
            key: self.key(),
            backups: dir.join("backups"),
            busy_timeout: Duration::from_millis(500),
            now: chrono::DateTime::from_timestamp(1_800_000_000, 0).expect("time"),
        }
    }

    /// A new, empty journal: in memory when plain, a file under the key when encrypted.
    pub fn fresh(self) -> TestStore {
        match self {
            Keying::Plain => TestStore {
                store: Store::open_in_memory().expect("store"),
                _dir: None,
            },
            Keying::Encrypted => {
                let dir = tempfile::tempdir().expect("tmp");
                let store =
                    Store::open(&dir.path().join("j.db"), &self.options(dir.path())).expect("open");
                assert!(store.key().is_some());
                TestStore {
                    store,
                    _dir: Some(dir),
                }
            }
        }
    }

    /// A bare SQLite connection to the file at `path` (keyed when encrypted), as a test that
    /// writes a journal by hand or damages one needs.
    pub fn raw(self, path: &Path) -> rusqlite::Connection {
        let conn = rusqlite::Connection::open(path).expect("sqlite");
        if let Some(key) = self.key() {
            conn.pragma_update(None, "key", key.expose()).expect("key");
        }
        conn
    }

    /// For an encrypted journal: no file in `dir` (the journal, its -wal and -shm, backups)
    /// holds any of `phrases`. Nothing is checked for a plain one.
    pub fn holds_no(self, dir: &Path, phrases: &[&str]) {
        if self == Keying::Plain {
            return;
        }
        for e in std::fs::read_dir(dir).expect("dir").flatten() {
            let bytes = std::fs::read(e.path()).unwrap_or_default();
            for p in phrases {
                assert!(
                    !bytes.windows(p.len()).any(|w| w == p.as_bytes()),
                    "{p:?} in {}",
                    e.path().display()
                );
            }
        }
    }

    /// Either, for property tests.
    pub fn any() -> impl proptest::strategy::Strategy<Value = Keying> {
        proptest::prop_oneof![
            proptest::strategy::Just(Keying::Plain),
            proptest::strategy::Just(Keying::Encrypted)
        ]
    }
}

/// For each function `name(Keying)`, a module `name` with the tests `plain` and `encrypted`.
macro_rules! plain_and_encrypted {
    ($($name:ident),* $(,)?) => {
        $(
            mod $name {
                #[test]
                fn plain() {
                    super::$name(crate::keying::Keying::Plain)
                }
                #[test]
                fn encrypted() {
                    super::$name(crate::keying::Keying::Encrypted)
                }
            }
        )*
    };
}
pub(crate) use plain_and_encrypted;
