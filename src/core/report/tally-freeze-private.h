/* tally-freeze-private.h: the freeze, for the core's own writers
 *
 * Copyright 2026 The Tally authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "tally-freeze.h"

G_BEGIN_DECLS

gboolean    _tally_freeze_restate_changed (TallyProject  *project,
                                           const char    *why,
                                           GError       **error);
gboolean    _tally_freeze_store_days      (TallyProject  *project,
                                           TallyEngine   *engine,
                                           gint64         publication,
                                           GArray        *days,
                                           GError       **error);
const char *_tally_freeze_who             (void);
char       *_tally_freeze_now_iso         (void);

G_END_DECLS
