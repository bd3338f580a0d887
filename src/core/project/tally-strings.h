/* tally-strings.h: texts that repeat from row to row, kept once in the
 * project's strings table and stored as its ids
 *
 * Copyright 2026 The Tally authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "tally-store.h"

G_BEGIN_DECLS

typedef struct _TallyStrings TallyStrings;

TallyStrings *_tally_strings_new    (TallyStore    *store,
                                     GError       **error);
void          _tally_strings_free   (TallyStrings  *strings);
const char   *_tally_strings_column (TallyStrings  *strings,
                                     sqlite3_stmt  *stmt,
                                     int            column);
gint64        _tally_strings_find   (TallyStrings  *strings,
                                     const char    *text);
const char   *_tally_strings_text   (TallyStrings  *strings,
                                     gint64         id);
gint64        _tally_strings_add    (TallyStrings  *strings,
                                     const char    *text);
gboolean      _tally_strings_write  (TallyStrings  *strings,
                                     GError       **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (TallyStrings, _tally_strings_free)

G_END_DECLS
