//! What every command receives: resolved paths, the clock, output styling, and a way to open
//! the journal.

use std::time::Duration;

use crate::clock::Clock;
use crate::paths::Paths;
use crate::storage::{DEFAULT_BUSY_TIMEOUT, Store, StoreOptions};

use super::output::Style;

/// Environment variable to shorten the busy timeout (milliseconds), mainly for tests.
pub const BUSY_TIMEOUT_ENV: &str = "DEBRIEF_BUSY_TIMEOUT_MS";

/// Shared state for one command run.
#[derive(Debug)]
pub struct Context {
    pub paths: Paths,
    pub clock: Clock,
    pub style: Style,
    pub busy_timeout: Duration,
}

impl Context {
    /// A context for this process: system clock, styling from the terminal and `NO_COLOR`.
    pub fn from_env(paths: Paths) -> Context {
        let busy_timeout = std::env::var(BUSY_TIMEOUT_ENV)
            .ok()
            .and_then(|v| v.parse::<u64>().ok())
            .map(Duration::from_millis)
            .unwrap_or(DEFAULT_BUSY_TIMEOUT);
        Context {
            paths,
            clock: Clock::system(),
            style: Style::detect(),
            busy_timeout,
        }
    }

    /// Open the journal (creating and migrating it as needed).
    pub fn open_store(&self) -> crate::Result<Store> {
        Store::open(&self.paths.journal, &self.store_options())
    }

    pub fn store_options(&self) -> StoreOptions {
        StoreOptions {
            backups: self.paths.backups.clone(),
            busy_timeout: self.busy_timeout,
            now: self.clock.now(),
        }
    }
}
