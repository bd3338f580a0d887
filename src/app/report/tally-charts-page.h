/* tally-charts-page.h: the Charts page: the CAC and ROAS gaps, drawn
 *
 * Copyright 2026 The Tally authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "tally-chart-view.h"
#include "tally-report-model.h"

G_BEGIN_DECLS

#define TALLY_TYPE_CHARTS_PAGE (tally_charts_page_get_type ())
G_DECLARE_FINAL_TYPE (TallyChartsPage, tally_charts_page, TALLY, CHARTS_PAGE, GtkWidget)

void            tally_charts_page_set_model    (TallyChartsPage  *self,
                                                TallyReportModel *model);
TallyChartView *tally_charts_page_get_view     (TallyChartsPage  *self,
                                                TallyChartKind    kind);
const TallyChartData *tally_charts_page_get_data (TallyChartsPage *self);
const char     *tally_charts_page_get_campaign (TallyChartsPage  *self);

G_END_DECLS
