/* tally-checks-meta.c: the checks of the mismatch map that read the Meta side:
 * attribution, tracking, the ad account's timezone, spend and the
 * definitions of clicks, SPEC section 7
 *
 * Copyright 2026 The Tally authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Each check is one function that adds one finding under the id and the
 * category that the registry (tally-diagnostics.c) gives it.
 */
#define G_LOG_DOMAIN "tally-diagnostics"

#include "config.h"

#include <math.h>
#include <string.h>

#include "tally-diagnostic-context.h"

static int
compare_strings (gconstpointer a,
                 gconstpointer b)
{
  return strcmp (*(const char * const *) a, *(const char * const *) b);
}

/* Link clicks beside landing page views and beside all clicks, over the
 * report's days, from the rows that report both. */
static TallyClickPairs
sum_click_pairs (TallyReport *report)
{
  TallyClickPairs sum = { 0 };

  for (gint32 day = report->from; day <= report->to; day++)
    {
      const TallyClickPairs *pairs = g_hash_table_lookup (report->engine->click_pairs, GINT_TO_POINTER (day));

      if (pairs == NULL)
        continue;
      sum.lpv_link_clicks += pairs->lpv_link_clicks;
      sum.lpv_paired += pairs->lpv_paired;
      sum.all_link_clicks += pairs->all_link_clicks;
      sum.all_paired += pairs->all_paired;
    }
  return sum;
}

/* Meta rows under another attribution setting than the standard. */
void
_tally_check_window_mismatch (TallyDiagContext *ctx)
{
  const TallyRules *rules = ctx->report->engine->rules;
  double spend_share = _tally_diag_ratio (ctx->days.window_mismatch_spend, ctx->days.spend_delivery);
  g_autofree char *share_text = _tally_diag_percent (spend_share);
  g_autofree char *rows_text = _tally_diag_count_text (ctx->days.window_mismatch_rows);
  TallyDiagnostic *d;

  if (ctx->days.window_mismatch_rows > 0)
    d = _tally_diag_add (ctx, TALLY_SEVERITY_WARNING,
                         g_strdup_printf (P_("%s Meta row, %s of spend, was reported under another attribution setting than the standard (%s); it is counted as Meta gave it.",
                                             "%s Meta rows, %s of spend, were reported under another attribution setting than the standard (%s); they are counted as Meta gave them.",
                                             ctx->days.window_mismatch_rows),
                                          rows_text, share_text, rules->window),
                         _("Export them again with the project’s attribution setting, or pull them from the Marketing API with per-window numbers."));
  else
    d = _tally_diag_add (ctx, TALLY_SEVERITY_OK,
                         g_strdup_printf (_("Every Meta row is counted under the standard attribution setting (%s)."), rules->window),
                         _("Nothing to do."));
  _tally_diag_set_number (d, "rows", TALLY_VALUE_NUMBER, (double) ctx->days.window_mismatch_rows);
  _tally_diag_set_number (d, "spend_share", TALLY_VALUE_SHARE, ctx->days.window_mismatch_rows > 0 ? spend_share : 0);
}

/* How much of Meta's purchase value is view-through credit. */
void
_tally_check_view_through_share (TallyDiagContext *ctx)
{
  const TallyRules *rules = ctx->report->engine->rules;
  const TallyCell *t = &ctx->report->totals.sum;
  double view_share = _tally_diag_ratio (t->view_value, t->purchase_value);
  g_autofree char *text = _tally_diag_percent (view_share);
  TallySeverity severity;
  TallyDiagnostic *d;

  if (!ctx->report->engine->has_window_data)
    {
      d = _tally_diag_add (ctx, TALLY_SEVERITY_INFO,
                           g_strdup (_("How much of Meta’s purchase value comes from views alone cannot be measured: no export has per-window numbers.")),
                           _("Pull insights from the Marketing API with action_attribution_windows to measure it."));
      _tally_diag_set_number (d, "view_through_share", TALLY_VALUE_SHARE, NAN);
      return;
    }

  severity = !isfinite (view_share) || view_share == 0 ? TALLY_SEVERITY_OK
           : view_share > rules->view_through_share_max ? TALLY_SEVERITY_WARNING : TALLY_SEVERITY_INFO;
  d = _tally_diag_add (ctx, severity,
                       g_strdup_printf (_("%s of Meta’s attributed purchase value comes from people who saw an ad without clicking it; the CRM can rarely confirm those."),
                                        text),
                       severity == TALLY_SEVERITY_WARNING
                         ? _("Compare with a click-only window (7d_click) to see how much of the gap it explains.")
                         : _("Nothing to do."));
  _tally_diag_set_number (d, "view_through_share", TALLY_VALUE_SHARE, view_share);
}

/* More Meta purchases than new Meta-sourced customers, beyond the tolerance. */
void
_tally_check_meta_exceeds_crm (TallyDiagContext *ctx)
{
  const TallyRules *rules = ctx->report->engine->rules;
  const TallyCell *t = &ctx->report->totals.sum;
  double purchases = (double) t->meta_purchases, customers = (double) t->new_customers;
  double tolerance = rules->meta_crm_tolerance;
  gboolean exceeds = purchases > (1 + tolerance) * customers || (customers == 0 && purchases > 0);
  g_autofree char *purchases_text = _tally_diag_count_text (t->meta_purchases);
  g_autofree char *customers_text = _tally_diag_count_text (t->new_customers);
  TallyDiagnostic *d;

  d = _tally_diag_add (ctx, exceeds ? TALLY_SEVERITY_WARNING : TALLY_SEVERITY_OK,
                       exceeds ? g_strdup_printf (P_("Meta counts %s purchase where the CRM has %s new Meta-sourced customers: more than the %.0f %% tolerance allows.",
                                                     "Meta counts %s purchases where the CRM has %s new Meta-sourced customers: more than the %.0f %% tolerance allows.",
                                                     t->meta_purchases),
                                                  purchases_text, customers_text, tolerance * 100)
                               : g_strdup_printf (_("Meta’s purchases (%s) are within %.0f %% of the CRM’s new Meta-sourced customers (%s), or below them."),
                                                  purchases_text, tolerance * 100, customers_text),
                       exceeds ? _("Check for purchases sent twice by the Pixel and the Conversions API without a shared event_id, and whether the optimized event is softer than a sale.")
                               : _("Nothing to do."));
  _tally_diag_set_number (d, "meta_purchases", TALLY_VALUE_NUMBER, purchases);
  _tally_diag_set_number (d, "new_customers", TALLY_VALUE_NUMBER, customers);
  _tally_diag_set_number (d, "ratio", TALLY_VALUE_SHARE, _tally_diag_ratio (purchases, customers));
}

/* Fewer Meta purchases than new Meta-sourced customers, beyond the tolerance. */
void
_tally_check_meta_below_crm (TallyDiagContext *ctx)
{
  const TallyRules *rules = ctx->report->engine->rules;
  const TallyCell *t = &ctx->report->totals.sum;
  double purchases = (double) t->meta_purchases, customers = (double) t->new_customers;
  double tolerance = rules->meta_crm_tolerance;
  gboolean below = purchases < (1 - tolerance) * customers;
  g_autofree char *purchases_text = _tally_diag_count_text (t->meta_purchases);
  g_autofree char *customers_text = _tally_diag_count_text (t->new_customers);
  TallyDiagnostic *d;

  d = _tally_diag_add (ctx, below ? TALLY_SEVERITY_WARNING : TALLY_SEVERITY_OK,
                       below ? g_strdup_printf (P_("Meta counts only %s purchase for %s new Meta-sourced customers in the CRM: Meta sees fewer than %.0f %% of them.",
                                                   "Meta counts only %s purchases for %s new Meta-sourced customers in the CRM: Meta sees fewer than %.0f %% of them.",
                                                   t->meta_purchases),
                                                purchases_text, customers_text, (1 - tolerance) * 100)
                             : g_strdup (_("Meta does not see markedly fewer purchases than the CRM has new Meta-sourced customers.")),
                       below ? _("Send e-mail, phone and fbc with Conversions API events, and check consent settings that keep events from Meta.")
                             : _("Nothing to do."));
  _tally_diag_set_number (d, "meta_purchases", TALLY_VALUE_NUMBER, purchases);
  _tally_diag_set_number (d, "new_customers", TALLY_VALUE_NUMBER, customers);
}

/* The ad account's days beside the report's. */
void
_tally_check_account_timezone (TallyDiagContext *ctx)
{
  TallyReport *report = ctx->report;
  const TallyRules *rules = report->engine->rules;
  TallyDiagnostic *d;

  if (!g_str_equal (rules->account_timezone, rules->timezone))
    {
      TallyZone *zone = rules->zone;
      TallyZone *account = rules->account_zone;
      gint64 noon = ((gint64) report->from + (report->to - report->from) / 2) * 86400 + 43200;
      int hours = tally_zone_offset_hours (zone, noon) - tally_zone_offset_hours (account, noon);

      d = _tally_diag_add (ctx, TALLY_SEVERITY_INFO,
                           hours == 0
                             ? g_strdup_printf (_("The ad account reports days in %s and the report in %s: the same hours for now, but not on every date of the year."),
                                                rules->account_timezone, rules->timezone)
                             : g_strdup_printf (P_("The ad account reports days in %s, %d hour from the reporting timezone %s: a Meta day and a CRM day are not the same hours.",
                                                   "The ad account reports days in %s, %d hours from the reporting timezone %s: a Meta day and a CRM day are not the same hours.",
                                                   ABS (hours)),
                                                rules->account_timezone, ABS (hours), rules->timezone),
                           _("Read day-by-day differences with that in mind; weekly and monthly totals are barely affected."));
      _tally_diag_set_number (d, "hours", TALLY_VALUE_NUMBER, hours);
    }
  else
    {
      d = _tally_diag_add (ctx, TALLY_SEVERITY_OK,
                           g_strdup_printf (_("The ad account and the report use the same days (%s)."), rules->timezone),
                           _("Nothing to do."));
      _tally_diag_set_number (d, "hours", TALLY_VALUE_NUMBER, 0);
    }
}

/* The currencies spend comes in, and the rule that converts them. */
void
_tally_check_currencies (TallyDiagContext *ctx)
{
  TallyEngine *engine = ctx->report->engine;
  const TallyRules *rules = engine->rules;
  g_autoptr(GPtrArray) currencies = g_ptr_array_new ();
  g_autofree char *joined = NULL;
  gboolean foreign = FALSE;
  GHashTableIter iter;
  gpointer key;
  TallyDiagnostic *d;

  g_hash_table_iter_init (&iter, engine->currencies);
  while (g_hash_table_iter_next (&iter, &key, NULL))
    {
      g_ptr_array_add (currencies, key);
      foreign |= !g_str_equal (key, rules->reporting_currency);
    }
  g_ptr_array_sort (currencies, compare_strings);
  g_ptr_array_add (currencies, NULL);
  joined = g_strjoinv (", ", (GStrv) currencies->pdata);
  g_ptr_array_remove_index (currencies, currencies->len - 1);

  d = _tally_diag_add (ctx, foreign ? TALLY_SEVERITY_INFO : TALLY_SEVERITY_OK,
                       foreign ? g_strdup_printf (_("Spend comes in %s and is converted to %s by the %s rule."),
                                                  joined, rules->reporting_currency, rules->fx_rule_name)
                               : g_strdup_printf (_("All spend is in the reporting currency, %s."), rules->reporting_currency),
                       foreign ? _("Keep exchange rates imported for every day of the period.") : _("Nothing to do."));
  _tally_diag_set_list (d, "currencies", currencies);
  _tally_diag_set_text (d, "fx_rule", rules->fx_rule_name);
}

/* The days and currencies in the range that had no rate. */
void
_tally_check_fx_missing (TallyDiagContext *ctx)
{
  TallyReport *report = ctx->report;
  TallyEngine *engine = report->engine;
  const TallyRules *rules = engine->rules;
  g_autoptr(GPtrArray) missing = tally_fx_missing (engine->fx);
  g_autoptr(GPtrArray) missing_days = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) missing_currencies = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *joined = NULL;
  TallyDiagnostic *d;

  for (guint i = 0; i < missing->len; i++)
    {
      const char *entry = g_ptr_array_index (missing, i);
      gint32 day;

      if (!tally_day_parse (entry, &day) || day < report->from || day > report->to)
        continue;
      if (missing_days->len == 0 || !g_str_has_prefix (entry, g_ptr_array_index (missing_days, missing_days->len - 1)))
        g_ptr_array_add (missing_days, g_strndup (entry, 10));
      if (!g_ptr_array_find_with_equal_func (missing_currencies, entry + 11, g_str_equal, NULL))
        g_ptr_array_add (missing_currencies, g_strdup (entry + 11));
    }
  if (missing_days->len > 0)
    {
      g_ptr_array_add (missing_days, NULL);
      g_ptr_array_add (missing_currencies, NULL);
      g_autofree char *which = g_strjoinv (", ", (GStrv) missing_currencies->pdata);
      joined = g_strjoinv (", ", (GStrv) missing_days->pdata);
      d = _tally_diag_add (ctx, TALLY_SEVERITY_ERROR,
                           g_strdup_printf (P_("%u day has amounts in %s with no exchange rate to %s (%s); those amounts are left out of every total.",
                                               "%u days have amounts in %s with no exchange rate to %s (%s); those amounts are left out of every total.",
                                               missing_days->len - 1),
                                            missing_days->len - 1, which, rules->reporting_currency, joined),
                           _("Import exchange rates that cover those days (an ECB XML file, or a CSV of date, currency, rate), or set fx_rule to fixed with fx_fixed rates."));
      g_ptr_array_remove_index (missing_days, missing_days->len - 1);
      g_ptr_array_remove_index (missing_currencies, missing_currencies->len - 1);
    }
  else
    d = _tally_diag_add (ctx, TALLY_SEVERITY_OK,
                         g_strdup (_("Every amount had an exchange rate.")), _("Nothing to do."));
  _tally_diag_set_list (d, "days", missing_days);
  _tally_diag_set_list (d, "currencies", missing_currencies);
}

/* What the client is invoiced beside what Meta delivered. */
void
_tally_check_invoiced_vs_delivery (TallyDiagContext *ctx)
{
  TallyReport *report = ctx->report;
  const TallyRules *rules = report->engine->rules;
  double invoiced = report->totals.sum.spend * (1 + rules->tax_rate + rules->fee_rate);
  g_autofree char *invoiced_text = _tally_diag_money (ctx, invoiced);
  g_autofree char *delivery_text = _tally_diag_money (ctx, report->totals.sum.spend);
  TallyDiagnostic *d;

  d = _tally_diag_add (ctx,
                       rules->tax_rate + rules->fee_rate > 0 ? TALLY_SEVERITY_INFO : TALLY_SEVERITY_OK,
                       rules->tax_rate + rules->fee_rate > 0
                         ? g_strdup_printf (_("The client is invoiced %s for %s of delivered spend (tax %.0f %%, fees %.0f %%); CAC and ROAS here use delivery spend."),
                                            invoiced_text, delivery_text, rules->tax_rate * 100, rules->fee_rate * 100)
                         : g_strdup (_("Invoiced spend equals delivery spend: no tax or fee rate is set.")),
                       _("Use invoiced spend when comparing with the client’s books."));
  _tally_diag_set_number (d, "delivery", TALLY_VALUE_MONEY, report->totals.sum.spend);
  _tally_diag_set_number (d, "invoiced", TALLY_VALUE_MONEY, invoiced);
}

/* Clicks of any kind per link click. */
void
_tally_check_all_vs_link_clicks (TallyDiagContext *ctx)
{
  TallyReport *report = ctx->report;
  const TallyRules *rules = report->engine->rules;
  TallyClickPairs pairs = sum_click_pairs (report);
  double all_ratio = _tally_diag_ratio ((double) pairs.all_paired, (double) pairs.all_link_clicks);
  TallyDiagnostic *d;

  d = _tally_diag_add (ctx,
                       pairs.all_link_clicks == 0 ? TALLY_SEVERITY_OK
                       : all_ratio > rules->all_clicks_ratio_max ? TALLY_SEVERITY_WARNING : TALLY_SEVERITY_OK,
                       pairs.all_link_clicks == 0 ? g_strdup (_("No export reports both link clicks and clicks of any kind, so they cannot be compared."))
                       : g_strdup_printf (_("Meta counts %.1f clicks of any kind per link click; CTR and CPC here use %s."),
                                          all_ratio, g_str_equal (rules->clicks_definition, "all_clicks") ? _("all clicks") : _("link clicks")),
                       pairs.all_link_clicks == 0 || all_ratio <= rules->all_clicks_ratio_max ? _("Nothing to do.")
                       : _("Judge clicks by link clicks: most other clicks (likes, profile visits, expanding the text) never reach the site."));
  _tally_diag_set_number (d, "all_per_link", TALLY_VALUE_NUMBER, all_ratio);
}

/* Landing page views per link click. */
void
_tally_check_landing_page_views (TallyDiagContext *ctx)
{
  TallyReport *report = ctx->report;
  const TallyRules *rules = report->engine->rules;
  TallyClickPairs pairs = sum_click_pairs (report);
  double lpv_ratio = _tally_diag_ratio ((double) pairs.lpv_paired, (double) pairs.lpv_link_clicks);
  g_autofree char *lpv_text = _tally_diag_percent (lpv_ratio);
  TallyDiagnostic *d;

  d = _tally_diag_add (ctx,
                       pairs.lpv_link_clicks == 0 ? TALLY_SEVERITY_INFO
                       : lpv_ratio < rules->lpv_ratio_min ? TALLY_SEVERITY_WARNING : TALLY_SEVERITY_OK,
                       pairs.lpv_link_clicks == 0
                         ? g_strdup (_("Landing page views cannot be compared with link clicks: no export reports both for the same ads."))
                         : g_strdup_printf (_("%s of link clicks became landing page views, in the rows that report both."), lpv_text),
                       pairs.lpv_link_clicks > 0 && lpv_ratio < rules->lpv_ratio_min
                         ? _("Check that the Pixel loads on every landing page and that pages load fast: clicks that bounce before the page loads never reach the CRM.")
                         : _("Nothing to do."));
  _tally_diag_set_number (d, "ratio", TALLY_VALUE_SHARE, lpv_ratio);
}

/* Web analytics sessions per link click. */
void
_tally_check_sessions_vs_clicks (TallyDiagContext *ctx)
{
  TallyEngine *engine = ctx->report->engine;
  const TallyRules *rules = engine->rules;
  const TallyCell *t = &ctx->report->totals.sum;
  double sessions_ratio = _tally_diag_ratio ((double) t->sessions, (double) t->link_clicks);
  g_autofree char *sessions_text = _tally_diag_percent (sessions_ratio);
  TallyDiagnostic *d;

  d = _tally_diag_add (ctx,
                       !engine->has_sessions || t->link_clicks == 0 ? TALLY_SEVERITY_INFO
                       : sessions_ratio < rules->sessions_ratio_min ? TALLY_SEVERITY_WARNING : TALLY_SEVERITY_OK,
                       !engine->has_sessions ? g_strdup (_("No web analytics sessions from Meta are imported, so clicks cannot be checked against visits."))
                       : g_strdup_printf (_("Web analytics counts %s as many Meta sessions as Meta counts link clicks."), sessions_text),
                       !engine->has_sessions ? _("Import a GA4 export by date, source, medium and campaign.")
                       : sessions_ratio < rules->sessions_ratio_min ? _("Check that Meta ads carry UTM parameters and that redirects keep them.")
                       : _("Nothing to do."));
  _tally_diag_set_number (d, "ratio", TALLY_VALUE_SHARE, sessions_ratio);
}

/* Meta rows that cover several days. */
void
_tally_check_range_rows (TallyDiagContext *ctx)
{
  g_autofree char *range_text = _tally_diag_count_text (ctx->days.range_rows);
  TallyDiagnostic *d;

  d = _tally_diag_add (ctx, ctx->days.range_rows > 0 ? TALLY_SEVERITY_INFO : TALLY_SEVERITY_OK,
                       ctx->days.range_rows > 0
                         ? g_strdup_printf (P_("%s Meta row covers several days at once; it was spread evenly over its days.",
                                               "%s Meta rows cover several days at once; they were spread evenly over their days.",
                                               ctx->days.range_rows),
                                            range_text)
                         : g_strdup (_("Every Meta row is one day.")),
                       ctx->days.range_rows > 0 ? _("Export with the Day breakdown for exact daily numbers.") : _("Nothing to do."));
  _tally_diag_set_number (d, "rows", TALLY_VALUE_NUMBER, (double) ctx->days.range_rows);
}
