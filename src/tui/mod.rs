//! The terminal interface (ratatui), thin on top of the core. Where things live:
//!
//! - `input.rs`: a terminal key event becomes a [`crate::keys::Key`]; the top screen's key
//!   table ([`crate::keys::Keymap`]) turns it into an action.
//! - `app.rs`: the [`app::App`]: a stack of screens, the timeline at the bottom. The top
//!   screen handles input and returns [`screen::Cmd`]s (effects, push, pop, status).
//! - `screen.rs`: the [`screen::View`] every screen implements and the [`screen::Screen`]
//!   enum that lists them; `screens/`: one module per screen and dialog.
//! - `msg.rs`: typed effects and messages with their correlation; `effects.rs` performs an
//!   effect on the store; `runtime.rs` ([`runtime::Runtime::drain`]) performs them in order,
//!   for this event loop, the tests and the benchmarks alike.
//! - `frame.rs`: draws the app (pure); `theme.rs`: styles by role; `widgets/`: pieces.
//!
//! The terminal is restored on quit, on error, on panic (with a pointer to the log), and on
//! SIGTERM/SIGHUP, after open drafts have been written.

pub mod app;
pub mod effects;
pub mod frame;
pub mod input;
pub mod msg;
pub mod runtime;
pub mod screen;
pub mod screens;
pub mod terminal;
pub mod theme;
pub mod unlock;
pub mod widgets;

use std::io::{IsTerminal, Write};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::{Duration, Instant};

use ratatui::crossterm::event::{
    self, DisableBracketedPaste, DisableMouseCapture, EnableBracketedPaste, EnableMouseCapture,
};
use ratatui::crossterm::execute;
use ratatui::crossterm::terminal::{
    EnterAlternateScreen, LeaveAlternateScreen, disable_raw_mode, enable_raw_mode,
};

use crate::external_editor::EditedText;
use crate::keys::Keymap;
use crate::session::Session;
use crate::storage::Store;

use app::App;
use runtime::{Host, Runtime};
use terminal::Term;
use theme::Theme;

/// Set this environment variable to draw one frame and quit (measures time to first frame).
pub const FIRST_FRAME_ENV: &str = "DEBRIEF_EXIT_AFTER_FIRST_FRAME";

/// How long to wait for input before checking drafts and signals.
const POLL: Duration = Duration::from_millis(150);

/// Where the interface opens.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Start {
    /// The timeline.
    #[default]
    Timeline,
    /// A review of this kind, over the timeline.
    Review(crate::review::ReviewKind),
}

/// Open the interactive journal.
pub fn run(session: &Session) -> crate::Result<()> {
    run_from(session, Start::Timeline)
}

/// Open the interactive journal at `start`.
/// The day's backup, when one is due, on a thread and a connection of its own, so the
/// interface starts at once. A backup that fails is noted in the log; the journal is fine.
fn daily_backup(session: &Session, keep: usize, key: Option<crate::secret::Passphrase>) {
    let (journal, dir, log) = (
        session.paths.journal.clone(),
        session.paths.backups.clone(),
        session.paths.log.clone(),
    );
    let now = session.clock.now();
    std::thread::spawn(move || {
        if let Err(e) = crate::storage::backups::daily(&journal, &dir, now, keep, key.as_ref()) {
            note_in_log(&log, &format!("the daily backup failed: {e}"));
        }
    });
}

pub fn run_from(session: &Session, start: Start) -> crate::Result<()> {
    let (config, warning) = session.load_config();
    if let Some(w) = &warning {
        // Said on the terminal before the screen is taken over, and again in the status line.
        eprintln!("debrief: {w}");
    }
    let (keymap, problems) = Keymap::with_overrides(&config.keys);
    let color = session
        .color
        .use_color_here(std::io::stdout().is_terminal());
    let theme = Theme::new(config.theme, !color);
    let private = session.passphrase_file.is_some()
        || crate::storage::cipher::looks_encrypted(&session.paths.journal);
    install_panic_log(session.paths.log.clone(), private);
    session.tidy_leftovers();
    let Some((store, unlocked_on)) = open_journal(session, &theme)? else {
        return Ok(());
    };
    daily_backup(session, config.backups.keep, store.key().cloned());

    let stop = Arc::new(AtomicBool::new(false));
    #[cfg(unix)]
    let signals = [signal_hook::consts::SIGTERM, signal_hook::consts::SIGHUP];
    #[cfg(not(unix))]
    let signals = [signal_hook::consts::SIGTERM];
    for signal in signals {
        signal_hook::flag::register(signal, Arc::clone(&stop))?;
    }

    let mut terminal = match unlocked_on {
        Some(terminal) => terminal,
        None => terminal::init()?,
    };
    let _ = execute!(std::io::stdout(), EnableBracketedPaste);
    if config.mouse {
        let _ = execute!(std::io::stdout(), EnableMouseCapture);
    }
    let size = terminal
        .size()
        .map(|s| (s.width, s.height))
        .unwrap_or((80, 24));
    let label = session.paths.journal.display().to_string();
    let mut app = App::new(&config, keymap, theme, session.clock.clone(), label, size);
    if let Start::Review(kind) = start {
        app.open_review(kind);
    }
    let mut notes: Vec<String> = warning.into_iter().collect();
    notes.extend(problems);
    notes.extend(session.template_problems.iter().cloned());
    notes.extend(session.leftover_lines());
    if !notes.is_empty() {
        app.set_error(notes.join("; "));
    }
    let mut runtime = Runtime::new(store, session.clock.clone(), Some(&session.paths.journal));
    runtime.backups = Some((session.paths.backups.clone(), config.backups.keep));
    let editing = session.editing_dir();
    let result = event_loop(
        &mut terminal,
        (&editing, config.mouse),
        &mut app,
        &mut runtime,
        &stop,
    );
    // However the loop ended (quit, signal, a terminal that went away), keep unsaved typing.
    let drafts = app.draft_now();
    runtime.drain(&mut app, drafts, &mut NoEditor, Instant::now());
    let _ = execute!(
        std::io::stdout(),
        DisableMouseCapture,
        DisableBracketedPaste
    );
    ratatui::restore();
    for note in &app.exit_notes {
        eprintln!("debrief: {}", crate::text::visible_line(note));
    }
    // Never an ordinary end when typing was lost.
    if let Some(reason) = app.not_kept.take() {
        return Err(crate::Error::NotKept(reason));
    }
    result
}

/// Open the journal before taking over the screen, so any problem prints plainly; an
/// encrypted one asks for its passphrase in a masked field first (and keeps the screen it
/// took). `None`: the person left without opening it.
fn open_journal(session: &Session, theme: &Theme) -> crate::Result<Option<(Store, Option<Term>)>> {
    if !session.must_ask_passphrase() {
        return match session.open_store() {
            // A full disk or a read-only place: an existing journal opens to read, and what
            // is typed is kept in a rescue file (the room reserved for one, or another
            // place) when it cannot be saved.
            Err(crate::Error::DiskFull | crate::Error::NotWritable { .. })
                if session.paths.journal.is_file() =>
            {
                Ok(Some((session.open_store_to_read()?, None)))
            }
            other => other.map(|store| Some((store, None))),
        };
    }
    let mut terminal = terminal::init()?;
    match unlock::ask(session, &mut terminal, theme) {
        Ok(Some(store)) => Ok(Some((store, Some(terminal)))),
        left => {
            ratatui::restore();
            left.map(|_| None)
        }
    }
}

/// After the loop: no editor can be started any more.
struct NoEditor;

impl Host for NoEditor {
    fn edit_externally(&mut self, _text: &str) -> crate::Result<EditedText> {
        Err(crate::Error::Editor("debrief is closing".into()))
    }
}

/// The real terminal as the runtime's host.
struct TerminalHost<'a> {
    terminal: &'a mut Term,
    editing_dir: std::path::PathBuf,
    mouse: bool,
}

impl Host for TerminalHost<'_> {
    fn edit_externally(&mut self, text: &str) -> crate::Result<EditedText> {
        external_edit(self.terminal, &self.editing_dir, self.mouse, text)
    }
}

fn event_loop(
    terminal: &mut Term,
    (editing_dir, mouse): (&std::path::Path, bool),
    app: &mut App,
    runtime: &mut Runtime,
    stop: &AtomicBool,
) -> crate::Result<()> {
    // For benchmarks (scripts/bench-vs-jrnl.sh): draw the first frame, then quit.
    let exit_after_first_frame = std::env::var_os(FIRST_FRAME_ENV).is_some();
    let mut host = TerminalHost {
        terminal,
        editing_dir: editing_dir.to_path_buf(),
        mouse,
    };
    runtime.start(app, &mut host, Instant::now());
    let terminal = host.terminal;
    loop {
        if app.quit {
            return Ok(());
        }
        if stop.load(Ordering::Relaxed) {
            // SIGTERM or SIGHUP (terminal closed, connection lost): the caller keeps drafts.
            return Ok(());
        }
        terminal.draw(|frame| frame.render_widget(&*app, frame.area()))?;
        if exit_after_first_frame {
            return Ok(());
        }
        let mut events = Vec::new();
        match wait_for_input(POLL)? {
            Input::Ready => {
                // Take everything already waiting (fast typing, a paste) before working or
                // drawing again.
                while event::poll(Duration::ZERO)? {
                    events.push(event::read()?);
                }
            }
            Input::Timeout => {
                // Resizes arrive through crossterm's own signal pipe, not the terminal.
                if event::poll(Duration::ZERO)? {
                    events.push(event::read()?);
                }
            }
            // The terminal went away (window closed, connection lost): stop; the caller
            // writes the drafts.
            Input::HungUp => return Ok(()),
        }
        let mut host = TerminalHost {
            terminal: &mut *terminal,
            editing_dir: editing_dir.to_path_buf(),
            mouse,
        };
        runtime.step(app, events, &mut host, Instant::now());
    }
}

/// What waiting on the terminal found.
enum Input {
    Ready,
    Timeout,
    /// The terminal went away (Unix only: Windows ends the process instead).
    #[cfg_attr(not(unix), allow(dead_code))]
    HungUp,
}

/// Wait up to `timeout` for input on the terminal (standard input).
///
/// crossterm spins on a terminal that has hung up (it retries a read that returns 0 bytes),
/// so debrief waits itself and only asks crossterm for events when there is real input.
#[cfg(unix)]
fn wait_for_input(timeout: Duration) -> std::io::Result<Input> {
    use rustix::event::{PollFd, PollFlags, Timespec, poll};
    use std::os::fd::AsFd;
    let stdin = std::io::stdin();
    let fd = stdin.as_fd();
    let mut fds = [PollFd::new(&fd, PollFlags::IN)];
    let wait = Timespec {
        tv_sec: timeout.as_secs() as _,
        tv_nsec: timeout.subsec_nanos() as _,
    };
    let n = match poll(&mut fds, Some(&wait)) {
        Ok(n) => n,
        Err(rustix::io::Errno::INTR) => return Ok(Input::Timeout),
        Err(e) => return Err(e.into()),
    };
    let revents = fds[0].revents();
    if revents.intersects(PollFlags::HUP | PollFlags::ERR | PollFlags::NVAL) {
        return Ok(Input::HungUp);
    }
    Ok(if n > 0 { Input::Ready } else { Input::Timeout })
}

/// Wait up to `timeout` for input (Windows: crossterm's own wait; a closed console ends the
/// process there, and the final drafts are written by the signal path instead).
#[cfg(not(unix))]
fn wait_for_input(timeout: Duration) -> std::io::Result<Input> {
    Ok(if event::poll(timeout)? {
        Input::Ready
    } else {
        Input::Timeout
    })
}

/// Hand the text to $VISUAL/$EDITOR with the terminal given back, then take it again.
fn external_edit(
    terminal: &mut Term,
    dir: &std::path::Path,
    mouse: bool,
    text: &str,
) -> crate::Result<EditedText> {
    let mut out = std::io::stdout();
    let _ = execute!(
        out,
        DisableMouseCapture,
        DisableBracketedPaste,
        LeaveAlternateScreen
    );
    let _ = disable_raw_mode();
    // Editors expect a file that ends in a newline; the editor's result is trimmed again.
    let text = if text.is_empty() || text.ends_with('\n') {
        text.to_string()
    } else {
        format!("{text}\n")
    };
    let result = crate::external_editor::edit_text_in(dir, &text);
    let _ = enable_raw_mode();
    let _ = execute!(out, EnterAlternateScreen, EnableBracketedPaste);
    if mouse {
        let _ = execute!(out, EnableMouseCapture);
    }
    let _ = terminal.clear();
    // Drop keys typed while the editor closed, so they do not land in the journal.
    while event::poll(Duration::ZERO).unwrap_or(false) {
        let _ = event::read();
    }
    result
}

/// Add a line to the log file (mode 0600); a log that cannot be written is let go.
fn note_in_log(log: &std::path::Path, message: &str) {
    if crate::storage::create_private_file(log).is_ok()
        && let Ok(mut f) = std::fs::OpenOptions::new().append(true).open(log)
    {
        let _ = writeln!(
            f,
            "{} debrief {}: {message}",
            crate::clock::Clock::system().now().to_rfc3339(),
            env!("CARGO_PKG_VERSION")
        );
    }
}

/// On a panic, write what happened to the log file (mode 0600) and print where it is.
/// The terminal is given back first by the hook `terminal::init` installs on top of this one.
/// For an encrypted journal (`private`) only where it happened is written: a panic's message
/// can quote text (a slice of an entry), which must not sit in a plain file.
fn install_panic_log(log: std::path::PathBuf, private: bool) {
    let previous = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        let message = info
            .payload()
            .downcast_ref::<&str>()
            .map(|s| s.to_string())
            .or_else(|| info.payload().downcast_ref::<String>().cloned());
        let location = info
            .location()
            .map(|l| format!("{}:{}", l.file(), l.line()));
        let written = crate::storage::create_private_file(&log).is_ok()
            && std::fs::OpenOptions::new()
                .append(true)
                .open(&log)
                .and_then(|mut f| {
                    writeln!(
                        f,
                        "{} debrief {} {}\n{}",
                        crate::clock::Clock::system().now().to_rfc3339(),
                        env!("CARGO_PKG_VERSION"),
                        crash_line(message.as_deref(), location.as_deref(), private),
                        std::backtrace::Backtrace::force_capture()
                    )
                })
                .is_ok();
        if written {
            eprintln!(
                "debrief crashed; details are in {}. Writing more than a second old is kept as a draft.",
                log.display()
            );
        } else {
            previous(info);
        }
    }));
}

/// What the crash log says of a panic: where, and what (unless the journal is `private`).
fn crash_line(message: Option<&str>, location: Option<&str>, private: bool) -> String {
    let at = location.unwrap_or("an unknown place");
    match (message, private) {
        (Some(m), false) => format!("crashed at {at}: {m}"),
        (_, true) => format!(
            "crashed at {at} (the message is left out: the journal is encrypted and it may quote your text)"
        ),
        (None, false) => format!("crashed at {at}"),
    }
}

#[cfg(test)]
mod tests {
    use super::crash_line;

    #[test]
    fn the_crash_log_of_an_encrypted_journal_quotes_no_text() {
        let message = Some("byte index 3 is not a char boundary of `Mrs Example's visit`");
        let plain = crash_line(message, Some("src/x.rs:9"), false);
        assert!(plain.contains("src/x.rs:9") && plain.contains("Mrs Example"));
        let private = crash_line(message, Some("src/x.rs:9"), true);
        assert!(
            private.contains("src/x.rs:9") && !private.contains("Example"),
            "{private}"
        );
        assert_eq!(crash_line(None, None, false), "crashed at an unknown place");
    }
}
