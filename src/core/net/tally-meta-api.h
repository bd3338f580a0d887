/* tally-meta-api.h: Meta's Marketing API, as far as Tally reads it
 *
 * Copyright 2026 The Tally authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <json-glib/json-glib.h>

#include "tally-http.h"

G_BEGIN_DECLS

/**
 * TallyMetaAccount:
 * @id: "act_" and the account's number
 * @name: (nullable): its name
 * @currency: (nullable): the ISO 4217 code its spend is in
 * @timezone: (nullable): the IANA zone its days are in
 */
typedef struct
{
  char *id;
  char *name;
  char *currency;
  char *timezone;
} TallyMetaAccount;

void tally_meta_account_free (TallyMetaAccount *account);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (TallyMetaAccount, tally_meta_account_free)

/* @fraction of the pull done, and what it is doing, in a sentence. */
typedef void (*TallyPullProgress) (double      fraction,
                                   const char *status,
                                   gpointer    data);

typedef struct _TallyMetaApi TallyMetaApi;

TallyMetaApi     *_tally_meta_api_new       (const char         *base_url,
                                             const char         *version,
                                             const char         *token);
void              _tally_meta_api_free      (TallyMetaApi       *api);
TallyHttp        *_tally_meta_api_get_http  (TallyMetaApi       *api);
GPtrArray        *_tally_meta_api_accounts  (TallyMetaApi       *api,
                                             GCancellable       *cancellable,
                                             GError            **error);
TallyMetaAccount *_tally_meta_api_account   (TallyMetaApi       *api,
                                             const char         *account_id,
                                             GCancellable       *cancellable,
                                             GError            **error);
JsonArray        *_tally_meta_api_insights  (TallyMetaApi       *api,
                                             const char         *account_id,
                                             const char         *from,
                                             const char         *to,
                                             TallyPullProgress   progress,
                                             gpointer            progress_data,
                                             GCancellable       *cancellable,
                                             GError            **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (TallyMetaApi, _tally_meta_api_free)

G_END_DECLS
