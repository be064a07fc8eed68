-- debrief schema, version 6: reviews linked to the period they looked back on, what a
-- supervision record holds beyond its agenda, decisions and actions, and indexes for the
-- supervision agenda and for trends.
-- Append-only: never edit this file once shipped; add 007_*.sql instead.

-- A reflection that answers a review: which review, and the period it covered.
CREATE TABLE review_periods (
    entry_id INTEGER PRIMARY KEY REFERENCES entries (id) ON DELETE CASCADE,
    kind     TEXT    NOT NULL CHECK (kind IN ('after-visit', 'week', 'month', 'supervision')),
    from_ms  INTEGER NOT NULL,
    to_ms    INTEGER NOT NULL CHECK (to_ms >= from_ms)
);
CREATE INDEX review_periods_kind ON review_periods (kind, to_ms);

-- A session: the support agreed, what was learned, and when the next one is.
ALTER TABLE supervision_sessions ADD COLUMN support TEXT;
ALTER TABLE supervision_sessions ADD COLUMN learning TEXT;
ALTER TABLE supervision_sessions ADD COLUMN next_on TEXT;  -- ISO date

-- What was said about each agenda item.
ALTER TABLE agenda_items ADD COLUMN discussion TEXT;

-- Why an action was dropped.
ALTER TABLE actions ADD COLUMN reason TEXT;

-- Items typed straight into the next session's agenda; they move into the session's own
-- agenda when it is recorded.
CREATE TABLE agenda_queue (
    id       INTEGER PRIMARY KEY,
    text     TEXT    NOT NULL CHECK (length(trim(text)) > 0),
    function TEXT CHECK (function IN ('management', 'development', 'support', 'mediation')),
    added_ms INTEGER NOT NULL
);

-- The entries flagged for supervision that a session covered (they are unflagged then).
CREATE TABLE session_entries (
    session_id INTEGER NOT NULL REFERENCES entries (id) ON DELETE CASCADE,
    entry_id   INTEGER NOT NULL REFERENCES entries (id) ON DELETE CASCADE,
    PRIMARY KEY (session_id, entry_id)
) WITHOUT ROWID;
CREATE INDEX session_entries_entry ON session_entries (entry_id);

-- Trends read every live entry's time, kind, rating and kind of work of a period: this index
-- holds them all, so the entries themselves (and their text) are never read for trends.
CREATE INDEX entries_trends ON entries (created_ms, id, utc_offset_s, kind, stress, work_context)
    WHERE deleted_ms IS NULL;

-- The entries waiting for supervision, found without reading the whole timeline (there are
-- few of them, and none once a session has covered them).
CREATE INDEX entries_flagged ON entries (created_ms, id) WHERE for_supervision = 1;
