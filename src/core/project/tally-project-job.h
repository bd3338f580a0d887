/* tally-project-job.h: a change to a project, made in a worker thread
 *
 * Copyright 2026 The Tally authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "tally-project.h"

G_BEGIN_DECLS

/* Makes a change through @project, a connection opened for it alone. */
typedef gboolean (*TallyProjectJob) (TallyProject  *project,
                                     gpointer       data,
                                     GError       **error);

void     tally_project_run_async  (TallyProject        *project,
                                   TallyProjectJob      func,
                                   gpointer             data,
                                   GDestroyNotify       data_free,
                                   GCancellable        *cancellable,
                                   GAsyncReadyCallback  callback,
                                   gpointer             user_data);
gboolean tally_project_run_finish (TallyProject        *project,
                                   GAsyncResult        *result,
                                   GError             **error);

G_END_DECLS
