//! The confidentiality guard as actions see it: what it finds in an entry just saved (field
//! by field, for the warning and the interface's fix dialog), fixing one of those finds, and
//! the short summary given when identifiers stop something from leaving.

use crate::domain::EntryId;
use crate::privacy::{Hit, Severity};
use crate::storage::{SaveTarget, Store};
use crate::transfer::leaving::Found;
use crate::{Error, Result};

/// An identifier the guard found in a saved entry, and where: the field's position in
/// [`crate::domain::EntryContent::texts_mut`] and its name.
#[derive(Clone, Debug, PartialEq)]
pub struct Identifier {
    pub field: usize,
    pub field_name: String,
    pub hit: Hit,
}

impl Identifier {
    /// The same find as `debrief check` reports it.
    pub fn found(&self, entry: EntryId, trashed: bool) -> Found {
        Found::at(entry.0, self.field_name.clone(), trashed, self.hit.clone())
    }
}

/// What the guard finds in entry `id` as it is stored now, field by field.
pub fn in_entry(store: &Store, id: EntryId) -> Result<Vec<Identifier>> {
    let entry = store.get(id)?;
    in_content(store, entry.content)
}

fn in_content(store: &Store, mut content: crate::domain::EntryContent) -> Result<Vec<Identifier>> {
    let guard = store.guard()?;
    let mut found = Vec::new();
    for (field, (field_name, text)) in content.texts_mut().into_iter().enumerate() {
        found.extend(guard.scan(text).into_iter().map(|hit| Identifier {
            field,
            field_name: field_name.clone(),
            hit,
        }));
    }
    Ok(found)
}

/// How many high-severity identifiers `found` holds, and where the first three are
/// (`#12 body: NHS number`): what a refusal to let text leave names.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct HighFound {
    pub count: usize,
    pub first: Vec<String>,
}

impl HighFound {
    /// `None` when nothing of high severity was found.
    pub fn of(found: &[Found]) -> Option<HighFound> {
        let high: Vec<&Found> = found
            .iter()
            .filter(|f| f.severity == Severity::High)
            .collect();
        (!high.is_empty()).then(|| HighFound {
            count: high.len(),
            first: high.iter().take(3).map(|f| f.place()).collect(),
        })
    }

    /// "2 high-severity identifiers (#1 body: NHS number, #4 title: name)".
    pub fn describe(&self) -> String {
        format!(
            "{} high-severity identifier{} ({}{})",
            self.count,
            if self.count == 1 { "" } else { "s" },
            self.first.join(", "),
            if self.count > 3 { ", ..." } else { "" }
        )
    }
}

/// A fix of one find: write `replacement` over it, and put `list_name` on the names list
/// (to be found from now on) when given.
#[derive(Clone, Debug, PartialEq)]
pub struct Fix {
    pub id: EntryId,
    pub at: Identifier,
    pub replacement: String,
    pub list_name: Option<String>,
}

/// Apply `fix` to the entry as it is now, only if the text there is still the identifier,
/// and return what the guard finds in the entry afterwards. A change made elsewhere in the
/// meantime is refused, never overwritten.
pub fn apply(
    store: &mut Store,
    now: chrono::DateTime<chrono::Utc>,
    fix: &Fix,
) -> Result<Vec<Identifier>> {
    let Fix {
        id,
        at,
        replacement,
        list_name,
    } = fix;
    let entry = store.get(*id)?;
    let mut content = entry.content;
    {
        let mut texts = content.texts_mut();
        let text = texts
            .get_mut(at.field)
            .map(|(_, t)| t)
            .filter(|t| t.get(at.hit.span.clone()) == Some(at.hit.text.as_str()))
            .ok_or_else(|| {
                Error::Conflict(format!(
                    "entry {id} changed since it was checked; open it to fix the {} by hand",
                    at.hit.kind.label()
                ))
            })?;
        text.replace_range(at.hit.span.clone(), replacement);
    }
    let target = SaveTarget::Existing {
        id: *id,
        created: None,
        revision: Some(entry.meta.revision),
    };
    store.save(target, &content, None, now)?;
    // The name joins the list once the entry took the fix, and is looked for at once.
    if let Some(name) = list_name {
        store.add_name(name, replacement, now)?;
    }
    in_content(store, content)
}
