/* test-engine.c: the cells and the metrics, FX, the bridge and the facts
 * cache, on small fixtures whose numbers are worked out by hand (the
 * mismatch map is in test-diagnostics.c, publishing and the freeze in
 * test-publish.c)
 *
 * Copyright 2026 The Tally authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <math.h>
#include <sqlite3.h>
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

/* Every metric ------------------------------------------------------------- */

static const char full_meta[] =
  "Day,Campaign ID,Campaign name,Attribution setting,Amount spent (USD),Impressions,Reach,Clicks (all),Link clicks,"
  "Landing page views,Purchases,Purchases conversion value,Leads\n"
  "2026-03-02,111,Prospecting,7-day click or 1-day view,100.00,10000,8000,300,150,120,4,400.00,10\n"
  "2026-03-03,111,Prospecting,7-day click or 1-day view,50.00,5000,4100,120,60,30,1,80.00,5\n";

static const char full_sessions[] =
  "Date,Session source,Session medium,Session campaign,Sessions\n"
  "20260302,facebook,paid_social,Prospecting,100\n"
  "20260303,ig,paid_social,Prospecting,40\n"
  "20260303,google,organic,(organic),500\n";

static const char full_contacts[] =
  "Record ID,First Name,Email,Create Date,Original Source,Original Source Drill-Down 1,Original Source Drill-Down 2,"
  "First Page Seen,Facebook click id\n"
  "1,Ana,a@example.com,2026-03-02T10:00:00Z,,,,https://shop.example/?utm_source=facebook&utm_campaign=111,\n"
  "2,Beto,b@example.com,2026-03-02T11:00:00Z,Paid social,Instagram,prospecting,,\n"
  "3,Caro,c@example.com,2026-03-03T09:00:00Z,,,,,IwAR0abc\n"
  "4,Dani,d@example.com,2026-03-03T12:00:00Z,Organic search,google,,,\n";

static const char full_deals[] =
  "Record ID,Deal Name,Deal Stage,Create Date,Close Date,Amount,Associated Contact IDs,Refund Amount,Refund Date,Pipeline\n"
  "11,Mesa,Closed Won,2026-03-02T12:00:00Z,2026-03-02T15:00:00Z,300.00,1,,,Ventas\n"
  "12,Silla,Closed Won,2026-03-02T12:00:00Z,2026-03-03T10:00:00Z,200.00,2,50.00,2026-03-05T10:00:00Z,Ventas\n"
  "13,Lampara,Closed Won,2026-03-03T10:00:00Z,2026-03-03T18:00:00Z,100.00,3,,,Ventas\n"
  "14,Sofa,Closed Won,2026-03-03T13:00:00Z,2026-03-03T19:00:00Z,1000.00,4,,,Ventas\n"
  "15,Tienda,Closed Won,2026-03-02T19:00:00Z,2026-03-02T20:00:00Z,70.00,,,,Ventas\n"
  "16,Mesa 2,Closed Won,2026-03-03T15:00:00Z,2026-03-03T16:00:00Z,100.00,1,,,Ventas\n"
  "17,Cojin,Closed Lost,2026-03-03T15:00:00Z,2026-03-03T17:00:00Z,30.00,2,,,Ventas\n";

static void
load_full (Fixture *fixture)
{
  tally_test_new_project (fixture, "timezone", "UTC", "reporting_currency", "USD", "tax_rate", "0.16", NULL);
  tally_test_import (fixture, "meta.csv", full_meta);
  tally_test_import (fixture, "ga4.csv", full_sessions);
  tally_test_import (fixture, "contacts.csv", full_contacts);
  tally_test_import (fixture, "deals.csv", full_deals);
}

/* The figures of the fixture above, by hand:
 * Meta: spend 100 + 50 = 150.00 USD; invoiced 150 × 1.16 = 174.00;
 * impressions 15000; clicks (all) 420; link clicks 210; LPV 150;
 * purchases 5 worth 480.00; leads 15. Sessions from Meta sources 140.
 * CRM: Meta-sourced are contacts 1 (utm_source facebook), 2 (Paid social
 * / Instagram) and 3 (an fbclid), so deals 11, 12, 13 and 16 (through
 * their contacts): gross 300 + 200 + 100 + 100 = 700.00; net (restate)
 * 700 − 50 = 650.00, recognized the same (no term). New customers: people
 * 1, 2 and 3 (person 1's second deal is no new customer) = 3. Leads: the
 * three Meta-sourced contacts, one each. Match quality over the five
 * people first won (1, 2, 3, 4 and the walk-in deal 15): identifiers 4/5,
 * click ids 1/5 (contact 3), no source 1/5 (deal 15). */
static void
test_every_metric (Fixture       *fixture,
                   gconstpointer  data)
{
  load_full (fixture);
  tally_test_report (fixture, "", "", TALLY_GROUP_DAY, "2026-03-10", FALSE);

  g_assert_cmpint (tally_test_money (fixture, "total", "spend"), ==, 15000);
  g_assert_cmpint (tally_test_money (fixture, "total", "spend_invoiced"), ==, 17400);
  g_assert_cmpint (tally_test_count (fixture, "total", "impressions"), ==, 15000);
  g_assert_cmpint (tally_test_count (fixture, "total", "link_clicks"), ==, 210);
  g_assert_cmpint (tally_test_count (fixture, "total", "all_clicks"), ==, 420);
  g_assert_cmpint (tally_test_count (fixture, "total", "landing_page_views"), ==, 150);
  g_assert_cmpint (tally_test_count (fixture, "total", "sessions"), ==, 140);
  g_assert_cmpint (tally_test_count (fixture, "total", "meta_leads"), ==, 15);
  g_assert_cmpint (tally_test_count (fixture, "total", "meta_purchases"), ==, 5);
  g_assert_cmpint (tally_test_money (fixture, "total", "meta_purchase_value"), ==, 48000);
  g_assert_cmpint (tally_test_count (fixture, "total", "crm_leads"), ==, 3);
  g_assert_cmpint (tally_test_count (fixture, "total", "crm_leads_raw"), ==, 3);
  g_assert_cmpint (tally_test_count (fixture, "total", "new_customers"), ==, 3);
  g_assert_cmpint (tally_test_money (fixture, "total", "revenue_gross"), ==, 70000);
  g_assert_cmpint (tally_test_money (fixture, "total", "revenue_net"), ==, 65000);
  g_assert_cmpint (tally_test_money (fixture, "total", "revenue_recognized"), ==, 65000);
  g_assert_cmpint (tally_test_money (fixture, "total", "meta_cpa"), ==, 3000);      /* 150 / 5 */
  g_assert_cmpint (tally_test_money (fixture, "total", "crm_cac"), ==, 5000);       /* 150 / 3 */
  g_assert_cmpint (tally_test_money (fixture, "total", "meta_cpl"), ==, 1000);      /* 150 / 15 */
  g_assert_cmpint (tally_test_money (fixture, "total", "crm_cpl"), ==, 5000);       /* 150 / 3 */
  g_assert_cmpfloat (tally_test_ratio (fixture, "total", "meta_roas"), ==, 3.2);    /* 480 / 150 */
  g_assert_cmpfloat (tally_test_ratio (fixture, "total", "crm_roas"), ==, 4.3333);  /* 650 / 150 */
  g_assert_cmpfloat (tally_test_ratio (fixture, "total", "roas_gap"), ==, 1.1333);  /* 4.3333… − 3.2 */
  g_assert_cmpfloat (tally_test_ratio (fixture, "total", "roas_ratio"), ==, 1.3542);/* 4.3333… / 3.2 */
  g_assert_cmpfloat (tally_test_ratio (fixture, "total", "identifier_share"), ==, 0.8);
  g_assert_cmpfloat (tally_test_ratio (fixture, "total", "click_id_share"), ==, 0.2);
  g_assert_cmpfloat (tally_test_ratio (fixture, "total", "unknown_source_share"), ==, 0.2);

  /* By day: 03-02 has deal 11 (300), 03-03 deals 12, 13 and 16 (400) less
   * the refund restated on the sale's day (50). */
  g_assert_cmpint (tally_test_money (fixture, "2026-03-02", "revenue_gross"), ==, 30000);
  g_assert_cmpint (tally_test_money (fixture, "2026-03-03", "revenue_gross"), ==, 40000);
  g_assert_cmpint (tally_test_money (fixture, "2026-03-03", "revenue_net"), ==, 35000);
  g_assert_cmpint (tally_test_count (fixture, "2026-03-02", "crm_leads"), ==, 2);
  g_assert_cmpint (tally_test_count (fixture, "2026-03-02", "new_customers"), ==, 1);
  g_assert_cmpint (tally_test_count (fixture, "2026-03-03", "new_customers"), ==, 2);
  g_assert_cmpint (tally_test_money (fixture, "2026-03-05", "revenue_net"), ==, 0);

  /* The same numbers as CSV: the metric keys as header, a total row. */
  {
    g_autofree char *csv = tally_report_to_csv (fixture->report);
    g_auto(GStrv) lines = g_strsplit (csv, "\r\n", -1);
    guint n = g_strv_length (lines);

    g_assert_true (g_str_has_prefix (lines[0], "key,spend,spend_invoiced,meta_purchase_value,revenue_gross,revenue_net,"));
    g_assert_true (g_str_has_suffix (lines[0], ",unknown_source_share,frozen"));
    g_assert_true (g_str_has_prefix (lines[n - 2], "\"total\",150.00,174.00,480.00,700.00,650.00,650.00,30.00,50.00,10.00,50.00,15000,210,420,150,140,15,5,3,3,3,3.2000,4.3333,1.1333,1.3542,0.8000,0.2000,0.2000,no"));

    /* A file for spreadsheets: the same bytes where people write 1.234,56. */
    {
      TallyTestLocale *locale = tally_test_locale_enter ("de_DE", "de_DE.UTF-8");
      g_autofree char *german = tally_report_to_csv (fixture->report);

      tally_test_locale_leave (locale);
      g_assert_cmpstr (german, ==, csv);
    }
  }
}

static void
test_refund_policies (Fixture       *fixture,
                      gconstpointer  data)
{
  load_full (fixture);

  /* Under period, the refund of 50 leaves the sale's day and lands on its own. */
  tally_test_set (fixture, "refund_policy", "period");
  tally_test_report (fixture, "", "", TALLY_GROUP_DAY, "2026-03-10", FALSE);
  g_assert_cmpint (tally_test_money (fixture, "2026-03-03", "revenue_net"), ==, 40000);
  g_assert_cmpint (tally_test_money (fixture, "2026-03-05", "revenue_net"), ==, -5000);
  g_assert_cmpint (tally_test_money (fixture, "total", "revenue_net"), ==, 65000);

  tally_test_set (fixture, "revenue_basis", "gross");
  tally_test_report (fixture, "", "", TALLY_GROUP_DAY, "2026-03-10", FALSE);
  g_assert_cmpfloat (tally_test_ratio (fixture, "total", "crm_roas"), ==, 4.6667);  /* 700 / 150 */
}

static void
test_by_campaign (Fixture       *fixture,
                  gconstpointer  data)
{
  load_full (fixture);
  tally_test_report (fixture, "", "", TALLY_GROUP_CAMPAIGN, "2026-03-10", FALSE);

  /* Contact 1's utm_campaign is the id 111; contact 2's drill-down names
   * "prospecting"; contact 3 has only a click id: (unmatched). */
  g_assert_cmpint (tally_test_count (fixture, "Prospecting", "new_customers"), ==, 2);
  g_assert_cmpint (tally_test_money (fixture, "Prospecting", "revenue_gross"), ==, 60000);
  g_assert_cmpint (tally_test_money (fixture, "Prospecting", "spend"), ==, 15000);
  g_assert_cmpstr (tally_test_row (fixture, "Prospecting")->campaign_id, ==, "111");
  g_assert_cmpint (tally_test_count (fixture, "(unmatched)", "new_customers"), ==, 1);
  g_assert_cmpint (tally_test_money (fixture, "(unmatched)", "revenue_gross"), ==, 10000);
  g_assert_cmpint (tally_test_count (fixture, "Prospecting", "sessions"), ==, 140);
  /* Match quality belongs to no campaign. */
  g_assert_cmpfloat (tally_test_ratio (fixture, "Prospecting", "identifier_share"), ==, -1);
}

static void
test_campaign_join (Fixture       *fixture,
                    gconstpointer  data)
{
  static const char meta[] =
    "Day,Campaign ID,Campaign name,Amount spent (USD),Impressions\n"
    "2026-02-01,333,cj prospecting cocina,5.00,100\n"
    "2026-03-01,111,CJ Prospecting Cocina,10.00,100\n"
    "2026-03-01,222,Otra Campaña,10.00,100\n";
  static const char deals[] =
    "Record ID,Deal Stage,Close Date,Amount,UTM Source,UTM Campaign,Deal Name,Pipeline\n"
    "1,Closed Won,2026-03-02,10,facebook,111,a,p\n"
    "2,Closed Won,2026-03-02,20,facebook,CJ_Prospecting-COCINA,b,p\n"
    "3,Closed Won,2026-03-02,40,facebook,333,c,p\n"
    "4,Closed Won,2026-03-02,80,facebook,nope,d,p\n"
    "5,Closed Won,2026-03-02,160,facebook,,e,p\n";

  tally_test_new_project (fixture, "timezone", "UTC", "reporting_currency", "USD", NULL);
  tally_test_import (fixture, "meta.csv", meta);
  tally_test_import (fixture, "deals.csv", deals);
  tally_test_report (fixture, "", "", TALLY_GROUP_CAMPAIGN, "2026-03-10", FALSE);

  /* By id; by name whatever its case and separators, the tie between 111
   * and 333 going to 111, which spent last; anything else unmatched. */
  g_assert_cmpint (tally_test_money (fixture, "CJ Prospecting Cocina", "revenue_gross"), ==, 3000);
  g_assert_cmpint (tally_test_money (fixture, "cj prospecting cocina", "revenue_gross"), ==, 4000);
  g_assert_cmpint (tally_test_money (fixture, "Otra Campaña", "revenue_gross"), ==, 0);
  g_assert_cmpint (tally_test_money (fixture, "(unmatched)", "revenue_gross"), ==, 24000);
}

static void
test_timezone_day (Fixture       *fixture,
                   gconstpointer  data)
{
  static const char deals[] =
    "Record ID,Deal Stage,Create Date,Close Date,Amount,UTM Source,Deal Name,Pipeline\n"
    "1,Closed Won,2026-08-10T12:00:00Z,2026-08-15T05:30:00Z,500.00,facebook,a,p\n";

  tally_test_new_project (fixture, "timezone", "America/Mexico_City", "reporting_currency", "MXN", NULL);
  tally_test_import (fixture, "deals.csv", deals);

  /* 05:30 UTC is 23:30 of the day before in Mexico City (UTC−6). */
  tally_test_report (fixture, "2026-08-14", "2026-08-15", TALLY_GROUP_DAY, "2026-08-20", FALSE);
  g_assert_cmpint (tally_test_money (fixture, "2026-08-14", "revenue_gross"), ==, 50000);
  g_assert_cmpint (tally_test_money (fixture, "2026-08-15", "revenue_gross"), ==, 0);

  /* In UTC it is the 15th. */
  tally_test_set (fixture, "timezone", "UTC");
  tally_test_report (fixture, "2026-08-14", "2026-08-15", TALLY_GROUP_DAY, "2026-08-20", FALSE);
  g_assert_cmpint (tally_test_money (fixture, "2026-08-15", "revenue_gross"), ==, 50000);
}

static void
test_recognized (Fixture       *fixture,
                 gconstpointer  data)
{
  static const char deals[] =
    "Record ID,Deal Stage,Close Date,Amount,UTM Source,Term (months),Deal Name,Pipeline\n"
    "1,Closed Won,2026-01-01,3651.00,facebook,12,Club,p\n";

  tally_test_new_project (fixture, "timezone", "UTC", "reporting_currency", "USD", "revenue_basis", "recognized", NULL);
  tally_test_import (fixture, "deals.csv", deals);
  tally_test_report (fixture, "2026-01-01", "2026-12-31", TALLY_GROUP_DAY, "2026-01-05", FALSE);

  /* 12 months from 2026-01-01 are 365 days: 365100 cents is 1000 a day,
   * and the remainder, 100, goes to the first day. */
  g_assert_cmpint (tally_test_money (fixture, "2026-01-01", "revenue_recognized"), ==, 1100);
  g_assert_cmpint (tally_test_money (fixture, "2026-01-02", "revenue_recognized"), ==, 1000);
  g_assert_cmpint (tally_test_money (fixture, "2026-12-31", "revenue_recognized"), ==, 1000);
  g_assert_cmpint (tally_test_money (fixture, "total", "revenue_recognized"), ==, 365100);
  g_assert_cmpint (tally_test_money (fixture, "2026-01-01", "revenue_net"), ==, 365100);

  /* By month: January 31 days = 31000 + 100. */
  tally_test_report (fixture, "2026-01-01", "2026-12-31", TALLY_GROUP_MONTH, "2026-01-05", FALSE);
  g_assert_cmpint (tally_test_money (fixture, "2026-01", "revenue_recognized"), ==, 31100);
  g_assert_cmpint (tally_test_money (fixture, "2026-02", "revenue_recognized"), ==, 28000);
}

static const char fx_meta[] =
  "Day,Campaign ID,Campaign name,Amount spent (USD),Impressions\n"
  "2026-07-30,1,C,100.00,10\n"
  "2026-08-08,1,C,100.00,10\n"
  "2026-08-10,1,C,100.00,10\n"
  "2026-08-20,1,C,100.00,10\n";
static const char fx_rates[] =
  "date,currency,rate,base\n"
  "2026-08-07,USD,1.10,EUR\n2026-08-07,MXN,22.00,EUR\n"
  "2026-08-10,USD,1.20,EUR\n2026-08-10,MXN,24.60,EUR\n";

static void
test_fx (Fixture       *fixture,
         gconstpointer  data)
{
  TallyDiagnostic *missing;

  tally_test_new_project (fixture, "timezone", "UTC", "reporting_currency", "MXN", NULL);
  tally_test_import (fixture, "rates.csv", fx_rates);
  tally_test_import (fixture, "meta.csv", fx_meta);

  /* Daily: Saturday 08-08 takes Friday's rate, 22.00 / 1.10 = 20 MXN per
   * USD; Monday 08-10 its own, 24.60 / 1.20 = 20.5; 07-30 has no rate
   * before it, and 08-20 none within the 7 days before. */
  tally_test_report (fixture, "", "", TALLY_GROUP_DAY, "2026-09-30", FALSE);
  g_assert_cmpint (tally_test_money (fixture, "2026-08-08", "spend"), ==, 200000);
  g_assert_cmpint (tally_test_money (fixture, "2026-08-10", "spend"), ==, 205000);
  g_assert_cmpint (tally_test_money (fixture, "2026-07-30", "spend"), ==, 0);
  g_assert_cmpint (tally_test_money (fixture, "2026-08-20", "spend"), ==, 0);
  g_assert_cmpint (tally_test_money (fixture, "total", "spend"), ==, 405000);
  missing = diagnostic (fixture, "spend.fx_missing");
  g_assert_cmpint (missing->severity, ==, TALLY_SEVERITY_ERROR);
  g_assert_nonnull (strstr (missing->message, "2026-07-30, 2026-08-20"));
  g_assert_nonnull (strstr (missing->message, "USD"));

  /* Monthly average: August's means, 23.30 / 1.15 = 20.2608696 MXN per
   * USD, for the three August days: 6078.26; July has none. */
  tally_test_set (fixture, "fx_rule", "monthly_average");
  tally_test_report (fixture, "", "", TALLY_GROUP_DAY, "2026-09-30", FALSE);
  g_assert_cmpint (tally_test_money (fixture, "total", "spend"), ==, 607826);
  g_assert_cmpint (tally_test_money (fixture, "2026-08-20", "spend"), ==, 202609);

  /* Fixed: 18.5 MXN per USD every day. */
  tally_test_set (fixture, "fx_rule", "fixed");
  tally_test_set (fixture, "fx_fixed.USD", "18.5");
  tally_test_report (fixture, "", "", TALLY_GROUP_DAY, "2026-09-30", FALSE);
  g_assert_cmpint (tally_test_money (fixture, "total", "spend"), ==, 740000);
  g_assert_cmpint (diagnostic (fixture, "spend.fx_missing")->severity, ==, TALLY_SEVERITY_OK);
}

static void
test_lead_dedup (Fixture       *fixture,
                 gconstpointer  data)
{
  static const char leads[] =
    "Lead ID,First Name,Last Name,Company,Email,Lead Status,Lead Source,Created Date,UTM Source\n"
    "00Q1,Ana,Ruiz,R,ana@example.com,Open,Web,2026-01-01,facebook\n"
    "00Q2,Ana,Ruiz,R,ana@example.com,Open,Web,2026-01-11,facebook\n"
    "00Q3,Ana,Ruiz,R,ana@example.com,Open,Web,2026-02-20,facebook\n";

  tally_test_new_project (fixture, "timezone", "UTC", "reporting_currency", "USD", NULL);
  tally_test_import (fixture, "leads.csv", leads);

  /* Days 0, 10 and 50: within 30 days, 0 and 50 count; within 60, only 0. */
  tally_test_report (fixture, "", "", TALLY_GROUP_DAY, "2026-03-01", FALSE);
  g_assert_cmpint (tally_test_count (fixture, "total", "crm_leads_raw"), ==, 3);
  g_assert_cmpint (tally_test_count (fixture, "total", "crm_leads"), ==, 2);
  g_assert_cmpint (tally_test_count (fixture, "2026-02-20", "crm_leads"), ==, 1);

  tally_test_set (fixture, "lead_dedup_days", "60");
  tally_test_report (fixture, "", "", TALLY_GROUP_DAY, "2026-03-01", FALSE);
  g_assert_cmpint (tally_test_count (fixture, "total", "crm_leads"), ==, 1);

  /* Dedup runs over all the data: February alone still sees January. */
  tally_test_set (fixture, "lead_dedup_days", "30");
  tally_test_report (fixture, "2026-01-11", "2026-01-31", TALLY_GROUP_DAY, "2026-03-01", FALSE);
  g_assert_cmpint (tally_test_count (fixture, "total", "crm_leads"), ==, 0);
  g_assert_cmpint (tally_test_count (fixture, "total", "crm_leads_raw"), ==, 1);
}

static void
test_zero_spend (Fixture       *fixture,
                 gconstpointer  data)
{
  static const char deals[] =
    "Record ID,Deal Stage,Close Date,Amount,UTM Source,Deal Name,Pipeline\n1,Closed Won,2026-03-02,100,facebook,a,p\n";

  tally_test_new_project (fixture, "timezone", "UTC", "reporting_currency", "USD", NULL);
  tally_test_import (fixture, "deals.csv", deals);
  tally_test_report (fixture, "", "", TALLY_GROUP_DAY, "2026-03-10", FALSE);

  /* No spend: every ratio over spend is null, never 0 or infinity. */
  g_assert_cmpfloat (tally_test_ratio (fixture, "total", "meta_roas"), ==, -1);
  g_assert_cmpfloat (tally_test_ratio (fixture, "total", "crm_roas"), ==, -1);
  g_assert_cmpfloat (tally_test_ratio (fixture, "total", "roas_gap"), ==, -1);
  g_assert_cmpfloat (tally_test_ratio (fixture, "total", "roas_ratio"), ==, -1);
  g_assert_true (isnan (tally_report_metric (fixture->report, tally_test_row (fixture, "total"), "meta_cpa")));
  g_assert_cmpint (tally_test_money (fixture, "total", "crm_cac"), ==, 0);
}

/* The walks over Meta rows and CRM records ---------------------------------- */

static void
test_range_row (Fixture       *fixture,
                gconstpointer  data)
{
  static const char meta[] =
    "Reporting starts,Reporting ends,Campaign ID,Campaign name,Amount spent (USD),Impressions,Link clicks\n"
    "2026-04-01,2026-04-03,5,Otoño,100.00,1000,10\n";

  tally_test_new_project (fixture, "timezone", "UTC", "reporting_currency", "USD", NULL);
  tally_test_import (fixture, "meta.csv", meta);
  tally_test_report (fixture, "2026-04-01", "2026-04-03", TALLY_GROUP_DAY, "2026-04-10", FALSE);

  /* 10000 cents over 3 days: 3333 a day and the remainder, 1, on the
   * first; 1000 impressions 333 a day + 1; 10 link clicks 3 a day + 1. */
  g_assert_cmpint (tally_test_money (fixture, "2026-04-01", "spend"), ==, 3334);
  g_assert_cmpint (tally_test_money (fixture, "2026-04-02", "spend"), ==, 3333);
  g_assert_cmpint (tally_test_money (fixture, "2026-04-03", "spend"), ==, 3333);
  g_assert_cmpint (tally_test_count (fixture, "2026-04-01", "impressions"), ==, 334);
  g_assert_cmpint (tally_test_count (fixture, "2026-04-03", "impressions"), ==, 333);
  g_assert_cmpint (tally_test_count (fixture, "2026-04-01", "link_clicks"), ==, 4);
  g_assert_cmpint (tally_test_count (fixture, "2026-04-02", "link_clicks"), ==, 3);
  g_assert_cmpint (tally_test_money (fixture, "total", "spend"), ==, 10000);
  g_assert_cmpint (tally_test_count (fixture, "total", "impressions"), ==, 1000);

  /* The row counts once, on its first day, and covers all three. */
  g_assert_cmpint (tally_engine_day (fixture->engine, tally_day_from_civil (2026, 4, 1))->range_rows, ==, 1);
  g_assert_cmpint (tally_engine_day (fixture->engine, tally_day_from_civil (2026, 4, 2))->range_rows, ==, 0);
  g_assert_cmpint (tally_engine_day (fixture->engine, tally_day_from_civil (2026, 4, 3))->meta_rows_covering, ==, 1);
}

static void
test_standard_window (Fixture       *fixture,
                      gconstpointer  data)
{
  static const char insights[] =
    "{\"data\": [{\"account_id\": \"1\", \"campaign_id\": \"8\", \"campaign_name\": \"Retarget\", \"account_currency\": \"USD\","
    " \"date_start\": \"2026-06-13\", \"date_stop\": \"2026-06-13\", \"spend\": \"10.00\","
    " \"actions\": [{\"action_type\": \"omni_purchase\", \"value\": \"9\", \"1d_click\": \"1\", \"7d_click\": \"2\","
    " \"28d_click\": \"4\", \"1d_view\": \"3\"}],"
    " \"action_values\": [{\"action_type\": \"omni_purchase\", \"value\": \"900.00\", \"1d_click\": \"100.00\","
    " \"7d_click\": \"200.00\", \"28d_click\": \"400.00\", \"1d_view\": \"300.00\"}]}]}";

  tally_test_new_project (fixture, "timezone", "UTC", "reporting_currency", "USD", NULL);
  tally_test_import (fixture, "insights.json", insights);

  /* 7-day click and 1-day view: 2 + 3 purchases worth 200 + 300, of
   * which the views' 300 are view-through. */
  tally_test_report (fixture, "2026-06-13", "2026-06-13", TALLY_GROUP_DAY, "2026-06-20", FALSE);
  g_assert_cmpint (tally_test_count (fixture, "total", "meta_purchases"), ==, 5);
  g_assert_cmpint (tally_test_money (fixture, "total", "meta_purchase_value"), ==, 50000);
  g_assert_true (fixture->engine->has_window_data);

  /* 28-day click alone: 4 worth 400, no view-through. */
  tally_test_set (fixture, "attribution_window", "28d_click");
  tally_test_report (fixture, "2026-06-13", "2026-06-13", TALLY_GROUP_DAY, "2026-06-20", FALSE);
  g_assert_cmpint (tally_test_count (fixture, "total", "meta_purchases"), ==, 4);
  g_assert_cmpint (tally_test_money (fixture, "total", "meta_purchase_value"), ==, 40000);
}

static void
test_first_won (Fixture       *fixture,
                gconstpointer  data)
{
  /* Ana's deal from Meta is won first although it comes second in the
   * file; Beto's two deals are won at the same time, and the first in the
   * file, with no source at all, is his first. */
  static const char deals[] =
    "Record ID,Deal Name,Deal Stage,Create Date,Close Date,Amount,Email,UTM Source,Pipeline\n"
    "1,a,Closed Won,2026-03-01T10:00:00Z,2026-03-05T10:00:00Z,10.00,ana@example.com,google,p\n"
    "2,b,Closed Won,2026-03-01T10:00:00Z,2026-03-03T10:00:00Z,20.00,ana@example.com,facebook,p\n"
    "3,c,Closed Won,2026-03-01T10:00:00Z,2026-03-04T10:00:00Z,40.00,beto@example.com,,p\n"
    "4,d,Closed Won,2026-03-01T10:00:00Z,2026-03-04T10:00:00Z,80.00,beto@example.com,facebook,p\n";

  tally_test_new_project (fixture, "timezone", "UTC", "reporting_currency", "USD", NULL);
  tally_test_import (fixture, "deals.csv", deals);
  tally_test_report (fixture, "2026-03-01", "2026-03-06", TALLY_GROUP_DAY, "2026-03-10", FALSE);

  /* One new customer (Ana, on the 3rd); Beto's first won deal is not
   * Meta-sourced, though his second is, and its revenue counts. */
  g_assert_cmpint (tally_test_count (fixture, "total", "new_customers"), ==, 1);
  g_assert_cmpint (tally_test_count (fixture, "2026-03-03", "new_customers"), ==, 1);
  g_assert_cmpint (tally_test_count (fixture, "2026-03-05", "new_customers"), ==, 0);
  g_assert_cmpint (tally_test_count (fixture, "2026-03-04", "new_customers"), ==, 0);
  g_assert_cmpint (tally_test_money (fixture, "total", "revenue_gross"), ==, 10000);

  /* Match quality over the two people: both have an e-mail; Beto's first
   * deal has no source. */
  g_assert_cmpfloat (tally_test_ratio (fixture, "total", "identifier_share"), ==, 1);
  g_assert_cmpfloat (tally_test_ratio (fixture, "total", "unknown_source_share"), ==, 0.5);
  g_assert_cmpfloat (tally_test_ratio (fixture, "2026-03-04", "unknown_source_share"), ==, 1);
}

static void
test_lead_tie (Fixture       *fixture,
               gconstpointer  data)
{
  static const char meta[] =
    "Day,Campaign ID,Campaign name,Amount spent (USD),Impressions\n"
    "2026-01-01,111,Prospecting,10.00,100\n";
  /* Two leads of Ana at the same time: the first in the file counts, in
   * its campaign; the other is a raw lead only, unmatched. */
  static const char leads[] =
    "Lead ID,First Name,Last Name,Company,Email,Lead Status,Lead Source,Created Date,UTM Source,UTM Campaign\n"
    "00Q1,Ana,Ruiz,R,ana@example.com,Open,Web,2026-01-02,facebook,nope\n"
    "00Q2,Ana,Ruiz,R,ana@example.com,Open,Web,2026-01-02,facebook,111\n";

  tally_test_new_project (fixture, "timezone", "UTC", "reporting_currency", "USD", NULL);
  tally_test_import (fixture, "meta.csv", meta);
  tally_test_import (fixture, "leads.csv", leads);
  tally_test_report (fixture, "", "", TALLY_GROUP_CAMPAIGN, "2026-03-01", FALSE);

  g_assert_cmpint (tally_test_count (fixture, "total", "crm_leads_raw"), ==, 2);
  g_assert_cmpint (tally_test_count (fixture, "total", "crm_leads"), ==, 1);
  g_assert_cmpint (tally_test_count (fixture, "(unmatched)", "crm_leads"), ==, 1);
  g_assert_cmpint (tally_test_count (fixture, "(unmatched)", "crm_leads_raw"), ==, 1);
  g_assert_cmpint (tally_test_count (fixture, "Prospecting", "crm_leads"), ==, 0);
  g_assert_cmpint (tally_test_count (fixture, "Prospecting", "crm_leads_raw"), ==, 1);
}

static void
test_touch_model (Fixture       *fixture,
                  gconstpointer  data)
{
  static const char deals[] =
    "Record ID,Deal Name,Deal Stage,Close Date,Amount,Original UTM Source,Latest UTM Source,Pipeline\n"
    "1,a,Closed Won,2026-03-02,10.00,google,facebook,p\n"
    "2,b,Closed Won,2026-03-02,20.00,facebook,,p\n";

  tally_test_new_project (fixture, "timezone", "UTC", "reporting_currency", "USD", NULL);
  tally_test_import (fixture, "deals.csv", deals);

  /* First touch: deal 2 only. */
  tally_test_report (fixture, "", "", TALLY_GROUP_DAY, "2026-03-10", FALSE);
  g_assert_cmpint (tally_test_money (fixture, "total", "revenue_gross"), ==, 2000);

  /* Last touch: deal 1, and deal 2 by its original touch, its latest
   * being empty. */
  tally_test_set (fixture, "crm_attribution_model", "last_touch");
  tally_test_report (fixture, "", "", TALLY_GROUP_DAY, "2026-03-10", FALSE);
  g_assert_cmpint (tally_test_money (fixture, "total", "revenue_gross"), ==, 3000);
}

/* The bridge --------------------------------------------------------------- */

static void
test_bridge (Fixture       *fixture,
             gconstpointer  data)
{
  static const char insights[] =
    "{\"data\": [{\"account_id\": \"1\", \"campaign_id\": \"7\", \"account_currency\": \"USD\","
    " \"date_start\": \"2026-06-10\", \"date_stop\": \"2026-06-10\", \"spend\": \"100.00\","
    " \"actions\": [{\"action_type\": \"omni_purchase\", \"value\": \"5\", \"7d_click\": \"3\", \"1d_view\": \"2\"}],"
    " \"action_values\": [{\"action_type\": \"omni_purchase\", \"value\": \"500.00\", \"7d_click\": \"300.00\", \"1d_view\": \"200.00\"}]}]}";
  static const char deals[] =
    "Record ID,Deal Stage,Close Date,Amount,UTM Source,Refund Amount,Term (months),Deal Name,Pipeline\n"
    "1,Closed Won,2026-06-10T03:00:00Z,400.00,facebook,,,a,p\n"
    "2,Closed Won,2026-06-10T12:00:00Z,100.00,facebook,20.00,1,b,p\n"
    "3,Closed Won,2026-06-11T02:00:00Z,50.00,facebook,,,c,p\n";
  const TallyBridge *bridge;
  gint64 sum;

  tally_test_new_project (fixture, "timezone", "UTC", "meta_account_timezone", "America/Los_Angeles",
               "reporting_currency", "USD", "revenue_basis", "recognized", NULL);
  tally_test_import (fixture, "insights.json", insights);
  tally_test_import (fixture, "deals.csv", deals);
  tally_test_report (fixture, "2026-06-10", "2026-06-10", TALLY_GROUP_DAY, "2026-06-12", FALSE);
  bridge = &fixture->report->bridge;

  /* M = 300 + 200 (7-day click and 1-day view) = 500.00, of which views 200.
   * G, on UTC days: deals 1 and 2 = 500.00. G on the ad account's
   * (Los Angeles, UTC−7) days: deal 1 is still the 9th there, deal 3
   * already the 10th: 100 + 50 = 150.00. N = 500 − 20 = 480.00.
   * R: deal 1 whole, 400.00, and the first day of deal 2's month, 80.00
   * over 30 days: 266 cents a day and 20 more on the first, 2.86:
   * 402.86. */
  g_assert_cmpint (bridge->start, ==, 50000);
  g_assert_cmpstr (bridge->steps[0].id, ==, "view_through");
  g_assert_cmpint (bridge->steps[0].amount, ==, -20000);
  g_assert_cmpstr (bridge->steps[1].id, ==, "not_explained");
  g_assert_cmpint (bridge->steps[1].amount, ==, -15000);
  g_assert_cmpstr (bridge->steps[2].id, ==, "timezone");
  g_assert_cmpint (bridge->steps[2].amount, ==, 35000);
  g_assert_cmpstr (bridge->steps[3].id, ==, "refunds");
  g_assert_cmpint (bridge->steps[3].amount, ==, -2000);
  g_assert_cmpstr (bridge->steps[4].id, ==, "recognition");
  g_assert_cmpint (bridge->steps[4].amount, ==, -7714);
  g_assert_cmpint (bridge->end, ==, 40286);

  /* The steps add up to the difference, to the cent. */
  sum = bridge->start;
  for (guint i = 0; i < bridge->n_steps; i++)
    sum += bridge->steps[i].amount;
  g_assert_cmpint (sum, ==, bridge->end);
  g_assert_cmpint (tally_test_money (fixture, "total", "revenue_recognized"), ==, bridge->end);
}

/* The facts cache ---------------------------------------------------------- */

static void
assert_same_facts (TallyFacts *a,
                   TallyFacts *b)
{
  g_assert_cmpuint (a->strings->len, ==, b->strings->len);
  for (guint i = 0; i < a->strings->len; i++)
    g_assert_cmpstr (g_ptr_array_index (a->strings, i), ==, g_ptr_array_index (b->strings, i));
  g_assert_cmpuint (a->crm->len, ==, b->crm->len);
  g_assert_cmpmem (a->crm->data, a->crm->len * sizeof (CrmFact), b->crm->data, b->crm->len * sizeof (CrmFact));
  g_assert_cmpmem (a->crm_contacts->data, a->crm_contacts->len * sizeof (CrmContact),
                   b->crm_contacts->data, b->crm_contacts->len * sizeof (CrmContact));
  g_assert_cmpmem (a->crm_shapes->data, a->crm_shapes->len * sizeof (CrmShape),
                   b->crm_shapes->data, b->crm_shapes->len * sizeof (CrmShape));
  g_assert_cmpmem (a->crm_refunds->data, a->crm_refunds->len * sizeof (CrmRefund),
                   b->crm_refunds->data, b->crm_refunds->len * sizeof (CrmRefund));
  g_assert_cmpmem (a->meta->data, a->meta->len * sizeof (MetaFact), b->meta->data, b->meta->len * sizeof (MetaFact));
  g_assert_cmpuint (a->sessions->len, ==, b->sessions->len);
  g_assert_cmpuint (a->rates->len, ==, b->rates->len);
  g_assert_cmpint (a->has_leads, ==, b->has_leads);
}

static void
test_facts_cache (Fixture       *fixture,
                  gconstpointer  data)
{
  g_autofree char *path = g_build_filename (fixture->dir, "client.tally", NULL);
  g_autoptr(TallyFacts) built = NULL;
  g_autoptr(TallyFacts) cached = NULL;
  g_autoptr(TallyFacts) rebuilt = NULL;
  g_autoptr(TallyFacts) grown = NULL;
  g_autoptr(GError) error = NULL;
  sqlite3 *db = NULL;

  load_full (fixture);

  /* The first load reads SQL and keeps the facts; the second reads them back. */
  built = tally_facts_load (fixture->project, &error);
  g_assert_no_error (error);
  cached = tally_facts_load (fixture->project, &error);
  g_assert_no_error (error);
  assert_same_facts (built, cached);
  g_assert_cmpint (cached->data_version, ==, built->data_version);

  /* A damaged cache is rebuilt, never trusted. */
  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, "UPDATE fact_cache SET data = zeroblob (200)", NULL, NULL, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_changes (db), ==, 1);
  sqlite3_close (db);
  rebuilt = tally_facts_load (fixture->project, &error);
  g_assert_no_error (error);
  assert_same_facts (built, rebuilt);

  /* An import makes it stale: the next load sees the new rows. */
  tally_test_import (fixture, "more.csv",
          "Record ID,Deal Name,Deal Stage,Close Date,Amount,UTM Source,Pipeline\n99,Extra,Closed Won,2026-03-04,10.00,facebook,p\n");
  grown = tally_facts_load (fixture->project, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (grown->crm->len, ==, built->crm->len + 1);
  g_assert_cmpint (grown->data_version, >, built->data_version);
}

/* A lag keeps its day, negative ones too, and its seconds to the second:
 * 3 h is 0.125 days; 2199-12-31 less 1900-01-01 is 109572 days. */
static void
test_lag (void)
{
  TallyLag lag = tally_lag_new (-3, 3 * 3600);
  TallyLag longest = tally_lag_new (84000, (gint64) 109572 * 86400 + 1);

  g_assert_cmpuint (sizeof (TallyLag), ==, 8);
  g_assert_cmpint (tally_lag_day (&lag), ==, -3);
  g_assert_cmpfloat (tally_lag_days (&lag), ==, 0.125);
  g_assert_cmpint (tally_lag_day (&longest), ==, 84000);
  g_assert_cmpfloat (tally_lag_days (&longest), ==, 109572.0 + 1.0 / 86400.0);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/tally/engine/lag", test_lag);
#define ADD(name, func) g_test_add (name, Fixture, NULL, tally_test_fixture_setup, func, tally_test_fixture_teardown)
  ADD ("/tally/engine/every-metric", test_every_metric);
  ADD ("/tally/engine/refund-policies", test_refund_policies);
  ADD ("/tally/engine/by-campaign", test_by_campaign);
  ADD ("/tally/engine/campaign-join", test_campaign_join);
  ADD ("/tally/engine/timezone-day", test_timezone_day);
  ADD ("/tally/engine/recognized", test_recognized);
  ADD ("/tally/engine/fx", test_fx);
  ADD ("/tally/engine/lead-dedup", test_lead_dedup);
  ADD ("/tally/engine/zero-spend", test_zero_spend);
  ADD ("/tally/engine/bridge", test_bridge);
  ADD ("/tally/engine/range-row", test_range_row);
  ADD ("/tally/engine/standard-window", test_standard_window);
  ADD ("/tally/engine/first-won", test_first_won);
  ADD ("/tally/engine/lead-tie", test_lead_tie);
  ADD ("/tally/engine/touch-model", test_touch_model);
  ADD ("/tally/engine/facts-cache", test_facts_cache);
#undef ADD

  return g_test_run ();
}
