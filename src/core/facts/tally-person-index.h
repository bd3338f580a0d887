/* tally-person-index.h: persons numbered by the key they are matched by
 *
 * Copyright 2026 The Tally authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

#include "tally-facts-private.h"

G_BEGIN_DECLS

/* What a person's key is: a text (a contact id, or origin and record id),
 * an e-mail or phone hash as its 32 bytes, or a hash kept as text. */
typedef enum
{
  PERSON_KEY_TEXT,
  PERSON_KEY_EMAIL,
  PERSON_KEY_PHONE,
  PERSON_KEY_EMAIL_TEXT,
  PERSON_KEY_PHONE_TEXT,
} PersonKeyKind;

typedef struct _PersonIndex PersonIndex;

PersonIndex *_tally_person_index_new    (guint          expected);
void         _tally_person_index_free   (PersonIndex   *index);
guint32      _tally_person_index_digest (PersonIndex   *index,
                                         PersonKeyKind  kind,
                                         const guint8   digest[32],
                                         gboolean      *added);
guint32      _tally_person_index_text   (PersonIndex   *index,
                                         PersonKeyKind  kind,
                                         const char    *text,
                                         gsize          length,
                                         gboolean      *added);
guint32      _tally_person_index_of_record (PersonIndex          *index,
                                            const TallyCrmValues *values,
                                            GString              *scratch,
                                            gboolean             *added);

G_END_DECLS
