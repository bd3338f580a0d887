/* tally-chart-data.c: what the charts show, as plain values
 *
 * Copyright 2026 The Tally authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Also what the data gives every chart alike: the bars of the gap bridge,
 * a series' value at a slot, and how many slots a kind shows (what the
 * layout divides the width by and the keyboard steps through).
 */
#define G_LOG_DOMAIN "tally-render"

#include "config.h"

#include <math.h>

#include "tally-chart-private.h"

/**
 * tally_chart_data_new:
 * @n_periods: how many periods the time charts have
 * @n_campaigns: how many campaigns the CAC chart has
 * @n_steps: how many steps the gap bridge has
 *
 * Every number starts undefined (NAN) and every period open, so that a
 * value a caller forgets to fill is drawn as missing rather than as zero.
 *
 * Returns: (transfer full): chart data for the caller to fill
 */
TallyChartData *
tally_chart_data_new (guint n_periods,
                      guint n_campaigns,
                      guint n_steps)
{
  TallyChartData *data = g_new0 (TallyChartData, 1);

  data->decimals = 2;
  data->n_periods = n_periods;
  data->periods = g_new0 (TallyChartPeriod, n_periods);
  for (guint i = 0; i < n_periods; i++)
    {
      TallyChartPeriod *p = &data->periods[i];

      p->meta_roas = p->crm_roas = NAN;
      p->identifier_share = p->click_id_share = p->unknown_source_share = NAN;
    }

  data->n_campaigns = n_campaigns;
  data->campaigns = g_new0 (TallyChartCampaign, n_campaigns);
  for (guint i = 0; i < n_campaigns; i++)
    data->campaigns[i].crm_cac = data->campaigns[i].meta_cpa = NAN;

  data->bridge.n_steps = n_steps;
  data->bridge.steps = g_new0 (TallyChartStep, n_steps);
  return data;
}

void
tally_chart_data_free (TallyChartData *data)
{
  if (data == NULL)
    return;

  for (guint i = 0; i < data->n_periods; i++)
    g_free (data->periods[i].key);
  for (guint i = 0; i < data->n_campaigns; i++)
    {
      g_free (data->campaigns[i].name);
      g_free (data->campaigns[i].id);
    }
  for (guint i = 0; i < data->bridge.n_steps; i++)
    {
      g_free (data->bridge.steps[i].id);
      g_free (data->bridge.steps[i].label);
    }

  g_free (data->periods);
  g_free (data->campaigns);
  g_free (data->bridge.steps);
  g_free (data->title);
  g_free (data->currency);
  g_free (data->window);
  g_free (data->timezone);
  g_free (data);
}

/* The bridge --------------------------------------------------------------- */

/**
 * _tally_chart_bridge_bars:
 * @bars: room for TALLY_CHART_BRIDGE_MAX_BARS (data) bars
 *
 * The start, every step from the running total, an unexplained remainder
 * when the steps do not add up to the end (the core's always do), the end.
 *
 * Returns: how many bars there are
 */
guint
_tally_chart_bridge_bars (const TallyChartData *data,
                          TallyChartBridgeBar  *bars)
{
  const TallyChartBridge *bridge = &data->bridge;
  gint64 running = bridge->start;
  guint n = 0;

  bars[n++] = (TallyChartBridgeBar) { TALLY_CHART_BAR_START, NULL, 0, bridge->start, TRUE };
  for (guint i = 0; i < bridge->n_steps; i++)
    {
      const TallyChartStep *step = &bridge->steps[i];

      bars[n++] = (TallyChartBridgeBar) { TALLY_CHART_BAR_STEP, step, running, running + step->amount,
                                          step->measurable };
      running += step->amount;
    }
  if (running != bridge->end)
    bars[n++] = (TallyChartBridgeBar) { TALLY_CHART_BAR_REMAINDER, NULL, running, bridge->end, TRUE };
  bars[n++] = (TallyChartBridgeBar) { TALLY_CHART_BAR_END, NULL, 0, bridge->end, TRUE };
  return n;
}

/**
 * tally_chart_bridge_n_bars:
 * @data: chart data
 *
 * Returns: how many bars the gap bridge draws: the start, the steps, an
 *   unexplained remainder when the steps do not add up, and the end
 */
guint
tally_chart_bridge_n_bars (const TallyChartData *data)
{
  gint64 running = data->bridge.start;

  g_return_val_if_fail (data != NULL, 0);

  for (guint i = 0; i < data->bridge.n_steps; i++)
    running += data->bridge.steps[i].amount;
  return data->bridge.n_steps + 2 + (running != data->bridge.end ? 1 : 0);
}

/* Values ------------------------------------------------------------------- */

double
_tally_chart_series_value (const TallyChartData *data,
                           TallyChartSeries      series,
                           guint                 index)
{
  const TallyChartPeriod *p = index < data->n_periods ? &data->periods[index] : NULL;
  const TallyChartCampaign *c = index < data->n_campaigns ? &data->campaigns[index] : NULL;

  switch (series)
    {
    case TALLY_CHART_SERIES_META_ROAS:
      return p != NULL ? p->meta_roas : NAN;
    case TALLY_CHART_SERIES_CRM_ROAS:
      return p != NULL ? p->crm_roas : NAN;
    case TALLY_CHART_SERIES_IDENTIFIER:
      return p != NULL ? p->identifier_share : NAN;
    case TALLY_CHART_SERIES_CLICK_ID:
      return p != NULL ? p->click_id_share : NAN;
    case TALLY_CHART_SERIES_UNKNOWN_SOURCE:
      return p != NULL ? p->unknown_source_share : NAN;
    case TALLY_CHART_SERIES_CRM_CAC:
      return c != NULL ? c->crm_cac : NAN;
    case TALLY_CHART_SERIES_META_CPA:
      return c != NULL ? c->meta_cpa : NAN;
    case TALLY_CHART_SERIES_NONE:
    default:
      return NAN;
    }
}

/* Slots -------------------------------------------------------------------- */

/**
 * tally_chart_n_slots:
 *
 * Returns: how many periods, campaigns or bridge bars @kind shows of
 *   @data: what the keyboard steps through
 */
guint
tally_chart_n_slots (TallyChartKind        kind,
                     const TallyChartData *data)
{
  g_return_val_if_fail (data != NULL, 0);

  switch (kind)
    {
    case TALLY_CHART_ROAS_OVER_TIME:
    case TALLY_CHART_MATCH_QUALITY:
      return data->n_periods;
    case TALLY_CHART_CAC_BY_CAMPAIGN:
      return data->n_campaigns;
    case TALLY_CHART_GAP_BRIDGE:
      return tally_chart_bridge_n_bars (data);
    default:
      g_return_val_if_reached (0);
    }
}
