/* tally-import-problems-page.h: the rows a file's import cannot read
 *
 * Copyright 2026 The Tally authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "tally-import-page.h"

G_BEGIN_DECLS

#define TALLY_TYPE_IMPORT_PROBLEMS_PAGE (tally_import_problems_page_get_type ())
G_DECLARE_FINAL_TYPE (TallyImportProblemsPage, tally_import_problems_page, TALLY, IMPORT_PROBLEMS_PAGE, TallyImportPage)

GtkWidget *tally_import_problems_page_new (void);

G_END_DECLS
