//! debrief's working files beside a journal, and wiping. A working file is always new: made
//! with `create_new` (never over anything, never through a symlink) under a random name in
//! the journal's own folder, `.J.debrief-XXXXXXXXXXXX.tmp`, and known from then on by the
//! descriptor made with it and its identity (device and inode). Wiping goes through a
//! descriptor, never by opening a name again; a file with other hard links is not
//! overwritten (that would reach them), only its name is removed. The record of an
//! operation's working files lives in `leftovers`; the swap that uses them in `swap`.

use std::fs::File;
use std::io::Write;
use std::path::{Path, PathBuf};

use crate::platform::{self, FileId};
use crate::{Error, Result};

/// The end of a working file's name.
pub(super) const SUFFIX: &str = ".tmp";

/// How many hex digits a random token has.
pub(super) const TOKEN_LEN: usize = 12;

/// A random token for a new name (hex digits).
pub(super) fn token() -> Result<String> {
    let mut bytes = [0u8; TOKEN_LEN / 2];
    getrandom::fill(&mut bytes)
        .map_err(|e| Error::Conflict(format!("no random numbers for a file name: {e}")))?;
    Ok(bytes.iter().map(|b| format!("{b:02x}")).collect())
}

/// Whether `s` could be a token made by [`token`].
pub(super) fn is_token(s: &str) -> bool {
    s.len() == TOKEN_LEN
        && s.bytes()
            .all(|b| b.is_ascii_digit() || (b'a'..=b'f').contains(&b))
}

/// The start of every name debrief gives its own files beside the journal file `name`.
pub(super) fn prefix(journal_name: &str) -> String {
    format!(".{journal_name}.debrief-")
}

/// The working file of `token` beside the journal at `journal` (a resolved path).
pub(super) fn working_name(journal: &Path, token: &str) -> PathBuf {
    beside(journal, &format!("{token}{SUFFIX}"))
}

/// `.J.debrief-{tail}` in the journal's folder.
pub(super) fn beside(journal: &Path, tail: &str) -> PathBuf {
    let name = journal
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    journal.with_file_name(format!("{}{tail}", prefix(&name)))
}

/// The journal's real file: `path`, or where it leads when it is a symlink. The work is
/// done beside the real file, which becomes the new journal; the link stays a link.
pub(super) fn resolve(path: &Path) -> std::io::Result<PathBuf> {
    if std::fs::symlink_metadata(path)?.file_type().is_symlink() {
        std::fs::canonicalize(path)
    } else {
        Ok(path.to_path_buf())
    }
}

/// A file this run created, held open.
#[derive(Debug)]
pub(super) struct WorkFile {
    pub path: PathBuf,
    pub file: File,
    pub id: FileId,
    pub token: String,
}

impl WorkFile {
    /// A new, empty, private file under a random name beside `journal`.
    pub fn create(journal: &Path) -> Result<WorkFile> {
        let mut tries = 0;
        loop {
            let token = token()?;
            let path = working_name(journal, &token);
            match platform::create_new_private_rw(&path) {
                Ok(file) => {
                    let id = FileId::of_file(&file)?;
                    return Ok(WorkFile {
                        path,
                        file,
                        id,
                        token,
                    });
                }
                Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists && tries < 5 => {
                    tries += 1;
                }
                Err(e) => {
                    return Err(Error::NotWritable {
                        path,
                        reason: e.to_string(),
                    });
                }
            }
        }
    }

    /// Whether the name still names this file (nothing was put in its place).
    pub fn still_named(&self) -> bool {
        FileId::of_name(&self.path).is_ok_and(|id| id == self.id)
    }

    /// Overwrite and remove this file (see [`wipe_and_remove`]).
    pub fn wipe(self) -> std::io::Result<Wiped> {
        wipe_and_remove(&self.file, self.id, Some(&self.path))
    }
}

/// What wiping did.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Wiped {
    /// Overwritten with zeros and removed.
    Overwritten,
    /// Removed without overwriting: the file had `0` other names, which would have been
    /// overwritten too.
    OtherLinks(u64),
}

/// Overwrite the file open as `file` (identity `id`) with zeros, make that stick, and remove
/// its name `name` if that still names the file (`None`: it has no name left). A file with
/// more names than that is only unlinked: overwriting it would reach the others.
pub(super) fn wipe_and_remove(
    file: &File,
    id: FileId,
    name: Option<&Path>,
) -> std::io::Result<Wiped> {
    let meta = file.metadata()?;
    let links = platform::link_count(&meta);
    let names = u64::from(name.is_some());
    let wiped = if links <= names {
        overwrite(file, meta.len())?;
        Wiped::Overwritten
    } else {
        Wiped::OtherLinks(links - names)
    };
    if let Some(name) = name {
        remove_if_same(name, id)?;
    }
    Ok(wiped)
}

/// Remove the name `name` if it (itself, not a link's target) is the file `id`.
pub(super) fn remove_if_same(name: &Path, id: FileId) -> std::io::Result<()> {
    match FileId::of_name(name) {
        Ok(now) if now == id => {
            std::fs::remove_file(name)?;
            platform::sync_dir(name);
            Ok(())
        }
        _ => Ok(()),
    }
}

/// Write `len` zero bytes from the start of `file` and make them stick.
fn overwrite(mut file: &File, len: u64) -> std::io::Result<()> {
    use std::io::{Seek, SeekFrom};
    file.seek(SeekFrom::Start(0))?;
    let zeros = vec![0u8; 64 * 1024];
    let mut left = len;
    while left > 0 {
        let n = left.min(zeros.len() as u64) as usize;
        file.write_all(&zeros[..n])?;
        left -= n as u64;
    }
    file.sync_all()
}

/// Overwrite a file's bytes with zeros, make that stick, and remove it: opened without
/// following a symlink (a link is refused, its target untouched), and a file with other
/// hard links only unlinked.
pub fn shred(path: &Path) -> Result<()> {
    let file = platform::open_not_followed(path, true)?;
    if !file.metadata()?.is_file() {
        return Err(Error::NotAFile {
            path: path.to_path_buf(),
        });
    }
    let id = FileId::of_file(&file)?;
    wipe_and_remove(&file, id, Some(path))?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_working_file_is_new_private_and_named_beside_the_journal() {
        let dir = tempfile::tempdir().expect("dir");
        let journal = dir.path().join("j.db");
        let w = WorkFile::create(&journal).expect("create");
        let name = w.path.file_name().and_then(|n| n.to_str()).unwrap_or("");
        let token = name
            .strip_prefix(".j.db.debrief-")
            .and_then(|t| t.strip_suffix(SUFFIX))
            .unwrap_or("");
        assert!(is_token(token) && token == w.token, "{name}");
        assert!(w.still_named());
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            let mode = std::fs::metadata(&w.path)
                .expect("meta")
                .permissions()
                .mode();
            assert_eq!(mode & 0o777, 0o600);
        }
        assert_eq!(w.wipe().expect("wipe"), Wiped::Overwritten);
        assert_eq!(std::fs::read_dir(dir.path()).expect("dir").count(), 0);
    }

    #[cfg(unix)]
    #[test]
    fn wiping_never_reaches_other_links_nor_a_symlinks_target() {
        let dir = tempfile::tempdir().expect("dir");
        let (a, b) = (dir.path().join("a"), dir.path().join("b"));
        std::fs::write(&a, "kept words").expect("write");
        std::fs::hard_link(&a, &b).expect("link");
        shred(&a).expect("shred");
        assert!(!a.exists());
        assert_eq!(std::fs::read(&b).expect("b"), b"kept words");
        let link = dir.path().join("link");
        std::os::unix::fs::symlink(&b, &link).expect("symlink");
        assert!(shred(&link).is_err());
        assert_eq!(std::fs::read(&b).expect("b"), b"kept words");
        assert!(link.is_symlink());
    }
}
