//! The confidentiality guard after saving: the entry is saved first, then what may identify
//! someone is shown with one-key fixes; each fix is saved and the entry checked again.

use super::*;

fn now() -> DateTime<Utc> {
    at(22, 15, 0)
}

#[test]
fn identifiers_are_shown_after_saving_and_fixed_one_key_at_a_time() {
    let mut store = Store::open_in_memory().expect("store");
    store
        .add_name("Jane Doe", "the mother", now())
        .expect("name");
    let mut h = Harness::new(store, (100, 30));
    h.key(KeyCode::Char('n'));
    h.chars("Saw Jane Doe's son. Mrs Patel, NHS 943 476 5919, lives at SW1A 1AA.");
    h.ctrl('s');

    // Saved as written before anything is asked.
    assert_eq!(h.live().len(), 1);
    assert_eq!(h.screen_id(), ScreenId::Guard);
    let s = h.screen();
    for part in [
        "Entry 1 is saved as written. These 4 may identify someone:",
        "▸ body: listed name \"Jane Doe\" → the mother",
        "body: name \"Mrs Patel\"",
        "body: NHS number \"943 476 5919\"",
        "body: postcode \"SW1A 1AA\"",
        "a  write the role instead",
    ] {
        assert!(s.contains(part), "{part}\n{s}");
    }

    // a: the listed name's role.
    h.key(KeyCode::Char('a'));
    let body = |h: &Harness| {
        h.store()
            .get(EntryId(1))
            .expect("entry")
            .content
            .common
            .body
    };
    assert!(
        body(&h).starts_with("Saw the mother's son."),
        "{}",
        body(&h)
    );
    // a on a titled name asks for a role, writes it, and lists the name without its title.
    h.key(KeyCode::Char('a'));
    assert_eq!(h.screen_id(), ScreenId::Prompt);
    h.chars("the neighbour");
    h.key(KeyCode::Enter);
    assert!(body(&h).contains("son. the neighbour, NHS"), "{}", body(&h));
    assert!(!h.store().guard().expect("guard").scan("patel").is_empty());
    assert_eq!(h.store().names().expect("names").len(), 2);
    // A role is for names: a on a number says so and changes nothing.
    h.key(KeyCode::Char('a'));
    assert!(h.screen().contains("A role is for names"), "{}", h.screen());
    // g: its kind; k: kept as written, and the dialog closes with what was done.
    h.key(KeyCode::Char('g'));
    assert!(body(&h).contains("NHS [NHS number], lives"), "{}", body(&h));
    h.key(KeyCode::Char('k'));
    assert_eq!(h.screen_id(), ScreenId::Reader);
    assert!(
        h.screen().contains("Entry 1: 3 fixed, 1 kept as written."),
        "{}",
        h.screen()
    );
    assert!(
        h.screen()
            .contains("the neighbour, NHS [NHS number], lives at SW1A 1AA.")
    );
}

#[test]
fn a_clean_entry_asks_nothing_and_esc_keeps_everything() {
    let mut h = Harness::new(Store::open_in_memory().expect("store"), (80, 24));
    h.key(KeyCode::Char('n'));
    h.chars("A quiet day of paperwork.");
    h.ctrl('s');
    assert_eq!(h.screen_id(), ScreenId::Reader);

    h.key(KeyCode::Esc);
    h.key(KeyCode::Char('n'));
    h.chars("Mr Jones called.");
    h.ctrl('s');
    assert_eq!(h.screen_id(), ScreenId::Guard);
    h.key(KeyCode::Esc);
    assert_eq!(h.screen_id(), ScreenId::Reader);
    assert!(
        h.screen().contains("Entry 2 kept as written"),
        "{}",
        h.screen()
    );
    assert_eq!(
        h.store()
            .get(EntryId(2))
            .expect("entry")
            .content
            .common
            .body,
        "Mr Jones called."
    );
}

#[test]
fn a_fix_to_an_entry_changed_meanwhile_is_refused_and_nothing_is_lost() {
    let mut h = Harness::new(Store::open_in_memory().expect("store"), (100, 30));
    h.key(KeyCode::Char('n'));
    h.chars("Mrs Smith rang.");
    h.ctrl('s');
    assert_eq!(h.screen_id(), ScreenId::Guard);
    // Another debrief rewrites the entry before the fix.
    let content = EntryContent::text("Rewritten elsewhere: Mrs Smith rang twice.");
    h.runtime
        .store
        .save(
            debrief::storage::SaveTarget::Existing {
                id: EntryId(1),
                created: None,
                revision: None,
            },
            &content,
            None,
            now(),
        )
        .expect("save");
    h.key(KeyCode::Char('g'));
    assert!(
        h.screen().contains("changed since it was checked"),
        "{}",
        h.screen()
    );
    assert_eq!(
        h.store()
            .get(EntryId(1))
            .expect("entry")
            .content
            .common
            .body,
        "Rewritten elsewhere: Mrs Smith rang twice."
    );
    assert_eq!(h.screen_id(), ScreenId::Guard, "still there to decide");
}
