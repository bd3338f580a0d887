/* tally-diagnostics.c: the mismatch map, SPEC section 7
 *
 * Copyright 2026 The Tally authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Each check measures one known cause of the gap between Meta and the CRM
 * over the report's range, says in a sentence what it found, and what to
 * do. Its thresholds are project settings.
 */
#define G_LOG_DOMAIN "tally-diagnostics"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "tally-currency.h"
#include "tally-format.h"
#include "tally-report.h"

static const char * const severity_names[] = { "ok", "info", "warning", "error" };

const char *
tally_severity_to_string (TallySeverity severity)
{
  return severity_names[severity];
}

static void
value_free (TallyDiagValue *value)
{
  g_free (value->name);
  g_free (value->text);
  g_strfreev (value->list);
  g_free (value);
}

void
tally_diagnostic_free (TallyDiagnostic *diagnostic)
{
  if (diagnostic == NULL)
    return;
  g_ptr_array_unref (diagnostic->values);
  g_free (diagnostic->message);
  g_free (diagnostic->action);
  g_free (diagnostic);
}

/* Building ----------------------------------------------------------------- */

typedef struct
{
  TallyReport  *report;
  GPtrArray    *list;
  TallyDayDiag  days;      /* summed over the range */
  guint         decimals;
  const char   *currency;
} Context;

static TallyDiagnostic *
add (Context       *ctx,
     const char    *id,
     const char    *category,
     TallySeverity  severity,
     char          *message,
     const char    *action)
{
  TallyDiagnostic *diagnostic = g_new0 (TallyDiagnostic, 1);

  diagnostic->id = id;
  diagnostic->category = category;
  diagnostic->severity = severity;
  diagnostic->values = g_ptr_array_new_with_free_func ((GDestroyNotify) value_free);
  diagnostic->message = message;
  diagnostic->action = g_strdup (action);
  g_ptr_array_add (ctx->list, diagnostic);
  return diagnostic;
}

static TallyDiagValue *
value_new (TallyDiagnostic *diagnostic,
           const char      *name,
           TallyValueKind   kind)
{
  TallyDiagValue *value = g_new0 (TallyDiagValue, 1);

  value->name = g_strdup (name);
  value->kind = kind;
  g_ptr_array_add (diagnostic->values, value);
  return value;
}

static void
set_number (TallyDiagnostic *diagnostic,
            const char      *name,
            TallyValueKind   kind,
            double           number)
{
  value_new (diagnostic, name, isfinite (number) ? kind : TALLY_VALUE_NULL)->number = number;
}

static void
set_text (TallyDiagnostic *diagnostic,
          const char      *name,
          const char      *text)
{
  value_new (diagnostic, name, text != NULL ? TALLY_VALUE_TEXT : TALLY_VALUE_NULL)->text = g_strdup (text);
}

static void
set_list (TallyDiagnostic *diagnostic,
          const char      *name,
          GPtrArray       *items)
{
  TallyDiagValue *value = value_new (diagnostic, name, TALLY_VALUE_LIST);

  g_ptr_array_add (items, NULL);
  value->list = g_strdupv ((GStrv) items->pdata);
  g_ptr_array_remove_index (items, items->len - 1);
}

/* A count for a sentence, and the plural form it takes. */
static char *
count_text (gint64 n)
{
  return g_strdup_printf ("%" G_GINT64_FORMAT, n);
}

static gulong
plural_n (gint64 n)
{
  return n > 0 && (guint64) n <= G_MAXULONG ? (gulong) n : (n == 0 ? 0 : G_MAXULONG);
}

#define P_(singular, plural, n) g_dngettext (GETTEXT_PACKAGE, singular, plural, plural_n (n))

static double
ratio (double numerator,
       double denominator)
{
  return denominator != 0 ? numerator / denominator : NAN;
}

static char *
percent (double share)
{
  return tally_format_share (share);
}

/* "MXN 12,345.67", rounded as the report rounds. */
static char *
money (Context *ctx,
       double   minor)
{
  g_autofree char *amount = tally_format_amount (minor, ctx->decimals,
                                                 TALLY_FORMAT_GROUPED | TALLY_FORMAT_UNICODE_MINUS);

  return g_strdup_printf ("%s %s", ctx->currency, amount);
}

static void
sum_days (Context *ctx)
{
  TallyReport *report = ctx->report;

  for (gint32 day = report->from; day <= report->to; day++)
    {
      const TallyDayDiag *d = tally_report_day_diag (report, day);
      TallyDayDiag *s = &ctx->days;

      if (d == NULL)
        continue;
      s->meta_rows += d->meta_rows;
      s->window_mismatch_rows += d->window_mismatch_rows;
      s->window_mismatch_spend += d->window_mismatch_spend;
      s->window_rows += d->window_rows;
      s->range_rows += d->range_rows;
      s->refunds += d->refunds;
      s->meta_sourced += d->meta_sourced;
      s->click_id_only += d->click_id_only;
      s->unmatched_records += d->unmatched_records;
      s->stage_anomalies += d->stage_anomalies;
      s->won_records += d->won_records;
      s->day_shift_records += d->day_shift_records;
      s->day_shift_revenue += d->day_shift_revenue;
      s->spend_delivery += d->spend_delivery;
    }
}

/* Attribution -------------------------------------------------------------- */

static void
check_attribution (Context *ctx)
{
  const TallyRules *rules = ctx->report->engine->rules;
  const TallyCell *t = &ctx->report->totals.sum;
  double spend_share = ratio (ctx->days.window_mismatch_spend, ctx->days.spend_delivery);
  g_autofree char *share_text = percent (spend_share);
  TallyDiagnostic *d;
  double view_share;

  g_autofree char *rows_text = count_text (ctx->days.window_mismatch_rows);

  if (ctx->days.window_mismatch_rows > 0)
    d = add (ctx, "attribution.window_mismatch", "attribution", TALLY_SEVERITY_WARNING,
             g_strdup_printf (P_("%s Meta row, %s of spend, was reported under another attribution setting than the standard (%s); it is counted as Meta gave it.",
                                 "%s Meta rows, %s of spend, were reported under another attribution setting than the standard (%s); they are counted as Meta gave them.",
                                 ctx->days.window_mismatch_rows),
                              rows_text, share_text, rules->window),
             _("Export them again with the project’s attribution setting, or pull them from the Marketing API with per-window numbers."));
  else
    d = add (ctx, "attribution.window_mismatch", "attribution", TALLY_SEVERITY_OK,
             g_strdup_printf (_("Every Meta row is counted under the standard attribution setting (%s)."), rules->window),
             _("Nothing to do."));
  set_number (d, "rows", TALLY_VALUE_NUMBER, (double) ctx->days.window_mismatch_rows);
  set_number (d, "spend_share", TALLY_VALUE_SHARE, ctx->days.window_mismatch_rows > 0 ? spend_share : 0);

  view_share = ratio (t->view_value, t->purchase_value);
  if (!ctx->report->engine->has_window_data)
    {
      d = add (ctx, "attribution.view_through_share", "attribution", TALLY_SEVERITY_INFO,
               g_strdup (_("How much of Meta’s purchase value comes from views alone cannot be measured: no export has per-window numbers.")),
               _("Pull insights from the Marketing API with action_attribution_windows to measure it."));
      set_number (d, "view_through_share", TALLY_VALUE_SHARE, NAN);
      return;
    }

  {
    g_autofree char *text = percent (view_share);
    TallySeverity severity = !isfinite (view_share) || view_share == 0 ? TALLY_SEVERITY_OK
                           : view_share > rules->view_through_share_max ? TALLY_SEVERITY_WARNING : TALLY_SEVERITY_INFO;

    d = add (ctx, "attribution.view_through_share", "attribution", severity,
             g_strdup_printf (_("%s of Meta’s attributed purchase value comes from people who saw an ad without clicking it; the CRM can rarely confirm those."),
                              text),
             severity == TALLY_SEVERITY_WARNING
               ? _("Compare with a click-only window (7d_click) to see how much of the gap it explains.")
               : _("Nothing to do."));
    set_number (d, "view_through_share", TALLY_VALUE_SHARE, view_share);
  }
}

/* Tracking ----------------------------------------------------------------- */

static void
check_tracking (Context *ctx)
{
  const TallyRules *rules = ctx->report->engine->rules;
  const TallyCell *t = &ctx->report->totals.sum;
  double purchases = (double) t->meta_purchases, customers = (double) t->new_customers;
  double tolerance = rules->meta_crm_tolerance;
  gboolean exceeds = purchases > (1 + tolerance) * customers || (customers == 0 && purchases > 0);
  gboolean below = purchases < (1 - tolerance) * customers;
  g_autofree char *purchases_text = count_text (t->meta_purchases);
  g_autofree char *customers_text = count_text (t->new_customers);
  TallyDiagnostic *d;

  d = add (ctx, "tracking.meta_exceeds_crm", "tracking", exceeds ? TALLY_SEVERITY_WARNING : TALLY_SEVERITY_OK,
           exceeds ? g_strdup_printf (P_("Meta counts %s purchase where the CRM has %s new Meta-sourced customers: more than the %.0f %% tolerance allows.",
                                         "Meta counts %s purchases where the CRM has %s new Meta-sourced customers: more than the %.0f %% tolerance allows.",
                                         t->meta_purchases),
                                      purchases_text, customers_text, tolerance * 100)
                   : g_strdup_printf (_("Meta’s purchases (%s) are within %.0f %% of the CRM’s new Meta-sourced customers (%s), or below them."),
                                      purchases_text, tolerance * 100, customers_text),
           exceeds ? _("Check for purchases sent twice by the Pixel and the Conversions API without a shared event_id, and whether the optimized event is softer than a sale.")
                   : _("Nothing to do."));
  set_number (d, "meta_purchases", TALLY_VALUE_NUMBER, purchases);
  set_number (d, "new_customers", TALLY_VALUE_NUMBER, customers);
  set_number (d, "ratio", TALLY_VALUE_SHARE, ratio (purchases, customers));

  d = add (ctx, "tracking.meta_below_crm", "tracking", below ? TALLY_SEVERITY_WARNING : TALLY_SEVERITY_OK,
           below ? g_strdup_printf (P_("Meta counts only %s purchase for %s new Meta-sourced customers in the CRM: Meta sees fewer than %.0f %% of them.",
                                       "Meta counts only %s purchases for %s new Meta-sourced customers in the CRM: Meta sees fewer than %.0f %% of them.",
                                       t->meta_purchases),
                                    purchases_text, customers_text, (1 - tolerance) * 100)
                 : g_strdup (_("Meta does not see markedly fewer purchases than the CRM has new Meta-sourced customers.")),
           below ? _("Send e-mail, phone and fbc with Conversions API events, and check consent settings that keep events from Meta.")
                 : _("Nothing to do."));
  set_number (d, "meta_purchases", TALLY_VALUE_NUMBER, purchases);
  set_number (d, "new_customers", TALLY_VALUE_NUMBER, customers);
}

/* Identity ----------------------------------------------------------------- */

static void
check_identity (Context *ctx)
{
  TallyReport *report = ctx->report;
  const TallyCell *t = &report->totals.sum;
  gint32 length = report->to - report->from + 1;
  double share = ratio ((double) t->mq_identifier, (double) t->mq_people);
  double previous_people = 0, previous_identified = 0, previous, drop;
  g_autofree char *share_text = percent (share);
  g_autofree char *click_text = percent (ratio ((double) t->mq_click_id, (double) t->mq_people));
  g_autofree char *unknown_text = percent (ratio ((double) t->mq_unknown, (double) t->mq_people));
  g_autofree char *people_text = count_text (t->mq_people);
  TallySeverity severity;
  TallyDiagnostic *d;

  /* The previous period of the same length. */
  for (gint32 day = report->from - length; day < report->from; day++)
    {
      const TallyCell *cell = tally_report_shown_cell (report, day, TALLY_CAMPAIGN_NONE);

      if (cell != NULL)
        {
          previous_people += (double) cell->mq_people;
          previous_identified += (double) cell->mq_identifier;
        }
    }
  previous = ratio (previous_identified, previous_people);
  drop = (previous - share) * 100;

  /* Without customers before, a drop cannot be measured: information. */
  severity = t->mq_people == 0 || previous_people == 0 ? TALLY_SEVERITY_INFO
           : drop >= report->engine->rules->match_quality_drop_points ? TALLY_SEVERITY_WARNING
           : TALLY_SEVERITY_OK;
  d = add (ctx, "identity.match_quality", "identity", severity,
           t->mq_people == 0
             ? g_strdup (_("No customer was first won in this period, so match quality cannot be measured."))
             : previous_people == 0
               ? g_strdup_printf (P_("Of %s new customer, %s has a contact id, e-mail or phone, %s a click id and %s no source at all; the data has no period before this one to compare with.",
                                     "Of %s new customers, %s have a contact id, e-mail or phone, %s a click id and %s no source at all; the data has no period before this one to compare with.",
                                     t->mq_people),
                                  people_text, share_text, click_text, unknown_text)
             : severity == TALLY_SEVERITY_WARNING
               ? g_strdup_printf (P_("Of %s new customer, %s has a contact id, e-mail or phone (down %.0f points from the period before), %s a click id and %s no source at all.",
                                     "Of %s new customers, %s have a contact id, e-mail or phone (down %.0f points from the period before), %s a click id and %s no source at all.",
                                     t->mq_people),
                                  people_text, share_text, drop, click_text, unknown_text)
               : g_strdup_printf (P_("Of %s new customer, %s has a contact id, e-mail or phone, %s a click id and %s no source at all.",
                                     "Of %s new customers, %s have a contact id, e-mail or phone, %s a click id and %s no source at all.",
                                     t->mq_people),
                                  people_text, share_text, click_text, unknown_text),
           severity == TALLY_SEVERITY_WARNING
             ? _("Find which form or store stopped collecting e-mail or phone: without them, neither the CRM nor Meta can tie customers to ads.")
             : _("Nothing to do."));
  set_number (d, "identifier_share", TALLY_VALUE_SHARE, share);
  set_number (d, "click_id_share", TALLY_VALUE_SHARE, ratio ((double) t->mq_click_id, (double) t->mq_people));
  set_number (d, "unknown_source_share", TALLY_VALUE_SHARE, ratio ((double) t->mq_unknown, (double) t->mq_people));
  set_number (d, "previous_identifier_share", TALLY_VALUE_SHARE, previous);
}

/* Timing ------------------------------------------------------------------- */

/* The k-th smallest of @values (0-based), moving them about: Hoare's
 * selection, linear on average, where a sort of a million lags was not. */
static double
select_kth (double *values,
            gsize   n,
            gsize   k)
{
  gsize left = 0, right = n - 1;

  while (left < right)
    {
      double pivot = values[left + (right - left) / 2];
      gsize i = left, j = right;

      while (i <= j)
        {
          while (values[i] < pivot)
            i++;
          while (values[j] > pivot)
            j--;
          if (i <= j)
            {
              double swap = values[i];

              values[i] = values[j];
              values[j] = swap;
              i++;
              if (j == 0)
                break;
              j--;
            }
        }

      if (k <= j)
        right = j;
      else if (k >= i)
        left = i;
      else
        return values[k];
    }

  return values[k];
}

static void
check_timing (Context *ctx)
{
  TallyReport *report = ctx->report;
  TallyEngine *engine = report->engine;
  const TallyRules *rules = engine->rules;
  g_autoptr(GArray) lags = g_array_new (FALSE, FALSE, sizeof (double));
  double shift_share = ratio ((double) ctx->days.day_shift_records, (double) ctx->days.won_records);
  g_autofree char *shift_revenue = money (ctx, ctx->days.day_shift_revenue);
  gint64 open_days = (gint64) report->totals.n_days - report->totals.n_frozen;
  g_autofree char *shift_text = count_text (ctx->days.day_shift_records);
  g_autofree char *open_text = count_text (open_days);
  TallyDiagnostic *d;

  if (!g_str_equal (rules->account_timezone, rules->timezone))
    {
      TallyZone *zone = rules->zone;
      TallyZone *account = rules->account_zone;
      gint64 noon = ((gint64) report->from + (report->to - report->from) / 2) * 86400 + 43200;
      int hours = tally_zone_offset_hours (zone, noon) - tally_zone_offset_hours (account, noon);

      d = add (ctx, "timing.account_timezone_differs", "timing", TALLY_SEVERITY_INFO,
               hours == 0
                 ? g_strdup_printf (_("The ad account reports days in %s and the report in %s: the same hours for now, but not on every date of the year."),
                                    rules->account_timezone, rules->timezone)
                 : g_strdup_printf (P_("The ad account reports days in %s, %d hour from the reporting timezone %s: a Meta day and a CRM day are not the same hours.",
                                       "The ad account reports days in %s, %d hours from the reporting timezone %s: a Meta day and a CRM day are not the same hours.",
                                       ABS (hours)),
                                    rules->account_timezone, ABS (hours), rules->timezone),
               _("Read day-by-day differences with that in mind; weekly and monthly totals are barely affected."));
      set_number (d, "hours", TALLY_VALUE_NUMBER, hours);
    }
  else
    {
      d = add (ctx, "timing.account_timezone_differs", "timing", TALLY_SEVERITY_OK,
               g_strdup_printf (_("The ad account and the report use the same days (%s)."), rules->timezone),
               _("Nothing to do."));
      set_number (d, "hours", TALLY_VALUE_NUMBER, 0);
    }

  d = add (ctx, "timing.crm_day_shift", "timing",
           ctx->days.day_shift_records == 0 ? TALLY_SEVERITY_OK
           : shift_share > rules->day_shift_share_max ? TALLY_SEVERITY_WARNING : TALLY_SEVERITY_INFO,
           ctx->days.day_shift_records == 0
             ? g_strdup (_("Every CRM sale falls on the same calendar day in the CRM’s clock and in the reporting timezone."))
             : g_strdup_printf (P_("%s CRM sale falls on another calendar day in the reporting timezone than in the CRM’s own clock, with %s of Meta-sourced revenue.",
                                   "%s CRM sales fall on another calendar day in the reporting timezone than in the CRM’s own clock, with %s of Meta-sourced revenue.",
                                   ctx->days.day_shift_records),
                                shift_text, shift_revenue),
           ctx->days.day_shift_records == 0 ? _("Nothing to do.")
           : _("Check crm_timezone: it must be the zone the CRM writes its times in."));
  set_number (d, "records", TALLY_VALUE_NUMBER, (double) ctx->days.day_shift_records);
  set_number (d, "revenue", TALLY_VALUE_MONEY, ctx->days.day_shift_revenue);

  for (guint i = 0; i < engine->lags->len; i++)
    {
      const TallyLag *lag = &g_array_index (engine->lags, TallyLag, i);

      if (lag->day >= report->from && lag->day <= report->to)
        g_array_append_val (lags, lag->lag_days);
    }
  if (lags->len > 0)
    {
      double *values = (double *) lags->data;
      guint middle = lags->len / 2;
      double p90 = select_kth (values, lags->len, MIN (lags->len - 1, (guint) ceil (lags->len * 0.9) - 1));
      double median = lags->len % 2 == 1 ? select_kth (values, lags->len, middle)
                    : (select_kth (values, lags->len, middle - 1) + select_kth (values, lags->len, middle)) / 2;

      d = add (ctx, "timing.conversion_lag", "timing",
               p90 > rules->restatement_days ? TALLY_SEVERITY_INFO : TALLY_SEVERITY_OK,
               p90 > rules->restatement_days
                 ? g_strdup_printf (_("Half the sales close within %.1f days of their lead, nine in ten within %.1f days: recent Meta spend has not yet earned all its CRM revenue."),
                                    median, p90)
                 : g_strdup_printf (_("Half the sales close within %.1f days of their lead, nine in ten within %.1f days, inside the %d days a day stays open."),
                                    median, p90, rules->restatement_days),
               p90 > rules->restatement_days ? _("Compare ROAS over periods longer than the lag, or wait for the open days to mature.")
                                             : _("Nothing to do."));
      set_number (d, "median_days", TALLY_VALUE_NUMBER, median);
      set_number (d, "p90_days", TALLY_VALUE_NUMBER, p90);
    }
  else
    {
      d = add (ctx, "timing.conversion_lag", "timing", TALLY_SEVERITY_OK,
               g_strdup (_("No sale in this period has both a created and a won time to measure the lag.")),
               _("Nothing to do."));
      set_number (d, "median_days", TALLY_VALUE_NUMBER, NAN);
      set_number (d, "p90_days", TALLY_VALUE_NUMBER, NAN);
    }

  d = add (ctx, "timing.open_period", "timing", open_days > 0 ? TALLY_SEVERITY_INFO : TALLY_SEVERITY_OK,
           open_days > 0
             ? g_strdup_printf (P_("%s day of this period is live: its numbers follow every import until a publication freezes it, once it is %d days old.",
                                   "%s days of this period are live: their numbers follow every import until a publication freezes them, once they are %d days old.",
                                   open_days),
                                open_text, rules->restatement_days)
             : g_strdup (_("Every day of this period is frozen: its numbers are the published ones.")),
           open_days > 0 ? _("Treat the live days as provisional; publish the period when you share it.") : _("Nothing to do."));
  set_number (d, "open_days", TALLY_VALUE_NUMBER, (double) open_days);
}

/* Spend -------------------------------------------------------------------- */

static int
compare_strings (gconstpointer a,
                 gconstpointer b)
{
  return strcmp (*(const char * const *) a, *(const char * const *) b);
}

static void
check_spend (Context *ctx)
{
  TallyReport *report = ctx->report;
  TallyEngine *engine = report->engine;
  const TallyRules *rules = engine->rules;
  g_autoptr(GPtrArray) currencies = g_ptr_array_new ();
  g_autoptr(GPtrArray) missing = tally_fx_missing (engine->fx);
  g_autoptr(GPtrArray) missing_days = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) missing_currencies = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *joined = NULL;
  gboolean foreign = FALSE;
  double invoiced = report->totals.sum.spend * (1 + rules->tax_rate + rules->fee_rate);
  g_autofree char *invoiced_text = money (ctx, invoiced);
  g_autofree char *delivery_text = money (ctx, report->totals.sum.spend);
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

  d = add (ctx, "spend.currencies", "spend", foreign ? TALLY_SEVERITY_INFO : TALLY_SEVERITY_OK,
           foreign ? g_strdup_printf (_("Spend comes in %s and is converted to %s by the %s rule."),
                                      joined, rules->reporting_currency, rules->fx_rule_name)
                   : g_strdup_printf (_("All spend is in the reporting currency, %s."), rules->reporting_currency),
           foreign ? _("Keep exchange rates imported for every day of the period.") : _("Nothing to do."));
  set_list (d, "currencies", currencies);
  set_text (d, "fx_rule", rules->fx_rule_name);

  /* The days and currencies in the range that had no rate. */
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

      g_free (joined);
      joined = g_strjoinv (", ", (GStrv) missing_days->pdata);
      d = add (ctx, "spend.fx_missing", "spend", TALLY_SEVERITY_ERROR,
               g_strdup_printf (P_("%u day has amounts in %s with no exchange rate to %s (%s); those amounts are left out of every total.",
                                   "%u days have amounts in %s with no exchange rate to %s (%s); those amounts are left out of every total.",
                                   missing_days->len - 1),
                                missing_days->len - 1, which, rules->reporting_currency, joined),
               _("Import exchange rates that cover those days (an ECB XML file, or a CSV of date, currency, rate), or set fx_rule to fixed with fx_fixed rates."));
      g_ptr_array_remove_index (missing_days, missing_days->len - 1);
      g_ptr_array_remove_index (missing_currencies, missing_currencies->len - 1);
    }
  else
    d = add (ctx, "spend.fx_missing", "spend", TALLY_SEVERITY_OK,
             g_strdup (_("Every amount had an exchange rate.")), _("Nothing to do."));
  set_list (d, "days", missing_days);
  set_list (d, "currencies", missing_currencies);

  d = add (ctx, "spend.invoiced_vs_delivery", "spend",
           rules->tax_rate + rules->fee_rate > 0 ? TALLY_SEVERITY_INFO : TALLY_SEVERITY_OK,
           rules->tax_rate + rules->fee_rate > 0
             ? g_strdup_printf (_("The client is invoiced %s for %s of delivered spend (tax %.0f %%, fees %.0f %%); CAC and ROAS here use delivery spend."),
                                invoiced_text, delivery_text, rules->tax_rate * 100, rules->fee_rate * 100)
             : g_strdup (_("Invoiced spend equals delivery spend: no tax or fee rate is set.")),
           _("Use invoiced spend when comparing with the client’s books."));
  set_number (d, "delivery", TALLY_VALUE_MONEY, report->totals.sum.spend);
  set_number (d, "invoiced", TALLY_VALUE_MONEY, invoiced);
}

/* Definitions -------------------------------------------------------------- */

typedef struct
{
  guint32 value;
  gint64  records;
  double  revenue;
} UnmatchedSum;

static int
compare_unmatched (gconstpointer a,
                   gconstpointer b)
{
  const UnmatchedSum *x = a, *y = b;

  return x->records != y->records ? (x->records > y->records ? -1 : 1) : (x->value > y->value) - (x->value < y->value);
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

static void
check_definitions (Context *ctx)
{
  TallyReport *report = ctx->report;
  TallyEngine *engine = report->engine;
  const TallyRules *rules = engine->rules;
  const TallyCell *t = &report->totals.sum;
  TallyClickPairs pairs = sum_click_pairs (report);
  double all_ratio = ratio ((double) pairs.all_paired, (double) pairs.all_link_clicks);
  double lpv_ratio = ratio ((double) pairs.lpv_paired, (double) pairs.lpv_link_clicks);
  double sessions_ratio = ratio ((double) t->sessions, (double) t->link_clicks);
  double missing_share = ratio ((double) ctx->days.click_id_only, (double) ctx->days.meta_sourced);
  double unmatched_share = ratio ((double) ctx->days.unmatched_records, (double) ctx->days.meta_sourced);
  g_autofree char *lpv_text = percent (lpv_ratio);
  g_autofree char *sessions_text = percent (sessions_ratio);
  g_autofree char *missing_text = percent (missing_share);
  g_autofree char *unmatched_text = percent (unmatched_share);
  g_autoptr(GHashTable) sums = g_hash_table_new_full (g_direct_hash, g_direct_equal, NULL, g_free);
  g_autoptr(GArray) top = g_array_new (FALSE, FALSE, sizeof (UnmatchedSum));
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *range_text = count_text (ctx->days.range_rows);
  g_autofree char *click_only_text = count_text (ctx->days.click_id_only);
  g_autofree char *unmatched_count = count_text (ctx->days.unmatched_records);
  TallyDiagnostic *d;
  GHashTableIter iter;
  gpointer value;

  d = add (ctx, "definitions.all_vs_link_clicks", "definitions",
           pairs.all_link_clicks == 0 ? TALLY_SEVERITY_OK
           : all_ratio > rules->all_clicks_ratio_max ? TALLY_SEVERITY_WARNING : TALLY_SEVERITY_OK,
           pairs.all_link_clicks == 0 ? g_strdup (_("No export reports both link clicks and clicks of any kind, so they cannot be compared."))
           : g_strdup_printf (_("Meta counts %.1f clicks of any kind per link click; CTR and CPC here use %s."),
                              all_ratio, g_str_equal (rules->clicks_definition, "all_clicks") ? _("all clicks") : _("link clicks")),
           pairs.all_link_clicks == 0 || all_ratio <= rules->all_clicks_ratio_max ? _("Nothing to do.")
           : _("Judge clicks by link clicks: most other clicks (likes, profile visits, expanding the text) never reach the site."));
  set_number (d, "all_per_link", TALLY_VALUE_NUMBER, all_ratio);

  d = add (ctx, "definitions.landing_page_views", "definitions",
           pairs.lpv_link_clicks == 0 ? TALLY_SEVERITY_INFO
           : lpv_ratio < rules->lpv_ratio_min ? TALLY_SEVERITY_WARNING : TALLY_SEVERITY_OK,
           pairs.lpv_link_clicks == 0
             ? g_strdup (_("Landing page views cannot be compared with link clicks: no export reports both for the same ads."))
             : g_strdup_printf (_("%s of link clicks became landing page views, in the rows that report both."), lpv_text),
           pairs.lpv_link_clicks > 0 && lpv_ratio < rules->lpv_ratio_min
             ? _("Check that the Pixel loads on every landing page and that pages load fast: clicks that bounce before the page loads never reach the CRM.")
             : _("Nothing to do."));
  set_number (d, "ratio", TALLY_VALUE_SHARE, lpv_ratio);

  d = add (ctx, "definitions.sessions_vs_clicks", "definitions",
           !engine->has_sessions || t->link_clicks == 0 ? TALLY_SEVERITY_INFO
           : sessions_ratio < rules->sessions_ratio_min ? TALLY_SEVERITY_WARNING : TALLY_SEVERITY_OK,
           !engine->has_sessions ? g_strdup (_("No web analytics sessions from Meta are imported, so clicks cannot be checked against visits."))
           : g_strdup_printf (_("Web analytics counts %s as many Meta sessions as Meta counts link clicks."), sessions_text),
           !engine->has_sessions ? _("Import a GA4 export by date, source, medium and campaign.")
           : sessions_ratio < rules->sessions_ratio_min ? _("Check that Meta ads carry UTM parameters and that redirects keep them.")
           : _("Nothing to do."));
  set_number (d, "ratio", TALLY_VALUE_SHARE, sessions_ratio);

  d = add (ctx, "definitions.range_rows", "definitions", ctx->days.range_rows > 0 ? TALLY_SEVERITY_INFO : TALLY_SEVERITY_OK,
           ctx->days.range_rows > 0
             ? g_strdup_printf (P_("%s Meta row covers several days at once; it was spread evenly over its days.",
                                   "%s Meta rows cover several days at once; they were spread evenly over their days.",
                                   ctx->days.range_rows),
                                range_text)
             : g_strdup (_("Every Meta row is one day.")),
           ctx->days.range_rows > 0 ? _("Export with the Day breakdown for exact daily numbers.") : _("Nothing to do."));
  set_number (d, "rows", TALLY_VALUE_NUMBER, (double) ctx->days.range_rows);

  d = add (ctx, "utm.missing", "definitions",
           ctx->days.click_id_only == 0 ? TALLY_SEVERITY_OK
           : missing_share > rules->utm_missing_share_max ? TALLY_SEVERITY_WARNING : TALLY_SEVERITY_INFO,
           ctx->days.click_id_only == 0 ? g_strdup (_("Every Meta-sourced record carries UTM parameters or a CRM source."))
           : g_strdup_printf (P_("%s Meta-sourced record (%s) is known to come from Meta only by a click id: its UTM parameters were lost, so it joins no campaign.",
                                 "%s Meta-sourced records (%s) are known to come from Meta only by a click id: their UTM parameters were lost, so they join no campaign.",
                                 ctx->days.click_id_only),
                              click_only_text, missing_text),
           ctx->days.click_id_only == 0 ? _("Nothing to do.")
           : _("Find the redirect or form that drops the query string, and add the UTM parameters to every ad’s URL."));
  set_number (d, "records", TALLY_VALUE_NUMBER, (double) ctx->days.click_id_only);
  set_number (d, "share", TALLY_VALUE_SHARE, missing_share);

  /* The utm_campaign values that name no campaign, the most common first. */
  for (guint i = 0; i < engine->unmatched->len; i++)
    {
      const TallyUnmatched *entry = &g_array_index (engine->unmatched, TallyUnmatched, i);
      UnmatchedSum *sum;

      if (entry->day < report->from || entry->day > report->to || entry->value == 0)
        continue;
      sum = g_hash_table_lookup (sums, GUINT_TO_POINTER (entry->value));
      if (sum == NULL)
        {
          sum = g_new0 (UnmatchedSum, 1);
          sum->value = entry->value;
          g_hash_table_insert (sums, GUINT_TO_POINTER (entry->value), sum);
        }
      sum->records++;
      sum->revenue += entry->revenue;
    }
  g_hash_table_iter_init (&iter, sums);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    g_array_append_val (top, *(UnmatchedSum *) value);
  g_array_sort (top, compare_unmatched);
  for (guint i = 0; i < MIN (top->len, 5u); i++)
    g_ptr_array_add (names, g_strdup (tally_facts_string (engine->facts, g_array_index (top, UnmatchedSum, i).value)));

  {
    g_autofree char *list = NULL;

    g_ptr_array_add (names, NULL);
    list = g_strjoinv ("”, “", (GStrv) names->pdata);
    g_ptr_array_remove_index (names, names->len - 1);
    d = add (ctx, "utm.unmatched_campaign", "definitions",
             ctx->days.unmatched_records == 0 ? TALLY_SEVERITY_OK
             : unmatched_share > rules->unmatched_share_max ? TALLY_SEVERITY_WARNING : TALLY_SEVERITY_INFO,
             ctx->days.unmatched_records == 0 ? g_strdup (_("Every Meta-sourced record joins a Meta campaign."))
             : names->len > 0
               ? g_strdup_printf (P_("%s Meta-sourced record (%s) joins no Meta campaign and is counted as (unmatched); the commonest utm_campaign values are “%s”.",
                                     "%s Meta-sourced records (%s) join no Meta campaign and are counted as (unmatched); the commonest utm_campaign values are “%s”.",
                                     ctx->days.unmatched_records),
                                  unmatched_count, unmatched_text, list)
               : g_strdup_printf (P_("%s Meta-sourced record (%s) has no utm_campaign and is counted as (unmatched).",
                                     "%s Meta-sourced records (%s) have no utm_campaign and are counted as (unmatched).",
                                     ctx->days.unmatched_records),
                                  unmatched_count, unmatched_text),
             ctx->days.unmatched_records == 0 ? _("Nothing to do.")
             : _("Use the campaign id ({{campaign.id}}) or the exact campaign name as utm_campaign in the ads’ URLs."));
    set_number (d, "records", TALLY_VALUE_NUMBER, (double) ctx->days.unmatched_records);
    set_number (d, "share", TALLY_VALUE_SHARE, unmatched_share);
    set_list (d, "top_values", names);
  }
}

/* CRM ---------------------------------------------------------------------- */

static void
check_crm (Context *ctx)
{
  const TallyRules *rules = ctx->report->engine->rules;
  const TallyCell *t = &ctx->report->totals.sum;
  gint64 duplicates = t->crm_leads_raw - t->crm_leads;
  double duplicate_share = ratio ((double) duplicates, (double) t->crm_leads_raw);
  double refund_share = ratio (ctx->days.refunds, t->gross);
  g_autofree char *duplicate_text = percent (duplicate_share);
  g_autofree char *refund_text = percent (refund_share);
  g_autofree char *refund_money = money (ctx, ctx->days.refunds);
  g_autofree char *duplicates_text = count_text (duplicates);
  g_autofree char *raw_text = count_text (t->crm_leads_raw);
  g_autofree char *anomalies_text = count_text (ctx->days.stage_anomalies);
  TallyDiagnostic *d;

  d = add (ctx, "crm.duplicate_leads", "crm",
           duplicates == 0 ? TALLY_SEVERITY_OK
           : duplicate_share > rules->duplicate_lead_share_max ? TALLY_SEVERITY_WARNING : TALLY_SEVERITY_INFO,
           duplicates == 0 ? g_strdup (_("No person came back as a lead within the deduplication window."))
           : g_strdup_printf (P_("%s of %s Meta-sourced leads (%s) repeats a person already counted within %d days; CRM leads count each person once.",
                                 "%s of %s Meta-sourced leads (%s) repeat a person already counted within %d days; CRM leads count each person once.",
                                 duplicates),
                              duplicates_text, raw_text, duplicate_text, rules->lead_dedup_days),
           duplicates == 0 ? _("Nothing to do.") : _("Merge duplicate contacts in the CRM, or compare Meta leads with raw CRM leads."));
  set_number (d, "duplicates", TALLY_VALUE_NUMBER, (double) duplicates);
  set_number (d, "share", TALLY_VALUE_SHARE, duplicate_share);

  d = add (ctx, "crm.stage_anomalies", "crm", ctx->days.stage_anomalies > 0 ? TALLY_SEVERITY_WARNING : TALLY_SEVERITY_OK,
           ctx->days.stage_anomalies > 0
             ? g_strdup_printf (P_("%s CRM record is won before it was created, or has a customer stage but no won date (such records are not counted).",
                                   "%s CRM records are won before they were created, or have a customer stage but no won date (such records are not counted).",
                                   ctx->days.stage_anomalies),
                                anomalies_text)
             : g_strdup (_("Every won record has a won date after its creation.")),
           ctx->days.stage_anomalies > 0 ? _("Fix the close dates of those deals in the CRM and export again.") : _("Nothing to do."));
  set_number (d, "records", TALLY_VALUE_NUMBER, (double) ctx->days.stage_anomalies);

  d = add (ctx, "crm.refund_share", "crm",
           ctx->days.refunds == 0 ? TALLY_SEVERITY_OK
           : refund_share > rules->refund_share_max ? TALLY_SEVERITY_WARNING : TALLY_SEVERITY_INFO,
           ctx->days.refunds == 0 ? g_strdup (_("No Meta-sourced sale of this period was refunded."))
           : g_strdup_printf (_("%s of Meta-sourced gross revenue (%s) was refunded; Meta’s purchase value never subtracts refunds."),
                              refund_text, refund_money),
           ctx->days.refunds == 0 ? _("Nothing to do.")
           : _("Compare ROAS on net revenue, and send refunds to Meta as negative-value events if it optimizes on value."));
  set_number (d, "refunds", TALLY_VALUE_MONEY, ctx->days.refunds);
  set_number (d, "share", TALLY_VALUE_SHARE, refund_share);
}

/**
 * tally_diagnostics_compute:
 * @report: a report whose totals are summed
 *
 * Returns: (transfer full) (element-type TallyDiagnostic): every check
 */
GPtrArray *
tally_diagnostics_compute (TallyReport *report)
{
  Context ctx = { 0 };

  ctx.report = report;
  ctx.list = g_ptr_array_new_with_free_func ((GDestroyNotify) tally_diagnostic_free);
  ctx.decimals = tally_currency_minor_unit (report->engine->rules->reporting_currency);
  ctx.currency = report->engine->rules->reporting_currency;
  sum_days (&ctx);

  check_attribution (&ctx);
  check_tracking (&ctx);
  check_identity (&ctx);
  check_timing (&ctx);
  check_spend (&ctx);
  check_definitions (&ctx);
  check_crm (&ctx);
  return ctx.list;
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

static const struct
{
  const char *id;
  const char *title;
} titles[] = {
  { "attribution.window_mismatch", N_("Attribution settings") },
  { "attribution.view_through_share", N_("View-through share") },
  { "tracking.meta_exceeds_crm", N_("More Meta purchases than customers") },
  { "tracking.meta_below_crm", N_("Fewer Meta purchases than customers") },
  { "identity.match_quality", N_("Match quality") },
  { "timing.account_timezone_differs", N_("Ad account timezone") },
  { "timing.crm_day_shift", N_("CRM day shift") },
  { "timing.conversion_lag", N_("Conversion lag") },
  { "timing.open_period", N_("Open days") },
  { "spend.currencies", N_("Currencies") },
  { "spend.fx_missing", N_("Missing exchange rates") },
  { "spend.invoiced_vs_delivery", N_("Invoiced and delivered spend") },
  { "definitions.all_vs_link_clicks", N_("All clicks and link clicks") },
  { "definitions.landing_page_views", N_("Landing page views") },
  { "definitions.sessions_vs_clicks", N_("Sessions and clicks") },
  { "definitions.range_rows", N_("Rows over several days") },
  { "utm.missing", N_("Stripped UTMs") },
  { "utm.unmatched_campaign", N_("Unmatched campaigns") },
  { "crm.duplicate_leads", N_("Duplicate leads") },
  { "crm.stage_anomalies", N_("Stage anomalies") },
  { "crm.refund_share", N_("Refunds") },
};

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
  for (guint i = 0; i < G_N_ELEMENTS (titles); i++)
    if (g_str_equal (titles[i].id, id))
      return _(titles[i].title);
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
