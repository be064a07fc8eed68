//! The flags an entry carries (star, for supervision, finish later), as every command that
//! makes or changes an entry takes them: `--star`/`--no-star`, `--for-supervision`/
//! `--no-for-supervision`, `--later`/`--no-later` (both of a pair is refused).

use clap::Args;

use crate::domain::{Flag, Flags};

#[derive(Debug, Clone, Default, Args)]
pub struct FlagArgs {
    /// Star it.
    #[arg(long, global = true, conflicts_with = "no_star")]
    pub star: bool,
    /// Take its star off.
    #[arg(long, global = true, conflicts_with = "star")]
    pub no_star: bool,
    /// Flag it to bring to supervision.
    #[arg(long, global = true, conflicts_with = "no_for_supervision")]
    pub for_supervision: bool,
    /// Take its flag for supervision off.
    #[arg(long, global = true, conflicts_with = "for_supervision")]
    pub no_for_supervision: bool,
    /// Mark it "finish later".
    #[arg(long, global = true, conflicts_with = "no_later")]
    pub later: bool,
    /// Mark it finished.
    #[arg(long, global = true, conflicts_with = "later")]
    pub no_later: bool,
}

impl FlagArgs {
    /// Each flag given, with the value asked for.
    pub fn changes(&self) -> Vec<(Flag, bool)> {
        [
            (Flag::Starred, self.star, self.no_star),
            (
                Flag::ForSupervision,
                self.for_supervision,
                self.no_for_supervision,
            ),
            (Flag::Unfinished, self.later, self.no_later),
        ]
        .into_iter()
        .filter(|(_, on, off)| *on || *off)
        .map(|(flag, on, _)| (flag, on))
        .collect()
    }

    /// The flags of a new entry.
    pub fn flags(&self) -> Flags {
        let mut flags = Flags::default();
        for (flag, on) in self.changes() {
            flags.set(flag, on);
        }
        flags
    }
}

/// "starred", "no longer for supervision", ...: what a change of `flag` to `on` did.
pub fn said(flag: Flag, on: bool) -> &'static str {
    match (flag, on) {
        (Flag::Starred, true) => "starred",
        (Flag::Starred, false) => "no longer starred",
        (Flag::ForSupervision, true) => "flagged for supervision",
        (Flag::ForSupervision, false) => "no longer for supervision",
        (Flag::Unfinished, true) => "to finish later",
        (Flag::Unfinished, false) => "marked finished",
    }
}
