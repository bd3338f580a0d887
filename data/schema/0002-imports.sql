-- Schema version 2: what imports bring in. Every row names its batch and
-- the line of the file it came from. A row that a later import replaced
-- stays, hidden, with replaced_by set to that batch, so that undoing the
-- later batch brings it back. "Active" rows are those with replaced_by NULL.
--
-- A batch's rows are one run of ids (first_row_id to last_row_id in
-- import_batches), which is how undo finds them without an index on
-- batch_id that every imported row would have to update. Only replaced
-- rows are indexed by the batch that replaced them.

-- Meta delivery and results, one row per export row: an ad (or ad set, or
-- campaign) on a day (or a range of days), per attribution setting and per
-- breakdown value. Money is in minor units of `currency`.
CREATE TABLE meta_rows (
  id                  INTEGER PRIMARY KEY,
  batch_id            INTEGER NOT NULL,
  line                INTEGER NOT NULL,
  replaced_by         INTEGER,
  identity            TEXT NOT NULL,
  date_start          TEXT NOT NULL,
  date_end            TEXT NOT NULL,
  account_id          TEXT,
  account_name        TEXT,
  campaign_id         TEXT,
  campaign_name       TEXT,
  adset_id            TEXT,
  adset_name          TEXT,
  ad_id               TEXT,
  ad_name             TEXT,
  attribution_setting TEXT,
  attribution_window  TEXT,
  breakdown           TEXT NOT NULL DEFAULT '',
  currency            TEXT,
  spend               INTEGER,
  impressions         INTEGER,
  reach               INTEGER,
  all_clicks          INTEGER,
  link_clicks         INTEGER,
  landing_page_views  INTEGER,
  leads               INTEGER,
  purchases           INTEGER,
  purchase_value      INTEGER,
  -- Per attribution window, when the source has them (Marketing API).
  purchases_1d_click  INTEGER,
  purchases_7d_click  INTEGER,
  purchases_28d_click INTEGER,
  purchases_1d_view   INTEGER,
  value_1d_click      INTEGER,
  value_7d_click      INTEGER,
  value_28d_click     INTEGER,
  value_1d_view       INTEGER,
  leads_1d_click      INTEGER,
  leads_7d_click      INTEGER,
  leads_28d_click     INTEGER,
  leads_1d_view       INTEGER
);
CREATE INDEX meta_rows_identity ON meta_rows (identity);
CREATE INDEX meta_rows_replaced ON meta_rows (replaced_by) WHERE replaced_by IS NOT NULL;

-- CRM records: leads, deals and orders. `origin` is the system and object
-- (hubspot:deals), so that a HubSpot 123 is not a Pipedrive 123. Times are
-- ISO 8601 as read: with Z (an instant), without an offset (read in
-- crm_timezone when reported), or a date alone.
CREATE TABLE crm_records (
  id                       INTEGER PRIMARY KEY,
  batch_id                 INTEGER NOT NULL,
  line                     INTEGER NOT NULL,
  replaced_by              INTEGER,
  origin                   TEXT NOT NULL,
  record_id                TEXT NOT NULL,
  kind                     TEXT NOT NULL CHECK (kind IN ('lead', 'deal', 'order')),
  contact_id               TEXT,
  created_at               TEXT,
  won_at                   TEXT,
  stage                    TEXT,
  amount                   INTEGER,
  currency                 TEXT,
  refunded_amount          INTEGER,
  refunded_at              TEXT,
  term_months              INTEGER,
  email_sha256             TEXT,
  phone_sha256             TEXT,
  email                    TEXT,
  phone                    TEXT,
  utm_source               TEXT,
  utm_medium               TEXT,
  utm_campaign             TEXT,
  utm_content              TEXT,
  utm_term                 TEXT,
  latest_utm_source        TEXT,
  latest_utm_medium        TEXT,
  latest_utm_campaign      TEXT,
  latest_utm_content       TEXT,
  latest_utm_term          TEXT,
  landing_url              TEXT,
  fbclid                   TEXT,
  fbc                      TEXT,
  fbp                      TEXT,
  crm_source               TEXT,
  crm_source_detail        TEXT,
  latest_crm_source        TEXT,
  latest_crm_source_detail TEXT
);
CREATE INDEX crm_records_identity ON crm_records (origin, record_id);
CREATE INDEX crm_records_replaced ON crm_records (replaced_by) WHERE replaced_by IS NOT NULL;

-- Web analytics sessions by day and source/medium/campaign.
CREATE TABLE web_sessions (
  id               INTEGER PRIMARY KEY,
  batch_id         INTEGER NOT NULL,
  line             INTEGER NOT NULL,
  replaced_by      INTEGER,
  day              TEXT NOT NULL,
  source           TEXT NOT NULL DEFAULT '',
  medium           TEXT NOT NULL DEFAULT '',
  campaign         TEXT NOT NULL DEFAULT '',
  sessions         INTEGER NOT NULL,
  engaged_sessions INTEGER
);
CREATE INDEX web_sessions_identity ON web_sessions (day, source, medium, campaign);
CREATE INDEX web_sessions_replaced ON web_sessions (replaced_by) WHERE replaced_by IS NOT NULL;

-- Exchange rates: units of `currency` per one unit of `base` (the ECB's way).
CREATE TABLE fx_rates (
  id          INTEGER PRIMARY KEY,
  batch_id    INTEGER NOT NULL,
  line        INTEGER NOT NULL,
  replaced_by INTEGER,
  day         TEXT NOT NULL,
  base        TEXT NOT NULL,
  currency    TEXT NOT NULL,
  rate        REAL NOT NULL CHECK (rate > 0)
);
CREATE INDEX fx_rates_identity ON fx_rates (day, base, currency);
CREATE INDEX fx_rates_replaced ON fx_rates (replaced_by) WHERE replaced_by IS NOT NULL;

-- Rows a batch skipped (with --skip-invalid) and its warnings.
CREATE TABLE import_issues (
  batch_id  INTEGER NOT NULL,
  line      INTEGER NOT NULL,
  column_name TEXT NOT NULL,
  severity  TEXT NOT NULL CHECK (severity IN ('rejected', 'warning')),
  reason    TEXT NOT NULL
);
CREATE INDEX import_issues_batch ON import_issues (batch_id);

-- Column mappings chosen by hand, offered again for the same header.
CREATE TABLE mappings (
  signature TEXT PRIMARY KEY NOT NULL,
  preset    TEXT NOT NULL,
  mapping   TEXT NOT NULL,
  saved_at  TEXT NOT NULL
) WITHOUT ROWID;

-- What kind of data a batch brought, and the file's detected locale.
ALTER TABLE import_batches ADD COLUMN kind TEXT NOT NULL DEFAULT '';
ALTER TABLE import_batches ADD COLUMN locale TEXT NOT NULL DEFAULT '';
ALTER TABLE import_batches ADD COLUMN first_row_id INTEGER;
ALTER TABLE import_batches ADD COLUMN last_row_id INTEGER;
