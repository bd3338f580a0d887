/* test-strings.c: schema 6's coded CRM columns: texts kept once in the
 * strings table, record ids as numbers where they are plain, and the view
 * crm_records that gives every column back as it was read
 *
 * Copyright 2026 The Tally authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Every expected value here is worked out by hand from the fixture above
 * it.
 */
#include "config.h"

#include <string.h>

#include "tally-core.h"
#include "tally-facts-private.h"
#include "tally-project-private.h"
#include "tally-store.h"
#include "tally-test-import.h"
#include "tally-test-utils.h"

static const char coded[] =
  "Record ID,Deal Stage,Close Date,Amount,utm_source,Landing Page URL\n"
  "0,Closed Won,2026-08-01,100,facebook,https://shop.example.com/\n"
  "7,Closed Won,2026-08-02,200,facebook,https://shop.example.com/p?fbclid=IwAR1\n"
  "007,Open,,300,,https://shop.example.com/\n"
  "A-7,Closed Won,2026-08-03,400,google,\n"
  "1234567890123456789,Open,,500,facebook,https://shop.example.com/\n";

/* The types crm_rows stores @column as, row by row, and what the view
 * gives for it, "-" for NULL. */
static char *
stored (Fixture    *fixture,
        const char *column)
{
  g_autofree char *sql = g_strdup_printf ("SELECT group_concat (t, ',') FROM (SELECT typeof (%s) AS t FROM crm_rows "
                                          "ORDER BY id)", column);

  return query_text (fixture, sql);
}

static char *
viewed (Fixture    *fixture,
        const char *column)
{
  g_autofree char *sql = g_strdup_printf ("SELECT group_concat (coalesce (%s, '-'), ',') FROM (SELECT %s FROM "
                                          "crm_records ORDER BY id)", column, column);

  return query_text (fixture, sql);
}

static void
assert_column (Fixture    *fixture,
               const char *column,
               const char *types,
               const char *texts)
{
  g_autofree char *got_types = stored (fixture, column);
  g_autofree char *got_texts = viewed (fixture, column);

  g_assert_cmpstr (got_types, ==, types);
  g_assert_cmpstr (got_texts, ==, texts);
}

/* Plain decimal ids (0, 7) are integers; 007 keeps its zeros and 19
 * digits stay text, so that 7 and 007 stay two records; repeated texts are
 * ids, a landing page with a query stays inline; the view gives back
 * every text as it was read. */
static void
test_coded (Fixture       *fixture,
            gconstpointer  data)
{
  g_autoptr(TallyImportResult) result = import_text (fixture, "deals.csv", coded, NULL, -1);

  g_assert_cmpuint (result->rows_added, ==, 5);
  assert_column (fixture, "record_id", "integer,integer,text,text,text", "0,7,007,A-7,1234567890123456789");
  assert_column (fixture, "origin", "integer,integer,integer,integer,integer",
                 "hubspot:deals,hubspot:deals,hubspot:deals,hubspot:deals,hubspot:deals");
  assert_column (fixture, "kind", "integer,integer,integer,integer,integer", "deal,deal,deal,deal,deal");
  assert_column (fixture, "stage", "integer,integer,integer,integer,integer", "Closed Won,Closed Won,Open,Closed Won,Open");
  assert_column (fixture, "utm_source", "integer,integer,null,integer,integer", "facebook,facebook,-,google,facebook");
  assert_column (fixture, "landing_url", "integer,text,integer,null,integer",
                 "https://shop.example.com/,https://shop.example.com/p?fbclid=IwAR1,https://shop.example.com/,-,"
                 "https://shop.example.com/");

  /* Each text once: hubspot:deals, deal, Closed Won, Open, MXN, facebook,
   * google and the landing page without a query. */
  g_assert_cmpint (query_int (fixture, "SELECT count(*) FROM strings"), ==, 8);
  g_assert_cmpint (query_int (fixture, "SELECT count(DISTINCT landing_url) FROM crm_rows WHERE typeof (landing_url) = 'integer'"),
                   ==, 1);
}

/* A record comes back under the same id however it is stored: 7 and 007
 * are replaced each by its own row, 0 is left alone, and undo brings
 * both back. */
static void
test_replace (Fixture       *fixture,
              gconstpointer  data)
{
  static const char again[] =
    "Record ID,Deal Stage,Close Date,Amount\n7,Closed Won,2026-08-02,250\n007,Closed Won,2026-08-05,350\n";
  g_autoptr(TallyImportResult) first = import_text (fixture, "deals.csv", coded, NULL, -1);
  g_autoptr(TallyImportResult) second = import_text (fixture, "again.csv", again, NULL, -1);
  g_autoptr(GError) error = NULL;

  g_assert_cmpuint (second->rows_added, ==, 2);
  g_assert_cmpuint (second->rows_replaced, ==, 2);
  g_assert_cmpint (active_amount (fixture, "0"), ==, 10000);
  g_assert_cmpint (active_amount (fixture, "7"), ==, 25000);
  g_assert_cmpint (active_amount (fixture, "007"), ==, 35000);

  g_assert_true (tally_batches_undo (fixture->project, second->batch_id, &error));
  g_assert_no_error (error);
  g_assert_cmpint (active_amount (fixture, "7"), ==, 20000);
  g_assert_cmpint (active_amount (fixture, "007"), ==, 30000);
  g_assert_cmpint (query_int (fixture, "SELECT count(*) FROM crm_records WHERE replaced_by IS NULL"), ==, 5);
}

/* A column whose every value is new adds 4096 texts to the table in a
 * batch and keeps the rest inline; the view gives all of them, and a later
 * batch uses the ids of the texts already there. */
static void
test_many_new_texts (Fixture       *fixture,
                     gconstpointer  data)
{
  g_autoptr(GString) csv = g_string_new ("Record ID,Deal Stage,Amount,utm_content\n");
  g_autoptr(TallyImportResult) first = NULL;
  g_autoptr(TallyImportResult) second = NULL;
  g_autofree char *last = NULL;

  for (guint i = 1; i <= 4100; i++)
    g_string_append_printf (csv, "%u,Open,1,ad-%u\n", i, i);
  first = import_text (fixture, "many.csv", csv->str, NULL, -1);
  g_assert_cmpuint (first->rows_added, ==, 4100);

  g_assert_cmpint (query_int (fixture, "SELECT count(*) FROM crm_rows WHERE typeof (utm_content) = 'integer'"), ==, 4096);
  g_assert_cmpint (query_int (fixture, "SELECT count(*) FROM crm_rows WHERE typeof (utm_content) = 'text'"), ==, 4);
  g_assert_cmpint (query_int (fixture, "SELECT count(DISTINCT utm_content) FROM crm_records"), ==, 4100);
  g_assert_cmpint (query_int (fixture, "SELECT count(*) FROM crm_records WHERE utm_content = 'ad-' || record_id"), ==, 4100);
  last = query_text (fixture, "SELECT utm_content FROM crm_records WHERE record_id = '4100'");
  g_assert_cmpstr (last, ==, "ad-4100");

  second = import_text (fixture, "more.csv", "Record ID,Deal Stage,Amount,utm_content\n5000,Open,1,ad-1\n", NULL, -1);
  g_assert_cmpint (query_int (fixture, "SELECT typeof (utm_content) = 'integer' FROM crm_rows WHERE record_id = 5000"), ==, 1);
}

/* An id that no string has, or a strings table edited by hand, is a
 * damaged file: a sentence, never a wrong text. */
static void
test_damaged (Fixture       *fixture,
              gconstpointer  data)
{
  g_autoptr(TallyImportResult) result = import_text (fixture, "deals.csv", coded, NULL, -1);
  sqlite3 *db = _tally_store_get_db (_tally_project_get_store (fixture->project));
  g_autoptr(TallyFacts) facts = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_cmpint (sqlite3_exec (db, "UPDATE strings SET id = 1000000000 WHERE text = 'Open'", NULL, NULL, NULL), ==,
                   SQLITE_OK);
  facts = _tally_facts_build (fixture->project, &error);
  g_assert_null (facts);
  g_assert_error (error, TALLY_ERROR, TALLY_ERROR_CORRUPT);
  g_assert_nonnull (strstr (error->message, "client.tally"));
  g_assert_nonnull (strstr (error->message, "restore it from a backup"));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add ("/tally/strings/coded", Fixture, NULL, fixture_setup, test_coded, fixture_teardown);
  g_test_add ("/tally/strings/replace", Fixture, NULL, fixture_setup, test_replace, fixture_teardown);
  g_test_add ("/tally/strings/many-new-texts", Fixture, NULL, fixture_setup, test_many_new_texts, fixture_teardown);
  g_test_add ("/tally/strings/damaged", Fixture, NULL, fixture_setup, test_damaged, fixture_teardown);

  return g_test_run ();
}
