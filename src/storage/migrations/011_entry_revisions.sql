-- Every change to an entry's row counts one revision, whichever statement made it (a save, a
-- star, a flag, the trash, a session covering it, an action marked done, an import). A save
-- names the revision it started from, and a save over a newer one is refused as a conflict
-- instead of overwriting what another window or command wrote meanwhile.
ALTER TABLE entries ADD COLUMN revision INTEGER NOT NULL DEFAULT 0;

-- The inner UPDATE changes only `revision`, which no other trigger watches, and triggers do
-- not fire recursively (recursive_triggers is off), so this runs once per changed row.
CREATE TRIGGER entries_revision AFTER UPDATE ON entries
WHEN NEW.revision = OLD.revision
BEGIN
    UPDATE entries SET revision = OLD.revision + 1 WHERE id = NEW.id;
END;
