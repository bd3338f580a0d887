/* tally-engine.c: the data under the project's rules, day by day and
 * campaign by campaign
 *
 * Copyright 2026 The Tally authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The engine applies SPEC sections 4 to 6 to the facts and fills one cell
 * per reporting day and campaign with every variant of every metric. A
 * report of any period, grouping or revenue basis is then sums of cells;
 * a freeze stores cells. The rules that change which cell a number falls
 * in (timezone, window, FX rule, Meta-source rules) need a new engine over
 * the same facts, never a new pass over SQL.
 */
#define G_LOG_DOMAIN "tally-engine"

#include "config.h"

#include "tally-engine-private.h"

/* Sessions ------------------------------------------------------------------ */

static void
add_sessions (TallyEngine       *engine,
              const StringRules *strings)
{
  TallyFacts *facts = engine->facts;

  for (guint i = 0; i < facts->sessions->len; i++)
    {
      const SessionFact *fact = &g_array_index (facts->sessions, SessionFact, i);
      guint campaign;

      if (!strings->meta_source[fact->source])
        continue;

      campaign = fact->campaign != 0 ? strings->campaign[fact->campaign] : TALLY_CAMPAIGN_UNMATCHED;
      tally_engine_cell (engine, fact->day, campaign)->sessions += fact->sessions;
      engine->has_sessions = TRUE;
    }
}

/* The engine --------------------------------------------------------------- */

/**
 * tally_engine_new_with_rules:
 * @facts: the project's data; the engine borrows it
 * @rules: the settings to apply; the engine takes them
 *
 * Returns: (transfer full): every cell and every day's diagnostics
 */
TallyEngine *
tally_engine_new_with_rules (TallyFacts *facts,
                             TallyRules *rules)
{
  TallyEngine *engine = g_new0 (TallyEngine, 1);
  StringRules strings = { 0 };

  engine->rules = rules;
  engine->facts = facts;
  engine->fx = tally_fx_new (facts, rules->reporting_currency, rules->fx_rule, rules->fixed_rates);
  engine->campaigns = g_ptr_array_new_with_free_func ((GDestroyNotify) _tally_campaign_free);
  engine->cells = g_hash_table_new_full (tally_cell_key_hash, tally_cell_key_equal, NULL, g_free);
  engine->days = g_hash_table_new_full (g_direct_hash, g_direct_equal, NULL, g_free);
  engine->click_pairs = g_hash_table_new_full (g_direct_hash, g_direct_equal, NULL, g_free);
  engine->cell_index = tally_index_new ();
  engine->day_index = tally_index_new ();
  engine->lags = g_array_new (FALSE, FALSE, sizeof (TallyLag));
  engine->unmatched = g_array_new (FALSE, FALSE, sizeof (TallyUnmatched));
  engine->currencies = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  engine->spend_original = g_hash_table_new_full (tally_cell_key_hash, tally_cell_key_equal, g_free, (GDestroyNotify) g_array_unref);
  engine->min_day = G_MAXINT32;
  engine->max_day = G_MININT32;

  _tally_engine_add_campaign (engine, "", "", NULL);
  _tally_engine_add_campaign (engine, "(unmatched)", "(unmatched)", NULL);

  _tally_engine_add_meta (engine);
  /* What each imported string means under the rules, once for the CRM
   * records and the sessions; the campaigns are all known by now. */
  _tally_string_rules_classify (engine, &strings);
  _tally_engine_add_crm (engine, &strings);
  add_sessions (engine, &strings);
  _tally_string_rules_clear (&strings);
  return engine;
}

/**
 * tally_engine_new:
 * @project: a project
 * @facts: its data; the engine borrows it
 * @error: return location for a #TallyError
 *
 * Returns: (transfer full): the engine under the project's settings
 */
TallyEngine *
tally_engine_new (TallyProject  *project,
                  TallyFacts    *facts,
                  GError       **error)
{
  g_return_val_if_fail (TALLY_IS_PROJECT (project), NULL);

  return tally_engine_new_with_rules (facts, tally_rules_load (project));
}

void
tally_engine_free (TallyEngine *engine)
{
  if (engine == NULL)
    return;

  tally_rules_free (engine->rules);
  tally_fx_free (engine->fx);
  g_ptr_array_unref (engine->campaigns);
  g_hash_table_unref (engine->cells);
  g_hash_table_unref (engine->days);
  g_hash_table_unref (engine->click_pairs);
  tally_index_free (engine->cell_index);
  tally_index_free (engine->day_index);
  g_array_unref (engine->lags);
  g_array_unref (engine->unmatched);
  g_hash_table_unref (engine->currencies);
  g_hash_table_unref (engine->spend_original);
  g_free (engine);
}

/**
 * tally_engine_set_rules:
 * @engine: an engine
 * @rules: (transfer full): rules with the same tally_rules_fingerprint()
 *   as the engine's
 *
 * Takes the rules that only choose among what the cells keep (scope,
 * revenue basis, refund policy, clicks, conversion event, tax, fees, the
 * mismatch map's thresholds) without computing the cells again.
 */
void
tally_engine_set_rules (TallyEngine *engine,
                        TallyRules  *rules)
{
  g_autofree char *before = tally_rules_fingerprint (engine->rules);
  g_autofree char *after = tally_rules_fingerprint (rules);

  g_return_if_fail (g_str_equal (before, after));

  tally_rules_free (engine->rules);
  engine->rules = rules;
}
