/* tally-test-gtk.h: set-up shared by the in-process widget tests
 *
 * Copyright 2026 The Tally authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

gboolean tally_test_init_gtk (int    *argc,
                              char ***argv);

G_END_DECLS
