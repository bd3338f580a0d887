/* test-report-session.c: the one road to a report, synchronous and in a
 * worker thread, cancelled, and the report's currency and decimals, on
 * small fixtures whose numbers are worked out by hand
 *
 * Copyright 2026 The Tally authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "tally-core.h"
#include "tally-test-report.h"
#include "tally-test-utils.h"

typedef TallyTestFixture Fixture;

/* Spend 100.00 on 03-02 and 50.00 on 03-03, worth 300.00 and 90.00 to
 * Meta; one Meta-sourced deal of 250.00 won on 03-02. */
static const char meta_csv[] =
  "Day,Campaign ID,Campaign name,Amount spent (USD),Impressions,Link clicks,Purchases,Purchases conversion value\n"
  "2026-03-02,1,Verano,100.00,1000,50,2,300.00\n"
  "2026-03-03,1,Verano,50.00,500,20,1,90.00\n";
static const char deals_csv[] =
  "Record ID,Deal Name,Deal Stage,Close Date,Amount,UTM Source,UTM Campaign,Pipeline\n"
  "1,a,Closed Won,2026-03-02,250.00,facebook,Verano,p\n";

static void
new_client (Fixture    *fixture,
            const char *currency)
{
  tally_test_new_project (fixture, "timezone", "UTC", "reporting_currency", currency, NULL);
}

static TallyReportOptions
options_as_of (const char *as_of,
               TallyGroup  group)
{
  TallyReportOptions options = { TALLY_DAY_UNSET, TALLY_DAY_UNSET, group, TALLY_DAY_UNSET };

  g_assert_true (tally_day_parse (as_of, &options.as_of));
  return options;
}

static char *
file_checksum (Fixture *fixture)
{
  g_autofree char *path = g_build_filename (fixture->dir, "client.tally", NULL);
  g_autofree char *contents = NULL;
  gsize length;

  g_assert_true (g_file_get_contents (path, &contents, &length, NULL));
  return g_compute_checksum_for_data (G_CHECKSUM_SHA256, (const guchar *) contents, length);
}

/* The JSON of `report --json` for @options, the synchronous way. */
static char *
sync_json (Fixture                  *fixture,
           const TallyReportOptions *options)
{
  g_autoptr(TallyReportSession) session = tally_report_session_new (fixture->project);
  g_autoptr(GError) error = NULL;

  tally_report_session_set_options (session, options);
  g_assert_true (tally_report_session_build (session, NULL, &error));
  g_assert_no_error (error);
  return tally_report_to_json (tally_report_session_get_report (session));
}

typedef struct
{
  gboolean  done;
  gboolean  built;
  GError   *error;
} Wait;

static void
built_cb (GObject      *object,
          GAsyncResult *result,
          gpointer      user_data)
{
  Wait *wait = user_data;

  wait->built = tally_report_session_build_finish (TALLY_REPORT_SESSION (object), result, &wait->error);
  wait->done = TRUE;
}

/* Builds @session in its worker, iterating the main context until done. */
static gboolean
build_and_wait (TallyReportSession  *session,
                GCancellable        *cancellable,
                gboolean             cancel_now,
                GError             **error)
{
  Wait wait = { 0 };

  tally_report_session_build_async (session, cancellable, built_cb, &wait);
  if (cancel_now)
    g_cancellable_cancel (cancellable);
  while (!wait.done)
    g_main_context_iteration (NULL, TRUE);

  if (wait.error != NULL)
    g_propagate_error (error, wait.error);
  return wait.built;
}

static void
test_async_same_as_sync (Fixture       *fixture,
                         gconstpointer  data)
{
  TallyReportOptions options = options_as_of ("2026-12-31", TALLY_GROUP_DAY);
  g_autoptr(TallyReportSession) session = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *expected = NULL;
  g_autofree char *by_worker = NULL;
  g_autofree char *by_campaign = NULL;

  new_client (fixture, "USD");
  tally_test_import (fixture, "meta.csv", meta_csv);
  tally_test_import (fixture, "deals.csv", deals_csv);
  expected = sync_json (fixture, &options);

  session = tally_report_session_new (fixture->project);
  tally_report_session_set_options (session, &options);
  g_assert_null (tally_report_session_get_report (session));
  g_assert_true (build_and_wait (session, NULL, FALSE, &error));
  g_assert_no_error (error);
  by_worker = tally_report_to_json (tally_report_session_get_report (session));
  g_assert_cmpstr (by_worker, ==, expected);

  /* The worker read through a connection of its own. */
  g_assert_true (tally_report_session_get_project (session) != fixture->project);
  g_assert_true (tally_report_session_has_data (session));

  /* Nothing to read again: the next build, by campaign, is done at once,
   * and gives what the synchronous road gives. */
  options.group = TALLY_GROUP_CAMPAIGN;
  tally_report_session_set_options (session, &options);
  g_assert_true (build_and_wait (session, NULL, FALSE, &error));
  g_assert_no_error (error);
  by_campaign = tally_report_to_json (tally_report_session_get_report (session));
  g_clear_pointer (&expected, g_free);
  expected = sync_json (fixture, &options);
  g_assert_cmpstr (by_campaign, ==, expected);
  g_assert_cmpuint (tally_report_session_get_report (session)->rows->len, ==, 1);
}

static void
test_cancel (Fixture       *fixture,
             gconstpointer  data)
{
  TallyReportOptions options = options_as_of ("2026-12-31", TALLY_GROUP_DAY);
  g_autoptr(TallyReportSession) session = NULL;
  g_autoptr(GCancellable) cancellable = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *warm = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  TallyReport *kept;

  new_client (fixture, "USD");
  tally_test_import (fixture, "meta.csv", meta_csv);
  tally_test_import (fixture, "deals.csv", deals_csv);
  /* The first report builds the facts cache; from then on, nothing. */
  warm = sync_json (fixture, &options);
  before = file_checksum (fixture);

  /* Cancelled before it starts, and while its worker reads. */
  session = tally_report_session_new (fixture->project);
  tally_report_session_set_options (session, &options);
  cancellable = g_cancellable_new ();
  g_cancellable_cancel (cancellable);
  g_assert_false (build_and_wait (session, cancellable, FALSE, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_null (tally_report_session_get_report (session));
  g_clear_error (&error);
  g_clear_object (&cancellable);

  cancellable = g_cancellable_new ();
  g_assert_false (build_and_wait (session, cancellable, TRUE, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_null (tally_report_session_get_report (session));
  g_assert_null (tally_report_session_get_engine (session));
  g_clear_error (&error);
  g_clear_object (&cancellable);

  /* A session with a report keeps it when a later build is cancelled. */
  g_assert_true (tally_report_session_build (session, NULL, &error));
  g_assert_no_error (error);
  kept = tally_report_session_get_report (session);
  tally_report_session_invalidate (session);
  cancellable = g_cancellable_new ();
  g_assert_false (build_and_wait (session, cancellable, TRUE, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_true (tally_report_session_get_report (session) == kept);

  after = file_checksum (fixture);
  g_assert_cmpstr (before, ==, after);
}

/* One day of Meta spend in the reporting currency, nothing else. */
static void
check_currency (Fixture    *fixture,
                const char *currency,
                const char *amount,
                guint       decimals,
                gint64      minor,
                const char *json_spend)
{
  TallyReportOptions options = options_as_of ("2026-12-31", TALLY_GROUP_DAY);
  g_autoptr(TallyReportSession) session = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *csv = g_strdup_printf ("Day,Campaign ID,Campaign name,Amount spent (%s),Impressions\n"
                                          "2026-03-02,1,Verano,%s,1000\n", currency, amount);
  g_autofree char *json = NULL;
  TallyReport *report;

  new_client (fixture, currency);
  tally_test_import (fixture, "meta.csv", csv);

  session = tally_report_session_new (fixture->project);
  tally_report_session_set_options (session, &options);
  g_assert_true (tally_report_session_build (session, NULL, &error));
  g_assert_no_error (error);
  report = tally_report_session_get_report (session);

  g_assert_cmpstr (tally_report_get_currency (report), ==, currency);
  g_assert_cmpuint (tally_report_get_decimals (report), ==, decimals);
  g_assert_cmpfloat (tally_report_metric (report, &report->totals, "spend"), ==, (double) minor);
  json = tally_report_to_json (report);
  g_assert_nonnull (strstr (json, json_spend));
}

static void
test_currency_decimals (Fixture       *fixture,
                        gconstpointer  data)
{
  /* 1,234.56 dollars are 123456 cents; yen have no minor unit; a
   * Kuwaiti dinar has a thousand fils (and 1234.567 reads only one way). */
  check_currency (fixture, "USD", "1234.56", 2, 123456, "\"spend\": 1234.56,");
  tally_test_fixture_teardown (fixture, NULL);
  tally_test_fixture_setup (fixture, NULL);
  check_currency (fixture, "JPY", "1234", 0, 1234, "\"spend\": 1234,");
  tally_test_fixture_teardown (fixture, NULL);
  tally_test_fixture_setup (fixture, NULL);
  check_currency (fixture, "KWD", "1234.567", 3, 1234567, "\"spend\": 1234.567,");
}

/* A range that ends before it starts once the data's own first or last
 * day fills in for the one not given: From after the data's last day
 * (03-03), To before its first (03-02). Today is a day with data, where
 * the empty range is put: nothing of it is summed, nothing crashes. */
static void
test_range_past_the_data (Fixture       *fixture,
                          gconstpointer  data)
{
  static const struct { const char *from, *to, *as_of; } ranges[] = {
    { "2026-03-04", NULL, "2026-03-03" },
    { NULL, "2026-03-01", "2026-03-02" },
  };

  new_client (fixture, "USD");
  tally_test_import (fixture, "meta.csv", meta_csv);
  tally_test_import (fixture, "deals.csv", deals_csv);

  for (guint i = 0; i < G_N_ELEMENTS (ranges); i++)
    for (TallyGroup group = TALLY_GROUP_DAY; group <= TALLY_GROUP_CAMPAIGN; group++)
      {
        TallyReportOptions options = options_as_of (ranges[i].as_of, group);
        g_autoptr(TallyReportSession) session = tally_report_session_new (fixture->project);
        g_autoptr(GError) error = NULL;
        TallyReport *report;

        if (ranges[i].from != NULL)
          g_assert_true (tally_day_parse (ranges[i].from, &options.from));
        if (ranges[i].to != NULL)
          g_assert_true (tally_day_parse (ranges[i].to, &options.to));
        tally_report_session_set_options (session, &options);
        g_assert_true (tally_report_session_build (session, NULL, &error));
        g_assert_no_error (error);
        report = tally_report_session_get_report (session);
        g_assert_cmpuint (report->totals.n_days, ==, 0);
        g_assert_cmpfloat (tally_report_metric (report, &report->totals, "spend"), ==, 0);
        g_assert_cmpfloat (tally_report_metric (report, &report->totals, "revenue_net"), ==, 0);
      }
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add ("/tally/report-session/async-same-as-sync", Fixture, NULL,
              tally_test_fixture_setup, test_async_same_as_sync, tally_test_fixture_teardown);
  g_test_add ("/tally/report-session/cancel", Fixture, NULL,
              tally_test_fixture_setup, test_cancel, tally_test_fixture_teardown);
  g_test_add ("/tally/report-session/currency-decimals", Fixture, NULL,
              tally_test_fixture_setup, test_currency_decimals, tally_test_fixture_teardown);
  g_test_add ("/tally/report-session/range-past-the-data", Fixture, NULL,
              tally_test_fixture_setup, test_range_past_the_data, tally_test_fixture_teardown);

  return g_test_run ();
}
