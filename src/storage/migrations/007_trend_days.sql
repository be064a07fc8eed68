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
