/* tally-chart.c: drawing a chart's frame, then its data
 *
 * Copyright 2026 The Tally authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * One renderer for the app's widget, the PDF and the tests: it draws on
 * whatever cairo_t it is given, in user units from (0, 0) to (width,
 * height), and takes its colours and font from the style only.
 */
#define G_LOG_DOMAIN "tally-render"

#include "config.h"

#include <math.h>

#include "tally-chart-private.h"

void
_tally_chart_set_color (cairo_t               *cr,
                        const TallyChartColor *color)
{
  cairo_set_source_rgba (cr, color->red, color->green, color->blue, color->alpha);
}

/* Shows @str with its top left at (@x, @y); see _tally_chart_text_set(). */
void
_tally_chart_show_text (TallyChartPainter     *painter,
                        const char            *str,
                        gboolean               title,
                        double                 x,
                        double                 y,
                        double                 width,
                        int                    lines,
                        PangoAlignment         alignment,
                        const TallyChartColor *color)
{
  _tally_chart_text_set (&painter->text, str, title, width, lines, alignment);
  _tally_chart_set_color (painter->cr, color);
  cairo_move_to (painter->cr, x, y);
  pango_cairo_show_layout (painter->cr, painter->text.layout);
  /* The move leaves a current point that the next path would start from. */
  cairo_new_path (painter->cr);
}

/* A short mark under the plot where an x label belongs. */
void
_tally_chart_draw_x_tick (TallyChartPainter *painter,
                          double             x)
{
  cairo_t *cr = painter->cr;
  /* From under the axis' line, which takes the row the plot ends on. */
  double top = round (painter->layout->label_top) + 1;

  _tally_chart_set_color (cr, &painter->style->muted);
  cairo_set_line_width (cr, 1);
  cairo_move_to (cr, round (x) + 0.5, top);
  cairo_line_to (cr, round (x) + 0.5, top + TALLY_CHART_TICK_LENGTH - 1);
  cairo_stroke (cr);
}

/* Diagonal lines over a light wash: open periods stay legible under it. */
void
_tally_chart_draw_hatch (TallyChartPainter    *painter,
                         const TallyChartRect *rect)
{
  cairo_t *cr = painter->cr;
  const TallyChartColor *color = &painter->style->open_period;
  TallyChartColor wash = { color->red, color->green, color->blue, color->alpha * 0.35 };

  cairo_save (cr);
  cairo_rectangle (cr, rect->x, rect->y, rect->width, rect->height);
  cairo_clip (cr);
  _tally_chart_set_color (cr, &wash);
  cairo_paint (cr);

  /* Lines at 45°, anchored to the surface so neighbouring runs line up. */
  for (double x = floor ((rect->x - rect->height - rect->y) / 6) * 6 + rect->y; x < rect->x + rect->width; x += 6)
    {
      cairo_move_to (cr, x, rect->y + rect->height);
      cairo_line_to (cr, x + rect->height, rect->y);
    }
  _tally_chart_set_color (cr, color);
  cairo_set_line_width (cr, 1);
  cairo_stroke (cr);
  cairo_restore (cr);
}

/* The title: what the chart shows in bold, then what it is of. */
static void
draw_title (TallyChartPainter *painter)
{
  const TallyChartLayout *layout = painter->layout;
  const TallyChartRect *r = &layout->title;
  g_autofree char *subtitle = _tally_chart_subtitle (painter->data);
  double title_width, title_height, rest;

  _tally_chart_show_text (painter, tally_chart_get_title (layout->kind), TRUE, r->x, r->y, r->width, 1,
                          PANGO_ALIGN_LEFT, &painter->style->foreground);
  _tally_chart_text_size (&painter->text, &title_width, &title_height);

  rest = r->width - title_width - layout->line_height;
  if (painter->data->title != NULL && rest > layout->line_height * 3)
    _tally_chart_show_text (painter, painter->data->title, FALSE, r->x + title_width + layout->line_height,
                            r->y + (title_height - layout->line_height) * 0.75, rest, 1, PANGO_ALIGN_LEFT,
                            &painter->style->muted);

  r = &layout->subtitle;
  _tally_chart_show_text (painter, subtitle, FALSE, r->x, r->y, r->width, 1, PANGO_ALIGN_LEFT,
                          &painter->style->muted);
}

static void
draw_swatch (TallyChartPainter          *painter,
             const TallyChartLegendItem *item)
{
  cairo_t *cr = painter->cr;
  const TallyChartColor *color = TALLY_CHART_COLOR (painter->style, item->color);
  double x = item->area.x, mid = item->area.y + item->area.height / 2;
  double width = painter->layout->swatch_width, height = round (width * 0.55);
  TallyChartRect box = { x, round (mid - height / 2), width, height };

  switch (item->swatch)
    {
    case TALLY_CHART_SWATCH_LINE:
      _tally_chart_set_color (cr, color);
      cairo_set_line_width (cr, painter->style->line_width);
      cairo_move_to (cr, x, mid);
      cairo_line_to (cr, x + width, mid);
      cairo_stroke (cr);
      break;
    case TALLY_CHART_SWATCH_HATCH:
      _tally_chart_draw_hatch (painter, &box);
      break;
    case TALLY_CHART_SWATCH_HOLLOW:
      _tally_chart_set_color (cr, color);
      cairo_set_line_width (cr, 1);
      cairo_set_dash (cr, (double[]) { 3, 2 }, 2, 0);
      cairo_rectangle (cr, box.x + 0.5, box.y + 0.5, box.width - 1, box.height - 1);
      cairo_stroke (cr);
      cairo_set_dash (cr, NULL, 0, 0);
      break;
    case TALLY_CHART_SWATCH_FILL:
    default:
      _tally_chart_set_color (cr, color);
      cairo_rectangle (cr, box.x, box.y, box.width, box.height);
      cairo_fill (cr);
      break;
    }
}

static void
draw_legend (TallyChartPainter *painter)
{
  const TallyChartLayout *layout = painter->layout;

  for (guint i = 0; i < layout->n_legend; i++)
    {
      const TallyChartLegendItem *item = &layout->legend[i];
      double text_x = item->area.x + layout->swatch_width + 6;

      draw_swatch (painter, item);
      _tally_chart_show_text (painter, item->text, FALSE, text_x, item->area.y,
                              MAX (item->area.x + item->area.width - text_x, 1), 1, PANGO_ALIGN_LEFT,
                              &painter->style->foreground);
    }
}

/* The horizontal grid and its labels, then the unit over them. */
static void
draw_y_axis (TallyChartPainter *painter)
{
  const TallyChartLayout *layout = painter->layout;
  const TallyChartAxis *axis = &layout->axis;
  cairo_t *cr = painter->cr;

  cairo_set_line_width (cr, 1);
  for (double v = axis->y_min; v <= axis->y_max + axis->y_step * 1e-6; v += axis->y_step)
    {
      g_autofree char *label = _tally_chart_format_tick (layout, painter->data, v);
      double y = round (_tally_chart_value_y (layout, v));

      _tally_chart_set_color (cr, &painter->style->grid);
      cairo_move_to (cr, axis->plot.x, y + 0.5);
      cairo_line_to (cr, axis->plot.x + axis->plot.width, y + 0.5);
      cairo_stroke (cr);

      _tally_chart_show_text (painter, label, FALSE, layout->pad, y - layout->line_height / 2,
                              axis->plot.x - 8 - layout->pad, 1, PANGO_ALIGN_RIGHT, &painter->style->muted);
    }

  _tally_chart_show_text (painter, _tally_chart_unit (layout->kind, painter->data), FALSE, layout->unit.x,
                          layout->unit.y, layout->unit.width, 1, PANGO_ALIGN_LEFT, &painter->style->muted);
}

/* The zero line, darker than the grid: bars stand on it. */
static void
draw_baseline (TallyChartPainter *painter)
{
  const TallyChartAxis *axis = &painter->layout->axis;
  double y = round (_tally_chart_value_y (painter->layout, 0));

  _tally_chart_set_color (painter->cr, &painter->style->muted);
  cairo_set_line_width (painter->cr, 1);
  cairo_move_to (painter->cr, axis->plot.x, y + 0.5);
  cairo_line_to (painter->cr, axis->plot.x + axis->plot.width, y + 0.5);
  cairo_stroke (painter->cr);
}

static void
draw_note (TallyChartPainter *painter)
{
  const TallyChartRect *r = &painter->layout->note;
  g_autofree char *note = _tally_chart_note (painter->layout, painter->data);

  if (note != NULL)
    _tally_chart_show_text (painter, note, FALSE, r->x, r->y, r->width, 1, PANGO_ALIGN_LEFT, &painter->style->muted);
}

static void
draw_empty (TallyChartPainter *painter)
{
  const TallyChartLayout *layout = painter->layout;
  const TallyChartRect *plot = &layout->axis.plot;

  _tally_chart_show_text (painter, _tally_chart_empty_text (layout->kind), FALSE, plot->x,
                          plot->y + plot->height / 2 - layout->line_height / 2, plot->width, 1, PANGO_ALIGN_CENTER,
                          &painter->style->muted);
}

static void
draw_data (TallyChartPainter *painter)
{
  switch (painter->layout->kind)
    {
    case TALLY_CHART_ROAS_OVER_TIME:
      _tally_chart_draw_roas (painter);
      _tally_chart_draw_period_labels (painter);
      break;
    case TALLY_CHART_MATCH_QUALITY:
      _tally_chart_draw_match_quality (painter);
      _tally_chart_draw_period_labels (painter);
      break;
    case TALLY_CHART_CAC_BY_CAMPAIGN:
      _tally_chart_draw_cac (painter);
      draw_baseline (painter);
      break;
    case TALLY_CHART_GAP_BRIDGE:
    default:
      draw_baseline (painter);
      _tally_chart_draw_bridge (painter);
      break;
    }
}

/**
 * tally_chart_render:
 * @kind: which chart
 * @cr: where to draw, in user units
 * @width: the chart's width
 * @height: the chart's height
 * @data: what to show
 * @style: colours and font; %NULL for the light preset
 *
 * Paints the whole rectangle from (0, 0) to (@width, @height): background,
 * title, the rules the numbers rest on, legend, axes and data.
 */
void
tally_chart_render (TallyChartKind         kind,
                    cairo_t               *cr,
                    double                 width,
                    double                 height,
                    const TallyChartData  *data,
                    const TallyChartStyle *style)
{
  TallyChartLayout layout;
  TallyChartPainter painter = { cr, data, NULL, &layout, { NULL } };

  g_return_if_fail (cr != NULL);
  g_return_if_fail (data != NULL);

  painter.style = style != NULL ? style : tally_chart_style_light ();
  _tally_chart_layout_compute (&layout, kind, width, height, data, painter.style);

  cairo_save (cr);
  cairo_rectangle (cr, 0, 0, width, height);
  cairo_clip (cr);
  _tally_chart_set_color (cr, &painter.style->background);
  cairo_paint (cr);

  _tally_chart_text_init_cairo (&painter.text, cr, painter.style->font);
  draw_title (&painter);
  draw_legend (&painter);
  if (layout.has_open)
    _tally_chart_draw_open_periods (&painter);
  draw_y_axis (&painter);

  if (layout.n_slots > 0)
    draw_data (&painter);
  else
    draw_empty (&painter);
  draw_note (&painter);

  _tally_chart_text_clear (&painter.text);
  cairo_restore (cr);
}
