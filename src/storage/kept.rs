//! The journals this process has open in SQLite, each held open once more (read-only) for
//! the rest of the process, so that reading a journal's first bytes never opens and closes
//! it again. Closing any descriptor of a file drops every POSIX lock the process holds on
//! it, SQLite's included: a header read by the daily backup's thread while the interface
//! had the journal open let another program take it for unused and delete its `-wal`, after
//! which the interface and the commands wrote to different files.

use std::fs::File;
use std::io::Read;
use std::path::Path;
use std::sync::Mutex;

use crate::platform::FileId;

/// One kept descriptor a journal file (by identity), never closed.
static KEPT: Mutex<Vec<(FileId, File)>> = Mutex::new(Vec::new());

/// Hold the file at `path` open for the rest of the process: called once SQLite has it open
/// (the open itself is safe; only a close drops locks).
pub(super) fn keep(path: &Path) {
    // Kept already (another open of the same file): nothing more to hold, and opening a
    // second descriptor would only mean keeping that one too.
    if let Ok(id) = FileId::of(path)
        && KEPT
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
            .iter()
            .any(|(k, _)| *k == id)
    {
        return;
    }
    let Ok(file) = File::open(path) else {
        return;
    };
    let Ok(id) = FileId::of_file(&file) else {
        return;
    };
    // Kept even if the file at the path changed since the look above: closing this one would
    // drop the locks too. (One descriptor a journal file, in all.)
    KEPT.lock()
        .unwrap_or_else(|poisoned| poisoned.into_inner())
        .push((id, file));
}

/// Read the start of the file at `path` into `buf` (as much as there is), through the kept
/// descriptor when the process holds that file open in SQLite, so nothing is closed.
pub(crate) fn read_start(path: &Path, buf: &mut [u8]) -> std::io::Result<usize> {
    let id = FileId::of(path)?;
    {
        let kept = KEPT.lock().unwrap_or_else(|poisoned| poisoned.into_inner());
        if let Some((_, file)) = kept.iter().find(|(k, _)| *k == id) {
            return read_at_start(file, buf);
        }
    }
    let mut file = File::open(path)?;
    let mut read = 0;
    while read < buf.len() {
        match file.read(&mut buf[read..])? {
            0 => break,
            n => read += n,
        }
    }
    Ok(read)
}

#[cfg(unix)]
fn read_at_start(file: &File, buf: &mut [u8]) -> std::io::Result<usize> {
    use std::os::unix::fs::FileExt;
    let mut read = 0;
    while read < buf.len() {
        match file.read_at(&mut buf[read..], read as u64)? {
            0 => break,
            n => read += n,
        }
    }
    Ok(read)
}

#[cfg(not(unix))]
fn read_at_start(file: &File, buf: &mut [u8]) -> std::io::Result<usize> {
    use std::os::windows::fs::FileExt;
    let mut read = 0;
    while read < buf.len() {
        match file.seek_read(&mut buf[read..], read as u64)? {
            0 => break,
            n => read += n,
        }
    }
    Ok(read)
}
