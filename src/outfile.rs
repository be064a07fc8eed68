//! Files and folders that debrief writes for the user (exports, CPD records, prep packs)
//! appear whole or not at all: written under a new random name in the same folder, private
//! (0600, 0700), then renamed into place only when complete, never over anything already
//! there (a no-replace rename). On an error the partial file or folder is removed; with
//! [`remove_on_signal`], so it is on SIGINT and SIGTERM. Only what this run created is ever
//! removed: the names are new (`create_new`), and a file moved into an existing folder is
//! removed again only while it is still the same file (device and inode).

use std::fs::{self, File};
use std::io::{self, ErrorKind};
use std::path::{Path, PathBuf};
use std::sync::{Mutex, MutexGuard};

use crate::platform::FileId;
use crate::{Error, Result};

/// What this run has written that is not in place yet, and must go if the run is stopped.
#[derive(Default)]
pub(crate) struct Leftovers {
    pub(crate) files: Vec<PathBuf>,
    pub(crate) folders: Vec<PathBuf>,
    /// Files moved into an existing folder before the export was complete.
    pub(crate) moved: Vec<(PathBuf, FileId)>,
}

static LEFTOVERS: Mutex<Leftovers> = Mutex::new(Leftovers {
    files: Vec::new(),
    folders: Vec::new(),
    moved: Vec::new(),
});

pub(crate) fn leftovers() -> MutexGuard<'static, Leftovers> {
    LEFTOVERS
        .lock()
        .unwrap_or_else(|poisoned| poisoned.into_inner())
}

impl Leftovers {
    fn remove_all(&mut self) {
        for f in self.files.drain(..) {
            let _ = fs::remove_file(f);
        }
        for d in self.folders.drain(..) {
            let _ = fs::remove_dir_all(d);
        }
        for (path, id) in self.moved.drain(..) {
            if FileId::of(&path).is_ok_and(|now| now == id) {
                let _ = fs::remove_file(path);
            }
        }
    }
}

/// From now on, SIGINT or SIGTERM removes what this run has written that is not complete yet
/// (then the process ends with 130 or 143, saying so), and going past a file-size limit is a
/// failed write. For the command line: the interface
/// handles its own signals. Called again, it does nothing more.
pub fn remove_on_signal() {
    #[cfg(unix)]
    {
        use signal_hook::consts::{SIGINT, SIGTERM};
        static ONCE: std::sync::Once = std::sync::Once::new();
        ONCE.call_once(|| {
            // A file-size limit (`ulimit -f`) fails the write instead of ending the process
            // where it stands, so the partial file is removed like after any failed write.
            let _ = signal_hook::flag::register(
                signal_hook::consts::SIGXFSZ,
                std::sync::Arc::new(std::sync::atomic::AtomicBool::new(false)),
            );
            let Ok(mut signals) = signal_hook::iterator::Signals::new([SIGINT, SIGTERM]) else {
                return;
            };
            std::thread::spawn(move || {
                if let Some(signal) = signals.forever().next() {
                    // Held until the end: no file is started or put in place meanwhile.
                    let mut left = leftovers();
                    let any = !(left.files.is_empty()
                        && left.folders.is_empty()
                        && left.moved.is_empty());
                    left.remove_all();
                    if any {
                        eprintln!("debrief: stopped; the unfinished output was removed");
                    }
                    std::process::exit(128 + signal);
                }
            });
        });
    }
}

/// A random part for a working name.
fn random_tag() -> String {
    let mut bytes = [0u8; 6];
    let _ = getrandom::fill(&mut bytes);
    let n = bytes.iter().fold(u64::from(std::process::id()), |n, b| {
        n.rotate_left(8) ^ u64::from(*b)
    });
    format!("{n:012x}")
}

/// A new working name beside `dest`: `NAME.RANDOM.partial`.
pub(crate) fn working_name(dest: &Path) -> Result<PathBuf> {
    let name = dest.file_name().ok_or_else(|| {
        Error::invalid(
            "output",
            format!("{} names no file; give a file name", dest.display()),
        )
    })?;
    let mut working = name.to_os_string();
    working.push(format!(".{}.partial", random_tag()));
    Ok(dest.with_file_name(working))
}

pub(crate) fn cannot_write(path: &Path, e: &io::Error) -> Error {
    Error::invalid(
        "output",
        format!(
            "cannot write {} ({e}); nothing was left there: give another place",
            path.display()
        ),
    )
}

pub(crate) fn already_there(path: &Path) -> Error {
    Error::invalid(
        "output",
        format!(
            "{} already exists: debrief never replaces a file; give a new name",
            path.display()
        ),
    )
}

/// Rename `from` to `to` unless something is at `to` already (then `AlreadyExists`, and
/// nothing changed). Linux: renameat2 with RENAME_NOREPLACE; elsewhere, or on a file system
/// without it, a file is hard-linked then unlinked, and a folder renamed after a last look
/// (rename never replaces a folder that holds anything, or a file with a folder).
pub fn rename_no_replace(from: &Path, to: &Path) -> io::Result<()> {
    #[cfg(any(target_os = "linux", target_os = "android"))]
    {
        use rustix::fs::{CWD, RenameFlags, renameat_with};
        use rustix::io::Errno;
        match renameat_with(CWD, from, CWD, to, RenameFlags::NOREPLACE) {
            Ok(()) => return Ok(()),
            Err(e) if e == Errno::INVAL || e == Errno::NOSYS || e == Errno::NOTSUP => {}
            Err(e) => return Err(e.into()),
        }
    }
    if fs::symlink_metadata(from)?.is_dir() {
        if fs::symlink_metadata(to).is_ok() {
            return Err(ErrorKind::AlreadyExists.into());
        }
        return fs::rename(from, to);
    }
    fs::hard_link(from, to)?;
    fs::remove_file(from)
}

/// A new file on its way to `dest`; removed when dropped before [`NewFile::commit`].
pub struct NewFile {
    working: PathBuf,
    dest: PathBuf,
    file: Option<File>,
}

impl NewFile {
    /// Start a new private file that will be `dest`; refused if `dest` exists.
    pub fn create(dest: &Path) -> Result<NewFile> {
        if fs::symlink_metadata(dest).is_ok() {
            return Err(already_there(dest));
        }
        let working = working_name(dest)?;
        let mut left = leftovers();
        let file = crate::platform::create_new_private_file(&working)
            .map_err(|e| cannot_write(dest, &e))?;
        left.files.push(working.clone());
        Ok(NewFile {
            working,
            dest: dest.to_path_buf(),
            file: Some(file),
        })
    }

    /// Synced, then renamed to its name; refused (and removed) if something took the name.
    pub fn commit(mut self) -> Result<()> {
        if let Some(f) = self.file.take() {
            // Closed before the rename (Windows renames no open file).
            f.sync_all().map_err(|e| cannot_write(&self.dest, &e))?;
        }
        let mut left = leftovers();
        match rename_no_replace(&self.working, &self.dest) {
            Ok(()) => {
                left.files.retain(|f| f != &self.working);
                drop(left);
                crate::platform::sync_dir(&self.dest);
                self.working = PathBuf::new();
                Ok(())
            }
            Err(e) if e.kind() == ErrorKind::AlreadyExists => Err(already_there(&self.dest)),
            Err(e) => Err(cannot_write(&self.dest, &e)),
        }
    }
}

/// Writing goes to the working file (closed only by [`NewFile::commit`]).
impl io::Write for NewFile {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        match &mut self.file {
            Some(f) => f.write(buf),
            None => Err(ErrorKind::BrokenPipe.into()),
        }
    }

    fn flush(&mut self) -> io::Result<()> {
        match &mut self.file {
            Some(f) => f.flush(),
            None => Ok(()),
        }
    }
}

impl Drop for NewFile {
    fn drop(&mut self) {
        if self.working.as_os_str().is_empty() {
            return;
        }
        drop(self.file.take());
        let mut left = leftovers();
        let _ = fs::remove_file(&self.working);
        left.files.retain(|f| f != &self.working);
    }
}

/// Write `text` to the new private file `dest`, whole or not at all.
pub fn write_whole(dest: &Path, text: &[u8]) -> Result<()> {
    use std::io::Write;
    let mut new = NewFile::create(dest)?;
    new.write_all(text).map_err(|e| cannot_write(dest, &e))?;
    new.commit()
}

mod folder;
pub use folder::NewFolder;

#[cfg(test)]
mod tests;
