//! Presentation, pure: shapes entries, list rows and search snippets into titled sections of
//! lines made of spans with a meaning ([`Role`]), not a colour. The reader and `debrief show`
//! render the same sections (later the Markdown export and the supervision pack too); the
//! TUI maps roles to its theme, the CLI to ANSI styles or plain text. Also owns the one
//! decision of whether to use colour at all ([`color`]).

pub mod color;
pub mod entry;
pub mod summary;
pub mod supervision;
pub mod trends;

pub use entry::{detail_sections, entry_sections};
pub use summary::{SummaryParts, markers, snippet_spans, stress_level};

/// What a piece of text is, so each front end can style it its own way.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Role {
    /// The writer's own text.
    Text,
    /// Secondary information: times, kinds, tags.
    Dim,
    /// A title.
    Title,
    /// A section heading.
    Heading,
    /// Markers and ids that stand out (★ ⚑ ✎, `#12`).
    Key,
    /// A stress rating; the level decides the colour, the number is always in the text.
    Stress(StressLevel),
    /// A matched search word.
    Match,
    /// Something the reader must notice (in the trash).
    Warning,
}

/// The three bands of stress, low 0-3, middling 4-6, high 7-10.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum StressLevel {
    Low,
    Mid,
    High,
}

/// A run of text with one role.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Span {
    pub text: String,
    pub role: Role,
}

impl Span {
    pub fn new(text: impl Into<String>, role: Role) -> Span {
        Span {
            text: text.into(),
            role,
        }
    }
}

/// One line of spans.
pub type Line = Vec<Span>;

/// A part of an entry: an optional heading and its lines.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Section {
    pub heading: Option<String>,
    pub lines: Vec<Line>,
}

/// The plain text of a line (for tests and width calculations).
pub fn plain(line: &[Span]) -> String {
    line.iter().map(|s| s.text.as_str()).collect()
}
