//! The fields every entry form shares: title, tags, stress, energy and flags, with the small
//! editing rules of each (a rating is typed as a number, flags toggle by letter).

use ratatui::crossterm::event::{KeyCode, KeyEvent};
use ratatui_textarea::{CursorMove, TextArea, WrapMode};

use crate::domain::{Draft, Flag, Flags, Kind};

/// A 0-10 rating typed with digits: `1` then `0` makes 10; arrows step; Backspace clears.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct RatingField {
    pub value: Option<u8>,
    /// A `1` was just typed, so a `0` now makes 10.
    after_one: bool,
}

impl RatingField {
    pub fn new(value: Option<u8>) -> RatingField {
        RatingField {
            value,
            after_one: false,
        }
    }

    pub fn key(&mut self, code: KeyCode) {
        let after_one = std::mem::take(&mut self.after_one);
        self.value = match code {
            KeyCode::Char('0') if after_one => Some(10),
            KeyCode::Char(c) if c.is_ascii_digit() => {
                let d = c as u8 - b'0';
                self.after_one = d == 1;
                Some(d)
            }
            KeyCode::Right | KeyCode::Up | KeyCode::Char('+') => {
                Some(self.value.map_or(0, |v| (v + 1).min(10)))
            }
            KeyCode::Left | KeyCode::Down | KeyCode::Char('-') => {
                self.value.map(|v| v.saturating_sub(1))
            }
            KeyCode::Backspace | KeyCode::Delete => None,
            _ => self.value,
        };
    }

    /// Leaving the field ends a two-digit number.
    pub fn blur(&mut self) {
        self.after_one = false;
    }
}

/// A one-line text field.
pub fn single_line(text: &str, placeholder: &str) -> TextArea<'static> {
    let mut t = TextArea::new(vec![text.replace('\n', " ")]);
    t.set_placeholder_text(placeholder);
    t.set_cursor_line_style(ratatui::style::Style::new());
    t.move_cursor(CursorMove::End);
    t
}

/// A soft-wrapped text area holding `text`, with the cursor at its end (where typing goes on).
pub fn text_area(text: &str, placeholder: &str) -> TextArea<'static> {
    let lines: Vec<String> = if text.is_empty() {
        vec![String::new()]
    } else {
        text.split('\n').map(String::from).collect()
    };
    let mut t = TextArea::new(lines);
    t.set_wrap_mode(WrapMode::WordOrGlyph);
    t.set_cursor_line_style(ratatui::style::Style::new());
    t.set_placeholder_text(placeholder);
    t.move_cursor(CursorMove::Bottom);
    t.move_cursor(CursorMove::End);
    t
}

/// Undo (or redo) a word at a time: a word and the spaces typed after it go together, so
/// Ctrl-Z after typing "held the boundary" leaves "held the ", and again leaves "held ".
/// Anything that was not plain typing (a paste, a new line, a deletion) stays one step.
pub fn undo_word(t: &mut TextArea<'static>, redo: bool) -> bool {
    // Undo takes back the trailing spaces first, then the word; redo puts them back in the
    // order they were typed. A step may stay in its phase or move on, never go back.
    let phase = |c: Typed| match (c, redo) {
        (Typed::Space, false) | (Typed::Letter, true) => 0,
        (Typed::Letter, false) | (Typed::Space, true) => 1,
    };
    let before = t.lines().to_vec();
    if !step(t, redo) {
        return false;
    }
    let Some(mut at) = typed(&before, t).map(phase) else {
        return true;
    };
    loop {
        let before = t.lines().to_vec();
        if !step(t, redo) {
            break;
        }
        match typed(&before, t).map(phase) {
            Some(next) if next >= at => at = next,
            _ => {
                // Not part of this word: put it back as it was.
                step(t, !redo);
                break;
            }
        }
    }
    true
}

fn step(t: &mut TextArea<'static>, redo: bool) -> bool {
    if redo { t.redo() } else { t.undo() }
}

#[derive(Clone, Copy)]
enum Typed {
    Letter,
    Space,
}

/// What the step from `before` to `t` added or removed, when it was exactly one typed letter
/// or space on one line.
fn typed(before: &[String], t: &TextArea<'static>) -> Option<Typed> {
    let after = t.lines();
    let cursor = t.cursor();
    let (row, col) = (cursor.0, cursor.1);
    if before.len() != after.len() || row >= after.len() {
        return None;
    }
    let (b, a) = (before[row].chars().count(), after[row].chars().count());
    let touched = if b == a + 1 {
        before[row].chars().nth(col)
    } else if a == b + 1 {
        col.checked_sub(1).and_then(|c| after[row].chars().nth(c))
    } else {
        None
    }?;
    if touched.is_alphanumeric() || touched == '\'' || touched == '’' || touched == '-' {
        Some(Typed::Letter)
    } else if touched == ' ' || touched == '\t' {
        Some(Typed::Space)
    } else {
        None
    }
}

/// The text of a text area.
pub fn text_of(t: &TextArea<'_>) -> String {
    t.lines().join("\n")
}

/// Title, tags, ratings and flags.
pub struct CommonFields {
    pub title: TextArea<'static>,
    /// When it happened, as typed; empty means now (a new entry) or unchanged.
    pub when: TextArea<'static>,
    pub tags: TextArea<'static>,
    pub stress: RatingField,
    pub energy: RatingField,
    pub flags: Flags,
    /// Kept as it was (no field for it yet); written back on save.
    pub work_context: String,
}

impl CommonFields {
    /// The fields of `d`; `written` is when an existing entry was written, shown while the
    /// time is left as it is.
    pub fn of(d: &Draft, written: Option<String>) -> CommonFields {
        let when_hint = match (written, d.entry_id) {
            (Some(w), _) => format!("{w} (type another time to change it)"),
            (None, Some(_)) => "as written (type a time to change it)".to_string(),
            (None, None) => "now, or e.g. yesterday 17:30, 20/11/2026 14:00".to_string(),
        };
        CommonFields {
            title: single_line(
                &d.title,
                match d.kind() {
                    Kind::Learning => "what it was (needed): \"Moving Social Work podcast\"",
                    _ => "optional; the first line stands in",
                },
            ),
            when: single_line(&d.when, &when_hint),
            tags: single_line(&d.tags, "e.g. home-visit court"),
            stress: RatingField::new(d.stress),
            energy: RatingField::new(d.energy),
            flags: d.flags,
            work_context: d.work_context.clone(),
        }
    }

    /// Write these fields into a draft.
    pub fn fill(&self, d: &mut Draft) {
        d.title = self.title.lines().join(" ");
        d.when = self.when.lines().join(" ");
        d.tags = self.tags.lines().join(" ");
        d.stress = self.stress.value;
        d.energy = self.energy.value;
        d.flags = self.flags;
        d.work_context = self.work_context.clone();
    }

    /// A key on the flags line: `s`, `f`, `u` toggle (the same letters as in the lists).
    pub fn flag_key(&mut self, key: &KeyEvent) {
        let flag = match key.code {
            KeyCode::Char('s') => Flag::Starred,
            KeyCode::Char('f') => Flag::ForSupervision,
            KeyCode::Char('u') => Flag::Unfinished,
            _ => return,
        };
        let on = !self.flags.get(flag);
        self.flags.set(flag, on);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn typed(start: Option<u8>, keys: &[KeyCode]) -> Option<u8> {
        let mut r = RatingField::new(start);
        for k in keys {
            r.key(*k);
        }
        r.value
    }

    #[test]
    fn ratings_are_typed_and_stepped() {
        assert_eq!(typed(None, &[KeyCode::Char('7')]), Some(7));
        assert_eq!(
            typed(None, &[KeyCode::Char('1'), KeyCode::Char('0')]),
            Some(10)
        );
        assert_eq!(typed(Some(10), &[KeyCode::Right]), Some(10));
        assert_eq!(typed(Some(0), &[KeyCode::Left]), Some(0));
        assert_eq!(typed(Some(4), &[KeyCode::Backspace]), None);
    }

    #[test]
    fn a_stored_one_and_a_zero_make_zero_not_ten() {
        assert_eq!(typed(Some(1), &[KeyCode::Char('0')]), Some(0));
        let mut r = RatingField::new(None);
        r.key(KeyCode::Char('1'));
        r.blur();
        r.key(KeyCode::Char('0'));
        assert_eq!(r.value, Some(0), "leaving the field ends the number");
    }

    #[test]
    fn text_keeps_its_line_endings_and_last_newline() {
        for text in ["a\r\nb\n", "ends with a newline\n", "", "tab\there"] {
            assert_eq!(text_of(&text_area(text, "")), text);
        }
    }

    #[test]
    fn undo_and_redo_go_a_word_at_a_time() {
        use ratatui::crossterm::event::{KeyEvent, KeyModifiers};
        let mut t = text_area("", "");
        for c in "held the boundary".chars() {
            t.input(KeyEvent::new(KeyCode::Char(c), KeyModifiers::NONE));
        }
        assert!(undo_word(&mut t, false));
        assert_eq!(text_of(&t), "held the ");
        assert!(undo_word(&mut t, false));
        assert_eq!(
            text_of(&t),
            "held ",
            "the word goes with the space after it"
        );
        assert!(undo_word(&mut t, true));
        assert_eq!(text_of(&t), "held the ");
        assert!(undo_word(&mut t, true));
        assert_eq!(text_of(&t), "held the boundary");
        assert!(!undo_word(&mut t, true), "nothing left to redo");
    }

    #[test]
    fn text_areas_open_with_the_cursor_at_the_end() {
        let t = text_area("first line\nsecond", "");
        assert_eq!(t.cursor(), (1, 6));
    }
}
