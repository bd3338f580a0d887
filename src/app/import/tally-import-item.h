/* tally-import-item.h: one file of the import wizard, as a person sees it
 *
 * Copyright 2026 The Tally authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

#include "tally-import.h"
#include "tally-import-preview.h"

G_BEGIN_DECLS

typedef struct
{
  char               *path;
  TallyImportPreview *preview;
  TallyMapping       *mapping;      /* the one shown and edited */
  char               *preset_id;    /* the source as chosen, when not detected */
  gboolean            edited;       /* the mapping differs from the preset's */
  TallyDecimal        decimal;
  TallyDateOrder      date_order;
  gboolean            skip_invalid;
  TallyImportResult  *result;       /* the last import's, went it in or not */
  gboolean            imported;
  gboolean            skipped;
} TallyImportItem;

TallyImportItem *tally_import_item_new           (const char         *path,
                                                  TallyImportPreview *preview);
TallyImportItem *tally_import_item_ref           (TallyImportItem    *item);
void             tally_import_item_unref         (TallyImportItem    *item);
void             tally_import_item_reset_mapping (TallyImportItem    *item);
JsonNode        *tally_import_item_get_options   (TallyImportItem    *item,
                                                  TallyImportOptions *options);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (TallyImportItem, tally_import_item_unref)

/* The core names where a row sits by a translated word: "line" in a
 * text file, "row" in a workbook, "entry" in JSON. The wizard needs the
 * capitalized and plural forms as well. */
typedef enum
{
  TALLY_IMPORT_PLACE_LINE,
  TALLY_IMPORT_PLACE_ROW,
  TALLY_IMPORT_PLACE_ENTRY,
} TallyImportPlace;

TallyImportPlace tally_import_place_of           (const TallyImportResult *result);
char            *tally_import_place_format       (TallyImportPlace         kind,
                                                  guint64                  line);
gulong           tally_import_plural_n           (guint64                  n);

G_END_DECLS
