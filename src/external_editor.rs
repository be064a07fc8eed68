//! Handing text to the user's `$VISUAL`/`$EDITOR` (through the `edit` crate), for the CLI and
//! the TUI alike: a private temporary file (mode 0600), removed as soon as the editor returns.

use std::io::ErrorKind;

use crate::{Error, Result};

/// Let the user edit `initial` in their editor and return the result.
pub fn edit_text(initial: &str) -> Result<String> {
    use std::io::IsTerminal;
    let named = ["VISUAL", "EDITOR"]
        .iter()
        .any(|v| std::env::var_os(v).is_some_and(|e| !e.is_empty()));
    if !named && !std::io::stdin().is_terminal() {
        // A fallback editor without a terminal would wait for input that never comes.
        return Err(Error::invalid(
            "text",
            "no text given and no terminal for an editor: pass the text as arguments, or - to read standard input",
        ));
    }
    let mut builder = edit::Builder::new();
    builder.prefix("debrief-").suffix(".md");
    edit::edit_with_builder(initial, &builder).map_err(|e| match e.kind() {
        ErrorKind::NotFound => Error::Editor(
            "no text editor found: set EDITOR (e.g. export EDITOR=nano) or pass the text as arguments"
                .into(),
        ),
        ErrorKind::InvalidData => {
            Error::Editor("the editor saved text that is not UTF-8; nothing was saved".into())
        }
        _ => Error::Editor(format!("the editor failed ({e}); nothing was saved")),
    })
}
