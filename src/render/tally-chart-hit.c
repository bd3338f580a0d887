/* tally-chart-hit.c: what is where on a chart, for pointers and tests
 *
 * Copyright 2026 The Tally authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Each function computes the same layout tally_chart_render() draws with,
 * so a hover, a click and a test's pixel probe all agree with the picture.
 */
#define G_LOG_DOMAIN "tally-render"

#include "config.h"

#include <math.h>
#include <string.h>

#include "tally-chart-private.h"

/* How far outside a point or the plot the pointer may be and still hit it. */
#define SLOP 8.0

static const TallyChartStyle *
style_or_default (const TallyChartStyle *style)
{
  return style != NULL ? style : tally_chart_style_light ();
}

/* The slot under @x, or -1. */
static int
slot_at (const TallyChartLayout *layout,
         double                  x)
{
  const TallyChartRect *plot = &layout->axis.plot;
  double slot;

  if (layout->n_slots == 0 || x < plot->x || x >= plot->x + plot->width)
    return -1;

  slot = floor ((x - plot->x) / layout->slot_width);
  return (int) CLAMP (slot, 0, layout->n_slots - 1);
}

static gboolean
in_plot_column (const TallyChartLayout *layout,
                double                  y)
{
  const TallyChartRect *plot = &layout->axis.plot;

  return y >= plot->y - SLOP && y <= plot->y + plot->height + SLOP;
}

/* Time charts: the whole column of a period answers, so the tooltip
 * follows the pointer along the axis; the line nearest the pointer, if
 * within SLOP, is the series. */
static gboolean
hit_period (const TallyChartLayout *layout,
            const TallyChartData   *data,
            double                  x,
            double                  y,
            TallyChartHit          *hit)
{
  static const TallyChartSeries roas[] = { TALLY_CHART_SERIES_META_ROAS, TALLY_CHART_SERIES_CRM_ROAS };
  static const TallyChartSeries shares[] = { TALLY_CHART_SERIES_IDENTIFIER, TALLY_CHART_SERIES_CLICK_ID,
                                             TALLY_CHART_SERIES_UNKNOWN_SOURCE };
  gboolean is_roas = layout->kind == TALLY_CHART_ROAS_OVER_TIME;
  const TallyChartSeries *series = is_roas ? roas : shares;
  guint n_series = is_roas ? G_N_ELEMENTS (roas) : G_N_ELEMENTS (shares);
  int index = slot_at (layout, x);
  double nearest = SLOP;

  if (index < 0 || !in_plot_column (layout, y))
    return FALSE;

  hit->kind = TALLY_CHART_HIT_PERIOD;
  hit->index = index;
  hit->area = (TallyChartRect) { layout->axis.plot.x + index * layout->slot_width, layout->axis.plot.y,
                                 layout->slot_width, layout->axis.plot.height };
  for (guint s = 0; s < n_series; s++)
    {
      double px, py;

      if (_tally_chart_point (layout, data, series[s], index, &px, &py) && fabs (py - y) <= nearest)
        {
          nearest = fabs (py - y);
          hit->series = series[s];
        }
    }
  hit->tooltip = _tally_chart_period_tooltip (layout->kind, data, index);
  return TRUE;
}

static gboolean
rect_contains (const TallyChartRect *rect,
               double                x,
               double                y)
{
  return x >= rect->x && x < rect->x + rect->width && y >= rect->y && y < rect->y + rect->height;
}

/* The CAC chart: a campaign's slot answers from the plot's top down
 * through its name, so a click on the name filters by it too. */
static gboolean
hit_campaign (const TallyChartLayout *layout,
              const TallyChartData   *data,
              double                  x,
              double                  y,
              TallyChartHit          *hit)
{
  int index = slot_at (layout, x);
  TallyChartRect bar;

  if (index < 0 || y < layout->axis.plot.y - SLOP || y > layout->height - layout->pad)
    return FALSE;

  hit->kind = TALLY_CHART_HIT_CAMPAIGN;
  hit->index = index;
  hit->area = (TallyChartRect) { layout->axis.plot.x + index * layout->slot_width, layout->axis.plot.y,
                                 layout->slot_width, layout->axis.plot.height };
  for (TallyChartSeries s = TALLY_CHART_SERIES_CRM_CAC; s <= TALLY_CHART_SERIES_META_CPA; s++)
    if (_tally_chart_campaign_bar (layout, data, index, s, &bar) && rect_contains (&bar, x, y))
      {
        hit->series = s;
        hit->area = bar;
      }

  hit->tooltip = _tally_chart_campaign_tooltip (data, index);
  return TRUE;
}

static TallyChartHitKind
bridge_hit_kind (TallyChartBarRole role)
{
  switch (role)
    {
    case TALLY_CHART_BAR_START:
      return TALLY_CHART_HIT_BRIDGE_START;
    case TALLY_CHART_BAR_END:
      return TALLY_CHART_HIT_BRIDGE_END;
    case TALLY_CHART_BAR_REMAINDER:
      return TALLY_CHART_HIT_BRIDGE_REMAINDER;
    case TALLY_CHART_BAR_STEP:
    default:
      return TALLY_CHART_HIT_BRIDGE_STEP;
    }
}

/* The bridge: a bar's slot answers, over the plot and its label. */
static gboolean
hit_bridge (const TallyChartLayout *layout,
            const TallyChartData   *data,
            double                  x,
            double                  y,
            TallyChartHit          *hit)
{
  g_autofree TallyChartBridgeBar *bars = g_new (TallyChartBridgeBar, TALLY_CHART_BRIDGE_MAX_BARS (data));
  guint n_bars = _tally_chart_bridge_bars (data, bars);
  int index = slot_at (layout, x);

  if (index < 0 || (guint) index >= n_bars || y < layout->axis.plot.y - SLOP || y > layout->height - layout->pad)
    return FALSE;

  hit->kind = bridge_hit_kind (bars[index].role);
  hit->index = index;
  _tally_chart_bridge_rect (layout, &bars[index], index, &hit->area);
  hit->tooltip = _tally_chart_bridge_tooltip (data, &bars[index]);
  return TRUE;
}

/* The hit test on a layout already computed. */
static gboolean
hit_in_layout (const TallyChartLayout *layout,
               const TallyChartData   *data,
               double                  x,
               double                  y,
               TallyChartHit          *hit)
{
  *hit = (TallyChartHit) { TALLY_CHART_HIT_NONE, -1, TALLY_CHART_SERIES_NONE, { 0, 0, 0, 0 }, NULL };

  switch (layout->kind)
    {
    case TALLY_CHART_ROAS_OVER_TIME:
    case TALLY_CHART_MATCH_QUALITY:
      return hit_period (layout, data, x, y, hit);
    case TALLY_CHART_CAC_BY_CAMPAIGN:
      return hit_campaign (layout, data, x, y, hit);
    case TALLY_CHART_GAP_BRIDGE:
      return hit_bridge (layout, data, x, y, hit);
    default:
      g_return_val_if_reached (FALSE);
    }
}

/**
 * tally_chart_hit_test:
 * @kind: which chart
 * @width: the chart's width, as drawn
 * @height: the chart's height, as drawn
 * @data: what it shows
 * @style: (nullable): its style, for the font's metrics
 * @x: where the pointer is, in the chart's user units
 * @y: see @x
 * @hit: (out caller-allocates): what is there; free with
 *   tally_chart_hit_clear()
 *
 * Time charts answer with the period whose column is under the pointer,
 * the CAC chart with the campaign whose slot is, the bridge with the bar.
 *
 * Returns: whether there is anything under (@x, @y)
 */
gboolean
tally_chart_hit_test (TallyChartKind         kind,
                      double                 width,
                      double                 height,
                      const TallyChartData  *data,
                      const TallyChartStyle *style,
                      double                 x,
                      double                 y,
                      TallyChartHit         *hit)
{
  TallyChartLayout layout;

  g_return_val_if_fail (data != NULL, FALSE);
  g_return_val_if_fail (hit != NULL, FALSE);

  _tally_chart_layout_compute (&layout, kind, width, height, data, style_or_default (style));
  return hit_in_layout (&layout, data, x, y, hit);
}

/**
 * tally_chart_slot_hit:
 * @index: a period, campaign or bridge bar, below tally_chart_n_slots()
 * @hit: (out caller-allocates): what the pointer would find there, with
 *   the slot's whole column as its area; free with tally_chart_hit_clear()
 *
 * What the keyboard selects: the same answer as the pointer in the middle
 * of the slot's column.
 *
 * Returns: whether there is such a slot
 */
gboolean
tally_chart_slot_hit (TallyChartKind         kind,
                      double                 width,
                      double                 height,
                      const TallyChartData  *data,
                      const TallyChartStyle *style,
                      guint                  index,
                      TallyChartHit         *hit)
{
  TallyChartLayout layout;
  const TallyChartRect *plot;
  double x, y;

  g_return_val_if_fail (data != NULL, FALSE);
  g_return_val_if_fail (hit != NULL, FALSE);

  *hit = (TallyChartHit) { TALLY_CHART_HIT_NONE, -1, TALLY_CHART_SERIES_NONE, { 0, 0, 0, 0 }, NULL };
  _tally_chart_layout_compute (&layout, kind, width, height, data, style_or_default (style));
  if (index >= layout.n_slots)
    return FALSE;

  plot = &layout.axis.plot;
  x = plot->x + (index + 0.5) * layout.slot_width;
  y = plot->y + plot->height / 2;
  if (!hit_in_layout (&layout, data, x, y, hit))
    return FALSE;

  hit->series = TALLY_CHART_SERIES_NONE;
  hit->area = (TallyChartRect) { plot->x + index * layout.slot_width, plot->y, layout.slot_width, plot->height };
  return TRUE;
}

/* Frees the tooltip and forgets the hit. */
void
tally_chart_hit_clear (TallyChartHit *hit)
{
  g_return_if_fail (hit != NULL);

  g_clear_pointer (&hit->tooltip, g_free);
  hit->kind = TALLY_CHART_HIT_NONE;
  hit->index = -1;
  hit->series = TALLY_CHART_SERIES_NONE;
}

/**
 * tally_chart_get_axis:
 * @axis: (out): the plot area and the y axis' range and step
 *
 * Returns: %TRUE
 */
gboolean
tally_chart_get_axis (TallyChartKind         kind,
                      double                 width,
                      double                 height,
                      const TallyChartData  *data,
                      const TallyChartStyle *style,
                      TallyChartAxis        *axis)
{
  TallyChartLayout layout;

  g_return_val_if_fail (data != NULL, FALSE);
  g_return_val_if_fail (axis != NULL, FALSE);

  _tally_chart_layout_compute (&layout, kind, width, height, data, style_or_default (style));
  *axis = layout.axis;
  return TRUE;
}

/**
 * tally_chart_point_at:
 * @series: a line of @kind, or a bar of the CAC chart (its top's centre)
 * @index: the period or campaign
 * @x: (out): where the value is drawn
 * @y: (out): see @x
 *
 * Returns: %FALSE when the value is null (nothing is drawn) or @series or
 *   @index do not belong to the chart
 */
gboolean
tally_chart_point_at (TallyChartKind         kind,
                      double                 width,
                      double                 height,
                      const TallyChartData  *data,
                      const TallyChartStyle *style,
                      TallyChartSeries       series,
                      guint                  index,
                      double                *x,
                      double                *y)
{
  TallyChartLayout layout;
  double px, py;

  g_return_val_if_fail (data != NULL, FALSE);

  _tally_chart_layout_compute (&layout, kind, width, height, data, style_or_default (style));
  if (!_tally_chart_point (&layout, data, series, index, &px, &py))
    return FALSE;

  if (x != NULL)
    *x = px;
  if (y != NULL)
    *y = py;
  return TRUE;
}

/**
 * tally_chart_bar_rect:
 * @campaign: the campaign's index
 * @which: %TALLY_CHART_SERIES_CRM_CAC or %TALLY_CHART_SERIES_META_CPA
 * @rect: (out): the bar of the CAC chart, on whole units
 *
 * Returns: %FALSE when the value is null (no bar is drawn)
 */
gboolean
tally_chart_bar_rect (double                 width,
                      double                 height,
                      const TallyChartData  *data,
                      const TallyChartStyle *style,
                      guint                  campaign,
                      TallyChartSeries       which,
                      TallyChartRect        *rect)
{
  TallyChartLayout layout;

  g_return_val_if_fail (data != NULL, FALSE);
  g_return_val_if_fail (rect != NULL, FALSE);

  _tally_chart_layout_compute (&layout, TALLY_CHART_CAC_BY_CAMPAIGN, width, height, data,
                               style_or_default (style));
  return _tally_chart_campaign_bar (&layout, data, campaign, which, rect);
}

/**
 * tally_chart_bridge_bar_rect:
 * @bar: 0 for the start, then the steps, a remainder if any, the end; see
 *   tally_chart_bridge_n_bars()
 * @rect: (out): the bar, on whole units; for a step that is not
 *   measurable, the empty box drawn in its place
 *
 * Returns: %FALSE when there is no such bar
 */
gboolean
tally_chart_bridge_bar_rect (double                 width,
                             double                 height,
                             const TallyChartData  *data,
                             const TallyChartStyle *style,
                             guint                  bar,
                             TallyChartRect        *rect)
{
  g_autofree TallyChartBridgeBar *bars = NULL;
  TallyChartLayout layout;

  g_return_val_if_fail (data != NULL, FALSE);
  g_return_val_if_fail (rect != NULL, FALSE);

  bars = g_new (TallyChartBridgeBar, TALLY_CHART_BRIDGE_MAX_BARS (data));
  if (bar >= _tally_chart_bridge_bars (data, bars))
    return FALSE;

  _tally_chart_layout_compute (&layout, TALLY_CHART_GAP_BRIDGE, width, height, data, style_or_default (style));
  _tally_chart_bridge_rect (&layout, &bars[bar], bar, rect);
  return TRUE;
}
