-- A unit sends more than its plan: its nominations for each commendation cycle too. A
-- submission (and each of its versions) is now one unit's one paper, named by `form`:
-- 'ke-hoach' for the Kế hoạch (every row made before this migration), 'de-nghi/<cycle folder>'
-- for the nominations of that cycle.

ALTER TABLE submissions ADD COLUMN form TEXT NOT NULL DEFAULT 'ke-hoach';
ALTER TABLE submissions DROP CONSTRAINT submissions_pkey;
ALTER TABLE submissions ADD PRIMARY KEY (unit, form);

ALTER TABLE versions ADD COLUMN form TEXT NOT NULL DEFAULT 'ke-hoach';
ALTER TABLE versions DROP CONSTRAINT versions_pkey;
ALTER TABLE versions ADD PRIMARY KEY (unit, form, version);
