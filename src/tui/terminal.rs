//! The terminal debrief draws on: raw mode and the alternate screen, restored on panic, and a
//! backend that never reports more than [`MAX_AREA`], so a terminal that claims to be
//! 65535×65535 cannot make debrief allocate a buffer for every one of those cells.

use std::io::{Stdout, stdout};

use ratatui::Terminal;
use ratatui::backend::{Backend, ClearType, CrosstermBackend, WindowSize};
use ratatui::buffer::Cell;
use ratatui::crossterm::execute;
use ratatui::crossterm::terminal::{EnterAlternateScreen, enable_raw_mode};
use ratatui::layout::{Position, Size};

/// The largest area drawn (columns, rows); a bigger window gets the frame in its corner.
pub const MAX_AREA: (u16, u16) = (1000, 500);

/// The terminal type the interface uses.
pub type Term = Terminal<Capped<CrosstermBackend<Stdout>>>;

/// Take over the terminal: raw mode, the alternate screen, and a panic hook that gives the
/// terminal back first (then runs the hook installed before, which writes the crash log).
pub fn init() -> std::io::Result<Term> {
    let previous = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        ratatui::restore();
        previous(info);
    }));
    enable_raw_mode()?;
    execute!(stdout(), EnterAlternateScreen)?;
    Terminal::new(Capped(CrosstermBackend::new(stdout())))
}

/// A backend whose size is at most [`MAX_AREA`].
#[derive(Debug)]
pub struct Capped<B>(pub B);

fn cap(size: Size) -> Size {
    Size {
        width: size.width.min(MAX_AREA.0),
        height: size.height.min(MAX_AREA.1),
    }
}

impl<B: Backend> Backend for Capped<B> {
    type Error = B::Error;

    fn draw<'a, I>(&mut self, content: I) -> Result<(), Self::Error>
    where
        I: Iterator<Item = (u16, u16, &'a Cell)>,
    {
        self.0.draw(content)
    }

    fn append_lines(&mut self, n: u16) -> Result<(), Self::Error> {
        self.0.append_lines(n)
    }

    fn hide_cursor(&mut self) -> Result<(), Self::Error> {
        self.0.hide_cursor()
    }

    fn show_cursor(&mut self) -> Result<(), Self::Error> {
        self.0.show_cursor()
    }

    fn get_cursor_position(&mut self) -> Result<Position, Self::Error> {
        self.0.get_cursor_position()
    }

    fn set_cursor_position<P: Into<Position>>(&mut self, position: P) -> Result<(), Self::Error> {
        self.0.set_cursor_position(position)
    }

    fn clear(&mut self) -> Result<(), Self::Error> {
        self.0.clear()
    }

    fn clear_region(&mut self, clear_type: ClearType) -> Result<(), Self::Error> {
        self.0.clear_region(clear_type)
    }

    fn size(&self) -> Result<Size, Self::Error> {
        self.0.size().map(cap)
    }

    fn window_size(&mut self) -> Result<WindowSize, Self::Error> {
        self.0.window_size().map(|w| WindowSize {
            columns_rows: cap(w.columns_rows),
            pixels: w.pixels,
        })
    }

    fn flush(&mut self) -> Result<(), Self::Error> {
        self.0.flush()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A terminal that claims to be enormous and draws nothing.
    struct Huge;

    impl Backend for Huge {
        type Error = std::io::Error;
        fn draw<'a, I>(&mut self, _content: I) -> std::io::Result<()>
        where
            I: Iterator<Item = (u16, u16, &'a Cell)>,
        {
            Ok(())
        }
        fn hide_cursor(&mut self) -> std::io::Result<()> {
            Ok(())
        }
        fn show_cursor(&mut self) -> std::io::Result<()> {
            Ok(())
        }
        fn get_cursor_position(&mut self) -> std::io::Result<Position> {
            Ok(Position::ORIGIN)
        }
        fn set_cursor_position<P: Into<Position>>(&mut self, _p: P) -> std::io::Result<()> {
            Ok(())
        }
        fn clear(&mut self) -> std::io::Result<()> {
            Ok(())
        }
        fn clear_region(&mut self, _t: ClearType) -> std::io::Result<()> {
            Ok(())
        }
        fn size(&self) -> std::io::Result<Size> {
            Ok(Size::new(u16::MAX, u16::MAX))
        }
        fn window_size(&mut self) -> std::io::Result<WindowSize> {
            Ok(WindowSize {
                columns_rows: Size::new(u16::MAX, u16::MAX),
                pixels: Size::new(0, 0),
            })
        }
        fn flush(&mut self) -> std::io::Result<()> {
            Ok(())
        }
    }

    #[test]
    fn an_enormous_terminal_is_drawn_in_a_bounded_area() {
        let mut terminal = Terminal::new(Capped(Huge)).expect("terminal");
        let frame = terminal
            .draw(|f| {
                assert_eq!((f.area().width, f.area().height), MAX_AREA);
            })
            .expect("draw");
        assert_eq!(frame.area.width, MAX_AREA.0);
    }
}
