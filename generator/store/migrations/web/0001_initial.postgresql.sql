-- The same tables as 0001_initial.sqlite.sql, plus what SQLite gives for free: the counter row
-- a writer locks first (SQLite's BEGIN IMMEDIATE), so that a save re-reads the head only after
-- any other save has committed (READ COMMITTED) and a save from an older version is refused.

CREATE TABLE IF NOT EXISTS accounts (
    code        TEXT PRIMARY KEY,
    role        TEXT NOT NULL CHECK (role IN ('unit', 'agency')),
    secret_hash TEXT NOT NULL,
    generation  INTEGER NOT NULL,          -- bumped on every reset: old sessions end
    issued_at   TEXT NOT NULL
);

CREATE TABLE IF NOT EXISTS submissions (
    unit        TEXT PRIMARY KEY,
    state       TEXT NOT NULL,
    version     INTEGER NOT NULL,
    comment     TEXT NOT NULL DEFAULT '',
    updated_at  TEXT NOT NULL,
    updated_by  TEXT NOT NULL
);

CREATE TABLE IF NOT EXISTS versions (
    unit        TEXT NOT NULL,
    version     INTEGER NOT NULL,
    saved_at    TEXT NOT NULL,
    author      TEXT NOT NULL,
    action      TEXT NOT NULL,
    state       TEXT NOT NULL,
    changed     TEXT NOT NULL,             -- JSON list of the JSON paths that changed
    comment     TEXT NOT NULL DEFAULT '',
    data        TEXT NOT NULL,
    PRIMARY KEY (unit, version)
);

CREATE TABLE IF NOT EXISTS web_lock (
    id     INTEGER PRIMARY KEY CHECK (id = 1),
    writes BIGINT NOT NULL DEFAULT 0,
    taken  TIMESTAMPTZ
);
INSERT INTO web_lock (id) VALUES (1) ON CONFLICT (id) DO NOTHING;
