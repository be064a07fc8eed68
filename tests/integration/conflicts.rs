//! An edit is never saved over a change made elsewhere meanwhile: two windows on one entry,
//! a command while the interface edits, `$EDITOR` while another command edits. The
//! interface keeps the text (in the form and a draft) and offers mine, a new entry, or a look
//! at theirs; the command line refuses with the conflict exit code and says where the text is.

use std::fs;
use std::os::unix::fs::PermissionsExt;

use debrief::domain::*;
use debrief::keys::ScreenId;
use ratatui::crossterm::event::KeyCode;

use super::cli::Journal;
use super::keying::{Keying, plain_and_encrypted};
use super::tui::{Harness, TempJournal};

fn body(h: &Harness, id: EntryId) -> String {
    h.store().get(id).expect("get").content.common.body
}

/// Two windows (processes 1 and 2) on a journal with one entry, both opened on it in the
/// form, each having typed something; window 2 saves first.
fn two_windows_editing(keying: Keying) -> (TempJournal, Harness, Harness, EntryId) {
    let j = TempJournal::keyed(keying);
    let id = {
        let mut s = j.open();
        let at = super::tui::at(20, 9, 0);
        s.add_entry(&EntryContent::text("First words."), at, 3600, at)
            .expect("add")
    };
    let running = |p: u32| p == 1 || p == 2;
    let mut a = Harness::as_process(j.open(), 1, running);
    let mut b = Harness::as_process(j.open(), 2, running);
    for (h, words) in [(&mut a, " Mine."), (&mut b, " Theirs.")] {
        h.key(KeyCode::Enter);
        h.key(KeyCode::Char('e'));
        h.chars(words);
    }
    b.ctrl('s');
    assert_eq!(body(&b, id), "First words. Theirs.");
    (j, a, b, id)
}

fn a_save_over_a_change_in_another_window_is_a_conflict_not_an_overwrite(keying: Keying) {
    let (_j, mut a, _b, id) = two_windows_editing(keying);
    a.ctrl('s');
    assert_eq!(a.screen_id(), ScreenId::Conflict, "{}", a.screen());
    let s = a.screen();
    for part in [
        "changed elsewhere",
        "save mine over theirs",
        "as a new entry",
    ] {
        assert!(s.contains(part), "{part}: {s}");
    }
    assert_eq!(body(&a, id), "First words. Theirs.", "not overwritten");
    // The text typed here is safe in a draft as well as in the form.
    let drafts = a.store().drafts().expect("drafts");
    assert!(
        drafts.iter().any(|d| d
            .draft
            .as_ref()
            .is_ok_and(|d| d.body == "First words. Mine.")),
        "{drafts:?}"
    );
    // A look at theirs, then back to mine.
    a.key(KeyCode::Char('v'));
    assert_eq!(a.screen_id(), ScreenId::Reader);
    assert!(a.screen().contains("Theirs."), "{}", a.screen());
    a.key(KeyCode::Esc);
    assert_eq!(a.screen_id(), ScreenId::Editor);
    assert!(a.screen().contains("Mine."), "{}", a.screen());
    // Saving again asks again; Esc goes back to writing with nothing written.
    a.ctrl('s');
    assert_eq!(a.screen_id(), ScreenId::Conflict);
    a.key(KeyCode::Esc);
    assert_eq!(a.screen_id(), ScreenId::Editor);
    assert_eq!(body(&a, id), "First words. Theirs.");
    // Mine as a new entry: both stay.
    a.ctrl('s');
    a.key(KeyCode::Char('n'));
    let live = a.live();
    assert_eq!(live.len(), 2, "{live:?}");
    assert_eq!(body(&a, id), "First words. Theirs.");
    let new = live.iter().find(|e| e.id != id).expect("the new entry").id;
    assert_eq!(body(&a, new), "First words. Mine.");
    let dated = |id| a.store().get(id).expect("get").meta.created;
    assert_eq!(dated(new), dated(id), "the copy keeps the entry's date");
    assert!(
        a.store().drafts().expect("drafts").is_empty(),
        "draft forgotten"
    );
}

fn keeping_mine_saves_over_theirs_once_chosen(keying: Keying) {
    let (_j, mut a, _b, id) = two_windows_editing(keying);
    a.ctrl('s');
    assert_eq!(a.screen_id(), ScreenId::Conflict);
    a.key(KeyCode::Char('m'));
    assert_eq!(a.screen_id(), ScreenId::Reader, "{}", a.screen());
    assert_eq!(body(&a, id), "First words. Mine.");
    assert_eq!(a.live().len(), 1);
}

plain_and_encrypted!(
    a_save_over_a_change_in_another_window_is_a_conflict_not_an_overwrite,
    keeping_mine_saves_over_theirs_once_chosen,
);

/// A flag set elsewhere counts as a change too: the form's save would have cleared it.
#[test]
fn a_star_set_elsewhere_is_not_undone_by_a_form_open_before() {
    let (_j, mut a, b, id) = two_windows_editing(Keying::Plain);
    drop(b);
    let mut other = _j.open();
    let now = super::tui::at(22, 15, 0);
    other.set_flag(id, Flag::Starred, true, now).expect("star");
    a.ctrl('s');
    assert_eq!(a.screen_id(), ScreenId::Conflict);
    assert!(a.store().get(id).expect("get").content.common.flags.starred);
}

/// `debrief edit N` opens `$EDITOR`; while it is open, `debrief edit N --title` changes the
/// entry. Closing the editor then saves nothing, exits 5, and says where the text is.
#[test]
fn an_edit_in_the_editor_over_a_command_s_change_is_refused_and_kept() {
    let j = Journal::new();
    let id = j.add(&["First words."]);
    let debrief = assert_cmd::cargo::cargo_bin("debrief");
    let script = j.dir.path().join("racing-editor.sh");
    fs::write(
        &script,
        format!(
            "#!/bin/sh\n'{}' edit {id} --title Theirs >/dev/null || exit 9\nprintf '%s' 'Mine, typed in the editor.' > \"$1\"\n",
            debrief.display()
        ),
    )
    .expect("script");
    fs::set_permissions(&script, fs::Permissions::from_mode(0o700)).expect("chmod");
    let out = j
        .cmd()
        .env("VISUAL", &script)
        .args(["edit", &id.to_string()])
        .assert()
        .code(5)
        .get_output()
        .clone();
    let err = String::from_utf8(out.stderr).expect("utf8");
    assert!(err.contains("changed elsewhere"), "{err}");
    assert_eq!(err.trim_end().lines().count(), 1, "{err}");
    let kept = err
        .split("your text is kept in ")
        .nth(1)
        .and_then(|rest| rest.split(';').next())
        .expect("where the text is");
    assert_eq!(
        fs::read_to_string(kept).expect("kept file"),
        "Mine, typed in the editor."
    );
    let e = j.json(&["show", &id.to_string(), "--json"]);
    assert_eq!(e["title"], "Theirs");
    assert_eq!(e["body"], "First words.");
}

/// The entry deleted for good in another window while it is edited here: the dialog says so,
/// and the text is saved as a new entry (it used to show "no entry with id 1" again and again).
#[test]
fn an_entry_deleted_for_good_meanwhile_is_saved_as_a_new_one() {
    let (j, mut a, b, id) = two_windows_editing(Keying::Plain);
    drop(b);
    j.open().purge(id).expect("purge");
    a.ctrl('s');
    assert_eq!(a.screen_id(), ScreenId::Conflict, "{}", a.screen());
    assert!(
        a.screen().contains("deleted for good elsewhere"),
        "{}",
        a.screen()
    );
    a.key(KeyCode::Char('m'));
    let live = a.live();
    assert_eq!(live.len(), 1, "{live:?}");
    assert_eq!(body(&a, live[0].id), "First words. Mine.");
}

/// Saving mine over an entry moved to the trash meanwhile says it is in the trash.
#[test]
fn saving_over_an_entry_trashed_meanwhile_says_it_is_in_the_trash() {
    let (j, mut a, b, id) = two_windows_editing(Keying::Plain);
    drop(b);
    let now = super::tui::at(22, 15, 0);
    j.open().trash(id, now).expect("trash");
    a.ctrl('s');
    a.key(KeyCode::Char('m'));
    assert!(
        a.screen().contains("saved; it is in the trash"),
        "{}",
        a.screen()
    );
    assert_eq!(body(&a, id), "First words. Mine.");
}

/// A check-in saved as a new entry from the dialog is shown (the check-in usually goes back
/// to where it came from, here the old entry's reader).
#[test]
fn a_check_in_saved_as_a_new_entry_is_shown() {
    let j = TempJournal::keyed(Keying::Plain);
    let id = {
        let mut s = j.open();
        let at = super::tui::at(20, 9, 0);
        let mut c = EntryContent::of_kind(Kind::Checkin);
        c.common.stress = Some(Rating::new("stress", 6).expect("rating"));
        s.add_entry(&c, at, 3600, at).expect("add")
    };
    let running = |p: u32| p == 1;
    let mut a = Harness::as_process(j.open(), 1, running);
    a.key(KeyCode::Enter);
    a.key(KeyCode::Char('e'));
    let now = super::tui::at(22, 15, 0);
    j.open()
        .set_flag(id, Flag::Starred, true, now)
        .expect("star");
    a.ctrl('s');
    assert_eq!(a.screen_id(), ScreenId::Conflict, "{}", a.screen());
    a.key(KeyCode::Char('n'));
    assert_eq!(a.screen_id(), ScreenId::Reader, "{}", a.screen());
    let new = a
        .live()
        .into_iter()
        .find(|e| e.id != id)
        .expect("the copy")
        .id;
    assert!(
        a.screen().contains(&format!("#{new}")),
        "the new entry is shown: {}",
        a.screen()
    );
}
