//! The terminal interface (ratatui). Thin: input -> action -> state -> render.

use crate::cli::Context;

/// Open the interactive journal.
pub fn run(ctx: &Context) -> anyhow::Result<()> {
    crate::cli::print_recent(ctx)
}
