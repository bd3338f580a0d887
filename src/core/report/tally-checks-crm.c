/* tally-checks-crm.c: the checks of the mismatch map that read the CRM side:
 * identity, the CRM's clock, the lag to a sale, open days, UTMs and the
 * CRM's own records, SPEC section 7
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

#include "tally-diagnostic-context.h"

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

/* The utm_campaign values that name no campaign, the most common first,
 * five at most. */
static GPtrArray *
top_unmatched (TallyReport *report)
{
  TallyEngine *engine = report->engine;
  g_autoptr(GHashTable) sums = g_hash_table_new_full (g_direct_hash, g_direct_equal, NULL, g_free);
  g_autoptr(GArray) top = g_array_new (FALSE, FALSE, sizeof (UnmatchedSum));
  GPtrArray *names = g_ptr_array_new_with_free_func (g_free);
  GHashTableIter iter;
  gpointer value;

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
  return names;
}

/* The identifiers of new customers, beside the period before. */
void
_tally_check_match_quality (TallyDiagContext *ctx)
{
  TallyReport *report = ctx->report;
  const TallyCell *t = &report->totals.sum;
  gint32 length = report->to - report->from + 1;
  double share = _tally_diag_ratio ((double) t->mq_identifier, (double) t->mq_people);
  double previous_people = 0, previous_identified = 0, previous, drop;
  g_autofree char *share_text = _tally_diag_percent (share);
  g_autofree char *click_text = _tally_diag_percent (_tally_diag_ratio ((double) t->mq_click_id, (double) t->mq_people));
  g_autofree char *unknown_text = _tally_diag_percent (_tally_diag_ratio ((double) t->mq_unknown, (double) t->mq_people));
  g_autofree char *people_text = _tally_diag_count_text (t->mq_people);
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
  previous = _tally_diag_ratio (previous_identified, previous_people);
  drop = (previous - share) * 100;

  /* Without customers before, a drop cannot be measured: information. */
  severity = t->mq_people == 0 || previous_people == 0 ? TALLY_SEVERITY_INFO
           : drop >= report->engine->rules->match_quality_drop_points ? TALLY_SEVERITY_WARNING
           : TALLY_SEVERITY_OK;
  d = _tally_diag_add (ctx, severity,
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
  _tally_diag_set_number (d, "identifier_share", TALLY_VALUE_SHARE, share);
  _tally_diag_set_number (d, "click_id_share", TALLY_VALUE_SHARE, _tally_diag_ratio ((double) t->mq_click_id, (double) t->mq_people));
  _tally_diag_set_number (d, "unknown_source_share", TALLY_VALUE_SHARE, _tally_diag_ratio ((double) t->mq_unknown, (double) t->mq_people));
  _tally_diag_set_number (d, "previous_identifier_share", TALLY_VALUE_SHARE, previous);
}

/* CRM sales whose calendar day differs between the CRM's clock and the report's. */
void
_tally_check_crm_day_shift (TallyDiagContext *ctx)
{
  const TallyRules *rules = ctx->report->engine->rules;
  double shift_share = _tally_diag_ratio ((double) ctx->days.day_shift_records, (double) ctx->days.won_records);
  g_autofree char *shift_revenue = _tally_diag_money (ctx, ctx->days.day_shift_revenue);
  g_autofree char *shift_text = _tally_diag_count_text (ctx->days.day_shift_records);
  TallyDiagnostic *d;

  d = _tally_diag_add (ctx,
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
  _tally_diag_set_number (d, "records", TALLY_VALUE_NUMBER, (double) ctx->days.day_shift_records);
  _tally_diag_set_number (d, "revenue", TALLY_VALUE_MONEY, ctx->days.day_shift_revenue);
}

/* The days from lead to won. */
void
_tally_check_conversion_lag (TallyDiagContext *ctx)
{
  TallyReport *report = ctx->report;
  TallyEngine *engine = report->engine;
  const TallyRules *rules = engine->rules;
  g_autoptr(GArray) lags = g_array_new (FALSE, FALSE, sizeof (double));
  TallyDiagnostic *d;

  for (guint i = 0; i < engine->lags->len; i++)
    {
      const TallyLag *lag = &g_array_index (engine->lags, TallyLag, i);

      gint32 day = tally_lag_day (lag);

      if (day >= report->from && day <= report->to)
        {
          double days = tally_lag_days (lag);

          g_array_append_val (lags, days);
        }
    }
  if (lags->len > 0)
    {
      double *values = (double *) lags->data;
      guint middle = lags->len / 2;
      double p90 = select_kth (values, lags->len, MIN (lags->len - 1, (guint) ceil (lags->len * 0.9) - 1));
      double median = lags->len % 2 == 1 ? select_kth (values, lags->len, middle)
                    : (select_kth (values, lags->len, middle - 1) + select_kth (values, lags->len, middle)) / 2;

      d = _tally_diag_add (ctx,
                           p90 > rules->restatement_days ? TALLY_SEVERITY_INFO : TALLY_SEVERITY_OK,
                           p90 > rules->restatement_days
                             ? g_strdup_printf (_("Half the sales close within %.1f days of their lead, nine in ten within %.1f days: recent Meta spend has not yet earned all its CRM revenue."),
                                                median, p90)
                             : g_strdup_printf (_("Half the sales close within %.1f days of their lead, nine in ten within %.1f days, inside the %d days a day stays open."),
                                                median, p90, rules->restatement_days),
                           p90 > rules->restatement_days ? _("Compare ROAS over periods longer than the lag, or wait for the open days to mature.")
                                                         : _("Nothing to do."));
      _tally_diag_set_number (d, "median_days", TALLY_VALUE_NUMBER, median);
      _tally_diag_set_number (d, "p90_days", TALLY_VALUE_NUMBER, p90);
    }
  else
    {
      d = _tally_diag_add (ctx, TALLY_SEVERITY_OK,
                           g_strdup (_("No sale in this period has both a created and a won time to measure the lag.")),
                           _("Nothing to do."));
      _tally_diag_set_number (d, "median_days", TALLY_VALUE_NUMBER, NAN);
      _tally_diag_set_number (d, "p90_days", TALLY_VALUE_NUMBER, NAN);
    }
}

/* The days of the range that are live. */
void
_tally_check_open_period (TallyDiagContext *ctx)
{
  TallyReport *report = ctx->report;
  const TallyRules *rules = report->engine->rules;
  gint64 open_days = (gint64) report->totals.n_days - report->totals.n_frozen;
  g_autofree char *open_text = _tally_diag_count_text (open_days);
  TallyDiagnostic *d;

  d = _tally_diag_add (ctx, open_days > 0 ? TALLY_SEVERITY_INFO : TALLY_SEVERITY_OK,
                       open_days > 0
                         ? g_strdup_printf (P_("%s day of this period is live: its numbers follow every import until a publication freezes it, once it is %d days old.",
                                               "%s days of this period are live: their numbers follow every import until a publication freezes them, once they are %d days old.",
                                               open_days),
                                            open_text, rules->restatement_days)
                         : g_strdup (_("Every day of this period is frozen: its numbers are the published ones.")),
                       open_days > 0 ? _("Treat the live days as provisional; publish the period when you share it.") : _("Nothing to do."));
  _tally_diag_set_number (d, "open_days", TALLY_VALUE_NUMBER, (double) open_days);
}

/* Meta-sourced records known only by a click id. */
void
_tally_check_utm_missing (TallyDiagContext *ctx)
{
  const TallyRules *rules = ctx->report->engine->rules;
  double missing_share = _tally_diag_ratio ((double) ctx->days.click_id_only, (double) ctx->days.meta_sourced);
  g_autofree char *missing_text = _tally_diag_percent (missing_share);
  g_autofree char *click_only_text = _tally_diag_count_text (ctx->days.click_id_only);
  TallyDiagnostic *d;

  d = _tally_diag_add (ctx,
                       ctx->days.click_id_only == 0 ? TALLY_SEVERITY_OK
                       : missing_share > rules->utm_missing_share_max ? TALLY_SEVERITY_WARNING : TALLY_SEVERITY_INFO,
                       ctx->days.click_id_only == 0 ? g_strdup (_("Every Meta-sourced record carries UTM parameters or a CRM source."))
                       : g_strdup_printf (P_("%s Meta-sourced record (%s) is known to come from Meta only by a click id: its UTM parameters were lost, so it joins no campaign.",
                                             "%s Meta-sourced records (%s) are known to come from Meta only by a click id: their UTM parameters were lost, so they join no campaign.",
                                             ctx->days.click_id_only),
                                          click_only_text, missing_text),
                       ctx->days.click_id_only == 0 ? _("Nothing to do.")
                       : _("Find the redirect or form that drops the query string, and add the UTM parameters to every ad’s URL."));
  _tally_diag_set_number (d, "records", TALLY_VALUE_NUMBER, (double) ctx->days.click_id_only);
  _tally_diag_set_number (d, "share", TALLY_VALUE_SHARE, missing_share);
}

/* Meta-sourced records that join no campaign, with the commonest utm_campaign values. */
void
_tally_check_unmatched_campaign (TallyDiagContext *ctx)
{
  const TallyRules *rules = ctx->report->engine->rules;
  double unmatched_share = _tally_diag_ratio ((double) ctx->days.unmatched_records, (double) ctx->days.meta_sourced);
  g_autofree char *unmatched_text = _tally_diag_percent (unmatched_share);
  g_autofree char *unmatched_count = _tally_diag_count_text (ctx->days.unmatched_records);
  g_autoptr(GPtrArray) names = top_unmatched (ctx->report);
  g_autofree char *list = NULL;
  TallyDiagnostic *d;

  g_ptr_array_add (names, NULL);
  list = g_strjoinv ("”, “", (GStrv) names->pdata);
  g_ptr_array_remove_index (names, names->len - 1);
  d = _tally_diag_add (ctx,
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
  _tally_diag_set_number (d, "records", TALLY_VALUE_NUMBER, (double) ctx->days.unmatched_records);
  _tally_diag_set_number (d, "share", TALLY_VALUE_SHARE, unmatched_share);
  _tally_diag_set_list (d, "top_values", names);
}

/* The same person again as a lead within the deduplication window. */
void
_tally_check_duplicate_leads (TallyDiagContext *ctx)
{
  const TallyRules *rules = ctx->report->engine->rules;
  const TallyCell *t = &ctx->report->totals.sum;
  gint64 duplicates = t->crm_leads_raw - t->crm_leads;
  double duplicate_share = _tally_diag_ratio ((double) duplicates, (double) t->crm_leads_raw);
  g_autofree char *duplicate_text = _tally_diag_percent (duplicate_share);
  g_autofree char *duplicates_text = _tally_diag_count_text (duplicates);
  g_autofree char *raw_text = _tally_diag_count_text (t->crm_leads_raw);
  TallyDiagnostic *d;

  d = _tally_diag_add (ctx,
                       duplicates == 0 ? TALLY_SEVERITY_OK
                       : duplicate_share > rules->duplicate_lead_share_max ? TALLY_SEVERITY_WARNING : TALLY_SEVERITY_INFO,
                       duplicates == 0 ? g_strdup (_("No person came back as a lead within the deduplication window."))
                       : g_strdup_printf (P_("%s of %s Meta-sourced leads (%s) repeats a person already counted within %d days; CRM leads count each person once.",
                                             "%s of %s Meta-sourced leads (%s) repeat a person already counted within %d days; CRM leads count each person once.",
                                             duplicates),
                                          duplicates_text, raw_text, duplicate_text, rules->lead_dedup_days),
                       duplicates == 0 ? _("Nothing to do.") : _("Merge duplicate contacts in the CRM, or compare Meta leads with raw CRM leads."));
  _tally_diag_set_number (d, "duplicates", TALLY_VALUE_NUMBER, (double) duplicates);
  _tally_diag_set_number (d, "share", TALLY_VALUE_SHARE, duplicate_share);
}

/* Won before created, or a customer stage without a won date. */
void
_tally_check_stage_anomalies (TallyDiagContext *ctx)
{
  g_autofree char *anomalies_text = _tally_diag_count_text (ctx->days.stage_anomalies);
  TallyDiagnostic *d;

  d = _tally_diag_add (ctx, ctx->days.stage_anomalies > 0 ? TALLY_SEVERITY_WARNING : TALLY_SEVERITY_OK,
                       ctx->days.stage_anomalies > 0
                         ? g_strdup_printf (P_("%s CRM record is won before it was created, or has a customer stage but no won date (such records are not counted).",
                                               "%s CRM records are won before they were created, or have a customer stage but no won date (such records are not counted).",
                                               ctx->days.stage_anomalies),
                                            anomalies_text)
                         : g_strdup (_("Every won record has a won date after its creation.")),
                       ctx->days.stage_anomalies > 0 ? _("Fix the close dates of those deals in the CRM and export again.") : _("Nothing to do."));
  _tally_diag_set_number (d, "records", TALLY_VALUE_NUMBER, (double) ctx->days.stage_anomalies);
}

/* The share of Meta-sourced gross revenue refunded. */
void
_tally_check_refund_share (TallyDiagContext *ctx)
{
  const TallyRules *rules = ctx->report->engine->rules;
  const TallyCell *t = &ctx->report->totals.sum;
  double refund_share = _tally_diag_ratio (ctx->days.refunds, t->gross);
  g_autofree char *refund_text = _tally_diag_percent (refund_share);
  g_autofree char *refund_money = _tally_diag_money (ctx, ctx->days.refunds);
  TallyDiagnostic *d;

  d = _tally_diag_add (ctx,
                       ctx->days.refunds == 0 ? TALLY_SEVERITY_OK
                       : refund_share > rules->refund_share_max ? TALLY_SEVERITY_WARNING : TALLY_SEVERITY_INFO,
                       ctx->days.refunds == 0 ? g_strdup (_("No Meta-sourced sale of this period was refunded."))
                       : g_strdup_printf (_("%s of Meta-sourced gross revenue (%s) was refunded; Meta’s purchase value never subtracts refunds."),
                                          refund_text, refund_money),
                       ctx->days.refunds == 0 ? _("Nothing to do.")
                       : _("Compare ROAS on net revenue, and send refunds to Meta as negative-value events if it optimizes on value."));
  _tally_diag_set_number (d, "refunds", TALLY_VALUE_MONEY, ctx->days.refunds);
  _tally_diag_set_number (d, "share", TALLY_VALUE_SHARE, refund_share);
}
