/* tally-pull.h: Meta insights and ECB rates pulled into a project
 *
 * Copyright 2026 The Tally authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "tally-import.h"
#include "tally-meta-api.h"
#include "tally-project.h"
#include "tally-token.h"

G_BEGIN_DECLS

/**
 * TallyPullOptions:
 * @token: (nullable): the access token; %NULL: tally_token_lookup()
 * @account_id: (nullable): the ad account; %NULL: the project's
 *   `meta_account_id`
 * @from: (nullable): the first day; %NULL: the last day pulled for the
 *   account minus 28 days (Meta's restatement window)
 * @to: (nullable): the last day; %NULL: yesterday in the account's zone
 * @history: for rates, the ECB's whole history instead of `fx_feed_url`
 * @time_scale: every wait (pacing, retries, polling) times this; 0 is 1
 */
typedef struct
{
  const char *token;
  const char *account_id;
  const char *from;
  const char *to;
  gboolean    history;
  double      time_scale;
} TallyPullOptions;

/**
 * TallyPullResult:
 * @import: (nullable): the batch, as an import reports it; %NULL when
 *   nothing new came (the answer was the same as an earlier pull's)
 * @account: (nullable): the account pulled, for Meta
 * @from: the first day asked for, YYYY-MM-DD (Meta)
 * @to: the last day asked for (Meta)
 * @note: (nullable): a sentence about what else happened or did not
 */
typedef struct
{
  TallyImportResult *import;
  TallyMetaAccount  *account;
  char               from[11];
  char               to[11];
  char              *note;
} TallyPullResult;

void       tally_pull_result_free   (TallyPullResult         *result);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (TallyPullResult, tally_pull_result_free)

GPtrArray *tally_pull_accounts      (TallyProject            *project,
                                     const TallyPullOptions  *options,
                                     GCancellable            *cancellable,
                                     GError                 **error);
gboolean   tally_pull_default_range (TallyProject            *project,
                                     const char              *account_id,
                                     char                     from[11],
                                     char                     to[11],
                                     GError                 **error);
gboolean   tally_pull_meta          (TallyProject            *project,
                                     const TallyPullOptions  *options,
                                     TallyPullProgress        progress,
                                     gpointer                 progress_data,
                                     GCancellable            *cancellable,
                                     TallyPullResult        **result,
                                     GError                 **error);
gboolean   tally_pull_fx            (TallyProject            *project,
                                     const TallyPullOptions  *options,
                                     TallyPullProgress        progress,
                                     gpointer                 progress_data,
                                     GCancellable            *cancellable,
                                     TallyPullResult        **result,
                                     GError                 **error);

G_END_DECLS
