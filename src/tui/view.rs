//! Drawing the whole interface from [`App`] state: title bar, the current screen, status
//! line, key hints, and overlays (help, dialogs, a too-small window). Pure: no I/O, no state writes.

use ratatui::buffer::Buffer;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Clear, Paragraph, Widget, Wrap};

use super::app::{App, Dialog, MIN_HEIGHT, MIN_WIDTH};
use super::keymap::ScreenId;
use super::screens::editor::EditorView;
use super::screens::reader::ReaderView;
use super::screens::search::SearchView;
use super::screens::timeline::{Welcome, empty_trash};
use super::widgets::entry_list::EntryListView;
use super::widgets::hints::hint_line;

impl Widget for &App {
    fn render(self, area: Rect, buf: &mut Buffer) {
        if area.width < MIN_WIDTH || area.height < MIN_HEIGHT {
            let msg = format!(
                "debrief needs a window of at least {MIN_WIDTH}×{MIN_HEIGHT}; this one is {}×{}. Make it larger, or press Ctrl-C to quit.",
                area.width, area.height
            );
            Paragraph::new(msg)
                .wrap(Wrap { trim: true })
                .render(area, buf);
            return;
        }
        let t = &self.theme;
        let [title, body, status, hints] = Layout::vertical([
            Constraint::Length(1),
            Constraint::Min(1),
            Constraint::Length(self.status_rows()),
            Constraint::Length(1),
        ])
        .areas(area);

        let screen_name = match self.screen {
            ScreenId::Timeline => "Timeline".to_string(),
            ScreenId::Reader => "Reading".to_string(),
            ScreenId::Editor => self
                .editor
                .as_ref()
                .map(|e| e.heading())
                .unwrap_or_default(),
            ScreenId::Search => "Search".to_string(),
            ScreenId::Trash => "Trash".to_string(),
        };
        buf.set_style(title, t.selected);
        buf.set_line(
            title.x,
            title.y,
            &Line::from(vec![Span::raw(" debrief · "), Span::raw(screen_name)]),
            title.width,
        );
        buf.set_style(title, t.selected);

        match self.screen {
            ScreenId::Timeline => {
                if self.timeline.loaded && self.timeline.entries.is_empty() {
                    Welcome {
                        keymap: &self.keymap,
                        theme: t,
                        journal: &self.journal_label,
                    }
                    .render(body, buf);
                } else {
                    EntryListView {
                        list: &self.timeline,
                        theme: t,
                        week_start: self.week_start,
                        clock: &self.clock,
                    }
                    .render(body, buf);
                }
            }
            ScreenId::Trash => {
                if self.trash.loaded && self.trash.entries.is_empty() {
                    buf.set_line(body.x, body.y + 1, &empty_trash(t), body.width);
                } else {
                    EntryListView {
                        list: &self.trash,
                        theme: t,
                        week_start: self.week_start,
                        clock: &self.clock,
                    }
                    .render(body, buf);
                }
            }
            ScreenId::Reader => {
                if let Some(r) = &self.reader {
                    ReaderView {
                        reader: r,
                        theme: t,
                        clock: &self.clock,
                    }
                    .render(body, buf);
                }
            }
            ScreenId::Editor => {
                if let Some(ed) = &self.editor {
                    EditorView {
                        editor: ed,
                        theme: t,
                    }
                    .render(body, buf);
                }
            }
            ScreenId::Search => SearchView {
                search: &self.search,
                theme: t,
                clock: &self.clock,
            }
            .render(body, buf),
        }

        if let Some((text, is_error)) = &self.status {
            let style = if *is_error { t.error } else { t.notice };
            let inner = Rect {
                x: status.x + 1,
                width: status.width.saturating_sub(2),
                ..status
            };
            Paragraph::new(Line::styled(text.clone(), style))
                .wrap(Wrap { trim: true })
                .render(inner, buf);
        }
        buf.set_line(
            hints.x + 1,
            hints.y,
            &hint_line(&self.keymap, self.screen, t, hints.width.saturating_sub(2)),
            hints.width.saturating_sub(2),
        );

        if let Some(d) = &self.dialog {
            render_dialog(self, d, area, buf);
        } else if self.help {
            render_help(self, area, buf);
        }
    }
}

fn centered(area: Rect, width: u16, height: u16) -> Rect {
    let w = width.min(area.width);
    let h = height.min(area.height);
    Rect::new(
        area.x + (area.width - w) / 2,
        area.y + (area.height - h) / 2,
        w,
        h,
    )
}

fn render_dialog(app: &App, dialog: &Dialog, area: Rect, buf: &mut Buffer) {
    let t = &app.theme;
    let (title, lines): (&str, Vec<Line>) = match dialog {
        Dialog::LeaveEditor { .. } => (
            " Unsaved changes ",
            vec![
                Line::raw("This entry has changes that are not saved."),
                Line::raw(""),
                Line::from(vec![Span::styled("  s ", t.key), Span::raw("save it")]),
                Line::from(vec![
                    Span::styled("  k ", t.key),
                    Span::raw("keep as a draft for later"),
                ]),
                Line::from(vec![
                    Span::styled("  x ", t.key),
                    Span::raw("discard the changes"),
                ]),
                Line::from(vec![
                    Span::styled("Esc ", t.key),
                    Span::raw("go back to writing"),
                ]),
            ],
        ),
        Dialog::Purge(id) => (
            " Delete for good? ",
            vec![
                Line::raw(format!("Entry {id} will be deleted for good.")),
                Line::raw("This cannot be undone."),
                Line::raw(""),
                Line::from(vec![
                    Span::styled("  y ", t.key),
                    Span::raw("delete it   "),
                    Span::styled("n ", t.key),
                    Span::raw("keep it"),
                ]),
            ],
        ),
        Dialog::RestoreDraft(d) => {
            let when = app
                .clock
                .local(d.updated)
                .format("%A %-d %B, %H:%M")
                .to_string();
            let preview = serde_json::from_str::<super::screens::editor::EditorDraft>(&d.payload)
                .map(|e| {
                    let first = e.title.clone();
                    let first = if first.trim().is_empty() {
                        e.body
                            .lines()
                            .find(|l| !l.trim().is_empty())
                            .unwrap_or("")
                            .to_string()
                    } else {
                        first
                    };
                    crate::text::truncate(&first, 50)
                })
                .unwrap_or_default();
            (
                " A draft was not saved ",
                vec![
                    Line::raw(format!("Writing from {when} was interrupted.")),
                    Line::styled(format!("“{preview}”"), t.dim),
                    Line::raw(""),
                    Line::from(vec![
                        Span::styled("  r ", t.key),
                        Span::raw("restore it and keep writing"),
                    ]),
                    Line::from(vec![Span::styled("  d ", t.key), Span::raw("discard it")]),
                    Line::from(vec![
                        Span::styled("  l ", t.key),
                        Span::raw("later (ask again next time)"),
                    ]),
                ],
            )
        }
    };
    let rect = centered(area, 58, lines.len() as u16 + 2);
    Clear.render(rect, buf);
    Paragraph::new(lines)
        .block(
            Block::default()
                .borders(Borders::ALL)
                .border_style(t.focus_border)
                .title(Span::styled(title, t.title)),
        )
        .wrap(Wrap { trim: false })
        .render(rect, buf);
}

fn render_help(app: &App, area: Rect, buf: &mut Buffer) {
    let t = &app.theme;
    let mut lines: Vec<Line> = app
        .keymap
        .bindings(app.screen)
        .iter()
        .map(|b| {
            let keys = b
                .keys
                .iter()
                .map(ToString::to_string)
                .collect::<Vec<_>>()
                .join(", ");
            let name = format!("{}.{}", app.screen.name(), b.action.config_name());
            Line::from(vec![
                Span::styled(format!("{keys:>18}  "), t.key),
                Span::raw(format!("{:<26}", b.help)),
                Span::styled(name, t.dim),
            ])
        })
        .collect();
    match app.screen {
        ScreenId::Editor => {
            lines.push(Line::raw(""));
            lines.push(Line::styled(
                "In fields: ←/→ change kind, 0-10 or ←/→ for ratings,",
                t.dim,
            ));
            lines.push(Line::styled(
                "s/f/l toggle flags. Text: emacs-style keys (Ctrl-A/E line start/end).",
                t.dim,
            ));
        }
        ScreenId::Search => {
            lines.push(Line::raw(""));
            lines.push(Line::styled(
                format!("Filters: {}", crate::domain::query::FILTER_HELP),
                t.dim,
            ));
        }
        _ => {}
    }
    lines.push(Line::raw(""));
    lines.push(Line::styled(
        "The right column names each key in config.toml's [keys]. Any key closes this help.",
        t.dim,
    ));
    let inner = usize::from(76.min(area.width).saturating_sub(2)).max(1);
    let rows: usize = lines.iter().map(|l| l.width().div_ceil(inner).max(1)).sum();
    let rect = centered(
        area,
        76,
        u16::try_from(rows).unwrap_or(u16::MAX).saturating_add(2),
    );
    Clear.render(rect, buf);
    Paragraph::new(lines)
        .block(
            Block::default()
                .borders(Borders::ALL)
                .border_style(t.focus_border)
                .title(Span::styled(
                    format!(" Keys: {} ", app.screen.name()),
                    t.title,
                )),
        )
        .wrap(Wrap { trim: false })
        .render(rect, buf);
}
