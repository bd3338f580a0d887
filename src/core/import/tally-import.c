/* tally-import.c: bringing an export into a project, as one batch
 *
 * Copyright 2026 The Tally authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * An import is one transaction and one batch (SPEC section 2):
 *  1. the file's SHA-256 refuses bytes imported before;
 *  2. its kind is read off its first bytes (a table, insights JSON or ECB
 *     XML) and, for a table, its header picks a preset or a saved mapping;
 *  3. a first look at the values settles the decimal separator and the
 *     order of day and month, or asks, instead of guessing;
 *  4. every row is normalized and written; rejected rows are collected
 *     with their line, column and reason;
 *  5. rows that an earlier batch had for the same identity are replaced
 *     (hidden, so that undo can bring them back) and counted.
 * Rejected rows roll everything back unless the caller skips them; a dry
 * run always rolls back, so it reports exactly what an import would do.
 */
#define G_LOG_DOMAIN "tally-import"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "tally-currency.h"
#include "tally-store.h"
#include "tally-error.h"
#include "tally-facts-private.h"
#include "tally-import-private.h"
#include "tally-normalize.h"
#include "tally-settings.h"
#include "tally-project-private.h"
#include "tally-table-reader.h"

#define PROGRESS_EVERY 4096

/* Salesforce ends its reports with a few lines of totals and notices. */
static gboolean
is_footer (ImportContext    *ctx,
           TallyTableReader *reader)
{
  g_autofree char *first = NULL;

  if (ctx->mapping->footer == NULL || ctx->mapping->footer[0] == NULL)
    return FALSE;

  for (guint i = 1; i < tally_table_reader_get_n_fields (reader); i++)
    if (tally_table_reader_get_field (reader, i)[0] != '\0')
      return FALSE;

  first = tally_header_key (tally_table_reader_get_field (reader, 0), FALSE);
  for (guint i = 0; ctx->mapping->footer[i] != NULL; i++)
    if (g_str_has_prefix (first, ctx->mapping->footer[i]))
      return TRUE;

  return FALSE;
}

/* A text row with more or fewer fields than the header would be read with
 * its columns shifted (an unquoted comma in a campaign name) or half empty
 * (a download cut off): it is rejected. A line of only delimiters is blank. */
static gboolean
has_header_width (ImportContext    *ctx,
                  TallyTableReader *reader)
{
  guint n = tally_table_reader_get_n_fields (reader);
  g_autofree char *reason = NULL;
  g_autoptr(GString) raw = NULL;
  gboolean blank = TRUE;

  if (n == ctx->mapping->n_columns || !tally_table_reader_has_fixed_width (reader))
    return TRUE;

  raw = g_string_new (NULL);
  for (guint i = 0; i < n; i++)
    {
      const char *field = tally_table_reader_get_field (reader, i);

      blank &= field[0] == '\0';
      g_string_append_printf (raw, "%s%s", i > 0 ? "," : "", field);
    }
  if (blank)
    return FALSE;

  reason = g_strdup_printf (_("this line has %u fields where the header has %u (a comma in a name without quotes, or a line cut off); export the file again"),
                            n, ctx->mapping->n_columns);
  _tally_import_reject_line (ctx, tally_table_reader_get_line (reader), reason, raw->str);
  return FALSE;
}

static void
fill_row (ImportContext    *ctx,
          TallyTableReader *reader,
          ImportRow        *row)
{
  guint n_fields;

  tally_fields_get (ctx->target, &n_fields);
  memset (row, 0, sizeof *row);
  row->line = tally_table_reader_get_line (reader);

  for (guint f = 0; f < n_fields; f++)
    {
      const int *columns = ctx->mapping->field_columns[f];

      for (guint i = 0; columns[i] >= 0; i++)
        {
          const char *value = tally_table_reader_get_field (reader, (guint) columns[i]);

          if (row->columns[f] == NULL)
            row->columns[f] = ctx->mapping->headers[columns[i]];
          if (value[0] != '\0')
            {
              row->values[f] = value;
              row->columns[f] = ctx->mapping->headers[columns[i]];
              row->typed[f] = tally_table_reader_is_typed (reader, (guint) columns[i]);
              break;
            }
        }
    }
}

static gboolean
write_table (ImportContext        *ctx,
             const char           *path,
             TallyImportProgress   progress,
             gpointer              progress_data,
             GCancellable         *cancellable,
             GError              **error)
{
  g_autoptr(TallyTableReader) reader = g_steal_pointer (&ctx->reader);
  guint64 n = 0;
  ImportRow row;

  /* The rows the header's reader looked ahead at are served again; only
   * when the look-ahead went past what it keeps is the file read anew
   * (the header again, then the rows). */
  if (reader == NULL || !tally_table_reader_rewind (reader))
    {
      g_clear_object (&reader);
      reader = tally_table_reader_open (path, error);
      if (reader == NULL || !tally_table_reader_next_row (reader, error))
        return FALSE;
    }

  while (tally_table_reader_next_row (reader, error))
    {
      if (is_footer (ctx, reader))
        {
          ctx->result->rows_ignored++;
          continue;
        }
      if (!has_header_width (ctx, reader))
        continue;

      fill_row (ctx, reader, &row);
      if (!_tally_import_row (ctx, &row, error))
        return FALSE;

      if (++n % PROGRESS_EVERY == 0)
        {
          if (g_cancellable_set_error_if_cancelled (cancellable, error))
            return FALSE;
          if (progress != NULL)
            progress (tally_table_reader_get_progress (reader), progress_data);
        }
    }

  return error == NULL || *error == NULL;
}

/* The batch ---------------------------------------------------------------- */

static char *
locale_code (ImportContext *ctx)
{
  return g_strdup_printf ("decimal=%s;dates=%s",
                          ctx->decimal == TALLY_DECIMAL_COMMA ? "comma" : "point",
                          ctx->date_order == TALLY_DATE_ORDER_DMY ? "dmy" :
                          ctx->date_order == TALLY_DATE_ORDER_MDY ? "mdy" : "iso");
}


static gboolean
insert_batch (ImportContext  *ctx,
              GError        **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autofree char *when = g_date_time_format (now, "%Y-%m-%dT%H:%M:%SZ");
  g_autofree char *locale = locale_code (ctx);
  g_autofree char *mapping = NULL;

  if (ctx->mapping != NULL)
    {
      g_autoptr(JsonNode) node = tally_mapping_to_json (ctx->mapping);

      mapping = json_to_string (node, FALSE);
    }

  stmt = _tally_store_prepare (ctx->store,
                               "INSERT INTO import_batches (file_name, file_size, sha256, source, mapping, imported_at, kind, locale) "
                               "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
                               error);
  if (stmt == NULL)
    return FALSE;

  _tally_store_bind_text (stmt, 1, ctx->result->file_name);
  sqlite3_bind_int64 (stmt, 2, (gint64) ctx->result->file_size);
  /* The hash may still be on its way from the other core; record_batch()
   * writes it. */
  _tally_store_bind_text (stmt, 3, ctx->result->sha256 != NULL ? ctx->result->sha256 : "");
  _tally_store_bind_text (stmt, 4, ctx->result->preset_id);
  _tally_store_bind_text (stmt, 5, mapping != NULL ? mapping : "{}");
  _tally_store_bind_text (stmt, 6, when);
  _tally_store_bind_text (stmt, 7, tally_target_to_string (ctx->target));
  _tally_store_bind_text (stmt, 8, locale);
  if (!_tally_store_step_done (ctx->store, stmt, error))
    return FALSE;

  ctx->batch_id = sqlite3_last_insert_rowid (_tally_store_get_db (ctx->store));
  ctx->result->batch_id = ctx->batch_id;
  return TRUE;
}

static gboolean
record_batch (ImportContext  *ctx,
              GError        **error)
{
  g_autoptr(sqlite3_stmt) issue = NULL;
  g_autoptr(sqlite3_stmt) counts = NULL;

  issue = _tally_store_prepare (ctx->store,
                                "INSERT INTO import_issues (batch_id, line, column_name, severity, reason) "
                                "VALUES (?1, ?2, ?3, ?4, ?5)",
                                error);
  if (issue == NULL)
    return FALSE;

  for (guint i = 0; i < ctx->result->issues->len; i++)
    {
      TallyImportIssue *item = g_ptr_array_index (ctx->result->issues, i);
      g_autofree char *reason = item->count > 1
        ? g_strdup_printf (_("%s (%" G_GUINT64_FORMAT " rows)"), item->reason, item->count)
        : g_strdup (item->reason);

      sqlite3_reset (issue);
      sqlite3_bind_int64 (issue, 1, ctx->batch_id);
      sqlite3_bind_int64 (issue, 2, (gint64) item->line);
      _tally_store_bind_text (issue, 3, item->column);
      _tally_store_bind_text (issue, 4, item->severity == TALLY_ISSUE_REJECTED ? "rejected" : "warning");
      _tally_store_bind_text (issue, 5, reason);
      if (!_tally_store_step_done (ctx->store, issue, error))
        return FALSE;
    }

  counts = _tally_store_prepare (ctx->store,
                                 "UPDATE import_batches SET rows_added = ?2, rows_replaced = ?3, rows_skipped = ?4, "
                                 "first_row_id = ?5, last_row_id = ?6, sha256 = ?7, file_size = ?8 WHERE id = ?1",
                                 error);
  if (counts == NULL)
    return FALSE;

  sqlite3_bind_int64 (counts, 1, ctx->batch_id);
  sqlite3_bind_int64 (counts, 2, (gint64) ctx->result->rows_added);
  sqlite3_bind_int64 (counts, 3, (gint64) ctx->result->rows_replaced);
  sqlite3_bind_int64 (counts, 4, (gint64) ctx->result->rows_skipped);
  if (ctx->first_row_id > 0)
    {
      sqlite3_bind_int64 (counts, 5, ctx->first_row_id);
      sqlite3_bind_int64 (counts, 6, ctx->last_row_id);
    }
  _tally_store_bind_text (counts, 7, ctx->result->sha256);
  sqlite3_bind_int64 (counts, 8, (gint64) ctx->result->file_size);
  return _tally_store_step_done (ctx->store, counts, error);
}

static void
set_rejected_error (ImportContext  *ctx,
                    GError        **error)
{
  TallyImportIssue *first = g_ptr_array_index (ctx->result->issues, 0);

  g_set_error (error, TALLY_ERROR, TALLY_ERROR_INVALID,
               g_dngettext (GETTEXT_PACKAGE,
                            "“%s” has %" G_GUINT64_FORMAT " row Tally cannot read (%s %" G_GUINT64_FORMAT ": %s), so nothing was imported; correct it, or import with --skip-invalid to leave it out.",
                            "“%s” has %" G_GUINT64_FORMAT " rows Tally cannot read (the first on %s %" G_GUINT64_FORMAT ": %s), so nothing was imported; correct them, or import with --skip-invalid to leave them out.",
                            ctx->result->n_rejected),
               ctx->display_name, ctx->result->n_rejected, ctx->result->line_word, first->line, first->reason);
}

static void
read_settings (ImportContext *ctx)
{
  g_autofree char *raw_pii = tally_project_get_setting (ctx->project, "store_raw_pii");

  ctx->reporting_currency = tally_project_get_effective_setting (ctx->project, "reporting_currency");
  ctx->crm_currency = tally_project_get_effective_setting (ctx->project, "crm_currency");
  ctx->default_country_code = tally_project_get_setting (ctx->project, "default_country_code");
  ctx->customer_stages = tally_project_get_effective_setting (ctx->project, "customer_stages");
  ctx->store_raw_pii = g_strcmp0 (raw_pii, "true") == 0;
}

static void
context_clear (ImportContext *ctx)
{
  g_clear_object (&ctx->reader);
  _tally_import_cleanup (ctx);
  g_clear_pointer (&ctx->mapping, tally_mapping_free);
  g_clear_pointer (&ctx->customer_stages, g_free);
  g_clear_pointer (&ctx->origin, g_free);
  g_clear_pointer (&ctx->contact_origin, g_free);
  g_clear_pointer (&ctx->kind, g_free);
  g_clear_pointer (&ctx->header_currency, g_free);
  g_clear_pointer (&ctx->reporting_currency, g_free);
  g_clear_pointer (&ctx->crm_currency, g_free);
  g_clear_pointer (&ctx->default_country_code, g_free);
}

/* Everything from the batch row to the replacements, in the transaction. */
/* The column name @field has in exports of this kind, quoted. */
static char *
column_example (ImportContext *ctx,
                const char    *field)
{
  const char *name = ctx->mapping != NULL ? tally_preset_get_column_name (ctx->mapping->preset, field) : NULL;
  const TallyFieldSpec *fields;
  guint n;
  int f;

  if (name != NULL)
    return g_strdup_printf ("“%s”", name);
  fields = tally_fields_get (ctx->target, &n);
  f = tally_fields_find (ctx->target, field);
  return g_strdup_printf ("“%s”", f >= 0 ? _(fields[f].label) : field);
}

static gboolean
has_column (ImportContext *ctx,
            int            field)
{
  return ctx->mapping == NULL || tally_mapping_has_field (ctx->mapping, field);
}

static int
compare_stage_counts (gconstpointer a,
                      gconstpointer b,
                      gpointer      stages)
{
  guint x = *(const guint *) g_hash_table_lookup (stages, *(const char * const *) a);
  guint y = *(const guint *) g_hash_table_lookup (stages, *(const char * const *) b);

  return x != y ? (x > y ? -1 : 1) : strcmp (*(const char * const *) a, *(const char * const *) b);
}

/* Stages seen, none of them a customer's: which, and how to say one is. */
static void
warn_no_customer_stage (ImportContext *ctx)
{
  g_autoptr(GPtrArray) seen = g_ptr_array_new ();
  GHashTableIter iter;
  gpointer stage;
  g_auto(GStrv) wanted = tally_settings_split_keys (ctx->customer_stages);
  g_autoptr(GString) values = g_string_new (NULL);
  g_autofree char *reason = NULL;

  g_hash_table_iter_init (&iter, ctx->stages);
  while (g_hash_table_iter_next (&iter, &stage, NULL))
    g_ptr_array_add (seen, stage);

  for (guint i = 0; i < seen->len; i++)
    {
      g_autofree char *key = tally_value_key (g_ptr_array_index (seen, i));

      if (g_strv_contains ((const char * const *) wanted, key))
        return;
    }

  g_ptr_array_sort_with_data (seen, compare_stage_counts, ctx->stages);
  for (guint i = 0; i < seen->len && i < 5; i++)
    g_string_append_printf (values, "%s“%s”", i > 0 ? ", " : "", (const char *) g_ptr_array_index (seen, i));
  if (seen->len > 5)
    g_string_append (values, ", …");

  reason = g_strdup_printf (_("none of its stages (%s) is a customer stage (%s), so no record counts as won; if one of them means a customer, add it to the setting customer_stages"),
                            values->str, ctx->customer_stages);
  _tally_import_warn (ctx, 1, NULL, reason);
}

/* Whether amounts in @currency can be converted: EUR is the rates' base,
 * a fixed rate may be set, or some rate of it is imported. */
static gboolean
has_rates (ImportContext *ctx,
           const char    *currency)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autofree char *key = g_strconcat ("fx_fixed.", currency, NULL);
  g_autofree char *fixed = tally_project_get_setting (ctx->project, key);

  if (g_str_equal (currency, "EUR") || (fixed != NULL && fixed[0] != '\0'))
    return TRUE;

  stmt = _tally_store_prepare (ctx->store,
                               "SELECT 1 FROM fx_rates WHERE replaced_by IS NULL AND (currency = ?1 OR base = ?1) LIMIT 1",
                               NULL);
  if (stmt == NULL)
    return TRUE;
  sqlite3_bind_text (stmt, 1, currency, -1, SQLITE_STATIC);
  return sqlite3_step (stmt) == SQLITE_ROW;
}

/* Meta amounts in another currency than the report's, with no rate to
 * convert them: the report would leave them out, and the import says so. */
static void
warn_currencies (ImportContext *ctx)
{
  GHashTableIter iter;
  gpointer currency;

  g_hash_table_iter_init (&iter, ctx->currencies);
  while (g_hash_table_iter_next (&iter, &currency, NULL))
    {
      g_autofree char *reason = NULL;

      if (g_str_equal (currency, ctx->reporting_currency) ||
          (has_rates (ctx, currency) && has_rates (ctx, ctx->reporting_currency)))
        continue;

      reason = g_strdup_printf (_("its amounts are in %s and the project reports in %s, with no exchange rate between them yet: until you import rates (an ECB XML file, or a CSV of date, currency, rate), its spend is left out of every total"),
                                (const char *) currency, ctx->reporting_currency);
      _tally_import_warn (ctx, 1, NULL, reason);
    }
}

/* A file that imports but can never give some number says so: deals
 * without a stage or a won time are never customers, without an amount
 * they bring no revenue, and Meta rows without spend cost nothing. */
static void
warn_what_cannot_count (ImportContext *ctx)
{
  g_autofree char *reason = NULL;

  if (ctx->target == TALLY_TARGET_META)
    warn_currencies (ctx);

  if (ctx->target == TALLY_TARGET_META && ctx->rows_with_spend == 0)
    {
      g_autofree char *spend = column_example (ctx, "spend");

      reason = g_strdup_printf (_("it has no spend (no %s), so its days show clicks and results but no cost, and no CAC or ROAS; export it again with spend"),
                                spend);
      _tally_import_warn (ctx, 1, NULL, reason);
      return;
    }

  if (ctx->target != TALLY_TARGET_CRM || ctx->record_is_contact || ctx->result->rows_added == 0)
    return;

  if (!has_column (ctx, CRM_STAGE) || !has_column (ctx, CRM_WON_AT))
    {
      g_autofree char *stage = column_example (ctx, "stage");
      g_autofree char *won = column_example (ctx, "won_at");

      if (!has_column (ctx, CRM_STAGE) && !has_column (ctx, CRM_WON_AT))
        reason = g_strdup_printf (_("it has no stage and no won time (no %s, no %s), so none of its records can count as a customer or as revenue; export it again with both"),
                                  stage, won);
      else if (!has_column (ctx, CRM_WON_AT))
        reason = g_strdup_printf (_("it has no won time (no %s), so none of its records can count as a customer or as revenue; export it again with it"),
                                  won);
      else
        reason = g_strdup_printf (_("it has no stage (no %s), so none of its records can count as a customer or as revenue; export it again with it"),
                                  stage);
      _tally_import_warn (ctx, 1, NULL, reason);
    }
  else if (g_hash_table_size (ctx->stages) > 0)
    warn_no_customer_stage (ctx);

  if (!has_column (ctx, CRM_AMOUNT))
    {
      g_autofree char *amount = column_example (ctx, "amount");
      g_autofree char *no_amount = g_strdup_printf (_("it has no value (no %s), so its won records bring no revenue; export it again with it"),
                                                    amount);

      _tally_import_warn (ctx, 1, NULL, no_amount);
    }
}

/* Reads every row of @path and hands it to the writer. */
static gboolean
write_rows (ImportContext        *ctx,
            const char           *path,
            TallyImportFormat     format,
            TallyImportProgress   progress,
            gpointer              progress_data,
            GCancellable         *cancellable,
            GError              **error)
{
  switch (format)
    {
    case TALLY_IMPORT_FORMAT_TABLE:
      if (!write_table (ctx, path, progress, progress_data, cancellable, error))
        return FALSE;
      break;
    case TALLY_IMPORT_FORMAT_JSON:
      if (!_tally_import_insights (ctx, path, cancellable, error))
        return FALSE;
      break;
    case TALLY_IMPORT_FORMAT_XML:
      if (!_tally_import_ecb (ctx, path, cancellable, error))
        return FALSE;
      break;
    default:
      g_assert_not_reached ();
    }

  if (ctx->result->rows_read == 0)
    {
      g_set_error (error, TALLY_ERROR, TALLY_ERROR_INVALID,
                   _("“%s” has a header but no rows; export it again with its data."), ctx->display_name);
      return FALSE;
    }
  return TRUE;
}

static gboolean
write_batch (ImportContext        *ctx,
             const char           *path,
             TallyImportFormat     format,
             TallyImportProgress   progress,
             gpointer              progress_data,
             GCancellable         *cancellable,
             GError              **error)
{
  gboolean ok = insert_batch (ctx, error) && _tally_import_prepare (ctx, error) &&
                write_rows (ctx, path, format, progress, progress_data, cancellable, error) &&
                _tally_import_end_rows (ctx, error);

  /* Every row is written, or the writer stopped, before any other SQL
   * and before a rollback. */
  _tally_import_stop_rows (ctx);
  if (!ok)
    return FALSE;

  warn_what_cannot_count (ctx);
  return _tally_import_finish (ctx, error);
}

/* A new data_version, and the facts cache brought to it in the same
 * transaction, so that the first report after the import reads it. */
static gboolean
bump_and_keep_facts (ImportContext  *ctx,
                     GError        **error)
{
  static const TallyFactsTable tables[TALLY_N_TARGETS] = {
    [TALLY_TARGET_META] = TALLY_FACTS_META,
    [TALLY_TARGET_CRM] = TALLY_FACTS_CRM,
    [TALLY_TARGET_SESSIONS] = TALLY_FACTS_SESSIONS,
    [TALLY_TARGET_FX] = TALLY_FACTS_RATES,
  };
  gint64 before = _tally_facts_data_version (ctx->project);

  return _tally_project_bump_data_version (ctx->project, error) &&
         _tally_facts_keep_current (ctx->project, tables[ctx->target], ctx->first_row_id, ctx->last_row_id,
                                    ctx->result->rows_replaced, before, ctx->crm_facts, error);
}

/* Checks the kind of @path against the preset asked for, and reads a
 * table's header. */
static gboolean
read_kind (ImportContext      *ctx,
           const char         *path,
           TallyImportFormat   format,
           GError            **error)
{
  const TallyPreset *forced = ctx->options->preset != NULL ? tally_preset_lookup (ctx->options->preset) : NULL;
  static const char * const format_names[] = { "table", "meta-insights-json", "ecb-xml" };

  /* A preset named for a file of another kind is a mistake to point out. */
  if (forced != NULL && !g_str_equal (tally_preset_get_format (forced), format_names[format]))
    {
      g_set_error (error, TALLY_ERROR, TALLY_ERROR_INVALID,
                   _("“%s” is not a file of the kind the preset “%s” reads (%s)."),
                   ctx->display_name, ctx->options->preset, tally_preset_get_name (forced));
      return FALSE;
    }
  if (ctx->options->preset != NULL && forced == NULL)
    {
      g_set_error (error, TALLY_ERROR, TALLY_ERROR_USAGE,
                   _("“%s” is not a preset; the presets are listed by “tally-cli import --help”."),
                   ctx->options->preset);
      return FALSE;
    }

  if (format == TALLY_IMPORT_FORMAT_TABLE && !_tally_import_read_header (ctx, path, error))
    return FALSE;
  if (format == TALLY_IMPORT_FORMAT_JSON)
    {
      ctx->target = TALLY_TARGET_META;
      ctx->result->line_word = _("entry");
      ctx->result->preset_id = g_strdup ("meta-insights-json");
      ctx->result->reader = g_strdup ("JSON");
    }
  if (format == TALLY_IMPORT_FORMAT_XML)
    {
      ctx->target = TALLY_TARGET_FX;
      ctx->result->preset_id = g_strdup ("ecb-xml");
      ctx->result->reader = g_strdup ("XML");
    }
  if (format != TALLY_IMPORT_FORMAT_TABLE)
    {
      const TallyPreset *preset = tally_preset_lookup (ctx->result->preset_id);

      ctx->result->preset_name = g_strdup (tally_preset_get_name (preset));
      ctx->result->confidence = 1.0;
      ctx->result->target = ctx->target;
      ctx->decimal = ctx->result->decimal = TALLY_DECIMAL_POINT;
    }

  return TRUE;
}

static gboolean
run_import (ImportContext        *ctx,
            const char           *path,
            TallyImportProgress   progress,
            gpointer              progress_data,
            GCancellable         *cancellable,
            GError              **error)
{
  TallyImportFormat format = tally_import_sniff_format (path);

  if (!read_kind (ctx, path, format, error))
    return FALSE;

  if (!_tally_project_begin (ctx->project, error))
    return FALSE;
  _tally_store_exec (ctx->store, "PRAGMA cache_size = -32768", NULL);

  if (!write_batch (ctx, path, format, progress, progress_data, cancellable, error))
    {
      _tally_project_rollback (ctx->project);
      return FALSE;
    }

  g_ptr_array_sort (ctx->result->issues, _tally_import_compare_issues);

  if (ctx->result->n_rejected > 0 && !ctx->options->skip_invalid)
    {
      _tally_project_rollback (ctx->project);
      set_rejected_error (ctx, error);
      return FALSE;
    }
  /* Summary and footer lines are skipped too, and counted (SPEC 4). */
  ctx->result->rows_skipped = ctx->result->n_rejected + ctx->result->rows_ignored;

  if (!_tally_import_wait_for_hash (ctx, error) || !record_batch (ctx, error) ||
      (ctx->options->mapping != NULL && ctx->mapping != NULL && !_tally_import_save_mapping (ctx, error)))
    {
      _tally_project_rollback (ctx->project);
      return FALSE;
    }

  if (ctx->options->dry_run)
    {
      _tally_project_rollback (ctx->project);
      return TRUE;
    }

  if (!bump_and_keep_facts (ctx, error))
    {
      _tally_project_rollback (ctx->project);
      return FALSE;
    }

  return _tally_project_commit (ctx->project, error);
}

/**
 * tally_import_file:
 * @project: the project to import into
 * @path: an export file
 * @options: how to read it
 * @progress: (nullable): called now and then with the fraction read
 * @progress_data: data for @progress
 * @cancellable: (nullable): cancels the import; nothing is written
 * @result: (out) (optional): what happened, also on failure (the rejected
 *   rows, the question to answer)
 * @error: return location for a #TallyError
 *
 * Imports @path as one batch, or writes nothing.
 */
gboolean
tally_import_file (TallyProject              *project,
                   const char                *path,
                   const TallyImportOptions  *options,
                   TallyImportProgress        progress,
                   gpointer                   progress_data,
                   GCancellable              *cancellable,
                   TallyImportResult        **result,
                   GError                   **error)
{
  g_autoptr(TallyImportResult) outcome = _tally_import_result_new (path);
  TallyImportOptions defaults = { 0 };
  ImportContext ctx = { 0 };
  guint64 size = 0;
  gboolean ok;

  g_return_val_if_fail (TALLY_IS_PROJECT (project), FALSE);
  g_return_val_if_fail (path != NULL, FALSE);

  ctx.project = project;
  ctx.store = _tally_project_get_store (project);
  ctx.display_name = outcome->file_name;
  ctx.options = options != NULL ? options : &defaults;
  ctx.result = outcome;
  ctx.decimal = ctx.options->decimal;
  ctx.date_order = ctx.options->date_order;
  outcome->dry_run = ctx.options->dry_run;
  outcome->decimal = ctx.decimal;
  outcome->date_order = ctx.date_order;
  read_settings (&ctx);

  ok = _tally_project_check_writable (project, error) && _tally_import_stat_file (path, outcome, &size, error);

  if (ok)
    {
      outcome->file_size = size;
      ok = _tally_import_hash_start (&ctx, path, size, error);
    }

  ok = ok && run_import (&ctx, path, progress, progress_data, cancellable, error);

  /* Whatever happened, the hashing thread ends before the file is let go. */
  _tally_import_hash_stop (&ctx);

  context_clear (&ctx);
  if (ok && progress != NULL)
    progress (1.0, progress_data);
  if (ok && !outcome->dry_run)
    tally_project_notify_data_changed (project);
  if (result != NULL)
    *result = g_steal_pointer (&outcome);
  return ok;
}
