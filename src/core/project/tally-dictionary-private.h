/* tally-dictionary-private.h
 *
 * Copyright 2026 The Tally authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <sqlite3.h>

#include "tally-dictionary.h"

G_BEGIN_DECLS

gboolean _tally_dictionary_seed (sqlite3     *db,
                                 const char  *display_name,
                                 GError     **error);

G_END_DECLS
