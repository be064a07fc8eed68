//! The entry form's own behaviour: drafts after a pause, one text per stage, restored drafts.

use super::*;
use ratatui::crossterm::event::KeyModifiers;
use std::time::Duration;

fn type_str(f: &mut EntryForm, s: &str, now: Instant) {
    for c in s.chars() {
        f.key(KeyEvent::new(KeyCode::Char(c), KeyModifiers::NONE), now);
    }
}

#[test]
fn typing_makes_a_draft_after_a_pause() {
    let t0 = Instant::now();
    let mut f = EntryForm::new(Kind::Reflection, "free");
    assert!(!f.is_dirty());
    type_str(&mut f, "Hello", t0);
    assert!(f.is_dirty());
    assert!(
        f.tick(t0 + Duration::from_millis(100)).is_empty(),
        "not while typing"
    );
    let cmds = f.tick(t0 + DRAFT_DELAY);
    match cmds.as_slice() {
        [Cmd::Do(Effect::SaveDraft { draft, .. })] => assert_eq!(draft.body, "Hello"),
        other => panic!("{other:?}"),
    }
    assert!(f.tick(t0 + DRAFT_DELAY * 2).is_empty(), "written once");
}

#[test]
fn a_guided_reflection_has_one_text_per_stage_keyed_by_stage() {
    let now = Instant::now();
    let mut f = EntryForm::new(Kind::Reflection, "driscoll");
    assert_eq!(f.focus, Focus::Stage(0), "it opens on the first stage");
    assert!(!f.is_dirty(), "the template alone is not a change");
    type_str(&mut f, "I visited.", now);
    f.cycle_focus(true);
    f.cycle_focus(true);
    type_str(&mut f, "Ask for help.", now);
    let c = f.snapshot().to_content().expect("content");
    match c.details {
        Details::Reflection(g) => {
            assert_eq!(g.template.as_deref(), Some("driscoll"));
            assert_eq!(g.answer("what"), Some("I visited."));
            assert_eq!(g.answer("now_what"), Some("Ask for help."));
            assert_eq!(g.answer("so_what"), None);
        }
        other => panic!("{other:?}"),
    }
}

#[test]
fn a_restored_draft_is_unsaved_work_and_round_trips() {
    let now = Instant::now();
    let mut f = EntryForm::new(Kind::Checkin, "free");
    type_str(&mut f, "café 日本 🙂", now);
    let restored = EntryForm::from_draft(&f.snapshot(), 3);
    assert_eq!(restored.snapshot(), f.snapshot());
    assert!(restored.is_dirty());
    assert_eq!(
        restored.body.cursor(),
        (0, 9),
        "the cursor is after the text"
    );
}
