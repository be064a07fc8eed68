//! The passphrase of an encrypted journal, asked for in a masked field before the timeline:
//! what was typed (wiped when dropped), the keys that edit it, and the frame that shows it.
//! The loop that tries each passphrase on the journal is [`ask`].

use std::time::Duration;

use ratatui::Frame;
use ratatui::crossterm::event::{self, Event, KeyCode, KeyEvent, KeyEventKind, KeyModifiers};
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Clear, Padding, Paragraph, Wrap};
use zeroize::Zeroizing;

use super::screens::dialogs::centered;
use super::terminal::Term;
use super::theme::Theme;
use crate::secret::Passphrase;
use crate::session::Session;
use crate::storage::Store;

/// The field and what to say under it.
pub struct Unlock {
    journal: String,
    typed: Zeroizing<String>,
    /// Why the last passphrase did not open the journal, or that it is being tried.
    note: Option<(String, bool)>,
}

/// What a key press asks for.
#[derive(Debug, PartialEq, Eq)]
pub enum Step {
    /// Keep editing.
    Typing,
    /// Try the passphrase typed.
    Try,
    /// Leave debrief without opening the journal.
    Leave,
}

impl Unlock {
    pub fn new(journal: &std::path::Path) -> Unlock {
        Unlock {
            journal: journal.display().to_string(),
            typed: Zeroizing::new(String::new()),
            note: None,
        }
    }

    /// Edit the field: characters, Backspace, Ctrl-U (clear), Enter (try), Esc or Ctrl-C
    /// (leave).
    pub fn handle(&mut self, key: KeyEvent) -> Step {
        let ctrl = key.modifiers.contains(KeyModifiers::CONTROL);
        match key.code {
            KeyCode::Esc => Step::Leave,
            KeyCode::Char('c') if ctrl => Step::Leave,
            KeyCode::Char('u') if ctrl => {
                self.typed.clear();
                Step::Typing
            }
            KeyCode::Enter if self.typed.is_empty() => {
                self.note = Some(("Type the passphrase first.".into(), true));
                Step::Typing
            }
            KeyCode::Enter => Step::Try,
            KeyCode::Backspace => {
                self.typed.pop();
                Step::Typing
            }
            KeyCode::Char(c) if !ctrl => {
                self.typed.push(c);
                Step::Typing
            }
            _ => Step::Typing,
        }
    }

    /// The passphrase typed; the field is emptied.
    pub fn take(&mut self) -> Option<Passphrase> {
        let typed = std::mem::take(&mut *self.typed);
        Passphrase::new(typed).ok()
    }

    /// Say something under the field (`problem`: in the warning style).
    pub fn say(&mut self, text: impl Into<String>, problem: bool) {
        self.note = Some((text.into(), problem));
    }

    /// The field in a box in the middle of `area`: one dot for each character typed.
    pub fn draw(&self, frame: &mut Frame, theme: &Theme) {
        let area = frame.area();
        let width = area.width.saturating_sub(4).clamp(20, 64);
        let dots: String = "\u{2022}".repeat(self.typed.chars().count().min(width as usize - 18));
        let mut lines = vec![
            Line::styled("This journal is encrypted.", theme.title),
            Line::styled(self.journal.clone(), theme.dim),
            Line::raw(""),
            Line::from(vec![
                Span::styled("Passphrase: ", theme.heading),
                Span::styled(dots, theme.text),
                Span::styled("\u{2588}", theme.dim),
            ]),
            Line::raw(""),
        ];
        if let Some((note, problem)) = &self.note {
            let style = if *problem { theme.error } else { theme.notice };
            lines.push(Line::styled(note.clone(), style));
        }
        lines.push(Line::styled(
            "Enter opens · Esc leaves · Ctrl-U clears",
            theme.dim,
        ));
        let inner = width.saturating_sub(4).max(1) as usize;
        let rows: usize = lines.iter().map(|l| l.width().max(1).div_ceil(inner)).sum();
        let box_area: Rect = centered(area, width, rows as u16 + 2);
        frame.render_widget(Clear, box_area);
        frame.render_widget(
            Paragraph::new(lines).wrap(Wrap { trim: false }).block(
                Block::default()
                    .borders(Borders::ALL)
                    .border_style(theme.focus_border)
                    .padding(Padding::horizontal(1))
                    .title(" debrief "),
            ),
            box_area,
        );
    }
}

/// Ask for the passphrase on the terminal until one opens the journal (returned, and kept in
/// the session for the rest of the run), or the person leaves (`None`). Any other problem
/// opening the journal ends the asking with that error.
pub fn ask(session: &Session, terminal: &mut Term, theme: &Theme) -> crate::Result<Option<Store>> {
    let mut field = Unlock::new(&session.paths.journal);
    loop {
        terminal.draw(|f| field.draw(f, theme))?;
        if !event::poll(Duration::from_millis(500))? {
            continue;
        }
        let Event::Key(key) = event::read()? else {
            continue;
        };
        if key.kind == KeyEventKind::Release {
            continue;
        }
        match field.handle(key) {
            Step::Typing => {}
            Step::Leave => return Ok(None),
            Step::Try => {
                let Some(pass) = field.take() else { continue };
                field.say("Opening\u{2026}", false);
                terminal.draw(|f| field.draw(f, theme))?;
                let options = session.store_options_keyed(Some(pass.clone()));
                match Store::open(&session.paths.journal, &options) {
                    Ok(store) => {
                        session.set_key(pass);
                        return Ok(Some(store));
                    }
                    Err(crate::Error::WrongPassphrase { .. }) => field.say(
                        "Wrong passphrase, or not a debrief journal. Try again.",
                        true,
                    ),
                    Err(e) => return Err(e),
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use ratatui::Terminal;
    use ratatui::backend::TestBackend;

    fn press(u: &mut Unlock, code: KeyCode) -> Step {
        u.handle(KeyEvent::new(code, KeyModifiers::NONE))
    }

    fn screen(u: &Unlock, w: u16, h: u16) -> String {
        let mut t = Terminal::new(TestBackend::new(w, h)).expect("terminal");
        t.draw(|f| u.draw(f, &Theme::plain())).expect("draw");
        let buf = t.backend().buffer().clone();
        (0..h)
            .map(|y| (0..w).map(|x| buf[(x, y)].symbol()).collect::<String>())
            .collect::<Vec<_>>()
            .join("\n")
    }

    #[test]
    fn the_field_masks_what_is_typed_and_gives_it_once() {
        let mut u = Unlock::new(std::path::Path::new("/home/me/journal.db"));
        assert_eq!(press(&mut u, KeyCode::Enter), Step::Typing);
        assert!(screen(&u, 60, 16).contains("Type the passphrase first."));
        for c in "secret!x".chars() {
            assert_eq!(press(&mut u, KeyCode::Char(c)), Step::Typing);
        }
        press(&mut u, KeyCode::Backspace);
        let shown = screen(&u, 60, 16);
        assert!(!shown.contains("secret"), "{shown}");
        assert!(
            shown.contains(
                "Passphrase: \u{2022}\u{2022}\u{2022}\u{2022}\u{2022}\u{2022}\u{2022}\u{2588}"
            ),
            "{shown}"
        );
        assert!(shown.contains("/home/me/journal.db") && shown.contains("Esc leaves"));
        assert_eq!(press(&mut u, KeyCode::Enter), Step::Try);
        assert_eq!(
            u.take().map(|p| p.expose().to_string()).as_deref(),
            Some("secret!")
        );
        assert!(u.take().is_none(), "the field is emptied");
        u.handle(KeyEvent::new(KeyCode::Char('a'), KeyModifiers::NONE));
        u.handle(KeyEvent::new(KeyCode::Char('u'), KeyModifiers::CONTROL));
        assert!(u.take().is_none(), "Ctrl-U clears");
        assert_eq!(press(&mut u, KeyCode::Esc), Step::Leave);
        let ctrl_c = KeyEvent::new(KeyCode::Char('c'), KeyModifiers::CONTROL);
        assert_eq!(u.handle(ctrl_c), Step::Leave);
        u.say(
            "Wrong passphrase, or not a debrief journal. Try again.",
            true,
        );
        let small = screen(&u, 60, 16);
        assert!(small.contains("Wrong passphrase"), "{small}");
    }
}
