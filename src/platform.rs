//! What differs between Unix and Windows, in one place: private folders and files (modes 0700
//! and 0600 on Unix; on Windows the per-user profile folder already keeps them private),
//! telling whether a file is still the one opened, and whether a process still runs.

use std::fs::{self, File, OpenOptions};
use std::path::Path;

/// Create `dir` and its missing parents, private to the user.
pub fn create_private_dir_all(dir: &Path) -> std::io::Result<()> {
    #[cfg(unix)]
    {
        use std::os::unix::fs::DirBuilderExt;
        fs::DirBuilder::new()
            .recursive(true)
            .mode(0o700)
            .create(dir)
    }
    #[cfg(not(unix))]
    {
        fs::create_dir_all(dir)
    }
}

/// Create `path` private to the user and open it for writing; fails if anything is there
/// already, a symlink included (never followed).
pub fn create_new_private_file(path: &Path) -> std::io::Result<File> {
    let mut options = OpenOptions::new();
    options.write(true).create_new(true);
    private_and_not_followed(&mut options);
    options.open(path)
}

/// Create `path` private to the user, opened for reading and writing; fails if anything is
/// there already, a symlink included.
pub fn create_new_private_rw(path: &Path) -> std::io::Result<File> {
    let mut options = OpenOptions::new();
    options.read(true).write(true).create_new(true);
    private_and_not_followed(&mut options);
    options.open(path)
}

/// Open an existing file at `path` (for writing too when `write`) without following a
/// symlink there: a link is an error, never its target.
pub fn open_not_followed(path: &Path, write: bool) -> std::io::Result<File> {
    let mut options = OpenOptions::new();
    options.read(true).write(write);
    private_and_not_followed(&mut options);
    options.open(path)
}

/// Mode 0600 for a file created, and `O_NOFOLLOW` (Unix).
fn private_and_not_followed(options: &mut OpenOptions) {
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        options
            .mode(0o600)
            .custom_flags(rustix::fs::OFlags::NOFOLLOW.bits() as i32);
    }
    #[cfg(not(unix))]
    let _ = options;
}

/// How many names (hard links) the file of `meta` has (1 where that cannot be asked).
pub fn link_count(meta: &fs::Metadata) -> u64 {
    #[cfg(unix)]
    {
        use std::os::unix::fs::MetadataExt;
        meta.nlink()
    }
    #[cfg(not(unix))]
    {
        let _ = meta;
        1
    }
}

/// Whether the file of `meta` belongs to the user running debrief (always, off Unix).
pub fn owned_by_me(meta: &fs::Metadata) -> bool {
    #[cfg(unix)]
    {
        use std::os::unix::fs::MetadataExt;
        meta.uid() == rustix::process::getuid().as_raw()
    }
    #[cfg(not(unix))]
    {
        let _ = meta;
        true
    }
}

/// Make an existing file private to the user again if others can read it (Unix; on Windows
/// the file inherits its folder's access rules). A file its owner has made read-only is left
/// exactly as it is: that is the owner's decision, and making it private would make it
/// writable too.
pub fn make_private(path: &Path) {
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        if let Ok(meta) = fs::metadata(path)
            && meta.is_file()
            && meta.permissions().mode() & 0o200 != 0
            && meta.permissions().mode() & 0o077 != 0
        {
            let _ = fs::set_permissions(path, fs::Permissions::from_mode(0o600));
        }
    }
    #[cfg(not(unix))]
    let _ = path;
}

/// Whether the owner may write the file at `path` (Unix; elsewhere, whether it is not marked
/// read-only).
pub fn owner_can_write(path: &Path) -> bool {
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        fs::metadata(path).is_ok_and(|m| m.permissions().mode() & 0o200 != 0)
    }
    #[cfg(not(unix))]
    {
        fs::metadata(path).is_ok_and(|m| !m.permissions().readonly())
    }
}

/// Give the file at `path` mode 0600 (Unix; a regular file only, never through a link).
pub fn set_private_mode(path: &Path) {
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        if let Ok(meta) = fs::symlink_metadata(path)
            && meta.is_file()
            && meta.permissions().mode() & 0o777 != 0o600
        {
            let _ = fs::set_permissions(path, fs::Permissions::from_mode(0o600));
        }
    }
    #[cfg(not(unix))]
    let _ = path;
}

/// Whether the disk holding `at` (or its nearest folder that exists) has next to no room
/// left (less than 64 KiB for this user): SQLite says only "disk I/O error" when its side
/// files cannot grow.
pub fn disk_is_full(at: &Path) -> bool {
    #[cfg(unix)]
    {
        let Some(existing) = at.ancestors().find(|p| p.exists()) else {
            return false;
        };
        let existing = if existing.as_os_str().is_empty() {
            Path::new(".")
        } else {
            existing
        };
        rustix::fs::statvfs(existing)
            .is_ok_and(|s| s.f_bavail.saturating_mul(s.f_frsize) < 64 * 1024)
    }
    #[cfg(not(unix))]
    {
        let _ = at;
        false
    }
}

/// A private folder of debrief's own in the temporary folder (`debrief-UID`, mode 0700),
/// for text that has nowhere else to go, made when `make` and missing; `None` when the one
/// there is not this user's private folder (made by someone else, a link, open to others).
pub fn private_temp_dir(make: bool) -> Option<std::path::PathBuf> {
    #[cfg(unix)]
    {
        use std::os::unix::fs::{DirBuilderExt, MetadataExt};
        let uid = rustix::process::geteuid().as_raw();
        let dir = std::env::temp_dir().join(format!("debrief-{uid}"));
        match make.then(|| fs::DirBuilder::new().mode(0o700).create(&dir)) {
            None | Some(Ok(())) => {}
            Some(Err(e)) if e.kind() == std::io::ErrorKind::AlreadyExists => {}
            Some(Err(_)) => return None,
        }
        let meta = fs::symlink_metadata(&dir).ok()?;
        (meta.is_dir() && meta.uid() == uid && meta.mode() & 0o077 == 0).then_some(dir)
    }
    #[cfg(not(unix))]
    {
        let dir = std::env::temp_dir().join("debrief");
        if make {
            create_private_dir_all(&dir).ok()?;
        }
        dir.is_dir().then_some(dir)
    }
}

/// Which file a path names right now: device and inode on Unix, creation time and size class
/// on Windows (a file deleted and made again at the same path has a new creation time).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct FileId(u64, u64);

impl FileId {
    /// The file `path` names (following a symlink).
    pub fn of(path: &Path) -> std::io::Result<FileId> {
        Ok(FileId::of_meta(&fs::metadata(path)?))
    }

    /// The file named by `path` itself (a symlink is its own file).
    pub fn of_name(path: &Path) -> std::io::Result<FileId> {
        Ok(FileId::of_meta(&fs::symlink_metadata(path)?))
    }

    /// The file behind an open descriptor.
    pub fn of_file(file: &File) -> std::io::Result<FileId> {
        Ok(FileId::of_meta(&file.metadata()?))
    }

    /// The two numbers, to be written down ([`FileId::from_parts`] reads them back).
    pub fn parts(self) -> (u64, u64) {
        (self.0, self.1)
    }

    pub fn from_parts(a: u64, b: u64) -> FileId {
        FileId(a, b)
    }

    fn of_meta(m: &fs::Metadata) -> FileId {
        #[cfg(unix)]
        {
            use std::os::unix::fs::MetadataExt;
            FileId(m.dev(), m.ino())
        }
        #[cfg(windows)]
        {
            use std::os::windows::fs::MetadataExt;
            FileId(m.creation_time(), 0)
        }
        #[cfg(not(any(unix, windows)))]
        {
            FileId(m.len(), 0)
        }
    }
}

/// Is process `pid` running on this machine? On Windows this cannot be asked without more
/// dependencies, so every other process counts as gone: a draft held by a window that is
/// still open can then be offered to a second window there (the README says so).
pub fn process_alive(pid: u32) -> bool {
    #[cfg(unix)]
    {
        let Some(pid) = i32::try_from(pid)
            .ok()
            .and_then(rustix::process::Pid::from_raw)
        else {
            return false;
        };
        match rustix::process::test_kill_process(pid) {
            Ok(()) => true,
            // It exists but belongs to someone else.
            Err(e) => e == rustix::io::Errno::PERM,
        }
    }
    #[cfg(not(unix))]
    {
        pid == std::process::id()
    }
}

/// Make a rename in `path`'s folder stick (best effort; Windows has no directory sync).
pub fn sync_dir(path: &Path) {
    #[cfg(unix)]
    if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
        let _ = File::open(dir).and_then(|d| d.sync_all());
    }
    #[cfg(not(unix))]
    let _ = path;
}
