-- debrief schema, version 5: difficulty flags, the recovery log, learning activities, and
-- the words of a check-in (body regions, sensations, emotions, kind of work, flags) in the
-- search index.
-- Append-only: never edit this file once shipped; add 006_*.sql instead.
-- Runs with foreign keys off (they are turned on after migrating), so rebuilding `entries`
-- below cascades nothing.

-- The search index is rebuilt at the end: drop what reads the old source first.
DROP TRIGGER entries_fts_insert;
DROP TRIGGER entries_fts_before_update;
DROP TRIGGER entries_fts_after_update;
DROP TRIGGER entries_fts_before_delete;
DROP TRIGGER entry_tags_fts_before_insert;
DROP TRIGGER entry_tags_fts_after_insert;
DROP TRIGGER entry_tags_fts_before_delete;
DROP TRIGGER entry_tags_fts_after_delete;
DROP TRIGGER stage_answers_fts_before_insert;
DROP TRIGGER stage_answers_fts_after_insert;
DROP TRIGGER stage_answers_fts_before_delete;
DROP TRIGGER stage_answers_fts_after_delete;
DROP VIEW entry_search_source;

-- Two new kinds of entry, 'recovery' and 'learning'. SQLite cannot change a CHECK
-- constraint in place, so the table is copied into one that allows them, ids and all.
CREATE TABLE entries_v5 (
    id               INTEGER PRIMARY KEY,
    uuid             TEXT    NOT NULL UNIQUE,
    kind             TEXT    NOT NULL CHECK (kind IN ('reflection', 'checkin', 'supervision', 'recovery', 'learning')),
    created_ms       INTEGER NOT NULL,            -- UTC instant, milliseconds since the epoch
    utc_offset_s     INTEGER NOT NULL,            -- the writer's UTC offset at capture
    updated_ms       INTEGER NOT NULL,
    title            TEXT,                        -- NULL: the first line of the body stands in
    body             TEXT    NOT NULL DEFAULT '',
    stress           INTEGER CHECK (stress BETWEEN 0 AND 10),
    energy           INTEGER CHECK (energy BETWEEN 0 AND 10),
    work_context     TEXT,                        -- kind of work: a vocabulary id such as home_visit
    starred          INTEGER NOT NULL DEFAULT 0 CHECK (starred IN (0, 1)),
    for_supervision  INTEGER NOT NULL DEFAULT 0 CHECK (for_supervision IN (0, 1)),
    unfinished       INTEGER NOT NULL DEFAULT 0 CHECK (unfinished IN (0, 1)),
    template_id      TEXT,                        -- reflective model used, e.g. 'gibbs'
    deleted_ms       INTEGER,                     -- in the trash since; NULL when live
    -- What the search index holds besides the text: the kind of work, body regions with
    -- their sensations, emotions, difficulty flags, recovery activity and movement, ids read
    -- as words ('upper back'). Written with the entry, so the index is updated once a save.
    search_words     TEXT    NOT NULL DEFAULT ''
);
INSERT INTO entries_v5 SELECT e.id, e.uuid, e.kind, e.created_ms, e.utc_offset_s, e.updated_ms,
    e.title, e.body, e.stress, e.energy, e.work_context, e.starred, e.for_supervision,
    e.unfinished, e.template_id, e.deleted_ms,
    replace(trim(coalesce(e.work_context, '') || ' ' ||
        coalesce((SELECT group_concat(s.region || ' ' || s.sensation, ' ')
                  FROM (SELECT region, sensation FROM body_sensations WHERE entry_id = e.id ORDER BY id) s), '') || ' ' ||
        coalesce((SELECT group_concat(m.word, ' ')
                  FROM (SELECT word FROM emotions WHERE entry_id = e.id ORDER BY id) m), '')), '_', ' ')
    FROM entries e;
DROP TABLE entries;
ALTER TABLE entries_v5 RENAME TO entries;
CREATE INDEX entries_timeline ON entries (created_ms DESC, id DESC);
CREATE INDEX entries_trash ON entries (deleted_ms) WHERE deleted_ms IS NOT NULL;
-- One kind's timeline (`list --kind`, the last supervision note, check-ins for trends): without
-- it SQLite 3.53 scans and sorts the whole table (76 ms for one row at 100,000 entries).
CREATE INDEX entries_kind_timeline ON entries (kind, created_ms DESC, id DESC);

-- What made a piece of work harder (vocabulary ids: hostile, disclosure, ...).
CREATE TABLE difficulty_flags (
    entry_id INTEGER NOT NULL REFERENCES entries (id) ON DELETE CASCADE,
    flag     TEXT    NOT NULL,
    PRIMARY KEY (entry_id, flag)
) WITHOUT ROWID;

-- One row per learning activity: what it was and where to find it. Its reflection is in
-- stage_answers, under the stage keys of the 'learning' template.
CREATE TABLE learning_activities (
    entry_id INTEGER PRIMARY KEY REFERENCES entries (id) ON DELETE CASCADE,
    activity TEXT    NOT NULL CHECK (activity IN ('article', 'podcast', 'video', 'course', 'event', 'conversation', 'other')),
    author   TEXT,                                        -- author, host or organiser
    link     TEXT,                                        -- a web address or a reference
    minutes  INTEGER CHECK (minutes BETWEEN 0 AND 100000) -- time spent
);

-- Entries made into CPD records (`debrief cpd ID`), and when: what counts towards a
-- registration year's requirement.
CREATE TABLE cpd_records (
    entry_id INTEGER PRIMARY KEY REFERENCES entries (id) ON DELETE CASCADE,
    made_ms  INTEGER NOT NULL,
    peer     TEXT                                 -- what was learnt from a peer about it
);
CREATE INDEX cpd_records_made ON cpd_records (made_ms);

-- One row per recovery entry.
CREATE TABLE recovery (
    entry_id INTEGER PRIMARY KEY REFERENCES entries (id) ON DELETE CASCADE,
    activity TEXT    NOT NULL CHECK (activity IN ('sleep', 'break', 'move', 'none')),
    minutes  INTEGER CHECK (minutes BETWEEN 0 AND 1440),
    quality  INTEGER CHECK (quality BETWEEN 0 AND 10),    -- sleep only
    movement TEXT                                         -- move only: a vocabulary id
);

-- The search source gains the entry's words that are not prose.
CREATE VIEW entry_search_source AS
SELECT e.id AS id,
       coalesce(e.title, '') AS title,
       e.body AS body,
       coalesce((SELECT group_concat(a.answer, char(10))
                 FROM (SELECT answer FROM stage_answers WHERE entry_id = e.id ORDER BY position) a), '') AS answers,
       coalesce((SELECT group_concat(t.name, ' ')
                 FROM (SELECT tags.name FROM entry_tags JOIN tags ON tags.id = entry_tags.tag_id
                       WHERE entry_tags.entry_id = e.id ORDER BY tags.name) t), '') AS tags,
       e.search_words AS words
FROM entries e;

-- FTS5 columns cannot be added, so the index is made again with the new column and filled.
DROP TABLE entries_fts;
CREATE VIRTUAL TABLE entries_fts USING fts5 (
    title, body, answers, tags, words,
    content = 'entry_search_source',
    content_rowid = 'id',
    tokenize = 'unicode61 remove_diacritics 2'
);
-- Ranking: titles weigh most, then tags, then the check-in words, then text and answers.
INSERT INTO entries_fts (entries_fts, rank) VALUES ('rank', 'bm25(8.0, 1.0, 1.0, 4.0, 2.0)');
INSERT INTO entries_fts (entries_fts) VALUES ('rebuild');

CREATE TRIGGER entries_fts_insert AFTER INSERT ON entries BEGIN
    INSERT INTO entries_fts (rowid, title, body, answers, tags, words)
    SELECT id, title, body, answers, tags, words FROM entry_search_source WHERE id = new.id;
END;
CREATE TRIGGER entries_fts_before_update BEFORE UPDATE OF title, body, search_words ON entries BEGIN
    INSERT INTO entries_fts (entries_fts, rowid, title, body, answers, tags, words)
    SELECT 'delete', id, title, body, answers, tags, words FROM entry_search_source WHERE id = old.id;
END;
CREATE TRIGGER entries_fts_after_update AFTER UPDATE OF title, body, search_words ON entries BEGIN
    INSERT INTO entries_fts (rowid, title, body, answers, tags, words)
    SELECT id, title, body, answers, tags, words FROM entry_search_source WHERE id = new.id;
END;
CREATE TRIGGER entries_fts_before_delete BEFORE DELETE ON entries BEGIN
    INSERT INTO entries_fts (entries_fts, rowid, title, body, answers, tags, words)
    SELECT 'delete', id, title, body, answers, tags, words FROM entry_search_source WHERE id = old.id;
END;

-- Tags and stage answers keep the index in step as before: the entry's row is taken out of
-- the index before a change and put back after it.
CREATE TRIGGER entry_tags_fts_before_insert BEFORE INSERT ON entry_tags BEGIN
    INSERT INTO entries_fts (entries_fts, rowid, title, body, answers, tags, words)
    SELECT 'delete', id, title, body, answers, tags, words FROM entry_search_source WHERE id = new.entry_id;
END;
CREATE TRIGGER entry_tags_fts_after_insert AFTER INSERT ON entry_tags BEGIN
    INSERT INTO entries_fts (rowid, title, body, answers, tags, words)
    SELECT id, title, body, answers, tags, words FROM entry_search_source WHERE id = new.entry_id;
END;
CREATE TRIGGER entry_tags_fts_before_delete BEFORE DELETE ON entry_tags BEGIN
    INSERT INTO entries_fts (entries_fts, rowid, title, body, answers, tags, words)
    SELECT 'delete', id, title, body, answers, tags, words FROM entry_search_source WHERE id = old.entry_id;
END;
CREATE TRIGGER entry_tags_fts_after_delete AFTER DELETE ON entry_tags BEGIN
    INSERT INTO entries_fts (rowid, title, body, answers, tags, words)
    SELECT id, title, body, answers, tags, words FROM entry_search_source WHERE id = old.entry_id;
END;
CREATE TRIGGER stage_answers_fts_before_insert BEFORE INSERT ON stage_answers BEGIN
    INSERT INTO entries_fts (entries_fts, rowid, title, body, answers, tags, words)
    SELECT 'delete', id, title, body, answers, tags, words FROM entry_search_source WHERE id = new.entry_id;
END;
CREATE TRIGGER stage_answers_fts_after_insert AFTER INSERT ON stage_answers BEGIN
    INSERT INTO entries_fts (rowid, title, body, answers, tags, words)
    SELECT id, title, body, answers, tags, words FROM entry_search_source WHERE id = new.entry_id;
END;
CREATE TRIGGER stage_answers_fts_before_delete BEFORE DELETE ON stage_answers BEGIN
    INSERT INTO entries_fts (entries_fts, rowid, title, body, answers, tags, words)
    SELECT 'delete', id, title, body, answers, tags, words FROM entry_search_source WHERE id = old.entry_id;
END;
CREATE TRIGGER stage_answers_fts_after_delete AFTER DELETE ON stage_answers BEGIN
    INSERT INTO entries_fts (rowid, title, body, answers, tags, words)
    SELECT id, title, body, answers, tags, words FROM entry_search_source WHERE id = old.entry_id;
END;
