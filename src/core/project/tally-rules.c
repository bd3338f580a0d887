/* tally-rules.c: the settings in force, read in one query, as the engine
 * and the checks use them
 *
 * Copyright 2026 The Tally authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "tally-rules"

#include "config.h"

#include <json-glib/json-glib.h>
#include <string.h>

#include "tally-project-private.h"
#include "tally-rules.h"
#include "tally-settings.h"

/* Every stored setting, in one query. */
static GHashTable *
read_stored (TallyProject *project)
{
  g_autoptr(GHashTable) stored = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  g_autoptr(sqlite3_stmt) stmt = NULL;

  stmt = _tally_store_prepare (_tally_project_get_store (project), "SELECT key, value FROM settings", NULL);
  while (stmt != NULL && sqlite3_step (stmt) == SQLITE_ROW)
    g_hash_table_insert (stored,
                         g_strdup (_tally_store_column_text (stmt, 0)),
                         g_strdup (_tally_store_column_text (stmt, 1)));

  return g_steal_pointer (&stored);
}

/* As tally_project_get_effective_setting() answers, from @stored. */
static const char *
effective (GHashTable *stored,
           const char *key)
{
  for (guint hops = 0; key != NULL && hops < 8; hops++)
    {
      const char *value = g_hash_table_lookup (stored, key);
      const TallySettingSpec *spec;

      if (value != NULL)
        return value;
      spec = tally_settings_lookup (key);
      key = spec != NULL ? spec->follows : NULL;
    }

  return NULL;
}

/* The value in force, else the key's default, else "". */
static char *
setting_text (GHashTable *stored,
              const char *key)
{
  const char *value = effective (stored, key);
  const TallySettingSpec *spec;

  if (value != NULL)
    return g_strdup (value);
  spec = tally_settings_lookup (key);
  return g_strdup (spec != NULL && spec->default_value != NULL ? spec->default_value : "");
}

static double
setting_number (GHashTable *stored,
                const char *key)
{
  g_autofree char *value = setting_text (stored, key);

  return g_ascii_strtod (value, NULL);
}

/* rules->all, rules->stored and the fixed rates, for every key of SPEC
 * section 3 and every fixed rate the project has. */
static void
fill_tables (TallyRules *rules,
             GHashTable *stored)
{
  const TallySettingSpec *specs;
  GHashTableIter iter;
  gpointer key, value;
  guint n_specs;

  rules->fixed_rates = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  rules->all = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  rules->stored = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);

  specs = tally_settings_get_specs (&n_specs);
  for (guint i = 0; i < n_specs; i++)
    {
      const char *in_force;

      if (g_str_equal (specs[i].key, TALLY_SETTING_FX_FIXED_PREFIX))
        continue;
      in_force = effective (stored, specs[i].key);
      g_hash_table_insert (rules->all, g_strdup (specs[i].key), g_strdup (in_force));
      g_hash_table_insert (rules->stored, g_strdup (specs[i].key),
                           g_strdup (g_hash_table_contains (stored, specs[i].key)
                                     ? g_hash_table_lookup (stored, specs[i].key) : ""));
    }

  g_hash_table_iter_init (&iter, stored);
  while (g_hash_table_iter_next (&iter, &key, &value))
    if (tally_settings_is_fx_fixed_key (key))
      {
        double *rate = g_new (double, 1);

        *rate = g_ascii_strtod (value, NULL);
        g_hash_table_insert (rules->all, g_strdup (key), g_strdup (value));
        g_hash_table_insert (rules->stored, g_strdup (key), g_strdup (value));
        g_hash_table_insert (rules->fixed_rates, g_strdup ((char *) key + strlen (TALLY_SETTING_FX_FIXED_PREFIX)), rate);
      }
}

static void
fill_thresholds (TallyRules *rules,
                 GHashTable *stored)
{
  rules->lead_dedup_days = (int) setting_number (stored, "lead_dedup_days");
  rules->tax_rate = setting_number (stored, "tax_rate");
  rules->fee_rate = setting_number (stored, "fee_rate");
  rules->restatement_days = (int) setting_number (stored, "restatement_days");
  rules->meta_crm_tolerance = setting_number (stored, "meta_crm_tolerance");
  rules->lpv_ratio_min = setting_number (stored, "lpv_ratio_min");
  rules->match_quality_drop_points = setting_number (stored, "match_quality_drop_points");
  rules->view_through_share_max = setting_number (stored, "view_through_share_max");
  rules->all_clicks_ratio_max = setting_number (stored, "all_clicks_ratio_max");
  rules->sessions_ratio_min = setting_number (stored, "sessions_ratio_min");
  rules->utm_missing_share_max = setting_number (stored, "utm_missing_share_max");
  rules->unmatched_share_max = setting_number (stored, "unmatched_share_max");
  rules->duplicate_lead_share_max = setting_number (stored, "duplicate_lead_share_max");
  rules->refund_share_max = setting_number (stored, "refund_share_max");
  rules->day_shift_share_max = setting_number (stored, "day_shift_share_max");
}

/**
 * tally_rules_load:
 * @project: a project
 *
 * Reads every setting in one query and resolves the timezones once.
 *
 * Returns: (transfer full): the settings in force, as the engine uses them
 */
TallyRules *
tally_rules_load (TallyProject *project)
{
  g_autoptr(GHashTable) stored = read_stored (project);
  TallyRules *rules = g_new0 (TallyRules, 1);
  g_autofree char *model = setting_text (stored, "crm_attribution_model");
  g_autofree char *sources = setting_text (stored, "meta_source_values");
  g_autofree char *stages = setting_text (stored, "customer_stages");

  rules->timezone = setting_text (stored, "timezone");
  rules->account_timezone = setting_text (stored, "meta_account_timezone");
  rules->crm_timezone = setting_text (stored, "crm_timezone");
  rules->zone = tally_zone_new (rules->timezone);
  rules->account_zone = tally_zone_new (rules->account_timezone);
  rules->crm_zone = tally_zone_new (rules->crm_timezone);
  rules->window = setting_text (stored, "attribution_window");
  rules->reporting_currency = setting_text (stored, "reporting_currency");
  rules->fx_rule_name = setting_text (stored, "fx_rule");
  rules->fx_rule = g_str_equal (rules->fx_rule_name, "fixed") ? TALLY_FX_FIXED
                 : g_str_equal (rules->fx_rule_name, "monthly_average") ? TALLY_FX_MONTHLY_AVERAGE
                 : TALLY_FX_DAILY;
  rules->revenue_basis = setting_text (stored, "revenue_basis");
  rules->refund_policy = setting_text (stored, "refund_policy");
  rules->conversion_event = setting_text (stored, "meta_conversion_event");
  rules->clicks_definition = setting_text (stored, "clicks_definition");
  rules->meta_sources = tally_settings_split_list (sources);
  /* Stages match as headers do: "Closed: won" is "closedwon". */
  rules->customer_stages = tally_settings_split_keys (stages);
  rules->last_touch = g_str_equal (model, "last_touch");
  fill_thresholds (rules, stored);
  fill_tables (rules, stored);

  return rules;
}

/* The settings whose change moves numbers: they restate frozen days. The
 * others (scope, revenue basis, refund policy, clicks, conversion event,
 * tax and fee) choose among the variants a frozen day keeps. */
static const char * const rule_keys[] = {
  "timezone", "crm_timezone", "attribution_window", "reporting_currency", "fx_rule",
  "meta_source_values", "customer_stages", "lead_dedup_days", "crm_attribution_model", NULL
};

/* Whether a setting moves numbers between cells, so that changing it
 * restates the frozen days. */
gboolean
tally_rules_is_rule_key (const char *key)
{
  return g_strv_contains ((const char * const *) rule_keys, key) || g_str_has_prefix (key, "fx_fixed.");
}

/**
 * tally_rules_fingerprint:
 * @rules: rules in force
 *
 * Returns: (transfer full): the stored values of the settings that move
 *   numbers between cells, as JSON: two rules with the same fingerprint
 *   give the same cells
 */
char *
tally_rules_fingerprint (TallyRules *rules)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(GList) keys = g_hash_table_get_keys (rules->stored);

  json_builder_begin_object (builder);
  for (guint i = 0; rule_keys[i] != NULL; i++)
    {
      json_builder_set_member_name (builder, rule_keys[i]);
      json_builder_add_string_value (builder, g_hash_table_lookup (rules->stored, rule_keys[i]));
    }
  keys = g_list_sort (keys, (GCompareFunc) strcmp);
  for (GList *l = keys; l != NULL; l = l->next)
    if (g_str_has_prefix (l->data, "fx_fixed."))
      {
        json_builder_set_member_name (builder, l->data);
        json_builder_add_string_value (builder, g_hash_table_lookup (rules->stored, l->data));
      }
  json_builder_end_object (builder);

  root = json_builder_get_root (builder);
  return json_to_string (root, FALSE);
}

void
tally_rules_free (TallyRules *rules)
{
  if (rules == NULL)
    return;

  g_free (rules->timezone);
  g_free (rules->account_timezone);
  g_free (rules->crm_timezone);
  g_clear_pointer (&rules->zone, tally_zone_free);
  g_clear_pointer (&rules->account_zone, tally_zone_free);
  g_clear_pointer (&rules->crm_zone, tally_zone_free);
  g_free (rules->window);
  g_free (rules->reporting_currency);
  g_free (rules->fx_rule_name);
  g_hash_table_unref (rules->fixed_rates);
  g_free (rules->revenue_basis);
  g_free (rules->refund_policy);
  g_free (rules->conversion_event);
  g_free (rules->clicks_definition);
  g_strfreev (rules->meta_sources);
  g_strfreev (rules->customer_stages);
  g_hash_table_unref (rules->all);
  g_hash_table_unref (rules->stored);
  g_free (rules);
}

