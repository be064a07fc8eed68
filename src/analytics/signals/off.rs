//! The signals switched off in the settings (`[trends] signals_off = ["no_breaks"]`): a set
//! of [`SignalKind`]s, small enough to copy, read from a list of their names.

use serde::Deserialize;

use super::SignalKind;

/// The signals not to raise.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Deserialize)]
#[serde(try_from = "Vec<String>")]
pub struct Off(u16);

impl Off {
    pub fn contains(self, kind: SignalKind) -> bool {
        self.0 & Off::bit(kind) != 0
    }

    pub fn with(self, kind: SignalKind) -> Off {
        Off(self.0 | Off::bit(kind))
    }

    fn bit(kind: SignalKind) -> u16 {
        let i = SignalKind::ALL.iter().position(|k| *k == kind).unwrap_or(0);
        1 << i
    }
}

impl TryFrom<Vec<String>> for Off {
    type Error = String;

    /// Signals by their names; an unknown name is refused with the names there are.
    fn try_from(names: Vec<String>) -> Result<Off, String> {
        names.iter().try_fold(Off::default(), |off, name| {
            match SignalKind::ALL.iter().find(|k| k.id() == name.trim()) {
                Some(k) => Ok(off.with(*k)),
                None => Err(format!(
                    "unknown signal '{}' in signals_off: use {}",
                    name.escape_debug(),
                    SignalKind::ALL.map(SignalKind::id).join(", ")
                )),
            }
        })
    }
}
