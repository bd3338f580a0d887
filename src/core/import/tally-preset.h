/* tally-preset.h: what each source's exports look like, and how a file's
 * columns map onto Tally's fields
 *
 * Copyright 2026 The Tally authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <json-glib/json-glib.h>

#include "tally-fields.h"

G_BEGIN_DECLS

typedef struct _TallyPreset TallyPreset;

#define TALLY_MAPPING_MAX_COLUMNS_PER_FIELD 4

typedef struct
{
  const TallyPreset *preset;
  TallyTarget        target;
  char              *origin;
  char              *contact_origin;
  char              *kind;
  gboolean           record_is_contact;
  double             confidence;
  guint              signature_hits;
  guint32            signature_found;   /* bit i: the preset's signature field i is there */
  char              *header_currency;
  guint              n_columns;
  char             **headers;
  int               *column_fields;
  int                field_columns[TALLY_MAX_FIELDS][TALLY_MAPPING_MAX_COLUMNS_PER_FIELD + 1];
  GStrv              footer;
} TallyMapping;

GPtrArray         *tally_preset_list           (void);
const TallyPreset *tally_preset_lookup         (const char          *id);
const char        *tally_preset_get_id         (const TallyPreset   *preset);
const char        *tally_preset_get_name       (const TallyPreset   *preset);
const char        *tally_preset_get_format     (const TallyPreset   *preset);
const char        *tally_preset_get_hint       (const TallyPreset   *preset,
                                                const char          *field);
const char        *tally_preset_get_column_name (const TallyPreset  *preset,
                                                const char          *field);
TallyTarget        tally_preset_get_target     (const TallyPreset   *preset);

TallyMapping      *tally_mapping_detect        (const char * const  *headers,
                                                guint                n_headers,
                                                const char          *display_name,
                                                GError             **error);
TallyMapping      *tally_mapping_for_preset    (const TallyPreset   *preset,
                                                const char * const  *headers,
                                                guint                n_headers);
TallyMapping      *tally_mapping_from_json     (JsonNode            *node,
                                                const char * const  *headers,
                                                guint                n_headers,
                                                const char          *display_name,
                                                GError             **error);
JsonNode          *tally_mapping_to_json       (const TallyMapping  *mapping);
gboolean           tally_mapping_set_column    (TallyMapping        *mapping,
                                                guint                column,
                                                const char          *field);
gboolean           tally_mapping_has_field     (const TallyMapping  *mapping,
                                                int                  field);
char              *tally_mapping_signature     (const char * const  *headers,
                                                guint                n_headers);
void               tally_mapping_free          (TallyMapping        *mapping);
const char        *tally_mapping_missing_field (const TallyMapping  *mapping);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (TallyMapping, tally_mapping_free)

G_END_DECLS
