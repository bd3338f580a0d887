/* tally-chart-builder.c: chart data from the core's reports
 *
 * Copyright 2026 The Tally authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The charts never read a report themselves: this file copies what they
 * show into a TallyChartData, so that they can be tested and benchmarked on
 * hand-made values, and so that a chart outlives the report it came from.
 */
#define G_LOG_DOMAIN "tally-render"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "tally-chart-builder.h"
#include "tally-currency.h"
#include "tally-days.h"
#include "tally-settings.h"

static void
copy_periods (TallyChartData *data,
              TallyReport    *report)
{
  for (guint i = 0; i < data->n_periods; i++)
    {
      const TallyReportRow *row = g_ptr_array_index (report->rows, i);
      TallyChartPeriod *p = &data->periods[i];

      p->key = g_strdup (row->key);
      p->meta_roas = tally_report_metric (report, row, "meta_roas");
      p->crm_roas = tally_report_metric (report, row, "crm_roas");
      p->identifier_share = tally_report_metric (report, row, "identifier_share");
      p->click_id_share = tally_report_metric (report, row, "click_id_share");
      p->unknown_source_share = tally_report_metric (report, row, "unknown_source_share");
      p->frozen = tally_report_row_is_frozen (row);
    }
}

static void
copy_campaigns (TallyChartData *data,
                TallyReport    *report)
{
  for (guint i = 0; i < data->n_campaigns; i++)
    {
      const TallyReportRow *row = g_ptr_array_index (report->rows, i);
      TallyChartCampaign *c = &data->campaigns[i];

      c->name = g_strdup (row->key);
      c->id = g_strdup (row->campaign_id);
      c->crm_cac = tally_report_metric (report, row, "crm_cac");
      c->meta_cpa = tally_report_metric (report, row, "meta_cpa");
    }
}

static void
copy_bridge (TallyChartData    *data,
             const TallyBridge *bridge)
{
  data->bridge.start = bridge->start;
  data->bridge.end = bridge->end;
  data->bridge.no_source = bridge->no_source;
  data->bridge.unmatched = bridge->unmatched;
  for (guint i = 0; i < data->bridge.n_steps; i++)
    {
      TallyChartStep *step = &data->bridge.steps[i];

      step->id = g_strdup (bridge->steps[i].id);
      /* The core keeps the label untranslated (N_), for the JSON's sake. */
      step->label = g_strdup (_(bridge->steps[i].label));
      step->amount = bridge->steps[i].amount;
      step->measurable = bridge->steps[i].measurable;
    }
}

/* The rules every chart states under its title. */
static void
copy_rules (TallyChartData *data,
            TallyReport    *report)
{
  const TallyRules *rules = report->engine->rules;
  const TallySettingSpec *window_spec = tally_settings_lookup ("attribution_window");
  const char *name = rules->all != NULL ? g_hash_table_lookup (rules->all, "name") : NULL;
  char from[11], to[11];

  data->currency = g_strdup (tally_report_get_currency (report));
  data->decimals = tally_report_get_decimals (report);
  data->window = g_strdup (window_spec != NULL ? tally_settings_get_choice_label (window_spec, rules->window)
                                               : rules->window);
  data->timezone = g_strdup (rules->timezone);

  tally_day_format (report->from, from);
  tally_day_format (report->to, to);
  if (name != NULL && name[0] != '\0')
    /* TRANSLATORS: a chart's title: the client, then the first and last day */
    data->title = g_strdup_printf (_("%s · %s – %s"), name, from, to);
  else
    /* TRANSLATORS: a chart's title: the first and last day */
    data->title = g_strdup_printf (_("%s – %s"), from, to);
}

/**
 * tally_chart_data_new_from_report:
 * @by_period: (nullable): a report grouped by day, week or month
 * @by_campaign: (nullable): a report of the same range grouped by campaign
 *
 * Copies what the four charts show: the time charts read @by_period, the
 * CAC chart @by_campaign, the bridge and the rules whichever is given
 * (@by_period first). Either may be %NULL, not both.
 *
 * Returns: (transfer full): the chart data
 */
TallyChartData *
tally_chart_data_new_from_report (TallyReport *by_period,
                                  TallyReport *by_campaign)
{
  TallyReport *any = by_period != NULL ? by_period : by_campaign;
  TallyChartData *data;

  g_return_val_if_fail (any != NULL, NULL);
  g_return_val_if_fail (by_period == NULL || by_period->group != TALLY_GROUP_CAMPAIGN, NULL);
  g_return_val_if_fail (by_campaign == NULL || by_campaign->group == TALLY_GROUP_CAMPAIGN, NULL);

  data = tally_chart_data_new (by_period != NULL ? by_period->rows->len : 0,
                               by_campaign != NULL ? by_campaign->rows->len : 0,
                               any->bridge.n_steps);
  copy_rules (data, any);
  if (by_period != NULL)
    copy_periods (data, by_period);
  if (by_campaign != NULL)
    copy_campaigns (data, by_campaign);
  copy_bridge (data, &any->bridge);
  return data;
}
