/* tally-row-writer.h: a batch's rows, written by a thread of their own
 *
 * Copyright 2026 The Tally authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "tally-store.h"

G_BEGIN_DECLS

typedef struct _TallyRowWriter TallyRowWriter;

TallyRowWriter *_tally_row_writer_new         (TallyStore     *store,
                                               sqlite3_stmt   *insert);
void            _tally_row_writer_free        (TallyRowWriter *writer);
void            _tally_row_bind_int64         (TallyRowWriter *writer,
                                               int             index,
                                               gint64          value);
void            _tally_row_bind_double        (TallyRowWriter *writer,
                                               int             index,
                                               double          value);
void            _tally_row_bind_text          (TallyRowWriter *writer,
                                               int             index,
                                               const char     *text,
                                               gssize          length);
void            _tally_row_bind_blob          (TallyRowWriter *writer,
                                               int             index,
                                               const void     *data,
                                               gsize           length);
void            _tally_row_bind_null          (TallyRowWriter *writer,
                                               int             index);
void            _tally_row_writer_clear       (TallyRowWriter *writer);
gboolean        _tally_row_writer_push        (TallyRowWriter *writer,
                                               GError        **error);
gboolean        _tally_row_writer_flush       (TallyRowWriter *writer,
                                               GError        **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (TallyRowWriter, _tally_row_writer_free)

G_END_DECLS
