/* tally-chart-view.h: one chart on screen, with its values under the pointer
 *
 * Copyright 2026 The Tally authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "tally-chart.h"

G_BEGIN_DECLS

#define TALLY_TYPE_CHART_VIEW (tally_chart_view_get_type ())
G_DECLARE_FINAL_TYPE (TallyChartView, tally_chart_view, TALLY, CHART_VIEW, GtkWidget)

GtkWidget   *tally_chart_view_new          (TallyChartKind        kind);
void         tally_chart_view_set_data     (TallyChartView       *self,
                                            const TallyChartData *data);
const char  *tally_chart_view_hover        (TallyChartView       *self,
                                            double                x,
                                            double                y);
gboolean     tally_chart_view_click        (TallyChartView       *self,
                                            double                x,
                                            double                y);
int          tally_chart_view_get_selected (TallyChartView       *self);
const TallyChartStyle *tally_chart_view_get_style (TallyChartView *self);

G_END_DECLS
