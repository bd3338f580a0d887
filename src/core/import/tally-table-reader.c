/* tally-table-reader.c: rows of a tabular export, one at a time
 *
 * Copyright 2026 The Tally authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Readers stream: a row's fields live until the next row is read, and
 * memory does not grow with the file. A field is "typed" when the file
 * stored it as a number or a date (an XLSX numeric cell) rather than as
 * text, so that no number locale applies to it.
 */
#define G_LOG_DOMAIN "tally-table-reader"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "tally-csv-reader.h"
#include "tally-error.h"
#include "tally-table-reader.h"
#include "tally-xlsx-reader.h"

typedef struct
{
  char     **fields;
  gboolean  *typed;
  guint      n_fields;
  guint64    line;
  char      *description;
  double     progress;
  gboolean   fixed_width;
} TallyTableReaderPrivate;

G_DEFINE_ABSTRACT_TYPE_WITH_PRIVATE (TallyTableReader, tally_table_reader, G_TYPE_OBJECT)

static void
tally_table_reader_finalize (GObject *object)
{
  TallyTableReaderPrivate *priv = tally_table_reader_get_instance_private (TALLY_TABLE_READER (object));

  g_clear_pointer (&priv->description, g_free);

  G_OBJECT_CLASS (tally_table_reader_parent_class)->finalize (object);
}

static void
tally_table_reader_class_init (TallyTableReaderClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = tally_table_reader_finalize;
}

static void
tally_table_reader_init (TallyTableReader *self)
{
}

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

gboolean
tally_table_reader_next_row (TallyTableReader  *self,
                             GError           **error)
{
  g_return_val_if_fail (TALLY_IS_TABLE_READER (self), FALSE);

  return TALLY_TABLE_READER_GET_CLASS (self)->next_row (self, error);
}

guint
tally_table_reader_get_n_fields (TallyTableReader *self)
{
  TallyTableReaderPrivate *priv = tally_table_reader_get_instance_private (self);

  return priv->n_fields;
}

/**
 * tally_table_reader_get_field:
 *
 * Returns: the field's text, "" past the end of a short row
 */
const char *
tally_table_reader_get_field (TallyTableReader *self,
                              guint             index)
{
  TallyTableReaderPrivate *priv = tally_table_reader_get_instance_private (self);

  return index < priv->n_fields ? priv->fields[index] : "";
}

gboolean
tally_table_reader_is_typed (TallyTableReader *self,
                             guint             index)
{
  TallyTableReaderPrivate *priv = tally_table_reader_get_instance_private (self);

  return priv->typed != NULL && index < priv->n_fields && priv->typed[index];
}

/**
 * tally_table_reader_get_line:
 *
 * Returns: the line of the file where the current row starts (the row
 *   number of a spreadsheet), as a person would look it up
 */
guint64
tally_table_reader_get_line (TallyTableReader *self)
{
  TallyTableReaderPrivate *priv = tally_table_reader_get_instance_private (self);

  return priv->line;
}

/**
 * tally_table_reader_describe:
 *
 * Returns: what the reader found, such as "UTF-8 with BOM, ';'-separated"
 */
const char *
tally_table_reader_describe (TallyTableReader *self)
{
  TallyTableReaderPrivate *priv = tally_table_reader_get_instance_private (self);

  return priv->description != NULL ? priv->description : "";
}

/**
 * tally_table_reader_get_progress:
 *
 * Returns: how much of the file has been read, from 0 to 1
 */
double
tally_table_reader_get_progress (TallyTableReader *self)
{
  TallyTableReaderPrivate *priv = tally_table_reader_get_instance_private (self);

  return priv->progress;
}

void
_tally_table_reader_set_row (TallyTableReader  *self,
                             char             **fields,
                             gboolean          *typed,
                             guint              n_fields,
                             guint64            line)
{
  TallyTableReaderPrivate *priv = tally_table_reader_get_instance_private (self);

  priv->fields = fields;
  priv->typed = typed;
  priv->n_fields = n_fields;
  priv->line = line;
}

void
_tally_table_reader_set_description (TallyTableReader *self,
                                     const char       *description)
{
  TallyTableReaderPrivate *priv = tally_table_reader_get_instance_private (self);

  g_free (priv->description);
  priv->description = g_strdup (description);
}

/**
 * tally_table_reader_has_fixed_width:
 *
 * Returns: whether every row of the file must have as many fields as its
 *   header (text files do; a workbook leaves out empty cells at the end)
 */
gboolean
tally_table_reader_has_fixed_width (TallyTableReader *self)
{
  TallyTableReaderPrivate *priv = tally_table_reader_get_instance_private (self);

  return priv->fixed_width;
}

void
_tally_table_reader_set_fixed_width (TallyTableReader *self,
                                     gboolean          fixed_width)
{
  TallyTableReaderPrivate *priv = tally_table_reader_get_instance_private (self);

  priv->fixed_width = fixed_width;
}

void
_tally_table_reader_set_progress (TallyTableReader *self,
                                  double            progress)
{
  TallyTableReaderPrivate *priv = tally_table_reader_get_instance_private (self);

  priv->progress = progress;
}

/**
 * tally_table_reader_dup_row:
 * @self: a reader on a row
 *
 * Returns: (transfer full): a copy of the current row's fields
 */
GStrv
tally_table_reader_dup_row (TallyTableReader *self)
{
  guint n = tally_table_reader_get_n_fields (self);
  GStrv row = g_new0 (char *, n + 1);

  for (guint i = 0; i < n; i++)
    row[i] = g_strdup (tally_table_reader_get_field (self, i));
  return row;
}
