//! One entry in full as sections: a header (id, kind, local time, trash, title, ratings,
//! flags, tags), the text, then the details of its kind (stage answers under their titles,
//! the body and emotions of a check-in, a supervision session's agenda, decisions, actions).

use chrono::Utc;

use super::summary::{recovery_line, stress_level, tag_list};
use super::{Line, Role, Section, Span};
use crate::clock::Clock;
use crate::domain::learning::LEARNING_TEMPLATE;
use crate::domain::recovery::describe_minutes;
use crate::domain::templates;
use crate::domain::vocab::{List, Vocabulary};
use crate::domain::{CheckIn, Details, Entry, Guided, Learning, StageAnswer, Supervision};

/// The whole entry, with times on `clock`'s wall clock.
pub fn entry_sections(e: &Entry, clock: &Clock) -> Vec<Section> {
    let mut sections = vec![header(e, clock)];
    let body = &e.content.common.body;
    if !body.is_empty() {
        sections.push(Section {
            heading: None,
            lines: body
                .lines()
                .map(|l| vec![Span::new(l, Role::Text)])
                .collect(),
        });
    }
    sections.extend(detail_sections(&e.content.details));
    sections
}

/// The sections of an entry's details alone (stage answers, check-in, supervision).
pub fn detail_sections(details: &Details) -> Vec<Section> {
    match details {
        Details::Reflection(g) => answers(g.template.as_deref(), &g.answers),
        Details::Checkin(c) => checkin(c),
        Details::Supervision(s) => supervision(s),
        Details::Recovery(r) => vec![Section {
            heading: Some("Recovery".into()),
            lines: vec![vec![Span::new(recovery_line(r), Role::Text)]],
        }],
        Details::Learning(l) => learning(l),
    }
}

fn header(e: &Entry, clock: &Clock) -> Section {
    let c = &e.content.common;
    let when = clock
        .local(e.meta.created.with_timezone(&Utc))
        .format("%A %-d %B %Y, %H:%M")
        .to_string();
    let mut lines: Vec<Line> = vec![vec![
        Span::new(format!("#{}", e.meta.id), Role::Key),
        Span::new(format!("  {}  ", e.kind().label()), Role::Dim),
        Span::new(when, Role::Dim),
    ]];
    if let Some(d) = e.meta.deleted {
        lines.push(vec![Span::new(
            format!(
                "In the trash since {}",
                clock.local(d).format("%-d %B %Y %H:%M")
            ),
            Role::Warning,
        )]);
    }
    if let Some(t) = c.title.as_deref().filter(|t| !t.trim().is_empty()) {
        lines.push(vec![Span::new(t, Role::Title)]);
    }
    if let Details::Reflection(Guided {
        review: Some(r), ..
    }) = &e.content.details
    {
        let day = |t| clock.local(t).format("%a %-d %b %Y %H:%M").to_string();
        lines.push(vec![Span::new(
            format!(
                "Answers the {} of {} to {}",
                r.kind.name(),
                day(r.from),
                day(r.to)
            ),
            Role::Dim,
        )]);
    }
    let mut meta: Line = Vec::new();
    let sep = |meta: &mut Line| {
        if !meta.is_empty() {
            meta.push(Span::new("  ·  ", Role::Dim));
        }
    };
    if let Some(s) = c.stress {
        meta.push(Span::new(
            format!("stress {s}/10"),
            Role::Stress(stress_level(s.value())),
        ));
    }
    if let Some(en) = c.energy {
        sep(&mut meta);
        meta.push(Span::new(format!("energy {en}/10"), Role::Dim));
    }
    if let Some(w) = &c.work_context {
        sep(&mut meta);
        meta.push(Span::new(
            format!("work: {}", Vocabulary::builtin().label(List::Contexts, w)),
            Role::Dim,
        ));
    }
    let flags: Vec<String> = c
        .flags
        .set_flags()
        .map(|f| format!("{} {}", f.marker(), f.label()))
        .collect();
    if !flags.is_empty() {
        sep(&mut meta);
        meta.push(Span::new(flags.join(", "), Role::Key));
    }
    if !meta.is_empty() {
        lines.push(meta);
    }
    if !c.tags.is_empty() {
        lines.push(vec![Span::new(tag_list(&c.tags), Role::Dim)]);
    }
    Section {
        heading: None,
        lines,
    }
}

fn text_lines(text: &str) -> Vec<Line> {
    text.lines()
        .map(|l| vec![Span::new(l, Role::Text)])
        .collect()
}

fn answers(template: Option<&str>, answers: &[StageAnswer]) -> Vec<Section> {
    let template = template.and_then(templates::find);
    answers
        .iter()
        .map(|a| Section {
            // A stage the template no longer has is still shown, under its key.
            heading: Some(
                template
                    .and_then(|t| t.stage(&a.stage))
                    .map_or_else(|| a.stage.replace('_', " "), |s| s.title.clone()),
            ),
            lines: text_lines(&a.answer),
        })
        .collect()
}

fn checkin(c: &CheckIn) -> Vec<Section> {
    let vocab = Vocabulary::builtin();
    let mut out = Vec::new();
    if !c.sensations.is_empty() {
        out.push(Section {
            heading: Some("Body".into()),
            lines: c
                .sensations
                .iter()
                .map(|s| vec![Span::new(s.describe(vocab), Role::Text)])
                .collect(),
        });
    }
    if !c.emotions.is_empty() {
        let words: Vec<String> = c.emotions.iter().map(|e| e.describe()).collect();
        out.push(Section {
            heading: Some("Emotions".into()),
            lines: vec![vec![Span::new(words.join(", "), Role::Text)]],
        });
    }
    if !c.difficulties.is_empty() {
        let flags: Vec<String> = c
            .difficulties
            .iter()
            .map(|f| vocab.label(List::Flags, f))
            .collect();
        out.push(Section {
            heading: Some("What made it harder".into()),
            lines: vec![vec![Span::new(flags.join(", "), Role::Text)]],
        });
    }
    out
}

fn learning(l: &Learning) -> Vec<Section> {
    let mut what = vec![l.activity.as_str().to_string()];
    what.extend(l.author.as_ref().map(|a| format!("by {a}")));
    what.extend(l.minutes.map(describe_minutes));
    let mut lines = vec![vec![Span::new(what.join(" · "), Role::Text)]];
    if let Some(link) = &l.link {
        lines.push(vec![Span::new(link.clone(), Role::Dim)]);
    }
    if !l.is_reflected() {
        lines.push(vec![Span::new(
            "Not reflected on yet: `debrief edit` adds what you learned.",
            Role::Dim,
        )]);
    }
    let mut out = vec![Section {
        heading: Some("Learning activity".into()),
        lines,
    }];
    out.extend(answers(Some(LEARNING_TEMPLATE), &l.answers));
    out
}

fn supervision(s: &Supervision) -> Vec<Section> {
    let mut lines: Vec<Line> = Vec::new();
    let mut held = Vec::new();
    if let Some(d) = s.held_on {
        held.push(format!("held {}", d.format("%-d %B %Y")));
    }
    if let Some(p) = &s.supervisor {
        held.push(format!("with {p}"));
    }
    if let Some(t) = &s.session_type {
        held.push(format!("({t})"));
    }
    if !held.is_empty() {
        lines.push(vec![Span::new(held.join(" "), Role::Dim)]);
    }
    let item = |label: &str, text: String| {
        vec![
            Span::new(format!("{label:<9}"), Role::Dim),
            Span::new(text, Role::Text),
        ]
    };
    for a in &s.agenda {
        let text = match &a.function {
            Some(f) => format!("{} ({f})", a.text),
            None => a.text.clone(),
        };
        lines.push(item("agenda", text));
        for said in a.discussion.iter().flat_map(|d| d.lines()) {
            lines.push(item("", format!("  {said}")));
        }
    }
    for d in &s.decisions {
        lines.push(item("decided", d.text.clone()));
    }
    for (label, text) in [("support", &s.support), ("learning", &s.learning)] {
        for (i, line) in text.iter().flat_map(|t| t.lines()).enumerate() {
            lines.push(item(if i == 0 { label } else { "" }, line.to_string()));
        }
    }
    for a in &s.actions {
        let mut text = format!("[{}] {}", a.status, a.text);
        if let Some(o) = &a.owner {
            text.push_str(&format!(" · who: {o}"));
        }
        if let Some(d) = a.due_on {
            text.push_str(&format!(" · due {}", d.format("%-d %b %Y")));
        }
        if let Some(r) = &a.reason {
            text.push_str(&format!(" · dropped: {r}"));
        }
        lines.push(item("action", text));
    }
    if let Some(d) = s.next_on {
        lines.push(item("next", d.format("%A %-d %B %Y").to_string()));
    }
    if lines.is_empty() {
        return Vec::new();
    }
    vec![Section {
        heading: Some("Supervision".into()),
        lines,
    }]
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::*;
    use chrono::TimeZone;

    fn clock() -> Clock {
        let now = Utc
            .with_ymd_and_hms(2026, 11, 22, 15, 30, 0)
            .single()
            .expect("time");
        Clock::fixed(now, jiff::tz::TimeZone::fixed(jiff::tz::offset(1)))
    }

    fn entry(content: EntryContent) -> Entry {
        let at = Utc
            .with_ymd_and_hms(2026, 11, 21, 9, 15, 0)
            .single()
            .expect("time");
        Entry {
            meta: EntryMeta {
                id: EntryId(4),
                uuid: uuid::Uuid::nil(),
                created: at.fixed_offset(),
                updated: at,
                deleted: None,
                revision: Default::default(),
            },
            content,
        }
    }

    fn text(sections: &[Section]) -> String {
        sections
            .iter()
            .flat_map(|s| {
                s.heading
                    .iter()
                    .map(|h| format!("== {h}"))
                    .chain(s.lines.iter().map(|l| super::super::plain(l)))
            })
            .collect::<Vec<_>>()
            .join("\n")
    }

    #[test]
    fn a_guided_reflection_reads_with_its_stage_titles() {
        let mut c = EntryContent::text("Intro");
        c.common.title = Some("Tuesday visit".into());
        c.common.stress = Rating::new("stress", 7).ok();
        c.common.flags.starred = true;
        c.details = Details::Reflection(Guided {
            template: Some("driscoll".into()),
            answers: vec![
                StageAnswer {
                    stage: "so_what".into(),
                    answer: "It mattered.".into(),
                },
                StageAnswer {
                    stage: "gone_stage".into(),
                    answer: "Kept.".into(),
                },
            ],
            review: None,
        });
        let sections = entry_sections(&entry(c), &clock());
        let t = text(&sections);
        assert!(
            t.starts_with("#4  reflection  Saturday 21 November 2026, 10:15"),
            "{t}"
        );
        assert!(t.contains("stress 7/10  ·  ★ starred"), "{t}");
        assert!(t.contains("== So what?\nIt mattered."), "{t}");
        assert!(t.contains("== gone stage\nKept."), "{t}");
        let stress = &sections[0].lines[2][0];
        assert_eq!(stress.role, Role::Stress(super::super::StressLevel::High));
    }

    #[test]
    fn supervision_shows_who_and_when_for_actions() {
        let mut c = EntryContent::of_kind(Kind::Supervision);
        c.details = Details::Supervision(Supervision {
            support: None,
            learning: None,
            next_on: None,
            held_on: chrono::NaiveDate::from_ymd_opt(2026, 11, 20),
            supervisor: Some("team manager".into()),
            session_type: Some("individual".into()),
            agenda: vec![AgendaItem {
                id: None,
                text: "Workload".into(),
                function: Some("support".into()),
                discussion: None,
            }],
            decisions: vec![Decision::new("Fewer visits")],
            actions: vec![ActionItem {
                text: "Book training".into(),
                owner: Some("me".into()),
                due_on: chrono::NaiveDate::from_ymd_opt(2026, 12, 1),
                ..Default::default()
            }],
        });
        let t = text(&entry_sections(&entry(c), &clock()));
        assert!(
            t.contains("held 20 November 2026 with team manager (individual)"),
            "{t}"
        );
        assert!(t.contains("agenda   Workload (support)"), "{t}");
        assert!(t.contains("decided  Fewer visits"), "{t}");
        assert!(
            t.contains("action   [open] Book training · who: me · due 1 Dec 2026"),
            "{t}"
        );
    }
}
