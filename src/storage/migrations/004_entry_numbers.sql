-- debrief schema, version 4: an entry number, once given, is never given to another entry.
-- Append-only: never edit this file once shipped; add 005_*.sql instead.

-- The highest entry number ever given. Without it SQLite gives the number of a purged newest
-- entry to the next one, and "entry 12" in an old note would name a different entry.
CREATE TABLE entry_numbers (
    last INTEGER NOT NULL
);
INSERT INTO entry_numbers (last) SELECT coalesce(max(id), 0) FROM entries;
