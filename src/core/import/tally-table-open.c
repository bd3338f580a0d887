/* tally-table-open.c: the reader a file's bytes call for
 *
 * Copyright 2026 The Tally authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The factory lives apart from the abstract reader, so that the reader
 * does not depend on its own subclasses.
 */
#define G_LOG_DOMAIN "tally-table-reader"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "tally-csv-reader.h"
#include "tally-error.h"
#include "tally-table-reader.h"
#include "tally-xlsx-reader.h"

/**
 * tally_table_reader_open:
 * @path: an export file
 * @error: return location for a #TallyError
 *
 * Opens @path with the reader its bytes call for: XLSX for a zip file, CSV
 * (or TSV, or semicolon-separated) for text.
 *
 * Returns: (transfer full): the reader, or %NULL with @error set
 */
TallyTableReader *
tally_table_reader_open (const char  *path,
                         GError     **error)
{
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GFileInputStream) stream = NULL;
  g_autofree char *name = g_filename_display_basename (path);
  guint8 magic[4] = { 0 };
  gssize n;

  stream = g_file_read (file, NULL, error);
  if (stream == NULL)
    {
      g_clear_error (error);
      g_set_error (error, TALLY_ERROR, TALLY_ERROR_INVALID,
                   _("“%s” could not be read; check that the file exists and that you can open it."), name);
      return NULL;
    }

  n = g_input_stream_read (G_INPUT_STREAM (stream), magic, sizeof magic, NULL, NULL);
  g_input_stream_close (G_INPUT_STREAM (stream), NULL, NULL);

  if (n == 4 && memcmp (magic, "PK\003\004", 4) == 0)
    return tally_xlsx_reader_new (path, error);

  return tally_csv_reader_new (path, error);
}
