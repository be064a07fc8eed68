//! A day-grouped list of entry summaries with a selection: a window of the journal loaded a
//! page at a time in either direction (so the end of a 100,000-entry journal is one query
//! away), entries updated in place by id after a change, and its rendering.

use chrono::{Datelike, NaiveDate, Utc};
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::Widget;

use crate::clock::Clock;
use crate::config::WeekStart;
use crate::domain::{EntryFilter, EntryId, EntrySummary};
use crate::present::SummaryParts;
use crate::tui::msg::{PAGE, Place};
use crate::tui::theme::Theme;
use crate::tui::widgets::stress_bar::stress_spans;

/// Load the next page once the selection is this close to the end of what is loaded.
const PREFETCH: usize = 50;

/// The loaded window of entries, the selection and the first visible entry.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct EntryList {
    pub entries: Vec<EntrySummary>,
    pub selected: usize,
    pub top: usize,
    /// Older entries exist below the window.
    pub more_below: bool,
    /// Newer entries exist above the window (after jumping to the end).
    pub more_above: bool,
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

    fn day(e: &EntrySummary, clock: &Clock) -> NaiveDate {
        clock.local(e.created.with_timezone(&Utc)).date_naive()
    }

    /// Take a freshly loaded page (newest first).
    pub fn receive(&mut self, page: Vec<EntrySummary>, place: Place, clock: &Clock) {
        let full = page.len() >= PAGE;
        self.loading = false;
        self.loaded = true;
        let days: Vec<NaiveDate> = page.iter().map(|e| Self::day(e, clock)).collect();
        match place {
            Place::Older => {
                self.more_below = full;
                self.days.extend(days);
                self.entries.extend(page);
            }
            Place::Newer => {
                let n = page.len();
                self.more_above = full;
                self.days.splice(0..0, days);
                self.entries.splice(0..0, page);
                self.selected += n;
                self.top += n;
            }
            Place::Newest | Place::Oldest => {
                let keep = self.selected_entry().map(|e| e.id);
                self.more_above = place == Place::Oldest && full;
                self.more_below = place == Place::Newest && full;
                self.days = days;
                self.entries = page;
                let fallback = match place {
                    Place::Oldest => self.entries.len().saturating_sub(1),
                    _ => self.selected.min(self.entries.len().saturating_sub(1)),
                };
                self.selected = keep
                    .and_then(|id| self.entries.iter().position(|e| e.id == id))
                    .filter(|_| place == Place::Newest)
                    .unwrap_or(fallback);
                self.top = self.top.min(self.selected);
            }
        }
    }

    /// The page to load now, if the selection is near an edge of the window with more beyond.
    pub fn wanted_page(&mut self, base: &EntryFilter) -> Option<(EntryFilter, Place)> {
        if self.loading {
            return None;
        }
        let wanted = if self.more_below && self.selected + PREFETCH >= self.entries.len() {
            Some((base.page_after(self.entries.last()?), Place::Older))
        } else if self.more_above && self.selected < PREFETCH {
            Some((base.page_before(self.entries.first()?), Place::Newer))
        } else {
            None
        };
        self.loading = wanted.is_some();
        wanted
    }

    /// Put a changed entry's new summary in place. `belongs` says whether it belongs in this
    /// list now (a trashed entry leaves the timeline); a new one is inserted where its date
    /// puts it, if that is within the loaded window. The selection stays on its entry.
    pub fn upsert(&mut self, s: &EntrySummary, belongs: bool, clock: &Clock) {
        let keep = self.selected_entry().map(|e| e.id);
        let at = self.entries.iter().position(|e| e.id == s.id);
        match (at, belongs) {
            (Some(i), true) => {
                self.entries[i] = s.clone();
                self.days[i] = Self::day(s, clock);
                return;
            }
            (Some(i), false) => {
                self.entries.remove(i);
                self.days.remove(i);
            }
            (None, false) => return,
            (None, true) => {
                let key = (s.created.timestamp_millis(), s.id);
                let pos = self
                    .entries
                    .iter()
                    .position(|e| (e.created.timestamp_millis(), e.id) < key)
                    .unwrap_or(self.entries.len());
                let inside =
                    (pos > 0 || !self.more_above) && (pos < self.entries.len() || !self.more_below);
                if !inside {
                    return;
                }
                self.entries.insert(pos, s.clone());
                self.days.insert(pos, Self::day(s, clock));
            }
        }
        self.loaded = true;
        match keep.and_then(|id| self.entries.iter().position(|e| e.id == id)) {
            Some(i) => self.selected = i,
            None => self.selected = self.selected.min(self.entries.len().saturating_sub(1)),
        }
        self.top = self.top.min(self.selected);
    }

    /// Take an entry out (purged).
    pub fn remove(&mut self, id: EntryId) {
        if let Some(i) = self.entries.iter().position(|e| e.id == id) {
            let keep = self.selected_entry().map(|e| e.id).filter(|k| *k != id);
            self.entries.remove(i);
            self.days.remove(i);
            self.selected = keep
                .and_then(|k| self.entries.iter().position(|e| e.id == k))
                .unwrap_or(self.selected.min(self.entries.len().saturating_sub(1)));
            self.top = self.top.min(self.selected);
        }
    }

    /// Select the entry with `id` if it is loaded.
    pub fn select_id(&mut self, id: EntryId, height: usize) {
        if let Some(i) = self.entries.iter().position(|e| e.id == id) {
            self.selected = i;
            self.fit(height);
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
            let line = entry_line(e, selected, When::Time, t, self.clock, area.width);
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

/// How much of an entry's time its row shows.
pub enum When {
    /// The time of day, under a day heading.
    Time,
    /// The whole date and time, where rows are not grouped by day (search results).
    Full,
}

/// `› 14:05  checkin      7 ███████░░░  ★⚑✎  Headline   #tag #tag` (`›` marks the
/// selection, so it shows without colour too).
pub fn entry_line(
    e: &EntrySummary,
    selected: bool,
    when: When,
    t: &Theme,
    clock: &Clock,
    width: u16,
) -> Line<'static> {
    let parts = SummaryParts::of(e, clock);
    let mark = if selected { "›" } else { " " };
    let when = match when {
        When::Time => parts.time.clone(),
        When::Full => clock
            .local(e.created.with_timezone(&Utc))
            .format("%a %-d %b %Y %H:%M")
            .to_string(),
    };
    let mut spans = vec![
        Span::styled(format!("{mark} {when}  "), t.dim),
        Span::styled(format!("{:<11} ", parts.kind), t.dim),
    ];
    spans.extend(stress_spans(parts.stress, t));
    spans.push(Span::styled(
        format!(" {} ", crate::present::markers(e.flags, true)),
        t.key,
    ));
    let used: usize = spans.iter().map(|s| s.width()).sum();
    let room = usize::from(width).saturating_sub(used + 1);
    let head_w = unicode_width::UnicodeWidthStr::width(parts.headline.as_str());
    let tags_w = unicode_width::UnicodeWidthStr::width(parts.tags.as_str());
    // The headline first; tags get the rest, and at least a third when both do not fit.
    let tag_room = match tags_w {
        0 => 0,
        _ if head_w + tags_w + 2 <= room => tags_w + 2,
        _ => (tags_w + 2).min(room.saturating_sub(head_w).max(room / 3)),
    };
    let head = crate::text::truncate(&parts.headline, room.saturating_sub(tag_room));
    let head_len = unicode_width::UnicodeWidthStr::width(head.as_str());
    spans.push(Span::styled(head, t.title));
    if tag_room > 2 {
        let pad = room.saturating_sub(head_len + tag_room);
        spans.push(Span::raw(" ".repeat(pad + 2)));
        spans.push(Span::styled(
            crate::text::truncate(&parts.tags, tag_room - 2),
            t.dim,
        ));
    }
    Line::from(spans)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::{Flags, Kind};
    use chrono::TimeZone;

    fn summary(id: i64, minute: i64) -> EntrySummary {
        let at = Utc
            .with_ymd_and_hms(2026, 11, 1, 0, 0, 0)
            .single()
            .expect("time")
            + chrono::Duration::minutes(minute);
        EntrySummary {
            id: EntryId(id),
            uuid: uuid::Uuid::nil(),
            kind: Kind::Reflection,
            created: at.fixed_offset(),
            headline: format!("entry {id}"),
            tags: Vec::new(),
            stress: None,
            energy: None,
            flags: Flags::default(),
            deleted: None,
            work_context: None,
            gist: Default::default(),
        }
    }

    fn list(ids: &[i64]) -> EntryList {
        let mut l = EntryList::default();
        let page = ids.iter().map(|i| summary(*i, *i)).collect();
        l.receive(page, Place::Newest, &Clock::system());
        l
    }

    #[test]
    fn a_change_updates_in_place_and_keeps_the_selection() {
        let mut l = list(&[5, 4, 3, 2, 1]);
        l.selected = 3;
        let mut s = summary(4, 4);
        s.flags.starred = true;
        l.upsert(&s, true, &Clock::system());
        assert!(l.entries[1].flags.starred);
        assert_eq!(l.selected_entry().map(|e| e.id), Some(EntryId(2)));
        l.upsert(&summary(4, 4), false, &Clock::system());
        assert_eq!(l.entries.len(), 4);
        assert_eq!(l.selected_entry().map(|e| e.id), Some(EntryId(2)));
        l.upsert(&summary(6, 6), true, &Clock::system());
        assert_eq!(
            l.entries[0].id,
            EntryId(6),
            "a new entry goes where its date puts it"
        );
        assert_eq!(l.selected_entry().map(|e| e.id), Some(EntryId(2)));
    }

    #[test]
    fn removing_the_selected_entry_selects_its_neighbour() {
        let mut l = list(&[3, 2, 1]);
        l.selected = 2;
        l.remove(EntryId(1));
        assert_eq!(l.selected, 1);
        assert_eq!(l.entries.len(), 2);
    }
}
