-- The same tables as 0001_initial.sqlite.sql, in PostgreSQL's types, plus what SQLite gives
-- for free: an identity column for the order rows were inserted in (SQLite's rowid), and the
-- counter row a run locks for as long as it writes (SQLite's BEGIN IMMEDIATE).

CREATE TABLE IF NOT EXISTS outgoing (
    year     INTEGER NOT NULL,
    number   BIGINT  NOT NULL,      -- 64-bit, as SQLite's INTEGER
    symbol   TEXT    NOT NULL,      -- ký hiệu, e.g. QĐ-VPCP
    type     TEXT    NOT NULL,      -- tên loại, e.g. Quyết định
    date     TEXT,                  -- ISO date; NULL while the date is not yet fixed
    summary  TEXT    NOT NULL,      -- trích yếu
    signer   TEXT    NOT NULL,
    source   TEXT    NOT NULL,      -- the data file the document was built from
    recorded TEXT    NOT NULL,      -- when thidua recorded it (UTC)
    PRIMARY KEY (year, number, symbol)
);

CREATE TABLE IF NOT EXISTS runs (
    run      TEXT PRIMARY KEY,      -- the identifier of the thidua run that recorded entries
    recorded TEXT NOT NULL
);

CREATE TABLE IF NOT EXISTS awards (
    seq         BIGINT GENERATED ALWAYS AS IDENTITY,   -- the order recipients were listed in
    year        INTEGER NOT NULL,   -- the decision's year, number and ký hiệu
    number      BIGINT  NOT NULL,
    symbol      TEXT    NOT NULL,
    date        TEXT,
    form        TEXT    NOT NULL,   -- hình thức, danh hiệu
    kind        TEXT    NOT NULL,   -- collective or individual
    name        TEXT    NOT NULL,
    unit        TEXT    NOT NULL,
    achievement TEXT    NOT NULL,
    register_number TEXT NOT NULL,  -- số sổ vàng, '' if none
    subject     TEXT    NOT NULL,   -- the name and unit compared as the award lists compare them
    source      TEXT    NOT NULL,   -- the decision's data file
    recorded    TEXT    NOT NULL,
    PRIMARY KEY (year, number, symbol, form, kind, subject)
);

-- One row, locked by every run from its check of the numbers to its commit (backend.py says
-- why a row lock under READ COMMITTED); it counts the runs and when the last one began.
CREATE TABLE IF NOT EXISTS register_lock (
    id    INTEGER PRIMARY KEY CHECK (id = 1),
    runs  BIGINT NOT NULL,
    taken TIMESTAMPTZ
);
INSERT INTO register_lock (id, runs) VALUES (1, 0) ON CONFLICT (id) DO NOTHING;
