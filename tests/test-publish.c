/* test-publish.c: live numbers and publishing (SPEC section 8), on small
 * fixtures whose numbers are worked out by hand; the freeze and its
 * restatements are test-freeze.c's
 *
 * Copyright 2026 The Tally authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gstdio.h>
#include <string.h>

#include "tally-core.h"
#include "tally-test-freeze.h"
#include "tally-test-project.h"
#include "tally-test-report.h"
#include "tally-test-utils.h"

typedef TallyTestFixture Fixture;

static char *
file_checksum (Fixture *fixture)
{
  g_autofree char *path = g_build_filename (fixture->dir, "client.tally", NULL);
  g_autofree char *contents = NULL;
  gsize length;

  g_assert_true (g_file_get_contents (path, &contents, &length, NULL));
  return g_compute_checksum_for_data (G_CHECKSUM_SHA256, (const guchar *) contents, length);
}


/* The workflow a new user tried: Meta, a look, the CRM, another look. */
static void
test_workflow_live (Fixture       *fixture,
                    gconstpointer  data)
{
  tally_test_new_spring_client (fixture);
  tally_test_import (fixture, "meta.csv", tally_test_meta_csv);
  tally_test_report (fixture, "", "", TALLY_GROUP_DAY, "2026-12-31", FALSE);
  g_assert_cmpint (tally_test_money (fixture, "total", "revenue_net"), ==, 0);

  tally_test_import (fixture, "deals.csv", tally_test_deals_csv);
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

  tally_test_new_spring_client (fixture);
  tally_test_import (fixture, "meta.csv", tally_test_meta_csv);
  tally_test_import (fixture, "deals.csv", tally_test_deals_csv);
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
  const char *files[] = { tally_test_meta_csv, tally_test_deals_csv, tally_test_late_csv };
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
      tally_test_new_spring_client (fixture);

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

  tally_test_new_spring_client (fixture);
  tally_test_import (fixture, "meta.csv", tally_test_meta_csv);
  tally_test_import (fixture, "deals.csv", tally_test_deals_csv);

  session = tally_report_session_new (fixture->project);
  g_assert_true (tally_report_session_build (session, NULL, &error));
  g_assert_no_error (error);
  plan = tally_publish_plan_new (session, tally_test_day ("2026-03-01"), tally_test_day ("2026-03-10"), tally_test_day ("2026-03-18"));
  g_assert_cmpuint (plan->to_freeze->len, ==, 4);
  g_assert_cmpint (g_array_index (plan->to_freeze, gint32, 0), ==, tally_test_day ("2026-03-01"));
  g_assert_cmpint (g_array_index (plan->to_freeze, gint32, 3), ==, tally_test_day ("2026-03-04"));
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
  g_assert_cmpint (p->from, ==, tally_test_day ("2026-03-01"));
  g_assert_cmpint (p->to, ==, tally_test_day ("2026-03-10"));
  g_assert_cmpint (p->as_of, ==, tally_test_day ("2026-03-18"));
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
  tally_test_import (fixture, "late.csv", tally_test_late_csv);
  tally_test_report (fixture, "2026-03-01", "2026-03-10", TALLY_GROUP_DAY, "2026-03-18", FALSE);
  g_assert_cmpint (tally_test_money (fixture, "2026-03-03", "revenue_net"), ==, 0);
  g_assert_cmpint (tally_test_money (fixture, "total", "revenue_net"), ==, 25000);
  g_assert_cmpuint (fixture->report->n_pending, ==, 1);
  g_assert_cmpuint (fixture->view->pending->len, ==, 1);
  r = tally_test_pending (fixture, 0);
  g_assert_cmpint (r->day, ==, tally_test_day ("2026-03-03"));
  g_assert_cmpint (r->publication, ==, 1);
  g_assert_null (r->changed_rules);
  g_assert_cmpuint (r->changes->len, ==, 4);
  tally_test_assert_change (r, 0, "revenue_gross", 0, 4000);
  tally_test_assert_change (r, 1, "revenue_net", 0, 4000);
  tally_test_assert_change (r, 2, "revenue_recognized", 0, 4000);
  tally_test_assert_change (r, 3, "new_customers", 0, 1);

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
  tally_test_new_spring_client (fixture);
  tally_test_import (fixture, "meta.csv", tally_test_meta_csv);
  tally_test_import (fixture, "deals.csv", tally_test_deals_csv);

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
  g_assert_cmpint (GPOINTER_TO_SIZE (g_hash_table_lookup (fixture->view->days, GINT_TO_POINTER (tally_test_day ("2026-03-02")))), ==, 2);
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
#undef ADD

  return g_test_run ();
}
