/* tally-import-mapping-page.h: the wizard's first step, a file's columns
 *
 * Copyright 2026 The Tally authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "tally-import-page.h"

G_BEGIN_DECLS

#define TALLY_TYPE_IMPORT_MAPPING_PAGE (tally_import_mapping_page_get_type ())
G_DECLARE_FINAL_TYPE (TallyImportMappingPage, tally_import_mapping_page, TALLY, IMPORT_MAPPING_PAGE, TallyImportPage)

GtkWidget *tally_import_mapping_page_new         (void);
void       tally_import_mapping_page_set_problem (TallyImportMappingPage *self,
                                                  const char             *problem);

G_END_DECLS
