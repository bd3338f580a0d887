/* tally-report-page.h: the Report page: both views side by side
 *
 * Copyright 2026 The Tally authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "tally-report-model.h"

G_BEGIN_DECLS

#define TALLY_TYPE_REPORT_PAGE (tally_report_page_get_type ())
G_DECLARE_FINAL_TYPE (TallyReportPage, tally_report_page, TALLY, REPORT_PAGE, GtkWidget)

void tally_report_page_set_model (TallyReportPage  *self,
                                  TallyReportModel *model);

G_END_DECLS
