/* tally-import-session.h: several files into a project as one change
 *
 * Copyright 2026 The Tally authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "tally-import.h"
#include "tally-project.h"

G_BEGIN_DECLS

/* The project's totals, as the data says them (published days or not), in
 * minor units of the reporting currency (cents). */
typedef struct
{
  gboolean valid;
  double   spend;
  double   meta_value;
  double   revenue;
  gint64   new_customers;
  guint    pending;         /* published days whose numbers the data changed */
} TallyImportTotals;

#define TALLY_TYPE_IMPORT_SESSION (tally_import_session_get_type ())
G_DECLARE_FINAL_TYPE (TallyImportSession, tally_import_session, TALLY, IMPORT_SESSION, GObject)

TallyImportSession      *tally_import_session_new                (TallyProject              *project);
TallyProject            *tally_import_session_get_project        (TallyImportSession        *self);

void                     tally_import_session_import_async       (TallyImportSession        *self,
                                                                  const char                *path,
                                                                  const TallyImportOptions  *options,
                                                                  GCancellable              *cancellable,
                                                                  GAsyncReadyCallback        callback,
                                                                  gpointer                   user_data);
gboolean                 tally_import_session_import_finish      (TallyImportSession        *self,
                                                                  GAsyncResult              *result,
                                                                  TallyImportResult        **import_result,
                                                                  GError                   **error);
double                   tally_import_session_get_progress       (TallyImportSession        *self);

void                     tally_import_session_commit_async       (TallyImportSession        *self,
                                                                  GCancellable              *cancellable,
                                                                  GAsyncReadyCallback        callback,
                                                                  gpointer                   user_data);
gboolean                 tally_import_session_commit_finish      (TallyImportSession        *self,
                                                                  GAsyncResult              *result,
                                                                  GError                   **error);
void                     tally_import_session_discard            (TallyImportSession        *self);

gboolean                 tally_import_session_is_busy            (TallyImportSession        *self);
gboolean                 tally_import_session_is_committed       (TallyImportSession        *self);
guint                    tally_import_session_get_n_imported     (TallyImportSession        *self);
gint64                   tally_import_session_get_batch_id       (TallyImportSession        *self,
                                                                  guint                      index);
const TallyImportTotals *tally_import_session_get_totals_before  (TallyImportSession        *self);
const TallyImportTotals *tally_import_session_get_totals_after   (TallyImportSession        *self);
const char              *tally_import_session_get_currency       (TallyImportSession        *self);
guint                    tally_import_session_get_decimals       (TallyImportSession        *self);

G_END_DECLS
