//! Exporting the journal from the interface: choose a format, accept or change the file name,
//! and, when the guard finds identifiers, choose to replace them or write them as they are.
//! Every entry goes, the trash included; the file is new and private.

use std::path::PathBuf;
use std::time::Instant;

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::Line;

use crate::keys::{Action, ScreenId};
use crate::text::count;
use crate::transfer::export::{Format, Leave};
use crate::tui::msg::{Effect, Msg};
use crate::tui::screen::{Cmd, Ctx, HintChanges, Input, Reply, Screen, View};

/// Where the dialog is.
#[derive(Clone, Debug, PartialEq, Eq)]
enum Stage {
    Format,
    /// The file name is being asked for.
    Path(Format),
    /// Writing.
    Busy(Format, PathBuf),
    /// The guard refused: how many high-severity identifiers, the first few named.
    Refused {
        format: Format,
        path: PathBuf,
        high: usize,
        named: Vec<String>,
    },
}

pub struct ExportDialog {
    stage: Stage,
}

impl Default for ExportDialog {
    fn default() -> Self {
        ExportDialog {
            stage: Stage::Format,
        }
    }
}

impl ExportDialog {
    fn ask_path(&mut self, format: Format, ctx: &Ctx) -> Vec<Cmd> {
        self.stage = Stage::Path(format);
        let today = ctx.clock.local(ctx.clock.now()).format("%Y-%m-%d");
        let name = format!("debrief-{today}.{}", format.extension());
        let question = match format {
            Format::Markdown => "New file to export to (end with / for a folder, a file an entry):",
            _ => "New file to export to (a name alone: in the folder debrief started in):",
        };
        let prompt = super::prompt::LinePrompt::new(question, "a new file name")
            .headed("Export")
            .filled(&name);
        vec![Cmd::Push(Screen::Prompt(Box::new(prompt)))]
    }

    fn export(&mut self, format: Format, path: PathBuf, leave: Leave) -> Vec<Cmd> {
        self.stage = Stage::Busy(format, path.clone());
        vec![Cmd::Do(Effect::Export {
            format,
            path,
            leave,
        })]
    }
}

impl View for ExportDialog {
    fn id(&self) -> ScreenId {
        ScreenId::Export
    }
    fn title(&self) -> String {
        "Export".into()
    }
    fn is_overlay(&self) -> bool {
        true
    }
    fn hints(&self) -> HintChanges {
        let refused = matches!(self.stage, Stage::Refused { .. });
        let formats = [
            Action::FormatJson,
            Action::FormatMarkdown,
            Action::FormatCsv,
        ];
        let answers = [Action::Redact, Action::AllowIdentifiers];
        if refused {
            HintChanges {
                hide: formats.to_vec(),
                show: answers.to_vec(),
            }
        } else {
            HintChanges {
                hide: Vec::new(),
                show: Vec::new(),
            }
        }
    }
    fn handle(&mut self, input: Input, ctx: &Ctx, _now: Instant) -> Vec<Cmd> {
        let Input::Action(action) = input else {
            return Vec::new();
        };
        match (&self.stage, action) {
            (_, Action::Back) => vec![Cmd::Pop, Cmd::Status("Nothing was exported.".into())],
            (Stage::Format, Action::FormatJson) => self.ask_path(Format::Json, ctx),
            (Stage::Format, Action::FormatMarkdown) => self.ask_path(Format::Markdown, ctx),
            (Stage::Format, Action::FormatCsv) => self.ask_path(Format::Csv, ctx),
            (Stage::Refused { format, path, .. }, Action::Redact) => {
                let (format, path) = (*format, path.clone());
                self.export(format, path, Leave::Redact)
            }
            (Stage::Refused { format, path, .. }, Action::AllowIdentifiers) => {
                let (format, path) = (*format, path.clone());
                self.export(format, path, Leave::Allow)
            }
            _ => Vec::new(),
        }
    }
    fn on_reply(&mut self, reply: Reply, _ctx: &Ctx, _now: Instant) -> Vec<Cmd> {
        match (&self.stage, reply) {
            (Stage::Path(format), Reply::Line(Some(path))) if !path.trim().is_empty() => {
                let format = *format;
                self.export(format, PathBuf::from(path.trim()), Leave::Refuse)
            }
            _ => {
                self.stage = Stage::Format;
                Vec::new()
            }
        }
    }
    fn on_msg(&mut self, msg: &Msg, _ctx: &Ctx, _now: Instant) -> Vec<Cmd> {
        match (msg, &self.stage) {
            (Msg::Exported(w), _) => {
                let where_ = std::path::absolute(&w.path).unwrap_or_else(|_| w.path.clone());
                let each = if w.folder { ", a file each" } else { "" };
                let replaced = match w.redacted {
                    0 => String::new(),
                    n => format!(" ({} replaced)", count(n, "identifier", "identifiers")),
                };
                vec![
                    Cmd::Pop,
                    Cmd::Status(format!(
                        "Exported {} to {}{each}{replaced}.",
                        count(w.count, "entry", "entries"),
                        where_.display()
                    )),
                ]
            }
            (Msg::ExportRefused { high, named }, Stage::Busy(format, path)) => {
                self.stage = Stage::Refused {
                    format: *format,
                    path: path.clone(),
                    high: *high,
                    named: named.clone(),
                };
                Vec::new()
            }
            (Msg::Failed { .. }, Stage::Busy(..)) => {
                // The status line says why; choose again.
                self.stage = Stage::Format;
                Vec::new()
            }
            _ => Vec::new(),
        }
    }
    fn render(&self, area: Rect, buf: &mut Buffer, ctx: &Ctx) {
        let t = &ctx.theme;
        let text = match &self.stage {
            Stage::Format | Stage::Path(_) => vec![
                Line::styled(
                    "Export every entry, the trash included, to a new private file.",
                    t.text,
                ),
                Line::styled("What leaves the journal is yours to keep safe.", t.dim),
            ],
            Stage::Busy(_, path) => vec![Line::styled(
                format!(
                    "Exporting to {}…",
                    crate::text::visible(&path.display().to_string())
                ),
                t.text,
            )],
            Stage::Refused { high, named, .. } => vec![
                Line::styled(
                    format!(
                        "Not exported: {high} high-severity identifier{} ({}{}).",
                        if *high == 1 { "" } else { "s" },
                        named.join(", "),
                        if *high > named.len() { ", ..." } else { "" }
                    ),
                    t.error,
                ),
                Line::styled(
                    "Fix them in the entries, or export with them replaced, or as written.",
                    t.dim,
                ),
            ],
        };
        let id = self.id();
        super::dialogs::draw_only(ctx, id, "Export", text, &self.hints(), area, buf);
    }
}
