//! What both front ends share for one run of debrief: the resolved paths, the clock, the
//! colour choice, how long to wait for a busy journal, and opening the journal and the
//! settings. The CLI and the TUI each take a [`Session`]; neither depends on the other.

use std::time::Duration;

use crate::clock::Clock;
use crate::config::Config;
use crate::paths::Paths;
use crate::present::color::ColorChoice;
use crate::secret::Passphrase;
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
    /// Where the passphrase of an encrypted journal is read from (else: the terminal).
    pub passphrase_file: Option<std::path::PathBuf>,
    /// The settings, read once per run (dates, the vocabulary and the commands all ask).
    config: std::sync::OnceLock<(Config, Option<String>)>,
    /// The passphrase, once had (asked for at most once a run).
    key: std::sync::OnceLock<Option<Passphrase>>,
    /// What an interrupted encrypt or decrypt left, tidied at the first open of the run.
    tidied: std::sync::OnceLock<crate::storage::leftovers::Tidied>,
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
        let (user, template_problems) = crate::user_templates::load_dir(&paths.templates);
        crate::domain::templates::install(user);
        Session {
            paths,
            clock: Clock::system(),
            color,
            busy_timeout,
            template_problems,
            passphrase_file: None,
            config: std::sync::OnceLock::new(),
            key: std::sync::OnceLock::new(),
            tidied: std::sync::OnceLock::new(),
        }
    }

    /// The passphrase for an encrypted file that is not the journal (a backup): the journal's
    /// when it has one, else from the passphrase file or the terminal.
    pub fn key_for(&self, file: &std::path::Path) -> crate::Result<Option<Passphrase>> {
        match self.key()? {
            Some(key) => Ok(Some(key)),
            // (A passphrase file would have given the journal a key.)
            None => Passphrase::obtain(None, file).map(Some),
        }
    }

    /// Keep `key` as the journal's passphrase for the rest of the run (once it has opened
    /// the journal).
    pub fn set_key(&self, key: Passphrase) {
        let _ = self.key.set(Some(key));
    }

    /// Whether the journal is encrypted and its passphrase is still to be asked for on the
    /// terminal (no passphrase file, none had yet).
    pub fn must_ask_passphrase(&self) -> bool {
        self.passphrase_file.is_none()
            && self.key.get().is_none()
            && crate::storage::cipher::looks_encrypted(&self.paths.journal)
    }

    /// The journal's passphrase: none for a plain journal; for an encrypted one (or a new one
    /// when a passphrase file is given), read from the passphrase file, or asked for once on
    /// the terminal. Without either, the error says how to give one.
    pub fn key(&self) -> crate::Result<Option<Passphrase>> {
        if let Some(key) = self.key.get() {
            return Ok(key.clone());
        }
        let journal = &self.paths.journal;
        let file = self.passphrase_file.as_deref();
        let key = match file.is_some() || crate::storage::cipher::looks_encrypted(journal) {
            true => Some(Passphrase::obtain(file, journal)?),
            false => None,
        };
        Ok(self.key.get_or_init(|| key).clone())
    }

    /// Open the journal (creating and migrating it as needed) to write to it, keeping room
    /// beside it for a rescue (see [`crate::rescue`]).
    pub fn open_store(&self) -> crate::Result<Store> {
        self.tidy_leftovers();
        let store = Store::open(&self.paths.journal, &self.store_options()?)?;
        crate::rescue::reserve_room(&self.rescue_dir());
        Ok(store)
    }

    /// Remove what an interrupted `encrypt` or `decrypt` left beside the journal (once a
    /// run, before the journal is first opened); see [`Session::leftover_lines`].
    pub fn tidy_leftovers(&self) -> &crate::storage::leftovers::Tidied {
        self.tidied
            .get_or_init(|| crate::storage::leftovers::tidy(&self.paths.journal))
    }

    /// What to tell about the leftovers tidied this run, one line each: those removed, and
    /// those that could not be (`debrief check` lists them). None if nothing was found.
    pub fn leftover_lines(&self) -> Vec<String> {
        let Some(t) = self.tidied.get() else {
            return Vec::new();
        };
        let mut lines = Vec::new();
        if !t.removed.is_empty() {
            lines.push(format!(
                "removed {}: {}",
                crate::text::count(t.removed.len(), "leftover file", "leftover files"),
                t.removed.join("; ")
            ));
        }
        if !t.not_removed.is_empty() {
            lines.push(format!(
                "could not remove {} left by an interrupted encrypt or decrypt: `debrief check --all` lists them",
                crate::text::count(t.not_removed.len(), "file", "files")
            ));
        }
        lines
    }

    /// Open the journal for a command that only reads: as usual, or, when the journal
    /// cannot be written (a read-only disk, someone else's file, a full disk), read-only. A journal that
    /// does not exist is read as empty, and nothing is created (a mistyped `--db` makes no
    /// folders).
    pub fn open_store_to_read(&self) -> crate::Result<Store> {
        self.tidy_leftovers();
        if !self.paths.journal.exists() {
            return Store::open_in_memory();
        }
        match Store::open(&self.paths.journal, &self.store_options()?) {
            Err(crate::Error::NotWritable { .. } | crate::Error::DiskFull)
                if self.paths.journal.is_file() =>
            {
                Store::open_read_only(&self.paths.journal, self.key()?.as_ref())
            }
            other => other,
        }
    }

    pub fn store_options(&self) -> crate::Result<StoreOptions> {
        Ok(self.store_options_keyed(self.key()?))
    }

    /// The options to open the journal with, under the passphrase `key`.
    pub fn store_options_keyed(&self, key: Option<Passphrase>) -> StoreOptions {
        StoreOptions {
            backups: self.paths.backups.clone(),
            busy_timeout: self.busy_timeout,
            now: self.clock.now(),
            key,
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

    /// Keep `text` in a rescue file and return `err` saying where. For an encrypted journal
    /// the file is encrypted with the passphrase given; without one, nothing is written in
    /// plain and the error says so.
    pub fn rescue(&self, text: &str, err: crate::Error) -> crate::Error {
        let key = self.key.get().cloned().flatten();
        if key.is_none() && crate::storage::cipher::looks_encrypted(&self.paths.journal) {
            return err.with_note(
                "the journal is encrypted and no passphrase was given, so your text was not kept: give the passphrase and send it again",
            );
        }
        crate::rescue::keep_or_say(
            &self.rescue_dir(),
            self.clock.now(),
            text,
            key.as_ref(),
            err,
        )
    }

    /// How dates with slashes are read, from the settings (the default when they cannot be
    /// read; `debrief config` reports what is wrong with them).
    pub fn date_order(&self) -> crate::domain::date_words::DateOrder {
        self.load_config().0.date_order
    }

    /// How this run reads the times and days typed for an action (the clock, the settings'
    /// date order).
    pub fn dates(&self) -> crate::journal::Dates {
        crate::journal::Dates::new(self.clock.clone(), self.date_order())
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
