/* tally-facts-private.h: the facts and their cache, inside the core
 *
 * Copyright 2026 The Tally authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "tally-facts.h"

G_BEGIN_DECLS

TallyFacts *_tally_facts_new           (void);
gint64      _tally_facts_data_version  (TallyProject *project);
TallyFacts *_tally_facts_cache_read    (TallyProject *project,
                                        gint64        data_version);
void        _tally_facts_cache_write   (TallyProject *project,
                                        TallyFacts   *facts);

G_END_DECLS
