/* tally-test-freeze.c: the small client of the publish and freeze tests
 *
 * Copyright 2026 The Tally authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "tally-core.h"
#include "tally-test-freeze.h"
#include "tally-test-report.h"

/* Spend 100.00 on 03-02 and 50.00 on 03-03, worth 300.00 and 90.00 to Meta;
 * one Meta-sourced deal of 250.00 won on 03-02; a late one of 40.00 won on
 * 03-03. */
const char tally_test_meta_csv[] =
  "Day,Campaign ID,Campaign name,Amount spent (USD),Impressions,Link clicks,Purchases,Purchases conversion value\n"
  "2026-03-02,1,Verano,100.00,1000,50,2,300.00\n"
  "2026-03-03,1,Verano,50.00,500,20,1,90.00\n";
const char tally_test_deals_csv[] =
  "Record ID,Deal Name,Deal Stage,Close Date,Amount,UTM Source,UTM Campaign,Pipeline\n"
  "1,a,Closed Won,2026-03-02,250.00,facebook,Verano,p\n";
const char tally_test_late_csv[] =
  "Record ID,Deal Name,Deal Stage,Close Date,Amount,UTM Source,UTM Campaign,Pipeline\n"
  "2,b,Closed Won,2026-03-03,40.00,facebook,Verano,p\n";

/* The client those files are for: UTC, in US dollars. */
void
tally_test_new_spring_client (TallyTestFixture *fixture)
{
  tally_test_new_project (fixture, "timezone", "UTC", "reporting_currency", "USD", NULL);
}

gint32
tally_test_day (const char *text)
{
  gint32 day;

  g_assert_true (tally_day_parse (text, &day));
  return day;
}

/* The @i-th restatement the fixture's view has pending. */
const TallyRestatement *
tally_test_pending (TallyTestFixture *fixture,
                    guint             i)
{
  g_assert_cmpuint (fixture->view->pending->len, >, i);
  return g_ptr_array_index (fixture->view->pending, i);
}

/* The @i-th change of @r is @metric, from @published to @live. */
void
tally_test_assert_change (const TallyRestatement *r,
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
