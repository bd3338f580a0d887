/* tally-memory.h: hints about how big tables are used
 *
 * Copyright 2026 The Tally authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

void tally_memory_advise_huge (gpointer memory,
                               gsize    size);

G_END_DECLS
