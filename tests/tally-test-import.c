/* tally-test-import.c: a project to import into, and queries on it, for
 * the import tests
 *
 * Copyright 2026 The Tally authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "tally-project-private.h"
#include "tally-test-import.h"
#include "tally-test-utils.h"

void
fixture_setup (Fixture       *fixture,
               gconstpointer  data)
{
  const char * const settings[] = { "timezone", "America/Mexico_City", "reporting_currency", "MXN", NULL };
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;

  fixture->dir = tally_test_make_dir ();
  path = g_build_filename (fixture->dir, "client.tally", NULL);
  fixture->project = tally_project_create (path, settings, &error);
  g_assert_no_error (error);
}

void
fixture_teardown (Fixture       *fixture,
                  gconstpointer  data)
{
  g_assert_finalize_object (fixture->project);
  tally_test_remove_dir (fixture->dir);
  g_free (fixture->dir);
}

char *
write_fixture (Fixture    *fixture,
               const char *name,
               const char *contents,
               gssize      length)
{
  char *path = g_build_filename (fixture->dir, name, NULL);

  tally_test_write_file (path, contents, length);
  return path;
}

/* Imports @contents as @name; asserts success unless @expected_error. */
TallyImportResult *
import_text (Fixture                  *fixture,
             const char               *name,
             const char               *contents,
             const TallyImportOptions *options,
             int                       expected_error)
{
  g_autofree char *path = write_fixture (fixture, name, contents, -1);
  g_autoptr(GError) error = NULL;
  TallyImportResult *result = NULL;
  gboolean ok;

  ok = tally_import_file (fixture->project, path, options, NULL, NULL, NULL, &result, &error);
  if (expected_error < 0)
    {
      g_assert_no_error (error);
      g_assert_true (ok);
    }
  else
    {
      g_assert_false (ok);
      g_assert_error (error, TALLY_ERROR, expected_error);
    }
  return result;
}

gint64
query_int (Fixture    *fixture,
           const char *sql)
{
  sqlite3_stmt *stmt = NULL;
  gint64 value;

  g_assert_cmpint (sqlite3_prepare_v2 (_tally_store_get_db (_tally_project_get_store (fixture->project)), sql, -1, &stmt, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  value = sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);
  return value;
}

char *
query_text (Fixture    *fixture,
            const char *sql)
{
  sqlite3_stmt *stmt = NULL;
  char *value;

  g_assert_cmpint (sqlite3_prepare_v2 (_tally_store_get_db (_tally_project_get_store (fixture->project)), sql, -1, &stmt, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  value = sqlite3_column_type (stmt, 0) == SQLITE_NULL ? NULL : g_strdup ((const char *) sqlite3_column_text (stmt, 0));
  sqlite3_finalize (stmt);
  return value;
}

/* A HubSpot deals export of two deals, with accents, a quoted amount with a
 * thousands separator, and a campaign in its UTM column. */
const char deals_utf8[] =
  "Record ID,Deal Name,Deal Stage,Close Date,Amount,Pipeline,Create Date,UTM Campaign\r\n"
  "101,Mesa de comedor — Núñez,Closed Won,2026-08-14 10:00,\"1,234.50\",Ventas,2026-08-01 09:00,campaña_otoño\r\n"
  "102,Silla,Closed Lost,2026-08-15 11:00,99.90,Ventas,2026-08-02 09:00,\r\n";

void
assert_deals_imported (Fixture           *fixture,
                       TallyImportResult *result)
{
  g_autofree char *campaign = NULL;

  g_assert_cmpstr (result->preset_id, ==, "hubspot-deals");
  g_assert_cmpuint (result->rows_added, ==, 2);
  g_assert_cmpint (query_int (fixture, "SELECT amount FROM crm_records WHERE record_id = '101'"), ==, 123450);
  g_assert_cmpint (query_int (fixture, "SELECT amount FROM crm_records WHERE record_id = '102'"), ==, 9990);
  campaign = query_text (fixture, "SELECT utm_campaign FROM crm_records WHERE record_id = '101'");
  g_assert_cmpstr (campaign, ==, "campaña_otoño");
}

gint64
active_amount (Fixture    *fixture,
               const char *record_id)
{
  g_autofree char *sql = g_strdup_printf ("SELECT coalesce ((SELECT amount FROM crm_records WHERE record_id = '%s' "
                                          "AND replaced_by IS NULL), -1)", record_id);

  return query_int (fixture, sql);
}
