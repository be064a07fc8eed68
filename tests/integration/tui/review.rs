//! The review screen: choose a review, answer its questions one at a time (any may stay
//! empty), and the answers are saved as a reflection; nothing typed is lost on the way.

use super::*;

/// The fixture journal with one more entry of stress 8 in the week before the clock's now.
fn journal() -> Store {
    let mut store = fixture();
    let mut hard = EntryContent::text("The flat was cold and the baby was crying");
    hard.common.stress = Rating::new("stress", 8).ok();
    store
        .add_entry(&hard, at(21, 15, 0), 3600, at(21, 15, 0))
        .expect("add");
    store
}

#[test]
fn a_weekly_review_is_answered_and_saved_as_a_reflection() {
    for size in SIZES {
        let mut h = Harness::new(journal(), size);
        h.key(KeyCode::Char('r'));
        assert_eq!(h.screen_id(), ScreenId::Review);
        let s = h.screen();
        assert!(s.contains("w the week: the last 7 days"), "{s}");
        snap!("review_choose", size, s);
        h.key(KeyCode::Char('w'));
        let s = h.screen();
        assert!(
            s.contains("question 1 of") && s.contains("you rated your stress 8 and wrote"),
            "{s}"
        );
        snap!("review_question", size, s);
        h.chars("It still sits with me");
        h.key(KeyCode::Tab);
        h.key(KeyCode::Tab);
        h.ctrl('s');
        assert_eq!(h.screen_id(), ScreenId::Reader, "saved, and opened to read");
        let e = h.store().get(h.live()[0].id).expect("get");
        let title = e.content.common.title.clone().unwrap_or_default();
        assert!(title.starts_with("Weekly review, "), "{title}");
        assert_eq!(e.content.common.tags[0].as_str(), "review");
        let body = &e.content.common.body;
        assert!(
            body.starts_with("## On Saturday you rated your stress 8")
                && body.ends_with("\nIt still sits with me"),
            "only answered questions are kept: {body}"
        );
        // Linked to the review and its period, which the reader names.
        let Details::Reflection(g) = &e.content.details else {
            panic!("kind")
        };
        let period = g.review.expect("linked to its review");
        assert_eq!(period.kind, debrief::review::ReviewKind::Week);
        assert_eq!(period.to, clock().now());
        assert_eq!(period.from, clock().now() - chrono::Duration::days(7));
        assert!(
            h.screen()
                .contains("Answers the weekly review of Sun 15 Nov 2026 16:30 to Sun 22 Nov"),
            "{}",
            h.screen()
        );
        let last = h
            .store()
            .last_review(debrief::review::ReviewKind::Week)
            .expect("query");
        assert_eq!(last.map(|(id, _)| id), Some(e.id()));
        assert_eq!(
            h.store()
                .last_review(debrief::review::ReviewKind::Month)
                .expect("query"),
            None
        );
    }
}

#[test]
fn debrief_review_on_a_terminal_opens_straight_on_the_questions() {
    let mut h = Harness::on_review(journal(), (80, 24), debrief::review::ReviewKind::Week);
    assert_eq!(h.screen_id(), ScreenId::Review);
    let s = h.screen();
    assert!(s.contains("question 1 of"), "{s}");
    h.chars("Less than I thought");
    h.ctrl('s');
    assert_eq!(h.screen_id(), ScreenId::Reader);
    // Leaving the reader shows the journal, as after any review.
    h.key(KeyCode::Esc);
    assert_eq!(h.screen_id(), ScreenId::Timeline);
}

#[test]
fn a_trashed_review_is_not_the_last_one() {
    let mut h = Harness::on_review(journal(), (80, 24), debrief::review::ReviewKind::Month);
    h.chars("A month of court work");
    h.ctrl('s');
    let id = h.live()[0].id;
    let month = debrief::review::ReviewKind::Month;
    assert!(h.store().last_review(month).expect("query").is_some());
    h.key(KeyCode::Char('d'));
    assert_eq!(h.store().last_review(month).expect("query"), None);
    assert!(h.store().get(id).expect("get").meta.deleted.is_some());
}

#[test]
fn leaving_with_answers_asks_first_and_an_unanswered_review_just_closes() {
    let mut h = Harness::new(journal(), (80, 24));
    h.key(KeyCode::Char('r'));
    h.key(KeyCode::Esc);
    assert_eq!(
        h.screen_id(),
        ScreenId::Timeline,
        "Esc while choosing closes"
    );
    h.key(KeyCode::Char('r'));
    h.key(KeyCode::Char('w'));
    h.key(KeyCode::Esc);
    assert_eq!(h.screen_id(), ScreenId::Timeline, "nothing written: closes");
    h.key(KeyCode::Char('r'));
    h.key(KeyCode::Char('m'));
    h.chars("A thought");
    h.pause();
    assert_eq!(
        h.store().drafts().expect("drafts").len(),
        1,
        "kept as a draft"
    );
    h.key(KeyCode::Esc);
    assert_eq!(h.screen_id(), ScreenId::Leave);
    h.key(KeyCode::Char('x'));
    assert_eq!(h.screen_id(), ScreenId::Timeline);
    assert!(h.store().drafts().expect("drafts").is_empty());
}
