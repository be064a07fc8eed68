//! One module per screen: its state, how its input changes it, what it asks for, and how it
//! is drawn. Each is listed once in [`crate::tui::screen::Screen`].

pub mod checkin;
pub mod cpd;
pub mod cpd_view;
pub mod dialogs;
pub mod export;
pub mod fields;
pub mod form;
pub mod form_view;
pub mod guard;
pub mod help;
pub mod keeper;
pub mod list;
pub mod picker;
pub mod prompt;
pub mod reader;
pub mod recovery;
pub mod review;
pub mod search;
pub mod supervision;
pub mod support;
pub mod trends;

use crate::domain::{Draft, Entry, Kind};
use crate::tui::screen::{Cmd, Ctx, Screen};

/// A new entry of `kind`: the check-in steps for a check-in, the form for the others.
pub fn new_entry(kind: Kind, ctx: &Ctx) -> Vec<Cmd> {
    match kind {
        Kind::Checkin => vec![Cmd::Push(Screen::Checkin(Box::new(
            checkin::CheckinFlow::new(ctx),
        )))],
        Kind::Recovery => vec![Cmd::Push(Screen::Recovery(Box::default()))],
        other => form::EntryForm::open(form::EntryForm::new(other, &ctx.default_template), ctx),
    }
}

/// Edit an entry in the screen for its kind.
pub fn edit_entry(e: &Entry, ctx: &Ctx) -> Vec<Cmd> {
    match e.kind() {
        Kind::Checkin => vec![Cmd::Push(Screen::Checkin(Box::new(
            checkin::CheckinFlow::for_entry(e, ctx),
        )))],
        Kind::Recovery => vec![Cmd::Push(Screen::Recovery(Box::new(
            recovery::RecoveryLog::for_entry(e, ctx),
        )))],
        _ => form::EntryForm::open(form::EntryForm::for_entry(e), ctx),
    }
}

/// Carry on with a stored draft in the screen for its kind.
pub fn restore_draft(d: &Draft, draft_id: i64, ctx: &Ctx) -> Vec<Cmd> {
    match d.kind() {
        Kind::Checkin => vec![Cmd::Push(Screen::Checkin(Box::new(
            checkin::CheckinFlow::from_draft(d, Some(draft_id), ctx),
        )))],
        _ => form::EntryForm::open(form::EntryForm::from_draft(d, draft_id), ctx),
    }
}
