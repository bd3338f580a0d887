/* tally-chart-bars.c: CAC by campaign and the gap bridge
 *
 * Copyright 2026 The Tally authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "tally-render"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>

#include "tally-chart-private.h"

static void
fill_rect (cairo_t               *cr,
           const TallyChartRect  *rect,
           const TallyChartColor *color)
{
  _tally_chart_set_color (cr, color);
  cairo_rectangle (cr, rect->x, rect->y, rect->width, rect->height);
  cairo_fill (cr);
}

/* CAC by campaign ----------------------------------------------------------- */

/* A name flat under its slot, on up to label_lines lines. */
static void
draw_flat_name (TallyChartPainter *painter,
                const char        *name,
                double             x)
{
  const TallyChartLayout *layout = painter->layout;
  double width = MAX (layout->slot_width - 6, 1);

  _tally_chart_show_text (painter, name, FALSE, x - width / 2, layout->label_top + TALLY_CHART_TICK_LENGTH + 3,
                          width, layout->label_lines, PANGO_ALIGN_CENTER, &painter->style->foreground);
}

/* A name read upwards, ending at the axis, centred on its slot. */
static void
draw_upright_name (TallyChartPainter *painter,
                   const char        *name,
                   double             x)
{
  const TallyChartLayout *layout = painter->layout;
  cairo_t *cr = painter->cr;
  double top = layout->label_top + TALLY_CHART_TICK_LENGTH + 3;

  cairo_save (cr);
  cairo_translate (cr, x, top);
  cairo_rotate (cr, -G_PI / 2);
  pango_cairo_update_layout (cr, painter->text.layout);
  /* Names that differ only at their end stay apart: "CJ Prospecting … 017". */
  painter->text.ellipsize = PANGO_ELLIPSIZE_MIDDLE;
  _tally_chart_show_text (painter, name, FALSE, -layout->label_extent, -layout->line_height / 2,
                          layout->label_extent, 1, PANGO_ALIGN_RIGHT, &painter->style->foreground);
  painter->text.ellipsize = PANGO_ELLIPSIZE_END;
  cairo_restore (cr);
  pango_cairo_update_layout (cr, painter->text.layout);
}

/* A bar's value over it, or "—" on the baseline for a null. The CRM
 * value ends at its bar's right edge and the Meta value starts at its
 * bar's left, so the two never overlap. */
static void
draw_campaign_value (TallyChartPainter    *painter,
                     double                value,
                     const TallyChartRect *bar,
                     gboolean              left_of_centre)
{
  g_autofree char *text = _tally_chart_format_value (painter->data, value, FALSE);
  double width, x;

  _tally_chart_text_set (&painter->text, text, FALSE, 0, 1, PANGO_ALIGN_LEFT);
  _tally_chart_text_size (&painter->text, &width, NULL);
  x = left_of_centre ? bar->x + bar->width - width : bar->x;
  _tally_chart_show_text (painter, text, FALSE, x, bar->y - painter->layout->line_height - 2, 0, 1,
                          PANGO_ALIGN_LEFT, isfinite (value) ? &painter->style->foreground : &painter->style->muted);
}

static void
draw_campaign_bars (TallyChartPainter *painter,
                    guint              index)
{
  static const TallyChartSeries which[] = { TALLY_CHART_SERIES_CRM_CAC, TALLY_CHART_SERIES_META_CPA };
  const TallyChartColor *colors[] = { &painter->style->crm, &painter->style->meta };

  for (guint b = 0; b < G_N_ELEMENTS (which); b++)
    {
      TallyChartRect bar;
      gboolean defined = _tally_chart_campaign_bar (painter->layout, painter->data, index, which[b], &bar);

      if (defined)
        fill_rect (painter->cr, &bar, colors[b]);
      if (painter->layout->bar_values)
        draw_campaign_value (painter, _tally_chart_series_value (painter->data, which[b], index), &bar, b == 0);
    }
}

void
_tally_chart_draw_cac (TallyChartPainter *painter)
{
  const TallyChartLayout *layout = painter->layout;
  const TallyChartData *data = painter->data;

  for (guint i = 0; i < data->n_campaigns; i++)
    draw_campaign_bars (painter, i);

  for (guint i = 0; i < data->n_campaigns; i++)
    {
      const char *name = data->campaigns[i].name != NULL ? data->campaigns[i].name : "";
      double x = _tally_chart_slot_x (layout, i);

      if (!_tally_chart_slot_labelled (layout, data, i))
        continue;

      _tally_chart_draw_x_tick (painter, x);
      if (layout->labels_rotated)
        draw_upright_name (painter, name, x);
      else
        draw_flat_name (painter, name, x);
    }
}

/* The gap bridge ------------------------------------------------------------ */

static const TallyChartColor *
bar_color (const TallyChartStyle     *style,
           const TallyChartBridgeBar *bar)
{
  switch (bar->role)
    {
    case TALLY_CHART_BAR_START:
      return &style->meta;
    case TALLY_CHART_BAR_END:
      return &style->crm;
    case TALLY_CHART_BAR_REMAINDER:
      return &style->muted;
    case TALLY_CHART_BAR_STEP:
    default:
      if (bar->to == bar->from)
        return &style->muted;
      return bar->to > bar->from ? &style->increase : &style->decrease;
    }
}

/* A step the data cannot measure: a dashed empty box and the words. */
static void
draw_not_measurable (TallyChartPainter    *painter,
                     const TallyChartRect *rect)
{
  cairo_t *cr = painter->cr;
  double width = MAX (painter->layout->slot_width - 4, 1);

  _tally_chart_set_color (cr, &painter->style->muted);
  cairo_set_line_width (cr, 1);
  cairo_set_dash (cr, (double[]) { 4, 3 }, 2, 0);
  cairo_rectangle (cr, rect->x + 0.5, rect->y + 0.5, rect->width - 1, rect->height - 1);
  cairo_stroke (cr);
  cairo_set_dash (cr, NULL, 0, 0);

  _tally_chart_show_text (painter, _("not measurable"), FALSE, rect->x + rect->width / 2 - width / 2,
                          rect->y - painter->layout->line_height - 2, width, 1, PANGO_ALIGN_CENTER,
                          &painter->style->muted);
}

/* The amount, over a bar that goes up and under one that goes down. */
static void
draw_bar_value (TallyChartPainter         *painter,
                const TallyChartBridgeBar *bar,
                const TallyChartRect      *rect)
{
  const TallyChartLayout *layout = painter->layout;
  gboolean total = bar->role == TALLY_CHART_BAR_START || bar->role == TALLY_CHART_BAR_END;
  g_autofree char *amount = NULL;
  double width = MAX (layout->slot_width - 2, 1);
  double y = bar->to >= bar->from ? rect->y - layout->line_height - 2 : rect->y + rect->height + 2;

  amount = _tally_chart_format_value (painter->data, (double) (bar->to - bar->from), !total);

  _tally_chart_show_text (painter, amount, total, rect->x + rect->width / 2 - width / 2, y, width, 1,
                          PANGO_ALIGN_CENTER, &painter->style->foreground);
}

/* Dashed lines carry the running total from one bar to the next. */
static void
draw_connectors (TallyChartPainter         *painter,
                 const TallyChartBridgeBar *bars,
                 guint                      n_bars)
{
  const TallyChartLayout *layout = painter->layout;
  cairo_t *cr = painter->cr;

  for (guint i = 0; i + 1 < n_bars; i++)
    {
      TallyChartRect here, next;
      double y = round (_tally_chart_value_y (layout, (double) bars[i].to)) + 0.5;

      _tally_chart_bridge_rect (layout, &bars[i], i, &here);
      _tally_chart_bridge_rect (layout, &bars[i + 1], i + 1, &next);
      cairo_move_to (cr, here.x + here.width, y);
      cairo_line_to (cr, next.x, y);
    }

  _tally_chart_set_color (cr, &painter->style->muted);
  cairo_set_line_width (cr, 1);
  cairo_set_dash (cr, (double[]) { 2, 2 }, 2, 0);
  cairo_stroke (cr);
  cairo_set_dash (cr, NULL, 0, 0);
}

static void
draw_bridge_label (TallyChartPainter         *painter,
                   const TallyChartBridgeBar *bar,
                   guint                      index)
{
  const TallyChartLayout *layout = painter->layout;
  double x = _tally_chart_slot_x (layout, index);
  double width = MAX (layout->slot_width - 8, 1);
  gboolean total = bar->role == TALLY_CHART_BAR_START || bar->role == TALLY_CHART_BAR_END;

  _tally_chart_draw_x_tick (painter, x);
  _tally_chart_show_text (painter, _tally_chart_bar_label (bar), FALSE, x - width / 2,
                          layout->label_top + TALLY_CHART_TICK_LENGTH + 3, width, layout->label_lines,
                          PANGO_ALIGN_CENTER, total ? &painter->style->foreground : &painter->style->muted);
}

void
_tally_chart_draw_bridge (TallyChartPainter *painter)
{
  const TallyChartData *data = painter->data;
  g_autofree TallyChartBridgeBar *bars = g_new (TallyChartBridgeBar, TALLY_CHART_BRIDGE_MAX_BARS (data));
  guint n_bars = _tally_chart_bridge_bars (data, bars);

  draw_connectors (painter, bars, n_bars);
  for (guint i = 0; i < n_bars; i++)
    {
      TallyChartRect rect;

      _tally_chart_bridge_rect (painter->layout, &bars[i], i, &rect);
      if (bars[i].measurable)
        {
          fill_rect (painter->cr, &rect, bar_color (painter->style, &bars[i]));
          draw_bar_value (painter, &bars[i], &rect);
        }
      else
        draw_not_measurable (painter, &rect);
      draw_bridge_label (painter, &bars[i], i);
    }
}
