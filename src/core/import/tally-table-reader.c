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

#include "tally-error.h"
#include "tally-table-reader.h"

typedef struct
{
  char     **fields;
  gboolean  *typed;
  guint      n_fields;
  guint64    line;
  char      *description;
  double     progress;
  gboolean   fixed_width;

  /* Rows kept while a caller looks ahead, and served again after a rewind. */
  GPtrArray *kept;
  guint      kept_max;
  gboolean   kept_overflow;
  GPtrArray *replay;
  guint      replay_next;
} TallyTableReaderPrivate;

/* A copy of one row, for the look-ahead. */
typedef struct
{
  char     **fields;
  gboolean  *typed;
  guint      n_fields;
  guint64    line;
} KeptRow;

static void
kept_row_free (KeptRow *row)
{
  g_strfreev (row->fields);
  g_free (row->typed);
  g_free (row);
}

G_DEFINE_ABSTRACT_TYPE_WITH_PRIVATE (TallyTableReader, tally_table_reader, G_TYPE_OBJECT)

static void
tally_table_reader_finalize (GObject *object)
{
  TallyTableReaderPrivate *priv = tally_table_reader_get_instance_private (TALLY_TABLE_READER (object));

  g_clear_pointer (&priv->description, g_free);
  g_clear_pointer (&priv->kept, g_ptr_array_unref);
  g_clear_pointer (&priv->replay, g_ptr_array_unref);

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

static void
keep_row (TallyTableReader        *self,
          TallyTableReaderPrivate *priv)
{
  KeptRow *row;

  if (priv->kept->len >= priv->kept_max)
    {
      g_clear_pointer (&priv->kept, g_ptr_array_unref);
      priv->kept_overflow = TRUE;
      return;
    }

  row = g_new0 (KeptRow, 1);
  row->fields = tally_table_reader_dup_row (self);
  row->n_fields = priv->n_fields;
  row->line = priv->line;
  if (priv->typed != NULL)
    row->typed = g_memdup2 (priv->typed, sizeof (gboolean) * priv->n_fields);
  g_ptr_array_add (priv->kept, row);
}

gboolean
tally_table_reader_next_row (TallyTableReader  *self,
                             GError           **error)
{
  TallyTableReaderPrivate *priv;
  gboolean ok;

  g_return_val_if_fail (TALLY_IS_TABLE_READER (self), FALSE);

  priv = tally_table_reader_get_instance_private (self);
  if (priv->replay != NULL && priv->replay_next < priv->replay->len)
    {
      KeptRow *row = g_ptr_array_index (priv->replay, priv->replay_next++);

      priv->fields = row->fields;
      priv->typed = row->typed;
      priv->n_fields = row->n_fields;
      priv->line = row->line;
      return TRUE;
    }

  ok = TALLY_TABLE_READER_GET_CLASS (self)->next_row (self, error);
  /* The kept rows may be pointed at until the reader has moved on. */
  g_clear_pointer (&priv->replay, g_ptr_array_unref);
  if (ok && priv->kept != NULL)
    keep_row (self, priv);
  return ok;
}

/**
 * tally_table_reader_keep_rows:
 * @self: a reader
 * @max_rows: how many rows to keep at most
 *
 * Keeps a copy of the rows read from now on, up to @max_rows, so that
 * tally_table_reader_rewind() can serve them again: a caller can look
 * ahead (to settle the locale) without reading the file twice.
 */
void
tally_table_reader_keep_rows (TallyTableReader *self,
                              guint             max_rows)
{
  TallyTableReaderPrivate *priv = tally_table_reader_get_instance_private (self);

  g_return_if_fail (TALLY_IS_TABLE_READER (self));

  g_clear_pointer (&priv->kept, g_ptr_array_unref);
  priv->kept = g_ptr_array_new_with_free_func ((GDestroyNotify) kept_row_free);
  priv->kept_max = max_rows;
  priv->kept_overflow = FALSE;
}

/**
 * tally_table_reader_rewind:
 * @self: a reader that keeps rows
 *
 * Serves the kept rows again, then goes on with the file.
 *
 * Returns: %FALSE when more rows were read than could be kept; the file
 *   must then be opened again
 */
gboolean
tally_table_reader_rewind (TallyTableReader *self)
{
  TallyTableReaderPrivate *priv = tally_table_reader_get_instance_private (self);

  g_return_val_if_fail (TALLY_IS_TABLE_READER (self), FALSE);

  if (priv->kept_overflow || priv->kept == NULL)
    return FALSE;

  g_clear_pointer (&priv->replay, g_ptr_array_unref);
  priv->replay = g_steal_pointer (&priv->kept);
  priv->replay_next = 0;
  return TRUE;
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
