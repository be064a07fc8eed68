-- Trends over long periods read one summed row a day instead of every entry. Each local day
-- that has entries (live or trashed) has a row here; `summary` is that day summed (JSON of
-- analytics::Day), or NULL while it has to be summed again. debrief fills NULL rows when it
-- reads trends; these triggers make a day NULL whenever anything its figures depend on
-- changes, whoever writes, so a summary is never stale.

-- Each entry's day: days since 1970-01-01 on the writer's clock (the UTC offset stored with
-- the entry), rounded down for times before 1970.
CREATE VIEW entry_days AS
SELECT id, (created_ms + utc_offset_s * 1000
            - ((created_ms + utc_offset_s * 1000) % 86400000 + 86400000) % 86400000) / 86400000 AS day
FROM entries;

CREATE TABLE trend_days (
    day     INTEGER PRIMARY KEY,
    summary TEXT
);

INSERT INTO trend_days (day, summary) SELECT DISTINCT day, NULL FROM entry_days;

-- (SQLite needs the WHERE before an upsert's ON CONFLICT after INSERT ... SELECT.)
CREATE TRIGGER trend_days_entry_insert AFTER INSERT ON entries BEGIN
    INSERT INTO trend_days (day, summary) SELECT day, NULL FROM entry_days WHERE id = new.id
        ON CONFLICT (day) DO UPDATE SET summary = NULL;
END;

CREATE TRIGGER trend_days_entry_update AFTER UPDATE OF created_ms, utc_offset_s, deleted_ms,
    kind, stress, work_context ON entries BEGIN
    INSERT INTO trend_days (day, summary) VALUES (((old.created_ms + old.utc_offset_s * 1000 - ((old.created_ms + old.utc_offset_s * 1000) % 86400000 + 86400000) % 86400000) / 86400000), NULL)
        ON CONFLICT (day) DO UPDATE SET summary = NULL;
    INSERT INTO trend_days (day, summary) SELECT day, NULL FROM entry_days WHERE id = new.id
        ON CONFLICT (day) DO UPDATE SET summary = NULL;
END;

CREATE TRIGGER trend_days_entry_delete AFTER DELETE ON entries BEGIN
    INSERT INTO trend_days (day, summary) VALUES (((old.created_ms + old.utc_offset_s * 1000 - ((old.created_ms + old.utc_offset_s * 1000) % 86400000 + 86400000) % 86400000) / 86400000), NULL)
        ON CONFLICT (day) DO UPDATE SET summary = NULL;
END;

CREATE TRIGGER trend_days_entry_tags_insert AFTER INSERT ON entry_tags BEGIN
    INSERT INTO trend_days (day, summary) SELECT day, NULL FROM entry_days WHERE id = new.entry_id
        ON CONFLICT (day) DO UPDATE SET summary = NULL;
END;

CREATE TRIGGER trend_days_entry_tags_delete AFTER DELETE ON entry_tags BEGIN
    INSERT INTO trend_days (day, summary) SELECT day, NULL FROM entry_days WHERE id = old.entry_id
        ON CONFLICT (day) DO UPDATE SET summary = NULL;
END;

CREATE TRIGGER trend_days_entry_tags_update AFTER UPDATE ON entry_tags BEGIN
    INSERT INTO trend_days (day, summary) SELECT day, NULL FROM entry_days WHERE id = old.entry_id
        ON CONFLICT (day) DO UPDATE SET summary = NULL;
    INSERT INTO trend_days (day, summary) SELECT day, NULL FROM entry_days WHERE id = new.entry_id
        ON CONFLICT (day) DO UPDATE SET summary = NULL;
END;

CREATE TRIGGER trend_days_difficulty_flags_insert AFTER INSERT ON difficulty_flags BEGIN
    INSERT INTO trend_days (day, summary) SELECT day, NULL FROM entry_days WHERE id = new.entry_id
        ON CONFLICT (day) DO UPDATE SET summary = NULL;
END;

CREATE TRIGGER trend_days_difficulty_flags_delete AFTER DELETE ON difficulty_flags BEGIN
    INSERT INTO trend_days (day, summary) SELECT day, NULL FROM entry_days WHERE id = old.entry_id
        ON CONFLICT (day) DO UPDATE SET summary = NULL;
END;

CREATE TRIGGER trend_days_difficulty_flags_update AFTER UPDATE ON difficulty_flags BEGIN
    INSERT INTO trend_days (day, summary) SELECT day, NULL FROM entry_days WHERE id = old.entry_id
        ON CONFLICT (day) DO UPDATE SET summary = NULL;
    INSERT INTO trend_days (day, summary) SELECT day, NULL FROM entry_days WHERE id = new.entry_id
        ON CONFLICT (day) DO UPDATE SET summary = NULL;
END;

CREATE TRIGGER trend_days_body_sensations_insert AFTER INSERT ON body_sensations BEGIN
    INSERT INTO trend_days (day, summary) SELECT day, NULL FROM entry_days WHERE id = new.entry_id
        ON CONFLICT (day) DO UPDATE SET summary = NULL;
END;

CREATE TRIGGER trend_days_body_sensations_delete AFTER DELETE ON body_sensations BEGIN
    INSERT INTO trend_days (day, summary) SELECT day, NULL FROM entry_days WHERE id = old.entry_id
        ON CONFLICT (day) DO UPDATE SET summary = NULL;
END;

CREATE TRIGGER trend_days_body_sensations_update AFTER UPDATE ON body_sensations BEGIN
    INSERT INTO trend_days (day, summary) SELECT day, NULL FROM entry_days WHERE id = old.entry_id
        ON CONFLICT (day) DO UPDATE SET summary = NULL;
    INSERT INTO trend_days (day, summary) SELECT day, NULL FROM entry_days WHERE id = new.entry_id
        ON CONFLICT (day) DO UPDATE SET summary = NULL;
END;

CREATE TRIGGER trend_days_emotions_insert AFTER INSERT ON emotions BEGIN
    INSERT INTO trend_days (day, summary) SELECT day, NULL FROM entry_days WHERE id = new.entry_id
        ON CONFLICT (day) DO UPDATE SET summary = NULL;
END;

CREATE TRIGGER trend_days_emotions_delete AFTER DELETE ON emotions BEGIN
    INSERT INTO trend_days (day, summary) SELECT day, NULL FROM entry_days WHERE id = old.entry_id
        ON CONFLICT (day) DO UPDATE SET summary = NULL;
END;

CREATE TRIGGER trend_days_emotions_update AFTER UPDATE ON emotions BEGIN
    INSERT INTO trend_days (day, summary) SELECT day, NULL FROM entry_days WHERE id = old.entry_id
        ON CONFLICT (day) DO UPDATE SET summary = NULL;
    INSERT INTO trend_days (day, summary) SELECT day, NULL FROM entry_days WHERE id = new.entry_id
        ON CONFLICT (day) DO UPDATE SET summary = NULL;
END;

CREATE TRIGGER trend_days_recovery_insert AFTER INSERT ON recovery BEGIN
    INSERT INTO trend_days (day, summary) SELECT day, NULL FROM entry_days WHERE id = new.entry_id
        ON CONFLICT (day) DO UPDATE SET summary = NULL;
END;

CREATE TRIGGER trend_days_recovery_delete AFTER DELETE ON recovery BEGIN
    INSERT INTO trend_days (day, summary) SELECT day, NULL FROM entry_days WHERE id = old.entry_id
        ON CONFLICT (day) DO UPDATE SET summary = NULL;
END;

CREATE TRIGGER trend_days_recovery_update AFTER UPDATE ON recovery BEGIN
    INSERT INTO trend_days (day, summary) SELECT day, NULL FROM entry_days WHERE id = old.entry_id
        ON CONFLICT (day) DO UPDATE SET summary = NULL;
    INSERT INTO trend_days (day, summary) SELECT day, NULL FROM entry_days WHERE id = new.entry_id
        ON CONFLICT (day) DO UPDATE SET summary = NULL;
END;

-- A renamed tag changes the label the days with it are summed under: sum them all again.
CREATE TRIGGER trend_days_tag_rename AFTER UPDATE OF name ON tags BEGIN
    UPDATE trend_days SET summary = NULL;
END;

-- Bulk imports index their new entries once, at the end, instead of entry by entry: while a
-- row is in search_index_deferred, entries with ids above its since_id (the ones the import is
-- adding) are left out of the search index by these triggers, and the import adds them all
-- in one statement before it removes the row, in the same transaction. Indexing entry by
-- entry made the index write out and merge small pieces at every statement.
CREATE TABLE search_index_deferred (since_id INTEGER NOT NULL);

DROP TRIGGER entries_fts_insert;
CREATE TRIGGER entries_fts_insert AFTER INSERT ON entries
    WHEN NOT EXISTS (SELECT 1 FROM search_index_deferred d WHERE new.id > d.since_id) BEGIN
    INSERT INTO entries_fts (rowid, title, body, answers, tags, words)
    SELECT id, title, body, answers, tags, words FROM entry_search_source WHERE id = new.id;
END;

DROP TRIGGER entries_fts_before_update;
CREATE TRIGGER entries_fts_before_update BEFORE UPDATE OF title, body, search_words ON entries
    WHEN NOT EXISTS (SELECT 1 FROM search_index_deferred d WHERE old.id > d.since_id) BEGIN
    INSERT INTO entries_fts (entries_fts, rowid, title, body, answers, tags, words)
    SELECT 'delete', id, title, body, answers, tags, words FROM entry_search_source WHERE id = old.id;
END;

DROP TRIGGER entries_fts_after_update;
CREATE TRIGGER entries_fts_after_update AFTER UPDATE OF title, body, search_words ON entries
    WHEN NOT EXISTS (SELECT 1 FROM search_index_deferred d WHERE new.id > d.since_id) BEGIN
    INSERT INTO entries_fts (rowid, title, body, answers, tags, words)
    SELECT id, title, body, answers, tags, words FROM entry_search_source WHERE id = new.id;
END;

DROP TRIGGER entries_fts_before_delete;
CREATE TRIGGER entries_fts_before_delete BEFORE DELETE ON entries
    WHEN NOT EXISTS (SELECT 1 FROM search_index_deferred d WHERE old.id > d.since_id) BEGIN
    INSERT INTO entries_fts (entries_fts, rowid, title, body, answers, tags, words)
    SELECT 'delete', id, title, body, answers, tags, words FROM entry_search_source WHERE id = old.id;
END;

DROP TRIGGER entry_tags_fts_before_insert;
CREATE TRIGGER entry_tags_fts_before_insert BEFORE INSERT ON entry_tags
    WHEN NOT EXISTS (SELECT 1 FROM search_index_deferred d WHERE new.entry_id > d.since_id) BEGIN
    INSERT INTO entries_fts (entries_fts, rowid, title, body, answers, tags, words)
    SELECT 'delete', id, title, body, answers, tags, words FROM entry_search_source WHERE id = new.entry_id;
END;

DROP TRIGGER entry_tags_fts_after_insert;
CREATE TRIGGER entry_tags_fts_after_insert AFTER INSERT ON entry_tags
    WHEN NOT EXISTS (SELECT 1 FROM search_index_deferred d WHERE new.entry_id > d.since_id) BEGIN
    INSERT INTO entries_fts (rowid, title, body, answers, tags, words)
    SELECT id, title, body, answers, tags, words FROM entry_search_source WHERE id = new.entry_id;
END;

DROP TRIGGER entry_tags_fts_before_delete;
CREATE TRIGGER entry_tags_fts_before_delete BEFORE DELETE ON entry_tags
    WHEN NOT EXISTS (SELECT 1 FROM search_index_deferred d WHERE old.entry_id > d.since_id) BEGIN
    INSERT INTO entries_fts (entries_fts, rowid, title, body, answers, tags, words)
    SELECT 'delete', id, title, body, answers, tags, words FROM entry_search_source WHERE id = old.entry_id;
END;

DROP TRIGGER entry_tags_fts_after_delete;
CREATE TRIGGER entry_tags_fts_after_delete AFTER DELETE ON entry_tags
    WHEN NOT EXISTS (SELECT 1 FROM search_index_deferred d WHERE old.entry_id > d.since_id) BEGIN
    INSERT INTO entries_fts (rowid, title, body, answers, tags, words)
    SELECT id, title, body, answers, tags, words FROM entry_search_source WHERE id = old.entry_id;
END;

DROP TRIGGER stage_answers_fts_before_insert;
CREATE TRIGGER stage_answers_fts_before_insert BEFORE INSERT ON stage_answers
    WHEN NOT EXISTS (SELECT 1 FROM search_index_deferred d WHERE new.entry_id > d.since_id) BEGIN
    INSERT INTO entries_fts (entries_fts, rowid, title, body, answers, tags, words)
    SELECT 'delete', id, title, body, answers, tags, words FROM entry_search_source WHERE id = new.entry_id;
END;

DROP TRIGGER stage_answers_fts_after_insert;
CREATE TRIGGER stage_answers_fts_after_insert AFTER INSERT ON stage_answers
    WHEN NOT EXISTS (SELECT 1 FROM search_index_deferred d WHERE new.entry_id > d.since_id) BEGIN
    INSERT INTO entries_fts (rowid, title, body, answers, tags, words)
    SELECT id, title, body, answers, tags, words FROM entry_search_source WHERE id = new.entry_id;
END;

DROP TRIGGER stage_answers_fts_before_delete;
CREATE TRIGGER stage_answers_fts_before_delete BEFORE DELETE ON stage_answers
    WHEN NOT EXISTS (SELECT 1 FROM search_index_deferred d WHERE old.entry_id > d.since_id) BEGIN
    INSERT INTO entries_fts (entries_fts, rowid, title, body, answers, tags, words)
    SELECT 'delete', id, title, body, answers, tags, words FROM entry_search_source WHERE id = old.entry_id;
END;

DROP TRIGGER stage_answers_fts_after_delete;
CREATE TRIGGER stage_answers_fts_after_delete AFTER DELETE ON stage_answers
    WHEN NOT EXISTS (SELECT 1 FROM search_index_deferred d WHERE old.entry_id > d.since_id) BEGIN
    INSERT INTO entries_fts (rowid, title, body, answers, tags, words)
    SELECT id, title, body, answers, tags, words FROM entry_search_source WHERE id = old.entry_id;
END;
