/* tally-report-export.c: a report as CSV and as the JSON of
 * `tally-cli report --json`
 *
 * Copyright 2026 The Tally authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Both round each value once, at output, half away from zero: money to the
 * report's decimals (its currency's minor unit), ratios and shares to four
 * decimals. The JSON carries the mismatch map, so this file sits above
 * both the report and the diagnostics.
 */
#define G_LOG_DOMAIN "tally-report"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>
#include <string.h>

#include "tally-diagnostics.h"
#include "tally-format.h"
#include "tally-report-export.h"

#define RATIO_DECIMALS 4

/* Which metrics are money (rounded to the minor unit) and which ratios. */
static const char * const money_metrics[] = {
  "spend", "spend_invoiced", "meta_purchase_value", "revenue_gross", "revenue_net", "revenue_recognized",
  "meta_cpa", "crm_cac", "meta_cpl", "crm_cpl", NULL
};
static const char * const count_metrics[] = {
  "impressions", "link_clicks", "all_clicks", "landing_page_views", "sessions", "meta_leads", "meta_purchases",
  "crm_leads", "crm_leads_raw", "new_customers", NULL
};
static const char * const ratio_metrics[] = {
  "meta_roas", "crm_roas", "roas_gap", "roas_ratio", "identifier_share", "click_id_share", "unknown_source_share", NULL
};

void
tally_report_write_row (TallyReport          *report,
                        TallyJsonWriter      *writer,
                        const TallyReportRow *row,
                        gboolean              with_key)
{
  guint decimals = tally_report_get_decimals (report);

  tally_json_begin_object (writer);
  if (with_key)
    {
      tally_json_member (writer, "key");
      tally_json_string (writer, row->key);
      if (report->group == TALLY_GROUP_CAMPAIGN)
        {
          tally_json_member (writer, "campaign_id");
          tally_json_string (writer, row->campaign_id);
        }
    }

  for (guint i = 0; money_metrics[i] != NULL; i++)
    {
      tally_json_member (writer, money_metrics[i]);
      tally_json_money (writer, tally_report_metric (report, row, money_metrics[i]), decimals);
    }
  for (guint i = 0; count_metrics[i] != NULL; i++)
    {
      tally_json_member (writer, count_metrics[i]);
      tally_json_int (writer, (gint64) tally_report_metric (report, row, count_metrics[i]));
    }
  for (guint i = 0; ratio_metrics[i] != NULL; i++)
    {
      tally_json_member (writer, ratio_metrics[i]);
      tally_json_fixed (writer, tally_report_metric (report, row, ratio_metrics[i]), RATIO_DECIMALS);
    }

  tally_json_member (writer, "frozen");
  tally_json_bool (writer, tally_report_row_is_frozen (row));
  if (!with_key)
    {
      tally_json_member (writer, "frozen_days");
      tally_json_int (writer, row->n_frozen);
      tally_json_member (writer, "pending_restatements");
      tally_json_int (writer, report->n_pending);
    }
  tally_json_end_object (writer);
}

/* A CSV cell of a metric, rounded once, half away from zero, as the JSON
 * rounds; empty when null. Money is @value in minor units. */
static void
append_csv_metric (GString  *out,
                   double    value,
                   guint     decimals,
                   gboolean  money)
{
  g_autofree char *text = NULL;

  g_string_append_c (out, ',');
  if (!isfinite (value))
    return;

  /* A file for spreadsheets and scripts: a decimal point, whatever the
   * locale (a decimal comma would split the cell in two). */
  text = tally_format_amount (money ? value : value * pow (10, decimals), decimals, TALLY_FORMAT_ASCII);
  g_string_append (out, text);
}

static void
append_csv_row (GString              *out,
                TallyReport          *report,
                const TallyReportRow *row,
                const char           *key)
{
  guint decimals = tally_report_get_decimals (report);

  g_string_append_c (out, '"');
  for (const char *p = key; *p != '\0'; p++)
    {
      if (*p == '"')
        g_string_append_c (out, '"');
      g_string_append_c (out, *p);
    }
  g_string_append_c (out, '"');

  for (guint i = 0; money_metrics[i] != NULL; i++)
    append_csv_metric (out, tally_report_metric (report, row, money_metrics[i]), decimals, TRUE);
  for (guint i = 0; count_metrics[i] != NULL; i++)
    append_csv_metric (out, tally_report_metric (report, row, count_metrics[i]), 0, FALSE);
  for (guint i = 0; ratio_metrics[i] != NULL; i++)
    append_csv_metric (out, tally_report_metric (report, row, ratio_metrics[i]), RATIO_DECIMALS, FALSE);
  g_string_append (out, tally_report_row_is_frozen (row) ? ",yes\r\n" : ",no\r\n");
}

/**
 * tally_report_to_csv:
 * @report: a report
 *
 * Returns: (transfer full): the rows and a "total" row, with the metric
 *   keys of `report --json` as the header, money in the reporting currency
 */
char *
tally_report_to_csv (TallyReport *report)
{
  GString *out = g_string_new ("key");

  for (guint i = 0; money_metrics[i] != NULL; i++)
    g_string_append_printf (out, ",%s", money_metrics[i]);
  for (guint i = 0; count_metrics[i] != NULL; i++)
    g_string_append_printf (out, ",%s", count_metrics[i]);
  for (guint i = 0; ratio_metrics[i] != NULL; i++)
    g_string_append_printf (out, ",%s", ratio_metrics[i]);
  g_string_append (out, ",frozen\r\n");

  for (guint i = 0; i < report->rows->len; i++)
    {
      TallyReportRow *row = g_ptr_array_index (report->rows, i);

      append_csv_row (out, report, row, row->key);
    }
  append_csv_row (out, report, &report->totals, "total");
  return g_string_free (out, FALSE);
}

void
tally_report_write_settings (TallyReport     *report,
                             TallyJsonWriter *writer)
{
  g_autoptr(GList) keys = g_hash_table_get_keys (report->engine->rules->all);
  GHashTable *all = report->engine->rules->all;

  keys = g_list_sort (keys, (GCompareFunc) strcmp);
  tally_json_begin_object (writer);
  for (GList *l = keys; l != NULL; l = l->next)
    {
      tally_json_member (writer, l->data);
      tally_json_string (writer, g_hash_table_lookup (all, l->data));
    }
  tally_json_end_object (writer);
}

void
tally_report_write_bridge (TallyReport     *report,
                           TallyJsonWriter *writer)
{
  const TallyBridge *bridge = &report->bridge;
  guint decimals = tally_report_get_decimals (report);

  tally_json_begin_object (writer);
  tally_json_member (writer, "start");
  tally_json_money (writer, (double) bridge->start, decimals);
  tally_json_member (writer, "steps");
  tally_json_begin_array (writer);
  for (guint i = 0; i < bridge->n_steps; i++)
    {
      tally_json_begin_object (writer);
      tally_json_member (writer, "id");
      tally_json_string (writer, bridge->steps[i].id);
      tally_json_member (writer, "label");
      tally_json_string (writer, _(bridge->steps[i].label));
      tally_json_member (writer, "amount");
      tally_json_money (writer, (double) bridge->steps[i].amount, decimals);
      tally_json_member (writer, "measurable");
      tally_json_bool (writer, bridge->steps[i].measurable);
      tally_json_end_object (writer);
    }
  tally_json_end_array (writer);
  tally_json_member (writer, "end");
  tally_json_money (writer, (double) bridge->end, decimals);
  tally_json_member (writer, "context");
  tally_json_begin_object (writer);
  tally_json_member (writer, "no_source_revenue");
  tally_json_money (writer, (double) bridge->no_source, decimals);
  tally_json_member (writer, "unmatched_revenue");
  tally_json_money (writer, (double) bridge->unmatched, decimals);
  tally_json_end_object (writer);
  tally_json_end_object (writer);
}

/* The publications whose period overlaps the report's. */
static void
write_publications (TallyReport     *report,
                    TallyJsonWriter *writer)
{
  GPtrArray *list = report->publications;

  tally_json_begin_array (writer);
  for (guint i = 0; list != NULL && i < list->len; i++)
    {
      const TallyPublication *p = g_ptr_array_index (list, i);

      if (tally_publication_overlaps (p, report->from, report->to))
        tally_publication_write (p, writer, FALSE);
    }
  tally_json_end_array (writer);
}

/**
 * tally_report_to_json:
 *
 * Returns: (transfer full): the object `tally-cli report --json` prints
 */
char *
tally_report_to_json (TallyReport *report)
{
  g_autoptr(TallyJsonWriter) writer = tally_json_writer_new (TRUE);
  char from[11], to[11], as_of[11];

  tally_day_format (report->from, from);
  tally_day_format (report->to, to);
  tally_day_format (report->as_of, as_of);

  tally_json_begin_object (writer);
  tally_json_member (writer, "settings");
  tally_report_write_settings (report, writer);
  tally_json_member (writer, "period");
  tally_json_begin_object (writer);
  tally_json_member (writer, "from");
  tally_json_string (writer, from);
  tally_json_member (writer, "to");
  tally_json_string (writer, to);
  tally_json_member (writer, "group");
  tally_json_string (writer, tally_group_to_string (report->group));
  tally_json_member (writer, "as_of");
  tally_json_string (writer, as_of);
  tally_json_end_object (writer);

  tally_json_member (writer, "rows");
  tally_json_begin_array (writer);
  for (guint i = 0; i < report->rows->len; i++)
    tally_report_write_row (report, writer, g_ptr_array_index (report->rows, i), TRUE);
  tally_json_end_array (writer);

  tally_json_member (writer, "totals");
  tally_report_write_row (report, writer, &report->totals, FALSE);

  tally_json_member (writer, "match_quality");
  tally_json_begin_object (writer);
  tally_json_member (writer, "people");
  tally_json_int (writer, report->totals.sum.mq_people);
  for (guint i = 4; ratio_metrics[i] != NULL; i++)
    {
      tally_json_member (writer, ratio_metrics[i]);
      tally_json_fixed (writer, tally_report_metric (report, &report->totals, ratio_metrics[i]), RATIO_DECIMALS);
    }
  tally_json_end_object (writer);

  tally_json_member (writer, "bridge");
  tally_report_write_bridge (report, writer);

  tally_json_member (writer, "publications");
  write_publications (report, writer);

  tally_json_member (writer, "diagnostics");
  tally_diagnostics_write (tally_report_get_diagnostics (report), writer, tally_report_get_decimals (report));
  tally_json_end_object (writer);

  return tally_json_writer_free_to_string (g_steal_pointer (&writer));
}
