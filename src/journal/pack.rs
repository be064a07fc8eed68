//! The supervision prep pack, the same from both front ends: what goes in it (the worker's
//! wellbeing only when they ask for it, since a supervisor is often also their line
//! manager) and the guard's rule for letting it leave (refuse, redact, or allow as written).

use chrono::{DateTime, Utc};

use crate::Result;
use crate::clock::Clock;
use crate::domain::Vocabulary;
use crate::storage::Store;
use crate::transfer::export::Leave;
use crate::transfer::leaving::{Found, refuse_identifiers};

/// What the pack should hold.
#[derive(Clone, Debug, PartialEq)]
pub struct PackRequest {
    /// Where it starts (`None`: the last session).
    pub since: Option<DateTime<Utc>>,
    /// Whole reflections rather than the parts that matter for supervision.
    pub full: bool,
    /// The wellbeing summary (stress, emotions, body): left out unless asked for.
    pub wellbeing: bool,
    pub vocab: Vocabulary,
}

/// The pack as Markdown, to read on screen.
pub fn pack(store: &Store, clock: &Clock, r: &PackRequest) -> Result<String> {
    let pack = crate::review::prep(store, clock, r.since, r.full, r.wellbeing, &r.vocab)?;
    Ok(crate::present::supervision::pack_markdown(&pack, clock))
}

/// The pack as it may leave the journal (a file, standard output): checked as written,
/// quotes and all; refused while high-severity identifiers remain unless `leave` redacts
/// them or allows them.
pub fn leaving(store: &Store, clock: &Clock, r: &PackRequest, leave: Leave) -> Result<String> {
    let text = pack(store, clock, r)?;
    let hits = store.guard()?.scan(&text);
    match leave {
        Leave::Redact => Ok(crate::privacy::redact(&text, &hits)),
        Leave::Allow => Ok(text),
        Leave::Refuse => {
            let found: Vec<Found> = hits.into_iter().map(|h| Found::in_pack(&text, h)).collect();
            refuse_identifiers("the prep pack", &found)?;
            Ok(text)
        }
    }
}
