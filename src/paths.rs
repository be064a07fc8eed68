//! Where the journal, its config, backups and log live. The only user of `directories`.
//! Resolution order for each: command-line flag, then environment variable, then the platform default.

use std::path::{Path, PathBuf};

use crate::{Error, Result};

/// Environment variable naming the journal file.
pub const DB_ENV: &str = "DEBRIEF_DB";
/// Environment variable naming the config file.
pub const CONFIG_ENV: &str = "DEBRIEF_CONFIG";

/// The resolved locations, computed once at start-up and handed to everything else.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Paths {
    /// The SQLite journal file.
    pub journal: PathBuf,
    /// The settings file (may not exist: defaults apply).
    pub config: PathBuf,
    /// Where copies are written before a migration and by `debrief backup`.
    pub backups: PathBuf,
    /// The log file (panics and diagnostics; never journal text).
    pub log: PathBuf,
    /// The user's own reflective templates (`*.toml`), beside the settings file.
    pub templates: PathBuf,
}

impl Paths {
    /// Resolve paths from explicit overrides (already merged with their environment
    /// variables by the caller) and the platform's defaults.
    pub fn resolve(journal: Option<PathBuf>, config: Option<PathBuf>) -> Result<Paths> {
        let dirs = directories::ProjectDirs::from("", "", "debrief");
        let journal = match journal {
            Some(p) => p,
            None => dirs
                .as_ref()
                .map(|d| d.data_dir().join("debrief.db"))
                .ok_or_else(no_home)?,
        };
        let config = match config {
            Some(p) => p,
            None => dirs
                .as_ref()
                .map(|d| d.config_dir().join("config.toml"))
                .ok_or_else(no_home)?,
        };
        Ok(Paths::beside_journal(journal, config))
    }

    /// Paths whose backups and log sit next to the journal file.
    pub fn beside_journal(journal: PathBuf, config: PathBuf) -> Paths {
        let dir = journal_dir(&journal);
        let templates = config
            .parent()
            .filter(|p| !p.as_os_str().is_empty())
            .unwrap_or(Path::new("."))
            .join("templates");
        Paths {
            backups: dir.join("backups"),
            log: dir.join("debrief.log"),
            journal,
            config,
            templates,
        }
    }
}

/// Where text goes that the journal's own folder cannot take (read-only, or a full disk), in
/// order: the `rescued` folder in debrief's state folder (`~/.local/state/debrief` on Linux;
/// the local data folder elsewhere), then a private folder of debrief's own in the temporary
/// folder (cleared on restart on many systems, so it comes last), made when `make` and it
/// is reached (else only when it is there).
pub fn rescue_places(make: bool) -> impl Iterator<Item = PathBuf> {
    let dirs = directories::ProjectDirs::from("", "", "debrief");
    let state = dirs
        .as_ref()
        .map(|d| d.state_dir().unwrap_or(d.data_local_dir()).join("rescued"));
    state
        .into_iter()
        .chain(std::iter::once_with(move || crate::platform::private_temp_dir(make)).flatten())
}

/// The folder holding the journal file ("." for a bare file name).
pub fn journal_dir(journal: &Path) -> PathBuf {
    match journal.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
        _ => PathBuf::from("."),
    }
}

fn no_home() -> Error {
    Error::invalid(
        "db",
        format!(
            "cannot find a home directory for the default journal: set {DB_ENV} or pass --db PATH"
        ),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn overrides_win_and_neighbours_follow_the_journal() {
        let p = Paths::resolve(
            Some(PathBuf::from("/tmp/x/j.db")),
            Some(PathBuf::from("/tmp/c.toml")),
        )
        .expect("resolve");
        assert_eq!(p.journal, PathBuf::from("/tmp/x/j.db"));
        assert_eq!(p.config, PathBuf::from("/tmp/c.toml"));
        assert_eq!(p.backups, PathBuf::from("/tmp/x/backups"));
        assert_eq!(p.log, PathBuf::from("/tmp/x/debrief.log"));
    }

    #[test]
    fn a_bare_file_name_lives_in_the_current_folder() {
        assert_eq!(journal_dir(Path::new("j.db")), PathBuf::from("."));
    }
}
