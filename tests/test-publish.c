/* test-publish.c: live numbers, publishing, the freeze and restatements
 * (SPEC section 8), on small fixtures whose numbers are worked out by hand
 *
 * Copyright 2026 The Tally authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gstdio.h>
#include <string.h>

#include "tally-core.h"
#include "tally-test-project.h"
#include "tally-test-report.h"
#include "tally-test-utils.h"

typedef TallyTestFixture Fixture;

/* Spend 100.00 on 03-02 and 50.00 on 03-03, worth 300.00 and 90.00 to Meta;
 * one Meta-sourced deal of 250.00 won on 03-02; a late one of 40.00 won on
 * 03-03. */
static const char meta_csv[] =
  "Day,Campaign ID,Campaign name,Amount spent (USD),Impressions,Link clicks,Purchases,Purchases conversion value\n"
  "2026-03-02,1,Verano,100.00,1000,50,2,300.00\n"
  "2026-03-03,1,Verano,50.00,500,20,1,90.00\n";
static const char deals_csv[] =
  "Record ID,Deal Name,Deal Stage,Close Date,Amount,UTM Source,UTM Campaign,Pipeline\n"
  "1,a,Closed Won,2026-03-02,250.00,facebook,Verano,p\n";
static const char late_csv[] =
  "Record ID,Deal Name,Deal Stage,Close Date,Amount,UTM Source,UTM Campaign,Pipeline\n"
  "2,b,Closed Won,2026-03-03,40.00,facebook,Verano,p\n";

static void
new_client (Fixture *fixture)
{
  tally_test_new_project (fixture, "timezone", "UTC", "reporting_currency", "USD", NULL);
}

static gint32
day_of (const char *text)
{
  gint32 day;

  g_assert_true (tally_day_parse (text, &day));
  return day;
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

static const TallyRestatement *
pending (Fixture *fixture,
         guint    i)
{
  g_assert_cmpuint (fixture->view->pending->len, >, i);
  return g_ptr_array_index (fixture->view->pending, i);
}

/* The workflow a new user tried: Meta, a look, the CRM, another look. */
static void
test_workflow_live (Fixture       *fixture,
                    gconstpointer  data)
{
  new_client (fixture);
  tally_test_import (fixture, "meta.csv", meta_csv);
  tally_test_report (fixture, "", "", TALLY_GROUP_DAY, "2026-12-31", FALSE);
  g_assert_cmpint (tally_test_money (fixture, "total", "revenue_net"), ==, 0);

  tally_test_import (fixture, "deals.csv", deals_csv);
  tally_test_report (fixture, "", "", TALLY_GROUP_DAY, "2026-12-31", FALSE);
  g_assert_cmpint (tally_test_money (fixture, "2026-03-02", "revenue_net"), ==, 25000);
  g_assert_cmpint (tally_test_money (fixture, "total", "revenue_net"), ==, 25000);
  g_assert_cmpuint (fixture->report->totals.n_frozen, ==, 0);
  g_assert_cmpuint (fixture->view->pending->len, ==, 0);
  g_assert_false (tally_freeze_has_days (fixture->project));
}

/* Looking at a report, its diagnostics and a session never writes. */
static void
test_viewing_writes_nothing (Fixture       *fixture,
                             gconstpointer  data)
{
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  g_autoptr(TallyReportSession) session = NULL;
  TallyReportOptions options = { TALLY_DAY_UNSET, TALLY_DAY_UNSET, TALLY_GROUP_WEEK, TALLY_DAY_UNSET };
  g_autoptr(GError) error = NULL;

  new_client (fixture);
  tally_test_import (fixture, "meta.csv", meta_csv);
  tally_test_import (fixture, "deals.csv", deals_csv);
  /* The first report builds the facts cache; from then on, nothing. */
  tally_test_report (fixture, "", "", TALLY_GROUP_DAY, "2026-12-31", FALSE);
  before = file_checksum (fixture);

  tally_test_report (fixture, "2026-01-01", "2026-12-31", TALLY_GROUP_DAY, "2027-06-30", FALSE);
  g_assert_nonnull (tally_report_get_diagnostics (fixture->report));
  session = tally_report_session_new (fixture->project);
  tally_report_session_set_options (session, &options);
  g_assert_true (tally_report_session_build (session, NULL, &error));
  g_assert_no_error (error);
  g_clear_object (&session);

  after = file_checksum (fixture);
  g_assert_cmpstr (before, ==, after);
  g_assert_false (tally_freeze_has_days (fixture->project));
}

/* The three files in every order, with a report after each import: the
 * same report, to the byte. */
static void
test_import_orders (Fixture       *fixture,
                    gconstpointer  data)
{
  static const int orders[6][3] = { { 0, 1, 2 }, { 0, 2, 1 }, { 1, 0, 2 }, { 1, 2, 0 }, { 2, 0, 1 }, { 2, 1, 0 } };
  const char *files[] = { meta_csv, deals_csv, late_csv };
  const char *names[] = { "meta.csv", "deals.csv", "late.csv" };
  g_autofree char *first = NULL;

  for (guint o = 0; o < G_N_ELEMENTS (orders); o++)
    {
      g_autofree char *path = g_build_filename (fixture->dir, "client.tally", NULL);
      g_autofree char *json = NULL;

      g_clear_pointer (&fixture->report, tally_report_free);
      g_clear_pointer (&fixture->view, tally_freeze_view_free);
      g_clear_pointer (&fixture->engine, tally_engine_free);
      g_clear_pointer (&fixture->facts, tally_facts_free);
      g_clear_object (&fixture->project);
      g_unlink (path);
      new_client (fixture);

      for (guint i = 0; i < 3; i++)
        {
          tally_test_import (fixture, names[orders[o][i]], files[orders[o][i]]);
          tally_test_report (fixture, "", "", TALLY_GROUP_DAY, "2026-12-31", FALSE);
        }

      /* By hand: 250.00 + 40.00 of revenue, on 150.00 of spend. */
      g_assert_cmpint (tally_test_money (fixture, "2026-03-02", "revenue_net"), ==, 25000);
      g_assert_cmpint (tally_test_money (fixture, "2026-03-03", "revenue_net"), ==, 4000);
      g_assert_cmpint (tally_test_money (fixture, "total", "spend"), ==, 15000);
      g_assert_cmpint (tally_test_count (fixture, "total", "new_customers"), ==, 2);
      g_assert_false (tally_freeze_has_days (fixture->project));

      json = tally_report_to_json (fixture->report);
      if (first == NULL)
        first = g_steal_pointer (&json);
      else
        g_assert_cmpstr (json, ==, first);
    }
}

static void
assert_change (const TallyRestatement *r,
               guint                   i,
               const char             *metric,
               double                  published,
               double                  live)
{
  const TallyMetricChange *c;

  g_assert_cmpuint (r->changes->len, >, i);
  c = &g_array_index (r->changes, TallyMetricChange, i);
  g_assert_cmpstr (c->metric, ==, metric);
  g_assert_cmpfloat (c->published, ==, published);
  g_assert_cmpfloat (c->live, ==, live);
}

/* Publishing 03-01 to 03-10 as of 03-18 freezes the days up to 03-04
 * (14 days old): four of them; the other six stay live. */
static void
test_publish (Fixture       *fixture,
              gconstpointer  data)
{
  g_autoptr(TallyReportSession) session = NULL;
  g_autoptr(TallyPublishPlan) plan = NULL;
  g_autoptr(GPtrArray) publications = NULL;
  g_autoptr(GError) error = NULL;
  const TallyPublication *p;
  const TallyRestatement *r;
  gint64 id;

  new_client (fixture);
  tally_test_import (fixture, "meta.csv", meta_csv);
  tally_test_import (fixture, "deals.csv", deals_csv);

  session = tally_report_session_new (fixture->project);
  g_assert_true (tally_report_session_build (session, NULL, &error));
  g_assert_no_error (error);
  plan = tally_publish_plan_new (session, day_of ("2026-03-01"), day_of ("2026-03-10"), day_of ("2026-03-18"));
  g_assert_cmpuint (plan->to_freeze->len, ==, 4);
  g_assert_cmpint (g_array_index (plan->to_freeze, gint32, 0), ==, day_of ("2026-03-01"));
  g_assert_cmpint (g_array_index (plan->to_freeze, gint32, 3), ==, day_of ("2026-03-04"));
  g_assert_cmpuint (plan->n_live, ==, 6);
  g_assert_cmpuint (plan->n_frozen, ==, 0);
  /* 03-03 has Meta spend and no CRM record: the one warning. */
  g_assert_cmpuint (plan->warnings->len, ==, 1);
  g_assert_true (g_str_has_prefix (g_ptr_array_index (plan->warnings, 0), "2026-03-03: Meta has data but the CRM has no record yet"));
  id = tally_publish (session, plan, "March report", &error);
  g_assert_no_error (error);
  g_assert_cmpint (id, ==, 1);
  g_clear_object (&session);

  publications = tally_publications_list (fixture->project, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (publications->len, ==, 1);
  p = g_ptr_array_index (publications, 0);
  g_assert_cmpstr (p->kind, ==, "publish");
  g_assert_cmpint (p->from, ==, day_of ("2026-03-01"));
  g_assert_cmpint (p->to, ==, day_of ("2026-03-10"));
  g_assert_cmpint (p->as_of, ==, day_of ("2026-03-18"));
  g_assert_cmpuint (p->frozen_days, ==, 4);
  g_assert_cmpstr (p->note, ==, "March report");
  g_assert_nonnull (strstr (p->totals, "\"revenue_net\":250.00"));
  g_assert_nonnull (strstr (p->totals, "\"spend\":150.00"));
  g_assert_nonnull (strstr (p->bridge, "\"start\":390.00"));
  g_assert_nonnull (strstr (p->bridge, "\"end\":250.00"));
  g_assert_nonnull (strstr (p->settings, "\"timezone\":\"UTC\""));

  tally_test_report (fixture, "2026-03-01", "2026-03-10", TALLY_GROUP_DAY, "2026-03-18", FALSE);
  g_assert_cmpuint (fixture->report->totals.n_frozen, ==, 4);
  g_assert_cmpuint (tally_test_row (fixture, "2026-03-04")->n_frozen, ==, 1);
  g_assert_cmpuint (tally_test_row (fixture, "2026-03-05")->n_frozen, ==, 0);

  /* A late deal on the frozen 03-03: the published numbers stay, and the
   * difference waits, per number. */
  tally_test_import (fixture, "late.csv", late_csv);
  tally_test_report (fixture, "2026-03-01", "2026-03-10", TALLY_GROUP_DAY, "2026-03-18", FALSE);
  g_assert_cmpint (tally_test_money (fixture, "2026-03-03", "revenue_net"), ==, 0);
  g_assert_cmpint (tally_test_money (fixture, "total", "revenue_net"), ==, 25000);
  g_assert_cmpuint (fixture->report->n_pending, ==, 1);
  g_assert_cmpuint (fixture->view->pending->len, ==, 1);
  r = pending (fixture, 0);
  g_assert_cmpint (r->day, ==, day_of ("2026-03-03"));
  g_assert_cmpint (r->publication, ==, 1);
  g_assert_null (r->changed_rules);
  g_assert_cmpuint (r->changes->len, ==, 4);
  assert_change (r, 0, "revenue_gross", 0, 4000);
  assert_change (r, 1, "revenue_net", 0, 4000);
  assert_change (r, 2, "revenue_recognized", 0, 4000);
  assert_change (r, 3, "new_customers", 0, 1);

  /* --live: what accepting every restatement would give. */
  tally_test_report (fixture, "2026-03-01", "2026-03-10", TALLY_GROUP_DAY, "2026-03-18", TRUE);
  g_assert_cmpint (tally_test_money (fixture, "2026-03-03", "revenue_net"), ==, 4000);
  g_assert_cmpint (tally_test_money (fixture, "total", "revenue_net"), ==, 29000);
  g_assert_cmpuint (fixture->report->totals.n_frozen, ==, 0);

  /* A late deal on a live day shows at once. */
  tally_test_import (fixture, "later.csv",
                     "Record ID,Deal Name,Deal Stage,Close Date,Amount,UTM Source,UTM Campaign,Pipeline\n"
                     "3,c,Closed Won,2026-03-08,10.00,facebook,Verano,p\n");
  tally_test_report (fixture, "2026-03-01", "2026-03-10", TALLY_GROUP_DAY, "2026-03-18", FALSE);
  g_assert_cmpint (tally_test_money (fixture, "2026-03-08", "revenue_net"), ==, 1000);
  g_assert_cmpuint (fixture->view->pending->len, ==, 1);
}

/* A later publication freezes what has grown old enough since. */
static void
test_publish_later (Fixture       *fixture,
                    gconstpointer  data)
{
  new_client (fixture);
  tally_test_import (fixture, "meta.csv", meta_csv);
  tally_test_import (fixture, "deals.csv", deals_csv);

  /* As of 03-10 nothing of March is 14 days old: published, all live. */
  tally_test_publish (fixture, "2026-03-01", "2026-03-10", "2026-03-10");
  g_assert_false (tally_freeze_has_days (fixture->project));
  tally_test_report (fixture, "2026-03-01", "2026-03-10", TALLY_GROUP_DAY, "2026-03-10", FALSE);
  g_assert_cmpuint (fixture->report->totals.n_frozen, ==, 0);
  g_assert_cmpuint (fixture->view->publications->len, ==, 1);

  /* As of 03-30 every day up to 03-16 may freeze: the whole period. */
  tally_test_publish (fixture, "2026-03-01", "2026-03-10", "2026-03-30");
  tally_test_report (fixture, "2026-03-01", "2026-03-10", TALLY_GROUP_DAY, "2026-03-30", FALSE);
  g_assert_cmpuint (fixture->report->totals.n_frozen, ==, 10);
  g_assert_cmpuint (((TallyPublication *) g_ptr_array_index (fixture->view->publications, 1))->frozen_days, ==, 10);
  g_assert_cmpint (GPOINTER_TO_SIZE (g_hash_table_lookup (fixture->view->days, GINT_TO_POINTER (day_of ("2026-03-02")))), ==, 2);
}

/* Accepting a restatement: the live numbers become the published ones,
 * logged; all the days asked for, or none. */
static void
test_accept (Fixture       *fixture,
             gconstpointer  data)
{
  g_autoptr(GPtrArray) log = NULL;
  g_autoptr(GError) error = NULL;
  gint32 days[2];

  new_client (fixture);
  tally_test_import (fixture, "meta.csv", meta_csv);
  tally_test_import (fixture, "deals.csv", deals_csv);
  tally_test_publish (fixture, "2026-03-01", "2026-03-10", "2026-03-18");
  tally_test_import (fixture, "late.csv", late_csv);

  /* 03-03 is frozen, 03-09 is not: neither is restated. */
  days[0] = day_of ("2026-03-03");
  days[1] = day_of ("2026-03-09");
  g_assert_false (tally_freeze_restate (fixture->project, days, 2, "late deal", &error));
  g_assert_error (error, TALLY_ERROR, TALLY_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "2026-03-09 is not a frozen day"));
  g_clear_error (&error);
  tally_test_report (fixture, "2026-03-01", "2026-03-10", TALLY_GROUP_DAY, "2026-03-18", FALSE);
  g_assert_cmpint (tally_test_money (fixture, "2026-03-03", "revenue_net"), ==, 0);
  log = tally_freeze_list_log (fixture->project, &error);
  g_assert_cmpuint (log->len, ==, 0);
  g_clear_pointer (&log, g_ptr_array_unref);

  g_assert_true (tally_freeze_restate (fixture->project, days, 1, "late deal from the shop", &error));
  g_assert_no_error (error);
  tally_test_report (fixture, "2026-03-01", "2026-03-10", TALLY_GROUP_DAY, "2026-03-18", FALSE);
  g_assert_cmpint (tally_test_money (fixture, "2026-03-03", "revenue_net"), ==, 4000);
  g_assert_cmpuint (tally_test_row (fixture, "2026-03-03")->n_frozen, ==, 1);
  g_assert_cmpuint (fixture->view->pending->len, ==, 0);
  log = tally_freeze_list_log (fixture->project, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (log->len, ==, 1);
  g_assert_cmpstr (((TallyRestatementEntry *) log->pdata[0])->day, ==, "2026-03-03");
  g_assert_cmpstr (((TallyRestatementEntry *) log->pdata[0])->why, ==, "late deal from the shop");
}

/* Undoing a batch restates the frozen days it touches, logged; a setting
 * that moves numbers between days restates them too, one that chooses
 * among what a day keeps does not. */
static void
test_undo_and_settings (Fixture       *fixture,
                        gconstpointer  data)
{
  g_autoptr(GPtrArray) log = NULL;
  g_autoptr(GPtrArray) batches = NULL;
  g_autoptr(GError) error = NULL;
  gint64 late_batch = 0;

  new_client (fixture);
  tally_test_import (fixture, "meta.csv", meta_csv);
  tally_test_import (fixture, "deals.csv",
                     "Record ID,Deal Name,Deal Stage,Close Date,Amount,UTM Source,UTM Campaign,Pipeline\n"
                     "1,a,Closed Won,2026-03-02T03:00:00Z,250.00,facebook,Verano,p\n");
  tally_test_import (fixture, "late.csv", late_csv);
  tally_test_publish (fixture, "2026-03-01", "2026-03-10", "2026-03-18");

  batches = tally_batches_list (fixture->project, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < batches->len; i++)
    late_batch = MAX (late_batch, ((TallyBatch *) batches->pdata[i])->id);
  g_assert_true (tally_batches_undo (fixture->project, late_batch, &error));
  g_assert_no_error (error);
  tally_test_report (fixture, "2026-03-01", "2026-03-10", TALLY_GROUP_DAY, "2026-03-18", FALSE);
  g_assert_cmpint (tally_test_money (fixture, "2026-03-03", "revenue_net"), ==, 0);
  g_assert_cmpuint (fixture->view->pending->len, ==, 0);
  log = tally_freeze_list_log (fixture->project, &error);
  g_assert_cmpuint (log->len, ==, 1);
  g_assert_cmpstr (((TallyRestatementEntry *) log->pdata[0])->day, ==, "2026-03-03");
  g_assert_true (g_str_has_prefix (((TallyRestatementEntry *) log->pdata[0])->why, "undo of batch"));
  g_clear_pointer (&log, g_ptr_array_unref);

  /* The revenue basis chooses among what a frozen day keeps. */
  tally_test_set (fixture, "revenue_basis", "gross");
  tally_test_set (fixture, "revenue_basis", "net");
  log = tally_freeze_list_log (fixture->project, &error);
  g_assert_cmpuint (log->len, ==, 1);
  g_clear_pointer (&log, g_ptr_array_unref);

  /* Mexico City moves the 03:00 UTC sale to 03-01: both days restated by
   * the setting itself, logged with its name. */
  tally_test_set (fixture, "timezone", "America/Mexico_City");
  log = tally_freeze_list_log (fixture->project, &error);
  g_assert_cmpuint (log->len, ==, 3);
  g_assert_cmpstr (((TallyRestatementEntry *) log->pdata[1])->why, ==, "settings changed: timezone");
  g_assert_cmpstr (((TallyRestatementEntry *) log->pdata[2])->why, ==, "settings changed: timezone");
  tally_test_report (fixture, "2026-03-01", "2026-03-10", TALLY_GROUP_DAY, "2026-03-18", FALSE);
  g_assert_cmpint (tally_test_money (fixture, "2026-03-01", "revenue_net"), ==, 25000);
  g_assert_cmpint (tally_test_money (fixture, "2026-03-02", "revenue_net"), ==, 0);
  g_assert_cmpuint (fixture->view->pending->len, ==, 0);
}

/* M + steps = C for the M and C shown, in a mix of frozen and live days,
 * under every revenue basis and refund policy; and a frozen day's steps
 * stay what was published when its data changes. */
static void
assert_bridge_adds_up (Fixture    *fixture,
                       const char *basis)
{
  const TallyBridge *bridge = &fixture->report->bridge;
  g_autofree char *metric = g_strconcat ("revenue_", basis, NULL);
  gint64 sum = bridge->start;

  for (guint i = 0; i < bridge->n_steps; i++)
    sum += bridge->steps[i].amount;
  g_assert_cmpint (bridge->start, ==, tally_test_money (fixture, "total", "meta_purchase_value"));
  g_assert_cmpint (bridge->end, ==, tally_test_money (fixture, "total", metric));
  g_assert_cmpint (sum, ==, bridge->end);
}

static void
test_bridge_mixed (Fixture       *fixture,
                   gconstpointer  data)
{
  static const char * const bases[] = { "gross", "net", "recognized" };
  static const char * const policies[] = { "restate", "period" };
  TallyBridge published;

  /* The ad account reports on Mexico City's days; a sale at 03:00 UTC on
   * 03-02 is 03-01 there: a timezone step. Refunds and a term make the
   * net and recognized revenue differ from the gross. */
  tally_test_new_project (fixture, "timezone", "UTC", "reporting_currency", "USD",
                          "meta_account_timezone", "America/Mexico_City", NULL);
  tally_test_import (fixture, "meta.csv", meta_csv);
  tally_test_import (fixture, "deals.csv",
                     "Record ID,Deal Name,Deal Stage,Close Date,Amount,Refund Amount,Refund Date,Term (months),UTM Source,UTM Campaign,Pipeline\n"
                     "1,a,Closed Won,2026-03-02T03:00:00Z,250.00,50.00,2026-03-09,,facebook,Verano,p\n"
                     "2,b,Closed Won,2026-03-08,120.00,,,2,facebook,Verano,p\n");
  tally_test_publish (fixture, "2026-03-01", "2026-03-10", "2026-03-18");

  tally_test_report (fixture, "2026-03-01", "2026-03-04", TALLY_GROUP_DAY, "2026-03-18", FALSE);
  g_assert_cmpuint (fixture->report->totals.n_frozen, ==, 4);
  /* By hand: the timezone step is +250.00 − 0 on these days? No: the sale
   * is on 03-02 in UTC and on 03-01 in the account's zone, both inside
   * the range, so G = G_acct and the step is 0; over 03-02 alone it is
   * 250.00. */
  g_assert_cmpint (fixture->report->bridge.steps[2].amount, ==, 0);
  tally_test_report (fixture, "2026-03-02", "2026-03-04", TALLY_GROUP_DAY, "2026-03-18", FALSE);
  g_assert_cmpint (fixture->report->bridge.steps[2].amount, ==, 25000);
  published = fixture->report->bridge;

  /* Late data on the frozen days and on a live one. */
  tally_test_import (fixture, "late.csv",
                     "Record ID,Deal Name,Deal Stage,Close Date,Amount,UTM Source,UTM Campaign,Pipeline\n"
                     "3,c,Closed Won,2026-03-03T02:00:00Z,40.00,facebook,Verano,p\n"
                     "4,d,Closed Won,2026-03-09,30.00,facebook,Verano,p\n");
  tally_test_report (fixture, "2026-03-02", "2026-03-04", TALLY_GROUP_DAY, "2026-03-18", FALSE);
  g_assert_cmpuint (fixture->view->pending->len, ==, 1);
  g_assert_cmpint (fixture->report->bridge.start, ==, published.start);
  g_assert_cmpint (fixture->report->bridge.end, ==, published.end);
  for (guint i = 0; i < published.n_steps; i++)
    g_assert_cmpint (fixture->report->bridge.steps[i].amount, ==, published.steps[i].amount);

  for (guint b = 0; b < G_N_ELEMENTS (bases); b++)
    for (guint p = 0; p < G_N_ELEMENTS (policies); p++)
      {
        tally_test_set (fixture, "revenue_basis", bases[b]);
        tally_test_set (fixture, "refund_policy", policies[p]);
        tally_test_report (fixture, "2026-03-01", "2026-03-10", TALLY_GROUP_DAY, "2026-03-18", FALSE);
        g_assert_cmpuint (fixture->report->totals.n_frozen, ==, 4);
        assert_bridge_adds_up (fixture, bases[b]);
        tally_test_report (fixture, "2026-03-02", "2026-03-09", TALLY_GROUP_WEEK, "2026-03-18", FALSE);
        assert_bridge_adds_up (fixture, bases[b]);
        tally_test_report (fixture, "2026-03-01", "2026-03-10", TALLY_GROUP_DAY, "2026-03-18", TRUE);
        assert_bridge_adds_up (fixture, bases[b]);
      }
}

/* A file written when viewing froze days keeps them, as one publication
 * named for the migration; each can be restated. See
 * fixtures/projects/README.md for how it was made. */
static void
test_migration (Fixture       *fixture,
                gconstpointer  data)
{
  g_autofree char *source = g_test_build_filename (G_TEST_DIST, "fixtures", "projects",
                                                   "schema3-frozen-by-viewing.tally", NULL);
  g_autofree char *path = g_build_filename (fixture->dir, "client.tally", NULL);
  g_autofree char *contents = NULL;
  g_autofree char *label = NULL;
  g_autoptr(GError) error = NULL;
  const TallyPublication *p;
  const TallyRestatement *r;
  gsize length;
  gint32 day;

  g_assert_true (g_file_get_contents (source, &contents, &length, NULL));
  tally_test_write_file (path, contents, (gssize) length);
  fixture->project = tally_project_open (path, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (tally_project_get_schema_version (fixture->project), ==, tally_project_get_current_schema_version ());

  tally_test_report (fixture, "", "", TALLY_GROUP_DAY, "2026-12-31", FALSE);
  g_assert_cmpuint (fixture->view->publications->len, ==, 1);
  p = g_ptr_array_index (fixture->view->publications, 0);
  g_assert_cmpstr (p->kind, ==, "migrated");
  g_assert_cmpint (p->from, ==, day_of ("2026-03-02"));
  g_assert_cmpint (p->to, ==, day_of ("2026-03-03"));
  g_assert_cmpint (p->as_of, ==, G_MININT32);
  g_assert_cmpuint (p->frozen_days, ==, 2);
  label = tally_publication_describe (p);
  g_assert_cmpstr (label, ==, "Frozen by viewing reports before publishing existed (publication 1)");

  /* What the user saw: 250.00 on 03-02, nothing on 03-03; the late 40.00
   * waits. The bridge still adds up. */
  g_assert_cmpuint (fixture->report->totals.n_frozen, ==, 2);
  g_assert_cmpint (tally_test_money (fixture, "2026-03-02", "revenue_net"), ==, 25000);
  g_assert_cmpint (tally_test_money (fixture, "2026-03-03", "revenue_net"), ==, 0);
  assert_bridge_adds_up (fixture, "net");
  r = pending (fixture, 0);
  g_assert_cmpint (r->day, ==, day_of ("2026-03-03"));
  g_assert_cmpint (r->publication, ==, 1);
  assert_change (r, 1, "revenue_net", 0, 4000);

  day = day_of ("2026-03-03");
  g_assert_true (tally_freeze_restate (fixture->project, &day, 1, "late deal", &error));
  g_assert_no_error (error);
  tally_test_report (fixture, "", "", TALLY_GROUP_DAY, "2026-12-31", FALSE);
  g_assert_cmpint (tally_test_money (fixture, "2026-03-03", "revenue_net"), ==, 4000);
  g_assert_cmpuint (fixture->view->pending->len, ==, 0);
  assert_bridge_adds_up (fixture, "net");
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

#define ADD(name, func) g_test_add (name, Fixture, NULL, tally_test_fixture_setup, func, tally_test_fixture_teardown)
  ADD ("/tally/publish/workflow-live", test_workflow_live);
  ADD ("/tally/publish/viewing-writes-nothing", test_viewing_writes_nothing);
  ADD ("/tally/publish/import-orders", test_import_orders);
  ADD ("/tally/publish/publish", test_publish);
  ADD ("/tally/publish/later", test_publish_later);
  ADD ("/tally/publish/accept", test_accept);
  ADD ("/tally/publish/undo-and-settings", test_undo_and_settings);
  ADD ("/tally/publish/bridge-mixed", test_bridge_mixed);
  ADD ("/tally/publish/migration", test_migration);
#undef ADD

  return g_test_run ();
}
