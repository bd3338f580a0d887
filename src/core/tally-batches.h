/* tally-batches.h: the import batches of a project, and undo
 *
 * Copyright 2026 The Tally authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>
#include <json-glib/json-glib.h>

#include "tally-project.h"

G_BEGIN_DECLS

typedef struct
{
  gint64   id;
  char    *file_name;
  gint64   file_size;
  char    *sha256;
  char    *source;
  char    *kind;
  char    *locale;
  gint64   rows_added;
  gint64   rows_replaced;
  gint64   rows_skipped;
  char    *imported_at;
  char    *undone_at;
} TallyBatch;

GPtrArray *tally_batches_list    (TallyProject  *project,
                                  GError       **error);
gboolean   tally_batches_undo    (TallyProject  *project,
                                  gint64         batch_id,
                                  GError       **error);
void       tally_batches_undo_async  (TallyProject        *project,
                                      gint64               batch_id,
                                      GCancellable        *cancellable,
                                      GAsyncReadyCallback  callback,
                                      gpointer             user_data);
gboolean   tally_batches_undo_finish (TallyProject        *project,
                                      GAsyncResult        *result,
                                      GError             **error);
JsonNode  *tally_batches_to_json (GPtrArray     *batches);
void       tally_batch_free      (TallyBatch    *batch);

G_END_DECLS
