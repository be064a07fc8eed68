-- debrief schema, version 10: the journal's own identity.
-- Append-only: never edit this file once shipped; add 011_*.sql instead.

-- One random id per journal, made once (here, for a new journal and on upgrading an older
-- one) and never changed: a backup is a copy, so it carries the id of the journal it was
-- made from, and debrief tells its own backups from other files (another journal's backups
-- in the same folder, anything named like a backup) by reading it. A restore keeps the
-- journal's id, whatever the backup's was.
CREATE TABLE journal_identity (
    only INTEGER PRIMARY KEY CHECK (only = 1),
    id   TEXT    NOT NULL CHECK (length(id) = 32 AND id NOT GLOB '*[^0-9a-f]*')
);
INSERT INTO journal_identity (only, id) VALUES (1, lower(hex(randomblob(16))));
