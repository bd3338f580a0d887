/* tally-freeze-private.h: the freeze, for the core's own writers
 *
 * Copyright 2026 The Tally authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "tally-freeze.h"

G_BEGIN_DECLS

gboolean _tally_freeze_restate_changed (TallyProject  *project,
                                        const char    *why,
                                        GError       **error);

G_END_DECLS
