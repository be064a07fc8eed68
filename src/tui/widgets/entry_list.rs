//! A day-grouped list of entry summaries with a selection, paged by query: the state
//! (selection, scroll, whether more pages exist) and its rendering. Used by timeline and trash.

use chrono::{Datelike, NaiveDate, Utc};
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::Widget;

use crate::clock::Clock;
use crate::config::WeekStart;
use crate::domain::{EntryFilter, EntrySummary};
use crate::tui::theme::Theme;
use crate::tui::widgets::stress_bar::stress_spans;

/// Loaded entries, the selection and the first visible entry.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct EntryList {
    pub entries: Vec<EntrySummary>,
    pub selected: usize,
    pub top: usize,
    /// No more pages below.
    pub exhausted: bool,
    /// A page has been asked for and not yet arrived.
    pub loading: bool,
    /// Has the first page arrived?
    pub loaded: bool,
    /// The local calendar day of each entry (for day headings).
    days: Vec<NaiveDate>,
}

impl EntryList {
    pub fn selected_entry(&self) -> Option<&EntrySummary> {
        self.entries.get(self.selected)
    }

    /// Take a freshly loaded page.
    pub fn receive(
        &mut self,
        page: Vec<EntrySummary>,
        append: bool,
        page_size: usize,
        clock: &Clock,
    ) {
        self.exhausted = page.len() < page_size;
        self.loading = false;
        self.loaded = true;
        let days = page
            .iter()
            .map(|e| clock.local(e.created.with_timezone(&Utc)).date_naive());
        if append {
            self.days.extend(days);
            self.entries.extend(page);
        } else {
            let keep = self.selected_entry().map(|e| e.id);
            self.days = days.collect();
            self.entries = page;
            self.selected = keep
                .and_then(|id| self.entries.iter().position(|e| e.id == id))
                .unwrap_or(self.selected.min(self.entries.len().saturating_sub(1)));
            self.top = self.top.min(self.selected);
        }
    }

    /// Select the entry with `id` if it is loaded.
    pub fn select_id(&mut self, id: crate::domain::EntryId) {
        if let Some(i) = self.entries.iter().position(|e| e.id == id) {
            self.selected = i;
        }
    }

    /// Move the selection by `delta` rows and keep it visible in `height` rows.
    pub fn move_by(&mut self, delta: isize, height: usize) {
        if self.entries.is_empty() {
            return;
        }
        let last = self.entries.len() - 1;
        self.selected = self.selected.saturating_add_signed(delta).min(last);
        self.fit(height);
    }

    pub fn to_top(&mut self) {
        self.selected = 0;
        self.top = 0;
    }

    pub fn to_bottom(&mut self, height: usize) {
        self.selected = self.entries.len().saturating_sub(1);
        self.fit(height);
    }

    /// Should the next page be loaded (the selection is near the end of what is loaded)?
    /// Returns the filter for that page and marks it as loading.
    pub fn next_page(&mut self, base: &EntryFilter) -> Option<EntryFilter> {
        if self.exhausted || self.loading || self.selected + 50 < self.entries.len() {
            return None;
        }
        let last = self.entries.last()?;
        self.loading = true;
        Some(base.page_after(last))
    }

    /// Adjust `top` so the selection (and its day heading) fits in `height` rows.
    pub fn fit(&mut self, height: usize) {
        if self.selected < self.top {
            self.top = self.selected;
        }
        while self.top < self.selected && self.rows_between(self.top, self.selected) > height.max(1)
        {
            self.top += 1;
        }
    }

    /// Rows used to show entries `from..=to` with their day headings.
    fn rows_between(&self, from: usize, to: usize) -> usize {
        let mut rows = 0;
        let mut day = None;
        for d in self.days[from..=to].iter().copied() {
            if day != Some(d) {
                rows += 1;
                day = Some(d);
            }
            rows += 1;
        }
        rows
    }
}

/// How to draw an [`EntryList`].
pub struct EntryListView<'a> {
    pub list: &'a EntryList,
    pub theme: &'a Theme,
    pub week_start: WeekStart,
    pub clock: &'a Clock,
}

fn week_start_of(d: NaiveDate, ws: WeekStart) -> NaiveDate {
    let back = match ws {
        WeekStart::Monday => d.weekday().num_days_from_monday(),
        WeekStart::Sunday => d.weekday().num_days_from_sunday(),
    };
    d - chrono::Days::new(u64::from(back))
}

impl Widget for EntryListView<'_> {
    fn render(self, area: Rect, buf: &mut Buffer) {
        let t = self.theme;
        let mut y = area.y;
        let mut day = None;
        let days = &self.list.days;
        for (i, e) in self.list.entries.iter().enumerate().skip(self.list.top) {
            if y >= area.bottom() {
                break;
            }
            let d = days[i];
            if day != Some(d) {
                let mut spans = vec![Span::styled(
                    d.format("%A %-d %B %Y").to_string(),
                    t.heading,
                )];
                let newer_week = i
                    .checked_sub(1)
                    .map(|p| week_start_of(days[p], self.week_start));
                let this_week = week_start_of(d, self.week_start);
                if newer_week != Some(this_week) {
                    spans.push(Span::styled(
                        format!("   week of {}", this_week.format("%-d %b")),
                        t.dim,
                    ));
                }
                buf.set_line(area.x, y, &Line::from(spans), area.width);
                y += 1;
                day = Some(d);
                if y >= area.bottom() {
                    break;
                }
            }
            let selected = i == self.list.selected;
            let line = entry_line(e, t, self.clock, area.width);
            let row = Rect::new(area.x, y, area.width, 1);
            if selected {
                buf.set_style(row, t.selected);
            }
            buf.set_line(area.x, y, &line, area.width);
            if selected {
                buf.set_style(row, t.selected);
            }
            y += 1;
        }
    }
}

/// `  14:05  checkin      7 ███████░░░  ★⚑✎  Headline   #tag #tag`
fn entry_line(e: &EntrySummary, t: &Theme, clock: &Clock, width: u16) -> Line<'static> {
    let time = clock.local(e.created.with_timezone(&Utc)).format("%H:%M");
    let mut spans = vec![
        Span::styled(format!("  {time}  "), t.dim),
        Span::styled(format!("{:<11} ", e.kind.as_str()), t.dim),
    ];
    spans.extend(stress_spans(e.stress.map(|r| r.value()), t));
    let mut marks = String::new();
    marks.push(if e.starred { '★' } else { ' ' });
    marks.push(if e.for_supervision { '⚑' } else { ' ' });
    marks.push(if e.unfinished { '✎' } else { ' ' });
    spans.push(Span::styled(format!(" {marks} "), t.key));
    let used: usize = spans.iter().map(|s| s.width()).sum();
    let tags = e
        .tags
        .iter()
        .map(|t| format!("#{t}"))
        .collect::<Vec<_>>()
        .join(" ");
    let room = usize::from(width).saturating_sub(used + 1);
    let headline = if e.headline.is_empty() {
        "(untitled)"
    } else {
        e.headline.as_str()
    };
    let tag_room = if tags.is_empty() {
        0
    } else {
        (tags.chars().count() + 2).min(room / 3)
    };
    let head = crate::text::truncate(headline, room.saturating_sub(tag_room));
    let head_len = unicode_width::UnicodeWidthStr::width(head.as_str());
    spans.push(Span::styled(head, t.title));
    if tag_room > 2 {
        let pad = room.saturating_sub(head_len + tag_room);
        spans.push(Span::raw(" ".repeat(pad + 2)));
        spans.push(Span::styled(
            crate::text::truncate(&tags, tag_room - 2),
            t.dim,
        ));
    }
    Line::from(spans)
}
