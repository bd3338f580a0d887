/* tally-preset-private.h: what the presets and the JSON mappings share
 *
 * Copyright 2026 The Tally authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "tally-preset.h"

G_BEGIN_DECLS

typedef struct
{
  char     *field;
  char     *original;         /* the first spelling, for messages */
  GStrv     headers;          /* normalized */
  gboolean  currency_suffix;
  gboolean  detect_only;
} PresetColumn;

struct _TallyPreset
{
  char        *id;
  char        *name;
  char        *format;
  TallyTarget  target;
  char        *origin;
  char        *contact_origin;
  char        *kind;
  gboolean     record_is_contact;
  GStrv        signature;
  GStrv        footer;        /* normalized prefixes */
  GStrv        header_prefixes; /* "Deal - ": an object prefix most headers carry */
  JsonObject  *hints;           /* field → what to do when its column is missing */
  GArray      *columns;       /* PresetColumn */
};

const char   *_tally_preset_member_string (JsonObject         *object,
                                           const char         *name);
TallyMapping *_tally_mapping_new          (const TallyPreset  *preset,
                                           const char * const *headers,
                                           guint               n_headers);
void          _tally_mapping_index_fields (TallyMapping       *mapping);
guint         _tally_mapping_apply_preset (TallyMapping       *mapping,
                                           const TallyPreset  *preset,
                                           guint              *n_mapped);

G_END_DECLS
