//! `debrief rescued [FILE]`: the files holding text the journal could not take, and one of
//! them printed (an encrypted one read with the journal's passphrase).

use std::io::Write;
use std::path::PathBuf;

use clap::Args;

use super::output::stdout;
use crate::Result;
use crate::session::Session;

#[derive(Debug, Args)]
pub struct RescuedArgs {
    /// The file to print; without it, the rescue files are listed (beside the journal, and
    /// where text went that the journal's folder could not take).
    #[arg(value_name = "FILE")]
    pub file: Option<PathBuf>,
}

pub fn run(session: &Session, a: RescuedArgs) -> Result<()> {
    let mut out = stdout();
    let Some(file) = a.file else {
        let dir = session.rescue_dir();
        let files = crate::rescue::list_all(&dir);
        if files.is_empty() {
            writeln!(out, "No rescued text in {}.", dir.display())?;
        }
        for f in &files {
            let how = match crate::rescue::is_encrypted(f) {
                true => "encrypted",
                false => "plain text",
            };
            writeln!(out, "{}  ({how})", f.display())?;
        }
        out.flush()?;
        return Ok(());
    };
    if !file.is_file() {
        return Err(crate::Error::invalid(
            "file",
            format!(
                "there is no file at {}: `debrief rescued` lists the rescue files",
                file.display()
            ),
        ));
    }
    let key = match crate::rescue::is_encrypted(&file) {
        true => session.key_for(&file)?,
        false => None,
    };
    let text = crate::rescue::read(&file, key.as_ref())?;
    write!(out, "{text}")?;
    if !text.ends_with('\n') {
        writeln!(out)?;
    }
    out.flush()?;
    Ok(())
}
