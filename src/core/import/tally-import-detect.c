/* tally-import-detect.c: what a file is: its kind, the mapping of its
 * header, and the locale its values are written in
 *
 * Copyright 2026 The Tally authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The header picks a preset or a saved mapping (or the caller's); a look
 * at the first rows settles the decimal separator and the order of day and
 * month, or asks, instead of guessing. The rows looked at are kept by the
 * reader and served again to the import, so a table is read once.
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

gboolean
_tally_import_save_mapping (ImportContext  *ctx,
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

/* The fields each target cannot do without: a field, or its alternative. */
typedef struct
{
  int field;
  int alternative;
} Requirement;

static const Requirement *
requirements (TallyTarget  target,
              guint       *n)
{
  static const Requirement meta[] = { { META_DAY, META_DATE_START } };
  static const Requirement crm[] = { { CRM_RECORD_ID, -1 } };
  static const Requirement sessions[] = { { SESSIONS_DAY, -1 }, { SESSIONS_SESSIONS, -1 } };
  static const Requirement fx[] = { { FX_DAY, -1 }, { FX_CURRENCY, -1 }, { FX_RATE, -1 } };

  switch (target)
    {
    case TALLY_TARGET_META:
      *n = G_N_ELEMENTS (meta);
      return meta;
    case TALLY_TARGET_CRM:
      *n = G_N_ELEMENTS (crm);
      return crm;
    case TALLY_TARGET_SESSIONS:
      *n = G_N_ELEMENTS (sessions);
      return sessions;
    case TALLY_TARGET_FX:
      *n = G_N_ELEMENTS (fx);
      return fx;
    case TALLY_N_TARGETS:
    default:
      g_assert_not_reached ();
    }
}

/**
 * tally_mapping_missing_field:
 * @mapping: a mapping of a file's columns
 *
 * Returns: (nullable): the name people read of the first field its target
 *   needs that no column is mapped to ("Record ID"), or %NULL when none is
 *   missing
 */
const char *
tally_mapping_missing_field (const TallyMapping *mapping)
{
  const TallyFieldSpec *fields;
  const Requirement *needed;
  guint n, n_fields;

  needed = requirements (mapping->target, &n);
  fields = tally_fields_get (mapping->target, &n_fields);
  for (guint i = 0; i < n; i++)
    if (!tally_mapping_has_field (mapping, needed[i].field) &&
        !(needed[i].alternative >= 0 && tally_mapping_has_field (mapping, needed[i].alternative)))
      return _(fields[needed[i].field].label);
  return NULL;
}

static gboolean
check_required_fields (ImportContext  *ctx,
                       GError        **error)
{
  guint n;
  const Requirement *needed = requirements (ctx->target, &n);

  for (guint i = 0; i < n; i++)
    if (!require_field (ctx, needed[i].field, needed[i].alternative, error))
      return FALSE;
  return TRUE;
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



/* Prepares a table: header, mapping, locale. */
gboolean
_tally_import_read_header (ImportContext  *ctx,
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

  tally_table_reader_keep_rows (reader, SAMPLE_ROWS);
  if (!detect_locale (ctx, reader, error))
    return FALSE;
  ctx->reader = g_steal_pointer (&reader);

  /* A header and no data rows is no export. */
  return TRUE;
}
