/* tally-identity-set.h: the row identities an import has seen in its file
 *
 * Copyright 2026 The Tally authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef struct _IdentitySet IdentitySet;

IdentitySet *_tally_identity_set_new  (guint64      rows);
void         _tally_identity_set_free (IdentitySet *set);
gint64       _tally_identity_set_find (IdentitySet *set,
                                       const char  *identity,
                                       gsize        length,
                                       gint64       number);
void         _tally_identity_set_add  (IdentitySet *set,
                                       const char  *identity,
                                       gsize        length,
                                       gint64       number,
                                       gint64       row_id);

G_END_DECLS
