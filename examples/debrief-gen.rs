//! Generate a realistic synthetic journal for benchmarks and demos.
//!
//! ```sh
//! cargo run --release --example debrief-gen -- -n 10000 --db /tmp/j.db --jrnl /tmp/j.txt
//! ```
//! The same seed always gives the same entries (UUIDs included).

#[path = "../benches/support/corpus.rs"]
mod corpus;

use std::path::PathBuf;

use clap::Parser;

#[derive(Parser)]
#[command(about = "Write a synthetic debrief journal (and optionally the same entries for jrnl)")]
struct Args {
    /// How many entries.
    #[arg(short = 'n', default_value_t = 10_000)]
    n: usize,
    /// Random seed (same seed, same journal).
    #[arg(long, default_value_t = corpus::SEED)]
    seed: u64,
    /// Write a debrief journal here (must not exist yet).
    #[arg(long)]
    db: Option<PathBuf>,
    /// Write the same entries in jrnl's plain-text format here.
    #[arg(long)]
    jrnl: Option<PathBuf>,
}

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let args = Args::parse();
    if args.db.is_none() && args.jrnl.is_none() {
        return Err("nothing to write: pass --db PATH and/or --jrnl PATH".into());
    }
    let entries = corpus::entries(args.n, args.seed);
    if let Some(db) = &args.db {
        if db.exists() {
            return Err(format!("{} exists already; choose a new path", db.display()).into());
        }
        corpus::build_journal(db, &entries)?;
        eprintln!("wrote {} entries to {}", entries.len(), db.display());
    }
    if let Some(path) = &args.jrnl {
        let mut out = std::io::BufWriter::new(std::fs::File::create(path)?);
        corpus::write_jrnl(&mut out, &entries)?;
        eprintln!(
            "wrote {} entries in jrnl format to {}",
            entries.len(),
            path.display()
        );
    }
    Ok(())
}
