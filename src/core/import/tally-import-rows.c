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

/* Identities seen in this file --------------------------------------------- */

/* 64-bit hashes of the row identities seen so far, with their lines: an
 * open-addressing table, because a million CRM ids would cost several
 * times the memory as strings in a GHashTable. A hash match is confirmed
 * in SQL before a row is called a duplicate. */
struct _IdentitySet
{
  guint64 *keys;
  guint64 *lines;
  gsize    capacity;
  gsize    size;
};

static IdentitySet *
identity_set_new (void)
{
  IdentitySet *set = g_new0 (IdentitySet, 1);

  set->capacity = 1024;
  set->keys = g_new0 (guint64, set->capacity);
  set->lines = g_new0 (guint64, set->capacity);
  return set;
}

static void
identity_set_free (IdentitySet *set)
{
  if (set == NULL)
    return;
  g_free (set->keys);
  g_free (set->lines);
  g_free (set);
}

static guint64
hash_identity (const char *text,
               gsize       length)
{
  guint64 hash = 14695981039346656037ull;

  for (gsize i = 0; i < length; i++)
    {
      hash ^= (guchar) text[i];
      hash *= 1099511628211ull;
    }

  return hash != 0 ? hash : 1;
}

static void identity_set_grow (IdentitySet *set);

/* Adds @key; when it is there already, returns FALSE with its line. */
static gboolean
identity_set_add (IdentitySet *set,
                  guint64      key,
                  guint64      line,
                  guint64     *existing)
{
  gsize mask = set->capacity - 1;
  gsize i = key & mask;

  while (set->keys[i] != 0)
    {
      if (set->keys[i] == key)
        {
          *existing = set->lines[i];
          return FALSE;
        }
      i = (i + 1) & mask;
    }

  set->keys[i] = key;
  set->lines[i] = line;
  if (++set->size * 2 > set->capacity)
    identity_set_grow (set);
  return TRUE;
}

static void
identity_set_grow (IdentitySet *set)
{
  guint64 *keys = set->keys, *lines = set->lines;
  gsize old = set->capacity;
  guint64 unused;

  set->capacity *= 2;
  set->keys = g_new0 (guint64, set->capacity);
  set->lines = g_new0 (guint64, set->capacity);
  set->size = 0;
  for (gsize i = 0; i < old; i++)
    if (keys[i] != 0)
      identity_set_add (set, keys[i], lines[i], &unused);
  g_free (keys);
  g_free (lines);
}

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
static const char *
keep (ImportContext *ctx,
      char          *text)
{
  if (text != NULL)
    g_ptr_array_add (ctx->row_strings, text);
  return text;
}

static const char *
value_of (ImportRow *row,
          int        field)
{
  const char *value = row->values[field];

  return value != NULL && value[0] != '\0' ? value : NULL;
}

/* The value without surrounding spaces; NULL when that leaves nothing. */
static const char *
trimmed (ImportContext *ctx,
         ImportRow     *row,
         int            field)
{
  const char *value = value_of (row, field);
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
  return keep (ctx, g_strndup (value, end - value));
}

static TallyDecimal
decimal_for (ImportContext *ctx,
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
static gboolean
number_problem (const char    *value,
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
static gboolean
read_count (ImportContext *ctx,
            ImportRow     *row,
            int            field,
            gint64        *out,
            gboolean      *present)
{
  const char *value = value_of (row, field);
  g_autofree char *reason = NULL;
  TallyNumber number;

  *present = FALSE;
  if (value == NULL)
    return TRUE;
  if (is_ambiguous_number (ctx, row, field, value))
    return FALSE;

  if (tally_number_parse (value, decimal_for (ctx, row, field), &number) &&
      !number.negative && tally_number_to_integer (&number, out))
    {
      *present = TRUE;
      return TRUE;
    }

  if (number_problem (value, decimal_for (ctx, row, field), &number, &reason))
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
static gboolean
read_money (ImportContext *ctx,
            ImportRow     *row,
            int            field,
            const char    *currency,
            gint64        *out,
            gboolean      *present)
{
  const char *value = value_of (row, field);
  g_autofree char *reason = NULL;
  TallyNumber number;
  gboolean rounded;

  *present = FALSE;
  if (value == NULL)
    return TRUE;
  if (is_ambiguous_number (ctx, row, field, value))
    return FALSE;

  if (!tally_number_parse (value, decimal_for (ctx, row, field), &number) || number.negative ||
      !tally_number_to_minor (&number, tally_currency_minor_unit (currency), out, &rounded))
    {
      if (!number_problem (value, decimal_for (ctx, row, field), &number, &reason))
        reason = g_strdup_printf (_("“%s” is not an amount written with a %s, as the rest of the file is"),
                                  value, decimal_name (decimal_for (ctx, row, field)));
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
  const char *value = value_of (row, field);
  g_autofree char *reason = NULL;
  TallyTimeKind kind;

  *out = NULL;
  if (value == NULL)
    return TRUE;

  *out = keep (ctx, with_time ? tally_parse_timestamp (value, ctx->date_order, &kind)
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

static gboolean
read_day (ImportContext  *ctx,
          ImportRow      *row,
          int             field,
          const char    **out)
{
  return read_moment (ctx, row, field, FALSE, out);
}

static gboolean
read_time (ImportContext  *ctx,
           ImportRow      *row,
           int             field,
           const char    **out)
{
  return read_moment (ctx, row, field, TRUE, out);
}

/* An ISO 4217 code from a column; NULL (no rejection) when empty. */
static gboolean
read_currency (ImportContext  *ctx,
               ImportRow      *row,
               int             field,
               const char    **out)
{
  const char *value = trimmed (ctx, row, field);
  g_autofree char *reason = NULL;
  const TallyCurrency *currency;

  *out = NULL;
  if (value == NULL)
    return TRUE;

  currency = tally_currency_lookup (value);
  if (currency != NULL)
    {
      *out = currency->code;
      return TRUE;
    }

  reason = g_strdup_printf (_("“%s” is not an ISO 4217 currency code such as MXN or USD"), value);
  _tally_import_reject (ctx, row->line, row->columns[field], reason);
  return FALSE;
}

/* An ID a spreadsheet turned into 1.20253E+17 has lost its digits. */
static gboolean
check_id (ImportContext *ctx,
          ImportRow     *row,
          int            field)
{
  const char *value = value_of (row, field);
  g_autofree char *reason = NULL;

  if (value == NULL || (!strchr (value, 'E') && !strchr (value, 'e')) ||
      strspn (value, "0123456789.,Ee+- ") != strlen (value))
    return TRUE;

  reason = g_strdup_printf (_("the ID “%s” was rounded by a spreadsheet; export the file again and keep IDs as text"),
                            value);
  _tally_import_reject (ctx, row->line, row->columns[field], reason);
  return FALSE;
}

/* Binding ------------------------------------------------------------------ */

/* Every text bound lives until the row is stored: it points into the
 * reader's row or into keep()'s strings. */
static void
bind_text (sqlite3_stmt *stmt,
           int           index,
           const char   *text)
{
  /* Parameters are NULL until bound: they are cleared after every row. */
  if (text != NULL && text[0] != '\0')
    sqlite3_bind_text (stmt, index, text, -1, SQLITE_STATIC);
}

static void
bind_int (sqlite3_stmt *stmt,
          int           index,
          gint64        value,
          gboolean      present)
{
  if (present)
    sqlite3_bind_int64 (stmt, index, value);
}

/* Stores the bound row. */
static gboolean
insert_row (ImportContext  *ctx,
            GError        **error)
{
  if (!_tally_store_step_done (ctx->store, ctx->insert, error))
    return FALSE;

  sqlite3_reset (ctx->insert);
  ctx->last_row_id = sqlite3_last_insert_rowid (_tally_store_get_db (ctx->store));
  if (ctx->first_row_id == 0)
    ctx->first_row_id = ctx->last_row_id;
  ctx->result->rows_added++;
  return TRUE;
}

/* Stores the bound row unless the file had it already: the first line
 * wins, and a later one with the same identity is rejected. */
static gboolean
insert_unless_duplicate (ImportContext  *ctx,
                         ImportRow      *row,
                         const char     *identity,
                         gsize           identity_length,
                         GError        **error)
{
  guint64 existing = 0;

  if (!identity_set_add (ctx->seen, hash_identity (identity, identity_length), row->line, &existing))
    {
      g_autofree char *reason = NULL;
      int rc;

      /* Confirm the match: a 64-bit hash may, very rarely, collide. */
      sqlite3_reset (ctx->find_duplicate);
      sqlite3_bind_int64 (ctx->find_duplicate, 1, ctx->batch_id);
      sqlite3_bind_text (ctx->find_duplicate, 2, identity, (int) identity_length, SQLITE_TRANSIENT);
      rc = sqlite3_step (ctx->find_duplicate);
      if (rc == SQLITE_ROW)
        {
          existing = (guint64) sqlite3_column_int64 (ctx->find_duplicate, 0);
          /* Translators: "this row repeats line 4" (or "row 4" of a workbook) */
          reason = g_strdup_printf (_("this row repeats %s %" G_GUINT64_FORMAT ", which it would replace"),
                                    ctx->result->line_word, existing);
          _tally_import_reject (ctx, row->line, NULL, reason);
          sqlite3_reset (ctx->insert);
          return TRUE;
        }
      if (rc != SQLITE_DONE)
        {
          _tally_store_set_error (ctx->store, rc, error);
          return FALSE;
        }
    }

  return insert_row (ctx, error);
}

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
    if (value_of (row, entities[i]) != NULL)
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

  if (value_of (row, META_SPEND) != NULL || value_of (row, META_PURCHASE_VALUE) != NULL)
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
          sqlite3_bind_null (ctx->insert, first + (int) w);
          continue;
        }

      if (!tally_number_parse (values[w], TALLY_DECIMAL_POINT, &number) || number.negative ||
          !tally_number_to_minor (&number, decimals, &value, &rounded))
        {
          g_autofree char *reason = NULL;

          if (!number_problem (values[w], TALLY_DECIMAL_POINT, &number, &reason))
            reason = g_strdup_printf (_("“%s” is not a number"), values[w]);

          _tally_import_reject (ctx, row->line, money ? "action_values" : "actions", reason);
          return FALSE;
        }
      sqlite3_bind_int64 (ctx->insert, first + (int) w, value);
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

static gboolean
meta_row (ImportContext  *ctx,
          ImportRow      *row,
          GError        **error)
{
  static const int counts[] = {
    META_IMPRESSIONS, META_REACH, META_ALL_CLICKS, META_LINK_CLICKS, META_LANDING_PAGE_VIEWS,
    META_LEADS, META_PURCHASES,
  };
  static const int count_params[] = { 19, 20, 21, 22, 23, 24, 25 };
  const TallyFieldSpec *fields;
  const char *start = NULL, *end = NULL, *window;
  g_autoptr(GString) identity = g_string_new (NULL);
  g_autoptr(GString) breakdown = g_string_new (NULL);
  const char *column_currency, *currency;
  gint64 values[G_N_ELEMENTS (counts)];
  gboolean present[G_N_ELEMENTS (counts)];
  gint64 spend = 0, purchase_value = 0, results = 0;
  gboolean has_spend, has_value, has_results;
  int result_field;
  guint n_fields;

  fields = tally_fields_get (TALLY_TARGET_META, &n_fields);

  /* Ads Manager's optional summary row carries no campaign, ad set or ad;
   * an insights response of one object names none either, and is kept. */
  if (ctx->mapping != NULL && is_summary_row (row))
    {
      ctx->result->rows_ignored++;
      return TRUE;
    }

  /* A day, or a range of days. */
  if (value_of (row, META_DAY) != NULL)
    {
      if (!read_day (ctx, row, META_DAY, &start))
        return TRUE;
      end = start;
    }
  else
    {
      if (!read_day (ctx, row, META_DATE_START, &start) || !read_day (ctx, row, META_DATE_END, &end))
        return TRUE;
      if (start == NULL)
        {
          if (ctx->mapping == NULL)
            _tally_import_reject (ctx, row->line, NULL, _("the entry has no day: its “date_start” is missing"));
          else
            _tally_import_reject (ctx, row->line, NULL, _("the row has no day: neither “Day” nor “Reporting starts” is filled in"));
          return TRUE;
        }
      if (end == NULL)
        end = start;
      if (strcmp (end, start) < 0)
        {
          _tally_import_reject (ctx, row->line, row->columns[META_DATE_END], _("the reporting period ends before it starts"));
          return TRUE;
        }
    }

  if (!check_id (ctx, row, META_ACCOUNT_ID) || !check_id (ctx, row, META_CAMPAIGN_ID) ||
      !check_id (ctx, row, META_ADSET_ID) || !check_id (ctx, row, META_AD_ID) ||
      !read_currency (ctx, row, META_CURRENCY, &column_currency))
    return TRUE;
  currency = meta_currency (ctx, row, column_currency);

  for (guint i = 0; i < G_N_ELEMENTS (counts); i++)
    if (!read_count (ctx, row, counts[i], &values[i], &present[i]))
      return TRUE;
  if (!read_money (ctx, row, META_SPEND, currency, &spend, &has_spend) ||
      !read_money (ctx, row, META_PURCHASE_VALUE, currency, &purchase_value, &has_value) ||
      !read_count (ctx, row, META_RESULTS, &results, &has_results))
    return TRUE;

  /* Results stand for the metric their indicator names when the export
   * has no column of its own for it. */
  result_field = field_for_result (value_of (row, META_RESULT_INDICATOR));
  for (guint i = 0; has_results && result_field >= 0 && i < G_N_ELEMENTS (counts); i++)
    if (counts[i] == result_field && !present[i])
      {
        values[i] = results;
        present[i] = TRUE;
      }

  for (int f = 0; f < (int) n_fields; f++)
    if (fields[f].breakdown && value_of (row, f) != NULL)
      g_string_append_printf (breakdown, "%s%s=%s", breakdown->len > 0 ? ";" : "", fields[f].name, value_of (row, f));

  window = attribution_code (ctx, value_of (row, META_ATTRIBUTION_SETTING));

  append_identity (identity, value_of (row, META_ACCOUNT_ID));
  append_identity (identity, start);
  append_identity (identity, end);
  append_identity (identity, value_of (row, META_CAMPAIGN_ID) ?: value_of (row, META_CAMPAIGN_NAME));
  append_identity (identity, value_of (row, META_ADSET_ID) ?: value_of (row, META_ADSET_NAME));
  append_identity (identity, value_of (row, META_AD_ID) ?: value_of (row, META_AD_NAME));
  append_identity (identity, value_of (row, META_ATTRIBUTION_SETTING));
  append_identity (identity, breakdown->str);

  sqlite3_bind_int64 (ctx->insert, 1, ctx->batch_id);
  sqlite3_bind_int64 (ctx->insert, 2, (gint64) row->line);
  sqlite3_bind_text (ctx->insert, 3, identity->str, (int) identity->len, SQLITE_STATIC);
  bind_text (ctx->insert, 4, start);
  bind_text (ctx->insert, 5, end);
  bind_text (ctx->insert, 6, value_of (row, META_ACCOUNT_ID));
  bind_text (ctx->insert, 7, value_of (row, META_ACCOUNT_NAME));
  bind_text (ctx->insert, 8, value_of (row, META_CAMPAIGN_ID));
  bind_text (ctx->insert, 9, value_of (row, META_CAMPAIGN_NAME));
  bind_text (ctx->insert, 10, value_of (row, META_ADSET_ID));
  bind_text (ctx->insert, 11, value_of (row, META_ADSET_NAME));
  bind_text (ctx->insert, 12, value_of (row, META_AD_ID));
  bind_text (ctx->insert, 13, value_of (row, META_AD_NAME));
  bind_text (ctx->insert, 14, value_of (row, META_ATTRIBUTION_SETTING));
  bind_text (ctx->insert, 15, window);
  sqlite3_bind_text (ctx->insert, 16, breakdown->str, -1, SQLITE_STATIC);
  bind_text (ctx->insert, 17, currency);
  bind_int (ctx->insert, 18, spend, has_spend);
  ctx->rows_with_spend += has_spend;
  if ((has_spend || has_value) && !g_hash_table_contains (ctx->currencies, currency))
    g_hash_table_add (ctx->currencies, g_strdup (currency));
  for (guint i = 0; i < G_N_ELEMENTS (counts); i++)
    bind_int (ctx->insert, count_params[i], values[i], present[i]);
  bind_int (ctx->insert, 26, purchase_value, has_value);

  if (!bind_windows (ctx, row, row->purchases_window, FALSE, currency, 27) ||
      !bind_windows (ctx, row, row->value_window, TRUE, currency, 31) ||
      !bind_windows (ctx, row, row->leads_window, FALSE, currency, 35))
    {
      sqlite3_clear_bindings (ctx->insert);
      return TRUE;
    }

  /* Rows of one file with the same keys are different things Meta named
   * alike (boosted posts, segments of a breakdown Tally does not key on):
   * all are kept and summed. A later import replaces them as a group. */
  return insert_row (ctx, error);
}

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

/* A URL parameter, copied to live as long as the row. */
static const char *
param (ImportContext *ctx,
       GHashTable    *params,
       const char    *name)
{
  const char *value = params != NULL ? g_hash_table_lookup (params, name) : NULL;

  return value != NULL && value[0] != '\0' ? keep (ctx, g_strdup (value)) : NULL;
}

/* The person's identity: hashed e-mail and phone, raw only if the project
 * keeps them. */
static void
bind_identity (ImportContext *ctx,
               ImportRow     *row)
{
  char *email = NULL, *email_hash = NULL, *phone = NULL, *phone_hash = NULL;
  gboolean had_country_code = TRUE;

  if (value_of (row, CRM_EMAIL) != NULL)
    {
      email_hash = tally_hash_email (value_of (row, CRM_EMAIL), ctx->store_raw_pii ? &email : NULL);
      if (email_hash == NULL)
        _tally_import_warn (ctx, row->line, row->columns[CRM_EMAIL],
                            _("values that are not e-mail addresses were left out"));
    }

  if (value_of (row, CRM_PHONE) != NULL)
    {
      phone_hash = tally_hash_phone (value_of (row, CRM_PHONE), ctx->default_country_code,
                                     ctx->store_raw_pii ? &phone : NULL, &had_country_code);
      if (phone_hash == NULL)
        _tally_import_warn (ctx, row->line, row->columns[CRM_PHONE],
                            _("values that are not phone numbers were left out"));
      else if (!had_country_code)
        _tally_import_warn (ctx, row->line, row->columns[CRM_PHONE],
                            _("phone numbers without a country code were hashed as they are; set default_country_code so that they match what Meta receives"));
    }

  bind_text (ctx->insert, 15, keep (ctx, email_hash));
  bind_text (ctx->insert, 16, keep (ctx, phone_hash));
  bind_text (ctx->insert, 17, keep (ctx, email));
  bind_text (ctx->insert, 18, keep (ctx, phone));
}

/* UTMs from their columns, else from the landing URL; the fbclid likewise,
 * else from the _fbc cookie; HubSpot's source drill-down names the
 * campaign when nothing else does. */
static void
bind_attribution (ImportContext *ctx,
                  ImportRow     *row)
{
  static const int utm_fields[] = { CRM_UTM_SOURCE, CRM_UTM_MEDIUM, CRM_UTM_CAMPAIGN, CRM_UTM_CONTENT, CRM_UTM_TERM };
  static const char * const utm_names[] = { "utm_source", "utm_medium", "utm_campaign", "utm_content", "utm_term" };
  g_autoptr(GHashTable) params = tally_parse_url_params (value_of (row, CRM_LANDING_URL));
  const char *fbclid;

  for (guint i = 0; i < G_N_ELEMENTS (utm_fields); i++)
    {
      const char *value = value_of (row, utm_fields[i]) ?: param (ctx, params, utm_names[i]);

      if (value == NULL && utm_fields[i] == CRM_UTM_CAMPAIGN)
        value = value_of (row, CRM_SOURCE_CAMPAIGN);
      bind_text (ctx->insert, 19 + (int) i, value);
    }
  for (guint i = 0; i < G_N_ELEMENTS (utm_fields); i++)
    {
      const char *value = value_of (row, CRM_LATEST_UTM_SOURCE + (int) i);

      if (value == NULL && i == 2)
        value = value_of (row, CRM_LATEST_SOURCE_CAMPAIGN);
      bind_text (ctx->insert, 24 + (int) i, value);
    }

  fbclid = value_of (row, CRM_FBCLID) ?: param (ctx, params, "fbclid");
  if (fbclid == NULL)
    fbclid = keep (ctx, tally_fbclid_from_fbc (value_of (row, CRM_FBC)));

  bind_text (ctx->insert, 29, value_of (row, CRM_LANDING_URL));
  bind_text (ctx->insert, 30, fbclid);
  bind_text (ctx->insert, 31, value_of (row, CRM_FBC));
  bind_text (ctx->insert, 32, value_of (row, CRM_FBP));
  bind_text (ctx->insert, 33, value_of (row, CRM_SOURCE));
  bind_text (ctx->insert, 34, value_of (row, CRM_SOURCE_DETAIL));
  bind_text (ctx->insert, 35, value_of (row, CRM_LATEST_SOURCE));
  bind_text (ctx->insert, 36, value_of (row, CRM_LATEST_SOURCE_DETAIL));
}

static gboolean
crm_row (ImportContext  *ctx,
         ImportRow      *row,
         GError        **error)
{
  const char *record_id = trimmed (ctx, row, CRM_RECORD_ID);
  const char *contact = NULL, *contact_id = NULL, *kind, *stage;
  const char *created = NULL, *won = NULL, *refunded = NULL;
  g_autoptr(GString) identity = NULL;
  const char *column_currency, *currency;
  gint64 amount = 0, refund = 0, term = 0;
  gboolean has_amount, has_refund, has_term;

  if (record_id == NULL)
    {
      _tally_import_reject (ctx, row->line, row->columns[CRM_RECORD_ID], _("the row has no record id"));
      return TRUE;
    }

  kind = trimmed (ctx, row, CRM_KIND);
  if (kind != NULL)
    {
      const char *lower = keep (ctx, g_ascii_strdown (kind, -1));

      if (!g_str_equal (lower, "lead") && !g_str_equal (lower, "deal") && !g_str_equal (lower, "order"))
        {
          g_autofree char *reason = g_strdup_printf (_("“%s” is not a kind of record: it must be lead, deal or order"), kind);

          _tally_import_reject (ctx, row->line, row->columns[CRM_KIND], reason);
          return TRUE;
        }
      kind = lower;
    }
  else
    kind = ctx->kind != NULL ? ctx->kind : "deal";

  if (!read_time (ctx, row, CRM_CREATED_AT, &created) || !read_time (ctx, row, CRM_WON_AT, &won) ||
      !read_time (ctx, row, CRM_REFUNDED_AT, &refunded) ||
      !read_currency (ctx, row, CRM_CURRENCY, &column_currency) ||
      !check_id (ctx, row, CRM_RECORD_ID))
    return TRUE;

  currency = column_currency != NULL ? column_currency : ctx->crm_currency;
  if (!read_money (ctx, row, CRM_AMOUNT, currency, &amount, &has_amount) ||
      !read_money (ctx, row, CRM_REFUNDED_AMOUNT, currency, &refund, &has_refund) ||
      !read_count (ctx, row, CRM_TERM_MONTHS, &term, &has_term))
    return TRUE;

  if (has_term && term > 600)
    {
      _tally_import_reject (ctx, row->line, row->columns[CRM_TERM_MONTHS], _("a term of more than 600 months is not plausible"));
      return TRUE;
    }

  /* People are qualified by the system their id belongs to. */
  contact = ctx->record_is_contact ? record_id : keep (ctx, first_token (value_of (row, CRM_CONTACT_ID)));
  if (contact != NULL)
    contact_id = keep (ctx, g_strconcat (ctx->contact_origin, ":", contact, NULL));
  stage = trimmed (ctx, row, CRM_STAGE);
  if (stage != NULL)
    count_stage (ctx, stage);

  sqlite3_bind_int64 (ctx->insert, 1, ctx->batch_id);
  sqlite3_bind_int64 (ctx->insert, 2, (gint64) row->line);
  bind_text (ctx->insert, 3, ctx->origin);
  bind_text (ctx->insert, 4, record_id);
  bind_text (ctx->insert, 5, kind);
  bind_text (ctx->insert, 6, contact_id);
  bind_text (ctx->insert, 7, created);
  bind_text (ctx->insert, 8, won);
  bind_text (ctx->insert, 9, stage);
  bind_int (ctx->insert, 10, amount, has_amount);
  bind_text (ctx->insert, 11, has_amount || has_refund ? currency : NULL);
  bind_int (ctx->insert, 12, refund, has_refund);
  bind_text (ctx->insert, 13, refunded);
  bind_int (ctx->insert, 14, term, has_term);
  bind_identity (ctx, row);
  bind_attribution (ctx, row);

  identity = g_string_new (ctx->origin);
  g_string_append_c (identity, '\x1f');
  g_string_append (identity, record_id);
  return insert_unless_duplicate (ctx, row, identity->str, identity->len, error);
}

/* Sessions ----------------------------------------------------------------- */

static gboolean
sessions_row (ImportContext  *ctx,
              ImportRow      *row,
              GError        **error)
{
  const char *day = NULL, *source, *medium, *campaign;
  g_autoptr(GString) identity = g_string_new (NULL);
  gint64 sessions = 0, engaged = 0;
  gboolean has_sessions, has_engaged;

  if (!read_day (ctx, row, SESSIONS_DAY, &day) ||
      !read_count (ctx, row, SESSIONS_SESSIONS, &sessions, &has_sessions) ||
      !read_count (ctx, row, SESSIONS_ENGAGED, &engaged, &has_engaged))
    return TRUE;

  if (day == NULL || !has_sessions)
    {
      _tally_import_reject (ctx, row->line, NULL, _("the row needs a date and a number of sessions"));
      return TRUE;
    }

  source = trimmed (ctx, row, SESSIONS_SOURCE);
  medium = trimmed (ctx, row, SESSIONS_MEDIUM);
  if (source == NULL && value_of (row, SESSIONS_SOURCE_MEDIUM) != NULL)
    {
      g_auto(GStrv) parts = g_strsplit (value_of (row, SESSIONS_SOURCE_MEDIUM), "/", 2);

      source = keep (ctx, g_strstrip (g_strdup (parts[0])));
      if (medium == NULL && parts[1] != NULL)
        medium = keep (ctx, g_strstrip (g_strdup (parts[1])));
    }
  campaign = trimmed (ctx, row, SESSIONS_CAMPAIGN);

  sqlite3_bind_int64 (ctx->insert, 1, ctx->batch_id);
  sqlite3_bind_int64 (ctx->insert, 2, (gint64) row->line);
  sqlite3_bind_text (ctx->insert, 3, day, -1, SQLITE_STATIC);
  sqlite3_bind_text (ctx->insert, 4, source != NULL ? source : "", -1, SQLITE_STATIC);
  sqlite3_bind_text (ctx->insert, 5, medium != NULL ? medium : "", -1, SQLITE_STATIC);
  sqlite3_bind_text (ctx->insert, 6, campaign != NULL ? campaign : "", -1, SQLITE_STATIC);
  sqlite3_bind_int64 (ctx->insert, 7, sessions);
  bind_int (ctx->insert, 8, engaged, has_engaged);

  g_string_append_printf (identity, "%s\x1f%s\x1f%s\x1f%s", day, source ?: "", medium ?: "", campaign ?: "");
  return insert_unless_duplicate (ctx, row, identity->str, identity->len, error);
}

/* Exchange rates ----------------------------------------------------------- */

static gboolean
fx_row (ImportContext  *ctx,
        ImportRow      *row,
        GError        **error)
{
  const char *day = NULL;
  g_autoptr(GString) identity = g_string_new (NULL);
  const char *currency, *base;
  TallyNumber number;
  double rate;

  if (!read_day (ctx, row, FX_DAY, &day) || !read_currency (ctx, row, FX_CURRENCY, &currency) ||
      !read_currency (ctx, row, FX_BASE, &base))
    return TRUE;

  if (day == NULL || currency == NULL || value_of (row, FX_RATE) == NULL)
    {
      _tally_import_reject (ctx, row->line, NULL, _("the row needs a date, a currency and a rate"));
      return TRUE;
    }

  if (!tally_number_parse (value_of (row, FX_RATE), decimal_for (ctx, row, FX_RATE), &number) ||
      number.negative || (rate = tally_number_to_double (&number)) <= 0)
    {
      g_autofree char *reason = number.negative
        ? g_strdup_printf (_("“%s” is negative, and a rate cannot be"), value_of (row, FX_RATE))
        : g_strdup_printf (_("“%s” is not a positive rate"), value_of (row, FX_RATE));

      _tally_import_reject (ctx, row->line, row->columns[FX_RATE], reason);
      return TRUE;
    }

  if (base == NULL)
    base = "EUR";

  sqlite3_bind_int64 (ctx->insert, 1, ctx->batch_id);
  sqlite3_bind_int64 (ctx->insert, 2, (gint64) row->line);
  sqlite3_bind_text (ctx->insert, 3, day, -1, SQLITE_STATIC);
  sqlite3_bind_text (ctx->insert, 4, base, -1, SQLITE_STATIC);
  sqlite3_bind_text (ctx->insert, 5, currency, -1, SQLITE_STATIC);
  sqlite3_bind_double (ctx->insert, 6, rate);

  g_string_append_printf (identity, "%s\x1f%s\x1f%s", day, base, currency);
  return insert_unless_duplicate (ctx, row, identity->str, identity->len, error);
}

/* Per target --------------------------------------------------------------- */

typedef struct
{
  const char *insert;
  const char *find_duplicate;   /* ?1 batch, ?2 identity text */
  const char *replace;          /* ?1 batch, ?2 its first row id */
  gboolean  (*row) (ImportContext *, ImportRow *, GError **);
} TargetSql;

static const TargetSql target_sql[TALLY_N_TARGETS] = {
  [TALLY_TARGET_META] = {
    "INSERT OR FAIL INTO meta_rows (batch_id, line, identity, date_start, date_end, account_id, account_name, "
    "campaign_id, campaign_name, adset_id, adset_name, ad_id, ad_name, attribution_setting, "
    "attribution_window, breakdown, currency, spend, impressions, reach, all_clicks, link_clicks, "
    "landing_page_views, leads, purchases, purchase_value, purchases_1d_click, purchases_7d_click, "
    "purchases_28d_click, purchases_1d_view, value_1d_click, value_7d_click, value_28d_click, "
    "value_1d_view, leads_1d_click, leads_7d_click, leads_28d_click, leads_1d_view) "
    "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18, ?19, "
    "?20, ?21, ?22, ?23, ?24, ?25, ?26, ?27, ?28, ?29, ?30, ?31, ?32, ?33, ?34, ?35, ?36, ?37, ?38)",
    "SELECT line FROM meta_rows WHERE batch_id = ?1 AND identity = ?2 LIMIT 1",
    "UPDATE meta_rows SET replaced_by = ?1 WHERE replaced_by IS NULL AND id < ?2 "
    "AND EXISTS (SELECT 1 FROM meta_rows AS n WHERE n.identity = meta_rows.identity AND n.id >= ?2)",
    meta_row,
  },
  [TALLY_TARGET_CRM] = {
    "INSERT OR FAIL INTO crm_records (batch_id, line, origin, record_id, kind, contact_id, created_at, won_at, "
    "stage, amount, currency, refunded_amount, refunded_at, term_months, email_sha256, phone_sha256, "
    "email, phone, utm_source, utm_medium, utm_campaign, utm_content, utm_term, latest_utm_source, "
    "latest_utm_medium, latest_utm_campaign, latest_utm_content, latest_utm_term, landing_url, fbclid, "
    "fbc, fbp, crm_source, crm_source_detail, latest_crm_source, latest_crm_source_detail) "
    "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18, ?19, "
    "?20, ?21, ?22, ?23, ?24, ?25, ?26, ?27, ?28, ?29, ?30, ?31, ?32, ?33, ?34, ?35, ?36)",
    "SELECT line FROM crm_records WHERE origin = substr(?2, 1, instr(?2, char(31)) - 1) "
    "AND record_id = substr(?2, instr(?2, char(31)) + 1) AND batch_id = ?1 LIMIT 1",
    "UPDATE crm_records SET replaced_by = ?1 WHERE replaced_by IS NULL AND id < ?2 "
    "AND EXISTS (SELECT 1 FROM crm_records AS n WHERE n.origin = crm_records.origin "
    "AND n.record_id = crm_records.record_id AND n.id >= ?2)",
    crm_row,
  },
  [TALLY_TARGET_SESSIONS] = {
    "INSERT OR FAIL INTO web_sessions (batch_id, line, day, source, medium, campaign, sessions, engaged_sessions) "
    "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
    "SELECT line FROM web_sessions WHERE batch_id = ?1 "
    "AND day || char(31) || source || char(31) || medium || char(31) || campaign = ?2 LIMIT 1",
    "UPDATE web_sessions SET replaced_by = ?1 WHERE replaced_by IS NULL AND id < ?2 "
    "AND EXISTS (SELECT 1 FROM web_sessions AS n WHERE n.day = web_sessions.day AND n.source = web_sessions.source "
    "AND n.medium = web_sessions.medium AND n.campaign = web_sessions.campaign AND n.id >= ?2)",
    sessions_row,
  },
  [TALLY_TARGET_FX] = {
    "INSERT OR FAIL INTO fx_rates (batch_id, line, day, base, currency, rate) VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
    "SELECT line FROM fx_rates WHERE batch_id = ?1 AND day || char(31) || base || char(31) || currency = ?2 LIMIT 1",
    "UPDATE fx_rates SET replaced_by = ?1 WHERE replaced_by IS NULL AND id < ?2 "
    "AND EXISTS (SELECT 1 FROM fx_rates AS n WHERE n.day = fx_rates.day AND n.base = fx_rates.base "
    "AND n.currency = fx_rates.currency AND n.id >= ?2)",
    fx_row,
  },
};

gboolean
_tally_import_prepare (ImportContext  *ctx,
                       GError        **error)
{
  ctx->insert = _tally_store_prepare (ctx->store, target_sql[ctx->target].insert, error);
  if (ctx->insert == NULL)
    return FALSE;

  ctx->find_duplicate = _tally_store_prepare (ctx->store, target_sql[ctx->target].find_duplicate, error);
  if (ctx->find_duplicate == NULL)
    return FALSE;

  ctx->seen = identity_set_new ();
  ctx->row_strings = g_ptr_array_new_with_free_func (g_free);
  ctx->attributions = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  ctx->warnings = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  ctx->stages = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  ctx->currencies = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  return TRUE;
}

gboolean
_tally_import_row (ImportContext  *ctx,
                   ImportRow      *row,
                   GError        **error)
{
  gboolean ok;

  ctx->result->rows_read++;
  ctx->current_row = row;
  ok = target_sql[ctx->target].row (ctx, row, error);
  ctx->current_row = NULL;

  /* Bindings point at this row's strings: drop both together. */
  sqlite3_clear_bindings (ctx->insert);
  g_ptr_array_set_size (ctx->row_strings, 0);
  return ok;
}

/* Hides the rows this batch replaces, and counts them. */
gboolean
_tally_import_finish (ImportContext  *ctx,
                      GError        **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;

  stmt = _tally_store_prepare (ctx->store,
                               target_sql[ctx->target].replace,
                               error);
  if (stmt == NULL)
    return FALSE;

  /* Rows that were there before this batch have smaller ids than its own. */
  if (ctx->first_row_id == 0)
    return TRUE;

  sqlite3_bind_int64 (stmt, 1, ctx->batch_id);
  sqlite3_bind_int64 (stmt, 2, ctx->first_row_id);
  if (!_tally_store_step_done (ctx->store, stmt, error))
    return FALSE;

  ctx->result->rows_replaced = (guint64) sqlite3_changes64 (_tally_store_get_db (ctx->store));
  return TRUE;
}

void
_tally_import_cleanup (ImportContext *ctx)
{
  g_clear_pointer (&ctx->insert, sqlite3_finalize);
  g_clear_pointer (&ctx->find_duplicate, sqlite3_finalize);
  g_clear_pointer (&ctx->seen, identity_set_free);
  g_clear_pointer (&ctx->row_strings, g_ptr_array_unref);
  g_clear_pointer (&ctx->attributions, g_hash_table_unref);
  g_clear_pointer (&ctx->warnings, g_hash_table_unref);
  g_clear_pointer (&ctx->stages, g_hash_table_unref);
  g_clear_pointer (&ctx->currencies, g_hash_table_unref);
}
