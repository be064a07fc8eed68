//! The list of names never to write (schema 8): the journal's random key, and each name as
//! its keyed hash, shape and role. No name is ever written here in plain text.

use chrono::{DateTime, Utc};
use rusqlite::{OptionalExtension, params};

use super::{Store, from_ms, to_ms};
use crate::privacy::Guard;
use crate::privacy::names::{self, ListedName, NameKey, NameList};
use crate::{Error, Result};

/// A name on the list, as `debrief names` shows it: never the name itself.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize)]
pub struct NameEntry {
    pub id: i64,
    pub role: String,
    pub words: usize,
    pub added: DateTime<Utc>,
}

/// What adding a name did.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum NameAdded {
    Added(NameEntry),
    /// It was on the list already; its role is now the one given.
    Renamed(NameEntry),
}

impl Store {
    /// The guard for this journal: the patterns and its list of names.
    pub fn guard(&self) -> Result<Guard> {
        let Some(key) = self.name_key()? else {
            return Ok(Guard::default());
        };
        let mut stmt = self
            .conn
            .prepare_cached("SELECT digest, words, chars, role FROM listed_names")?;
        let listed = stmt
            .query_map([], |r| {
                let digest: Vec<u8> = r.get(0)?;
                Ok(ListedName {
                    digest: digest.try_into().unwrap_or([0; 32]),
                    words: r.get::<_, i64>(1)? as usize,
                    chars: r.get::<_, i64>(2)? as usize,
                    role: r.get(3)?,
                })
            })?
            .collect::<rusqlite::Result<Vec<_>>>()?;
        Ok(Guard {
            names: NameList::new(&key, listed),
        })
    }

    /// Put `name` on the list with the `role` to write instead; the journal's key is made
    /// on first use. Only the keyed hash of the name is stored.
    pub fn add_name(&mut self, name: &str, role: &str, now: DateTime<Utc>) -> Result<NameAdded> {
        if role.trim().is_empty() {
            return Err(Error::invalid(
                "role",
                "a role is needed (what to write instead, such as \"the mother\" or \"Child A\"): give it with --as",
            ));
        }
        let key = match self.name_key()? {
            Some(key) => key,
            None => self.make_name_key()?,
        };
        let listed = names::listed(&key, name, role).ok_or_else(|| {
            Error::invalid(
                "name",
                format!(
                    "a name has 1 to {} words of letters: type the name as it would be written",
                    names::MAX_WORDS
                ),
            )
        })?;
        // A name added before names were folded was hashed in its old spelling: adding it
        // again puts the new hash in place of the old one (same number, same date).
        let earlier = names::earlier_digest(&key, name);
        let mut known = None;
        for digest in std::iter::once(&listed.digest).chain(earlier.as_ref()) {
            known = known.or(self
                .conn
                .prepare_cached("SELECT id FROM listed_names WHERE digest = ?1")?
                .query_row([&digest[..]], |r| r.get::<_, i64>(0))
                .optional()?);
        }
        let id = self.write(|tx| {
            if let Some(old) = &earlier {
                tx.execute(
                    "UPDATE OR IGNORE listed_names SET digest = ?1, words = ?2, chars = ?3
                     WHERE digest = ?4",
                    params![
                        &listed.digest[..],
                        listed.words as i64,
                        listed.chars as i64,
                        &old[..]
                    ],
                )?;
                tx.execute("DELETE FROM listed_names WHERE digest = ?1", [&old[..]])?;
            }
            tx.execute(
                "INSERT INTO listed_names (digest, words, chars, role, added_ms)
                 VALUES (?1, ?2, ?3, ?4, ?5)
                 ON CONFLICT (digest) DO UPDATE SET role = excluded.role",
                params![
                    &listed.digest[..],
                    listed.words as i64,
                    listed.chars as i64,
                    listed.role,
                    to_ms(now)
                ],
            )?;
            Ok(tx.query_row(
                "SELECT id FROM listed_names WHERE digest = ?1",
                [&listed.digest[..]],
                |r| r.get::<_, i64>(0),
            )?)
        })?;
        let entry = self
            .names()?
            .into_iter()
            .find(|n| n.id == id)
            .ok_or_else(|| Error::Conflict("the name was not kept: try again".into()))?;
        Ok(match known {
            Some(_) => NameAdded::Renamed(entry),
            None => NameAdded::Added(entry),
        })
    }

    /// The list, oldest first: roles and word counts only.
    pub fn names(&self) -> Result<Vec<NameEntry>> {
        let mut stmt = self
            .conn
            .prepare_cached("SELECT id, role, words, added_ms FROM listed_names ORDER BY id")?;
        let rows = stmt.query_map([], |r| {
            Ok(NameEntry {
                id: r.get(0)?,
                role: r.get(1)?,
                words: r.get::<_, i64>(2)? as usize,
                added: from_ms(r.get(3)?),
            })
        })?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// Take name `id` off the list.
    pub fn remove_name(&mut self, id: i64) -> Result<()> {
        let gone =
            self.write(|tx| Ok(tx.execute("DELETE FROM listed_names WHERE id = ?1", [id])?))?;
        if gone == 0 {
            return Err(Error::NotFound {
                what: "listed name",
                id: id.to_string(),
            });
        }
        Ok(())
    }

    fn name_key(&self) -> Result<Option<NameKey>> {
        let key: Option<Vec<u8>> = self
            .conn
            .prepare_cached("SELECT key FROM name_key WHERE id = 1")?
            .query_row([], |r| r.get(0))
            .optional()?;
        Ok(key.and_then(|k| k.try_into().ok()))
    }

    fn make_name_key(&mut self) -> Result<NameKey> {
        let mut key = [0u8; 32];
        getrandom::fill(&mut key).map_err(|e| {
            Error::Conflict(format!(
                "no random key could be made for the list of names ({e}); try again"
            ))
        })?;
        self.write(|tx| {
            tx.execute(
                "INSERT OR IGNORE INTO name_key (id, key) VALUES (1, ?1)",
                [&key[..]],
            )?;
            Ok(())
        })?;
        self.name_key()?
            .ok_or_else(|| Error::Conflict("the list's key was not kept: try again".into()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn now() -> DateTime<Utc> {
        DateTime::from_timestamp(1_700_000_000, 0).expect("a time")
    }

    #[test]
    fn names_are_kept_as_keyed_hashes_and_found_again() {
        crate::storage::testing::each_keying(names_are_kept_and_found);
    }

    fn names_are_kept_and_found(store: &mut Store) {
        assert!(store.guard().expect("guard").names.is_empty());
        let added = store
            .add_name("Jane Doe", "the mother", now())
            .expect("add");
        assert!(matches!(added, NameAdded::Added(ref n) if n.role == "the mother" && n.words == 2));
        // Once more, in another case: the same name, with the new role.
        let again = store
            .add_name("JANE  DOE", "Parent A", now())
            .expect("again");
        assert!(matches!(again, NameAdded::Renamed(ref n) if n.role == "Parent A"));
        assert_eq!(store.names().expect("names").len(), 1);

        let guard = store.guard().expect("guard");
        let hits = guard.scan("I met jane doe's brother.");
        assert_eq!(hits.len(), 1);
        assert_eq!(
            guard.redact("I met jane doe's brother.").0,
            "I met Parent A's brother."
        );

        // The name is nowhere in the journal's tables.
        let dump: String = store
            .conn
            .query_row(
                "SELECT group_concat(quote(digest) || role) FROM listed_names",
                [],
                |r| r.get(0),
            )
            .expect("dump");
        assert!(!dump.to_lowercase().contains("jane"), "{dump}");

        let id = store.names().expect("names")[0].id;
        store.remove_name(id).expect("remove");
        assert!(store.remove_name(id).is_err());
        assert!(store.guard().expect("guard").scan("jane doe").is_empty());
    }

    #[test]
    fn adding_a_name_again_replaces_its_hash_from_before_folding() {
        crate::storage::testing::each_keying(|store| {
            store.add_name("Kai", "Child A", now()).expect("a key");
            let key = store.name_key().expect("key").expect("made");
            // "Zoë" as the guard hashed it before names were folded (lower case, NFC).
            let old = names::digest(&key, "zo\u{EB}");
            store
                .conn
                .execute(
                    "INSERT INTO listed_names (digest, words, chars, role, added_ms)
                     VALUES (?1, 1, 3, 'the sister', 0)",
                    [&old[..]],
                )
                .expect("an old entry");
            let id: i64 = store
                .conn
                .query_row(
                    "SELECT id FROM listed_names WHERE digest = ?1",
                    [&old[..]],
                    |r| r.get(0),
                )
                .expect("its id");
            assert_eq!(store.guard().expect("guard").scan("Zoë came").len(), 1);
            assert!(store.guard().expect("guard").scan("Zoe came").is_empty());

            let again = store.add_name("ZOË", "Child B", now()).expect("again");
            assert!(
                matches!(again, NameAdded::Renamed(ref n) if n.id == id && n.role == "Child B")
            );
            assert_eq!(store.names().expect("names").len(), 2);
            let guard = store.guard().expect("guard");
            assert_eq!(
                guard.redact("Zoe, Zoë and ZOE\u{308}").0,
                "Child B, Child B and Child B"
            );
        });
    }

    #[test]
    fn a_name_needs_a_word_and_a_role() {
        crate::storage::testing::each_keying(|store| {
            assert!(store.add_name(" ,, ", "the mother", now()).is_err());
            assert!(store.add_name("Jane", "  ", now()).is_err());
            assert!(store.names().expect("names").is_empty());
        });
    }
}
