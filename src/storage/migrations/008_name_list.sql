-- The confidentiality guard's list of names never to write. No name is kept: each is a keyed
-- hash (HMAC-SHA-256 under this journal's own random key) of the name's normalised words,
-- with its word and character counts (text is hashed only where a name of that shape could
-- be) and the role to write instead.
CREATE TABLE name_key (
    id INTEGER PRIMARY KEY CHECK (id = 1),
    key BLOB NOT NULL CHECK (length(key) = 32)
);

CREATE TABLE listed_names (
    id INTEGER PRIMARY KEY,
    digest BLOB NOT NULL UNIQUE CHECK (length(digest) = 32),
    words INTEGER NOT NULL CHECK (words > 0),
    chars INTEGER NOT NULL CHECK (chars > 0),
    role TEXT NOT NULL CHECK (length(trim(role)) > 0),
    added_ms INTEGER NOT NULL
);
