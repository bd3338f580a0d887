/* tally-timezone.h
 *
 * Copyright 2026 The Tally authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

gboolean   tally_timezone_is_valid   (const char *name);
char      *tally_timezone_get_system (void);
GPtrArray *tally_timezone_list       (void);

G_END_DECLS
