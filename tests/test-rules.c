/* test-rules.c: the settings in force as the engine reads them
 *
 * Copyright 2026 The Tally authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "tally-core.h"
#include "tally-rules.h"
#include "tally-test-utils.h"

typedef struct
{
  char         *dir;
  TallyProject *project;
} Fixture;

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  const char * const settings[] = { "timezone", "America/Bogota", "reporting_currency", "COP", NULL };
  g_autofree char *path = NULL;
  g_autoptr(GError) error = NULL;

  fixture->dir = tally_test_make_dir ();
  path = g_build_filename (fixture->dir, "Client.tally", NULL);
  fixture->project = tally_project_create (path, settings, &error);
  g_assert_no_error (error);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  g_clear_object (&fixture->project);
  tally_test_remove_dir (fixture->dir);
  g_free (fixture->dir);
}

static void
save (Fixture    *fixture,
      const char *key,
      const char *value)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (tally_setting_save (fixture->project, key, value, &error));
  g_assert_no_error (error);
}

/* An unset key that follows another takes its value; the stored table
 * says "" for it, so that the fingerprint tells "follows" from "set". */
static void
test_rules_follow (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autoptr(TallyRules) rules = tally_rules_load (fixture->project);
  g_autoptr(TallyRules) changed = NULL;

  g_assert_cmpstr (rules->timezone, ==, "America/Bogota");
  g_assert_cmpstr (rules->crm_timezone, ==, "America/Bogota");
  g_assert_cmpstr (rules->account_timezone, ==, "America/Bogota");
  g_assert_cmpstr (g_hash_table_lookup (rules->stored, "crm_timezone"), ==, "");
  g_assert_cmpstr (g_hash_table_lookup (rules->all, "crm_timezone"), ==, "America/Bogota");

  save (fixture, "crm_timezone", "UTC");
  changed = tally_rules_load (fixture->project);
  g_assert_cmpstr (changed->crm_timezone, ==, "UTC");
  g_assert_cmpstr (changed->timezone, ==, "America/Bogota");
  g_assert_cmpstr (g_hash_table_lookup (changed->stored, "crm_timezone"), ==, "UTC");
}

/* The zones are resolved once, on load: Bogotá is UTC−5 all year. */
static void
test_rules_zones (Fixture       *fixture,
                  gconstpointer  data)
{
  g_autoptr(TallyRules) rules = tally_rules_load (fixture->project);
  /* 2025-03-01 03:00 UTC is still 2025-02-28 in Bogotá. */
  gint64 instant = (gint64) tally_day_from_civil (2025, 3, 1) * 86400 + 3 * 3600;

  g_assert_nonnull (rules->zone);
  g_assert_cmpint (tally_zone_offset_hours (rules->zone, instant), ==, -5);
  g_assert_cmpint (tally_zone_day (rules->zone, instant), ==, tally_day_from_civil (2025, 2, 28));
  g_assert_true (tally_zone_equal (rules->zone, rules->crm_zone));
}

/* Numbers come from their settings, or from the spec's defaults. */
static void
test_rules_numbers (Fixture       *fixture,
                    gconstpointer  data)
{
  g_autoptr(TallyRules) rules = NULL;

  save (fixture, "tax_rate", "0.19");
  save (fixture, "lead_dedup_days", "14");
  save (fixture, "fx_rule", "fixed");
  save (fixture, "fx_fixed.USD", "4100.5");
  rules = tally_rules_load (fixture->project);

  g_assert_cmpfloat_with_epsilon (rules->tax_rate, 0.19, 1e-12);
  g_assert_cmpint (rules->lead_dedup_days, ==, 14);
  g_assert_cmpint (rules->fx_rule, ==, TALLY_FX_FIXED);
  g_assert_cmpstr (rules->reporting_currency, ==, "COP");
  g_assert_cmpstr (rules->window, ==, "7d_click_1d_view");
  g_assert_cmpfloat_with_epsilon (*(double *) g_hash_table_lookup (rules->fixed_rates, "USD"), 4100.5, 1e-9);
  g_assert_cmpstr (g_hash_table_lookup (rules->all, "fx_fixed.USD"), ==, "4100.5");
}

/* Two loads of the same settings give the same fingerprint; a rule that
 * moves numbers changes it, a choice among variants does not. */
static void
test_rules_fingerprint (Fixture       *fixture,
                        gconstpointer  data)
{
  g_autoptr(TallyRules) first = tally_rules_load (fixture->project);
  g_autoptr(TallyRules) again = tally_rules_load (fixture->project);
  g_autoptr(TallyRules) basis = NULL;
  g_autoptr(TallyRules) window = NULL;
  g_autofree char *a = tally_rules_fingerprint (first);
  g_autofree char *b = tally_rules_fingerprint (again);
  g_autofree char *c = NULL;
  g_autofree char *d = NULL;

  g_assert_cmpstr (a, ==, b);

  save (fixture, "revenue_basis", "net");
  basis = tally_rules_load (fixture->project);
  c = tally_rules_fingerprint (basis);
  g_assert_cmpstr (a, ==, c);
  g_assert_false (tally_rules_is_rule_key ("revenue_basis"));

  save (fixture, "attribution_window", "1d_click");
  window = tally_rules_load (fixture->project);
  d = tally_rules_fingerprint (window);
  g_assert_cmpstr (a, !=, d);
  g_assert_true (tally_rules_is_rule_key ("attribution_window"));
  g_assert_true (tally_rules_is_rule_key ("fx_fixed.EUR"));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add ("/rules/follow", Fixture, NULL, fixture_set_up, test_rules_follow, fixture_tear_down);
  g_test_add ("/rules/zones", Fixture, NULL, fixture_set_up, test_rules_zones, fixture_tear_down);
  g_test_add ("/rules/numbers", Fixture, NULL, fixture_set_up, test_rules_numbers, fixture_tear_down);
  g_test_add ("/rules/fingerprint", Fixture, NULL, fixture_set_up, test_rules_fingerprint, fixture_tear_down);

  return g_test_run ();
}
