/* tally-index.h: a fast map from 64-bit keys to pointers
 *
 * Copyright 2026 The Tally authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef struct _TallyIndex TallyIndex;

TallyIndex *tally_index_new    (void);
void        tally_index_free   (TallyIndex *index);
gpointer    tally_index_lookup (TallyIndex *index,
                                guint64     key);
void        tally_index_insert (TallyIndex *index,
                                guint64     key,
                                gpointer    value);
guint64     tally_index_hash   (guint64     key);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (TallyIndex, tally_index_free)

G_END_DECLS
