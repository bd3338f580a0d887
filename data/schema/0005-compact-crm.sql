-- Schema version 5: CRM records that are smaller and quicker to write.
--
-- E-mail and phone hashes are 32-byte blobs instead of 64 hex digits
-- (`hex (email_sha256)` shows them as before, in upper case); a value that
-- was not a lower-case SHA-256 in hex, which Tally never wrote, stays the
-- text it was. The kind's CHECK compares with each value in turn: SQLite
-- evaluated `kind IN (…)` with a temporary table built for every row.
-- tally_unhex_sha256() is a function of Tally's own, registered on the
-- connection only while it migrates; the columns and their order are
-- those of schema 2, so that queries written for them keep working.

CREATE TABLE crm_records_5 (
  id                       INTEGER PRIMARY KEY,
  batch_id                 INTEGER NOT NULL,
  line                     INTEGER NOT NULL,
  replaced_by              INTEGER,
  origin                   TEXT NOT NULL,
  record_id                TEXT NOT NULL,
  kind                     TEXT NOT NULL CHECK (kind = 'deal' OR kind = 'lead' OR kind = 'order'),
  contact_id               TEXT,
  created_at               TEXT,
  won_at                   TEXT,
  stage                    TEXT,
  amount                   INTEGER,
  currency                 TEXT,
  refunded_amount          INTEGER,
  refunded_at              TEXT,
  term_months              INTEGER,
  email_sha256             BLOB,
  phone_sha256             BLOB,
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

INSERT INTO crm_records_5
  SELECT id, batch_id, line, replaced_by, origin, record_id, kind, contact_id, created_at, won_at, stage,
         amount, currency, refunded_amount, refunded_at, term_months,
         tally_unhex_sha256 (email_sha256), tally_unhex_sha256 (phone_sha256), email, phone,
         utm_source, utm_medium, utm_campaign, utm_content, utm_term,
         latest_utm_source, latest_utm_medium, latest_utm_campaign, latest_utm_content, latest_utm_term,
         landing_url, fbclid, fbc, fbp, crm_source, crm_source_detail, latest_crm_source, latest_crm_source_detail
  FROM crm_records ORDER BY id;

DROP TABLE crm_records;
ALTER TABLE crm_records_5 RENAME TO crm_records;
CREATE INDEX crm_records_identity ON crm_records (origin, record_id);
CREATE INDEX crm_records_replaced ON crm_records (replaced_by) WHERE replaced_by IS NOT NULL;

-- The facts cache has a new, smaller layout; the first report builds it.
DELETE FROM fact_cache;
