/* tally-table-reader.h: rows of a tabular export, one at a time
 *
 * Copyright 2026 The Tally authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

#define TALLY_TYPE_TABLE_READER (tally_table_reader_get_type ())
G_DECLARE_DERIVABLE_TYPE (TallyTableReader, tally_table_reader, TALLY, TABLE_READER, GObject)

struct _TallyTableReaderClass
{
  GObjectClass parent_class;

  /* Reads the next record into the reader's fields; FALSE at the end of the
   * file (error unset) or on a read error (error set). */
  gboolean (*next_row) (TallyTableReader  *self,
                        GError           **error);
};

TallyTableReader *tally_table_reader_open        (const char        *path,
                                                  GError           **error);
gboolean          tally_table_reader_next_row    (TallyTableReader  *self,
                                                  GError           **error);
guint             tally_table_reader_get_n_fields (TallyTableReader *self);
const char       *tally_table_reader_get_field   (TallyTableReader  *self,
                                                  guint              index);
gboolean          tally_table_reader_is_typed    (TallyTableReader  *self,
                                                  guint              index);
guint64           tally_table_reader_get_line    (TallyTableReader  *self);
const char       *tally_table_reader_describe    (TallyTableReader  *self);
double            tally_table_reader_get_progress (TallyTableReader *self);
GStrv             tally_table_reader_dup_row     (TallyTableReader  *self);
gboolean          tally_table_reader_has_fixed_width (TallyTableReader *self);
void              tally_table_reader_keep_rows   (TallyTableReader  *self,
                                                  guint              max_rows);
gboolean          tally_table_reader_rewind      (TallyTableReader  *self);

/* For subclasses. */
void              _tally_table_reader_set_row    (TallyTableReader  *self,
                                                  char             **fields,
                                                  gboolean          *typed,
                                                  guint              n_fields,
                                                  guint64            line);
void              _tally_table_reader_set_description (TallyTableReader *self,
                                                  const char        *description);
void              _tally_table_reader_set_fixed_width (TallyTableReader *self,
                                                  gboolean           fixed_width);
void              _tally_table_reader_set_progress (TallyTableReader *self,
                                                  double             progress);

G_END_DECLS
