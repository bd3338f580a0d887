/* tally-http.h: requests to a web service, retried and paced
 *
 * Copyright 2026 The Tally authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <libsoup/soup.h>

G_BEGIN_DECLS

typedef struct _TallyHttp TallyHttp;

/* Told of each wait: @seconds as the service would have it (before any
 * time scale), @why one sentence. */
typedef void (*TallyHttpWaitFunc) (double      seconds,
                                   const char *why,
                                   gpointer    data);

TallyHttp *_tally_http_new            (const char          *secret);
void       _tally_http_free           (TallyHttp           *http);
void       _tally_http_set_time_scale (TallyHttp           *http,
                                       double               scale);
void       _tally_http_set_wait_func  (TallyHttp           *http,
                                       TallyHttpWaitFunc    func,
                                       gpointer             data);
gboolean   _tally_http_wait           (TallyHttp           *http,
                                       double               seconds,
                                       const char          *why,
                                       GCancellable        *cancellable,
                                       GError             **error);
void       _tally_http_hold           (TallyHttp           *http,
                                       double               seconds,
                                       const char          *why);
GBytes    *_tally_http_send           (TallyHttp           *http,
                                       const char          *method,
                                       const char          *uri,
                                       GHashTable          *form,
                                       const char          *what,
                                       SoupMessageHeaders **headers,
                                       guint               *status,
                                       GCancellable        *cancellable,
                                       GError             **error);
char      *_tally_http_scrub          (TallyHttp           *http,
                                       const char          *text);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (TallyHttp, _tally_http_free)

G_END_DECLS
