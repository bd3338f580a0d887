/* tally-chart-data.c: what the charts show, as plain values
 *
 * Copyright 2026 The Tally authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <math.h>

#include "tally-chart-data.h"

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
