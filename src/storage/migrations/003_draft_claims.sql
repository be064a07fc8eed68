-- debrief schema, version 3: a draft open in one debrief is not offered to another.
-- Append-only: never edit this file once shipped; add 004_*.sql instead.

-- The process id of the debrief that holds the draft open; NULL when nobody does. A claim
-- whose process is gone (a crash, a closed terminal) is stale and the draft is offered again.
ALTER TABLE drafts ADD COLUMN held_by INTEGER;
