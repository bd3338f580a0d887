/* tally-import-meta.c: one row of a Meta Ads export (or of insights JSON),
 * normalized and bound
 *
 * Copyright 2026 The Tally authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "tally-import"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "tally-currency.h"
#include "tally-store.h"
#include "tally-import-private.h"
#include "tally-row-writer.h"

/* Meta ------------------------------------------------------------------- */

static const char * const purchase_types[] = {
  "omni_purchase", "purchase", "offsite_conversion.fb_pixel_purchase", "onsite_web_purchase", NULL
};
static const char * const lead_types[] = {
  "lead", "offsite_conversion.fb_pixel_lead", "onsite_conversion.lead_grouped", "leadgen_grouped",
  "leadgen.other", "omni_lead", NULL
};

/* Ads Manager's "Results" count what its "Result indicator" names: when
 * there is no dedicated column, they stand for purchases, leads, link
 * clicks or landing page views. */
static int
field_for_result (const char *indicator)
{
  const char *type = indicator;

  if (indicator == NULL)
    return -1;
  if (g_str_has_prefix (type, "actions:"))
    type += strlen ("actions:");

  if (g_strv_contains (purchase_types, type))
    return META_PURCHASES;
  if (g_strv_contains (lead_types, type))
    return META_LEADS;
  if (g_str_equal (type, "link_click"))
    return META_LINK_CLICKS;
  if (g_str_equal (type, "landing_page_view") || g_str_equal (type, "omni_landing_page_view"))
    return META_LANDING_PAGE_VIEWS;

  return -1;
}

static gboolean
is_summary_row (ImportRow *row)
{
  static const int entities[] = {
    META_CAMPAIGN_NAME, META_CAMPAIGN_ID, META_ADSET_NAME, META_ADSET_ID, META_AD_NAME, META_AD_ID
  };

  for (guint i = 0; i < G_N_ELEMENTS (entities); i++)
    if (_tally_import_value (row, entities[i]) != NULL)
      return FALSE;

  return TRUE;
}

static const char *
meta_currency (ImportContext *ctx,
               ImportRow     *row,
               const char    *column_currency)
{
  if (column_currency != NULL)
    return column_currency;
  if (ctx->header_currency != NULL)
    return ctx->header_currency;

  if (_tally_import_value (row, META_SPEND) != NULL || _tally_import_value (row, META_PURCHASE_VALUE) != NULL)
    {
      g_autofree char *reason = g_strdup_printf (_("the export names no currency, so amounts were read as %s, the reporting currency"),
                                                 ctx->reporting_currency);

      _tally_import_warn (ctx, row->line, row->columns[META_SPEND], reason);
    }
  return ctx->reporting_currency;
}

static void
append_identity (GString    *identity,
                 const char *part)
{
  g_string_append (identity, part != NULL ? part : "");
  g_string_append_c (identity, '\x1f');
}

/* Per-window numbers of the Marketing API, bound from @first on. */
static gboolean
bind_windows (ImportContext  *ctx,
              ImportRow      *row,
              const char    **values,
              gboolean        money,
              const char     *currency,
              int             first)
{
  guint decimals = money ? tally_currency_minor_unit (currency) : 0;

  for (guint w = 0; w < N_WINDOWS; w++)
    {
      TallyNumber number;
      gboolean rounded;
      gint64 value;

      if (values[w] == NULL)
        {
          _tally_row_bind_null (ctx->row_writer, first + (int) w);
          continue;
        }

      if (!tally_number_parse (values[w], TALLY_DECIMAL_POINT, &number) || number.negative ||
          !tally_number_to_minor (&number, decimals, &value, &rounded))
        {
          g_autofree char *reason = NULL;

          if (!_tally_import_number_problem (values[w], TALLY_DECIMAL_POINT, &number, &reason))
            reason = g_strdup_printf (_("“%s” is not a number"), values[w]);

          _tally_import_reject (ctx, row->line, money ? "action_values" : "actions", reason);
          return FALSE;
        }
      _tally_row_bind_int64 (ctx->row_writer, first + (int) w, value);
    }

  return TRUE;
}

/* An export repeats a handful of attribution settings on every row. */
static const char *
attribution_code (ImportContext *ctx,
                  const char    *setting)
{
  const char *code;

  if (setting == NULL)
    return NULL;

  if (!g_hash_table_lookup_extended (ctx->attributions, setting, NULL, (gpointer *) &code))
    {
      code = tally_parse_attribution_setting (setting);
      g_hash_table_insert (ctx->attributions, g_strdup (setting), (gpointer) code);
    }

  return code;
}

/* The row's day, or its range of days; FALSE when the row is rejected. */
static gboolean
read_days (ImportContext  *ctx,
           ImportRow      *row,
           const char    **start,
           const char    **end)
{
  if (_tally_import_value (row, META_DAY) != NULL)
    {
      if (!_tally_import_read_day (ctx, row, META_DAY, start))
        return FALSE;
      *end = *start;
    }
  else
    {
      if (!_tally_import_read_day (ctx, row, META_DATE_START, start) || !_tally_import_read_day (ctx, row, META_DATE_END, end))
        return FALSE;
      if (*start == NULL)
        {
          if (ctx->mapping == NULL)
            _tally_import_reject (ctx, row->line, NULL, _("the entry has no day: its “date_start” is missing"));
          else
            _tally_import_reject (ctx, row->line, NULL, _("the row has no day: neither “Day” nor “Reporting starts” is filled in"));
          return FALSE;
        }
      if (*end == NULL)
        *end = *start;
      if (strcmp (*end, *start) < 0)
        {
          _tally_import_reject (ctx, row->line, row->columns[META_DATE_END], _("the reporting period ends before it starts"));
          return FALSE;
        }
    }

  return TRUE;
}

/* The keys a later import replaces this row by (SPEC section 2). */
static void
meta_identity (GString    *identity,
               ImportRow  *row,
               const char *start,
               const char *end,
               const char *breakdown)
{
  append_identity (identity, _tally_import_value (row, META_ACCOUNT_ID));
  append_identity (identity, start);
  append_identity (identity, end);
  append_identity (identity, _tally_import_value (row, META_CAMPAIGN_ID) ?: _tally_import_value (row, META_CAMPAIGN_NAME));
  append_identity (identity, _tally_import_value (row, META_ADSET_ID) ?: _tally_import_value (row, META_ADSET_NAME));
  append_identity (identity, _tally_import_value (row, META_AD_ID) ?: _tally_import_value (row, META_AD_NAME));
  append_identity (identity, _tally_import_value (row, META_ATTRIBUTION_SETTING));
  append_identity (identity, breakdown);
}

/* The account, campaign, ad set and ad, as the export names them. */
static void
bind_names (ImportContext *ctx,
            ImportRow     *row)
{
  _tally_import_bind_text (ctx->row_writer, 6, _tally_import_value (row, META_ACCOUNT_ID));
  _tally_import_bind_text (ctx->row_writer, 7, _tally_import_value (row, META_ACCOUNT_NAME));
  _tally_import_bind_text (ctx->row_writer, 8, _tally_import_value (row, META_CAMPAIGN_ID));
  _tally_import_bind_text (ctx->row_writer, 9, _tally_import_value (row, META_CAMPAIGN_NAME));
  _tally_import_bind_text (ctx->row_writer, 10, _tally_import_value (row, META_ADSET_ID));
  _tally_import_bind_text (ctx->row_writer, 11, _tally_import_value (row, META_ADSET_NAME));
  _tally_import_bind_text (ctx->row_writer, 12, _tally_import_value (row, META_AD_ID));
  _tally_import_bind_text (ctx->row_writer, 13, _tally_import_value (row, META_AD_NAME));
  _tally_import_bind_text (ctx->row_writer, 14, _tally_import_value (row, META_ATTRIBUTION_SETTING));
}

/* The per-window numbers; FALSE (bindings cleared) when the row is
 * rejected. */
static gboolean
bind_all_windows (ImportContext *ctx,
                  ImportRow     *row,
                  const char    *currency)
{
  if (bind_windows (ctx, row, row->purchases_window, FALSE, currency, 27) &&
      bind_windows (ctx, row, row->value_window, TRUE, currency, 31) &&
      bind_windows (ctx, row, row->leads_window, FALSE, currency, 35))
    return TRUE;

  _tally_row_writer_clear (ctx->row_writer);
  return FALSE;
}

/* The breakdown columns (age, gender, placement, …) and their values. */
static void
meta_breakdown (GString   *breakdown,
                ImportRow *row)
{
  const TallyFieldSpec *fields;
  guint n_fields;

  fields = tally_fields_get (TALLY_TARGET_META, &n_fields);
  for (int f = 0; f < (int) n_fields; f++)
    if (fields[f].breakdown && _tally_import_value (row, f) != NULL)
      g_string_append_printf (breakdown, "%s%s=%s", breakdown->len > 0 ? ";" : "", fields[f].name, _tally_import_value (row, f));
}

gboolean
_tally_import_meta_row (ImportContext  *ctx,
                        ImportRow      *row,
                        GError        **error)
{
  static const int counts[] = {
    META_IMPRESSIONS, META_REACH, META_ALL_CLICKS, META_LINK_CLICKS, META_LANDING_PAGE_VIEWS,
    META_LEADS, META_PURCHASES,
  };
  static const int count_params[] = { 19, 20, 21, 22, 23, 24, 25 };
  const char *start = NULL, *end = NULL, *window;
  g_autoptr(GString) identity = g_string_new (NULL);
  g_autoptr(GString) breakdown = g_string_new (NULL);
  const char *column_currency, *currency;
  gint64 values[G_N_ELEMENTS (counts)];
  gboolean present[G_N_ELEMENTS (counts)];
  gint64 spend = 0, purchase_value = 0, results = 0;
  gboolean has_spend, has_value, has_results;
  int result_field;

  /* Ads Manager's optional summary row carries no campaign, ad set or ad;
   * an insights response of one object names none either, and is kept. */
  if (ctx->mapping != NULL && is_summary_row (row))
    {
      ctx->result->rows_ignored++;
      return TRUE;
    }

  /* A day, or a range of days. */
  if (!read_days (ctx, row, &start, &end))
    return TRUE;

  if (!_tally_import_check_id (ctx, row, META_ACCOUNT_ID) || !_tally_import_check_id (ctx, row, META_CAMPAIGN_ID) ||
      !_tally_import_check_id (ctx, row, META_ADSET_ID) || !_tally_import_check_id (ctx, row, META_AD_ID) ||
      !_tally_import_read_currency (ctx, row, META_CURRENCY, &column_currency))
    return TRUE;
  currency = meta_currency (ctx, row, column_currency);

  for (guint i = 0; i < G_N_ELEMENTS (counts); i++)
    if (!_tally_import_read_count (ctx, row, counts[i], &values[i], &present[i]))
      return TRUE;
  if (!_tally_import_read_money (ctx, row, META_SPEND, currency, &spend, &has_spend) ||
      !_tally_import_read_money (ctx, row, META_PURCHASE_VALUE, currency, &purchase_value, &has_value) ||
      !_tally_import_read_count (ctx, row, META_RESULTS, &results, &has_results))
    return TRUE;

  /* Results stand for the metric their indicator names when the export
   * has no column of its own for it. */
  result_field = has_results ? field_for_result (_tally_import_value (row, META_RESULT_INDICATOR)) : -1;
  for (guint i = 0; result_field >= 0 && i < G_N_ELEMENTS (counts); i++)
    if (counts[i] == result_field && !present[i])
      values[i] = results, present[i] = TRUE;

  meta_breakdown (breakdown, row);

  window = attribution_code (ctx, _tally_import_value (row, META_ATTRIBUTION_SETTING));

  meta_identity (identity, row, start, end, breakdown->str);

  _tally_row_bind_int64 (ctx->row_writer, 1, ctx->batch_id);
  _tally_row_bind_int64 (ctx->row_writer, 2, (gint64) row->line);
  _tally_row_bind_text (ctx->row_writer, 3, identity->str, (gssize) identity->len);
  _tally_import_bind_text (ctx->row_writer, 4, start);
  _tally_import_bind_text (ctx->row_writer, 5, end);
  bind_names (ctx, row);
  _tally_import_bind_text (ctx->row_writer, 15, window);
  _tally_row_bind_text (ctx->row_writer, 16, breakdown->str, -1);
  _tally_import_bind_text (ctx->row_writer, 17, currency);
  _tally_import_bind_int (ctx->row_writer, 18, spend, has_spend);
  ctx->rows_with_spend += has_spend;
  if ((has_spend || has_value) && !g_hash_table_contains (ctx->currencies, currency))
    g_hash_table_add (ctx->currencies, g_strdup (currency));
  for (guint i = 0; i < G_N_ELEMENTS (counts); i++)
    _tally_import_bind_int (ctx->row_writer, count_params[i], values[i], present[i]);
  _tally_import_bind_int (ctx->row_writer, 26, purchase_value, has_value);
  if (!bind_all_windows (ctx, row, currency))
    return TRUE;

  /* Rows of one file with the same keys are different things Meta named
   * alike (boosted posts, segments of a breakdown Tally does not key on):
   * all are kept and summed. A later import replaces them as a group. */
  return _tally_import_insert_row (ctx, error);
}
