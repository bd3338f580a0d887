/* tally-import-preview.c: the first rows of an export and how Tally would
 * read them, before anything is imported
 *
 * Copyright 2026 The Tally authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The import wizard shows this, lets a person correct the mapping, and then
 * imports with that mapping: the same choice of mapping as the import makes
 * by itself (one made by hand for this header before, else the preset the
 * header matches best), so that what the preview shows is what happens.
 */
#define G_LOG_DOMAIN "tally-import"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "tally-import-preview.h"
#include "tally-error.h"
#include "tally-import-private.h"
#include "tally-table-reader.h"

void
tally_import_preview_free (TallyImportPreview *preview)
{
  if (preview == NULL)
    return;

  g_free (preview->path);
  g_free (preview->file_name);
  g_free (preview->reader);
  g_strfreev (preview->headers);
  g_clear_pointer (&preview->rows, g_ptr_array_unref);
  tally_mapping_free (preview->mapping);
  g_free (preview->detect_problem);
  g_free (preview->preset_id);
  g_free (preview);
}

static gboolean
preview_table (TallyProject        *project,
               TallyImportPreview  *preview,
               guint                max_rows,
               GError             **error)
{
  g_autoptr(TallyTableReader) reader = tally_table_reader_open (preview->path, error);
  g_autoptr(GError) detect_error = NULL;
  g_autofree char *signature = NULL;
  g_autoptr(JsonNode) saved = NULL;
  guint n_headers;

  if (reader == NULL)
    return FALSE;

  if (!tally_table_reader_next_row (reader, error))
    {
      if (error == NULL || *error == NULL)
        g_set_error (error, TALLY_ERROR, TALLY_ERROR_INVALID,
                     _("“%s” is empty; export it again with its data."), preview->file_name);
      return FALSE;
    }

  preview->reader = g_strdup (tally_table_reader_describe (reader));
  preview->headers = tally_table_reader_dup_row (reader);
  n_headers = g_strv_length (preview->headers);

  while (preview->rows->len < max_rows && tally_table_reader_next_row (reader, error))
    g_ptr_array_add (preview->rows, tally_table_reader_dup_row (reader));
  if (error != NULL && *error != NULL)
    return FALSE;

  signature = tally_mapping_signature ((const char * const *) preview->headers, n_headers);
  saved = _tally_import_load_saved_mapping (project, signature);
  if (saved != NULL)
    preview->mapping = tally_mapping_from_json (saved, (const char * const *) preview->headers, n_headers,
                                                preview->file_name, NULL);
  preview->mapping_saved = preview->mapping != NULL;

  if (preview->mapping == NULL)
    preview->mapping = tally_mapping_detect ((const char * const *) preview->headers, n_headers,
                                             preview->file_name, &detect_error);
  if (preview->mapping == NULL)
    preview->detect_problem = g_strdup (detect_error->message);

  return TRUE;
}

/**
 * tally_import_preview:
 * @project: the project the file would go into
 * @path: an export file
 * @max_rows: how many rows to read after the header
 * @error: return location for a #TallyError
 *
 * Reads the header and the first @max_rows rows of a table, and finds what
 * its columns hold. JSON and XML files are read by their one preset and
 * have no columns to map. A table whose source is not recognized has
 * @mapping %NULL and @detect_problem set: it can still be mapped by hand.
 *
 * Returns: (transfer full): the preview, or %NULL with @error set when the
 *   file cannot be read at all
 */
TallyImportPreview *
tally_import_preview (TallyProject  *project,
                      const char    *path,
                      guint          max_rows,
                      GError       **error)
{
  g_autoptr(TallyImportPreview) preview = g_new0 (TallyImportPreview, 1);

  g_return_val_if_fail (TALLY_IS_PROJECT (project), NULL);
  g_return_val_if_fail (path != NULL, NULL);

  preview->path = g_strdup (path);
  preview->file_name = g_filename_display_basename (path);
  preview->rows = g_ptr_array_new_with_free_func ((GDestroyNotify) g_strfreev);

  if (!g_file_test (path, G_FILE_TEST_IS_REGULAR))
    {
      g_set_error (error, TALLY_ERROR, TALLY_ERROR_IO,
                   _("“%s” does not exist or is not a file; choose the export again."), preview->file_name);
      return NULL;
    }

  preview->format = tally_import_sniff_format (path);
  switch (preview->format)
    {
    case TALLY_IMPORT_FORMAT_JSON:
      preview->preset_id = g_strdup ("meta-insights-json");
      preview->reader = g_strdup ("JSON");
      return g_steal_pointer (&preview);

    case TALLY_IMPORT_FORMAT_XML:
      preview->preset_id = g_strdup ("ecb-xml");
      preview->reader = g_strdup ("XML");
      return g_steal_pointer (&preview);

    case TALLY_IMPORT_FORMAT_TABLE:
    default:
      if (!preview_table (project, preview, max_rows, error))
        return NULL;
      return g_steal_pointer (&preview);
    }
}
