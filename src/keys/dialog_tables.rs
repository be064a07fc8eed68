//! The tables of dialogs and overlays: leaving with unsaved changes, saving over a change made
//! elsewhere, deleting for good, drafts
//! from an interrupted session, one-line prompts, the guard after saving, exporting, support.

use super::Code as K;
use super::Key;
use super::map::{Action, Binding};
use super::tables::b;

pub(super) fn prompt() -> Vec<Binding> {
    vec![
        b(&[Key::plain(K::Enter)], Action::Open, "done", true),
        b(&[Key::plain(K::Esc)], Action::Back, "cancel", true),
        b(&[Key::ctrl('c')], Action::Quit, "quit", false),
    ]
}

pub(super) fn guard() -> Vec<Binding> {
    vec![
        b(
            &[Key::ch('a')],
            Action::UseRole,
            "write the role instead",
            true,
        ),
        b(
            &[Key::ch('g')],
            Action::Generalise,
            "write its kind instead",
            true,
        ),
        b(&[Key::ch('k')], Action::Keep, "keep as written", true),
        b(&[Key::plain(K::Down)], Action::Down, "next", false),
        b(&[Key::plain(K::Up)], Action::Up, "previous", false),
        b(
            &[Key::plain(K::Esc), Key::ch('q')],
            Action::Back,
            "close (keep the rest)",
            true,
        ),
    ]
}

pub(super) fn export() -> Vec<Binding> {
    vec![
        b(
            &[Key::ch('j')],
            Action::FormatJson,
            "JSON bundle (all of it; import reads it back)",
            true,
        ),
        b(
            &[Key::ch('m')],
            Action::FormatMarkdown,
            "Markdown (readable)",
            true,
        ),
        b(
            &[Key::ch('c')],
            Action::FormatCsv,
            "CSV (numbers and titles, for a spreadsheet)",
            true,
        ),
        b(
            &[Key::ch('r')],
            Action::Redact,
            "replace identifiers with their kind or role",
            false,
        ),
        b(
            &[Key::ch('a')],
            Action::AllowIdentifiers,
            "export them as written",
            false,
        ),
        b(
            &[Key::plain(K::Esc), Key::ch('q')],
            Action::Back,
            "cancel",
            true,
        ),
    ]
}

pub(super) fn support() -> Vec<Binding> {
    vec![b(
        &[Key::plain(K::Esc), Key::plain(K::Enter), Key::ch('q')],
        Action::Back,
        "close",
        true,
    )]
}

pub(super) fn leave() -> Vec<Binding> {
    vec![
        b(
            &[Key::ch('s'), Key::ctrl('s')],
            Action::Save,
            "save it",
            true,
        ),
        b(
            &[Key::ch('k')],
            Action::KeepDraft,
            "keep as a draft for later",
            true,
        ),
        b(
            &[Key::ch('x')],
            Action::Discard,
            "discard the changes",
            true,
        ),
        b(
            &[Key::plain(K::Esc)],
            Action::Back,
            "go back to writing",
            true,
        ),
    ]
}

pub(super) fn conflict() -> Vec<Binding> {
    vec![
        b(
            &[Key::ch('m')],
            Action::KeepMine,
            "save mine over theirs",
            true,
        ),
        b(
            &[Key::ch('n')],
            Action::SaveAsNew,
            "save mine as a new entry (theirs stays)",
            true,
        ),
        b(
            &[Key::ch('v')],
            Action::ViewTheirs,
            "look at theirs (yours stays here)",
            true,
        ),
        b(
            &[Key::plain(K::Esc)],
            Action::Back,
            "go back to writing",
            true,
        ),
    ]
}

pub(super) fn purge() -> Vec<Binding> {
    vec![
        b(
            &[Key::ch('y')],
            Action::Confirm,
            "delete it (a copy of the journal first)",
            true,
        ),
        b(
            &[Key::ch('x')],
            Action::PurgeNoCopy,
            "delete it and keep no copy",
            true,
        ),
        b(
            &[Key::ch('n'), Key::plain(K::Esc)],
            Action::Back,
            "keep it",
            true,
        ),
    ]
}

pub(super) fn draft() -> Vec<Binding> {
    vec![
        b(
            &[Key::ch('r'), Key::plain(K::Enter)],
            Action::Restore,
            "restore it and keep writing",
            true,
        ),
        b(&[Key::ch('d')], Action::Discard, "discard it", true),
        b(
            &[Key::ch('l'), Key::plain(K::Esc)],
            Action::Later,
            "later (ask again next time)",
            true,
        ),
    ]
}
