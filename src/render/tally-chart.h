/* tally-chart.h: the four report charts, on any cairo surface
 *
 * Copyright 2026 The Tally authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <cairo.h>

#include "tally-chart-data.h"
#include "tally-chart-style.h"

G_BEGIN_DECLS

typedef enum
{
  TALLY_CHART_ROAS_OVER_TIME,
  TALLY_CHART_CAC_BY_CAMPAIGN,
  TALLY_CHART_GAP_BRIDGE,
  TALLY_CHART_MATCH_QUALITY,
} TallyChartKind;

/* The lines of the time charts and the bars of the CAC chart. */
typedef enum
{
  TALLY_CHART_SERIES_NONE = -1,
  TALLY_CHART_SERIES_META_ROAS,
  TALLY_CHART_SERIES_CRM_ROAS,
  TALLY_CHART_SERIES_CRM_CAC,
  TALLY_CHART_SERIES_META_CPA,
  TALLY_CHART_SERIES_IDENTIFIER,
  TALLY_CHART_SERIES_CLICK_ID,
  TALLY_CHART_SERIES_UNKNOWN_SOURCE,
} TallyChartSeries;

typedef enum
{
  TALLY_CHART_HIT_NONE,
  TALLY_CHART_HIT_PERIOD,
  TALLY_CHART_HIT_CAMPAIGN,
  TALLY_CHART_HIT_BRIDGE_START,
  TALLY_CHART_HIT_BRIDGE_STEP,
  TALLY_CHART_HIT_BRIDGE_REMAINDER,
  TALLY_CHART_HIT_BRIDGE_END,
} TallyChartHitKind;

typedef struct
{
  double x;
  double y;
  double width;
  double height;
} TallyChartRect;

/**
 * TallyChartAxis:
 * @plot: the plot area, inside the axes
 * @y_min: the value at the bottom of @plot
 * @y_max: the value at its top
 * @y_step: the distance between two ticks, 1, 2 or 5 times a power of ten
 *
 * Money is in minor units, shares in 0..1.
 */
typedef struct
{
  TallyChartRect plot;
  double         y_min;
  double         y_max;
  double         y_step;
} TallyChartAxis;

/**
 * TallyChartHit:
 * @kind: what is under the pointer
 * @index: the period or campaign index; for the bridge the bar index
 *   (0 is the start, then the steps, the remainder if any, the end); -1
 * @series: the line or bar right under the pointer, if any
 * @area: where the item is drawn, for a tooltip to point at
 * @tooltip: the item's exact values, one per line
 */
typedef struct
{
  TallyChartHitKind  kind;
  int                index;
  TallyChartSeries   series;
  TallyChartRect     area;
  char              *tooltip;
} TallyChartHit;

void     tally_chart_render          (TallyChartKind         kind,
                                      cairo_t               *cr,
                                      double                 width,
                                      double                 height,
                                      const TallyChartData  *data,
                                      const TallyChartStyle *style);

gboolean tally_chart_hit_test        (TallyChartKind         kind,
                                      double                 width,
                                      double                 height,
                                      const TallyChartData  *data,
                                      const TallyChartStyle *style,
                                      double                 x,
                                      double                 y,
                                      TallyChartHit         *hit);
void     tally_chart_hit_clear       (TallyChartHit         *hit);

gboolean tally_chart_get_axis        (TallyChartKind         kind,
                                      double                 width,
                                      double                 height,
                                      const TallyChartData  *data,
                                      const TallyChartStyle *style,
                                      TallyChartAxis        *axis);
gboolean tally_chart_point_at        (TallyChartKind         kind,
                                      double                 width,
                                      double                 height,
                                      const TallyChartData  *data,
                                      const TallyChartStyle *style,
                                      TallyChartSeries       series,
                                      guint                  index,
                                      double                *x,
                                      double                *y);
gboolean tally_chart_bar_rect        (double                 width,
                                      double                 height,
                                      const TallyChartData  *data,
                                      const TallyChartStyle *style,
                                      guint                  campaign,
                                      TallyChartSeries       which,
                                      TallyChartRect        *rect);
const char *tally_chart_get_title    (TallyChartKind         kind);
guint    tally_chart_n_slots         (TallyChartKind         kind,
                                      const TallyChartData  *data);
gboolean tally_chart_slot_hit        (TallyChartKind         kind,
                                      double                 width,
                                      double                 height,
                                      const TallyChartData  *data,
                                      const TallyChartStyle *style,
                                      guint                  index,
                                      TallyChartHit         *hit);
guint    tally_chart_bridge_n_bars   (const TallyChartData  *data);
gboolean tally_chart_bridge_bar_rect (double                 width,
                                      double                 height,
                                      const TallyChartData  *data,
                                      const TallyChartStyle *style,
                                      guint                  bar,
                                      TallyChartRect        *rect);

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (TallyChartHit, tally_chart_hit_clear)

G_END_DECLS
