/* tally-fake-server.h: a web server on loopback that answers what a test
 * gives it, for the network client's tests
 *
 * Copyright 2026 The Tally authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef struct _FakeServer FakeServer;

FakeServer *fake_server_new        (void);
void        fake_server_free       (FakeServer *server);
const char *fake_server_get_base   (FakeServer *server);
void        fake_server_add        (FakeServer *server,
                                    const char *path,
                                    guint       status,
                                    const char *body,
                                    ...) G_GNUC_NULL_TERMINATED;
void        fake_server_add_file   (FakeServer *server,
                                    const char *path,
                                    const char *file);
void        fake_server_add_cut    (FakeServer *server,
                                    const char *path,
                                    const char *partial_body);
guint       fake_server_count      (FakeServer *server,
                                    const char *path);
gint64      fake_server_time       (FakeServer *server,
                                    const char *path,
                                    guint       n);
char       *fake_server_request    (FakeServer *server,
                                    const char *path,
                                    guint       n);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (FakeServer, fake_server_free)

G_END_DECLS
