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
#include "tally-import-private.h"
#include "tally-normalize.h"
#include "tally-settings.h"
#include "tally-project-private.h"
#include "tally-table-reader.h"

#define PROGRESS_EVERY 4096

/* Results ------------------------------------------------------------------ */

static void
issue_free (TallyImportIssue *issue)
{
  g_free (issue->column);
  g_free (issue->reason);
  g_free (issue->raw);
  g_free (issue);
}

static TallyImportResult *
result_new (const char *path)
{
  TallyImportResult *result = g_new0 (TallyImportResult, 1);

  result->file_name = g_filename_display_basename (path);
  result->issues = g_ptr_array_new_with_free_func ((GDestroyNotify) issue_free);
  result->line_word = _("line");
  result->batch_id = -1;
  return result;
}

void
tally_import_result_free (TallyImportResult *result)
{
  if (result == NULL)
    return;

  g_free (result->file_name);
  g_free (result->sha256);
  g_free (result->preset_id);
  g_free (result->preset_name);
  g_free (result->reader);
  g_free (result->question_column);
  g_free (result->question_example);
  g_ptr_array_unref (result->issues);
  g_free (result);
}

/**
 * tally_import_describe_locale:
 *
 * Returns: (transfer full): how numbers and dates were read, such as
 *   "decimal comma, day/month/year (detected)"
 */
char *
tally_import_describe_locale (const TallyImportResult *result)
{
  const char *decimal = result->decimal == TALLY_DECIMAL_COMMA ? _("decimal comma") : _("decimal point");
  const char *order;

  switch (result->date_order)
    {
    case TALLY_DATE_ORDER_DMY:
      order = _("day/month/year");
      break;
    case TALLY_DATE_ORDER_MDY:
      order = _("month/day/year");
      break;
    case TALLY_DATE_ORDER_UNKNOWN:
    default:
      order = _("ISO dates");
      break;
    }

  return g_strdup_printf ("%s%s, %s%s", decimal, result->decimal_detected ? _(" (detected)") : "",
                          order, result->date_order_detected ? _(" (detected)") : "");
}

static int
compare_issues (gconstpointer a,
                gconstpointer b)
{
  const TallyImportIssue *x = *(TallyImportIssue * const *) a;
  const TallyImportIssue *y = *(TallyImportIssue * const *) b;

  if (x->severity != y->severity)
    return x->severity == TALLY_ISSUE_REJECTED ? -1 : 1;
  return x->line < y->line ? -1 : x->line > y->line;
}

/* The file as a whole ------------------------------------------------------ */

typedef struct
{
  char     *path;
  char     *sha256;
  guint64   size;
  GError   *error;
} HashJob;

static void
hash_job_free (HashJob *job)
{
  g_free (job->path);
  g_free (job->sha256);
  g_clear_error (&job->error);
  g_free (job);
}

static gpointer
hash_worker (gpointer data)
{
  HashJob *job = data;
  g_autoptr(GFile) file = g_file_new_for_path (job->path);
  g_autoptr(GFileInputStream) stream = NULL;
  g_autoptr(GChecksum) checksum = g_checksum_new (G_CHECKSUM_SHA256);
  g_autofree guint8 *buffer = g_malloc (256 * 1024);
  gssize n;

  stream = g_file_read (file, NULL, &job->error);
  if (stream == NULL)
    return job;

  while ((n = g_input_stream_read (G_INPUT_STREAM (stream), buffer, 256 * 1024, NULL, &job->error)) > 0)
    {
      g_checksum_update (checksum, buffer, n);
      job->size += (guint64) n;
    }

  if (n == 0)
    job->sha256 = g_strdup (g_checksum_get_string (checksum));
  return job;
}

static gboolean
finish_hash (HashJob            *job,
             TallyImportResult  *result,
             GError            **error)
{
  if (job->sha256 == NULL)
    {
      g_set_error (error, TALLY_ERROR, TALLY_ERROR_INVALID,
                   _("“%s” could not be read to its end (%s); copy it again and retry."),
                   result->file_name, job->error != NULL ? job->error->message : "");
      return FALSE;
    }

  result->sha256 = g_strdup (job->sha256);
  result->file_size = job->size;
  return TRUE;
}

/* Whether an earlier batch, not undone, had a file of @size bytes: only
 * then can the same bytes have come before. */
static gboolean
size_seen_before (TallyProject *project,
                  guint64       size)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;

  stmt = _tally_store_prepare (_tally_project_get_store (project),
                               "SELECT 1 FROM import_batches WHERE file_size = ?1 AND undone_at IS NULL",
                               NULL);
  if (stmt == NULL)
    return TRUE;

  sqlite3_bind_int64 (stmt, 1, (gint64) size);
  return sqlite3_step (stmt) == SQLITE_ROW;
}

static gboolean
stat_file (const char         *path,
           TallyImportResult  *result,
           guint64            *size,
           GError            **error)
{
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GFileInfo) info = NULL;
  g_autoptr(GError) local_error = NULL;

  info = g_file_query_info (file, G_FILE_ATTRIBUTE_STANDARD_SIZE "," G_FILE_ATTRIBUTE_STANDARD_TYPE,
                            G_FILE_QUERY_INFO_NONE, NULL, &local_error);
  if (info == NULL)
    {
      if (g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND))
        g_set_error (error, TALLY_ERROR, TALLY_ERROR_NOT_FOUND,
                     _("“%s” does not exist; check the file name and the folder."), result->file_name);
      else
        g_set_error (error, TALLY_ERROR, TALLY_ERROR_INVALID,
                     _("“%s” could not be read (%s); check that you can open it."),
                     result->file_name, local_error->message);
      return FALSE;
    }

  if (g_file_info_get_file_type (info) != G_FILE_TYPE_REGULAR)
    {
      g_set_error (error, TALLY_ERROR, TALLY_ERROR_INVALID,
                   _("“%s” is not a file; choose an exported file."), result->file_name);
      return FALSE;
    }

  *size = (guint64) g_file_info_get_size (info);
  return TRUE;
}

static gboolean
check_not_imported (TallyProject       *project,
                    TallyImportResult  *result,
                    GError            **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;

  stmt = _tally_store_prepare (_tally_project_get_store (project),
                               "SELECT id, imported_at FROM import_batches WHERE sha256 = ?1 AND undone_at IS NULL",
                               error);
  if (stmt == NULL)
    return FALSE;

  _tally_store_bind_text (stmt, 1, result->sha256);
  if (sqlite3_step (stmt) != SQLITE_ROW)
    return TRUE;

  g_set_error (error, TALLY_ERROR, TALLY_ERROR_DUPLICATE,
               _("“%s” was already imported, as batch %" G_GINT64_FORMAT " on %.10s; undo that batch first to import the same file again."),
               result->file_name, (gint64) sqlite3_column_int64 (stmt, 0), _tally_store_column_text (stmt, 1));
  return FALSE;
}

/**
 * tally_import_sniff_format:
 * @path: a file
 *
 * A JSON or XML document starts, after any BOM and white space, with
 * "{", "[" or "<"; anything else is a table.
 *
 * Returns: the kind of file @path is
 */
TallyImportFormat
tally_import_sniff_format (const char *path)
{
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GFileInputStream) stream = g_file_read (file, NULL, NULL);
  guint8 head[512];
  gssize n;
  gssize i = 0;

  if (stream == NULL)
    return TALLY_IMPORT_FORMAT_TABLE;

  n = g_input_stream_read (G_INPUT_STREAM (stream), head, sizeof head, NULL, NULL);
  if (n >= 3 && head[0] == 0xEF && head[1] == 0xBB && head[2] == 0xBF)
    i = 3;
  while (i < n && g_ascii_isspace (head[i]))
    i++;

  if (i < n && (head[i] == '{' || head[i] == '['))
    return TALLY_IMPORT_FORMAT_JSON;
  if (i < n && head[i] == '<')
    return TALLY_IMPORT_FORMAT_XML;
  return TALLY_IMPORT_FORMAT_TABLE;
}

/* Tables ------------------------------------------------------------------- */

JsonNode *
_tally_import_load_saved_mapping (TallyProject *project,
                                  const char   *signature)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;

  stmt = _tally_store_prepare (_tally_project_get_store (project),
                               "SELECT mapping FROM mappings WHERE signature = ?1",
                               NULL);
  if (stmt == NULL)
    return NULL;

  _tally_store_bind_text (stmt, 1, signature);
  if (sqlite3_step (stmt) != SQLITE_ROW)
    return NULL;

  return json_from_string (_tally_store_column_text (stmt, 0), NULL);
}

static gboolean
save_mapping (ImportContext  *ctx,
              GError        **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(JsonNode) node = tally_mapping_to_json (ctx->mapping);
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autofree char *json = json_to_string (node, FALSE);
  g_autofree char *when = g_date_time_format_iso8601 (now);
  g_autofree char *signature = tally_mapping_signature ((const char * const *) ctx->mapping->headers,
                                                        ctx->mapping->n_columns);

  stmt = _tally_store_prepare (ctx->store,
                               "INSERT OR REPLACE INTO mappings (signature, preset, mapping, saved_at) VALUES (?1, ?2, ?3, ?4)",
                               error);
  if (stmt == NULL)
    return FALSE;

  _tally_store_bind_text (stmt, 1, signature);
  _tally_store_bind_text (stmt, 2, tally_preset_get_id (ctx->mapping->preset));
  _tally_store_bind_text (stmt, 3, json);
  _tally_store_bind_text (stmt, 4, when);
  return _tally_store_step_done (ctx->store, stmt, error);
}

static TallyMapping *
choose_mapping (ImportContext       *ctx,
                const char * const  *headers,
                guint                n_headers,
                GError             **error)
{
  g_autofree char *signature = NULL;
  g_autoptr(JsonNode) saved = NULL;

  if (ctx->options->mapping != NULL)
    return tally_mapping_from_json (ctx->options->mapping, headers, n_headers, ctx->display_name, error);

  if (ctx->options->preset != NULL)
    {
      const TallyPreset *preset = tally_preset_lookup (ctx->options->preset);

      if (preset == NULL || !g_str_equal (tally_preset_get_format (preset), "table"))
        {
          g_set_error (error, TALLY_ERROR, TALLY_ERROR_USAGE,
                       _("“%s” is not a preset for tables; the presets are listed by “tally-cli import --help”."),
                       ctx->options->preset);
          return NULL;
        }
      if (g_str_equal (ctx->options->preset, "generic"))
        {
          g_set_error (error, TALLY_ERROR, TALLY_ERROR_USAGE,
                       _("The generic preset needs the columns mapped by hand; give them with --mapping MAPPING.json."));
          return NULL;
        }
      return tally_mapping_for_preset (preset, headers, n_headers);
    }

  /* A header mapped by hand before is mapped the same way again. */
  signature = tally_mapping_signature (headers, n_headers);
  saved = _tally_import_load_saved_mapping (ctx->project, signature);
  if (saved != NULL)
    {
      TallyMapping *mapping = tally_mapping_from_json (saved, headers, n_headers, ctx->display_name, NULL);

      if (mapping != NULL)
        {
          ctx->result->mapping_reused = TRUE;
          return mapping;
        }
    }

  return tally_mapping_detect (headers, n_headers, ctx->display_name, error);
}

static gboolean
require_field (ImportContext  *ctx,
               int             field,
               int             alternative,
               GError        **error)
{
  const TallyFieldSpec *fields;
  const char *hint;
  guint n;

  if (tally_mapping_has_field (ctx->mapping, field) ||
      (alternative >= 0 && tally_mapping_has_field (ctx->mapping, alternative)))
    return TRUE;

  fields = tally_fields_get (ctx->target, &n);
  hint = tally_preset_get_hint (ctx->mapping->preset, fields[field].name);
  if (hint != NULL)
    g_set_error (error, TALLY_ERROR, TALLY_ERROR_INVALID,
                 _("“%s” has no column Tally reads as “%s”; %s."),
                 ctx->display_name, _(fields[field].label), hint);
  else
    g_set_error (error, TALLY_ERROR, TALLY_ERROR_INVALID,
                 _("“%s” has no column Tally reads as “%s”; export it again with that column, or map one by hand with --mapping MAPPING.json."),
                 ctx->display_name, _(fields[field].label));
  return FALSE;
}

static gboolean
check_required_fields (ImportContext  *ctx,
                       GError        **error)
{
  switch (ctx->target)
    {
    case TALLY_TARGET_META:
      return require_field (ctx, META_DAY, META_DATE_START, error);
    case TALLY_TARGET_CRM:
      return require_field (ctx, CRM_RECORD_ID, -1, error);
    case TALLY_TARGET_SESSIONS:
      return require_field (ctx, SESSIONS_DAY, -1, error) && require_field (ctx, SESSIONS_SESSIONS, -1, error);
    case TALLY_TARGET_FX:
      return require_field (ctx, FX_DAY, -1, error) && require_field (ctx, FX_CURRENCY, -1, error) &&
             require_field (ctx, FX_RATE, -1, error);
    case TALLY_N_TARGETS:
    default:
      g_assert_not_reached ();
    }
}

/* What the values say about the locale, gathered until it is settled. */
typedef struct
{
  guint  points, commas, day_first, month_first;
  char  *ambiguous_number, *ambiguous_number_column;
  char  *ambiguous_date, *ambiguous_date_column;
} LocaleEvidence;

static void
locale_evidence_clear (LocaleEvidence *evidence)
{
  g_free (evidence->ambiguous_number);
  g_free (evidence->ambiguous_number_column);
  g_free (evidence->ambiguous_date);
  g_free (evidence->ambiguous_date_column);
}

static gboolean
is_number_type (TallyFieldType type)
{
  return type == TALLY_FIELD_COUNT || type == TALLY_FIELD_MONEY || type == TALLY_FIELD_DECIMAL;
}

static gboolean
is_date_type (TallyFieldType type)
{
  return type == TALLY_FIELD_DATE || type == TALLY_FIELD_TIMESTAMP;
}

static void
gather_evidence (ImportContext    *ctx,
                 TallyTableReader *reader,
                 LocaleEvidence   *evidence,
                 gboolean          numbers,
                 gboolean          dates)
{
  const TallyFieldSpec *fields;
  guint n_fields;

  fields = tally_fields_get (ctx->target, &n_fields);
  for (guint c = 0; c < ctx->mapping->n_columns; c++)
    {
      int f = ctx->mapping->column_fields[c];
      const char *value;

      if (f < 0 || tally_table_reader_is_typed (reader, c))
        continue;
      value = tally_table_reader_get_field (reader, c);
      if (value[0] == '\0')
        continue;

      if (numbers && is_number_type (fields[f].type))
        switch (tally_number_evidence (value))
          {
          case TALLY_EVIDENCE_FIRST:
            evidence->points++;
            break;
          case TALLY_EVIDENCE_SECOND:
            evidence->commas++;
            break;
          case TALLY_EVIDENCE_AMBIGUOUS:
            if (evidence->ambiguous_number == NULL)
              {
                evidence->ambiguous_number = g_strdup (value);
                evidence->ambiguous_number_column = g_strdup (ctx->mapping->headers[c]);
              }
            break;
          case TALLY_EVIDENCE_NONE:
          default:
            break;
          }

      if (dates && is_date_type (fields[f].type))
        switch (tally_date_evidence (value))
          {
          case TALLY_EVIDENCE_FIRST:
            evidence->day_first++;
            break;
          case TALLY_EVIDENCE_SECOND:
            evidence->month_first++;
            break;
          case TALLY_EVIDENCE_AMBIGUOUS:
            if (evidence->ambiguous_date == NULL)
              {
                evidence->ambiguous_date = g_strdup (value);
                evidence->ambiguous_date_column = g_strdup (ctx->mapping->headers[c]);
              }
            break;
          case TALLY_EVIDENCE_NONE:
          default:
            break;
          }
    }
}

static void
ask (ImportContext  *ctx,
     TallyQuestion   question,
     const char     *column,
     const char     *example,
     GError        **error)
{
  ctx->result->question = question;
  ctx->result->question_column = g_strdup (column);
  ctx->result->question_example = g_strdup (example);

  if (question == TALLY_QUESTION_DECIMAL)
    g_set_error (error, TALLY_ERROR, TALLY_ERROR_QUESTION,
                 _("In “%s”, the column “%s” has numbers such as “%s” that read differently with a decimal point and with a decimal comma; say which with --decimal point or --decimal comma."),
                 ctx->display_name, column, example);
  else
    g_set_error (error, TALLY_ERROR, TALLY_ERROR_QUESTION,
                 _("In “%s”, the column “%s” has dates such as “%s” that could be day/month or month/day; say which with --date-order dmy or --date-order mdy."),
                 ctx->display_name, column, example);
}

/* Reads ahead until the decimal separator and the date order are settled,
 * usually within a few rows. When the first SAMPLE_ROWS rows give nothing
 * either way (whole numbers, ISO dates), the rest of the file is not read
 * ahead: a later value that reads two ways is rejected instead. When a
 * value that reads two ways has been seen, the whole file is searched for
 * one that settles it, and the person is asked when none does. */
#define SAMPLE_ROWS 10000

static gboolean
detect_locale (ImportContext     *ctx,
               TallyTableReader  *reader,
               GError           **error)
{
  LocaleEvidence evidence = { 0 };
  gboolean need_numbers = ctx->options->decimal == TALLY_DECIMAL_UNKNOWN;
  gboolean need_dates = ctx->options->date_order == TALLY_DATE_ORDER_UNKNOWN;
  gboolean ok = TRUE;
  guint64 rows = 0;

  ctx->decimal = ctx->options->decimal;
  ctx->date_order = ctx->options->date_order;

  while (((need_numbers && (rows < SAMPLE_ROWS || evidence.ambiguous_number != NULL)) ||
          (need_dates && (rows < SAMPLE_ROWS || evidence.ambiguous_date != NULL))) &&
         tally_table_reader_next_row (reader, error))
    {
      rows++;
      gather_evidence (ctx, reader, &evidence, need_numbers, need_dates);
      if (need_numbers && evidence.points + evidence.commas > 0)
        {
          ctx->decimal = evidence.points >= evidence.commas ? TALLY_DECIMAL_POINT : TALLY_DECIMAL_COMMA;
          ctx->result->decimal_detected = TRUE;
          need_numbers = FALSE;
        }
      if (need_dates && evidence.day_first + evidence.month_first > 0)
        {
          ctx->date_order = evidence.day_first >= evidence.month_first ? TALLY_DATE_ORDER_DMY : TALLY_DATE_ORDER_MDY;
          ctx->result->date_order_detected = TRUE;
          need_dates = FALSE;
        }
    }

  if (error != NULL && *error != NULL)
    ok = FALSE;
  else if (need_numbers && evidence.ambiguous_number != NULL)
    {
      ask (ctx, TALLY_QUESTION_DECIMAL, evidence.ambiguous_number_column, evidence.ambiguous_number, error);
      ok = FALSE;
    }
  else if (need_dates && evidence.ambiguous_date != NULL)
    {
      ask (ctx, TALLY_QUESTION_DATE_ORDER, evidence.ambiguous_date_column, evidence.ambiguous_date, error);
      ok = FALSE;
    }

  /* Whole numbers need no decimal separator; the point is assumed, and a
   * later number that would need the choice is rejected, not guessed. */
  if (ctx->decimal == TALLY_DECIMAL_UNKNOWN)
    {
      ctx->decimal = TALLY_DECIMAL_POINT;
      ctx->decimal_assumed = TRUE;
    }

  ctx->result->decimal = ctx->decimal;
  ctx->result->date_order = ctx->date_order;
  locale_evidence_clear (&evidence);
  return ok;
}

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
  g_autoptr(TallyTableReader) reader = tally_table_reader_open (path, error);
  guint64 n = 0;
  ImportRow row;

  /* The header again, then the rows. */
  if (reader == NULL || !tally_table_reader_next_row (reader, error))
    return FALSE;

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

/* Prepares a table: header, mapping, locale. */
static gboolean
read_table_header (ImportContext  *ctx,
                   const char     *path,
                   GError        **error)
{
  g_autoptr(TallyTableReader) reader = tally_table_reader_open (path, error);
  g_auto(GStrv) headers = NULL;

  if (reader == NULL)
    return FALSE;

  if (!tally_table_reader_next_row (reader, error))
    {
      if (error == NULL || *error == NULL)
        g_set_error (error, TALLY_ERROR, TALLY_ERROR_INVALID,
                     _("“%s” is empty; export it again with its data."), ctx->display_name);
      return FALSE;
    }

  ctx->result->reader = g_strdup (tally_table_reader_describe (reader));
  if (TALLY_IS_TABLE_READER (reader) && g_str_has_prefix (ctx->result->reader, "Excel"))
    ctx->result->line_word = _("row");

  headers = tally_table_reader_dup_row (reader);
  ctx->mapping = choose_mapping (ctx, (const char * const *) headers, g_strv_length (headers), error);
  if (ctx->mapping == NULL)
    return FALSE;

  ctx->target = ctx->mapping->target;
  ctx->origin = g_strdup (ctx->mapping->origin);
  ctx->contact_origin = g_strdup (ctx->mapping->contact_origin != NULL ? ctx->mapping->contact_origin
                                                                       : ctx->mapping->origin);
  ctx->kind = g_strdup (ctx->mapping->kind);
  ctx->record_is_contact = ctx->mapping->record_is_contact;
  ctx->header_currency = g_strdup (ctx->mapping->header_currency);
  ctx->result->preset_id = g_strdup (tally_preset_get_id (ctx->mapping->preset));
  ctx->result->preset_name = g_strdup (tally_preset_get_name (ctx->mapping->preset));
  ctx->result->confidence = ctx->mapping->confidence;
  ctx->result->target = ctx->target;

  if (ctx->header_currency != NULL && tally_currency_lookup (ctx->header_currency) == NULL)
    {
      g_set_error (error, TALLY_ERROR, TALLY_ERROR_INVALID,
                   _("“%s” names its currency “%s” in a column header, and “%s” is not an ISO 4217 currency code such as MXN or USD; correct the header and import it again."),
                   ctx->display_name, ctx->header_currency, ctx->header_currency);
      return FALSE;
    }

  if (!check_required_fields (ctx, error))
    return FALSE;

  if (!detect_locale (ctx, reader, error))
    return FALSE;

  /* A header and no data rows is no export. */
  return TRUE;
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

/* The hash from the other core, needed for the batch row. */
static gboolean
wait_for_hash (ImportContext  *ctx,
               GError        **error)
{
  if (ctx->hash_thread == NULL)
    return TRUE;

  g_thread_join (g_steal_pointer (&ctx->hash_thread));
  return finish_hash (ctx->hash_job, ctx->result, error);
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

static gboolean
write_batch (ImportContext        *ctx,
             const char           *path,
             TallyImportFormat     format,
             TallyImportProgress   progress,
             gpointer              progress_data,
             GCancellable         *cancellable,
             GError              **error)
{
  if (!insert_batch (ctx, error) || !_tally_import_prepare (ctx, error))
    return FALSE;

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

  warn_what_cannot_count (ctx);
  return _tally_import_finish (ctx, error);
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

  if (format == TALLY_IMPORT_FORMAT_TABLE && !read_table_header (ctx, path, error))
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

  if (!_tally_project_begin (ctx->project, error))
    return FALSE;
  _tally_store_exec (ctx->store, "PRAGMA cache_size = -32768", NULL);

  if (!write_batch (ctx, path, format, progress, progress_data, cancellable, error))
    {
      _tally_project_rollback (ctx->project);
      return FALSE;
    }

  g_ptr_array_sort (ctx->result->issues, compare_issues);

  if (ctx->result->n_rejected > 0 && !ctx->options->skip_invalid)
    {
      _tally_project_rollback (ctx->project);
      set_rejected_error (ctx, error);
      return FALSE;
    }
  /* Summary and footer lines are skipped too, and counted (SPEC 4). */
  ctx->result->rows_skipped = ctx->result->n_rejected + ctx->result->rows_ignored;

  if (!wait_for_hash (ctx, error) || !record_batch (ctx, error) ||
      (ctx->options->mapping != NULL && ctx->mapping != NULL && !save_mapping (ctx, error)))
    {
      _tally_project_rollback (ctx->project);
      return FALSE;
    }

  if (ctx->options->dry_run)
    {
      _tally_project_rollback (ctx->project);
      return TRUE;
    }

  if (!_tally_project_bump_data_version (ctx->project, error))
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
  g_autoptr(TallyImportResult) outcome = result_new (path);
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

  ok = _tally_project_check_writable (project, error) && stat_file (path, outcome, &size, error);

  /* The SHA-256 of a big file takes a while. Only a file of a size seen
   * before can be a repeat, so it is hashed first; any other is hashed on
   * the second core while it is imported. */
  if (ok)
    {
      HashJob *job = g_new0 (HashJob, 1);

      outcome->file_size = size;

      job->path = g_strdup (path);
      ctx.hash_job = job;
      if (size_seen_before (project, size))
        ok = finish_hash (hash_worker (job), outcome, error) && check_not_imported (project, outcome, error);
      else
        ctx.hash_thread = g_thread_new ("tally-hash", hash_worker, job);
    }

  ok = ok && run_import (&ctx, path, progress, progress_data, cancellable, error);

  /* Whatever happened, the hashing thread ends before the file is let go. */
  if (ctx.hash_thread != NULL)
    g_thread_join (ctx.hash_thread);
  g_clear_pointer (&ctx.hash_job, hash_job_free);

  context_clear (&ctx);
  if (ok && progress != NULL)
    progress (1.0, progress_data);
  if (ok && !outcome->dry_run)
    tally_project_notify_data_changed (project);
  if (result != NULL)
    *result = g_steal_pointer (&outcome);
  return ok;
}
