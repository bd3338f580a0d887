-- Schema version 4: numbers are live; a team freezes them by publishing
-- a period (SPEC section 8).

-- One act of sharing a period. `kind` is 'publish' for `tally-cli publish`,
-- the app's Publish action and `pdf --publish`, and 'migrated' for the days
-- an earlier Tally froze as reports showed them. `settings` is a JSON
-- object of every setting in force; `totals` the report's totals row and
-- `bridge` its gap bridge, both as `report --json` prints them, in the
-- reporting currency; `frozen_days` counts the days this publication froze
-- (the younger days of its period stay live).
CREATE TABLE publications (
  id           INTEGER PRIMARY KEY,
  kind         TEXT NOT NULL DEFAULT 'publish' CHECK (kind IN ('publish', 'migrated')),
  from_day     TEXT NOT NULL,
  to_day       TEXT NOT NULL,
  as_of        TEXT,
  who          TEXT NOT NULL,
  published_at TEXT NOT NULL,
  note         TEXT NOT NULL DEFAULT '',
  settings     TEXT NOT NULL DEFAULT '{}',
  totals       TEXT NOT NULL DEFAULT '{}',
  bridge       TEXT NOT NULL DEFAULT '{}',
  frozen_days  INTEGER NOT NULL DEFAULT 0
);

-- The publication that froze a day, and what the mismatch map and the gap
-- bridge need of it beyond its cells: `diag` holds the day's 19 numbers
-- (see the README) as 8-byte little-endian values; NULL for days frozen
-- before schema 4, whose bridge counts no timezone step.
ALTER TABLE frozen_days ADD COLUMN publication INTEGER REFERENCES publications (id);
ALTER TABLE frozen_days ADD COLUMN diag BLOB;

-- Days frozen by viewing under the earlier rule stay frozen, as one
-- publication named for the migration, so that nothing a user saw changes
-- silently and each can be restated.
INSERT INTO publications (kind, from_day, to_day, as_of, who, published_at, settings, frozen_days)
  SELECT 'migrated', MIN (day), MAX (day), NULL, 'Tally', MIN (frozen_at),
         (SELECT rules FROM frozen_days ORDER BY day LIMIT 1), COUNT (*)
  FROM frozen_days
  HAVING COUNT (*) > 0;
UPDATE frozen_days SET publication = (SELECT id FROM publications WHERE kind = 'migrated');

CREATE INDEX frozen_days_publication ON frozen_days (publication);
