/* tally-chart-data.h: what the charts show, as plain values
 *
 * Copyright 2026 The Tally authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/**
 * TallyChartPeriod:
 * @key: the period as the report names it: `2026-08`, `2026-08-14`, `2026-W33`
 * @meta_roas: Meta attributed ROAS, NAN when undefined
 * @crm_roas: CRM realized ROAS, NAN when undefined
 * @identifier_share: match quality shares, 0..1, NAN when undefined
 * @click_id_share: see @identifier_share
 * @unknown_source_share: see @identifier_share
 * @frozen: whether every day of the period is frozen (SPEC section 8)
 */
typedef struct
{
  char     *key;
  double    meta_roas;
  double    crm_roas;
  double    identifier_share;
  double    click_id_share;
  double    unknown_source_share;
  gboolean  frozen;
} TallyChartPeriod;

/**
 * TallyChartCampaign:
 * @name: the campaign's name, or `(unmatched)`
 * @id: the campaign id when known, else %NULL
 * @crm_cac: CRM CAC in minor units, NAN when undefined
 * @meta_cpa: Meta CPA in minor units, NAN when undefined
 */
typedef struct
{
  char   *name;
  char   *id;
  double  crm_cac;
  double  meta_cpa;
} TallyChartCampaign;

/**
 * TallyChartStep:
 * @id: the step's id of SPEC section 7b, such as `refunds`
 * @label: the step's translated sentence
 * @amount: minor units of the reporting currency
 * @measurable: %FALSE when the data cannot measure the step
 */
typedef struct
{
  char     *id;
  char     *label;
  gint64    amount;
  gboolean  measurable;
} TallyChartStep;

/**
 * TallyChartBridge:
 * @start: Meta attributed value, minor units
 * @end: CRM realized revenue, minor units
 * @steps: (array length=n_steps): the steps between them
 * @no_source: revenue of customers with no source, context only
 * @unmatched: revenue of `(unmatched)` campaigns, context only
 */
typedef struct
{
  gint64          start;
  gint64          end;
  TallyChartStep *steps;
  guint           n_steps;
  gint64          no_source;
  gint64          unmatched;
} TallyChartBridge;

/**
 * TallyChartData:
 * @title: what the charts are of, such as the client and the range; may be %NULL
 * @currency: the reporting currency's code
 * @decimals: the reporting currency's minor unit
 * @window: the attribution window as people read it
 * @timezone: the reporting timezone
 *
 * One report's worth of chart data; every chart kind reads its own part.
 */
typedef struct
{
  char               *title;
  char               *currency;
  guint               decimals;
  char               *window;
  char               *timezone;
  TallyChartPeriod   *periods;
  guint               n_periods;
  TallyChartCampaign *campaigns;
  guint               n_campaigns;
  TallyChartBridge    bridge;
} TallyChartData;

TallyChartData *tally_chart_data_new  (guint           n_periods,
                                       guint           n_campaigns,
                                       guint           n_steps);
void            tally_chart_data_free (TallyChartData *data);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (TallyChartData, tally_chart_data_free)

G_END_DECLS
