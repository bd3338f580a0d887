/* tally-mismatch-page.h: the Mismatch map page
 *
 * Copyright 2026 The Tally authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "tally-report-model.h"

G_BEGIN_DECLS

#define TALLY_TYPE_MISMATCH_PAGE (tally_mismatch_page_get_type ())
G_DECLARE_FINAL_TYPE (TallyMismatchPage, tally_mismatch_page, TALLY, MISMATCH_PAGE, GtkWidget)

void tally_mismatch_page_set_model (TallyMismatchPage *self,
                                    TallyReportModel  *model);

G_END_DECLS
