/* tally-diagnostics.c: the mismatch map, SPEC section 7
 *
 * Copyright 2026 The Tally authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Each check measures one known cause of the gap between Meta and the CRM
 * over the report's range, says in a sentence what it found, and what to
 * do. Its thresholds are project settings. The registry below names every
 * check once: its id, its category, its title and the function that runs
 * it (tally-checks-meta.c, tally-checks-crm.c); the map lists the checks
 * in its order.
 */
#define G_LOG_DOMAIN "tally-diagnostics"

#include "config.h"

#include <math.h>

#include "tally-diagnostic-context.h"
#include "tally-format.h"

static const TallyCheck registry[] = {
  { "attribution.window_mismatch", "attribution", N_("Attribution settings"),
    _tally_check_window_mismatch },
  { "attribution.view_through_share", "attribution", N_("View-through share"),
    _tally_check_view_through_share },
  { "tracking.meta_exceeds_crm", "tracking", N_("More Meta purchases than customers"),
    _tally_check_meta_exceeds_crm },
  { "tracking.meta_below_crm", "tracking", N_("Fewer Meta purchases than customers"),
    _tally_check_meta_below_crm },
  { "identity.match_quality", "identity", N_("Match quality"),
    _tally_check_match_quality },
  { "timing.account_timezone_differs", "timing", N_("Ad account timezone"),
    _tally_check_account_timezone },
  { "timing.crm_day_shift", "timing", N_("CRM day shift"),
    _tally_check_crm_day_shift },
  { "timing.conversion_lag", "timing", N_("Conversion lag"),
    _tally_check_conversion_lag },
  { "timing.open_period", "timing", N_("Open days"),
    _tally_check_open_period },
  { "spend.currencies", "spend", N_("Currencies"),
    _tally_check_currencies },
  { "spend.fx_missing", "spend", N_("Missing exchange rates"),
    _tally_check_fx_missing },
  { "spend.invoiced_vs_delivery", "spend", N_("Invoiced and delivered spend"),
    _tally_check_invoiced_vs_delivery },
  { "definitions.all_vs_link_clicks", "definitions", N_("All clicks and link clicks"),
    _tally_check_all_vs_link_clicks },
  { "definitions.landing_page_views", "definitions", N_("Landing page views"),
    _tally_check_landing_page_views },
  { "definitions.sessions_vs_clicks", "definitions", N_("Sessions and clicks"),
    _tally_check_sessions_vs_clicks },
  { "definitions.range_rows", "definitions", N_("Rows over several days"),
    _tally_check_range_rows },
  { "utm.missing", "definitions", N_("Stripped UTMs"),
    _tally_check_utm_missing },
  { "utm.unmatched_campaign", "definitions", N_("Unmatched campaigns"),
    _tally_check_unmatched_campaign },
  { "crm.duplicate_leads", "crm", N_("Duplicate leads"),
    _tally_check_duplicate_leads },
  { "crm.stage_anomalies", "crm", N_("Stage anomalies"),
    _tally_check_stage_anomalies },
  { "crm.refund_share", "crm", N_("Refunds"),
    _tally_check_refund_share },
};

/**
 * tally_diagnostics_compute:
 * @report: a report whose totals are summed
 *
 * Runs every check of the registry over the report's range.
 *
 * Returns: (transfer full) (element-type TallyDiagnostic): every check
 */
GPtrArray *
tally_diagnostics_compute (TallyReport *report)
{
  TallyDiagContext ctx;

  g_return_val_if_fail (report != NULL, NULL);

  _tally_diag_context_init (&ctx, report);
  for (guint i = 0; i < G_N_ELEMENTS (registry); i++)
    {
      ctx.check = &registry[i];
      registry[i].check (&ctx);
    }
  return ctx.list;
}

/**
 * tally_report_get_diagnostics:
 * @report: a report
 *
 * The mismatch map of the report's range, computed the first time it is
 * asked for (charts never need it) and kept with the report.
 *
 * Returns: (transfer none) (element-type TallyDiagnostic): every check
 */
GPtrArray *
tally_report_get_diagnostics (TallyReport *report)
{
  g_return_val_if_fail (report != NULL, NULL);

  if (report->diagnostics == NULL)
    report->diagnostics = tally_diagnostics_compute (report);
  return report->diagnostics;
}

/* JSON --------------------------------------------------------------------- */

void
tally_diagnostics_write (GPtrArray       *diagnostics,
                         TallyJsonWriter *writer,
                         guint            money_decimals)
{
  tally_json_begin_array (writer);
  for (guint i = 0; i < diagnostics->len; i++)
    {
      TallyDiagnostic *d = g_ptr_array_index (diagnostics, i);

      tally_json_begin_object (writer);
      tally_json_member (writer, "id");
      tally_json_string (writer, d->id);
      tally_json_member (writer, "category");
      tally_json_string (writer, d->category);
      tally_json_member (writer, "severity");
      tally_json_string (writer, tally_severity_to_string (d->severity));
      tally_json_member (writer, "value");
      tally_json_begin_object (writer);
      for (guint v = 0; v < d->values->len; v++)
        {
          TallyDiagValue *value = g_ptr_array_index (d->values, v);

          tally_json_member (writer, value->name);
          switch (value->kind)
            {
            case TALLY_VALUE_NUMBER:
              tally_json_fixed (writer, value->number, value->number == floor (value->number) ? 0 : 2);
              break;
            case TALLY_VALUE_MONEY:
              tally_json_money (writer, value->number, money_decimals);
              break;
            case TALLY_VALUE_SHARE:
              tally_json_fixed (writer, value->number, 4);
              break;
            case TALLY_VALUE_TEXT:
              tally_json_string (writer, value->text);
              break;
            case TALLY_VALUE_LIST:
              tally_json_begin_array (writer);
              for (guint k = 0; value->list[k] != NULL; k++)
                tally_json_string (writer, value->list[k]);
              tally_json_end_array (writer);
              break;
            case TALLY_VALUE_NULL:
            default:
              tally_json_null (writer);
              break;
            }
        }
      tally_json_end_object (writer);
      tally_json_member (writer, "message");
      tally_json_string (writer, d->message);
      tally_json_member (writer, "action");
      tally_json_string (writer, d->action);
      tally_json_end_object (writer);
    }
  tally_json_end_array (writer);
}

/* Titles ------------------------------------------------------------------- */

static const char * const categories[] = {
  "attribution", "tracking", "identity", "timing", "spend", "definitions", "crm", NULL
};

static const char * const category_titles[] = {
  N_("Attribution"), N_("Tracking"), N_("Identity"), N_("Timing"), N_("Spend"), N_("Definitions"), N_("CRM"),
};

/* Returns: the check's title, translated; the id itself when unknown */
const char *
tally_diagnostic_title (const char *id)
{
  for (guint i = 0; i < G_N_ELEMENTS (registry); i++)
    if (g_str_equal (registry[i].id, id))
      return _(registry[i].title);
  return id;
}

/* Returns: the seven categories of SPEC section 7, in their order */
const char * const *
tally_diagnostic_categories (void)
{
  return categories;
}

const char *
tally_diagnostic_category_title (const char *category)
{
  for (guint i = 0; categories[i] != NULL; i++)
    if (g_str_equal (categories[i], category))
      return _(category_titles[i]);
  return category;
}

/**
 * tally_diagnostic_describe_values:
 * @diagnostic: a check
 * @currency: the reporting currency
 * @money_decimals: its minor unit
 *
 * Returns: (transfer full): the measured values in a line, such as
 *   "rows 184 · spend share 25.6 %"
 */
char *
tally_diagnostic_describe_values (TallyDiagnostic *diagnostic,
                                  const char      *currency,
                                  guint            money_decimals)
{
  GString *text = g_string_new (NULL);

  for (guint i = 0; i < diagnostic->values->len; i++)
    {
      TallyDiagValue *value = g_ptr_array_index (diagnostic->values, i);
      g_autofree char *name = g_strdelimit (g_strdup (value->name), "_", ' ');
      g_autofree char *shown = NULL;

      switch (value->kind)
        {
        case TALLY_VALUE_MONEY:
          {
            g_autofree char *amount = tally_format_amount (value->number, money_decimals,
                                                           TALLY_FORMAT_GROUPED | TALLY_FORMAT_UNICODE_MINUS);

            shown = g_strdup_printf ("%s %s", currency, amount);
          }
          break;
        case TALLY_VALUE_SHARE:
          shown = tally_format_share (value->number);
          break;
        case TALLY_VALUE_NUMBER:
          shown = value->number == floor (value->number) ? g_strdup_printf ("%.0f", value->number)
                                                         : g_strdup_printf ("%.2f", value->number);
          break;
        case TALLY_VALUE_TEXT:
          shown = g_strdup (value->text);
          break;
        case TALLY_VALUE_LIST:
          if (value->list[0] == NULL)
            continue;
          shown = g_strjoinv (", ", value->list);
          break;
        case TALLY_VALUE_NULL:
        default:
          shown = g_strdup ("—");
          break;
        }

      g_string_append_printf (text, "%s%s %s", text->len > 0 ? " · " : "", name, shown);
    }

  return g_string_free (text, FALSE);
}
