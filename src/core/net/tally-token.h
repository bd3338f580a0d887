/* tally-token.h: the Meta token, in the user's keyring
 *
 * Copyright 2026 The Tally authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

#define TALLY_TOKEN_ENV "TALLY_META_TOKEN"

gboolean  tally_token_store  (const char    *token,
                              GCancellable  *cancellable,
                              GError       **error);
void      tally_token_store_async  (const char          *token,
                                    GCancellable        *cancellable,
                                    GAsyncReadyCallback  callback,
                                    gpointer             user_data);
gboolean  tally_token_store_finish (GAsyncResult        *result,
                                    GError             **error);
char     *tally_token_lookup (GCancellable  *cancellable,
                              GError       **error);
gboolean  tally_token_clear  (GCancellable  *cancellable,
                              GError       **error);

G_END_DECLS
