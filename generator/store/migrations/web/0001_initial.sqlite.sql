-- The tables thidua serve created before migrations existed (PRAGMA user_version = 1), in
-- CREATE ... IF NOT EXISTS form: a store written by that code is adopted as it is. user_version
-- stays 1 so that such a thidua still opens a store made here.

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

PRAGMA user_version = 1;
