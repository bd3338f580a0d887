/* tally-import-summary-page.h: what the wizard imported, and how the totals moved
 *
 * Copyright 2026 The Tally authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "tally-import-page.h"
#include "tally-import-session.h"

G_BEGIN_DECLS

#define TALLY_TYPE_IMPORT_SUMMARY_PAGE (tally_import_summary_page_get_type ())
G_DECLARE_FINAL_TYPE (TallyImportSummaryPage, tally_import_summary_page, TALLY, IMPORT_SUMMARY_PAGE, TallyImportPage)

GtkWidget *tally_import_summary_page_new  (void);
void       tally_import_summary_page_show (TallyImportSummaryPage *self,
                                           GPtrArray              *items,
                                           GPtrArray              *unreadable,
                                           TallyImportSession     *session);

G_END_DECLS
