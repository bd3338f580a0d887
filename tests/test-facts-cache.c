/* test-facts-cache.c: the facts cache that imports keep current
 *
 * Copyright 2026 The Tally authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Every import brings the cache to its new data_version in its own
 * transaction. These tests check that the cache so kept is the one a
 * rebuild from all rows gives, byte for byte, and that the numbers do not
 * depend on the order of imports. Expected numbers are worked out by hand
 * from the fixtures below.
 */
#include "config.h"

#include <glib/gstdio.h>
#include <string.h>

#include "tally-core.h"
#include "tally-facts-private.h"
#include "tally-project-private.h"
#include "tally-store.h"
#include "tally-test-report.h"

typedef TallyTestFixture Fixture;

/* Day 2 of the first file and the second file's ad share a group (day,
 * campaign, attribution setting, currency) but not an identity: the
 * second import adds to the group and replaces nothing. */
static const char meta_a[] =
  "Day,Campaign ID,Campaign name,Attribution setting,Amount spent (USD),Impressions,Link clicks,Purchases,Purchases conversion value\n"
  "2026-03-02,111,Prospecting,7-day click or 1-day view,100.00,10000,150,4,400.00\n"
  "2026-03-03,111,Prospecting,7-day click or 1-day view,50.00,5000,60,1,80.00\n";
static const char meta_b[] =
  "Day,Campaign ID,Campaign name,Ad name,Attribution setting,Amount spent (USD),Impressions,Link clicks\n"
  "2026-03-02,111,Prospecting,Second ad,7-day click or 1-day view,25.00,1000,10\n"
  "2026-03-04,222,Retargeting,Third ad,7-day click or 1-day view,10.00,500,5\n";
static const char sessions[] =
  "Date,Session source,Session medium,Session campaign,Sessions\n"
  "20260302,facebook,paid_social,Prospecting,100\n"
  "20260303,google,organic,(organic),500\n";
static const char contacts[] =
  "Record ID,First Name,Email,Create Date,Original Source,Original Source Drill-Down 1\n"
  "1,Ana,a@example.com,2026-03-02T10:00:00Z,Paid social,Facebook\n"
  "2,Beto,b@example.com,2026-03-02T11:00:00Z,Organic search,google\n";
static const char deals[] =
  "Record ID,Deal Name,Deal Stage,Create Date,Close Date,Amount,Associated Contact IDs,Pipeline\n"
  "11,Mesa,Closed Won,2026-03-02T12:00:00Z,2026-03-02T15:00:00Z,300.00,1,Ventas\n"
  "12,Silla,Closed Won,2026-03-02T12:00:00Z,2026-03-03T10:00:00Z,200.00,2,Ventas\n"
  "13,Tienda,Closed Won,2026-03-02T19:00:00Z,2026-03-02T20:00:00Z,70.00,,Ventas\n";

typedef struct
{
  const char *name;
  const char *text;
} Export;

static const Export exports[] = {
  { "meta-a.csv", meta_a },
  { "meta-b.csv", meta_b },
  { "ga4.csv", sessions },
  { "contacts.csv", contacts },
  { "deals.csv", deals },
};

/* The cache's bytes and version, as the file holds them. */
static GBytes *
cache_bytes (TallyProject *project,
             gint64       *version)
{
  sqlite3 *db = _tally_store_get_db (_tally_project_get_store (project));
  g_autoptr(sqlite3_stmt) stmt = NULL;

  g_assert_cmpint (sqlite3_prepare_v2 (db, "SELECT data_version, data FROM fact_cache WHERE name = 'facts'",
                                       -1, &stmt, NULL), ==, SQLITE_OK);
  if (sqlite3_step (stmt) != SQLITE_ROW)
    return NULL;
  *version = sqlite3_column_int64 (stmt, 0);
  return g_bytes_new (sqlite3_column_blob (stmt, 1), (gsize) sqlite3_column_bytes (stmt, 1));
}

static void
import_in_order (Fixture     *fixture,
                 const guint *order)
{
  tally_test_new_project (fixture, "timezone", "UTC", "reporting_currency", "USD", NULL);
  for (guint i = 0; i < G_N_ELEMENTS (exports); i++)
    tally_test_import (fixture, exports[order[i]].name, exports[order[i]].text);
}

static char *
report_json (Fixture *fixture)
{
  TallyReport *report = tally_test_report (fixture, "2026-03-01", "2026-03-31", TALLY_GROUP_DAY, "", TRUE);

  return tally_report_to_json (report);
}

/* After every import the cache is of the project's data_version: the
 * first report reads it instead of building it. */
static void
test_kept_by_import (Fixture       *fixture,
                     gconstpointer  data)
{
  static const guint order[] = { 0, 1, 2, 3, 4 };
  g_autoptr(GBytes) kept = NULL;
  g_autoptr(GBytes) rebuilt = NULL;
  g_autoptr(TallyFacts) facts = NULL;
  g_autoptr(GError) error = NULL;
  gint64 kept_version = -1, rebuilt_version = -1;
  gint64 spend = 0, impressions = 0;

  import_in_order (fixture, order);
  kept = cache_bytes (fixture->project, &kept_version);
  g_assert_nonnull (kept);
  g_assert_cmpint (kept_version, ==, _tally_facts_data_version (fixture->project));

  /* A rebuild from all rows gives the same bytes. */
  g_assert_true (_tally_store_exec (_tally_project_get_store (fixture->project), "DELETE FROM fact_cache", NULL));
  facts = tally_facts_load (fixture->project, &error);
  g_assert_no_error (error);
  rebuilt = cache_bytes (fixture->project, &rebuilt_version);
  g_assert_nonnull (rebuilt);
  g_assert_cmpint (rebuilt_version, ==, kept_version);
  g_assert_true (g_bytes_equal (kept, rebuilt));

  /* By hand: groups (03-02, 111), (03-03, 111), (03-04, 222); spend
   * 100 + 25 = 125.00 on the first, 50.00, 10.00; impressions 11000, 5000,
   * 500. Five CRM records, two session groups. */
  g_assert_cmpuint (facts->meta->len, ==, 3);
  for (guint i = 0; i < facts->meta->len; i++)
    {
      MetaFact *fact = &g_array_index (facts->meta, MetaFact, i);

      spend += fact->spend;
      impressions += fact->impressions;
    }
  g_assert_cmpint (g_array_index (facts->meta, MetaFact, 0).spend, ==, 12500);
  g_assert_cmpint (g_array_index (facts->meta, MetaFact, 0).n_rows, ==, 2);
  g_assert_cmpint (g_array_index (facts->meta, MetaFact, 0).impressions, ==, 11000);
  g_assert_cmpint (spend, ==, 18500);
  g_assert_cmpint (impressions, ==, 16500);
  g_assert_cmpuint (facts->crm->len, ==, 5);
  g_assert_cmpuint (facts->sessions->len, ==, 2);
}

/* The same files in two orders give the same report, and the same cache. */
static void
test_order (Fixture       *fixture,
            gconstpointer  data)
{
  static const guint forward[] = { 0, 1, 2, 3, 4 };
  static const guint backward[] = { 4, 3, 2, 1, 0 };
  g_autofree char *first = NULL;
  g_autofree char *second = NULL;
  g_autoptr(GBytes) first_cache = NULL;
  g_autoptr(GBytes) second_cache = NULL;
  gint64 version;

  import_in_order (fixture, forward);
  first_cache = cache_bytes (fixture->project, &version);
  first = report_json (fixture);
  tally_test_fixture_teardown (fixture, NULL);
  tally_test_fixture_setup (fixture, NULL);

  import_in_order (fixture, backward);
  second_cache = cache_bytes (fixture->project, &version);
  second = report_json (fixture);

  g_assert_nonnull (strstr (first, "\"spend\""));
  g_assert_cmpstr (first, ==, second);
  /* CRM records keep the order of their row ids, which differs; the Meta
   * groups, sessions and strings do not. */
  g_assert_cmpuint (g_bytes_get_size (first_cache), ==, g_bytes_get_size (second_cache));
}

/* Deals keyed by their e-mail alone: one person, written two ways. */
static const char deals_by_email[] =
  "Record ID,Deal Name,Deal Stage,Create Date,Close Date,Amount,Email,Pipeline\n"
  "31,Lampara,Closed Won,2026-03-05T12:00:00Z,2026-03-05T15:00:00Z,40.00,Dora@Example.com,Ventas\n"
  "32,Sofa,Closed Won,2026-03-06T12:00:00Z,2026-03-06T15:00:00Z,90.00, dora@example.com ,Ventas\n";

static char *
query_text (TallyProject *project,
            const char   *sql)
{
  sqlite3 *db = _tally_store_get_db (_tally_project_get_store (project));
  g_autoptr(sqlite3_stmt) stmt = NULL;

  g_assert_cmpint (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  return g_strdup ((const char *) sqlite3_column_text (stmt, 0));
}

/* The statement of a bundled schema script that starts with @start. */
static char *
schema_statement (const char *script,
                  const char *start)
{
  g_autofree char *path = g_strconcat ("/io/github/tallyapp/Tally/schema/", script, NULL);
  g_autoptr(GBytes) bytes = g_resources_lookup_data (path, 0, NULL);
  g_autofree char *text = g_strndup (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes));
  const char *from = strstr (text, start);
  const char *end = strstr (from, ");");

  return g_strndup (from, (gsize) (end + 2 - from));
}

/* SQL that turns schema 6's view of the records back into the table
 * crm_records as @create makes it, with @hashes as its hash columns, and
 * drops what schema 6 added. */
static void
append_records_table (GString    *sql,
                      const char *create,
                      const char *email_hash,
                      const char *phone_hash)
{
  g_string_append (sql, "CREATE TABLE crm_records_6 AS SELECT * FROM crm_records; "
                        "DROP VIEW crm_records; DROP TABLE crm_rows; DROP TABLE strings; ");
  g_string_append (sql, create);
  g_string_append_printf (sql,
                          "INSERT INTO crm_records SELECT id, batch_id, line, replaced_by, origin, record_id, kind, contact_id, "
                          "created_at, won_at, stage, amount, currency, refunded_amount, refunded_at, term_months, %s, %s, "
                          "email, phone, utm_source, utm_medium, utm_campaign, utm_content, utm_term, latest_utm_source, "
                          "latest_utm_medium, latest_utm_campaign, latest_utm_content, latest_utm_term, landing_url, fbclid, "
                          "fbc, fbp, crm_source, crm_source_detail, latest_crm_source, latest_crm_source_detail "
                          "FROM crm_records_6 ORDER BY id; "
                          "DROP TABLE crm_records_6; "
                          "CREATE INDEX crm_records_identity ON crm_records (origin, record_id); "
                          "CREATE INDEX crm_records_replaced ON crm_records (replaced_by) WHERE replaced_by IS NOT NULL; ",
                          email_hash, phone_hash);
}

static void
exec_on_file (const char *path,
              const char *sql)
{
  sqlite3 *db = NULL;

  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, sql, NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (db);
}

/* Takes the file back to schema 4: crm_records as 0002-imports.sql made
 * it (the bundled script's own statement), hashes as hex text, no cache. */
static void
make_schema_4 (const char *path)
{
  g_autofree char *create = schema_statement ("0002-imports.sql", "CREATE TABLE crm_records (");
  g_autoptr(GString) sql = g_string_new ("BEGIN; ");

  append_records_table (sql, create, "CASE WHEN email_sha256 IS NOT NULL THEN lower (hex (email_sha256)) END",
                        "CASE WHEN phone_sha256 IS NOT NULL THEN lower (hex (phone_sha256)) END");
  g_string_append (sql, "DELETE FROM fact_cache; PRAGMA user_version = 4; COMMIT;");
  exec_on_file (path, sql->str);
}

/* Takes the file back to schema 5: crm_records the table 0005 made, every
 * text in its row; the cache is left as it was, as schema 6 leaves it. */
static void
make_schema_5 (const char *path)
{
  g_autofree char *create = schema_statement ("0005-compact-crm.sql", "CREATE TABLE crm_records_5 (");
  g_autoptr(GString) sql = g_string_new ("BEGIN; ");
  char *name = strstr (create, "crm_records_5");

  memcpy (name, "crm_records  ", strlen ("crm_records_5"));
  append_records_table (sql, create, "email_sha256", "phone_sha256");
  g_string_append (sql, "PRAGMA user_version = 5; COMMIT;");
  exec_on_file (path, sql->str);
}

/* Closes the fixture's project and what was built from it; its path. */
static char *
close_project (Fixture *fixture)
{
  char *path = g_strdup (tally_project_get_path (fixture->project));

  g_clear_pointer (&fixture->report, tally_report_free);
  g_clear_pointer (&fixture->view, tally_freeze_view_free);
  g_clear_pointer (&fixture->engine, tally_engine_free);
  g_clear_pointer (&fixture->facts, tally_facts_free);
  g_assert_finalize_object (g_steal_pointer (&fixture->project));
  return path;
}

/* A project of schema 4 migrates to 5 with every number of its report
 * unchanged, its hashes the same bytes, now as blobs. */
static void
test_migration_5 (Fixture       *fixture,
                  gconstpointer  data)
{
  static const guint order[] = { 0, 1, 2, 3, 4 };
  const char *hashes_sql = "SELECT group_concat (coalesce (lower (hex (email_sha256)), '-'), ',') FROM "
                           "(SELECT email_sha256 FROM crm_records ORDER BY id)";
  g_autofree char *before = NULL, *after = NULL, *path = NULL, *old_hex = NULL, *hashes = NULL;
  g_autofree char *old_hashes = NULL;
  g_autoptr(GError) error = NULL;

  import_in_order (fixture, order);
  tally_test_import (fixture, "deals-by-email.csv", deals_by_email);
  before = report_json (fixture);
  old_hashes = query_text (fixture->project, hashes_sql);
  path = close_project (fixture);

  make_schema_4 (path);
  {
    sqlite3 *db = NULL;
    g_autoptr(sqlite3_stmt) stmt = NULL;

    g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
    g_assert_cmpint (sqlite3_prepare_v2 (db, "SELECT count(*) FROM crm_records WHERE typeof (email_sha256) = 'text'",
                                         -1, &stmt, NULL), ==, SQLITE_OK);
    g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
    g_assert_cmpint (sqlite3_column_int (stmt, 0), ==, 4);
    g_clear_pointer (&stmt, sqlite3_finalize);
    sqlite3_close (db);
  }

  fixture->project = tally_project_open (path, &error);
  g_assert_no_error (error);
  after = report_json (fixture);
  g_assert_cmpstr (after, ==, before);

  hashes = query_text (fixture->project, hashes_sql);
  g_assert_cmpstr (hashes, ==, old_hashes);
  old_hex = query_text (fixture->project, "SELECT count(*) FROM crm_records WHERE typeof (email_sha256) = 'blob' "
                                          "AND length (email_sha256) = 32");
  g_assert_cmpstr (old_hex, ==, "4");
}

/* Every column of every CRM record, as the view crm_records gives it. */
static char *
dump_records (TallyProject *project)
{
  sqlite3 *db = _tally_store_get_db (_tally_project_get_store (project));
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(GString) dump = g_string_new (NULL);

  g_assert_cmpint (sqlite3_prepare_v2 (db, "SELECT * FROM crm_records ORDER BY id", -1, &stmt, NULL), ==, SQLITE_OK);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      for (int c = 0; c < sqlite3_column_count (stmt); c++)
        {
          int type = sqlite3_column_type (stmt, c);

          if (type == SQLITE_BLOB)
            for (int i = 0; i < sqlite3_column_bytes (stmt, c); i++)
              g_string_append_printf (dump, "%02x", ((const guint8 *) sqlite3_column_blob (stmt, c))[i]);
          else if (type != SQLITE_NULL)
            g_string_append_printf (dump, "%d:%s", type, sqlite3_column_text (stmt, c));
          g_string_append_c (dump, '|');
        }
      g_string_append_c (dump, '\n');
    }
  return g_string_free (g_steal_pointer (&dump), FALSE);
}

/* A project of schema 5 migrates to 6 with every column of every record
 * the same text of the same type through the view, every number of its
 * report unchanged and its kept cache still in force; the texts that
 * repeat are ids in crm_rows, and the file, compacted after the
 * migration, is smaller than before it. */
static void
test_migration_6 (Fixture       *fixture,
                  gconstpointer  data)
{
  static const guint order[] = { 0, 1, 2, 3, 4 };
  g_autofree char *before = NULL, *after = NULL, *path = NULL, *records = NULL, *migrated = NULL;
  g_autofree char *types = NULL, *free_pages = NULL;
  g_autoptr(TallyFacts) kept = NULL;
  g_autoptr(GString) many = g_string_new ("Record ID,Deal Stage,Close Date,Amount,utm_source,utm_campaign\n");
  g_autoptr(GError) error = NULL;
  GStatBuf before_migration, after_migration;

  import_in_order (fixture, order);
  tally_test_import (fixture, "deals-by-email.csv", deals_by_email);
  for (guint i = 1; i <= 3000; i++)
    g_string_append_printf (many, "%u,Closed Won,2026-02-%02u,%u.50,facebook,invierno_%u\n", 5000 + i, 1 + i % 28, i,
                            i % 3);
  tally_test_import (fixture, "many-deals.csv", many->str);
  before = report_json (fixture);
  records = dump_records (fixture->project);
  path = close_project (fixture);

  make_schema_5 (path);
  g_assert_cmpint (g_stat (path, &before_migration), ==, 0);
  fixture->project = tally_project_open (path, &error);
  g_assert_no_error (error);
  g_assert_cmpint (g_stat (path, &after_migration), ==, 0);
  g_assert_cmpint (after_migration.st_size, <, before_migration.st_size);
  free_pages = query_text (fixture->project, "PRAGMA freelist_count");
  g_assert_cmpstr (free_pages, ==, "0");
  migrated = dump_records (fixture->project);
  g_assert_cmpstr (migrated, ==, records);
  kept = _tally_facts_cache_read (fixture->project, _tally_facts_data_version (fixture->project));
  g_assert_nonnull (kept);
  after = report_json (fixture);
  g_assert_cmpstr (after, ==, before);

  types = query_text (fixture->project, "SELECT group_concat (DISTINCT typeof (origin) || typeof (kind)) FROM crm_rows");
  g_assert_cmpstr (types, ==, "integerinteger");
}

/* The records as the engine reads them, worked out by hand: contacts 1
 * and 2 are records 0 and 1, deals 11, 12 and 13 records 2, 3 and 4 (the
 * order of their row ids). Deals 11 and 12 reference contacts 1 and 2;
 * deal 13 none, nor do the contacts' own rows. Ana's and Beto's rows
 * differ in their sources; deals 11 and 12 have one shape (a stage, a
 * contact, no source), deal 13 another (no contact). No refund. */
static void
test_records (Fixture       *fixture,
              gconstpointer  data)
{
  static const guint forward[] = { 0, 1, 2, 3, 4 };
  g_autoptr(TallyFacts) built = NULL;
  g_autoptr(TallyFacts) cached = NULL;
  g_autoptr(GError) error = NULL;
  TallyFacts *both[2];

  import_in_order (fixture, forward);
  cached = tally_facts_load (fixture->project, &error);
  g_assert_no_error (error);
  built = _tally_facts_build (fixture->project, &error);
  g_assert_no_error (error);
  both[0] = cached;
  both[1] = built;

  g_assert_cmpuint (sizeof (CrmFact), ==, 32);
  for (guint k = 0; k < 2; k++)
    {
      TallyFacts *facts = both[k];
      const CrmFact *crm = (const CrmFact *) facts->crm->data;

      g_assert_cmpuint (facts->crm->len, ==, 5);
      g_assert_cmpuint (facts->crm_shapes->len, ==, 4);
      g_assert_cmpuint (facts->crm_contacts->len, ==, 2);
      g_assert_cmpuint (facts->crm_refunds->len, ==, 0);
      g_assert_cmpint (tally_facts_crm_contact (facts, &crm[0]), ==, -1);
      g_assert_cmpint (tally_facts_crm_contact (facts, &crm[1]), ==, -1);
      g_assert_cmpint (tally_facts_crm_contact (facts, &crm[2]), ==, 0);
      g_assert_cmpint (tally_facts_crm_contact (facts, &crm[3]), ==, 1);
      g_assert_cmpint (tally_facts_crm_contact (facts, &crm[4]), ==, -1);
      g_assert_cmpuint (crm[2].shape, ==, crm[3].shape);
      g_assert_cmpuint (crm[0].shape, !=, crm[1].shape);
      g_assert_cmpuint (crm[2].shape, !=, crm[4].shape);
      g_assert_cmpstr (tally_facts_string (facts, tally_facts_crm_touches (facts, &crm[0])->crm_source[TOUCH_ORIGINAL]),
                       ==, "Paid social");
      g_assert_cmpstr (tally_facts_string (facts, tally_facts_crm_shape (facts, &crm[4])->stage), ==, "Closed Won");
      g_assert_cmpint (tally_facts_crm_shape (facts, &crm[4])->flags & CRM_FACT_CONTACT, ==, 0);
      g_assert_cmpint (crm[4].amount, ==, 7000);
    }
  g_assert_cmpmem (built->crm->data, 5 * sizeof (CrmFact), cached->crm->data, 5 * sizeof (CrmFact));
  g_assert_cmpmem (built->crm_shapes->data, 4 * sizeof (CrmShape), cached->crm_shapes->data, 4 * sizeof (CrmShape));
  g_assert_cmpmem (built->crm_contacts->data, 2 * sizeof (CrmContact), cached->crm_contacts->data, 2 * sizeof (CrmContact));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add ("/tally/facts-cache/kept-by-import", Fixture, NULL, tally_test_fixture_setup, test_kept_by_import,
              tally_test_fixture_teardown);
  g_test_add ("/tally/facts-cache/order", Fixture, NULL, tally_test_fixture_setup, test_order,
              tally_test_fixture_teardown);
  g_test_add ("/tally/facts-cache/migration-5", Fixture, NULL, tally_test_fixture_setup, test_migration_5,
              tally_test_fixture_teardown);
  g_test_add ("/tally/facts-cache/migration-6", Fixture, NULL, tally_test_fixture_setup, test_migration_6,
              tally_test_fixture_teardown);
  g_test_add ("/tally/facts-cache/records", Fixture, NULL, tally_test_fixture_setup, test_records,
              tally_test_fixture_teardown);
  return g_test_run ();
}
