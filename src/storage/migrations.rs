//! The schema's history: append-only SQL migrations, versioned in `PRAGMA user_version`.
//! Never edit a shipped migration; add the next file.

use rusqlite_migration::{M, Migrations};

/// The SQL of each migration, in order. Version N is the state after the Nth.
pub(crate) const STEPS: &[&str] = &[
    include_str!("migrations/001_journal.sql"),
    include_str!("migrations/002_identities.sql"),
    include_str!("migrations/003_draft_claims.sql"),
    include_str!("migrations/004_entry_numbers.sql"),
    include_str!("migrations/005_checkins_recovery.sql"),
    include_str!("migrations/006_reviews_supervision.sql"),
    include_str!("migrations/007_trend_days.sql"),
    include_str!("migrations/008_name_list.sql"),
    include_str!("migrations/009_search_lookup.sql"),
    include_str!("migrations/010_journal_identity.sql"),
    include_str!("migrations/011_entry_revisions.sql"),
    include_str!("migrations/012_trend_days_logged.sql"),
];

/// The schema version this build writes.
pub const LATEST_VERSION: usize = STEPS.len();

/// All migrations, for opening a store and for tests.
pub fn migrations() -> Migrations<'static> {
    migrations_of(STEPS)
}

/// Migrations from a list of SQL steps (tests add a step to exercise upgrades).
pub(crate) fn migrations_of(steps: &[&'static str]) -> Migrations<'static> {
    // Each step runs with foreign keys off and ends with SQLite's foreign key check, so a
    // step that rebuilds a table can neither cascade deletes nor leave a dangling reference.
    Migrations::new(
        steps
            .iter()
            .map(|sql| M::up(sql).foreign_key_check())
            .collect(),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn migrations_are_valid() {
        assert!(migrations().validate().is_ok());
    }

    #[test]
    fn final_schema_matches_snapshot() {
        let mut conn = rusqlite::Connection::open_in_memory().expect("memory db");
        migrations().to_latest(&mut conn).expect("migrate");
        let mut stmt = conn
            .prepare("SELECT type, name, sql FROM sqlite_schema WHERE sql IS NOT NULL ORDER BY type, name")
            .expect("prepare");
        let schema: Vec<String> = stmt
            .query_map([], |r| {
                Ok(format!(
                    "-- {} {}\n{};",
                    r.get::<_, String>(0)?,
                    r.get::<_, String>(1)?,
                    r.get::<_, String>(2)?
                ))
            })
            .expect("query")
            .collect::<Result<_, _>>()
            .expect("rows");
        insta::assert_snapshot!(schema.join("\n\n"));
    }
}
