/* tally-chart-lines.c: the time charts, ROAS and match quality
 *
 * Copyright 2026 The Tally authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A null value is no point: the line stops before it and starts again
 * after it, so an undefined ROAS never reads as a ROAS of zero.
 */
#define G_LOG_DOMAIN "tally-render"

#include "config.h"

#include <math.h>

#include "tally-chart-private.h"

/* Periods wider than this get a dot on each value. */
#define MARKER_SLOT 14.0

/* Open periods: one hatched band per run of them, under the grid. */
void
_tally_chart_draw_open_periods (TallyChartPainter *painter)
{
  const TallyChartLayout *layout = painter->layout;
  const TallyChartData *data = painter->data;
  const TallyChartRect *plot = &layout->axis.plot;

  for (guint i = 0; i < data->n_periods; i++)
    {
      TallyChartRect band;
      guint end = i;

      if (data->periods[i].frozen)
        continue;
      while (end + 1 < data->n_periods && !data->periods[end + 1].frozen)
        end++;

      band.x = round (plot->x + i * layout->slot_width);
      band.width = round (plot->x + (end + 1) * layout->slot_width) - band.x;
      band.y = plot->y;
      band.height = plot->height;
      _tally_chart_draw_hatch (painter, &band);
      i = end;
    }
}

/* Every label_step-th key, centred under its period, kept on the chart. */
void
_tally_chart_draw_period_labels (TallyChartPainter *painter)
{
  const TallyChartLayout *layout = painter->layout;
  const TallyChartData *data = painter->data;
  double y = layout->label_top + TALLY_CHART_TICK_LENGTH + 3;

  for (guint i = 0; i < data->n_periods; i++)
    {
      double x = _tally_chart_slot_x (layout, i), w;
      const char *key = data->periods[i].key != NULL ? data->periods[i].key : "";

      if (!_tally_chart_slot_labelled (layout, data, i))
        continue;

      _tally_chart_draw_x_tick (painter, x);
      _tally_chart_text_set (&painter->text, key, FALSE, 0, 1, PANGO_ALIGN_LEFT);
      _tally_chart_text_size (&painter->text, &w, NULL);
      x = CLAMP (x - w / 2, 0, MAX (layout->width - w, 0));
      _tally_chart_show_text (painter, key, FALSE, x, y, 0, 1, PANGO_ALIGN_LEFT, &painter->style->muted);
    }
}

/* One series as runs of defined values; a run of one value is a dot. */
static void
draw_series (TallyChartPainter     *painter,
             TallyChartSeries       series,
             const TallyChartColor *color)
{
  const TallyChartLayout *layout = painter->layout;
  cairo_t *cr = painter->cr;
  double width = painter->style->line_width;
  gboolean markers = layout->slot_width >= MARKER_SLOT;
  gboolean drawing = FALSE;

  _tally_chart_set_color (cr, color);
  cairo_set_line_width (cr, width);
  cairo_set_line_join (cr, CAIRO_LINE_JOIN_ROUND);
  cairo_set_line_cap (cr, CAIRO_LINE_CAP_ROUND);

  for (guint i = 0; i < layout->n_slots; i++)
    {
      double x, y;

      if (!_tally_chart_point (layout, painter->data, series, i, &x, &y))
        {
          drawing = FALSE;
          continue;
        }
      if (drawing)
        cairo_line_to (cr, x, y);
      else
        cairo_move_to (cr, x, y);
      drawing = TRUE;
    }
  cairo_stroke (cr);

  for (guint i = 0; i < layout->n_slots; i++)
    {
      double x, y, unused;
      gboolean alone = (i == 0 || !_tally_chart_point (layout, painter->data, series, i - 1, &unused, &unused)) &&
                       !_tally_chart_point (layout, painter->data, series, i + 1, &unused, &unused);

      if ((markers || alone) && _tally_chart_point (layout, painter->data, series, i, &x, &y))
        {
          cairo_new_sub_path (cr);
          cairo_arc (cr, x, y, width * 1.6, 0, 2 * G_PI);
        }
    }
  cairo_fill (cr);
}

/* The area between the two ROAS lines, wherever both are defined; where
 * they cross the polygon folds over, and the winding rule fills both
 * halves. */
static void
draw_gap (TallyChartPainter *painter)
{
  const TallyChartLayout *layout = painter->layout;
  const TallyChartData *data = painter->data;
  cairo_t *cr = painter->cr;

  cairo_new_path (cr);
  for (guint i = 0; i < data->n_periods; i++)
    {
      guint end = i;
      double x, y;

      if (!isfinite (data->periods[i].meta_roas) || !isfinite (data->periods[i].crm_roas))
        continue;
      while (end + 1 < data->n_periods && isfinite (data->periods[end + 1].meta_roas) &&
             isfinite (data->periods[end + 1].crm_roas))
        end++;

      for (guint j = i; j <= end; j++)
        {
          _tally_chart_point (layout, data, TALLY_CHART_SERIES_META_ROAS, j, &x, &y);
          cairo_line_to (cr, x, y);
        }
      for (guint j = end + 1; j-- > i;)
        {
          _tally_chart_point (layout, data, TALLY_CHART_SERIES_CRM_ROAS, j, &x, &y);
          cairo_line_to (cr, x, y);
        }
      cairo_close_path (cr);
      cairo_new_sub_path (cr);
      i = end;
    }

  _tally_chart_set_color (cr, &painter->style->gap);
  cairo_fill (cr);
}

void
_tally_chart_draw_roas (TallyChartPainter *painter)
{
  draw_gap (painter);
  draw_series (painter, TALLY_CHART_SERIES_META_ROAS, &painter->style->meta);
  draw_series (painter, TALLY_CHART_SERIES_CRM_ROAS, &painter->style->crm);
}

void
_tally_chart_draw_match_quality (TallyChartPainter *painter)
{
  draw_series (painter, TALLY_CHART_SERIES_IDENTIFIER, &painter->style->identifier);
  draw_series (painter, TALLY_CHART_SERIES_CLICK_ID, &painter->style->click_id);
  draw_series (painter, TALLY_CHART_SERIES_UNKNOWN_SOURCE, &painter->style->unknown_source);
}
