/* test-import-session.c: several files as one change, or none of them
 *
 * Copyright 2026 The Tally authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The fixtures are tests/fixtures/e2e/meta-ads-march.csv and
 * hubspot-deals-march.csv, in a project in America/Bogota reporting USD.
 * By hand:
 *   Meta: 2026-03-01 spend 100.00, purchases worth 600.00; 2026-03-02
 *         spend 150.00, worth 450.00. Spend 250.00, Meta value 1,050.00.
 *   HubSpot: deals 501 (400.00) and 502 (250.00) from facebook, 503
 *         (100.00) from google, which is not Meta-sourced. CRM revenue
 *         400.00 + 250.00 = 650.00 from 2 new customers.
 * The totals are in cents.
 */
#include "config.h"

#include <stdio.h>

#include "tally-core.h"
#include "tally-test-project.h"
#include "tally-test-utils.h"

typedef TallyTestClient Fixture;

static char *
fixture_path (const char *name)
{
  return g_test_build_filename (G_TEST_DIST, "fixtures", "e2e", name, NULL);
}

/* The batches the project holds, as the window's connection sees them. */
static guint
count_batches (Fixture *fixture)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) batches = NULL;

  batches = tally_batches_list (fixture->project, &error);
  g_assert_no_error (error);
  return batches->len;
}

static void
store_result_cb (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  GAsyncResult **out = user_data;

  *out = g_object_ref (result);
}

static GAsyncResult *
wait_result (GAsyncResult **slot)
{
  while (*slot == NULL)
    g_main_context_iteration (NULL, TRUE);
  return *slot;
}

/* Imports @name through @session; returns whether it went in. */
static gboolean
import_one (TallyImportSession  *session,
            const char          *path,
            GCancellable        *cancellable,
            GError             **error)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(TallyImportResult) import_result = NULL;
  gboolean ok;

  tally_import_session_import_async (session, path, NULL, cancellable, store_result_cb, &result);
  g_assert_true (tally_import_session_is_busy (session));
  ok = tally_import_session_import_finish (session, wait_result (&result), &import_result, error);
  g_assert_false (tally_import_session_is_busy (session));
  g_assert_nonnull (import_result);
  if (ok)
    g_assert_cmpint (import_result->batch_id, >, 0);
  return ok;
}

static void
import_fixture (TallyImportSession *session,
                const char         *name)
{
  g_autofree char *path = fixture_path (name);
  g_autoptr(GError) error = NULL;

  g_assert_true (import_one (session, path, NULL, &error));
  g_assert_no_error (error);
}

static void
commit (TallyImportSession *session)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;

  tally_import_session_commit_async (session, NULL, store_result_cb, &result);
  g_assert_true (tally_import_session_commit_finish (session, wait_result (&result), &error));
  g_assert_no_error (error);
  g_assert_true (tally_import_session_is_committed (session));
}

static void
data_changed_cb (TallyProject *project,
                 guint        *count)
{
  (*count)++;
}

static void
assert_totals (const TallyImportTotals *totals,
               double                   spend,
               double                   meta_value,
               double                   revenue,
               gint64                   new_customers)
{
  g_assert_true (totals->valid);
  g_assert_cmpfloat_with_epsilon (totals->spend, spend, 0.001);
  g_assert_cmpfloat_with_epsilon (totals->meta_value, meta_value, 0.001);
  g_assert_cmpfloat_with_epsilon (totals->revenue, revenue, 0.001);
  g_assert_cmpint (totals->new_customers, ==, new_customers);
  g_assert_cmpuint (totals->pending, ==, 0);
}

/* Two files in one session, committed: both batches, and the totals move
 * from nothing to both files' sums. */
static void
test_commit (Fixture       *fixture,
             gconstpointer  data)
{
  g_autoptr(TallyImportSession) session = tally_import_session_new (fixture->project);
  guint changed = 0;

  g_signal_connect (fixture->project, "data-changed", G_CALLBACK (data_changed_cb), &changed);
  g_assert_false (tally_import_session_get_totals_before (session)->valid);

  import_fixture (session, "meta-ads-march.csv");
  import_fixture (session, "hubspot-deals-march.csv");
  g_assert_cmpuint (tally_import_session_get_n_imported (session), ==, 2);
  g_assert_cmpint (tally_import_session_get_batch_id (session, 0), <, tally_import_session_get_batch_id (session, 1));

  /* Nothing is there for anyone else before the commit. */
  g_assert_cmpuint (count_batches (fixture), ==, 0);
  g_assert_cmpuint (changed, ==, 0);
  commit (session);
  g_assert_cmpuint (count_batches (fixture), ==, 2);
  g_assert_cmpuint (changed, ==, 1);

  assert_totals (tally_import_session_get_totals_before (session), 0, 0, 0, 0);
  assert_totals (tally_import_session_get_totals_after (session), 25000, 105000, 65000, 2);
  g_assert_cmpstr (tally_import_session_get_currency (session), ==, "USD");
  g_assert_cmpuint (tally_import_session_get_decimals (session), ==, 2);
  g_signal_handlers_disconnect_by_data (fixture->project, &changed);
}

/* With the Meta file already in, the totals before are its sums. */
static void
test_totals_before (Fixture       *fixture,
                    gconstpointer  data)
{
  g_autoptr(TallyImportSession) first = tally_import_session_new (fixture->project);
  g_autoptr(TallyImportSession) session = tally_import_session_new (fixture->project);

  import_fixture (first, "meta-ads-march.csv");
  commit (first);

  import_fixture (session, "hubspot-deals-march.csv");
  commit (session);
  g_assert_cmpuint (count_batches (fixture), ==, 2);
  assert_totals (tally_import_session_get_totals_before (session), 25000, 105000, 0, 0);
  assert_totals (tally_import_session_get_totals_after (session), 25000, 105000, 65000, 2);
}

/* Discarded, or dropped without a commit: nothing is there. */
static void
test_discard (Fixture       *fixture,
              gconstpointer  data)
{
  g_autoptr(TallyImportSession) session = tally_import_session_new (fixture->project);
  TallyImportSession *dropped = tally_import_session_new (fixture->project);

  import_fixture (session, "meta-ads-march.csv");
  import_fixture (session, "hubspot-deals-march.csv");
  tally_import_session_discard (session);
  g_assert_cmpuint (tally_import_session_get_n_imported (session), ==, 0);
  g_assert_false (tally_import_session_is_committed (session));
  g_assert_cmpuint (count_batches (fixture), ==, 0);

  import_fixture (dropped, "meta-ads-march.csv");
  g_assert_finalize_object (dropped);
  g_assert_cmpuint (count_batches (fixture), ==, 0);

  /* A discarded session imports afresh. */
  import_fixture (session, "hubspot-deals-march.csv");
  commit (session);
  g_assert_cmpuint (count_batches (fixture), ==, 1);
  assert_totals (tally_import_session_get_totals_after (session), 0, 0, 65000, 2);
}

/* A HubSpot deals export of @rows rows: long enough for the import to
 * look at its cancellable, which it does every few thousand rows. */
static char *
write_deals (Fixture *fixture,
             guint    rows)
{
  char *path = g_build_filename (fixture->dir, "many-deals.csv", NULL);
  FILE *file = fopen (path, "w");

  g_assert_nonnull (file);
  fputs ("Record ID,Deal Name,Deal Stage,Create Date,Close Date,Amount,UTM Source,UTM Campaign,Pipeline\n", file);
  for (guint i = 0; i < rows; i++)
    fprintf (file, "%u,Pedido %u,Closed Won,2026-03-01 10:00,2026-03-02 18:00,10.00,facebook,901,Ventas\n",
             700000 + i, i);
  g_assert_cmpint (fclose (file), ==, 0);
  return path;
}

/* A cancelled import writes nothing, and leaves the files before it in. */
static void
test_cancel (Fixture       *fixture,
             gconstpointer  data)
{
  g_autoptr(TallyImportSession) session = tally_import_session_new (fixture->project);
  g_autoptr(TallyImportSession) alone = tally_import_session_new (fixture->project);
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autofree char *deals = write_deals (fixture, 10000);
  g_autoptr(GError) error = NULL;

  g_cancellable_cancel (cancellable);
  g_assert_false (import_one (alone, deals, cancellable, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_clear_error (&error);
  g_assert_cmpuint (tally_import_session_get_n_imported (alone), ==, 0);
  /* It let go of the project meanwhile: another program can write. */
  g_assert_false (tally_import_session_get_totals_before (alone)->valid);
  commit (alone);
  g_assert_cmpuint (count_batches (fixture), ==, 0);

  import_fixture (session, "meta-ads-march.csv");
  g_assert_false (import_one (session, deals, cancellable, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_cmpuint (tally_import_session_get_n_imported (session), ==, 1);
  commit (session);
  g_assert_cmpuint (count_batches (fixture), ==, 1);
  assert_totals (tally_import_session_get_totals_after (session), 25000, 105000, 0, 0);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add ("/tally/import-session/commit", Fixture, NULL, tally_test_client_setup, test_commit, tally_test_client_teardown);
  g_test_add ("/tally/import-session/totals-before", Fixture, NULL, tally_test_client_setup, test_totals_before, tally_test_client_teardown);
  g_test_add ("/tally/import-session/discard", Fixture, NULL, tally_test_client_setup, test_discard, tally_test_client_teardown);
  g_test_add ("/tally/import-session/cancel", Fixture, NULL, tally_test_client_setup, test_cancel, tally_test_client_teardown);
  return g_test_run ();
}
