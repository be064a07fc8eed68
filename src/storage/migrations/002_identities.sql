-- debrief schema, version 2: stable identities and keys.
-- Append-only: never edit this file once shipped; add 003_*.sql instead.

-- A debrief journal says so in its header ('dbrf'), so it is recognised positively.
PRAGMA application_id = 1684173414;

-- Stage answers are keyed by the stage's stable key ('so_what'), not its display title
-- ('So what?'). Version 1 stored titles; these are the titles the shipped templates had then.
WITH stage_keys (template, title, key) AS (VALUES
    ('gibbs', 'Description', 'description'),
    ('gibbs', 'Feelings', 'feelings'),
    ('gibbs', 'Evaluation', 'evaluation'),
    ('gibbs', 'Analysis', 'analysis'),
    ('gibbs', 'Conclusion', 'conclusion'),
    ('gibbs', 'Action plan', 'action_plan'),
    ('driscoll', 'What?', 'what'),
    ('driscoll', 'So what?', 'so_what'),
    ('driscoll', 'Now what?', 'now_what'),
    ('kolb', 'Concrete experience', 'concrete_experience'),
    ('kolb', 'Reflective observation', 'reflective_observation'),
    ('kolb', 'Abstract conceptualisation', 'abstract_conceptualisation'),
    ('kolb', 'Active experimentation', 'active_experimentation')
)
UPDATE stage_answers
SET stage = (SELECT k.key FROM stage_keys k JOIN entries e ON e.template_id = k.template
             WHERE e.id = stage_answers.entry_id AND k.title = stage_answers.stage)
WHERE EXISTS (SELECT 1 FROM stage_keys k JOIN entries e ON e.template_id = k.template
              WHERE e.id = stage_answers.entry_id AND k.title = stage_answers.stage);

-- Agenda items and decisions get ids of their own, so an edit changes only what changed
-- and later sessions can refer to them.
CREATE TABLE agenda_items_v2 (
    id       INTEGER PRIMARY KEY,
    entry_id INTEGER NOT NULL REFERENCES entries (id) ON DELETE CASCADE,
    position INTEGER NOT NULL,
    text     TEXT    NOT NULL,
    function TEXT                                 -- Morrison function: management, development, support, mediation
);
INSERT INTO agenda_items_v2 (entry_id, position, text, function)
    SELECT entry_id, position, text, function FROM agenda_items ORDER BY entry_id, position;
DROP TABLE agenda_items;
ALTER TABLE agenda_items_v2 RENAME TO agenda_items;
CREATE INDEX agenda_items_entry ON agenda_items (entry_id, position);

CREATE TABLE decisions_v2 (
    id       INTEGER PRIMARY KEY,
    entry_id INTEGER NOT NULL REFERENCES entries (id) ON DELETE CASCADE,
    position INTEGER NOT NULL,
    text     TEXT    NOT NULL
);
INSERT INTO decisions_v2 (entry_id, position, text)
    SELECT entry_id, position, text FROM decisions ORDER BY entry_id, position;
DROP TABLE decisions;
ALTER TABLE decisions_v2 RENAME TO decisions;
CREATE INDEX decisions_entry ON decisions (entry_id, position);

-- Actions closed before version 2 never had their closing time written; the session's
-- own time is the best estimate.
UPDATE actions SET closed_ms = (SELECT updated_ms FROM entries WHERE entries.id = actions.entry_id)
WHERE status <> 'open' AND closed_ms IS NULL;
