/* test-batches.c: batches: the same file twice, overlapping exports, undo
 *
 * Copyright 2026 The Tally authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Every expected number here is worked out by hand from the fixture above
 * it.
 */
#include "config.h"

#include <string.h>

#include "tally-core.h"
#include "tally-project-private.h"
#include "tally-store.h"
#include "tally-test-import.h"
#include "tally-test-utils.h"

static void
test_duplicate_file (Fixture       *fixture,
                     gconstpointer  data)
{
  g_autoptr(TallyImportResult) first = import_text (fixture, "deals.csv", deals_utf8, NULL, -1);
  g_autoptr(TallyImportResult) second = import_text (fixture, "deals.csv", deals_utf8, NULL, TALLY_ERROR_DUPLICATE);
  g_autoptr(TallyImportResult) renamed = import_text (fixture, "deals copy.csv", deals_utf8, NULL, TALLY_ERROR_DUPLICATE);
  g_autoptr(TallyImportResult) again = NULL;
  g_autofree char *path = g_build_filename (fixture->dir, "deals.csv", NULL);
  g_autoptr(GError) error = NULL;

  g_assert_cmpint (first->batch_id, ==, 1);
  g_assert_cmpint (query_int (fixture, "SELECT count(*) FROM import_batches"), ==, 1);

  /* The sentence names the earlier batch; renaming the file changes nothing. */
  tally_import_file (fixture->project, path, NULL, NULL, NULL, NULL, NULL, &error);
  g_assert_nonnull (strstr (error->message, "batch 1"));

  /* After undo, the same bytes may come in again. */
  g_assert_true (tally_batches_undo (fixture->project, 1, NULL));
  again = import_text (fixture, "deals.csv", deals_utf8, NULL, -1);
  g_assert_cmpint (again->batch_id, ==, 2);
}

static void
test_overlap_and_undo (Fixture       *fixture,
                       gconstpointer  data)
{
  static const char a[] =
    "Record ID,Deal Stage,Close Date,Amount\n101,Closed Won,2026-08-01,100\n102,Closed Won,2026-08-02,200\n103,Open,,300\n";
  static const char b[] =
    "Record ID,Deal Stage,Close Date,Amount\n102,Closed Won,2026-08-02,250\n103,Closed Won,2026-08-09,330\n104,Closed Won,2026-08-10,400\n";
  static const char c[] =
    "Record ID,Deal Stage,Close Date,Amount\n102,Closed Won,2026-08-02,260\n";
  g_autoptr(TallyImportResult) first = import_text (fixture, "a.csv", a, NULL, -1);
  g_autoptr(TallyImportResult) second = import_text (fixture, "b.csv", b, NULL, -1);
  g_autoptr(TallyImportResult) third = NULL;
  g_autoptr(GPtrArray) batches = NULL;
  g_autoptr(GError) error = NULL;

  /* The latest import wins; the replacements are counted. */
  g_assert_cmpuint (second->rows_added, ==, 3);
  g_assert_cmpuint (second->rows_replaced, ==, 2);
  g_assert_cmpint (active_amount (fixture, "101"), ==, 10000);
  g_assert_cmpint (active_amount (fixture, "102"), ==, 25000);
  g_assert_cmpint (active_amount (fixture, "103"), ==, 33000);
  g_assert_cmpint (active_amount (fixture, "104"), ==, 40000);

  /* Undoing B brings A's rows back and takes B's own away. */
  g_assert_true (tally_batches_undo (fixture->project, second->batch_id, &error));
  g_assert_no_error (error);
  g_assert_cmpint (active_amount (fixture, "102"), ==, 20000);
  g_assert_cmpint (active_amount (fixture, "103"), ==, 30000);
  g_assert_cmpint (active_amount (fixture, "104"), ==, -1);
  g_assert_cmpint (query_int (fixture, "SELECT count(*) FROM crm_records WHERE replaced_by IS NULL"), ==, 3);

  batches = tally_batches_list (fixture->project, NULL);
  g_assert_cmpuint (batches->len, ==, 2);
  g_assert_nonnull (((TallyBatch *) g_ptr_array_index (batches, 1))->undone_at);
  g_assert_false (tally_batches_undo (fixture->project, second->batch_id, &error));
  g_assert_error (error, TALLY_ERROR, TALLY_ERROR_INVALID);
  g_clear_error (&error);

  /* A later batch keeps winning when the one between is undone. */
  g_clear_pointer (&second, tally_import_result_free);
  second = import_text (fixture, "b2.csv", b, NULL, -1);
  third = import_text (fixture, "c.csv", c, NULL, -1);
  g_assert_cmpint (active_amount (fixture, "102"), ==, 26000);
  g_assert_true (tally_batches_undo (fixture->project, second->batch_id, NULL));
  g_assert_cmpint (active_amount (fixture, "102"), ==, 26000);
  g_assert_cmpint (active_amount (fixture, "103"), ==, 30000);
  g_assert_true (tally_batches_undo (fixture->project, third->batch_id, NULL));
  g_assert_cmpint (active_amount (fixture, "102"), ==, 20000);

  g_assert_false (tally_batches_undo (fixture->project, 99, &error));
  g_assert_error (error, TALLY_ERROR, TALLY_ERROR_NOT_FOUND);
}

/* Rows of one export with the same keys are different things Meta named
 * alike: kept and summed; a later export replaces them as a group, and
 * undoing it brings the whole group back (SPEC section 2). */
static void
test_same_keys_in_one_file (Fixture       *fixture,
                            gconstpointer  data)
{
  static const char first[] =
    "Day,Campaign name,Audience segments,Delivery status,Amount spent (MXN),Impressions,Purchases\n"
    "2026-08-14,Instagram post: When the unexpected happens,Prospecting,active,100.00,1000,1\n"
    "2026-08-14,Instagram post: When the unexpected happens,Existing customers,active,50.50,400,2\n"
    "2026-08-14,Instagram post: When the unexpected happens,Prospecting,inactive,25.25,100,0\n"
    "2026-08-15,Instagram post: When the unexpected happens,Prospecting,active,10.00,90,0\n";
  /* A re-export of the 14th: one row now, and its status changed. */
  static const char later[] =
    "Day,Campaign name,Delivery status,Amount spent (MXN),Impressions,Purchases\n"
    "2026-08-14,Instagram post: When the unexpected happens,completed,180.00,1600,3\n";
  g_autoptr(TallyImportResult) a = import_text (fixture, "first.csv", first, NULL, -1);
  g_autoptr(TallyImportResult) b = NULL;
  const char *spend_14 = "SELECT sum (spend) FROM meta_rows WHERE replaced_by IS NULL AND date_start = '2026-08-14'";

  /* By hand: 100.00 + 50.50 + 25.25 = 175.75 on the 14th, none rejected. */
  g_assert_cmpuint (a->n_rejected, ==, 0);
  g_assert_cmpuint (a->rows_added, ==, 4);
  g_assert_cmpint (query_int (fixture, spend_14), ==, 17575);
  g_assert_cmpint (query_int (fixture, "SELECT sum (purchases) FROM meta_rows WHERE replaced_by IS NULL"), ==, 3);

  /* The later export replaces all three rows of the 14th, not the 15th. */
  b = import_text (fixture, "later.csv", later, NULL, -1);
  g_assert_cmpuint (b->rows_replaced, ==, 3);
  g_assert_cmpint (query_int (fixture, spend_14), ==, 18000);
  g_assert_cmpint (query_int (fixture, "SELECT sum (spend) FROM meta_rows WHERE replaced_by IS NULL"), ==, 19000);

  g_assert_true (tally_batches_undo (fixture->project, b->batch_id, NULL));
  g_assert_cmpint (query_int (fixture, spend_14), ==, 17575);
}

/* A record id that comes again is refused whatever the order: within
 * the first rows, which come in the order of their ids, after a block of
 * rows has gone to the writer (512 rows), out of order, and for an id
 * that is no number. Ids 1 to 600 are lines 2 to 601. */
static void
test_repeated_ids (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autoptr(GString) csv = g_string_new ("Record ID,Deal Stage,Amount\n");
  TallyImportOptions skip = { .skip_invalid = TRUE };
  g_autoptr(TallyImportResult) result = NULL;
  static const guint64 lines[] = { 602, 605, 606 };
  static const char * const repeats[] = { "line 301", "line 603", "line 301" };

  for (guint i = 1; i <= 600; i++)
    g_string_append_printf (csv, "%u,Open,%u\n", i, i);
  /* 602: 300 again; 603: X-1; 604: 601; 605: X-1 again; 606: 300 again. */
  g_string_append (csv, "300,Open,1\nX-1,Open,2\n601,Open,3\nX-1,Open,4\n300,Open,5\n");

  result = import_text (fixture, "repeats.csv", csv->str, &skip, -1);
  g_assert_cmpuint (result->rows_added, ==, 602);
  g_assert_cmpuint (result->n_rejected, ==, 3);
  for (guint i = 0; i < G_N_ELEMENTS (lines); i++)
    {
      TallyImportIssue *issue = g_ptr_array_index (result->issues, i);

      g_assert_cmpuint (issue->line, ==, lines[i]);
      g_assert_nonnull (strstr (issue->reason, repeats[i]));
    }
  g_assert_cmpint (query_int (fixture, "SELECT count(DISTINCT record_id) FROM crm_records"), ==, 602);
  g_assert_cmpint (active_amount (fixture, "300"), ==, 30000);
  g_assert_cmpint (active_amount (fixture, "X-1"), ==, 200);
}

/* A row the table refuses while the writer's thread stores it (here a
 * trigger added by hand) fails the whole import with a sentence: no
 * batch, no row, and the project as it was. */
static void
test_refused_by_table (Fixture       *fixture,
                       gconstpointer  data)
{
  sqlite3 *db = _tally_store_get_db (_tally_project_get_store (fixture->project));
  g_autoptr(GString) csv = g_string_new ("Record ID,Deal Stage,Amount\n");
  g_autoptr(TallyImportResult) result = NULL;
  g_autoptr(TallyImportResult) later = NULL;

  g_assert_cmpint (sqlite3_exec (db, "CREATE TRIGGER refuse BEFORE INSERT ON crm_rows WHEN NEW.line = 900 "
                                     "BEGIN SELECT RAISE (ABORT, 'no'); END", NULL, NULL, NULL), ==, SQLITE_OK);
  for (guint i = 1; i <= 1000; i++)
    g_string_append_printf (csv, "%u,Open,%u\n", i, i);

  result = import_text (fixture, "refused.csv", csv->str, NULL, TALLY_ERROR_CORRUPT);
  g_assert_cmpint (query_int (fixture, "SELECT count(*) FROM import_batches"), ==, 0);
  g_assert_cmpint (query_int (fixture, "SELECT count(*) FROM crm_rows"), ==, 0);
  g_assert_cmpint (query_int (fixture, "SELECT count(*) FROM strings"), ==, 0);

  /* Without the trigger, the same file imports whole. */
  g_assert_cmpint (sqlite3_exec (db, "DROP TRIGGER refuse", NULL, NULL, NULL), ==, SQLITE_OK);
  later = import_text (fixture, "refused.csv", csv->str, NULL, -1);
  g_assert_cmpuint (later->rows_added, ==, 1000);
  g_assert_cmpint (query_int (fixture, "SELECT sum (amount) FROM crm_records"), ==, 50050000);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

#define ADD(name, func) g_test_add (name, Fixture, NULL, fixture_setup, func, fixture_teardown)
  ADD ("/tally/batches/duplicate-file", test_duplicate_file);
  ADD ("/tally/batches/overlap-and-undo", test_overlap_and_undo);
  ADD ("/tally/batches/same-keys-in-one-file", test_same_keys_in_one_file);
  ADD ("/tally/batches/repeated-ids", test_repeated_ids);
  ADD ("/tally/batches/refused-by-table", test_refused_by_table);
#undef ADD

  return g_test_run ();
}
