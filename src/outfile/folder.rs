//! A folder of new files (a Markdown export, a file an entry) that appears whole: the files
//! are written into a new private working folder, which is then renamed to the folder asked
//! for; into a folder that exists already, the finished files are moved in one by one (never
//! over a file there), and taken out again if the export cannot finish.

use std::fs;
use std::io::{ErrorKind, Write};
use std::path::{Path, PathBuf};

use super::{already_there, cannot_write, leftovers, rename_no_replace, working_name};
use crate::Result;
use crate::platform::FileId;

/// A folder export on its way; what it wrote is removed when dropped before
/// [`NewFolder::commit`].
pub struct NewFolder {
    working: PathBuf,
    dest: PathBuf,
    /// `dest` existed: the files are moved into it at the end.
    into_existing: bool,
    names: Vec<String>,
    /// Files moved into an existing `dest` so far, with their identity.
    moved: Vec<(PathBuf, FileId)>,
    done: bool,
}

impl NewFolder {
    /// Start writing the files of folder `dest` (made, private, if it is not there).
    pub fn create(dest: &Path) -> Result<NewFolder> {
        let into_existing = dest.is_dir();
        let working = if into_existing {
            working_name(&dest.join(".debrief-export"))?
        } else {
            if let Some(parent) = dest.parent().filter(|p| !p.as_os_str().is_empty()) {
                crate::storage::create_private_dir(parent)?;
            }
            working_name(dest)?
        };
        let mut left = leftovers();
        make_private_dir(&working).map_err(|e| cannot_write(dest, &e))?;
        left.folders.push(working.clone());
        Ok(NewFolder {
            working,
            dest: dest.to_path_buf(),
            into_existing,
            names: Vec::new(),
            moved: Vec::new(),
            done: false,
        })
    }

    /// Write `text` as the new file `name` of the folder (synced).
    pub fn add(&mut self, name: &str, text: &[u8]) -> Result<()> {
        let path = self.working.join(name);
        // Held while the file is made, so a signal never races with its creation.
        let _left = leftovers();
        let mut f = crate::platform::create_new_private_file(&path)
            .map_err(|e| cannot_write(&self.dest.join(name), &e))?;
        f.write_all(text)
            .and_then(|()| f.sync_all())
            .map_err(|e| cannot_write(&self.dest.join(name), &e))?;
        self.names.push(name.to_string());
        Ok(())
    }

    /// Put the files in place: the whole folder renamed, or each file moved in.
    pub fn commit(mut self) -> Result<()> {
        if self.into_existing {
            self.move_each()?;
            let mut left = leftovers();
            let _ = fs::remove_dir(&self.working);
            left.folders.retain(|f| f != &self.working);
            left.moved.clear();
        } else {
            let mut left = leftovers();
            match rename_no_replace(&self.working, &self.dest) {
                Ok(()) => left.folders.retain(|f| f != &self.working),
                Err(e) if e.kind() == ErrorKind::AlreadyExists => {
                    return Err(already_there(&self.dest));
                }
                Err(e) => return Err(cannot_write(&self.dest, &e)),
            }
        }
        self.done = true;
        // The folder's own entry (files moved in), then its parent's (the folder renamed).
        crate::platform::sync_dir(&self.dest.join("."));
        crate::platform::sync_dir(&self.dest);
        Ok(())
    }

    /// Move every file into the existing folder, never over one there.
    fn move_each(&mut self) -> Result<()> {
        for name in std::mem::take(&mut self.names) {
            let (from, to) = (self.working.join(&name), self.dest.join(&name));
            let id = FileId::of(&from).map_err(|e| cannot_write(&to, &e))?;
            let mut left = leftovers();
            match rename_no_replace(&from, &to) {
                Ok(()) => {
                    left.moved.push((to.clone(), id));
                    self.moved.push((to, id));
                }
                Err(e) if e.kind() == ErrorKind::AlreadyExists => return Err(already_there(&to)),
                Err(e) => return Err(cannot_write(&to, &e)),
            }
        }
        Ok(())
    }
}

impl Drop for NewFolder {
    fn drop(&mut self) {
        if self.done {
            return;
        }
        let mut left = leftovers();
        let _ = fs::remove_dir_all(&self.working);
        left.folders.retain(|f| f != &self.working);
        for (path, id) in self.moved.drain(..) {
            if FileId::of(&path).is_ok_and(|now| now == id) {
                let _ = fs::remove_file(&path);
            }
            left.moved.retain(|(p, _)| p != &path);
        }
    }
}

/// Create the folder `dir` (not its parents), private to the user; fails if it exists.
fn make_private_dir(dir: &Path) -> std::io::Result<()> {
    #[cfg_attr(not(unix), allow(unused_mut))]
    let mut builder = fs::DirBuilder::new();
    #[cfg(unix)]
    {
        use std::os::unix::fs::DirBuilderExt;
        builder.mode(0o700);
    }
    builder.create(dir)
}
