/* tally-import-rows.c: one row of an export, normalized and stored
 *
 * Copyright 2026 The Tally authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Each target (Meta, CRM, sessions, rates) turns a row's text into what
 * SPEC section 4 says the project keeps: money in minor units, days and
 * instants in ISO 8601, hashed e-mail and phone, UTMs from their columns or
 * from the landing URL. A value that cannot be read rejects its row with a
 * sentence; a value read with a caveat (rounded money, a phone without a
 * country code) is kept and counted as a warning.
 */
#define G_LOG_DOMAIN "tally-import"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "tally-currency.h"
#include "tally-store.h"
#include "tally-import-private.h"

/* Issues ------------------------------------------------------------------- */

static TallyImportIssue *
issue_new (TallyIssueSeverity  severity,
           guint64             line,
           const char         *column,
           const char         *reason)
{
  TallyImportIssue *issue = g_new0 (TallyImportIssue, 1);

  issue->severity = severity;
  issue->line = line;
  issue->column = g_strdup (column != NULL ? column : "");
  issue->reason = g_strdup (reason);
  issue->count = 1;
  return issue;
}

/* A row rejected as a whole, with the line as the file wrote it. */
void
_tally_import_reject_line (ImportContext *ctx,
                           guint64        line,
                           const char    *reason,
                           const char    *raw)
{
  TallyImportIssue *issue = issue_new (TALLY_ISSUE_REJECTED, line, NULL, reason);

  issue->raw = g_strdup (raw);
  g_ptr_array_add (ctx->result->issues, issue);
  ctx->result->n_rejected++;
  ctx->result->rows_read++;
}

void
_tally_import_reject (ImportContext *ctx,
                      guint64        line,
                      const char    *column,
                      const char    *reason)
{
  TallyImportIssue *issue = issue_new (TALLY_ISSUE_REJECTED, line, column, reason);
  const ImportRow *row = ctx->current_row;

  /* The cell as the file wrote it, so that a person can find it. */
  if (row != NULL && row->line == line && column != NULL)
    for (guint f = 0; f < TALLY_MAX_FIELDS; f++)
      if (row->columns[f] != NULL && row->values[f] != NULL && g_str_equal (row->columns[f], column))
        {
          issue->raw = g_strdup (row->values[f]);
          break;
        }

  g_ptr_array_add (ctx->result->issues, issue);
  ctx->result->n_rejected++;
}

/* Warnings of the same kind on the same column are one issue with a count
 * and the first line, so a file with a million of them stays readable. */
void
_tally_import_warn (ImportContext *ctx,
                    guint64        line,
                    const char    *column,
                    const char    *reason)
{
  g_autofree char *key = g_strconcat (column != NULL ? column : "", "\x1f", reason, NULL);
  TallyImportIssue *issue = g_hash_table_lookup (ctx->warnings, key);

  if (issue != NULL)
    {
      issue->count++;
      return;
    }

  issue = issue_new (TALLY_ISSUE_WARNING, line, column, reason);
  g_ptr_array_add (ctx->result->issues, issue);
  g_hash_table_insert (ctx->warnings, g_steal_pointer (&key), issue);
}

/* Reading values ----------------------------------------------------------- */

/* Strings made for the current row live until it is stored, so that they
 * can be bound without SQLite copying them. */
const char *
_tally_import_keep (ImportContext *ctx,
      char          *text)
{
  if (text != NULL)
    g_ptr_array_add (ctx->row_strings, text);
  return text;
}

const char *
_tally_import_value (ImportRow *row,
          int        field)
{
  const char *value = row->values[field];

  return value != NULL && value[0] != '\0' ? value : NULL;
}

/* The value without surrounding spaces; NULL when that leaves nothing. */
const char *
_tally_import_trimmed (ImportContext *ctx,
         ImportRow     *row,
         int            field)
{
  const char *value = _tally_import_value (row, field);
  const char *end;

  if (value == NULL)
    return NULL;

  while (g_ascii_isspace (*value))
    value++;
  end = value + strlen (value);
  if (end == value)
    return NULL;
  if (!g_ascii_isspace (end[-1]))
    return value;

  while (end > value && g_ascii_isspace (end[-1]))
    end--;
  return _tally_import_keep (ctx, g_strndup (value, end - value));
}

TallyDecimal
_tally_import_decimal_for (ImportContext *ctx,
             ImportRow     *row,
             int            field)
{
  if (row->typed[field] || ctx->decimal == TALLY_DECIMAL_UNKNOWN)
    return TALLY_DECIMAL_POINT;
  return ctx->decimal;
}

static gboolean
is_ambiguous_number (ImportContext *ctx,
                     ImportRow     *row,
                     int            field,
                     const char    *value)
{
  g_autofree char *reason = NULL;

  if (!ctx->decimal_assumed || row->typed[field] || tally_number_evidence (value) != TALLY_EVIDENCE_AMBIGUOUS)
    return FALSE;

  reason = g_strdup_printf (_("“%s” reads differently with a decimal point and with a decimal comma; say which with --decimal point or --decimal comma"),
                            value);
  _tally_import_reject (ctx, row->line, row->columns[field], reason);
  return TRUE;
}

/* Why a value that reads as a number cannot be taken: it is negative, or
 * too large for 64-bit minor units. FALSE when it is no number at all. */
gboolean
_tally_import_number_problem (const char    *value,
                TallyDecimal   decimal,
                TallyNumber   *number,
                char         **reason)
{
  if (!tally_number_parse (value, decimal, number))
    return FALSE;

  if (number->negative)
    *reason = g_strdup_printf (_("“%s” is negative, and this column cannot be; export the file again"), value);
  else if (number->n_digits - number->n_fraction > 15)
    *reason = g_strdup_printf (_("“%s” is too large to be an amount or a count"), value);
  else
    return FALSE;
  return TRUE;
}

/* A whole number; FALSE (row rejected) when the value is not one. */
gboolean
_tally_import_read_count (ImportContext *ctx,
            ImportRow     *row,
            int            field,
            gint64        *out,
            gboolean      *present)
{
  const char *value = _tally_import_value (row, field);
  g_autofree char *reason = NULL;
  TallyNumber number;

  *present = FALSE;
  if (value == NULL)
    return TRUE;
  if (is_ambiguous_number (ctx, row, field, value))
    return FALSE;

  if (tally_number_parse (value, _tally_import_decimal_for (ctx, row, field), &number) &&
      !number.negative && tally_number_to_integer (&number, out))
    {
      *present = TRUE;
      return TRUE;
    }

  if (_tally_import_number_problem (value, _tally_import_decimal_for (ctx, row, field), &number, &reason))
    ;
  else
    reason = g_strdup_printf (_("“%s” is not a whole number"), value);
  _tally_import_reject (ctx, row->line, row->columns[field], reason);
  return FALSE;
}

static const char *
decimal_name (TallyDecimal decimal)
{
  return decimal == TALLY_DECIMAL_COMMA ? _("decimal comma") : _("decimal point");
}

/* Money in minor units of @currency; rounding is a warning. */
gboolean
_tally_import_read_money (ImportContext *ctx,
            ImportRow     *row,
            int            field,
            const char    *currency,
            gint64        *out,
            gboolean      *present)
{
  const char *value = _tally_import_value (row, field);
  g_autofree char *reason = NULL;
  TallyNumber number;
  gboolean rounded;

  *present = FALSE;
  if (value == NULL)
    return TRUE;
  if (is_ambiguous_number (ctx, row, field, value))
    return FALSE;

  if (!tally_number_parse (value, _tally_import_decimal_for (ctx, row, field), &number) || number.negative ||
      !tally_number_to_minor (&number, tally_currency_minor_unit (currency), out, &rounded))
    {
      if (!_tally_import_number_problem (value, _tally_import_decimal_for (ctx, row, field), &number, &reason))
        reason = g_strdup_printf (_("“%s” is not an amount written with a %s, as the rest of the file is"),
                                  value, decimal_name (_tally_import_decimal_for (ctx, row, field)));
      _tally_import_reject (ctx, row->line, row->columns[field], reason);
      return FALSE;
    }

  /* Meta writes amounts to the micro (6 decimals) and shows them rounded
   * to the currency's own unit, as Tally stores them: no warning there. */
  if (rounded && !(ctx->target == TALLY_TARGET_META && number.n_fraction <= 6))
    {
      reason = g_strdup_printf (_("amounts with more decimals than %s has were rounded half away from zero"),
                                currency);
      _tally_import_warn (ctx, row->line, row->columns[field], reason);
    }

  *present = TRUE;
  return TRUE;
}

/* A date (@with_time FALSE) or a timestamp; NULL (no rejection) when
 * empty. When the first rows of a file settled nothing, a later value that
 * reads two ways is rejected rather than guessed. */
static gboolean
read_moment (ImportContext  *ctx,
             ImportRow      *row,
             int             field,
             gboolean        with_time,
             const char    **out)
{
  const char *value = _tally_import_value (row, field);
  g_autofree char *reason = NULL;
  TallyTimeKind kind;

  *out = NULL;
  if (value == NULL)
    return TRUE;

  *out = _tally_import_keep (ctx, with_time ? tally_parse_timestamp (value, ctx->date_order, &kind)
                              : tally_parse_date (value, ctx->date_order));
  if (*out != NULL)
    return TRUE;

  if (ctx->date_order == TALLY_DATE_ORDER_UNKNOWN && tally_date_evidence (value) == TALLY_EVIDENCE_AMBIGUOUS)
    reason = g_strdup_printf (_("“%s” could be day/month or month/day; say which with --date-order dmy or --date-order mdy"),
                              value);
  else if (with_time)
    reason = g_strdup_printf (_("“%s” is not a date or time Tally can read, such as 2026-08-14 17:30"), value);
  else
    reason = g_strdup_printf (_("“%s” is not a date Tally can read, such as 2026-08-14"), value);
  _tally_import_reject (ctx, row->line, row->columns[field], reason);
  return FALSE;
}

gboolean
_tally_import_read_day (ImportContext  *ctx,
          ImportRow      *row,
          int             field,
          const char    **out)
{
  return read_moment (ctx, row, field, FALSE, out);
}

gboolean
_tally_import_read_time (ImportContext  *ctx,
           ImportRow      *row,
           int             field,
           const char    **out)
{
  return read_moment (ctx, row, field, TRUE, out);
}

/* An ISO 4217 code from a column; NULL (no rejection) when empty. */
gboolean
_tally_import_read_currency (ImportContext  *ctx,
               ImportRow      *row,
               int             field,
               const char    **out)
{
  const char *value = _tally_import_trimmed (ctx, row, field);
  g_autofree char *reason = NULL;
  const TallyCurrency *currency;

  *out = NULL;
  if (value == NULL)
    return TRUE;

  /* Most files have one currency, or a few, row after row. */
  if (ctx->last_currency != NULL && strcmp (value, ctx->last_currency_text) == 0)
    {
      *out = ctx->last_currency;
      return TRUE;
    }

  currency = tally_currency_lookup (value);
  if (currency != NULL)
    {
      *out = currency->code;
      memcpy (ctx->last_currency_text, value, sizeof ctx->last_currency_text);
      ctx->last_currency = currency->code;
      return TRUE;
    }

  reason = g_strdup_printf (_("“%s” is not an ISO 4217 currency code such as MXN or USD"), value);
  _tally_import_reject (ctx, row->line, row->columns[field], reason);
  return FALSE;
}

/* An ID a spreadsheet turned into 1.20253E+17 has lost its digits. */
gboolean
_tally_import_check_id (ImportContext *ctx,
          ImportRow     *row,
          int            field)
{
  const char *value = _tally_import_value (row, field);
  g_autofree char *reason = NULL;

  if (value == NULL || (!strchr (value, 'E') && !strchr (value, 'e')) ||
      strspn (value, "0123456789.,Ee+- ") != strlen (value))
    return TRUE;

  reason = g_strdup_printf (_("the ID “%s” was rounded by a spreadsheet; export the file again and keep IDs as text"),
                            value);
  _tally_import_reject (ctx, row->line, row->columns[field], reason);
  return FALSE;
}
