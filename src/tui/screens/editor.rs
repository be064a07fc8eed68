//! The editor: kind, title, tags, stress, energy and flags above a soft-wrapped text area
//! (ratatui-textarea: undo/redo, Unicode widths, paste). Its state serialises to a draft,
//! so what is typed survives a crash.

use std::time::{Duration, Instant};

use ratatui::buffer::Buffer;
use ratatui::crossterm::event::{KeyCode, KeyEvent};
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Widget};
use ratatui_textarea::{TextArea, WrapMode};
use serde::{Deserialize, Serialize};

use crate::domain::templates::{self, Template};
use crate::domain::{Entry, EntryContent, EntryId, Kind, Rating, Tag};
use crate::tui::theme::Theme;
use crate::tui::widgets::stress_bar::stress_spans;

/// How long typing must pause before the draft is written.
pub const DRAFT_DELAY: Duration = Duration::from_millis(700);

/// The editor's fields, in Tab order.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Field {
    Kind,
    Title,
    Tags,
    Stress,
    Energy,
    Flags,
    Body,
}

const FIELDS: [Field; 7] = [
    Field::Kind,
    Field::Title,
    Field::Tags,
    Field::Stress,
    Field::Energy,
    Field::Flags,
    Field::Body,
];

/// What the editor holds, as stored in a draft (plain, serialisable).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct EditorDraft {
    pub entry_id: Option<i64>,
    pub kind: Kind,
    pub template: Option<String>,
    pub title: String,
    pub tags: String,
    pub stress: Option<u8>,
    pub energy: Option<u8>,
    pub starred: bool,
    pub for_supervision: bool,
    pub unfinished: bool,
    pub body: String,
}

/// The editor's state.
pub struct Editor {
    pub entry_id: Option<EntryId>,
    pub draft_id: Option<i64>,
    pub kind: Kind,
    pub template: Option<Template>,
    pub title: TextArea<'static>,
    pub tags: TextArea<'static>,
    pub stress: Option<u8>,
    pub energy: Option<u8>,
    pub starred: bool,
    pub for_supervision: bool,
    pub unfinished: bool,
    pub body: TextArea<'static>,
    pub focus: Field,
    /// What the fields held when the editor opened (or last saved a draft of): "dirty" compares to it.
    original: EditorDraft,
    /// When the last change was made that no draft holds yet.
    pending_since: Option<Instant>,
}

fn single_line(text: &str, placeholder: &str) -> TextArea<'static> {
    let mut t = TextArea::new(vec![text.replace('\n', " ")]);
    t.set_placeholder_text(placeholder);
    t.set_cursor_line_style(ratatui::style::Style::new());
    t.move_cursor(ratatui_textarea::CursorMove::End);
    t
}

fn body_area(text: &str) -> TextArea<'static> {
    let lines: Vec<String> = if text.is_empty() {
        vec![String::new()]
    } else {
        text.lines().map(String::from).collect()
    };
    let mut t = TextArea::new(lines);
    t.set_wrap_mode(WrapMode::WordOrGlyph);
    t.set_cursor_line_style(ratatui::style::Style::new());
    t.set_placeholder_text("Write here. Nothing leaves this computer.");
    t
}

impl Editor {
    /// A blank editor for a new entry of `kind`, guided by `template` for reflections.
    pub fn new(kind: Kind, template: Option<&str>) -> Editor {
        let template = if kind == Kind::Reflection {
            template.filter(|t| *t != templates::FREE).map(String::from)
        } else {
            None
        };
        let d = EditorDraft {
            kind,
            template,
            ..Default::default()
        };
        Editor::from_draft(&d, None)
    }

    /// An editor on an existing entry.
    pub fn for_entry(e: &Entry) -> Editor {
        let c = &e.content;
        let template = c.template.clone().filter(|t| templates::find(t).is_some());
        let body = match template.as_deref().and_then(templates::find) {
            Some(t) => t.compose(&c.body, &c.answers),
            None => c.body.clone(),
        };
        let d = EditorDraft {
            entry_id: Some(e.id.0),
            kind: c.kind,
            template,
            title: c.title.clone().unwrap_or_default(),
            tags: c.tags.iter().map(Tag::as_str).collect::<Vec<_>>().join(" "),
            stress: c.stress.map(Rating::value),
            energy: c.energy.map(Rating::value),
            starred: c.starred,
            for_supervision: c.for_supervision,
            unfinished: c.unfinished,
            body,
        };
        Editor::from_draft(&d, None)
    }

    /// An editor restored from a saved draft.
    pub fn from_draft(d: &EditorDraft, draft_id: Option<i64>) -> Editor {
        let template = d.template.as_deref().and_then(templates::find);
        let body = if d.body.is_empty() && d.entry_id.is_none() {
            template
                .as_ref()
                .map(|t| t.compose("", &[]))
                .unwrap_or_default()
        } else {
            d.body.clone()
        };
        let mut ed = Editor {
            entry_id: d.entry_id.map(EntryId),
            draft_id,
            kind: d.kind,
            template,
            title: single_line(&d.title, "optional; the first line stands in"),
            tags: single_line(&d.tags, "e.g. home-visit court"),
            stress: d.stress,
            energy: d.energy,
            starred: d.starred,
            for_supervision: d.for_supervision,
            unfinished: d.unfinished,
            body: body_area(&body),
            focus: Field::Body,
            original: EditorDraft::default(),
            pending_since: None,
        };
        if d.body.is_empty()
            && d.entry_id.is_none()
            && let Some(t) = &ed.template
        {
            // A guided reflection opens with the cursor where the first answer goes.
            let row = u16::try_from(t.first_answer_line()).unwrap_or(0);
            ed.body
                .move_cursor(ratatui_textarea::CursorMove::Jump(row, 0));
        }
        ed.original = ed.snapshot();
        ed.show_cursor_in_focus();
        if draft_id.is_some() {
            // A restored draft differs from the saved entry: treat it as unsaved work.
            ed.original = EditorDraft {
                body: format!("{}\u{0}", ed.original.body),
                ..ed.original.clone()
            };
        }
        ed
    }

    /// The fields as a draft value.
    pub fn snapshot(&self) -> EditorDraft {
        EditorDraft {
            entry_id: self.entry_id.map(|e| e.0),
            kind: self.kind,
            template: self.template.as_ref().map(|t| t.id.clone()),
            title: self.title.lines().join(" "),
            tags: self.tags.lines().join(" "),
            stress: self.stress,
            energy: self.energy,
            starred: self.starred,
            for_supervision: self.for_supervision,
            unfinished: self.unfinished,
            body: self.body.lines().join("\n"),
        }
    }

    /// Has anything changed since the editor opened?
    pub fn is_dirty(&self) -> bool {
        self.snapshot() != self.original
    }

    /// The draft to write now, if typing has paused for [`DRAFT_DELAY`].
    pub fn draft_due(&mut self, now: Instant) -> Option<String> {
        let since = self.pending_since?;
        if now.duration_since(since) < DRAFT_DELAY {
            return None;
        }
        self.pending_since = None;
        self.draft_payload()
    }

    /// The draft payload right now (on SIGTERM, or when leaving with "keep as draft").
    pub fn draft_payload(&self) -> Option<String> {
        serde_json::to_string(&self.snapshot()).ok()
    }

    fn touched(&mut self, now: Instant) {
        self.pending_since.get_or_insert(now);
    }

    /// Tab / Shift-Tab.
    pub fn cycle_focus(&mut self, forward: bool) {
        let i = FIELDS.iter().position(|f| *f == self.focus).unwrap_or(0);
        let n = FIELDS.len();
        self.focus = FIELDS[if forward {
            (i + 1) % n
        } else {
            (i + n - 1) % n
        }];
        self.show_cursor_in_focus();
    }

    /// Only the focused text field shows a cursor.
    fn show_cursor_in_focus(&mut self) {
        let cursor = ratatui::style::Style::new().add_modifier(ratatui::style::Modifier::REVERSED);
        let none = ratatui::style::Style::new();
        let focus = self.focus;
        for (field, area) in [
            (Field::Title, &mut self.title),
            (Field::Tags, &mut self.tags),
            (Field::Body, &mut self.body),
        ] {
            area.set_cursor_style(if field == focus { cursor } else { none });
        }
    }

    /// A key that is not a keymap action: it edits the focused field.
    pub fn key(&mut self, key: KeyEvent, now: Instant) {
        let before = self.snapshot();
        match self.focus {
            Field::Kind => {
                let i = Kind::ALL.iter().position(|k| *k == self.kind).unwrap_or(0);
                match key.code {
                    KeyCode::Left => self.kind = Kind::ALL[(i + 2) % 3],
                    KeyCode::Right | KeyCode::Char(' ') => self.kind = Kind::ALL[(i + 1) % 3],
                    KeyCode::Enter => self.cycle_focus(true),
                    _ => {}
                }
            }
            Field::Title | Field::Tags => {
                if key.code == KeyCode::Enter {
                    self.cycle_focus(true);
                } else {
                    let area = if self.focus == Field::Title {
                        &mut self.title
                    } else {
                        &mut self.tags
                    };
                    area.input(key);
                }
            }
            Field::Stress | Field::Energy => {
                let value = if self.focus == Field::Stress {
                    &mut self.stress
                } else {
                    &mut self.energy
                };
                *value = rating_key(*value, key.code);
                if key.code == KeyCode::Enter {
                    self.cycle_focus(true);
                }
            }
            Field::Flags => match key.code {
                KeyCode::Char('s') => self.starred = !self.starred,
                KeyCode::Char('f') => self.for_supervision = !self.for_supervision,
                KeyCode::Char('l') => self.unfinished = !self.unfinished,
                KeyCode::Enter => self.cycle_focus(true),
                _ => {}
            },
            Field::Body => {
                self.body.input(key);
            }
        }
        if self.snapshot() != before {
            self.touched(now);
        }
    }

    /// Undo (or redo) the last change in the focused text field.
    pub fn undo(&mut self, redo: bool, now: Instant) {
        let area = match self.focus {
            Field::Title => &mut self.title,
            Field::Tags => &mut self.tags,
            Field::Body => &mut self.body,
            _ => return,
        };
        let changed = if redo { area.redo() } else { area.undo() };
        if changed {
            self.touched(now);
        }
    }

    /// Pasted text (bracketed paste) goes into the focused text field.
    pub fn paste(&mut self, text: &str, now: Instant) {
        let text = text.replace("\r\n", "\n").replace('\r', "\n");
        match self.focus {
            Field::Title => {
                self.title.insert_str(text.replace('\n', " "));
            }
            Field::Tags => {
                self.tags.insert_str(text.replace('\n', " "));
            }
            _ => {
                self.focus = Field::Body;
                self.show_cursor_in_focus();
                self.body.insert_str(text);
            }
        }
        self.touched(now);
    }

    /// Replace the body (after editing it in $EDITOR).
    pub fn set_body(&mut self, text: &str, now: Instant) {
        self.body = body_area(text.trim_end_matches('\n'));
        self.focus = Field::Body;
        self.show_cursor_in_focus();
        self.touched(now);
    }

    /// Build the content to save, or say what is wrong with a field.
    pub fn content(&self) -> Result<EntryContent, String> {
        let d = self.snapshot();
        let tags = d
            .tags
            .split(|c: char| c.is_whitespace() || c == ',')
            .filter(|t| !t.is_empty())
            .map(Tag::parse)
            .collect::<crate::Result<Vec<_>>>()
            .map_err(|e| e.to_string())?;
        let (body, answers) = match &self.template {
            Some(t) => t.split(&d.body),
            None => (d.body.clone(), Vec::new()),
        };
        let mut content = EntryContent {
            kind: d.kind,
            title: Some(d.title.trim().to_string()).filter(|t| !t.is_empty()),
            body,
            stress: d
                .stress
                .map(|v| Rating::new("stress", i64::from(v)))
                .transpose()
                .map_err(|e| e.to_string())?,
            energy: d
                .energy
                .map(|v| Rating::new("energy", i64::from(v)))
                .transpose()
                .map_err(|e| e.to_string())?,
            tags,
            starred: d.starred,
            for_supervision: d.for_supervision,
            unfinished: d.unfinished,
            template: d.template.clone(),
            answers,
            ..Default::default()
        };
        content.absorb_inline_tags();
        if content.is_blank() {
            return Err("nothing written yet: type some text, or press Esc to leave".into());
        }
        content.validate().map_err(|e| e.to_string())?;
        Ok(content)
    }

    /// Keep details the editor does not show (check-in and supervision details) from `old`.
    pub fn merge_hidden(content: &mut EntryContent, old: &EntryContent) {
        content.work_context = old.work_context.clone();
        content.sensations = old.sensations.clone();
        content.emotions = old.emotions.clone();
        content.supervision = old.supervision.clone();
    }

    /// The title for the editor's frame.
    pub fn heading(&self) -> String {
        let what = match self.kind {
            Kind::Reflection => "reflection",
            Kind::Checkin => "check-in",
            Kind::Supervision => "supervision note",
        };
        let mut h = match self.entry_id {
            Some(id) => format!("Editing #{id} ({what})"),
            None => format!("New {what}"),
        };
        if let Some(t) = &self.template {
            h.push_str(&format!(" · {}", t.name));
        }
        h
    }
}

/// Typing into a 0-10 rating: digits set it ("1" then "0" makes 10), arrows step, Backspace clears.
fn rating_key(value: Option<u8>, code: KeyCode) -> Option<u8> {
    match code {
        KeyCode::Char(c) if c.is_ascii_digit() => {
            let d = c as u8 - b'0';
            match value {
                Some(1) if d == 0 => Some(10),
                _ => Some(d),
            }
        }
        KeyCode::Right | KeyCode::Up | KeyCode::Char('+') => {
            Some(value.map_or(0, |v| (v + 1).min(10)))
        }
        KeyCode::Left | KeyCode::Down | KeyCode::Char('-') => value.map(|v| v.saturating_sub(1)),
        KeyCode::Backspace | KeyCode::Delete => None,
        _ => value,
    }
}

/// Draws an [`Editor`].
pub struct EditorView<'a> {
    pub editor: &'a Editor,
    pub theme: &'a Theme,
}

impl Widget for EditorView<'_> {
    fn render(self, area: Rect, buf: &mut Buffer) {
        let ed = self.editor;
        let t = self.theme;
        let [form, text] =
            Layout::vertical([Constraint::Length(6), Constraint::Min(3)]).areas(area);
        let label = |f: Field, name: &str| {
            let style = if ed.focus == f { t.focus_border } else { t.dim };
            let mark = if ed.focus == f { "›" } else { " " };
            Span::styled(format!("{mark}{name:<8}"), style)
        };
        let x = form.x + 1;
        let w = form.width.saturating_sub(2);
        // Kind
        let kinds: Vec<Span> = Kind::ALL
            .iter()
            .flat_map(|k| {
                let style = if *k == ed.kind { t.selected } else { t.dim };
                [Span::styled(format!(" {k} "), style), Span::raw(" ")]
            })
            .collect();
        let mut kind_line = vec![label(Field::Kind, "Kind")];
        kind_line.extend(kinds);
        buf.set_line(x, form.y, &Line::from(kind_line), w);
        // Title and tags
        buf.set_line(x, form.y + 1, &Line::from(label(Field::Title, "Title")), w);
        ed.title
            .render(Rect::new(x + 9, form.y + 1, w.saturating_sub(9), 1), buf);
        buf.set_line(x, form.y + 2, &Line::from(label(Field::Tags, "Tags")), w);
        ed.tags
            .render(Rect::new(x + 9, form.y + 2, w.saturating_sub(9), 1), buf);
        // Ratings
        for (row, field, name, value) in [
            (3, Field::Stress, "Stress", ed.stress),
            (4, Field::Energy, "Energy", ed.energy),
        ] {
            let mut spans = vec![label(field, name)];
            match value {
                Some(_) if field == Field::Stress => spans.extend(stress_spans(value, t)),
                Some(v) => spans.push(Span::raw(format!("{v:>2}/10"))),
                None => spans.push(Span::styled(" –  (type 0-10)", t.dim)),
            }
            buf.set_line(x, form.y + row, &Line::from(spans), w);
        }
        // Flags
        let flag = |on: bool, key: &str, name: &str| {
            Span::styled(
                format!("[{}] {key} {name}   ", if on { "x" } else { " " }),
                if on { t.key } else { t.dim },
            )
        };
        let flags = Line::from(vec![
            label(Field::Flags, "Flags"),
            flag(ed.starred, "s", "★ star"),
            flag(ed.for_supervision, "f", "⚑ for supervision"),
            flag(ed.unfinished, "l", "✎ finish later"),
        ]);
        buf.set_line(x, form.y + 5, &flags, w);
        // Body
        let border = if ed.focus == Field::Body {
            t.focus_border
        } else {
            t.border
        };
        let block = Block::default()
            .borders(Borders::TOP)
            .border_style(border)
            .title(Span::styled(" Text ", border));
        let inner = block.inner(text);
        block.render(text, buf);
        let body = Rect {
            x: inner.x + 1,
            width: inner.width.saturating_sub(2),
            ..inner
        };
        ed.body.render(body, buf);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use ratatui::crossterm::event::KeyModifiers;

    fn key(code: KeyCode) -> KeyEvent {
        KeyEvent::new(code, KeyModifiers::NONE)
    }

    fn type_str(ed: &mut Editor, s: &str, now: Instant) {
        for c in s.chars() {
            ed.key(key(KeyCode::Char(c)), now);
        }
    }

    #[test]
    fn ratings_are_typed_and_stepped() {
        assert_eq!(rating_key(None, KeyCode::Char('7')), Some(7));
        assert_eq!(rating_key(Some(1), KeyCode::Char('0')), Some(10));
        assert_eq!(rating_key(Some(10), KeyCode::Right), Some(10));
        assert_eq!(rating_key(Some(0), KeyCode::Left), Some(0));
        assert_eq!(rating_key(Some(4), KeyCode::Backspace), None);
    }

    #[test]
    fn typing_makes_a_draft_after_a_pause() {
        let t0 = Instant::now();
        let mut ed = Editor::new(Kind::Reflection, None);
        assert!(!ed.is_dirty());
        type_str(&mut ed, "Hello", t0);
        assert!(ed.is_dirty());
        assert_eq!(
            ed.draft_due(t0 + Duration::from_millis(100)),
            None,
            "not while typing"
        );
        let payload = ed.draft_due(t0 + DRAFT_DELAY).expect("due after the pause");
        let draft: EditorDraft = serde_json::from_str(&payload).expect("json");
        assert_eq!(draft.body, "Hello");
        assert_eq!(ed.draft_due(t0 + DRAFT_DELAY * 2), None, "written once");
    }

    #[test]
    fn fields_build_validated_content() {
        let now = Instant::now();
        let mut ed = Editor::new(Kind::Reflection, None);
        assert!(ed.content().is_err(), "blank is refused");
        type_str(&mut ed, "Visit went well #home-visit", now);
        ed.focus = Field::Tags;
        type_str(&mut ed, "court, Supervision", now);
        ed.focus = Field::Stress;
        type_str(&mut ed, "6", now);
        ed.focus = Field::Flags;
        type_str(&mut ed, "sl", now);
        let c = ed.content().expect("valid");
        let tags: Vec<&str> = c.tags.iter().map(Tag::as_str).collect();
        assert_eq!(tags, ["court", "home-visit", "supervision"]);
        assert_eq!(c.stress.map(Rating::value), Some(6));
        assert!(c.starred && c.unfinished && !c.for_supervision);
        ed.focus = Field::Tags;
        type_str(&mut ed, " bad!tag", now);
        assert!(ed.content().expect_err("bad tag").contains("bad!tag"));
    }

    #[test]
    fn a_template_guides_and_splits_into_answers() {
        let now = Instant::now();
        let mut ed = Editor::new(Kind::Reflection, Some("driscoll"));
        assert!(ed.snapshot().body.contains("## What?"));
        assert!(!ed.is_dirty(), "the template alone is not a change");
        ed.body
            .move_cursor(ratatui_textarea::CursorMove::Jump(2, 0));
        type_str(&mut ed, "I visited.", now);
        let c = ed.content().expect("content");
        assert_eq!(c.template.as_deref(), Some("driscoll"));
        assert_eq!(c.answers.len(), 1, "{:?}", c.answers);
        assert_eq!(c.answers[0].stage, "What?");
        assert_eq!(c.answers[0].answer, "I visited.");
    }

    #[test]
    fn drafts_round_trip_through_json() {
        let now = Instant::now();
        let mut ed = Editor::new(Kind::Checkin, None);
        type_str(&mut ed, "café 日本 🙂", now);
        let payload = ed.draft_payload().expect("payload");
        let d: EditorDraft = serde_json::from_str(&payload).expect("json");
        let restored = Editor::from_draft(&d, Some(3));
        assert_eq!(restored.snapshot(), ed.snapshot());
        assert!(restored.is_dirty(), "a restored draft is unsaved work");
    }
}
