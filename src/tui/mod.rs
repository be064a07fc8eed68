//! The terminal interface (ratatui). Thin: a key becomes an [`keymap::Action`], the
//! [`app::App`] state changes and returns [`msg::Effect`]s, `effects.rs` performs them on the
//! store and answers with [`msg::Msg`]s, and `view.rs` draws the state.
//!
//! The terminal is restored on quit, on error, on panic (with a pointer to the log), and on
//! SIGTERM/SIGHUP, after the open draft has been written.

pub mod app;
pub mod effects;
pub mod keymap;
pub mod msg;
pub mod screens;
pub mod theme;
pub mod view;
pub mod widgets;

use std::collections::VecDeque;
use std::io::Write;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::{Duration, Instant};

use anyhow::Context as _;
use ratatui::DefaultTerminal;
use ratatui::crossterm::event::{
    self, DisableBracketedPaste, DisableMouseCapture, EnableBracketedPaste, EnableMouseCapture,
};
use ratatui::crossterm::execute;
use ratatui::crossterm::terminal::{
    EnterAlternateScreen, LeaveAlternateScreen, disable_raw_mode, enable_raw_mode,
};

use crate::cli::Context;
use crate::config::Config;
use crate::storage::Store;

use app::App;
use keymap::Keymap;
use msg::{Effect, Msg};
use theme::{Theme, no_color_requested};

/// Set this environment variable to draw one frame and quit (measures time to first frame).
pub const FIRST_FRAME_ENV: &str = "DEBRIEF_EXIT_AFTER_FIRST_FRAME";

/// How long to wait for input before checking drafts and signals.
const POLL: Duration = Duration::from_millis(150);

/// Open the interactive journal.
pub fn run(ctx: &Context) -> anyhow::Result<()> {
    let (config, warning) = Config::load(&ctx.paths.config);
    if let Some(w) = &warning {
        // Said on the terminal before the screen is taken over, and again in the status line.
        eprintln!("debrief: {w}");
    }
    let (keymap, problems) = Keymap::with_overrides(&config.keys);
    // Open the journal before taking over the screen, so any problem prints plainly.
    let mut store = ctx.open_store()?;
    let theme = Theme::new(config.theme, no_color_requested());
    install_panic_log(ctx.paths.log.clone());

    let stop = Arc::new(AtomicBool::new(false));
    for signal in [signal_hook::consts::SIGTERM, signal_hook::consts::SIGHUP] {
        signal_hook::flag::register(signal, Arc::clone(&stop))
            .context("cannot watch for signals")?;
    }

    let mut terminal = ratatui::init();
    let _ = execute!(std::io::stdout(), EnableBracketedPaste, EnableMouseCapture);
    let size = terminal
        .size()
        .map(|s| (s.width, s.height))
        .unwrap_or((80, 24));
    let label = ctx.paths.journal.display().to_string();
    let mut app = App::new(&config, keymap, theme, ctx.clock.clone(), label, size);
    let mut notes: Vec<String> = warning.into_iter().collect();
    notes.extend(problems);
    if !notes.is_empty() {
        app.set_error(notes.join("; "));
    }
    let result = event_loop(&mut terminal, &mut app, &mut store, ctx, &stop);
    // However the loop ended (quit, signal, a terminal that went away), keep unsaved typing.
    for effect in app.draft_now() {
        for m in effects::perform(&mut store, &ctx.clock, effect) {
            app.update(m, Instant::now());
        }
    }
    let _ = execute!(
        std::io::stdout(),
        DisableMouseCapture,
        DisableBracketedPaste
    );
    ratatui::restore();
    result
}

fn event_loop(
    terminal: &mut DefaultTerminal,
    app: &mut App,
    store: &mut Store,
    ctx: &Context,
    stop: &AtomicBool,
) -> anyhow::Result<()> {
    // For benchmarks (scripts/bench-vs-jrnl.sh): draw the first frame, then quit.
    let exit_after_first_frame = std::env::var_os(FIRST_FRAME_ENV).is_some();
    let mut queue: VecDeque<Effect> = app.start().into();
    loop {
        perform_all(&mut queue, app, store, ctx, terminal);
        if app.quit {
            return Ok(());
        }
        if stop.load(Ordering::Relaxed) {
            // SIGTERM or SIGHUP (terminal closed, connection lost): keep what was typed.
            queue.extend(app.draft_now());
            perform_all(&mut queue, app, store, ctx, terminal);
            return Ok(());
        }
        terminal.draw(|frame| frame.render_widget(&*app, frame.area()))?;
        if exit_after_first_frame {
            return Ok(());
        }
        match wait_for_input(POLL)? {
            Input::Ready => {
                // Take everything already waiting (fast typing, a paste) before working or
                // drawing again, and search only for the last text typed.
                while event::poll(Duration::ZERO)? {
                    queue.extend(app.on_event(event::read()?, Instant::now()));
                    if app.quit || app.dialog.is_some() {
                        break;
                    }
                }
                keep_last_search(&mut queue);
            }
            Input::Timeout => {
                // Resizes arrive through crossterm's own signal pipe, not the terminal.
                if event::poll(Duration::ZERO)? {
                    queue.extend(app.on_event(event::read()?, Instant::now()));
                }
            }
            // The terminal went away (window closed, connection lost): stop; the caller
            // writes the draft.
            Input::HungUp => return Ok(()),
        }
        queue.extend(app.tick(Instant::now()));
    }
}

/// Drop every search but the newest: while typing fast only the final text matters.
fn keep_last_search(queue: &mut VecDeque<Effect>) {
    let last = queue
        .iter()
        .rposition(|e| matches!(e, Effect::Search { .. }));
    if let Some(last) = last {
        let mut i = 0;
        queue.retain(|e| {
            let keep = !matches!(e, Effect::Search { .. }) || i == last;
            i += 1;
            keep
        });
    }
}

/// What waiting on the terminal found.
enum Input {
    Ready,
    Timeout,
    HungUp,
}

/// Wait up to `timeout` for input on the terminal (standard input).
///
/// crossterm spins on a terminal that has hung up (it retries a read that returns 0 bytes),
/// so debrief waits itself and only asks crossterm for events when there is real input.
fn wait_for_input(timeout: Duration) -> std::io::Result<Input> {
    let mut fd = libc::pollfd {
        fd: libc::STDIN_FILENO,
        events: libc::POLLIN,
        revents: 0,
    };
    let ms = libc::c_int::try_from(timeout.as_millis()).unwrap_or(libc::c_int::MAX);
    // SAFETY: one valid pollfd for the duration of the call.
    let n = unsafe { libc::poll(&mut fd, 1, ms) };
    if n < 0 {
        let err = std::io::Error::last_os_error();
        return if err.kind() == std::io::ErrorKind::Interrupted {
            Ok(Input::Timeout)
        } else {
            Err(err)
        };
    }
    if fd.revents & (libc::POLLHUP | libc::POLLERR | libc::POLLNVAL) != 0 {
        return Ok(Input::HungUp);
    }
    Ok(if n > 0 { Input::Ready } else { Input::Timeout })
}

/// Run queued effects until none are left (messages may ask for more).
fn perform_all(
    queue: &mut VecDeque<Effect>,
    app: &mut App,
    store: &mut Store,
    ctx: &Context,
    terminal: &mut DefaultTerminal,
) {
    while let Some(effect) = queue.pop_front() {
        let msgs = match effect {
            Effect::ExternalEditor { text } => vec![external_edit(terminal, &text)],
            other => effects::perform(store, &ctx.clock, other),
        };
        for m in msgs {
            queue.extend(app.update(m, Instant::now()));
        }
    }
}

/// Hand the text to $VISUAL/$EDITOR with the terminal given back, then take it again.
fn external_edit(terminal: &mut DefaultTerminal, text: &str) -> Msg {
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
    let result = crate::external_editor::edit_text(&text);
    let _ = enable_raw_mode();
    let _ = execute!(
        out,
        EnterAlternateScreen,
        EnableBracketedPaste,
        EnableMouseCapture
    );
    let _ = terminal.clear();
    // Drop keys typed while the editor closed, so they do not land in the journal.
    while event::poll(Duration::ZERO).unwrap_or(false) {
        let _ = event::read();
    }
    match result {
        Ok(t) => Msg::ExternalEdited(t),
        Err(e) => Msg::Error(e.to_string()),
    }
}

/// On a panic, write what happened to the log file (mode 0600) and print where it is.
/// ratatui's own hook (installed later by `ratatui::init`) restores the terminal first.
fn install_panic_log(log: std::path::PathBuf) {
    let previous = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        let written = crate::storage::create_private_file(&log).is_ok()
            && std::fs::OpenOptions::new()
                .append(true)
                .open(&log)
                .and_then(|mut f| {
                    writeln!(
                        f,
                        "{} debrief {} crashed: {info}\n{}",
                        crate::clock::Clock::system().now().to_rfc3339(),
                        env!("CARGO_PKG_VERSION"),
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::{EntryFilter, EntryId};

    fn search(seq: u64) -> Effect {
        Effect::Search {
            seq,
            text: format!("q{seq}"),
            filter: EntryFilter::default(),
        }
    }

    #[test]
    fn only_the_newest_search_is_kept() {
        let mut q: VecDeque<Effect> = vec![
            search(1),
            Effect::LoadEntry(EntryId(4)),
            search(2),
            search(3),
        ]
        .into();
        keep_last_search(&mut q);
        assert_eq!(
            q,
            VecDeque::from(vec![Effect::LoadEntry(EntryId(4)), search(3)])
        );
        let mut none: VecDeque<Effect> = vec![Effect::LoadDrafts].into();
        keep_last_search(&mut none);
        assert_eq!(none.len(), 1);
    }
}
