//! Live search: a query line (words plus filters such as `kind:checkin tag:court`) and the
//! ranked results with their matches highlighted. Each keystroke asks for a new search.

use chrono::Utc;
use ratatui::buffer::Buffer;
use ratatui::crossterm::event::KeyEvent;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::Widget;
use ratatui_textarea::TextArea;

use crate::clock::Clock;
use crate::domain::query::{FILTER_HELP, Query};
use crate::storage::SearchHit;
use crate::storage::search::{MATCH_END, MATCH_START};
use crate::tui::theme::Theme;
use crate::tui::widgets::stress_bar::stress_spans;

/// Rows each result takes: the entry line and the snippet line.
const ROWS_PER_HIT: usize = 2;

/// The search screen's state.
pub struct Search {
    pub input: TextArea<'static>,
    pub hits: Vec<SearchHit>,
    pub selected: usize,
    pub top: usize,
    /// Number of the newest search asked for; older answers are ignored.
    pub seq: u64,
    /// Has any answer arrived for the current text?
    pub answered: bool,
    pub problems: Vec<String>,
}

impl Default for Search {
    fn default() -> Self {
        let mut input = TextArea::default();
        input.set_placeholder_text(
            "type to search…  e.g. boundar* kind:checkin tag:court since:last-monday stress>=6",
        );
        input.set_cursor_line_style(ratatui::style::Style::new());
        Search {
            input,
            hits: Vec::new(),
            selected: 0,
            top: 0,
            seq: 0,
            answered: false,
            problems: Vec::new(),
        }
    }
}

impl Search {
    /// The text typed so far.
    pub fn text(&self) -> String {
        self.input.lines().join(" ")
    }

    /// Feed a key to the query line; true when the text changed.
    pub fn key(&mut self, key: KeyEvent) -> bool {
        let before = self.text();
        self.input.input(key);
        self.text() != before
    }

    /// Start a new search for `query`: returns its sequence number.
    pub fn begin(&mut self, query: &Query) -> u64 {
        self.seq += 1;
        self.problems = query.problems.clone();
        self.seq
    }

    /// Take an answer; stale ones (an older sequence number) are dropped.
    pub fn receive(&mut self, seq: u64, hits: Vec<SearchHit>) {
        if seq != self.seq {
            return;
        }
        self.hits = hits;
        self.selected = 0;
        self.top = 0;
        self.answered = true;
    }

    pub fn move_by(&mut self, delta: isize, height: usize) {
        if self.hits.is_empty() {
            return;
        }
        self.selected = self
            .selected
            .saturating_add_signed(delta)
            .min(self.hits.len() - 1);
        let visible = (height / ROWS_PER_HIT).max(1);
        if self.selected < self.top {
            self.top = self.selected;
        } else if self.selected >= self.top + visible {
            self.top = self.selected + 1 - visible;
        }
    }

    pub fn selected_hit(&self) -> Option<&SearchHit> {
        self.hits.get(self.selected)
    }
}

/// Split a snippet into plain and highlighted spans.
pub fn snippet_spans(snippet: &str, theme: &Theme) -> Vec<Span<'static>> {
    let mut spans = Vec::new();
    let mut rest = snippet.replace('\n', " ");
    while let Some(start) = rest.find(MATCH_START) {
        spans.push(Span::styled(rest[..start].to_string(), theme.dim));
        let after = rest[start + MATCH_START.len_utf8()..].to_string();
        let end = after.find(MATCH_END).unwrap_or(after.len());
        spans.push(Span::styled(after[..end].to_string(), theme.matched));
        rest = after
            .get(end + MATCH_END.len_utf8()..)
            .unwrap_or("")
            .to_string();
    }
    spans.push(Span::styled(rest, theme.dim));
    spans
}

/// Draws a [`Search`].
pub struct SearchView<'a> {
    pub search: &'a Search,
    pub theme: &'a Theme,
    pub clock: &'a Clock,
}

impl Widget for SearchView<'_> {
    fn render(self, area: Rect, buf: &mut Buffer) {
        let s = self.search;
        let t = self.theme;
        if area.height < 4 {
            return;
        }
        buf.set_line(area.x + 1, area.y, &Line::styled("Search ›", t.key), 9);
        s.input.render(
            Rect::new(area.x + 11, area.y, area.width.saturating_sub(12), 1),
            buf,
        );
        let status = if !s.problems.is_empty() {
            Line::styled(s.problems.join("; "), t.error)
        } else if s.text().trim().is_empty() {
            Line::styled(format!("Filters: {FILTER_HELP}"), t.dim)
        } else if s.answered && s.hits.is_empty() {
            Line::styled("No entries match.", t.dim)
        } else {
            let n = s.hits.len();
            let more = if n >= crate::tui::msg::PAGE { "+" } else { "" };
            Line::styled(
                format!("{n}{more} result{}", if n == 1 { "" } else { "s" }),
                t.dim,
            )
        };
        buf.set_line(
            area.x + 1,
            area.y + 1,
            &status,
            area.width.saturating_sub(2),
        );
        let mut y = area.y + 3;
        for (i, hit) in s.hits.iter().enumerate().skip(s.top) {
            if y + 1 >= area.bottom() {
                break;
            }
            let e = &hit.entry;
            let mut spans = vec![
                Span::styled(
                    format!(
                        " {}  ",
                        self.clock
                            .local(e.created.with_timezone(&Utc))
                            .format("%a %-d %b %Y %H:%M")
                    ),
                    t.dim,
                ),
                Span::styled(format!("{:<11} ", e.kind.as_str()), t.dim),
            ];
            spans.extend(stress_spans(e.stress.map(|r| r.value()), t));
            spans.push(Span::raw("  "));
            let used: usize = spans.iter().map(Span::width).sum();
            let room = usize::from(area.width).saturating_sub(used + 1);
            let head = if e.headline.is_empty() {
                "(untitled)"
            } else {
                e.headline.as_str()
            };
            spans.push(Span::styled(crate::text::truncate(head, room), t.title));
            let row = Rect::new(area.x, y, area.width, 1);
            buf.set_line(area.x, y, &Line::from(spans), area.width);
            if i == s.selected {
                buf.set_style(row, t.selected);
            }
            let mut snippet = vec![Span::raw("      ")];
            snippet.extend(snippet_spans(&hit.snippet, t));
            buf.set_line(area.x, y + 1, &Line::from(snippet), area.width);
            y += ROWS_PER_HIT as u16;
        }
    }
}
