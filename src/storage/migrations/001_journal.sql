-- debrief schema, version 1: one journal holding all three kinds of entry.
-- Append-only: never edit this file once shipped; add 002_*.sql instead.

CREATE TABLE entries (
    id               INTEGER PRIMARY KEY,
    uuid             TEXT    NOT NULL UNIQUE,
    kind             TEXT    NOT NULL CHECK (kind IN ('reflection', 'checkin', 'supervision')),
    created_ms       INTEGER NOT NULL,            -- UTC instant, milliseconds since the epoch
    utc_offset_s     INTEGER NOT NULL,            -- the writer's UTC offset at capture
    updated_ms       INTEGER NOT NULL,
    title            TEXT,                        -- NULL: the first line of the body stands in
    body             TEXT    NOT NULL DEFAULT '',
    stress           INTEGER CHECK (stress BETWEEN 0 AND 10),
    energy           INTEGER CHECK (energy BETWEEN 0 AND 10),
    work_context     TEXT,                        -- kind of work: home visit, court, duty, ...
    starred          INTEGER NOT NULL DEFAULT 0 CHECK (starred IN (0, 1)),
    for_supervision  INTEGER NOT NULL DEFAULT 0 CHECK (for_supervision IN (0, 1)),
    unfinished       INTEGER NOT NULL DEFAULT 0 CHECK (unfinished IN (0, 1)),
    template_id      TEXT,                        -- reflective model used, e.g. 'gibbs'
    deleted_ms       INTEGER                      -- in the trash since; NULL when live
);

-- The timeline: newest first, paged by (created_ms, id).
CREATE INDEX entries_timeline ON entries (created_ms DESC, id DESC);
CREATE INDEX entries_trash ON entries (deleted_ms) WHERE deleted_ms IS NOT NULL;

CREATE TABLE tags (
    id   INTEGER PRIMARY KEY,
    name TEXT NOT NULL UNIQUE
);

CREATE TABLE entry_tags (
    entry_id INTEGER NOT NULL REFERENCES entries (id) ON DELETE CASCADE,
    tag_id   INTEGER NOT NULL REFERENCES tags (id),
    PRIMARY KEY (entry_id, tag_id)
) WITHOUT ROWID;
CREATE INDEX entry_tags_by_tag ON entry_tags (tag_id, entry_id);

-- Answers to a reflective template's stages (Gibbs, Driscoll, ...), in stage order.
CREATE TABLE stage_answers (
    entry_id INTEGER NOT NULL REFERENCES entries (id) ON DELETE CASCADE,
    position INTEGER NOT NULL,
    stage    TEXT    NOT NULL,
    answer   TEXT    NOT NULL,
    PRIMARY KEY (entry_id, position)
) WITHOUT ROWID;

-- Check-in details.
CREATE TABLE body_sensations (
    id        INTEGER PRIMARY KEY,
    entry_id  INTEGER NOT NULL REFERENCES entries (id) ON DELETE CASCADE,
    region    TEXT    NOT NULL,                   -- stable region id, e.g. 'shoulders'
    sensation TEXT    NOT NULL,                   -- descriptive word, e.g. 'tight'
    intensity INTEGER NOT NULL CHECK (intensity BETWEEN 0 AND 3)
);
CREATE INDEX body_sensations_entry ON body_sensations (entry_id);

CREATE TABLE emotions (
    id        INTEGER PRIMARY KEY,
    entry_id  INTEGER NOT NULL REFERENCES entries (id) ON DELETE CASCADE,
    word      TEXT    NOT NULL,
    intensity INTEGER CHECK (intensity BETWEEN 1 AND 3)  -- mild, moderate, intense
);
CREATE INDEX emotions_entry ON emotions (entry_id);

-- Supervision details: one session per supervision entry.
CREATE TABLE supervision_sessions (
    entry_id     INTEGER PRIMARY KEY REFERENCES entries (id) ON DELETE CASCADE,
    held_on      TEXT,                            -- ISO date of the session
    supervisor   TEXT,
    session_type TEXT                             -- individual, group, peer, ad hoc, ...
);

CREATE TABLE agenda_items (
    entry_id INTEGER NOT NULL REFERENCES entries (id) ON DELETE CASCADE,
    position INTEGER NOT NULL,
    text     TEXT    NOT NULL,
    function TEXT,                                -- Morrison function: management, development, support, mediation
    PRIMARY KEY (entry_id, position)
) WITHOUT ROWID;

CREATE TABLE decisions (
    entry_id INTEGER NOT NULL REFERENCES entries (id) ON DELETE CASCADE,
    position INTEGER NOT NULL,
    text     TEXT    NOT NULL,
    PRIMARY KEY (entry_id, position)
) WITHOUT ROWID;

CREATE TABLE actions (
    id        INTEGER PRIMARY KEY,
    entry_id  INTEGER NOT NULL REFERENCES entries (id) ON DELETE CASCADE,  -- the session that raised it
    text      TEXT    NOT NULL,
    owner     TEXT,
    due_on    TEXT,                               -- ISO date
    status    TEXT    NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'done', 'dropped')),
    closed_ms INTEGER
);
CREATE INDEX actions_entry ON actions (entry_id);
CREATE INDEX actions_open ON actions (status) WHERE status = 'open';

-- Editor drafts that survive a crash: at most one per edited entry (entry_id NULL: a new entry).
CREATE TABLE drafts (
    id         INTEGER PRIMARY KEY,
    entry_id   INTEGER UNIQUE REFERENCES entries (id) ON DELETE CASCADE,
    payload    TEXT    NOT NULL,                  -- JSON of the draft's fields
    updated_ms INTEGER NOT NULL
);

-- Full-text search. The FTS table reads its content from a view that joins each entry with
-- its stage answers and tags; triggers keep the index in step with every table the view reads.
CREATE VIEW entry_search_source AS
SELECT e.id AS id,
       coalesce(e.title, '') AS title,
       e.body AS body,
       coalesce((SELECT group_concat(a.answer, char(10))
                 FROM (SELECT answer FROM stage_answers WHERE entry_id = e.id ORDER BY position) a), '') AS answers,
       coalesce((SELECT group_concat(t.name, ' ')
                 FROM (SELECT tags.name FROM entry_tags JOIN tags ON tags.id = entry_tags.tag_id
                       WHERE entry_tags.entry_id = e.id ORDER BY tags.name) t), '') AS tags
FROM entries e;

CREATE VIRTUAL TABLE entries_fts USING fts5 (
    title, body, answers, tags,
    content = 'entry_search_source',
    content_rowid = 'id',
    tokenize = 'unicode61 remove_diacritics 2'
);

-- Ranking: bm25 with titles weighing most, then tags, then text and stage answers.
INSERT INTO entries_fts (entries_fts, rank) VALUES ('rank', 'bm25(8.0, 1.0, 1.0, 4.0)');

CREATE TRIGGER entries_fts_insert AFTER INSERT ON entries BEGIN
    INSERT INTO entries_fts (rowid, title, body, answers, tags)
    SELECT id, title, body, answers, tags FROM entry_search_source WHERE id = new.id;
END;
CREATE TRIGGER entries_fts_before_update BEFORE UPDATE OF title, body ON entries BEGIN
    INSERT INTO entries_fts (entries_fts, rowid, title, body, answers, tags)
    SELECT 'delete', id, title, body, answers, tags FROM entry_search_source WHERE id = old.id;
END;
CREATE TRIGGER entries_fts_after_update AFTER UPDATE OF title, body ON entries BEGIN
    INSERT INTO entries_fts (rowid, title, body, answers, tags)
    SELECT id, title, body, answers, tags FROM entry_search_source WHERE id = new.id;
END;
CREATE TRIGGER entries_fts_before_delete BEFORE DELETE ON entries BEGIN
    INSERT INTO entries_fts (entries_fts, rowid, title, body, answers, tags)
    SELECT 'delete', id, title, body, answers, tags FROM entry_search_source WHERE id = old.id;
END;

CREATE TRIGGER entry_tags_fts_before_insert BEFORE INSERT ON entry_tags BEGIN
    INSERT INTO entries_fts (entries_fts, rowid, title, body, answers, tags)
    SELECT 'delete', id, title, body, answers, tags FROM entry_search_source WHERE id = new.entry_id;
END;
CREATE TRIGGER entry_tags_fts_after_insert AFTER INSERT ON entry_tags BEGIN
    INSERT INTO entries_fts (rowid, title, body, answers, tags)
    SELECT id, title, body, answers, tags FROM entry_search_source WHERE id = new.entry_id;
END;
CREATE TRIGGER entry_tags_fts_before_delete BEFORE DELETE ON entry_tags BEGIN
    INSERT INTO entries_fts (entries_fts, rowid, title, body, answers, tags)
    SELECT 'delete', id, title, body, answers, tags FROM entry_search_source WHERE id = old.entry_id;
END;
CREATE TRIGGER entry_tags_fts_after_delete AFTER DELETE ON entry_tags BEGIN
    INSERT INTO entries_fts (rowid, title, body, answers, tags)
    SELECT id, title, body, answers, tags FROM entry_search_source WHERE id = old.entry_id;
END;

CREATE TRIGGER stage_answers_fts_before_insert BEFORE INSERT ON stage_answers BEGIN
    INSERT INTO entries_fts (entries_fts, rowid, title, body, answers, tags)
    SELECT 'delete', id, title, body, answers, tags FROM entry_search_source WHERE id = new.entry_id;
END;
CREATE TRIGGER stage_answers_fts_after_insert AFTER INSERT ON stage_answers BEGIN
    INSERT INTO entries_fts (rowid, title, body, answers, tags)
    SELECT id, title, body, answers, tags FROM entry_search_source WHERE id = new.entry_id;
END;
CREATE TRIGGER stage_answers_fts_before_delete BEFORE DELETE ON stage_answers BEGIN
    INSERT INTO entries_fts (entries_fts, rowid, title, body, answers, tags)
    SELECT 'delete', id, title, body, answers, tags FROM entry_search_source WHERE id = old.entry_id;
END;
CREATE TRIGGER stage_answers_fts_after_delete AFTER DELETE ON stage_answers BEGIN
    INSERT INTO entries_fts (rowid, title, body, answers, tags)
    SELECT id, title, body, answers, tags FROM entry_search_source WHERE id = old.entry_id;
END;
