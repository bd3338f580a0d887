/* tally-pull-job.h: a pull on a worker thread, for the app
 *
 * Copyright 2026 The Tally authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "tally-pull.h"

G_BEGIN_DECLS

typedef enum
{
  TALLY_PULL_ACCOUNTS,
  TALLY_PULL_META,
  TALLY_PULL_FX,
} TallyPullKind;

#define TALLY_TYPE_PULL_JOB (tally_pull_job_get_type ())
G_DECLARE_FINAL_TYPE (TallyPullJob, tally_pull_job, TALLY, PULL_JOB, GObject)

TallyPullJob          *tally_pull_job_new          (TallyProject            *project,
                                                    TallyPullKind            kind,
                                                    const TallyPullOptions  *options);
void                   tally_pull_job_run_async    (TallyPullJob            *self,
                                                    GCancellable            *cancellable,
                                                    GAsyncReadyCallback      callback,
                                                    gpointer                 user_data);
gboolean               tally_pull_job_run_finish   (TallyPullJob            *self,
                                                    GAsyncResult            *result,
                                                    GError                 **error);
double                 tally_pull_job_get_fraction (TallyPullJob            *self);
char                  *tally_pull_job_dup_status   (TallyPullJob            *self);
const TallyPullResult *tally_pull_job_get_result   (TallyPullJob            *self);
GPtrArray             *tally_pull_job_get_accounts (TallyPullJob            *self);

G_END_DECLS
