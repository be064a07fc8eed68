//! The default key of every action on every screen. Each screen's table is in help order;
//! the hint bar shows the bindings marked as hints.

use super::dialog_tables::{conflict, draft, export, guard, leave, prompt, purge, support};
use super::map::{Action, Binding, Keymap, ScreenId};
use super::{Code, Key};

pub(super) fn b(keys: &[Key], action: Action, help: &'static str, hint: bool) -> Binding {
    Binding {
        keys: keys.to_vec(),
        action,
        help,
        hint,
    }
}

use Code as K;

/// ↓/j and ↑/k, with what each does on the screen.
fn down_up(down: &'static str, up: &'static str) -> [Binding; 2] {
    [
        b(
            &[Key::plain(K::Down), Key::ch('j')],
            Action::Down,
            down,
            false,
        ),
        b(&[Key::plain(K::Up), Key::ch('k')], Action::Up, up, false),
    ]
}

/// Esc or q goes back, ? or F1 helps, Ctrl-C quits: a screen over the timeline.
fn back_help_quit() -> Vec<Binding> {
    let mut t = vec![b(
        &[Key::plain(K::Esc), Key::ch('q')],
        Action::Back,
        "back",
        true,
    )];
    t.extend(help_and_quit(
        &[Key::ch('?'), Key::plain(K::F(1))],
        &[Key::ctrl('c')],
        false,
    ));
    t
}

fn list_moves() -> Vec<Binding> {
    let mut t = down_up("next", "previous").to_vec();
    t.extend([
        b(
            &[Key::plain(K::PageDown), Key::ctrl('d')],
            Action::PageDown,
            "page down",
            false,
        ),
        b(
            &[Key::plain(K::PageUp), Key::ctrl('u')],
            Action::PageUp,
            "page up",
            false,
        ),
        b(
            &[Key::plain(K::Home), Key::ch('g')],
            Action::Top,
            "first",
            false,
        ),
        b(
            &[Key::plain(K::End), Key::ch('G')],
            Action::Bottom,
            "last",
            false,
        ),
    ]);
    t
}

fn help_and_quit(help: &[Key], quit: &[Key], quit_hint: bool) -> Vec<Binding> {
    vec![
        b(help, Action::Help, "help", true),
        b(quit, Action::Quit, "quit", quit_hint),
    ]
}

/// What can be done to one entry, in the timeline and the reader alike; `hint` puts all but
/// "finish later" in the hint bar.
fn entry_actions(hint: bool) -> Vec<Binding> {
    vec![
        b(&[Key::ch('e')], Action::Edit, "edit", hint),
        b(&[Key::ch('s')], Action::Star, "star", hint),
        b(
            &[Key::ch('f')],
            Action::ToggleSupervision,
            "flag for supervision",
            hint,
        ),
        b(
            &[Key::ch('u')],
            Action::ToggleFinished,
            "finish later (toggle)",
            false,
        ),
        b(
            &[Key::ch('d'), Key::plain(K::Delete)],
            Action::Delete,
            "to trash",
            hint,
        ),
    ]
}

fn timeline() -> Vec<Binding> {
    let mut t = vec![
        b(&[Key::plain(K::Enter)], Action::Open, "read", true),
        b(
            &[Key::ch('n')],
            Action::NewReflection,
            "new reflection",
            true,
        ),
        b(
            &[Key::ch('m')],
            Action::NewWithModel,
            "new reflection with a model",
            false,
        ),
        b(
            &[Key::ch('a')],
            Action::AfterVisit,
            "after-visit debrief",
            false,
        ),
        b(&[Key::ch('r')], Action::StartReview, "review", false),
        b(&[Key::ch('c')], Action::NewCheckin, "new check-in", true),
        b(
            &[Key::ch('v')],
            Action::NewSupervision,
            "new supervision note",
            false,
        ),
        b(&[Key::ch('l')], Action::LogRecovery, "log recovery", false),
        b(
            &[Key::ch('L')],
            Action::NewLearning,
            "record learning",
            false,
        ),
        b(
            &[Key::ch('p')],
            Action::PrepareSupervision,
            "prepare for supervision",
            false,
        ),
        b(&[Key::ch('T')], Action::Trends, "trends", false),
        b(&[Key::ch('E')], Action::Export, "export the journal", false),
        b(&[Key::ch('C')], Action::Cpd, "CPD records", false),
    ];
    t.extend(entry_actions(false));
    t.extend([
        b(&[Key::ch('/')], Action::Search, "search", true),
        b(&[Key::ch('t')], Action::Trash, "trash", false),
    ]);
    t.extend(list_moves());
    t.extend(help_and_quit(
        &[Key::ch('?'), Key::plain(K::F(1))],
        &[Key::ch('q'), Key::ctrl('c')],
        true,
    ));
    t
}

fn cpd() -> Vec<Binding> {
    let mut t = vec![
        b(
            &[Key::plain(K::Enter)],
            Action::Open,
            "show the record / the year",
            true,
        ),
        b(
            &[Key::ch('p')],
            Action::CpdPeer,
            "keep a peer reflection with it",
            true,
        ),
        b(
            &[Key::ch('x')],
            Action::CpdRemove,
            "no longer a CPD record (the entry stays)",
            false,
        ),
        b(&[Key::ch('[')], Action::EarlierYear, "earlier year", false),
        b(&[Key::ch(']')], Action::LaterYear, "later year", false),
    ];
    t.extend(down_up("next / scroll", "previous / scroll"));
    t.extend(back_help_quit());
    t
}

fn trends() -> Vec<Binding> {
    let mut t = vec![
        b(
            &[Key::plain(K::Tab), Key::plain(K::Right)],
            Action::NextField,
            "next view",
            true,
        ),
        b(
            &[Key::plain(K::BackTab), Key::plain(K::Left)],
            Action::PrevField,
            "previous view",
            false,
        ),
        b(&[Key::ch('r')], Action::NextRange, "range", true),
        b(
            &[Key::ch('a')],
            Action::QueueItem,
            "signal to the agenda",
            false,
        ),
        b(&[Key::plain(K::F(2))], Action::Support, "support", false),
    ];
    t.extend(down_up("next / scroll", "previous / scroll"));
    t.extend(back_help_quit());
    t
}

fn reader() -> Vec<Binding> {
    let mut t = entry_actions(true);
    t.extend([
        b(&[Key::ch('c')], Action::NewCheckin, "new check-in", false),
        b(&[Key::ch('l')], Action::LogRecovery, "log recovery", false),
        b(
            &[Key::ch('r')],
            Action::Restore,
            "restore from the trash",
            false,
        ),
        b(
            &[Key::ch('C')],
            Action::CpdRecord,
            "make it a CPD record (C twice)",
            false,
        ),
    ]);
    t.extend(down_up("scroll down", "scroll up"));
    t.extend([
        b(
            &[Key::plain(K::PageDown), Key::ch(' ')],
            Action::PageDown,
            "page down",
            false,
        ),
        b(&[Key::plain(K::PageUp)], Action::PageUp, "page up", false),
        b(
            &[Key::plain(K::Home), Key::ch('g')],
            Action::Top,
            "top",
            false,
        ),
        b(
            &[Key::plain(K::End), Key::ch('G')],
            Action::Bottom,
            "end",
            false,
        ),
        b(
            &[Key::plain(K::Esc), Key::ch('q'), Key::plain(K::Left)],
            Action::Back,
            "back",
            true,
        ),
    ]);
    t.extend(help_and_quit(
        &[Key::ch('?'), Key::plain(K::F(1))],
        &[Key::ctrl('c')],
        false,
    ));
    t
}

/// The keys every writing screen shares: save, forward and back between its parts (fields,
/// steps, questions), Esc, then `extra` keys of its own, then help (F1: `?` is typed) and quit.
fn writing(
    save: &'static str,
    (next, previous): (&'static str, &'static str),
    back: &'static str,
    extra: Vec<Binding>,
) -> Vec<Binding> {
    let mut t = vec![
        b(&[Key::ctrl('s')], Action::Save, save, true),
        b(&[Key::plain(K::Tab)], Action::NextField, next, true),
        b(
            &[Key::plain(K::BackTab)],
            Action::PrevField,
            previous,
            false,
        ),
        b(&[Key::plain(K::Esc)], Action::Back, back, true),
    ];
    t.extend(extra);
    t.extend(help_and_quit(
        &[Key::plain(K::F(1))],
        &[Key::ctrl('c')],
        false,
    ));
    t
}

fn undo_redo() -> [Binding; 2] {
    [
        b(&[Key::ctrl('z')], Action::Undo, "undo", false),
        b(&[Key::ctrl('y')], Action::Redo, "redo", false),
    ]
}

fn editor() -> Vec<Binding> {
    let mut extra = vec![b(
        &[Key::ctrl('o')],
        Action::ExternalEditor,
        "text in $EDITOR",
        true,
    )];
    extra.extend(undo_redo());
    writing("save", ("next field", "previous field"), "close", extra)
}

fn checkin() -> Vec<Binding> {
    writing(
        "save",
        ("next step", "previous step"),
        "back",
        vec![b(&[Key::plain(K::F(2))], Action::Support, "support", true)],
    )
}

fn recovery() -> Vec<Binding> {
    vec![
        b(&[Key::plain(K::Enter)], Action::Save, "log it", true),
        b(
            &[Key::plain(K::Tab)],
            Action::NextField,
            "next field",
            false,
        ),
        b(&[Key::plain(K::Esc)], Action::Back, "back", true),
        b(&[Key::plain(K::F(1))], Action::Help, "help", true),
        b(&[Key::ctrl('c')], Action::Quit, "quit", false),
    ]
}

fn templates() -> Vec<Binding> {
    vec![
        b(&[Key::plain(K::Enter)], Action::Open, "choose", true),
        b(
            &[Key::plain(K::Down), Key::ctrl('n')],
            Action::Down,
            "next",
            false,
        ),
        b(
            &[Key::plain(K::Up), Key::ctrl('p')],
            Action::Up,
            "previous",
            false,
        ),
        b(&[Key::plain(K::Esc)], Action::Back, "back", true),
        b(&[Key::plain(K::F(1))], Action::Help, "help", true),
        b(&[Key::ctrl('c')], Action::Quit, "quit", false),
    ]
}

fn review() -> Vec<Binding> {
    writing(
        "save the answers",
        ("next question", "previous question"),
        "close",
        undo_redo().to_vec(),
    )
}

fn supervision() -> Vec<Binding> {
    let mut t = vec![
        b(&[Key::plain(K::Enter)], Action::Open, "read it", true),
        b(&[Key::ch('d')], Action::ActionDone, "action done", true),
        b(&[Key::ch('x')], Action::ActionDrop, "drop the action", true),
        b(
            &[Key::ch('o')],
            Action::ActionReopen,
            "reopen the action",
            false,
        ),
        b(
            &[Key::ch('a')],
            Action::QueueItem,
            "add to the agenda",
            true,
        ),
        b(
            &[Key::plain(K::Delete), Key::ch('-')],
            Action::Unqueue,
            "take off the agenda",
            false,
        ),
        b(
            &[Key::ch('v')],
            Action::NewSupervision,
            "new supervision note",
            false,
        ),
        b(
            &[Key::plain(K::Tab)],
            Action::NextField,
            "agenda / prep pack",
            true,
        ),
        b(
            &[Key::ch('w')],
            Action::Wellbeing,
            "your wellbeing in the pack, or out",
            false,
        ),
    ];
    t.extend(down_up("next", "previous"));
    t.extend(back_help_quit());
    t
}

fn search() -> Vec<Binding> {
    let mut t = vec![
        b(&[Key::plain(K::Enter)], Action::Open, "read", true),
        b(&[Key::plain(K::Down)], Action::Down, "next", true),
        b(&[Key::plain(K::Up)], Action::Up, "previous", false),
        b(
            &[Key::plain(K::PageDown)],
            Action::PageDown,
            "page down",
            false,
        ),
        b(&[Key::plain(K::PageUp)], Action::PageUp, "page up", false),
        b(&[Key::plain(K::Esc)], Action::Back, "back", true),
    ];
    t.extend(help_and_quit(
        &[Key::plain(K::F(1))],
        &[Key::ctrl('c')],
        false,
    ));
    t
}

fn trash() -> Vec<Binding> {
    let mut t = vec![
        b(&[Key::plain(K::Enter)], Action::Open, "read", true),
        b(&[Key::ch('r')], Action::Restore, "restore", true),
        b(&[Key::ch('P')], Action::Purge, "delete for good", true),
    ];
    t.extend(list_moves());
    t.push(b(
        &[Key::plain(K::Esc), Key::ch('q')],
        Action::Back,
        "back",
        true,
    ));
    t.extend(help_and_quit(
        &[Key::ch('?'), Key::plain(K::F(1))],
        &[Key::ctrl('c')],
        false,
    ));
    t
}

impl Default for Keymap {
    fn default() -> Self {
        let tables = ScreenId::ALL
            .into_iter()
            .map(|s| {
                let table = match s {
                    ScreenId::Timeline => timeline(),
                    ScreenId::Reader => reader(),
                    ScreenId::Editor => editor(),
                    ScreenId::Search => search(),
                    ScreenId::Trash => trash(),
                    ScreenId::Leave => leave(),
                    ScreenId::Purge => purge(),
                    ScreenId::Draft => draft(),
                    ScreenId::Checkin => checkin(),
                    ScreenId::Recovery => recovery(),
                    ScreenId::Support => support(),
                    ScreenId::Templates => templates(),
                    ScreenId::Review => review(),
                    ScreenId::Supervision => supervision(),
                    ScreenId::Prompt => prompt(),
                    ScreenId::Trends => trends(),
                    ScreenId::Guard => guard(),
                    ScreenId::Export => export(),
                    ScreenId::Conflict => conflict(),
                    ScreenId::Cpd => cpd(),
                };
                (s, table)
            })
            .collect();
        Keymap { tables }
    }
}
