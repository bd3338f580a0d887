/* tally-mapping-view.h: an export's first rows, with what each column holds
 *
 * Copyright 2026 The Tally authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "tally-import-preview.h"

G_BEGIN_DECLS

#define TALLY_TYPE_MAPPING_VIEW (tally_mapping_view_get_type ())
G_DECLARE_FINAL_TYPE (TallyMappingView, tally_mapping_view, TALLY, MAPPING_VIEW, GtkWidget)

GtkWidget *tally_mapping_view_new (void);
void       tally_mapping_view_set (TallyMappingView   *self,
                                   TallyImportPreview *preview,
                                   TallyMapping       *mapping);

G_END_DECLS
