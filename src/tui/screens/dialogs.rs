//! Dialogs are screens too, with key tables of their own (overridable, listed in help):
//! unsaved changes when leaving an editor, deleting for good, and drafts left by an
//! interrupted session.

use std::time::Instant;

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Clear, Paragraph, Widget, Wrap};

use crate::domain::EntryId;
use crate::keys::{Action, ScreenId};
use crate::storage::StoredDraft;
use crate::tui::msg::{Change, Effect, Msg};
use crate::tui::screen::{Cmd, ConflictChoice, Ctx, Input, LeaveChoice, Reply, Screen, View};

/// A box in the middle of `area`.
pub fn centered(area: Rect, width: u16, height: u16) -> Rect {
    let w = width.min(area.width);
    let h = height.min(area.height);
    Rect::new(
        area.x + (area.width - w) / 2,
        area.y + (area.height - h) / 2,
        w,
        h,
    )
}

/// Draw `lines` in a bordered box `width` wide (at most), as tall as they wrap to, in the
/// middle of `area`, over what is there.
pub fn text_box(
    area: Rect,
    buf: &mut Buffer,
    ctx: &Ctx,
    title: &str,
    lines: Vec<Line<'static>>,
    width: u16,
) {
    let width = width.min(area.width);
    let paragraph = Paragraph::new(lines).wrap(Wrap { trim: false });
    let rows = paragraph.line_count(width.saturating_sub(2).max(1));
    let height = u16::try_from(rows).unwrap_or(u16::MAX).saturating_add(2);
    let rect = centered(area, width, height);
    Clear.render(rect, buf);
    paragraph
        .block(
            Block::default()
                .borders(Borders::ALL)
                .border_style(ctx.theme.focus_border)
                .title(Span::styled(format!(" {title} "), ctx.theme.title)),
        )
        .render(rect, buf);
}

/// Draw a dialog: its text, then one line per key of its table.
pub(super) fn draw(
    ctx: &Ctx,
    id: ScreenId,
    title: &str,
    text: Vec<Line<'static>>,
    area: Rect,
    buf: &mut Buffer,
) {
    draw_keys(ctx, id, title, text, |_| true, area, buf);
}

/// Draw a dialog with the keys that do something now: its table's hints, less those
/// `changes` hides, with those it shows.
pub(super) fn draw_only(
    ctx: &Ctx,
    id: ScreenId,
    title: &str,
    text: Vec<Line<'static>>,
    changes: &crate::tui::screen::HintChanges,
    area: Rect,
    buf: &mut Buffer,
) {
    let shown = |b: &crate::keys::Binding| {
        !changes.hide.contains(&b.action) && (b.hint || changes.show.contains(&b.action))
    };
    draw_keys(ctx, id, title, text, shown, area, buf);
}

fn draw_keys(
    ctx: &Ctx,
    id: ScreenId,
    title: &str,
    text: Vec<Line<'static>>,
    shown: impl Fn(&crate::keys::Binding) -> bool,
    area: Rect,
    buf: &mut Buffer,
) {
    let t = &ctx.theme;
    let mut lines = text;
    lines.push(Line::raw(""));
    for b in ctx.keymap.bindings(id).iter().filter(|b| shown(b)) {
        let keys: Vec<String> = b.keys.iter().map(ToString::to_string).collect();
        lines.push(Line::from(vec![
            Span::styled(format!("{:>10}  ", keys.join(" / ")), t.key),
            Span::raw(b.help),
        ]));
    }
    // As tall as the text wraps to, so no key falls off the bottom.
    let paragraph = Paragraph::new(lines).wrap(Wrap { trim: false });
    let width = area.width.min(60);
    let rows = paragraph.line_count(width.saturating_sub(2).max(1));
    let rect = centered(
        area,
        width,
        u16::try_from(rows).unwrap_or(u16::MAX).saturating_add(2),
    );
    Clear.render(rect, buf);
    paragraph
        .block(
            Block::default()
                .borders(Borders::ALL)
                .border_style(t.focus_border)
                .title(Span::styled(format!(" {title} "), t.title)),
        )
        .render(rect, buf);
}

/// "This entry has changes that are not saved."
pub struct LeaveDialog;

impl View for LeaveDialog {
    fn id(&self) -> ScreenId {
        ScreenId::Leave
    }
    fn title(&self) -> String {
        "Unsaved changes".into()
    }
    fn is_overlay(&self) -> bool {
        true
    }
    fn handle(&mut self, input: Input, _ctx: &Ctx, _now: Instant) -> Vec<Cmd> {
        let choice = match input {
            Input::Action(Action::Save) => LeaveChoice::Save,
            Input::Action(Action::KeepDraft) => LeaveChoice::KeepDraft,
            Input::Action(Action::Discard) => LeaveChoice::Discard,
            Input::Action(Action::Back) => LeaveChoice::Stay,
            _ => return Vec::new(),
        };
        vec![Cmd::Reply(Reply::Leave(choice))]
    }
    fn render(&self, area: Rect, buf: &mut Buffer, ctx: &Ctx) {
        let text = vec![Line::raw("This entry has changes that are not saved.")];
        draw(ctx, self.id(), "Unsaved changes", text, area, buf);
    }
}

/// "Changed elsewhere": a save found the entry changed since the form opened (in another
/// window, by a command). Nothing was overwritten; the text is in the form and in a draft.
pub struct ConflictDialog {
    pub id: EntryId,
    /// The entry was deleted for good meanwhile (not just changed).
    pub gone: bool,
}

impl View for ConflictDialog {
    fn id(&self) -> ScreenId {
        ScreenId::Conflict
    }
    fn title(&self) -> String {
        "Changed elsewhere".into()
    }
    fn is_overlay(&self) -> bool {
        true
    }
    fn handle(&mut self, input: Input, _ctx: &Ctx, _now: Instant) -> Vec<Cmd> {
        let choice = match input {
            Input::Action(Action::KeepMine) => ConflictChoice::KeepMine,
            Input::Action(Action::SaveAsNew) => ConflictChoice::SaveAsNew,
            Input::Action(Action::ViewTheirs) => ConflictChoice::ViewTheirs,
            Input::Action(Action::Back) => ConflictChoice::Stay,
            _ => return Vec::new(),
        };
        vec![Cmd::Reply(Reply::Conflict(choice))]
    }
    fn render(&self, area: Rect, buf: &mut Buffer, ctx: &Ctx) {
        let what = match self.gone {
            true => "deleted for good elsewhere (m or n saves yours as a new entry)",
            false => "changed elsewhere since you opened it",
        };
        let text = vec![
            Line::raw(format!("Entry {} was {what}.", self.id)),
            Line::raw("Nothing was overwritten: your text is here and kept as a draft."),
        ];
        draw(ctx, self.id(), "Changed elsewhere", text, area, buf);
    }
}

/// "Delete for good?"
pub struct PurgeDialog {
    pub id: EntryId,
}

impl View for PurgeDialog {
    fn id(&self) -> ScreenId {
        ScreenId::Purge
    }
    fn title(&self) -> String {
        "Delete for good?".into()
    }
    fn is_overlay(&self) -> bool {
        true
    }
    fn handle(&mut self, input: Input, _ctx: &Ctx, _now: Instant) -> Vec<Cmd> {
        let purge = |copy: bool, said: String| {
            vec![
                Cmd::Pop,
                Cmd::Do(Effect::Change {
                    id: self.id,
                    change: Change::Purge { copy },
                }),
                Cmd::Status(said),
            ]
        };
        match input {
            Input::Action(Action::Confirm) => purge(
                true,
                format!(
                    "Entry {} deleted for good; a copy of the journal from just before is in the backups folder.",
                    self.id
                ),
            ),
            Input::Action(Action::PurgeNoCopy) => purge(
                false,
                format!("Entry {} deleted for good; no copy was made.", self.id),
            ),
            Input::Action(Action::Back) => vec![Cmd::Pop],
            _ => Vec::new(),
        }
    }
    fn render(&self, area: Rect, buf: &mut Buffer, ctx: &Ctx) {
        let text = vec![
            Line::raw(format!(
                "Entry {} will be deleted for good. This cannot be undone.",
                self.id
            )),
            Line::raw(""),
            Line::styled(
                "A copy of the journal is made first, kept with the automatic backups until it rolls off. To leave no copy, press x.",
                ctx.theme.dim,
            ),
        ];
        draw(ctx, self.id(), "Delete for good?", text, area, buf);
    }
}

/// Drafts from an interrupted session, offered one at a time.
pub struct DraftDialog {
    drafts: Vec<StoredDraft>,
}

impl DraftDialog {
    pub fn new(drafts: Vec<StoredDraft>) -> DraftDialog {
        DraftDialog { drafts }
    }

    /// The first draft was taken for this window: open it.
    fn restore(&mut self, ctx: &Ctx) -> Vec<Cmd> {
        let Some(Ok(d)) = self.drafts.first().map(|f| f.draft.clone()) else {
            return self.next_or_close();
        };
        let id = self.drafts[0].id;
        let later = self.drafts.len() - 1;
        let mut cmds = vec![Cmd::Pop];
        cmds.extend(super::restore_draft(&d, id, ctx));
        cmds.push(Cmd::Status(match later {
            0 => "Draft restored. Ctrl-S saves it.".to_string(),
            n => format!("Draft restored. Ctrl-S saves it. {n} more will be offered next time."),
        }));
        cmds
    }

    fn next_or_close(&mut self) -> Vec<Cmd> {
        self.drafts.remove(0);
        if self.drafts.is_empty() {
            vec![Cmd::Pop]
        } else {
            Vec::new()
        }
    }
}

impl View for DraftDialog {
    fn id(&self) -> ScreenId {
        ScreenId::Draft
    }
    fn title(&self) -> String {
        "A draft was not saved".into()
    }
    fn is_overlay(&self) -> bool {
        true
    }
    fn handle(&mut self, input: Input, _ctx: &Ctx, _now: Instant) -> Vec<Cmd> {
        let Some(first) = self.drafts.first() else {
            return vec![Cmd::Pop];
        };
        match input {
            Input::Action(Action::Restore) => match &first.draft {
                Ok(_) => vec![Cmd::Do(Effect::ClaimDraft(first.id))],
                Err(problem) => {
                    let mut cmds = vec![Cmd::Error(format!(
                        "That draft could not be read ({problem}); it was left in the journal."
                    ))];
                    cmds.extend(self.next_or_close());
                    cmds
                }
            },
            Input::Action(Action::Discard) => {
                let mut cmds = vec![Cmd::Do(Effect::DiscardDraft(first.id))];
                cmds.extend(self.next_or_close());
                cmds
            }
            Input::Action(Action::Later) => vec![
                Cmd::Pop,
                Cmd::Status("Drafts kept; they will be offered next time.".into()),
            ],
            _ => Vec::new(),
        }
    }
    fn on_msg(&mut self, msg: &Msg, ctx: &Ctx, _now: Instant) -> Vec<Cmd> {
        match msg {
            Msg::DraftClaimed { id, ok } if self.drafts.first().is_some_and(|d| d.id == *id) => {
                if *ok {
                    self.restore(ctx)
                } else {
                    let mut cmds = vec![Cmd::Error(
                        "That draft is open in another debrief window; finish it there.".into(),
                    )];
                    cmds.extend(self.next_or_close());
                    cmds
                }
            }
            _ => Vec::new(),
        }
    }

    fn render(&self, area: Rect, buf: &mut Buffer, ctx: &Ctx) {
        let Some(first) = self.drafts.first() else {
            return;
        };
        let when = ctx
            .clock
            .local(first.updated)
            .format("%A %-d %B, %H:%M")
            .to_string();
        let preview = match &first.draft {
            Ok(d) => match d.headline() {
                h if h.is_empty() => draft_gist(d),
                h => format!("“{}”", crate::text::truncate(&h, 50)),
            },
            Err(_) => "(this draft cannot be read)".to_string(),
        };
        let text = vec![
            Line::raw(format!("Writing from {when} was interrupted.")),
            Line::styled(preview, ctx.theme.dim),
        ];
        draw(ctx, self.id(), "A draft was not saved", text, area, buf);
    }
}

/// A draft without text, as the kind of entry and its answers: `a check-in: stress 7 ·
/// chest tight · drained`.
fn draft_gist(d: &crate::domain::Draft) -> String {
    let mut parts: Vec<String> = d
        .stress
        .map(|s| format!("stress {s}"))
        .into_iter()
        .collect();
    let work = Some(d.work_context.as_str()).filter(|w| !w.is_empty());
    let gist = crate::present::summary::gist_text(&crate::domain::Gist::of(&d.details), work);
    parts.extend(Some(gist).filter(|g| !g.is_empty()));
    let text = match parts.is_empty() {
        true => "(nothing written yet)".to_string(),
        false => parts.join(" · "),
    };
    crate::text::truncate(&format!("a {}: {text}", d.kind().label()), 60)
}

/// Push the "changed elsewhere" dialog for entry `id` (`gone`: deleted for good meanwhile).
pub fn conflict(id: EntryId, gone: bool) -> Cmd {
    Cmd::Push(Screen::Conflict(ConflictDialog { id, gone }))
}

/// Push a leave dialog (for forms).
pub fn leave() -> Cmd {
    Cmd::Push(Screen::Leave(LeaveDialog))
}
