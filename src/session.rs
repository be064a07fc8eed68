//! What both front ends share for one run of debrief: the resolved paths, the clock, the
//! colour choice, how long to wait for a busy journal, and opening the journal and the
//! settings. The CLI and the TUI each take a [`Session`]; neither depends on the other.

use std::time::Duration;

use crate::clock::Clock;
use crate::config::Config;
use crate::paths::Paths;
use crate::present::color::ColorChoice;
use crate::storage::{DEFAULT_BUSY_TIMEOUT, Store, StoreOptions};

/// Environment variable to shorten the busy timeout (milliseconds), mainly for tests.
pub const BUSY_TIMEOUT_ENV: &str = "DEBRIEF_BUSY_TIMEOUT_MS";

/// One run's shared state.
#[derive(Clone, Debug)]
pub struct Session {
    pub paths: Paths,
    pub clock: Clock,
    pub color: ColorChoice,
    pub busy_timeout: Duration,
    /// One line for each of the user's template files that could not be used.
    pub template_problems: Vec<String>,
    /// The settings, read once per run (dates, the vocabulary and the commands all ask).
    config: std::sync::OnceLock<(Config, Option<String>)>,
}

impl Session {
    /// A session for this process: the system clock, the busy timeout from the environment.
    pub fn from_env(paths: Paths, color: ColorChoice) -> Session {
        let busy_timeout = std::env::var(BUSY_TIMEOUT_ENV)
            .ok()
            .and_then(|v| v.parse::<u64>().ok())
            .map(Duration::from_millis)
            .unwrap_or(DEFAULT_BUSY_TIMEOUT);
        // The user's templates join the shipped ones before anything reads a template.
        let (user, template_problems) = crate::domain::templates::load_dir(&paths.templates);
        crate::domain::templates::install(user);
        Session {
            paths,
            clock: Clock::system(),
            color,
            busy_timeout,
            template_problems,
            config: std::sync::OnceLock::new(),
        }
    }

    /// Open the journal (creating and migrating it as needed).
    pub fn open_store(&self) -> crate::Result<Store> {
        Store::open(&self.paths.journal, &self.store_options())
    }

    /// Open the journal for a command that only reads: as usual, or, when the journal
    /// cannot be written (a read-only disk, someone else's file), read-only. A journal that
    /// does not exist is read as empty, and nothing is created (a mistyped `--db` makes no
    /// folders).
    pub fn open_store_to_read(&self) -> crate::Result<Store> {
        if !self.paths.journal.exists() {
            return Store::open_in_memory();
        }
        match self.open_store() {
            Err(crate::Error::NotWritable { .. }) if self.paths.journal.is_file() => {
                Store::open_read_only(&self.paths.journal)
            }
            other => other,
        }
    }

    pub fn store_options(&self) -> StoreOptions {
        StoreOptions {
            backups: self.paths.backups.clone(),
            busy_timeout: self.busy_timeout,
            now: self.clock.now(),
        }
    }

    /// Where text the journal could not take is kept (beside the journal).
    pub fn rescue_dir(&self) -> std::path::PathBuf {
        crate::paths::journal_dir(&self.paths.journal)
    }

    /// Where files for `$EDITOR` are written (private, beside the journal).
    pub fn editing_dir(&self) -> std::path::PathBuf {
        crate::external_editor::editing_dir(&self.paths.journal)
    }

    /// Keep `text` in a rescue file and return `err` saying where.
    pub fn rescue(&self, text: &str, err: crate::Error) -> crate::Error {
        crate::rescue::keep_or_say(&self.rescue_dir(), self.clock.now(), text, err)
    }

    /// How dates with slashes are read, from the settings (the default when they cannot be
    /// read; `debrief config` reports what is wrong with them).
    pub fn date_order(&self) -> crate::domain::date_words::DateOrder {
        self.load_config().0.date_order
    }

    /// Read a date the user typed: past-biased, slashes in the configured order.
    pub fn read_date(&self, input: &str) -> crate::Result<crate::domain::when::When> {
        crate::domain::when::parse_when_in(input, &self.clock.now_zoned(), self.date_order())
    }

    /// The check-in vocabulary: the shipped words and the user's own.
    pub fn vocabulary(&self) -> crate::domain::Vocabulary {
        crate::domain::Vocabulary::with_extra(&self.load_config().0.vocabulary)
    }

    /// Back up the journal before a change of `kind` into the backups folder, keeping the
    /// newest automatic ones (`[backups] keep`); returns the copy's path.
    pub fn backup_before(
        &self,
        store: &Store,
        kind: crate::storage::backups::BackupKind,
    ) -> crate::Result<std::path::PathBuf> {
        let keep = self.load_config().0.backups.keep;
        crate::storage::backups::before(store, &self.paths.backups, kind, self.clock.now(), keep)
    }

    /// The settings, and a line describing any problem with the file.
    pub fn load_config(&self) -> (Config, Option<String>) {
        self.config
            .get_or_init(|| Config::load(&self.paths.config))
            .clone()
    }
}
