/* tally-diagnostic-context.c: the helpers every check of the mismatch
 * map builds its finding with
 *
 * Copyright 2026 The Tally authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A finding has its id and category from the registry, a severity, a
 * sentence, what to do, and the measured values: numbers, money, shares,
 * text and lists, each written to JSON and to the screen the same way.
 */
#define G_LOG_DOMAIN "tally-diagnostics"

#include "config.h"

#include <math.h>
#include <string.h>

#include "tally-diagnostic-context.h"
#include "tally-format.h"

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

static void
sum_days (TallyDiagContext *ctx)
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

/* Ready for the checks of @report: its days' counters summed over its
 * range, its currency and decimals. */
void
_tally_diag_context_init (TallyDiagContext *ctx,
                          TallyReport      *report)
{
  memset (ctx, 0, sizeof *ctx);
  ctx->report = report;
  ctx->list = g_ptr_array_new_with_free_func ((GDestroyNotify) tally_diagnostic_free);
  ctx->decimals = tally_report_get_decimals (report);
  ctx->currency = tally_report_get_currency (report);
  sum_days (ctx);
}

/* Adds the running check's finding; takes @message. */
TallyDiagnostic *
_tally_diag_add (TallyDiagContext *ctx,
                 TallySeverity     severity,
                 char             *message,
                 const char       *action)
{
  TallyDiagnostic *diagnostic = g_new0 (TallyDiagnostic, 1);

  g_assert (ctx->check != NULL);

  diagnostic->id = ctx->check->id;
  diagnostic->category = ctx->check->category;
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

void
_tally_diag_set_number (TallyDiagnostic *diagnostic,
                        const char      *name,
                        TallyValueKind   kind,
                        double           number)
{
  value_new (diagnostic, name, isfinite (number) ? kind : TALLY_VALUE_NULL)->number = number;
}

void
_tally_diag_set_text (TallyDiagnostic *diagnostic,
                      const char      *name,
                      const char      *text)
{
  value_new (diagnostic, name, text != NULL ? TALLY_VALUE_TEXT : TALLY_VALUE_NULL)->text = g_strdup (text);
}

void
_tally_diag_set_list (TallyDiagnostic *diagnostic,
                      const char      *name,
                      GPtrArray       *items)
{
  TallyDiagValue *value = value_new (diagnostic, name, TALLY_VALUE_LIST);

  g_ptr_array_add (items, NULL);
  value->list = g_strdupv ((GStrv) items->pdata);
  g_ptr_array_remove_index (items, items->len - 1);
}

/* A count for a sentence, and the plural form it takes. */
char *
_tally_diag_count_text (gint64 n)
{
  return g_strdup_printf ("%" G_GINT64_FORMAT, n);
}

gulong
_tally_diag_plural_n (gint64 n)
{
  return n > 0 && (guint64) n <= G_MAXULONG ? (gulong) n : (n == 0 ? 0 : G_MAXULONG);
}

double
_tally_diag_ratio (double numerator,
                   double denominator)
{
  return denominator != 0 ? numerator / denominator : NAN;
}

char *
_tally_diag_percent (double share)
{
  return tally_format_share (share);
}

/* "MXN 12,345.67", rounded as the report rounds. */
char *
_tally_diag_money (TallyDiagContext *ctx,
                   double            minor)
{
  g_autofree char *amount = tally_format_amount (minor, ctx->decimals,
                                                 TALLY_FORMAT_GROUPED | TALLY_FORMAT_UNICODE_MINUS);

  return g_strdup_printf ("%s %s", ctx->currency, amount);
}
