/* tally-chart-builder.h: chart data from the core's reports
 *
 * Copyright 2026 The Tally authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "tally-chart-data.h"
#include "tally-report.h"

G_BEGIN_DECLS

TallyChartData *tally_chart_data_new_from_report (TallyReport *by_period,
                                                  TallyReport *by_campaign);

G_END_DECLS
