-- Schema version 6: CRM rows that keep each repeated text once.
--
-- The texts that repeat from row to row (the origin, kind, stage and
-- currency, the UTMs, the CRM's sources, a landing page without a query)
-- are kept once in `strings` and stored in `crm_rows` as their ids; a
-- record id that is a plain decimal number (no sign, no leading zero, at
-- most 18 digits) is stored as that INTEGER. The view `crm_records` gives
-- every column as before, as text, so that queries written for schema 5
-- keep working. A coded column holds an INTEGER (the id of its text) or
-- the TEXT itself: the import stores a text inline once a column brought
-- thousands of new ones in a batch, and the view reads both. Those columns
-- have no declared type, so that SQLite stores what it is given as it is.
-- `origin` is always an id and `record_id` follows the rule above, so that
-- two rows of the same record compare equal in SQL.

CREATE TABLE strings (
  id   INTEGER PRIMARY KEY,
  text TEXT NOT NULL UNIQUE
);

CREATE TABLE crm_rows (
  id                       INTEGER PRIMARY KEY,
  batch_id                 INTEGER NOT NULL,
  line                     INTEGER NOT NULL,
  replaced_by              INTEGER,
  origin                   NOT NULL,
  record_id                NOT NULL,
  kind                     NOT NULL,
  contact_id               TEXT,
  created_at               TEXT,
  won_at                   TEXT,
  stage,
  amount                   INTEGER,
  currency,
  refunded_amount          INTEGER,
  refunded_at              TEXT,
  term_months              INTEGER,
  email_sha256             BLOB,
  phone_sha256             BLOB,
  email                    TEXT,
  phone                    TEXT,
  utm_source,
  utm_medium,
  utm_campaign,
  utm_content,
  utm_term,
  latest_utm_source,
  latest_utm_medium,
  latest_utm_campaign,
  latest_utm_content,
  latest_utm_term,
  landing_url,
  fbclid                   TEXT,
  fbc                      TEXT,
  fbp                      TEXT,
  crm_source,
  crm_source_detail,
  latest_crm_source,
  latest_crm_source_detail
);

-- Origins and kinds always; the other texts when two rows or more have them.
INSERT INTO strings (text)
  SELECT value FROM (
    SELECT origin AS value FROM crm_records
    UNION ALL SELECT kind FROM crm_records
  ) WHERE value IS NOT NULL GROUP BY value
  UNION
  SELECT value FROM (
    SELECT stage AS value FROM crm_records
    UNION ALL SELECT currency FROM crm_records
    UNION ALL SELECT utm_source FROM crm_records
    UNION ALL SELECT utm_medium FROM crm_records
    UNION ALL SELECT utm_campaign FROM crm_records
    UNION ALL SELECT utm_content FROM crm_records
    UNION ALL SELECT utm_term FROM crm_records
    UNION ALL SELECT latest_utm_source FROM crm_records
    UNION ALL SELECT latest_utm_medium FROM crm_records
    UNION ALL SELECT latest_utm_campaign FROM crm_records
    UNION ALL SELECT latest_utm_content FROM crm_records
    UNION ALL SELECT latest_utm_term FROM crm_records
    UNION ALL SELECT landing_url FROM crm_records WHERE instr (landing_url, '?') = 0 AND instr (landing_url, '#') = 0
    UNION ALL SELECT crm_source FROM crm_records
    UNION ALL SELECT crm_source_detail FROM crm_records
    UNION ALL SELECT latest_crm_source FROM crm_records
    UNION ALL SELECT latest_crm_source_detail FROM crm_records
  ) WHERE value IS NOT NULL AND value <> '' GROUP BY value HAVING count (*) > 1
  ORDER BY 1;

INSERT INTO crm_rows
  SELECT id,
         batch_id,
         line,
         replaced_by,
         (SELECT s.id FROM strings AS s WHERE s.text = origin),
         CASE WHEN record_id = '0' OR (record_id GLOB '[1-9]*' AND NOT record_id GLOB '*[^0-9]*' AND length (record_id) <= 18)
              THEN CAST (record_id AS INTEGER) ELSE record_id END,
         coalesce ((SELECT s.id FROM strings AS s WHERE s.text = kind), kind),
         contact_id,
         created_at,
         won_at,
         coalesce ((SELECT s.id FROM strings AS s WHERE s.text = stage), stage),
         amount,
         coalesce ((SELECT s.id FROM strings AS s WHERE s.text = currency), currency),
         refunded_amount,
         refunded_at,
         term_months,
         email_sha256,
         phone_sha256,
         email,
         phone,
         coalesce ((SELECT s.id FROM strings AS s WHERE s.text = utm_source), utm_source),
         coalesce ((SELECT s.id FROM strings AS s WHERE s.text = utm_medium), utm_medium),
         coalesce ((SELECT s.id FROM strings AS s WHERE s.text = utm_campaign), utm_campaign),
         coalesce ((SELECT s.id FROM strings AS s WHERE s.text = utm_content), utm_content),
         coalesce ((SELECT s.id FROM strings AS s WHERE s.text = utm_term), utm_term),
         coalesce ((SELECT s.id FROM strings AS s WHERE s.text = latest_utm_source), latest_utm_source),
         coalesce ((SELECT s.id FROM strings AS s WHERE s.text = latest_utm_medium), latest_utm_medium),
         coalesce ((SELECT s.id FROM strings AS s WHERE s.text = latest_utm_campaign), latest_utm_campaign),
         coalesce ((SELECT s.id FROM strings AS s WHERE s.text = latest_utm_content), latest_utm_content),
         coalesce ((SELECT s.id FROM strings AS s WHERE s.text = latest_utm_term), latest_utm_term),
         coalesce ((SELECT s.id FROM strings AS s WHERE s.text = landing_url), landing_url),
         fbclid,
         fbc,
         fbp,
         coalesce ((SELECT s.id FROM strings AS s WHERE s.text = crm_source), crm_source),
         coalesce ((SELECT s.id FROM strings AS s WHERE s.text = crm_source_detail), crm_source_detail),
         coalesce ((SELECT s.id FROM strings AS s WHERE s.text = latest_crm_source), latest_crm_source),
         coalesce ((SELECT s.id FROM strings AS s WHERE s.text = latest_crm_source_detail), latest_crm_source_detail)
  FROM crm_records ORDER BY id;

DROP TABLE crm_records;

-- The rows as schema 5 had them, every column as its text.
CREATE VIEW crm_records AS
  SELECT r.id AS id,
         r.batch_id AS batch_id,
         r.line AS line,
         r.replaced_by AS replaced_by,
         CASE typeof (r.origin) WHEN 'integer' THEN (SELECT s.text FROM strings AS s WHERE s.id = r.origin) ELSE r.origin END AS origin,
         CAST (r.record_id AS TEXT) AS record_id,
         CASE typeof (r.kind) WHEN 'integer' THEN (SELECT s.text FROM strings AS s WHERE s.id = r.kind) ELSE r.kind END AS kind,
         r.contact_id AS contact_id,
         r.created_at AS created_at,
         r.won_at AS won_at,
         CASE typeof (r.stage) WHEN 'integer' THEN (SELECT s.text FROM strings AS s WHERE s.id = r.stage) ELSE r.stage END AS stage,
         r.amount AS amount,
         CASE typeof (r.currency) WHEN 'integer' THEN (SELECT s.text FROM strings AS s WHERE s.id = r.currency) ELSE r.currency END AS currency,
         r.refunded_amount AS refunded_amount,
         r.refunded_at AS refunded_at,
         r.term_months AS term_months,
         r.email_sha256 AS email_sha256,
         r.phone_sha256 AS phone_sha256,
         r.email AS email,
         r.phone AS phone,
         CASE typeof (r.utm_source) WHEN 'integer' THEN (SELECT s.text FROM strings AS s WHERE s.id = r.utm_source) ELSE r.utm_source END AS utm_source,
         CASE typeof (r.utm_medium) WHEN 'integer' THEN (SELECT s.text FROM strings AS s WHERE s.id = r.utm_medium) ELSE r.utm_medium END AS utm_medium,
         CASE typeof (r.utm_campaign) WHEN 'integer' THEN (SELECT s.text FROM strings AS s WHERE s.id = r.utm_campaign) ELSE r.utm_campaign END AS utm_campaign,
         CASE typeof (r.utm_content) WHEN 'integer' THEN (SELECT s.text FROM strings AS s WHERE s.id = r.utm_content) ELSE r.utm_content END AS utm_content,
         CASE typeof (r.utm_term) WHEN 'integer' THEN (SELECT s.text FROM strings AS s WHERE s.id = r.utm_term) ELSE r.utm_term END AS utm_term,
         CASE typeof (r.latest_utm_source) WHEN 'integer' THEN (SELECT s.text FROM strings AS s WHERE s.id = r.latest_utm_source) ELSE r.latest_utm_source END AS latest_utm_source,
         CASE typeof (r.latest_utm_medium) WHEN 'integer' THEN (SELECT s.text FROM strings AS s WHERE s.id = r.latest_utm_medium) ELSE r.latest_utm_medium END AS latest_utm_medium,
         CASE typeof (r.latest_utm_campaign) WHEN 'integer' THEN (SELECT s.text FROM strings AS s WHERE s.id = r.latest_utm_campaign) ELSE r.latest_utm_campaign END AS latest_utm_campaign,
         CASE typeof (r.latest_utm_content) WHEN 'integer' THEN (SELECT s.text FROM strings AS s WHERE s.id = r.latest_utm_content) ELSE r.latest_utm_content END AS latest_utm_content,
         CASE typeof (r.latest_utm_term) WHEN 'integer' THEN (SELECT s.text FROM strings AS s WHERE s.id = r.latest_utm_term) ELSE r.latest_utm_term END AS latest_utm_term,
         CASE typeof (r.landing_url) WHEN 'integer' THEN (SELECT s.text FROM strings AS s WHERE s.id = r.landing_url) ELSE r.landing_url END AS landing_url,
         r.fbclid AS fbclid,
         r.fbc AS fbc,
         r.fbp AS fbp,
         CASE typeof (r.crm_source) WHEN 'integer' THEN (SELECT s.text FROM strings AS s WHERE s.id = r.crm_source) ELSE r.crm_source END AS crm_source,
         CASE typeof (r.crm_source_detail) WHEN 'integer' THEN (SELECT s.text FROM strings AS s WHERE s.id = r.crm_source_detail) ELSE r.crm_source_detail END AS crm_source_detail,
         CASE typeof (r.latest_crm_source) WHEN 'integer' THEN (SELECT s.text FROM strings AS s WHERE s.id = r.latest_crm_source) ELSE r.latest_crm_source END AS latest_crm_source,
         CASE typeof (r.latest_crm_source_detail) WHEN 'integer' THEN (SELECT s.text FROM strings AS s WHERE s.id = r.latest_crm_source_detail) ELSE r.latest_crm_source_detail END AS latest_crm_source_detail
  FROM crm_rows AS r;

CREATE INDEX crm_rows_identity ON crm_rows (origin, record_id);
CREATE INDEX crm_rows_replaced ON crm_rows (replaced_by) WHERE replaced_by IS NOT NULL;
