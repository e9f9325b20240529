-- A unit sends more than its plan: its nominations for each commendation cycle too. A
-- submission (and each of its versions) is now one unit's one paper, named by `form`:
-- 'ke-hoach' for the Kế hoạch (every row made before this migration), 'de-nghi/<cycle folder>'
-- for the nominations of that cycle. SQLite cannot change a primary key in place, so the two
-- tables are rebuilt, inside the migration's transaction.

CREATE TABLE submissions_new (
    unit        TEXT NOT NULL,
    form        TEXT NOT NULL DEFAULT 'ke-hoach',
    state       TEXT NOT NULL,
    version     INTEGER NOT NULL,
    comment     TEXT NOT NULL DEFAULT '',
    updated_at  TEXT NOT NULL,
    updated_by  TEXT NOT NULL,
    PRIMARY KEY (unit, form)
);
INSERT INTO submissions_new (unit, form, state, version, comment, updated_at, updated_by)
    SELECT unit, 'ke-hoach', state, version, comment, updated_at, updated_by FROM submissions;
DROP TABLE submissions;
ALTER TABLE submissions_new RENAME TO submissions;

CREATE TABLE versions_new (
    unit        TEXT NOT NULL,
    form        TEXT NOT NULL DEFAULT 'ke-hoach',
    version     INTEGER NOT NULL,
    saved_at    TEXT NOT NULL,
    author      TEXT NOT NULL,
    action      TEXT NOT NULL,
    state       TEXT NOT NULL,
    changed     TEXT NOT NULL,
    comment     TEXT NOT NULL DEFAULT '',
    data        TEXT NOT NULL,
    PRIMARY KEY (unit, form, version)
);
INSERT INTO versions_new (unit, form, version, saved_at, author, action, state, changed,
                          comment, data)
    SELECT unit, 'ke-hoach', version, saved_at, author, action, state, changed, comment, data
    FROM versions;
DROP TABLE versions;
ALTER TABLE versions_new RENAME TO versions;
