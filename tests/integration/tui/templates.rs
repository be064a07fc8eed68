//! Choosing a reflective model in the interface: the picker (default marked, a letter or
//! Enter chooses) and the after-visit debrief one key from the timeline.

use super::*;

#[test]
fn the_picker_lists_every_model_and_opens_the_chosen_one() {
    for size in SIZES {
        let config = Config {
            default_template: "kolb".into(),
            ..Config::default()
        };
        let mut h = Harness::with_config(Store::open_in_memory().expect("store"), size, &config);
        h.key(KeyCode::Char('m'));
        assert_eq!(h.screen_id(), ScreenId::Templates);
        let s = h.screen();
        for name in [
            "A blank page",
            "Gibbs' reflective cycle",
            "Structured reflection (Johns)",
            "Co-production reflection",
            "After-visit debrief",
        ] {
            assert!(s.contains(name), "{name}: {s}");
        }
        assert!(
            s.contains("Kolb's learning cycle  4 stages  (default)"),
            "{s}"
        );
        snap!("template_picker", size, s);
        // Enter takes the selected one, which starts at the default.
        h.key(KeyCode::Enter);
        assert!(
            h.screen().contains("New reflection · Kolb"),
            "{}",
            h.screen()
        );
        h.key(KeyCode::Esc);
        // A letter chooses directly; Esc leaves without choosing.
        h.key(KeyCode::Char('m'));
        h.key(KeyCode::Esc);
        assert_eq!(h.screen_id(), ScreenId::Timeline);
        h.key(KeyCode::Char('m'));
        h.key(KeyCode::Char('h'));
        let s = h.screen();
        assert!(
            s.contains("Structured reflection (Johns)") && s.contains("Pause and notice"),
            "{s}"
        );
        snap!("template_editor_johns", size, s);
        h.key(KeyCode::Esc);
    }
}

#[test]
fn the_after_visit_debrief_is_one_key_and_saves_its_stages() {
    let mut h = Harness::new(Store::open_in_memory().expect("store"), (80, 24));
    h.key(KeyCode::Char('a'));
    let s = h.screen();
    assert!(
        s.contains("After-visit debrief") && s.contains("on the way in"),
        "{s}"
    );
    h.chars("About a 4, thinking about the dog");
    h.key(KeyCode::Tab);
    h.chars("Long visit; calm by the end");
    h.ctrl('s');
    let e = h.store().get(h.live()[0].id).expect("get");
    let Details::Reflection(g) = e.content.details else {
        panic!("kind")
    };
    assert_eq!(g.template.as_deref(), Some("after_visit"));
    assert_eq!(
        g.answer("before"),
        Some("About a 4, thinking about the dog")
    );
    assert_eq!(
        g.answer("what_happened"),
        Some("Long visit; calm by the end")
    );
}
