//! Live search: a query line (words plus filters such as `kind:checkin tag:court`) and the
//! ranked results with their markers, tags and highlighted matches. Each change of the text
//! asks for a new search; older answers are ignored. Results change in place after a change.

use std::time::Instant;

use ratatui::buffer::Buffer;
use ratatui::crossterm::event::{KeyCode, KeyModifiers};
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui_textarea::TextArea;

use crate::domain::query::{FILTER_HELP, parse_query};
use crate::keys::{Action, ScreenId};
use crate::present::snippet_spans;
use crate::storage::{RANK_WINDOW, SearchHit};
use crate::tui::msg::{Effect, Msg, Open, PAGE};
use crate::tui::screen::{Cmd, Ctx, Input, View};
use crate::tui::widgets::entry_list::{When, entry_line};
use crate::tui::widgets::text::line;

/// Rows each result takes: the entry line and the snippet line.
const ROWS_PER_HIT: usize = 2;

/// The search screen's state.
pub struct SearchScreen {
    pub input: TextArea<'static>,
    pub hits: Vec<SearchHit>,
    pub selected: usize,
    pub top: usize,
    /// Number of the newest search asked for; older answers are ignored.
    pub seq: u64,
    /// Has an answer arrived for the current text?
    pub answered: bool,
    /// How many results the newest search asked for: a page more each time the selection
    /// reaches the last result shown.
    pub limit: usize,
    /// Is the newest search asking for more of the same results (keep the selection)?
    more: bool,
    pub problems: Vec<String>,
}

impl Default for SearchScreen {
    fn default() -> Self {
        let mut input = TextArea::default();
        input.set_placeholder_text(
            "type to search…  e.g. boundar* kind:checkin tag:court since:last-monday stress>=6",
        );
        input.set_cursor_line_style(ratatui::style::Style::new());
        SearchScreen {
            input,
            hits: Vec::new(),
            selected: 0,
            top: 0,
            seq: 0,
            answered: false,
            limit: PAGE,
            more: false,
            problems: Vec::new(),
        }
    }
}

impl SearchScreen {
    /// The text typed so far.
    pub fn text(&self) -> String {
        self.input.lines().join(" ")
    }

    /// Ask for the results of the current text, a first page of them.
    fn search(&mut self, ctx: &Ctx) -> Vec<Cmd> {
        self.limit = PAGE;
        self.more = false;
        self.ask(ctx)
    }

    /// Might there be results beyond those shown? Only when the last answer filled its limit.
    fn may_have_more(&self) -> bool {
        self.answered && self.hits.len() >= self.limit && self.limit < RANK_WINDOW
    }

    /// Ask for another page of the same results once the selection reaches the last one.
    fn more_when_at_end(&mut self, ctx: &Ctx) -> Vec<Cmd> {
        if self.more || !self.may_have_more() || self.selected + 1 < self.hits.len() {
            return Vec::new();
        }
        self.limit = (self.limit + PAGE).min(RANK_WINDOW);
        self.more = true;
        self.ask(ctx)
    }

    fn ask(&mut self, ctx: &Ctx) -> Vec<Cmd> {
        let query = parse_query(&self.text(), &ctx.clock.now_zoned());
        self.seq += 1;
        self.problems = query.problems.clone();
        if query.text.trim().is_empty() && query.filter.is_empty() {
            self.hits.clear();
            self.answered = false;
            return Vec::new();
        }
        vec![Cmd::Do(Effect::Search {
            seq: self.seq,
            text: query.text,
            filter: query.filter,
            limit: self.limit,
        })]
    }

    fn move_by(&mut self, delta: isize, height: usize) {
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

    fn status_line(&self, ctx: &Ctx) -> Line<'static> {
        let t = &ctx.theme;
        if !self.problems.is_empty() {
            Line::styled(self.problems.join("; "), t.error)
        } else if self.text().trim().is_empty() {
            Line::styled(format!("Filters: {FILTER_HELP}"), t.dim)
        } else if self.answered && self.hits.is_empty() {
            Line::styled("No entries match.", t.dim)
        } else {
            let n = self.hits.len();
            let more = if self.may_have_more() {
                " so far: more load as you scroll down"
            } else if n >= RANK_WINDOW {
                " (the best among the newest matches; add words or filters to narrow them)"
            } else {
                ""
            };
            Line::styled(
                format!("{n} result{}{more}", if n == 1 { "" } else { "s" }),
                t.dim,
            )
        }
    }
}

impl View for SearchScreen {
    fn id(&self) -> ScreenId {
        ScreenId::Search
    }

    fn title(&self) -> String {
        "Search".into()
    }

    fn handle(&mut self, input: Input, ctx: &Ctx, _now: Instant) -> Vec<Cmd> {
        let list_height = usize::from(ctx.body_rows).saturating_sub(3);
        let page = (list_height / ROWS_PER_HIT).max(1) as isize;
        let before = self.text();
        match input {
            Input::Action(Action::Down) => {
                self.move_by(1, list_height);
                return self.more_when_at_end(ctx);
            }
            Input::Action(Action::Up) => self.move_by(-1, list_height),
            Input::Action(Action::PageDown) => {
                self.move_by(page, list_height);
                return self.more_when_at_end(ctx);
            }
            Input::Action(Action::PageUp) => self.move_by(-page, list_height),
            Input::Action(Action::Open) => {
                if let Some(hit) = self.hits.get(self.selected) {
                    return vec![Cmd::Do(Effect::LoadEntry {
                        id: hit.entry.id,
                        then: Open::Read,
                    })];
                }
            }
            Input::Action(Action::Back) => return vec![Cmd::Pop],
            Input::Action(Action::Quit) => return vec![Cmd::Quit],
            Input::Action(_) => {}
            // Ctrl-U clears the line, as in a shell.
            Input::Key(k)
                if k.code == KeyCode::Char('u') && k.modifiers == KeyModifiers::CONTROL =>
            {
                self.input = SearchScreen::default().input;
            }
            Input::Key(k) => {
                self.input.input(k);
            }
            Input::Paste(text) => {
                self.input.insert_str(text.replace(['\n', '\r'], " "));
            }
        }
        if self.text() != before {
            return self.search(ctx);
        }
        Vec::new()
    }

    fn on_msg(&mut self, msg: &Msg, ctx: &Ctx, _now: Instant) -> Vec<Cmd> {
        match msg {
            Msg::SearchResults { seq, hits } if *seq == self.seq => {
                self.hits = hits.clone();
                if self.more {
                    // The same ranking, longer: keep the place.
                    self.selected = self.selected.min(self.hits.len().saturating_sub(1));
                    self.top = self.top.min(self.selected);
                } else {
                    self.selected = 0;
                    self.top = 0;
                }
                self.more = false;
                self.answered = true;
            }
            Msg::Changed { id, summary, .. } => {
                let i = self.hits.iter().position(|h| h.entry.id == *id);
                match (i, summary) {
                    (Some(i), Some(s)) if s.deleted.is_none() => self.hits[i].entry = (**s).clone(),
                    (Some(i), _) => {
                        self.hits.remove(i);
                        self.selected = self.selected.min(self.hits.len().saturating_sub(1));
                    }
                    _ => {}
                }
            }
            Msg::Saved { .. } if !self.text().trim().is_empty() => return self.search(ctx),
            _ => {}
        }
        Vec::new()
    }

    fn render(&self, area: Rect, buf: &mut Buffer, ctx: &Ctx) {
        let t = &ctx.theme;
        if area.height < 4 {
            return;
        }
        buf.set_line(area.x + 1, area.y, &Line::styled("Search ›", t.key), 9);
        ratatui::widgets::Widget::render(
            &self.input,
            Rect::new(area.x + 11, area.y, area.width.saturating_sub(12), 1),
            buf,
        );
        let status = ratatui::widgets::Paragraph::new(self.status_line(ctx))
            .wrap(ratatui::widgets::Wrap { trim: true });
        ratatui::widgets::Widget::render(
            status,
            Rect::new(area.x + 1, area.y + 1, area.width.saturating_sub(2), 2),
            buf,
        );
        let mut y = area.y + 3;
        for (i, hit) in self.hits.iter().enumerate().skip(self.top) {
            if y + 1 >= area.bottom() {
                break;
            }
            let row_line = entry_line(
                &hit.entry,
                i == self.selected,
                When::Full,
                t,
                &ctx.clock,
                area.width,
            );
            let row = Rect::new(area.x, y, area.width, 1);
            buf.set_line(area.x, y, &row_line, area.width);
            if i == self.selected {
                buf.set_style(row, t.selected);
            }
            let mut snippet = vec![Span::raw("      ")];
            snippet.extend(line(&snippet_spans(&hit.snippet), t).spans);
            buf.set_line(area.x, y + 1, &Line::from(snippet), area.width);
            y += ROWS_PER_HIT as u16;
        }
    }
}
