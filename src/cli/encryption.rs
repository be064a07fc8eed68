//! `debrief encrypt`, `debrief decrypt` and `debrief passphrase`: putting the journal under a
//! passphrase, taking it off, and changing it; and saying plainly what stays as it was
//! (copies made earlier).

use std::io::Write;
use std::path::PathBuf;

use clap::Args;

use super::output::stdout;
use crate::secret::Passphrase;
use crate::session::Session;
use crate::storage::{Store, backups, cipher};
use crate::{Error, Result};

#[derive(Debug, Args)]
pub struct EncryptArgs {
    /// Also overwrite and remove the plain backups in debrief's backups folder (copies made
    /// elsewhere are yours to delete).
    #[arg(long)]
    pub remove_plain_backups: bool,
}

#[derive(Debug, Args)]
pub struct DecryptArgs {
    /// Decrypt without asking (needed when not on a terminal).
    #[arg(long)]
    pub yes: bool,
}

#[derive(Debug, Args)]
pub struct PassphraseArgs {
    /// A file whose first line is the new passphrase (`/dev/fd/4` for a file descriptor).
    /// Without it, debrief asks twice on the terminal.
    #[arg(long, value_name = "FILE")]
    pub new_passphrase_file: Option<PathBuf>,
}

const NEW_FROM: &str = "--passphrase-file FILE (or DEBRIEF_PASSPHRASE_FILE)";

pub fn encrypt(session: &Session, a: EncryptArgs) -> Result<()> {
    let journal = &session.paths.journal;
    let mut out = stdout();
    session.tidy_leftovers();
    if cipher::looks_encrypted(journal) {
        if a.remove_plain_backups {
            let owner = backups::Owner::of(&session.open_store()?)?;
            return remove_plain_backups(session, &owner, &mut out);
        }
        return Err(Error::Conflict(format!(
            "{} is already encrypted: `debrief passphrase` changes its passphrase",
            journal.display()
        )));
    }
    let new = Passphrase::choose_new(session.passphrase_file.as_deref(), NEW_FROM)?;
    // A journal not yet made is made encrypted; a plain one opens as it is.
    let store = Store::open(journal, &session.store_options_keyed(Some(new.clone())))?;
    let owner = backups::Owner {
        id: store.journal_id()?,
        key: Some(new.clone()),
    };
    if store.key().is_some() {
        writeln!(
            out,
            "Made a new encrypted journal at {}.",
            journal.display()
        )?;
    } else {
        let changed = store.change_encryption(Some(&new))?;
        writeln!(
            out,
            "Encrypted the journal at {} ({}); the plain file was {}.",
            journal.display(),
            crate::text::count(changed.entries as usize, "entry", "entries"),
            match changed.overwritten {
                true => "overwritten and removed",
                false => "removed from beside it (not overwritten: see the note)",
            }
        )?;
        say_notes(&changed.notes);
    }
    writeln!(
        out,
        "Keep the passphrase safe: without it nobody, you included, can read the journal."
    )?;
    match a.remove_plain_backups {
        true => remove_plain_backups(session, &owner, &mut out)?,
        false => say_plain_backups(session, &owner, &mut out)?,
    }
    out.flush()?;
    Ok(())
}

pub fn decrypt(session: &Session, a: DecryptArgs) -> Result<()> {
    let journal = &session.paths.journal;
    session.tidy_leftovers();
    must_be_encrypted(journal, "so there is nothing to decrypt")?;
    let store = session.open_store()?;
    let question = format!(
        "Write {} as plain text, readable by anyone who can read the file? [y/N] ",
        journal.display()
    );
    let without =
        "decrypting writes the journal as plain text: add --yes to do it without a terminal";
    if !a.yes && !super::output::confirm(&question, without)? {
        eprintln!("Nothing was changed.");
        return Ok(());
    }
    let changed = store.change_encryption(None)?;
    let mut out = stdout();
    writeln!(
        out,
        "Decrypted the journal at {} ({}): anyone who can read the file can read it now. Backups made from now on are plain; the encrypted ones keep the passphrase.",
        journal.display(),
        crate::text::count(changed.entries as usize, "entry", "entries")
    )?;
    say_notes(&changed.notes);
    out.flush()?;
    Ok(())
}

pub fn passphrase(session: &Session, a: PassphraseArgs) -> Result<()> {
    let journal = &session.paths.journal;
    session.tidy_leftovers();
    must_be_encrypted(journal, "`debrief encrypt` gives it a passphrase")?;
    let mut store = session.open_store()?;
    let new = Passphrase::choose_new(
        a.new_passphrase_file.as_deref(),
        "--new-passphrase-file FILE",
    )?;
    store.change_passphrase(&new)?;
    let mut out = stdout();
    writeln!(
        out,
        "Changed the passphrase of {}. Backups made before keep the old one: `debrief backup --restore` asks for it.",
        journal.display()
    )?;
    out.flush()?;
    Ok(())
}

/// What the change has to tell besides (an old file with other hard links, a late Ctrl-C).
fn say_notes(notes: &[String]) {
    for note in notes {
        eprintln!("debrief: note: {note}");
    }
}

/// Refuse unless the journal is there and encrypted; `then` says what to do instead.
fn must_be_encrypted(journal: &std::path::Path, then: &str) -> Result<()> {
    if !journal.exists() {
        return Err(Error::invalid(
            "journal",
            format!("there is no journal at {} yet", journal.display()),
        ));
    }
    if !cipher::looks_encrypted(journal) {
        return Err(Error::Conflict(format!(
            "{} is not encrypted: {then}",
            journal.display()
        )));
    }
    Ok(())
}

/// This journal's plain backups in debrief's backups folder, each proven by its content
/// (the journal's id inside; other files, however named, are not among them), and how many
/// plain ones from before backups carried an id are there (whose they are cannot be told).
fn plain_backups(found: &backups::Inventory) -> (Vec<PathBuf>, usize) {
    let mine = found
        .backups
        .iter()
        .filter(|b| !b.encrypted)
        .map(|b| b.path.clone())
        .collect();
    (mine, found.older.iter().filter(|b| !b.encrypted).count())
}

/// The plain backups from before ids, which stay as they are, said in one line.
fn say_older(session: &Session, older: usize, out: &mut impl Write) -> Result<()> {
    if older > 0 {
        writeln!(
            out,
            "{} in {} made before backups carried their journal's id: debrief cannot tell whether they are this journal's, so it leaves them (`debrief backup --list` shows them; delete them yourself if they are).",
            crate::text::count(older, "plain backup is", "plain backups are"),
            session.paths.backups.display()
        )?;
    }
    Ok(())
}

fn say_plain_backups(
    session: &Session,
    owner: &backups::Owner,
    out: &mut impl Write,
) -> Result<()> {
    let (plain, older) = plain_backups(&backups::inventory(&session.paths.backups, owner)?);
    if !plain.is_empty() {
        writeln!(
            out,
            "Backups made before stay plain ({} in {}): `debrief encrypt --remove-plain-backups` overwrites and removes them. Copies made elsewhere (a USB stick, an export) stay plain too.",
            plain.len(),
            session.paths.backups.display()
        )?;
    }
    say_older(session, older, out)
}

fn remove_plain_backups(
    session: &Session,
    owner: &backups::Owner,
    out: &mut impl Write,
) -> Result<()> {
    let found = backups::inventory(&session.paths.backups, owner)?;
    // Unfinished copies proven this journal's are plain text too: overwritten and removed.
    backups::clear_unfinished(&found)?;
    let (plain, older) = plain_backups(&found);
    for path in &plain {
        cipher::shred(path)?;
    }
    writeln!(
        out,
        "Overwrote and removed {} from {}.",
        crate::text::count(plain.len(), "plain backup", "plain backups"),
        session.paths.backups.display()
    )?;
    say_older(session, older, out)
}
