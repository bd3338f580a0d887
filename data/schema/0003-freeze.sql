-- Schema version 3: the freeze (SPEC section 8) and the engine's cache.

-- A day that a report covered once it was old enough; `rules` holds the
-- settings its numbers were made under, so that changing one restates it.
CREATE TABLE frozen_days (
  day       TEXT PRIMARY KEY NOT NULL,
  frozen_at TEXT NOT NULL,
  rules     TEXT NOT NULL
) WITHOUT ROWID;

-- Its numbers, per campaign, in every variant (revenue bases, refund
-- policies): `data` holds the 22 numbers of a cell as 8-byte
-- little-endian values (8 IEEE doubles of money in minor units, then 14
-- integer counts), in the order the README gives; `spend_by_currency` is
-- a JSON object of the spend in each original currency, in its minor units.
CREATE TABLE frozen_cells (
  day               TEXT NOT NULL,
  campaign          TEXT NOT NULL,
  campaign_name     TEXT,
  campaign_id       TEXT,
  data              BLOB NOT NULL,
  spend_by_currency TEXT NOT NULL DEFAULT '{}',
  PRIMARY KEY (day, campaign)
) WITHOUT ROWID;

-- Every change to a frozen day: who, when, why, and its numbers before
-- and after.
CREATE TABLE restatements (
  id          INTEGER PRIMARY KEY,
  day         TEXT NOT NULL,
  restated_at TEXT NOT NULL,
  who         TEXT NOT NULL,
  why         TEXT NOT NULL,
  before      TEXT,
  after       TEXT
);
CREATE INDEX restatements_day ON restatements (day);

-- The imported data in the engine's own shape, rebuilt whenever the data
-- changes (data_version counts imports and undos). A rowid table, so that
-- its blob can be read and written incrementally.
CREATE TABLE fact_cache (
  name         TEXT PRIMARY KEY NOT NULL,
  data_version INTEGER NOT NULL,
  format       TEXT NOT NULL,
  data         BLOB NOT NULL
);

INSERT OR IGNORE INTO project_info (key, value) VALUES ('data_version', '0');

-- The mismatch map's thresholds, at their defaults, as every setting is.
INSERT OR IGNORE INTO settings (key, value) VALUES
  ('view_through_share_max', '0.3'),
  ('all_clicks_ratio_max', '3'),
  ('sessions_ratio_min', '0.5'),
  ('utm_missing_share_max', '0.1'),
  ('unmatched_share_max', '0.1'),
  ('duplicate_lead_share_max', '0.05'),
  ('refund_share_max', '0.1'),
  ('day_shift_share_max', '0.05');
