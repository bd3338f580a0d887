/* tally-import-crm.c: one row of a CRM export, of web sessions or of
 * exchange rates, normalized and bound
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
#include "tally-facts-private.h"
#include "tally-import-private.h"
#include "tally-row-writer.h"

/* CRM ---------------------------------------------------------------------- */

/* Stages seen, with how many rows have each: the first 64 of them, with
 * no allocation for a stage already counted. */
static void
count_stage (ImportContext *ctx,
             const char    *stage)
{
  guint *count = g_hash_table_lookup (ctx->stages, stage);

  if (count != NULL)
    (*count)++;
  else if (g_hash_table_size (ctx->stages) < 64)
    {
      count = g_new (guint, 1);
      *count = 1;
      g_hash_table_insert (ctx->stages, g_strdup (stage), count);
    }
}

static char *
first_token (const char *value)
{
  g_auto(GStrv) tokens = NULL;

  if (value == NULL)
    return NULL;
  tokens = g_strsplit_set (value, ";,", 2);
  g_strstrip (tokens[0]);
  return tokens[0][0] != '\0' ? g_strdup (tokens[0]) : NULL;
}

/* A landing URL's query, read as its parameters are asked for: most
 * queries are plain, and read in place; any other is parsed once. */
typedef struct
{
  const char *url;     /* NULL without a query */
  const char *plain;
  GHashTable *params;
  gboolean    parsed;
} UrlQuery;

static void
url_query_clear (UrlQuery *query)
{
  g_clear_pointer (&query->params, g_hash_table_unref);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (UrlQuery, url_query_clear)

/* A URL parameter, copied to live as long as the row. */
static const char *
param (ImportContext *ctx,
       UrlQuery      *query,
       const char    *name)
{
  char *value;

  if (query->url == NULL)
    return NULL;
  if (query->plain != NULL)
    value = tally_url_plain_param (query->plain, name);
  else
    {
      if (!query->parsed)
        query->params = tally_parse_url_params (query->url);
      query->parsed = TRUE;
      value = query->params != NULL ? g_strdup (g_hash_table_lookup (query->params, name)) : NULL;
    }
  if (value != NULL && value[0] == '\0')
    g_clear_pointer (&value, g_free);
  return _tally_import_keep (ctx, value);
}

/* The person's identity: hashed e-mail and phone, as their 32 bytes in
 * @digests until the row is stored; raw only if the project keeps them. */
static void
bind_identity (ImportContext  *ctx,
               ImportRow      *row,
               guint8          digests[2][32],
               TallyCrmValues *v)
{
  char *email = NULL, *phone = NULL;
  gboolean had_country_code = TRUE;

  if (_tally_import_value (row, CRM_EMAIL) != NULL)
    {
      if (tally_hash_email_digest (_tally_import_value (row, CRM_EMAIL), digests[0], ctx->store_raw_pii ? &email : NULL))
        v->sha256[0] = digests[0];
      else
        _tally_import_warn (ctx, row->line, row->columns[CRM_EMAIL],
                            _("values that are not e-mail addresses were left out"));
    }

  if (_tally_import_value (row, CRM_PHONE) != NULL)
    {
      if (!tally_hash_phone_digest (_tally_import_value (row, CRM_PHONE), ctx->default_country_code, digests[1],
                                    ctx->store_raw_pii ? &phone : NULL, &had_country_code))
        _tally_import_warn (ctx, row->line, row->columns[CRM_PHONE],
                            _("values that are not phone numbers were left out"));
      else
        {
          v->sha256[1] = digests[1];
          if (!had_country_code)
            _tally_import_warn (ctx, row->line, row->columns[CRM_PHONE],
                                _("phone numbers without a country code were hashed as they are; set default_country_code so that they match what Meta receives"));
        }
    }

  for (int h = 0; h < 2; h++)
    if (v->sha256[h] != NULL)
      _tally_row_bind_blob (ctx->row_writer, 15 + h, v->sha256[h], 32);
  _tally_import_bind_text (ctx->row_writer, 17, _tally_import_keep (ctx, email));
  _tally_import_bind_text (ctx->row_writer, 18, _tally_import_keep (ctx, phone));
}

/* The landing URL's query; a URL without one has no parameters, which
 * spares parsing it. */
static void
url_query_init (UrlQuery   *query,
                const char *url)
{
  if (url == NULL || strchr (url, '?') == NULL)
    return;
  query->url = url;
  query->plain = tally_url_plain_query (url);
}

/* UTMs from their columns, else from the landing URL; the fbclid likewise,
 * else from the _fbc cookie; HubSpot's source drill-down names the
 * campaign when nothing else does. */
static void
bind_attribution (ImportContext  *ctx,
                  ImportRow      *row,
                  TallyCrmValues *v)
{
  static const int utm_fields[] = { CRM_UTM_SOURCE, CRM_UTM_MEDIUM, CRM_UTM_CAMPAIGN, CRM_UTM_CONTENT, CRM_UTM_TERM };
  static const char * const utm_names[] = { "utm_source", "utm_medium", "utm_campaign", "utm_content", "utm_term" };
  g_auto(UrlQuery) query = { 0 };
  const char *fbclid;
  gint64 id;

  url_query_init (&query, _tally_import_value (row, CRM_LANDING_URL));
  for (guint i = 0; i < G_N_ELEMENTS (utm_fields); i++)
    {
      const char *value = _tally_import_value (row, utm_fields[i]) ?: param (ctx, &query, utm_names[i]);

      if (value == NULL && utm_fields[i] == CRM_UTM_CAMPAIGN)
        value = _tally_import_value (row, CRM_SOURCE_CAMPAIGN);
      id = _tally_import_bind_coded (ctx, 19 + (int) i, value);
      if (i == 0)
        v->utm_source[TOUCH_ORIGINAL] = value, v->utm_source_id[TOUCH_ORIGINAL] = id;
      else if (i == 2)
        v->utm_campaign[TOUCH_ORIGINAL] = value, v->utm_campaign_id[TOUCH_ORIGINAL] = id;
    }
  for (guint i = 0; i < G_N_ELEMENTS (utm_fields); i++)
    {
      const char *value = _tally_import_value (row, CRM_LATEST_UTM_SOURCE + (int) i);

      if (value == NULL && i == 2)
        value = _tally_import_value (row, CRM_LATEST_SOURCE_CAMPAIGN);
      id = _tally_import_bind_coded (ctx, 24 + (int) i, value);
      if (i == 0)
        v->utm_source[TOUCH_LATEST] = value, v->utm_source_id[TOUCH_LATEST] = id;
      else if (i == 2)
        v->utm_campaign[TOUCH_LATEST] = value, v->utm_campaign_id[TOUCH_LATEST] = id;
    }

  fbclid = _tally_import_value (row, CRM_FBCLID) ?: param (ctx, &query, "fbclid");
  if (fbclid == NULL)
    fbclid = _tally_import_keep (ctx, tally_fbclid_from_fbc (_tally_import_value (row, CRM_FBC)));

  v->fbclid = fbclid;
  v->fbc = _tally_import_value (row, CRM_FBC);
  v->crm_source[TOUCH_ORIGINAL] = _tally_import_value (row, CRM_SOURCE);
  v->crm_detail[TOUCH_ORIGINAL] = _tally_import_value (row, CRM_SOURCE_DETAIL);
  v->crm_source[TOUCH_LATEST] = _tally_import_value (row, CRM_LATEST_SOURCE);
  v->crm_detail[TOUCH_LATEST] = _tally_import_value (row, CRM_LATEST_SOURCE_DETAIL);
  _tally_import_bind_coded (ctx, 29, _tally_import_value (row, CRM_LANDING_URL));
  _tally_import_bind_text (ctx->row_writer, 30, fbclid);
  _tally_import_bind_text (ctx->row_writer, 31, v->fbc);
  _tally_import_bind_text (ctx->row_writer, 32, _tally_import_value (row, CRM_FBP));
  v->crm_source_id[TOUCH_ORIGINAL] = _tally_import_bind_coded (ctx, 33, v->crm_source[TOUCH_ORIGINAL]);
  v->crm_detail_id[TOUCH_ORIGINAL] = _tally_import_bind_coded (ctx, 34, v->crm_detail[TOUCH_ORIGINAL]);
  v->crm_source_id[TOUCH_LATEST] = _tally_import_bind_coded (ctx, 35, v->crm_source[TOUCH_LATEST]);
  v->crm_detail_id[TOUCH_LATEST] = _tally_import_bind_coded (ctx, 36, v->crm_detail[TOUCH_LATEST]);
}

/* The record's kind, lower case; NULL (the row rejected) when it is none
 * of lead, deal and order. */
static const char *
read_kind (ImportContext *ctx,
           ImportRow     *row)
{
  const char *kind = _tally_import_trimmed (ctx, row, CRM_KIND);
  const char *lower;
  g_autofree char *reason = NULL;

  if (kind == NULL)
    return ctx->kind != NULL ? ctx->kind : "deal";

  lower = _tally_import_keep (ctx, g_ascii_strdown (kind, -1));
  if (g_str_equal (lower, "lead") || g_str_equal (lower, "deal") || g_str_equal (lower, "order"))
    return lower;

  reason = g_strdup_printf (_("“%s” is not a kind of record: it must be lead, deal or order"), kind);
  _tally_import_reject (ctx, row->line, row->columns[CRM_KIND], reason);
  return NULL;
}

/* The record's own columns, from its values. */
static void
bind_record (ImportContext        *ctx,
             ImportRow            *row,
             TallyCrmValues       *v,
             gboolean              has_refund,
             gboolean              has_term)
{
  _tally_row_bind_int64 (ctx->row_writer, 1, ctx->batch_id);
  _tally_row_bind_int64 (ctx->row_writer, 2, (gint64) row->line);
  _tally_import_bind_coded (ctx, 3, v->origin);
  _tally_import_bind_record_id (ctx, 4, v->record_id);
  _tally_import_bind_coded (ctx, 5, v->kind);
  _tally_import_bind_text (ctx->row_writer, 6, v->contact_id);
  _tally_import_bind_text (ctx->row_writer, 7, v->created);
  _tally_import_bind_text (ctx->row_writer, 8, v->won);
  v->stage_id = _tally_import_bind_coded (ctx, 9, v->stage);
  _tally_import_bind_int (ctx->row_writer, 10, v->amount, v->has_amount);
  v->currency_id = _tally_import_bind_coded (ctx, 11, v->currency);
  _tally_import_bind_int (ctx->row_writer, 12, v->refund, has_refund);
  _tally_import_bind_text (ctx->row_writer, 13, v->refunded);
  _tally_import_bind_int (ctx->row_writer, 14, v->term_months, has_term);
}

/* Stores the bound record unless the file had its id already; the facts
 * take it as it is stored. */
static gboolean
store_record (ImportContext        *ctx,
              ImportRow            *row,
              const TallyCrmValues *values,
              GError              **error)
{
  gboolean ok;

  g_string_assign (ctx->identity, ctx->origin);
  g_string_append_c (ctx->identity, '\x1f');
  g_string_append (ctx->identity, values->record_id);
  ctx->crm_values = values;
  ok = _tally_import_insert_unless_duplicate (ctx, row, ctx->identity->str, ctx->identity->len, error);
  ctx->crm_values = NULL;
  return ok;
}

gboolean
_tally_import_crm_row (ImportContext  *ctx,
                       ImportRow      *row,
                       GError        **error)
{
  TallyCrmValues v = { 0 };
  const char *contact, *column_currency, *currency;
  gint64 refund = 0, term = 0;
  gboolean has_refund, has_term;
  guint8 digests[2][32];

  v.origin = ctx->origin;
  v.record_id = _tally_import_trimmed (ctx, row, CRM_RECORD_ID);
  if (v.record_id == NULL)
    {
      _tally_import_reject (ctx, row->line, row->columns[CRM_RECORD_ID], _("the row has no record id"));
      return TRUE;
    }

  if ((v.kind = read_kind (ctx, row)) == NULL ||
      !_tally_import_read_time (ctx, row, CRM_CREATED_AT, &v.created) || !_tally_import_read_time (ctx, row, CRM_WON_AT, &v.won) ||
      !_tally_import_read_time (ctx, row, CRM_REFUNDED_AT, &v.refunded) ||
      !_tally_import_read_currency (ctx, row, CRM_CURRENCY, &column_currency) ||
      !_tally_import_check_id (ctx, row, CRM_RECORD_ID))
    return TRUE;

  currency = column_currency != NULL ? column_currency : ctx->crm_currency;
  if (!_tally_import_read_money (ctx, row, CRM_AMOUNT, currency, &v.amount, &v.has_amount) ||
      !_tally_import_read_money (ctx, row, CRM_REFUNDED_AMOUNT, currency, &refund, &has_refund) ||
      !_tally_import_read_count (ctx, row, CRM_TERM_MONTHS, &term, &has_term))
    return TRUE;

  if (has_term && term > 600)
    {
      _tally_import_reject (ctx, row->line, row->columns[CRM_TERM_MONTHS], _("a term of more than 600 months is not plausible"));
      return TRUE;
    }

  /* Amounts that were not there are 0 and have no currency, as SQL reads
   * them back. */
  v.amount = v.has_amount ? v.amount : 0;
  v.refund = has_refund ? refund : 0;
  v.term_months = has_term ? (gint) term : 0;
  v.currency = v.has_amount || has_refund ? currency : NULL;

  /* People are qualified by the system their id belongs to. */
  contact = ctx->record_is_contact ? v.record_id : _tally_import_keep (ctx, first_token (_tally_import_value (row, CRM_CONTACT_ID)));
  if (contact != NULL)
    v.contact_id = _tally_import_keep (ctx, g_strconcat (ctx->contact_origin, ":", contact, NULL));
  v.stage = _tally_import_trimmed (ctx, row, CRM_STAGE);
  if (v.stage != NULL)
    count_stage (ctx, v.stage);

  bind_record (ctx, row, &v, has_refund, has_term);
  bind_identity (ctx, row, digests, &v);
  bind_attribution (ctx, row, &v);
  return store_record (ctx, row, &v, error);
}

/* Sessions ----------------------------------------------------------------- */

gboolean
_tally_import_sessions_row (ImportContext  *ctx,
              ImportRow      *row,
              GError        **error)
{
  const char *day = NULL, *source, *medium, *campaign;
  g_autoptr(GString) identity = g_string_new (NULL);
  gint64 sessions = 0, engaged = 0;
  gboolean has_sessions, has_engaged;

  if (!_tally_import_read_day (ctx, row, SESSIONS_DAY, &day) ||
      !_tally_import_read_count (ctx, row, SESSIONS_SESSIONS, &sessions, &has_sessions) ||
      !_tally_import_read_count (ctx, row, SESSIONS_ENGAGED, &engaged, &has_engaged))
    return TRUE;

  if (day == NULL || !has_sessions)
    {
      _tally_import_reject (ctx, row->line, NULL, _("the row needs a date and a number of sessions"));
      return TRUE;
    }

  source = _tally_import_trimmed (ctx, row, SESSIONS_SOURCE);
  medium = _tally_import_trimmed (ctx, row, SESSIONS_MEDIUM);
  if (source == NULL && _tally_import_value (row, SESSIONS_SOURCE_MEDIUM) != NULL)
    {
      g_auto(GStrv) parts = g_strsplit (_tally_import_value (row, SESSIONS_SOURCE_MEDIUM), "/", 2);

      source = _tally_import_keep (ctx, g_strstrip (g_strdup (parts[0])));
      if (medium == NULL && parts[1] != NULL)
        medium = _tally_import_keep (ctx, g_strstrip (g_strdup (parts[1])));
    }
  campaign = _tally_import_trimmed (ctx, row, SESSIONS_CAMPAIGN);

  _tally_row_bind_int64 (ctx->row_writer, 1, ctx->batch_id);
  _tally_row_bind_int64 (ctx->row_writer, 2, (gint64) row->line);
  _tally_row_bind_text (ctx->row_writer, 3, day, -1);
  _tally_row_bind_text (ctx->row_writer, 4, source != NULL ? source : "", -1);
  _tally_row_bind_text (ctx->row_writer, 5, medium != NULL ? medium : "", -1);
  _tally_row_bind_text (ctx->row_writer, 6, campaign != NULL ? campaign : "", -1);
  _tally_row_bind_int64 (ctx->row_writer, 7, sessions);
  _tally_import_bind_int (ctx->row_writer, 8, engaged, has_engaged);

  g_string_append_printf (identity, "%s\x1f%s\x1f%s\x1f%s", day, source ?: "", medium ?: "", campaign ?: "");
  return _tally_import_insert_unless_duplicate (ctx, row, identity->str, identity->len, error);
}

/* Exchange rates ----------------------------------------------------------- */

gboolean
_tally_import_fx_row (ImportContext  *ctx,
        ImportRow      *row,
        GError        **error)
{
  const char *day = NULL;
  g_autoptr(GString) identity = g_string_new (NULL);
  const char *currency, *base;
  TallyNumber number;
  double rate;

  if (!_tally_import_read_day (ctx, row, FX_DAY, &day) || !_tally_import_read_currency (ctx, row, FX_CURRENCY, &currency) ||
      !_tally_import_read_currency (ctx, row, FX_BASE, &base))
    return TRUE;

  if (day == NULL || currency == NULL || _tally_import_value (row, FX_RATE) == NULL)
    {
      _tally_import_reject (ctx, row->line, NULL, _("the row needs a date, a currency and a rate"));
      return TRUE;
    }

  if (!tally_number_parse (_tally_import_value (row, FX_RATE), _tally_import_decimal_for (ctx, row, FX_RATE), &number) ||
      number.negative || (rate = tally_number_to_double (&number)) <= 0)
    {
      g_autofree char *reason = number.negative
        ? g_strdup_printf (_("“%s” is negative, and a rate cannot be"), _tally_import_value (row, FX_RATE))
        : g_strdup_printf (_("“%s” is not a positive rate"), _tally_import_value (row, FX_RATE));

      _tally_import_reject (ctx, row->line, row->columns[FX_RATE], reason);
      return TRUE;
    }

  if (base == NULL)
    base = "EUR";

  _tally_row_bind_int64 (ctx->row_writer, 1, ctx->batch_id);
  _tally_row_bind_int64 (ctx->row_writer, 2, (gint64) row->line);
  _tally_row_bind_text (ctx->row_writer, 3, day, -1);
  _tally_row_bind_text (ctx->row_writer, 4, base, -1);
  _tally_row_bind_text (ctx->row_writer, 5, currency, -1);
  _tally_row_bind_double (ctx->row_writer, 6, rate);

  g_string_append_printf (identity, "%s\x1f%s\x1f%s", day, base, currency);
  return _tally_import_insert_unless_duplicate (ctx, row, identity->str, identity->len, error);
}
