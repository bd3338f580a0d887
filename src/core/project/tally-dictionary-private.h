/* tally-dictionary-private.h: the dictionary's table, for the core
 *
 * Copyright 2026 The Tally authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "tally-dictionary.h"
#include "tally-store.h"

G_BEGIN_DECLS

/* The columns of `kpis` in the order the dictionary binds and reads them. */
#define KPI_COLUMNS "id, name, definition, formula, source, source_note, grain, join_keys, unit, core"

gboolean _tally_dictionary_seed (TallyStore  *store,
                                 GError     **error);

G_END_DECLS
