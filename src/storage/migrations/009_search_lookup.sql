-- Search checks each match against the entry's state (live or trashed, kind, date, stress,
-- flags) before ranking. Read from the entries table, that is a whole entry per match, text
-- included; this index holds just those columns: a few pages for thousands of matches.
-- Search names it (INDEXED BY): SQLite would otherwise look rows up by their primary key.
CREATE INDEX entries_search_filter ON entries
    (id, deleted_ms, created_ms, kind, stress, starred, unfinished, for_supervision);
