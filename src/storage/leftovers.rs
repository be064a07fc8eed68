//! What an interrupted `encrypt` or `decrypt` leaves, and removing it. Before it makes a
//! working file, the operation writes down the file's token and identity in a record of its
//! own beside the journal (`.J.debrief-XXXXXXXXXXXX.leftovers`, new and private, locked for
//! as long as the operation runs). The next debrief to open the journal reads any record
//! whose lock it can take (its writer is gone) and wipes the files it lists that are still
//! the files recorded; a name that now holds another file, or one no record lists, is left
//! alone and reported. The record itself goes once nothing it lists is left.
//!
//! A record is text: a first line `debrief leftovers 1`, `operation NAME`, then one line
//! `file TOKEN A B` per working file (`A B`: the identity, device and inode on Unix). The
//! working file of TOKEN is `.J.debrief-TOKEN.tmp` (see `workfile`).

use std::fs::File;
use std::io::{Read, Write};
use std::path::{Path, PathBuf};

use super::workfile::{self, Wiped};
use crate::platform::{self, FileId};
use crate::{Error, Result};

const HEADER: &str = "debrief leftovers 1";
const RECORD: &str = ".leftovers";
const PART: &str = ".part";
/// Records are small: anything larger is not one.
const MAX_RECORD: u64 = 64 * 1024;

/// The record of one running operation, locked until it is finished (or the process ends).
#[derive(Debug)]
pub(super) struct Record {
    path: PathBuf,
    file: File,
    id: FileId,
}

impl Record {
    /// Start the record of `operation` beside the journal at `journal` (a resolved path). It
    /// is written and locked under a passing name, then renamed: a record is never seen
    /// unlocked and empty while its operation runs.
    pub fn begin(journal: &Path, operation: &str) -> Result<Record> {
        let token = workfile::token()?;
        let part = workfile::beside(journal, &format!("{token}{PART}"));
        let path = workfile::beside(journal, &format!("{token}{RECORD}"));
        let not_writable = |e: std::io::Error| Error::NotWritable {
            path: part.clone(),
            reason: e.to_string(),
        };
        let mut file = platform::create_new_private_rw(&part).map_err(not_writable)?;
        let id = FileId::of_file(&file)?;
        let written = (|| {
            file.lock()?;
            writeln!(file, "{HEADER}\noperation {operation}")?;
            file.sync_all()?;
            std::fs::rename(&part, &path)?;
            platform::sync_dir(&path);
            Ok(())
        })();
        if let Err(e) = written {
            let _ = workfile::remove_if_same(&part, id);
            return Err(not_writable(e));
        }
        Ok(Record { path, file, id })
    }

    /// Write down a working file before anything of the journal goes into it.
    pub fn note(&mut self, token: &str, id: FileId) -> Result<()> {
        let (a, b) = id.parts();
        writeln!(self.file, "file {token} {a} {b}")?;
        self.file.sync_all()?;
        Ok(())
    }

    /// The operation is over and its working files are gone: the record goes.
    pub fn finish(self) {
        let _ = workfile::remove_if_same(&self.path, self.id);
    }
}

/// What tidying the journal's folder found.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct Tidied {
    /// Working files of an interrupted operation that were removed, one line each.
    pub removed: Vec<String>,
    /// Working files a record proves are debrief's that could not be removed, with why.
    pub not_removed: Vec<String>,
    /// Files named like debrief's working files that no record proves are its own (left
    /// alone).
    pub left_alone: Vec<PathBuf>,
}

/// Remove what interrupted operations left beside the journal at `journal` (a symlink is
/// followed to the real file, beside which the work was done). Records of an operation
/// still running are left as they are, and so are its files.
pub fn tidy(journal: &Path) -> Tidied {
    let mut out = Tidied::default();
    let Ok(real) = workfile::resolve(journal) else {
        return out;
    };
    let (Some(dir), Some(name)) = (real.parent(), real.file_name()) else {
        return out;
    };
    let dir = if dir.as_os_str().is_empty() {
        Path::new(".")
    } else {
        dir
    };
    let prefix = workfile::prefix(&name.to_string_lossy());
    let Ok(listing) = std::fs::read_dir(dir) else {
        return out;
    };
    let mut records = Vec::new();
    let mut working = Vec::new();
    let mut begun = Vec::new();
    for entry in listing.flatten() {
        let file_name = entry.file_name().to_string_lossy().into_owned();
        let Some(rest) = file_name.strip_prefix(&prefix) else {
            continue;
        };
        if let Some(token) = rest.strip_suffix(RECORD).filter(|t| workfile::is_token(t)) {
            records.push((token.to_string(), entry.path()));
        } else if let Some(token) = rest.strip_suffix(workfile::SUFFIX) {
            working.push((token.to_string(), entry.path()));
        } else if rest.strip_suffix(PART).is_some_and(workfile::is_token) {
            begun.push(entry.path());
        }
    }
    for path in begun {
        tidy_begun(&path, &mut out);
    }
    let journal_id = FileId::of(&real).ok();
    let mut listed = Vec::new();
    for (_, path) in records {
        listed.extend(tidy_record(&real, &path, journal_id, &mut out));
    }
    for (token, path) in working {
        if !listed.contains(&token) && std::fs::symlink_metadata(&path).is_ok() {
            out.left_alone.push(path);
        }
    }
    out
}

/// One line of a record.
struct Listed {
    token: String,
    id: FileId,
}

/// Read the record at `path` and remove what it lists (unless its operation still runs).
/// Returns the tokens it lists, removed or not.
fn tidy_record(
    journal: &Path,
    path: &Path,
    journal_id: Option<FileId>,
    out: &mut Tidied,
) -> Vec<String> {
    let Some((file, operation, files)) = read_record(path) else {
        out.left_alone.push(path.to_path_buf());
        return Vec::new();
    };
    let tokens = files.iter().map(|f| f.token.clone()).collect();
    // Its operation is still running: its files are in use.
    if file.try_lock().is_err() {
        return tokens;
    }
    let mut all_gone = true;
    for listed in &files {
        let working = workfile::working_name(journal, &listed.token);
        match tidy_file(&working, listed.id, journal_id) {
            Ok(Found::Removed(how)) => out.removed.push(format!(
                "{}, left by an interrupted {operation} ({how})",
                working.display()
            )),
            Ok(Found::Nothing) => {}
            Ok(Found::Another) => out.left_alone.push(working),
            Err(reason) => {
                all_gone = false;
                out.not_removed.push(format!(
                    "{} (left by an interrupted {operation}): {reason}",
                    working.display()
                ));
            }
        }
    }
    if all_gone && let Ok(id) = FileId::of_file(&file) {
        let _ = workfile::remove_if_same(path, id);
    }
    tokens
}

/// A record killed while it was begun (before its first file was written down, so it lists
/// none): removed if it is one, that is a file of the user's holding the start of a record
/// at most, whose lock is free. (One caught in the instant between its creation and its
/// lock is removed too; its operation then fails to rename it and stops, nothing changed.)
fn tidy_begun(path: &Path, out: &mut Tidied) {
    let Some(file) = platform::open_not_followed(path, false)
        .ok()
        .filter(|f| f.try_lock().is_ok())
    else {
        return;
    };
    let Some(meta) = file.metadata().ok().filter(|m| {
        m.is_file() && platform::link_count(m) == 1 && platform::owned_by_me(m) && m.len() < 100
    }) else {
        out.left_alone.push(path.to_path_buf());
        return;
    };
    let mut text = String::new();
    let read = (&file).take(meta.len()).read_to_string(&mut text).is_ok();
    let start = format!("{HEADER}\noperation ");
    let ours = read && (start.starts_with(&text) || text.starts_with(&start)) && text.len() < 40;
    match FileId::of_file(&file) {
        Ok(id) if ours && workfile::remove_if_same(path, id).is_ok() => out.removed.push(format!(
            "{}, a record an interrupted encrypt or decrypt had begun (it held no journal text)",
            path.display()
        )),
        _ => out.left_alone.push(path.to_path_buf()),
    }
}

/// The record at `path`, locked by nobody yet, if it is one of debrief's own: a regular
/// file (not a link) of the user's, with one name, small, that reads as a record.
fn read_record(path: &Path) -> Option<(File, String, Vec<Listed>)> {
    let mut file = platform::open_not_followed(path, false).ok()?;
    let meta = file.metadata().ok()?;
    if !meta.is_file()
        || platform::link_count(&meta) != 1
        || !platform::owned_by_me(&meta)
        || meta.len() > MAX_RECORD
    {
        return None;
    }
    let mut text = String::new();
    (&mut file)
        .take(MAX_RECORD)
        .read_to_string(&mut text)
        .ok()?;
    let mut lines = text.lines();
    if lines.next() != Some(HEADER) {
        return None;
    }
    let operation = lines.next()?.strip_prefix("operation ")?;
    if !matches!(operation, "encrypt" | "decrypt") {
        return None;
    }
    let mut files = Vec::new();
    for line in lines {
        let parts: Vec<&str> = line.split(' ').collect();
        match parts[..] {
            ["file", token, a, b] if workfile::is_token(token) => files.push(Listed {
                token: token.to_string(),
                id: FileId::from_parts(a.parse().ok()?, b.parse().ok()?),
            }),
            // A line cut short by a kill while it was written lists nothing yet.
            _ => {}
        }
    }
    Some((file, operation.to_string(), files))
}

/// What was at a working file's name.
enum Found {
    /// Nothing: the operation had removed it, or never made it.
    Nothing,
    /// Another file than the one recorded: not ours, left alone.
    Another,
    /// The file recorded, now removed (how).
    Removed(String),
}

/// Remove the working file at `path` if it is still the file `id`: overwritten first, unless
/// it is the journal itself (the old journal's second name, made just before the swap) or
/// has other hard links.
fn tidy_file(
    path: &Path,
    id: FileId,
    journal_id: Option<FileId>,
) -> std::result::Result<Found, String> {
    match FileId::of_name(path) {
        Ok(now) if now == id => {}
        Ok(_) => return Ok(Found::Another),
        Err(_) => return Ok(Found::Nothing),
    }
    if journal_id == Some(id) {
        workfile::remove_if_same(path, id).map_err(|e| e.to_string())?;
        return Ok(Found::Removed(
            "a second name of the journal itself, so not overwritten".into(),
        ));
    }
    let file = platform::open_not_followed(path, true).map_err(|e| e.to_string())?;
    if FileId::of_file(&file).ok() != Some(id) {
        return Ok(Found::Another);
    }
    let how = match workfile::wipe_and_remove(&file, id, Some(path)).map_err(|e| e.to_string())? {
        Wiped::Overwritten => "overwritten first".into(),
        Wiped::OtherLinks(n) => format!(
            "not overwritten: the file has {n} other hard link{}",
            if n == 1 { "" } else { "s" }
        ),
    };
    Ok(Found::Removed(how))
}

#[cfg(test)]
mod tests;
