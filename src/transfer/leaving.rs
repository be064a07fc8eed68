//! What the confidentiality guard finds in text about to leave the journal (an export, the
//! prep pack) or just saved, entry by entry and field by field, and refusing to let it leave.

use crate::Result;
use crate::domain::EntryId;
use crate::privacy::{Hit, HitKind, Severity};
use crate::storage::Store;
use serde::Serialize;

/// One identifier found, and where.
#[derive(Clone, Debug, Serialize)]
pub struct Found {
    pub entry: i64,
    pub field: String,
    pub trashed: bool,
    pub kind: HitKind,
    pub severity: Severity,
    pub text: String,
    /// Byte offsets in the field's text.
    pub start: usize,
    pub end: usize,
    pub suggestion: &'static str,
    /// What to write instead, for a name on the list.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub role: Option<String>,
}

impl Found {
    /// A hit in `field` of entry `entry` (0: not an entry's text).
    pub fn at(entry: i64, field: String, trashed: bool, h: Hit) -> Found {
        Found {
            entry,
            field,
            trashed,
            kind: h.kind,
            severity: h.kind.severity(),
            start: h.span.start,
            end: h.span.end,
            text: h.text,
            suggestion: h.kind.suggestion(),
            role: h.role,
        }
    }

    fn new(t: &crate::storage::texts::Text, h: Hit) -> Found {
        Found::at(t.entry.0, t.field.clone(), t.trashed, h)
    }

    /// A hit in a text that is not an entry's, named by where it is ("agenda queue").
    pub fn outside(place: &str, h: Hit) -> Found {
        Found::at(0, place.to_string(), false, h)
    }

    /// A hit in a text that is not an entry's (the prep pack), placed by its line.
    pub fn in_pack(text: &str, h: Hit) -> Found {
        let line = text[..h.span.start.min(text.len())].matches('\n').count() + 1;
        Found::at(0, format!("line {line}"), false, h)
    }

    /// Where it is and what, without the text: `#12 body: NHS number`.
    pub fn place(&self) -> String {
        match self.entry {
            0 => format!("{}: {}", self.field, self.kind.label()),
            n => format!("#{n} {}: {}", self.field, self.kind.label()),
        }
    }

    /// `#12 body: NHS number "943 476 5919" (high): remove it: ...`
    pub fn line(&self) -> String {
        let severity = match self.severity {
            Severity::High => "high",
            Severity::Medium => "medium",
        };
        format!(
            "#{}{} {}: {} \"{}\" ({severity}): {}{}",
            self.entry,
            if self.trashed { " (in the trash)" } else { "" },
            self.field,
            self.kind.label(),
            crate::text::visible(&self.text),
            self.suggestion,
            match &self.role {
                Some(role) => format!(": \"{}\"", crate::text::visible(role)),
                None => String::new(),
            }
        )
    }
}

/// The identifiers in one entry (`Some`) or in all of them, and how many entries were
/// checked. The text is read here and scanned on a second thread, batch by batch, so
/// reading and scanning overlap.
pub fn find(store: &Store, only: Option<EntryId>) -> Result<(Vec<Found>, usize)> {
    const BATCH: usize = 512;
    let guard = store.guard()?;
    let mut entries = std::collections::BTreeSet::new();
    let (send, receive) = std::sync::mpsc::sync_channel::<Vec<crate::storage::texts::Text>>(8);
    std::thread::scope(|s| {
        let scanner = s.spawn(move || {
            let mut found = Vec::new();
            for batch in receive {
                for t in &batch {
                    found.extend(guard.scan(&t.text).into_iter().map(|h| Found::new(t, h)));
                }
            }
            found
        });
        let mut batch = Vec::with_capacity(BATCH);
        let read = store.each_text(only, |t| {
            entries.insert(t.entry);
            batch.push(t);
            if batch.len() == BATCH {
                let full = std::mem::replace(&mut batch, Vec::with_capacity(BATCH));
                // The scanner only stops when this side does.
                let _ = send.send(full);
            }
            Ok(())
        });
        let _ = send.send(batch);
        drop(send);
        // A scanner that failed must not look like one that found nothing.
        let found = match scanner.join() {
            Ok(found) => found,
            Err(panic) => std::panic::resume_unwind(panic),
        };
        read.map(|()| (found, entries.len()))
    })
}

/// Refuse to let `what` leave while `found` holds high-severity identifiers, naming the
/// first few and the ways on.
pub fn refuse_identifiers(what: &str, found: &[Found]) -> Result<()> {
    let Some(high) = crate::journal::guard::HighFound::of(found) else {
        return Ok(());
    };
    Err(crate::Error::Conflict(format!(
        "{what} refused: {}; fix them (`debrief check --all`), add --redact to replace them with their kind, or --allow-identifiers to keep them as written",
        high.describe()
    )))
}
