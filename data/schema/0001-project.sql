-- Schema version 1: the project's identity, settings, KPI dictionary and
-- import batches. Applied in one transaction; PRAGMA user_version is set by
-- the migration runner, not here.

-- Facts about the file itself: who made it and when.
CREATE TABLE project_info (
  key   TEXT PRIMARY KEY NOT NULL,
  value TEXT NOT NULL
) WITHOUT ROWID;

-- SPEC section 3. A key that is absent is unset (it follows another key).
CREATE TABLE settings (
  key   TEXT PRIMARY KEY NOT NULL,
  value TEXT NOT NULL
) WITHOUT ROWID;

-- SPEC section 6: the KPI dictionary. Core KPIs are seeded at creation; their
-- id, formula, source and unit never change.
CREATE TABLE kpis (
  id          TEXT PRIMARY KEY NOT NULL,
  position    INTEGER NOT NULL,
  name        TEXT NOT NULL,
  definition  TEXT NOT NULL DEFAULT '',
  formula     TEXT NOT NULL,
  source      TEXT NOT NULL CHECK (source IN ('meta', 'crm', 'analytics', 'derived')),
  source_note TEXT NOT NULL DEFAULT '',
  grain       TEXT NOT NULL DEFAULT '',
  join_keys   TEXT NOT NULL DEFAULT '',
  unit        TEXT NOT NULL CHECK (unit IN ('money', 'count', 'ratio', 'share', 'days')),
  core        INTEGER NOT NULL DEFAULT 0 CHECK (core IN (0, 1))
) WITHOUT ROWID;

-- SPEC section 2: one row per import. An undone batch keeps its row, with
-- undone_at set, so the project remembers what happened to it.
CREATE TABLE import_batches (
  id            INTEGER PRIMARY KEY,
  file_name     TEXT NOT NULL,
  file_size     INTEGER NOT NULL,
  sha256        TEXT NOT NULL,
  source        TEXT NOT NULL,
  mapping       TEXT NOT NULL DEFAULT '{}',
  rows_added    INTEGER NOT NULL DEFAULT 0,
  rows_replaced INTEGER NOT NULL DEFAULT 0,
  rows_skipped  INTEGER NOT NULL DEFAULT 0,
  imported_at   TEXT NOT NULL,
  undone_at     TEXT
);

-- The same bytes may not be imported twice, unless the first import was undone.
CREATE UNIQUE INDEX import_batches_sha256 ON import_batches (sha256) WHERE undone_at IS NULL;
