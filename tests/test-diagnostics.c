/* test-diagnostics.c: the mismatch map, every check firing on a client
 * where everything goes wrong and staying quiet on a clean one, on small
 * fixtures whose numbers are worked out by hand
 *
 * Copyright 2026 The Tally authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <math.h>
#include <string.h>

#include "tally-core.h"
#include "tally-test-project.h"
#include "tally-test-report.h"
#include "tally-test-utils.h"

typedef TallyTestFixture Fixture;

static TallyDiagnostic *
diagnostic (Fixture    *fixture,
            const char *id)
{
  for (guint i = 0; i < tally_report_get_diagnostics (fixture->report)->len; i++)
    {
      TallyDiagnostic *d = g_ptr_array_index (tally_report_get_diagnostics (fixture->report), i);

      if (g_str_equal (d->id, id))
        return d;
    }

  g_error ("No diagnostic %s", id);
}


/* The mismatch map ---------------------------------------------------------- */

static double
measured (TallyDiagnostic *d,
          const char      *name)
{
  for (guint i = 0; i < d->values->len; i++)
    {
      TallyDiagValue *value = g_ptr_array_index (d->values, i);

      if (g_str_equal (value->name, name))
        return value->kind == TALLY_VALUE_NULL ? NAN : round (value->number * 10000) / 10000;
    }

  g_error ("%s measures no %s", d->id, name);
}

static const char * const every_check[] = {
  "attribution.window_mismatch", "attribution.view_through_share", "tracking.meta_exceeds_crm",
  "tracking.meta_below_crm", "identity.match_quality", "timing.account_timezone_differs",
  "timing.crm_day_shift", "timing.conversion_lag", "timing.open_period", "spend.currencies",
  "spend.fx_missing", "spend.invoiced_vs_delivery", "definitions.all_vs_link_clicks",
  "definitions.landing_page_views", "definitions.sessions_vs_clicks", "definitions.range_rows",
  "utm.missing", "utm.unmatched_campaign", "crm.duplicate_leads", "crm.stage_anomalies", "crm.refund_share",
  NULL
};

/* Each check is filed under the category its id starts with, but for the
 * UTM checks, which are definitions. */
static void
assert_well_formed (Fixture *fixture)
{
  g_assert_cmpuint (tally_report_get_diagnostics (fixture->report)->len, ==, g_strv_length ((GStrv) every_check));
  for (guint i = 0; every_check[i] != NULL; i++)
    {
      TallyDiagnostic *d = diagnostic (fixture, every_check[i]);
      g_autofree char *category = g_strndup (d->id, strchr (d->id, '.') - d->id);

      g_assert_cmpstr (d->category, ==, g_str_equal (category, "utm") ? "definitions" : category);
      g_assert_true (d->message != NULL && d->message[0] != '\0');
      g_assert_true (d->action != NULL && d->action[0] != '\0');
      g_assert_cmpuint (d->values->len, >, 0);
    }
}

/* A client where everything that can go wrong does, in June 2026, reported
 * in Mexico City (UTC−6) with the ad account in Los Angeles (UTC−7). */
static const char dirty_meta[] =
  "Day,Campaign ID,Campaign name,Attribution setting,Currency,Amount spent,Impressions,Reach,Clicks (all),"
  "Link clicks,Landing page views,Purchases,Purchases conversion value\n"
  "2026-06-08,7,Spring,28-day click,MXN,1000.00,5000,4000,500,100,30,6,3000.00\n"
  "2026-06-10,7,Spring,7-day click or 1-day view,MXN,2000.00,5000,4000,500,100,30,6,3000.00\n";
static const char dirty_range[] =
  "Reporting starts,Reporting ends,Campaign ID,Campaign name,Amount spent (USD),Impressions,Link clicks\n"
  "2026-06-11,2026-06-12,9,Summer,50.00,1000,10\n";
static const char dirty_insights[] =
  "{\"data\": [{\"account_id\": \"1\", \"campaign_id\": \"8\", \"campaign_name\": \"Retarget\", \"account_currency\": \"USD\","
  " \"date_start\": \"2026-06-13\", \"date_stop\": \"2026-06-13\", \"spend\": \"10.00\","
  " \"actions\": [{\"action_type\": \"omni_purchase\", \"value\": \"4\", \"7d_click\": \"1\", \"1d_view\": \"3\"}],"
  " \"action_values\": [{\"action_type\": \"omni_purchase\", \"value\": \"400.00\", \"7d_click\": \"100.00\", \"1d_view\": \"300.00\"}]}]}";
static const char dirty_rates[] =
  "date,currency,rate,base\n2026-06-09,USD,1.10,EUR\n2026-06-09,MXN,20.00,EUR\n";
static const char dirty_sessions[] =
  "Date,Session source,Session medium,Session campaign,Sessions\n20260610,facebook,paid_social,Spring,20\n";
static const char dirty_deals[] =
  "Record ID,Deal Name,Deal Stage,Create Date,Close Date,Amount,Email,UTM Source,UTM Campaign,Facebook click id,"
  "Refund Amount,Refund Date,Pipeline\n"
  "1,a,Closed Won,2026-06-02T18:00:00Z,2026-06-03T18:00:00Z,100.00,a@example.com,facebook,7,,,,p\n"
  "2,b,Closed Won,2026-05-10T18:00:00Z,2026-06-09T03:00:00Z,200.00,,facebook,7,,,,p\n"
  "3,c,Closed Won,2026-06-09T18:00:00Z,2026-06-10T18:00:00Z,300.00,,,nope,IwAR1,200.00,2026-06-12T18:00:00Z,p\n"
  "4,d,Closed Won,2026-06-11T18:00:00Z,2026-06-10T18:00:00Z,400.00,d@example.com,facebook,nope,,,,p\n"
  "5,e,Closed Won,2026-06-12T18:00:00Z,,50.00,e@example.com,facebook,7,,,,p\n";
static const char dirty_leads[] =
  "Lead ID,First Name,Last Name,Company,Email,Lead Status,Lead Source,Created Date,UTM Source\n"
  "00Q1,Eva,Sol,S,eva@example.com,Open,Web,2026-06-09,facebook\n"
  "00Q2,Eva,Sol,S,eva@example.com,Open,Web,2026-06-12,facebook\n";

static void
load_dirty (Fixture *fixture)
{
  tally_test_new_project (fixture, "timezone", "America/Mexico_City", "meta_account_timezone", "America/Los_Angeles",
               "reporting_currency", "USD", "tax_rate", "0.16", NULL);
  tally_test_import (fixture, "rates.csv", dirty_rates);
  tally_test_import (fixture, "meta.csv", dirty_meta);
  tally_test_import (fixture, "range.csv", dirty_range);
  tally_test_import (fixture, "insights.json", dirty_insights);
  tally_test_import (fixture, "ga4.csv", dirty_sessions);
  tally_test_import (fixture, "deals.csv", dirty_deals);
  tally_test_import (fixture, "leads.csv", dirty_leads);
}

static void
assert_fires (Fixture       *fixture,
              const char    *id,
              TallySeverity  severity)
{
  TallyDiagnostic *d = diagnostic (fixture, id);

  if (d->severity != severity)
    g_error ("%s is %s, not %s: %s", id, tally_severity_to_string (d->severity),
             tally_severity_to_string (severity), d->message);
}

/* By hand, over 2026-06-08 to 06-14 (each line one check):
 * - the 06-08 row's 28-day click setting is not the standard;
 * - views: 300.00 of 400.00 + 3000 MXN × (1.10 / 20.00) = 565.00: 53.1 %;
 * - Meta purchases 6 + 6 + (1 + 3) = 16 for 2 new customers (deals 2 and
 *   3; deal 4 is won before it is created and is not counted): more than
 *   1.3 × 2;
 * - match quality: neither of those 2 has an e-mail, 0/2, where the week
 *   before deal 1 had one, 1/1: down 100 points;
 * - Mexico City is 1 hour ahead of Los Angeles in June;
 * - deal 2 closes at 03:00 UTC on the 9th, the 8th in Mexico City;
 * - lags: deal 2, 29 days 9 hours; deal 3, 1 day (deal 4 closes before it
 *   opens: no lag): median 15.1875, 90th percentile 29.375 > 14;
 * - no day is frozen: 7 open days;
 * - spend in MXN and USD; no rate yet for 06-08's MXN;
 * - tax 16 %: 170.00 delivered (110.00 + 50.00 + 10.00), 197.20 invoiced;
 * - 1000 clicks of any kind for the 200 link clicks of the rows that report
 *   both (the Summer row has no "Clicks (all)": unknown, not 0): 5.0 each;
 *   60 landing page views for the same 200 (0.3); 20 sessions for all 210
 *   link clicks (0.0952);
 * - the Summer row covers two days;
 * - Meta-sourced records created in the range: deals 3, 4, 5 and both
 *   leads. Deal 3 is Meta's only through its click id (1 of 5); deal 3
 *   and deal 4 ("nope") and the leads (none) join no campaign (4 of 5);
 * - Eva comes back as a lead within 30 days: 1 of 2;
 * - deal 4 is won before it is created, deal 5 has no close date: 2;
 * - 200.00 refunded (deal 3) of 500.00 gross (deals 2 and 3): 40 %. */
static void
test_diagnostics_fire (Fixture       *fixture,
                       gconstpointer  data)
{
  load_dirty (fixture);
  tally_test_report (fixture, "2026-06-08", "2026-06-14", TALLY_GROUP_DAY, "2026-06-20", FALSE);
  assert_well_formed (fixture);

  assert_fires (fixture, "attribution.window_mismatch", TALLY_SEVERITY_WARNING);
  g_assert_cmpfloat (measured (diagnostic (fixture, "attribution.window_mismatch"), "rows"), ==, 1);
  assert_fires (fixture, "attribution.view_through_share", TALLY_SEVERITY_WARNING);
  g_assert_cmpfloat (measured (diagnostic (fixture, "attribution.view_through_share"), "view_through_share"), ==, 0.531);
  assert_fires (fixture, "tracking.meta_exceeds_crm", TALLY_SEVERITY_WARNING);
  g_assert_cmpfloat (measured (diagnostic (fixture, "tracking.meta_exceeds_crm"), "meta_purchases"), ==, 16);
  g_assert_cmpfloat (measured (diagnostic (fixture, "tracking.meta_exceeds_crm"), "new_customers"), ==, 2);
  assert_fires (fixture, "tracking.meta_below_crm", TALLY_SEVERITY_OK);
  assert_fires (fixture, "identity.match_quality", TALLY_SEVERITY_WARNING);
  g_assert_cmpfloat (measured (diagnostic (fixture, "identity.match_quality"), "identifier_share"), ==, 0);
  g_assert_cmpfloat (measured (diagnostic (fixture, "identity.match_quality"), "previous_identifier_share"), ==, 1);
  assert_fires (fixture, "timing.account_timezone_differs", TALLY_SEVERITY_INFO);
  g_assert_cmpfloat (measured (diagnostic (fixture, "timing.account_timezone_differs"), "hours"), ==, 1);
  assert_fires (fixture, "timing.crm_day_shift", TALLY_SEVERITY_WARNING);
  g_assert_cmpfloat (measured (diagnostic (fixture, "timing.crm_day_shift"), "records"), ==, 1);
  g_assert_cmpfloat (measured (diagnostic (fixture, "timing.crm_day_shift"), "revenue"), ==, 20000);
  assert_fires (fixture, "timing.conversion_lag", TALLY_SEVERITY_INFO);
  g_assert_cmpfloat (measured (diagnostic (fixture, "timing.conversion_lag"), "median_days"), ==, 15.1875);
  g_assert_cmpfloat (measured (diagnostic (fixture, "timing.conversion_lag"), "p90_days"), ==, 29.375);
  assert_fires (fixture, "timing.open_period", TALLY_SEVERITY_INFO);
  g_assert_cmpfloat (measured (diagnostic (fixture, "timing.open_period"), "open_days"), ==, 7);
  assert_fires (fixture, "spend.currencies", TALLY_SEVERITY_INFO);
  g_assert_nonnull (strstr (diagnostic (fixture, "spend.currencies")->message, "MXN, USD"));
  assert_fires (fixture, "spend.fx_missing", TALLY_SEVERITY_ERROR);
  g_assert_nonnull (strstr (diagnostic (fixture, "spend.fx_missing")->message, "2026-06-08"));
  g_assert_nonnull (strstr (diagnostic (fixture, "spend.fx_missing")->message, "MXN"));
  assert_fires (fixture, "spend.invoiced_vs_delivery", TALLY_SEVERITY_INFO);
  g_assert_cmpfloat (measured (diagnostic (fixture, "spend.invoiced_vs_delivery"), "delivery"), ==, 17000);
  g_assert_cmpfloat (measured (diagnostic (fixture, "spend.invoiced_vs_delivery"), "invoiced"), ==, 19720);
  assert_fires (fixture, "definitions.all_vs_link_clicks", TALLY_SEVERITY_WARNING);
  g_assert_cmpfloat (measured (diagnostic (fixture, "definitions.all_vs_link_clicks"), "all_per_link"), ==, 5);
  assert_fires (fixture, "definitions.landing_page_views", TALLY_SEVERITY_WARNING);
  g_assert_cmpfloat (measured (diagnostic (fixture, "definitions.landing_page_views"), "ratio"), ==, 0.3);
  assert_fires (fixture, "definitions.sessions_vs_clicks", TALLY_SEVERITY_WARNING);
  g_assert_cmpfloat (measured (diagnostic (fixture, "definitions.sessions_vs_clicks"), "ratio"), ==, 0.0952);
  assert_fires (fixture, "definitions.range_rows", TALLY_SEVERITY_INFO);
  g_assert_cmpfloat (measured (diagnostic (fixture, "definitions.range_rows"), "rows"), ==, 1);
  assert_fires (fixture, "utm.missing", TALLY_SEVERITY_WARNING);
  g_assert_cmpfloat (measured (diagnostic (fixture, "utm.missing"), "share"), ==, 0.2);
  assert_fires (fixture, "utm.unmatched_campaign", TALLY_SEVERITY_WARNING);
  g_assert_cmpfloat (measured (diagnostic (fixture, "utm.unmatched_campaign"), "records"), ==, 4);
  g_assert_nonnull (strstr (diagnostic (fixture, "utm.unmatched_campaign")->message, "“nope”"));
  assert_fires (fixture, "crm.duplicate_leads", TALLY_SEVERITY_WARNING);
  g_assert_cmpfloat (measured (diagnostic (fixture, "crm.duplicate_leads"), "share"), ==, 0.5);
  assert_fires (fixture, "crm.stage_anomalies", TALLY_SEVERITY_WARNING);
  g_assert_cmpfloat (measured (diagnostic (fixture, "crm.stage_anomalies"), "records"), ==, 2);
  assert_fires (fixture, "crm.refund_share", TALLY_SEVERITY_WARNING);
  g_assert_cmpfloat (measured (diagnostic (fixture, "crm.refund_share"), "share"), ==, 0.4);

  /* The week before: Meta counts no purchase for deal 1's customer. */
  tally_test_report (fixture, "2026-06-01", "2026-06-07", TALLY_GROUP_DAY, "2026-06-20", FALSE);
  assert_fires (fixture, "tracking.meta_below_crm", TALLY_SEVERITY_WARNING);
  assert_fires (fixture, "tracking.meta_exceeds_crm", TALLY_SEVERITY_OK);

  /* Thresholds are settings: at 0.6, the view-through share is only
   * information. */
  tally_test_set (fixture, "view_through_share_max", "0.6");
  tally_test_report (fixture, "2026-06-08", "2026-06-14", TALLY_GROUP_DAY, "2026-06-20", FALSE);
  assert_fires (fixture, "attribution.view_through_share", TALLY_SEVERITY_INFO);
}

/* A clean client: one timezone and currency, per-window numbers with no
 * views, UTMs that name campaigns, sessions that follow clicks, every day
 * frozen, and a customer identified the week before to compare with. */
static const char clean_insights[] =
  "{\"data\": ["
  "{\"account_id\": \"1\", \"campaign_id\": \"7\", \"campaign_name\": \"Spring\", \"account_currency\": \"USD\","
  " \"date_start\": \"2026-05-04\", \"date_stop\": \"2026-05-04\", \"spend\": \"100.00\", \"impressions\": \"5000\","
  " \"clicks\": \"150\", \"inline_link_clicks\": \"100\","
  " \"actions\": [{\"action_type\": \"landing_page_view\", \"value\": \"80\"},"
  "  {\"action_type\": \"omni_purchase\", \"value\": \"2\", \"7d_click\": \"2\", \"1d_view\": \"0\"}],"
  " \"action_values\": [{\"action_type\": \"omni_purchase\", \"value\": \"200.00\", \"7d_click\": \"200.00\", \"1d_view\": \"0\"}]},"
  "{\"account_id\": \"1\", \"campaign_id\": \"7\", \"campaign_name\": \"Spring\", \"account_currency\": \"USD\","
  " \"date_start\": \"2026-05-05\", \"date_stop\": \"2026-05-05\", \"spend\": \"100.00\", \"impressions\": \"5000\","
  " \"clicks\": \"150\", \"inline_link_clicks\": \"100\","
  " \"actions\": [{\"action_type\": \"landing_page_view\", \"value\": \"80\"},"
  "  {\"action_type\": \"omni_purchase\", \"value\": \"1\", \"7d_click\": \"1\", \"1d_view\": \"0\"}],"
  " \"action_values\": [{\"action_type\": \"omni_purchase\", \"value\": \"100.00\", \"7d_click\": \"100.00\", \"1d_view\": \"0\"}]}"
  "]}";
static const char clean_sessions[] =
  "Date,Session source,Session medium,Session campaign,Sessions\n"
  "20260504,facebook,paid_social,Spring,90\n20260505,facebook,paid_social,Spring,90\n";
static const char clean_deals[] =
  "Record ID,Deal Name,Deal Stage,Create Date,Close Date,Amount,Email,UTM Source,UTM Campaign,Pipeline\n"
  "0,z,Closed Won,2026-04-29T10:00:00Z,2026-04-30T10:00:00Z,100.00,z@example.com,facebook,7,p\n"
  "1,a,Closed Won,2026-05-01T10:00:00Z,2026-05-04T10:00:00Z,100.00,a@example.com,facebook,7,p\n"
  "2,b,Closed Won,2026-05-02T10:00:00Z,2026-05-04T12:00:00Z,100.00,b@example.com,facebook,Spring,p\n"
  "3,c,Closed Won,2026-05-03T10:00:00Z,2026-05-05T10:00:00Z,100.00,c@example.com,facebook,spring,p\n";

static void
test_diagnostics_clean (Fixture       *fixture,
                        gconstpointer  data)
{
  tally_test_new_project (fixture, "timezone", "UTC", "reporting_currency", "USD", NULL);
  tally_test_import (fixture, "insights.json", clean_insights);
  tally_test_import (fixture, "ga4.csv", clean_sessions);
  tally_test_import (fixture, "deals.csv", clean_deals);
  tally_test_publish (fixture, "2026-05-01", "2026-05-05", "2026-12-31");
  tally_test_report (fixture, "2026-05-01", "2026-05-05", TALLY_GROUP_DAY, "2026-12-31", FALSE);
  assert_well_formed (fixture);

  for (guint i = 0; every_check[i] != NULL; i++)
    assert_fires (fixture, every_check[i], TALLY_SEVERITY_OK);

  /* 3 Meta purchases and 3 new customers; 1.5 clicks per link click. */
  g_assert_cmpfloat (measured (diagnostic (fixture, "tracking.meta_exceeds_crm"), "ratio"), ==, 1);
  g_assert_cmpfloat (measured (diagnostic (fixture, "definitions.all_vs_link_clicks"), "all_per_link"), ==, 1.5);
  g_assert_cmpfloat (measured (diagnostic (fixture, "attribution.view_through_share"), "view_through_share"), ==, 0);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

#define ADD(name, func) g_test_add (name, Fixture, NULL, tally_test_fixture_setup, func, tally_test_fixture_teardown)
  ADD ("/tally/diagnostics/fire", test_diagnostics_fire);
  ADD ("/tally/diagnostics/clean", test_diagnostics_clean);
#undef ADD

  return g_test_run ();
}
