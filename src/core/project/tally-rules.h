/* tally-rules.h: the settings in force, read once, as the engine and the
 * checks use them
 *
 * Copyright 2026 The Tally authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "tally-days.h"
#include "tally-project.h"
#include "tally-zone.h"

G_BEGIN_DECLS

typedef enum
{
  TALLY_FX_DAILY,
  TALLY_FX_MONTHLY_AVERAGE,
  TALLY_FX_FIXED,
} TallyFxRule;

/* The settings the engine applies, read once. */
typedef struct
{
  char        *timezone;
  char        *account_timezone;
  char        *crm_timezone;
  TallyZone   *zone;             /* the three above, resolved once */
  TallyZone   *account_zone;
  TallyZone   *crm_zone;
  char        *window;
  char        *reporting_currency;
  char        *fx_rule_name;
  TallyFxRule  fx_rule;
  GHashTable  *fixed_rates;
  char        *revenue_basis;
  char        *refund_policy;
  char        *conversion_event;
  char        *clicks_definition;
  GStrv        meta_sources;
  GStrv        customer_stages;   /* as tally_value_key() makes them */
  int          lead_dedup_days;
  gboolean     last_touch;
  double       tax_rate;
  double       fee_rate;
  int          restatement_days;
  double       meta_crm_tolerance;
  double       lpv_ratio_min;
  double       match_quality_drop_points;
  double       view_through_share_max;
  double       all_clicks_ratio_max;
  double       sessions_ratio_min;
  double       utm_missing_share_max;
  double       unmatched_share_max;
  double       duplicate_lead_share_max;
  double       refund_share_max;
  double       day_shift_share_max;
  GHashTable  *all;        /* every key of SPEC section 3 in force → value */
  GHashTable  *stored;     /* every key → its stored value, "" when it follows another */
} TallyRules;

TallyRules  *tally_rules_load        (TallyProject  *project);
void         tally_rules_free        (TallyRules    *rules);
char        *tally_rules_fingerprint (TallyRules    *rules);
gboolean     tally_rules_is_rule_key (const char    *key);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (TallyRules, tally_rules_free)

G_END_DECLS
