-- The register of outgoing documents, the runs that recorded them and the award history, as
-- thidua wrote them before migrations existed: IF NOT EXISTS adopts such a file as it is.

CREATE TABLE IF NOT EXISTS outgoing (
    year     INTEGER NOT NULL,
    number   INTEGER NOT NULL,
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
    year        INTEGER NOT NULL,   -- the decision's year, number and ký hiệu
    number      INTEGER NOT NULL,
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
