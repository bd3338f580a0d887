/* tally-import-progress-page.h: a file being imported, or the files saved
 *
 * Copyright 2026 The Tally authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "tally-import-page.h"
#include "tally-import-session.h"

G_BEGIN_DECLS

#define TALLY_TYPE_IMPORT_PROGRESS_PAGE (tally_import_progress_page_get_type ())
G_DECLARE_FINAL_TYPE (TallyImportProgressPage, tally_import_progress_page, TALLY, IMPORT_PROGRESS_PAGE, TallyImportPage)

GtkWidget *tally_import_progress_page_new       (void);
void       tally_import_progress_page_watch     (TallyImportProgressPage *self,
                                                 TallyImportSession      *session);
void       tally_import_progress_page_saving    (TallyImportProgressPage *self);
void       tally_import_progress_page_stop      (TallyImportProgressPage *self);
void       tally_import_progress_page_set_label (TallyImportProgressPage *self,
                                                 const char              *label);

G_END_DECLS
