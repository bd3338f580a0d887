/* tally-chart-layout.c: where everything on a chart goes
 *
 * Copyright 2026 The Tally authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Drawing, hit testing and the tests all ask this file where a point or a
 * bar is, so what is drawn is always what the pointer finds. The layout
 * depends on the kind, the size, the data and the font's metrics only.
 *
 * From the top: title, subtitle (the rules), legend, the y axis' unit, the
 * plot, the x labels, a note. The y axis takes 1, 2 or 5 times a power of
 * ten per tick; periods and campaigns each get an equal slot of the width.
 */
#define G_LOG_DOMAIN "tally-render"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>
#include <string.h>

#include "tally-chart-private.h"

#define LEGEND_SPACE  16.0
/* At most this many names are measured: the longest, by their length in
 * bytes, which is close enough to choose how much room names get. */
#define MEASURED_NAMES 6

/* The series a kind draws, in drawing order. */
static guint
kind_series (TallyChartKind    kind,
             TallyChartSeries  series[3])
{
  switch (kind)
    {
    case TALLY_CHART_ROAS_OVER_TIME:
      series[0] = TALLY_CHART_SERIES_META_ROAS;
      series[1] = TALLY_CHART_SERIES_CRM_ROAS;
      return 2;
    case TALLY_CHART_CAC_BY_CAMPAIGN:
      series[0] = TALLY_CHART_SERIES_CRM_CAC;
      series[1] = TALLY_CHART_SERIES_META_CPA;
      return 2;
    case TALLY_CHART_MATCH_QUALITY:
      series[0] = TALLY_CHART_SERIES_IDENTIFIER;
      series[1] = TALLY_CHART_SERIES_CLICK_ID;
      series[2] = TALLY_CHART_SERIES_UNKNOWN_SOURCE;
      return 3;
    case TALLY_CHART_GAP_BRIDGE:
    default:
      return 0;
    }
}

static gboolean
kind_has_series (TallyChartKind   kind,
                 TallyChartSeries series)
{
  TallyChartSeries all[3];
  guint n = kind_series (kind, all);

  for (guint i = 0; i < n; i++)
    if (all[i] == series)
      return TRUE;
  return FALSE;
}

/* The smallest and largest finite value the chart draws, and whether any
 * value is missing. FALSE when there is no finite value at all. */
static gboolean
data_range (TallyChartKind        kind,
            const TallyChartData *data,
            double               *lo,
            double               *hi,
            gboolean             *has_nulls)
{
  TallyChartSeries series[3];
  guint n_series = kind_series (kind, series);
  guint n = kind == TALLY_CHART_CAC_BY_CAMPAIGN ? data->n_campaigns : data->n_periods;

  *lo = INFINITY;
  *hi = -INFINITY;
  *has_nulls = FALSE;
  for (guint s = 0; s < n_series; s++)
    for (guint i = 0; i < n; i++)
      {
        double v = _tally_chart_series_value (data, series[s], i);

        if (!isfinite (v))
          {
            *has_nulls = TRUE;
            continue;
          }
        *lo = MIN (*lo, v);
        *hi = MAX (*hi, v);
      }

  return *lo <= *hi;
}

/* The y axis --------------------------------------------------------------- */

/* 1, 2 or 5 times a power of ten, at least @raw. */
static double
nice_step (double raw)
{
  double magnitude = pow (10, floor (log10 (raw)));
  double normal = raw / magnitude;

  return (normal <= 1 + 1e-9 ? 1 : normal <= 2 + 1e-9 ? 2 : normal <= 5 + 1e-9 ? 5 : 10) * magnitude;
}

/* @empty_span: how far the axis reaches when every value is the same */
static void
nice_scale (TallyChartAxis *axis,
            double          lo,
            double          hi,
            double          n_ticks,
            double          min_step,
            double          empty_span)
{
  double step;

  if (!(hi > lo))
    hi = lo + MAX (fabs (lo), empty_span);

  step = MAX (nice_step ((hi - lo) / n_ticks), min_step);
  axis->y_step = step;
  axis->y_min = floor (lo / step + 1e-9) * step;
  axis->y_max = ceil (hi / step - 1e-9) * step;
}

/* How far up the bridge goes, with room for the values over its bars. */
static void
bridge_range (const TallyChartData *data,
              double               *lo,
              double               *hi)
{
  g_autofree TallyChartBridgeBar *bars = g_new (TallyChartBridgeBar, TALLY_CHART_BRIDGE_MAX_BARS (data));
  guint n = _tally_chart_bridge_bars (data, bars);
  double headroom;

  *lo = 0;
  *hi = 0;
  for (guint i = 0; i < n; i++)
    {
      *lo = MIN (*lo, (double) MIN (bars[i].from, bars[i].to));
      *hi = MAX (*hi, (double) MAX (bars[i].from, bars[i].to));
    }

  headroom = (*hi - *lo) * 0.08;
  *hi += headroom;
  if (*lo < 0)
    *lo -= headroom;
}

static void
place_y_axis (TallyChartLayout     *layout,
              const TallyChartData *data)
{
  double unit = pow (10, data->decimals);
  double n_ticks = CLAMP (floor (layout->axis.plot.height / (layout->line_height * 3.5)), 2, 8);
  double lo, hi;
  gboolean has_nulls = FALSE;

  switch (layout->kind)
    {
    case TALLY_CHART_MATCH_QUALITY:
      layout->axis.y_min = 0;
      layout->axis.y_max = 1;
      layout->axis.y_step = n_ticks >= 5 ? 0.2 : 0.5;
      data_range (layout->kind, data, &lo, &hi, &has_nulls);
      break;

    case TALLY_CHART_GAP_BRIDGE:
      bridge_range (data, &lo, &hi);
      nice_scale (&layout->axis, lo, hi, n_ticks, 1, 100 * unit);
      break;

    case TALLY_CHART_CAC_BY_CAMPAIGN:
    case TALLY_CHART_ROAS_OVER_TIME:
    default:
      if (!data_range (layout->kind, data, &lo, &hi, &has_nulls))
        {
          lo = 0;
          hi = layout->value_kind == TALLY_CHART_VALUE_MONEY ? 100 * unit : 1;
        }
      /* From zero: a bar or a ROAS read against a cut axis misleads. */
      if (layout->value_kind == TALLY_CHART_VALUE_MONEY)
        nice_scale (&layout->axis, MIN (lo, 0), MAX (hi, 0), n_ticks, 1, 100 * unit);
      else
        nice_scale (&layout->axis, MIN (lo, 0), MAX (hi, 0), n_ticks, 0.01, 1);
      break;
    }

  if (has_nulls)
    layout->notes |= TALLY_CHART_NOTE_GAPS;
}

static double
widest_tick (TallyChartLayout     *layout,
             const TallyChartData *data,
             TallyChartText       *text)
{
  const TallyChartAxis *axis = &layout->axis;
  double widest = 0;

  for (double v = axis->y_min; v <= axis->y_max + axis->y_step * 1e-6; v += axis->y_step)
    {
      g_autofree char *label = _tally_chart_format_tick (layout, data, v);

      widest = MAX (widest, _tally_chart_text_width (text, label));
    }
  return widest;
}

/* The header --------------------------------------------------------------- */

static void
add_legend (TallyChartLayout *layout,
            const char       *text,
            TallyChartSwatch  swatch,
            gsize             color)
{
  g_assert (layout->n_legend < TALLY_CHART_MAX_LEGEND);
  layout->legend[layout->n_legend++] = (TallyChartLegendItem) { text, swatch, color, { 0, 0, 0, 0 } };
}

static gboolean
any_open (const TallyChartData *data)
{
  for (guint i = 0; i < data->n_periods; i++)
    if (!data->periods[i].frozen)
      return TRUE;
  return FALSE;
}

static gboolean
any_not_measurable (const TallyChartData *data)
{
  for (guint i = 0; i < data->bridge.n_steps; i++)
    if (!data->bridge.steps[i].measurable)
      return TRUE;
  return FALSE;
}

static void
choose_legend (TallyChartLayout     *layout,
               const TallyChartData *data)
{
  switch (layout->kind)
    {
    case TALLY_CHART_ROAS_OVER_TIME:
      add_legend (layout, _("Meta attributed ROAS"), TALLY_CHART_SWATCH_LINE, G_STRUCT_OFFSET (TallyChartStyle, meta));
      add_legend (layout, _("CRM realized ROAS"), TALLY_CHART_SWATCH_LINE, G_STRUCT_OFFSET (TallyChartStyle, crm));
      add_legend (layout, _("Gap between them"), TALLY_CHART_SWATCH_FILL, G_STRUCT_OFFSET (TallyChartStyle, gap));
      break;
    case TALLY_CHART_MATCH_QUALITY:
      add_legend (layout, _("With an identifier (e-mail, phone, contact id)"), TALLY_CHART_SWATCH_LINE,
                  G_STRUCT_OFFSET (TallyChartStyle, identifier));
      add_legend (layout, _("With a click id (fbclid)"), TALLY_CHART_SWATCH_LINE,
                  G_STRUCT_OFFSET (TallyChartStyle, click_id));
      add_legend (layout, _("Without any source"), TALLY_CHART_SWATCH_LINE,
                  G_STRUCT_OFFSET (TallyChartStyle, unknown_source));
      break;
    case TALLY_CHART_CAC_BY_CAMPAIGN:
      add_legend (layout, _("CRM CAC (spend ÷ new customers)"), TALLY_CHART_SWATCH_FILL,
                  G_STRUCT_OFFSET (TallyChartStyle, crm));
      add_legend (layout, _("Meta CPA (spend ÷ Meta results)"), TALLY_CHART_SWATCH_FILL,
                  G_STRUCT_OFFSET (TallyChartStyle, meta));
      break;
    case TALLY_CHART_GAP_BRIDGE:
    default:
      add_legend (layout, _("Raises revenue"), TALLY_CHART_SWATCH_FILL, G_STRUCT_OFFSET (TallyChartStyle, increase));
      add_legend (layout, _("Lowers revenue"), TALLY_CHART_SWATCH_FILL, G_STRUCT_OFFSET (TallyChartStyle, decrease));
      if (any_not_measurable (data))
        add_legend (layout, _("Not measurable"), TALLY_CHART_SWATCH_HOLLOW, G_STRUCT_OFFSET (TallyChartStyle, muted));
      break;
    }

  if (layout->has_open)
    add_legend (layout, _("Open period, not frozen yet"), TALLY_CHART_SWATCH_HATCH,
                G_STRUCT_OFFSET (TallyChartStyle, open_period));
}

/* Lays the legend out in rows from @y; returns the y under it. */
static double
flow_legend (TallyChartLayout *layout,
             TallyChartText   *text,
             double            y)
{
  double x = layout->pad, right = layout->width - layout->pad;
  double row = layout->line_height + 4;

  for (guint i = 0; i < layout->n_legend; i++)
    {
      TallyChartLegendItem *item = &layout->legend[i];
      double w = layout->swatch_width + 6 + _tally_chart_text_width (text, item->text);

      if (x > layout->pad && x + w > right)
        {
          x = layout->pad;
          y += row;
        }
      item->area = (TallyChartRect) { x, y, MIN (w, right - x), layout->line_height };
      x += w + LEGEND_SPACE;
    }
  return layout->n_legend > 0 ? y + row : y;
}

/* Returns where the plot may start. */
static double
place_header (TallyChartLayout     *layout,
              const TallyChartData *data,
              TallyChartText       *text)
{
  double inner = MAX (layout->width - 2 * layout->pad, 1);
  double y = layout->pad, title_height;

  _tally_chart_text_set (text, "Ag", TRUE, 0, 1, PANGO_ALIGN_LEFT);
  _tally_chart_text_size (text, NULL, &title_height);
  layout->title = (TallyChartRect) { layout->pad, y, inner, title_height };
  y += title_height + 2;
  layout->subtitle = (TallyChartRect) { layout->pad, y, inner, layout->line_height };
  y += layout->line_height * 1.6;

  choose_legend (layout, data);
  y = flow_legend (layout, text, y) + layout->line_height * 0.4;

  layout->unit = (TallyChartRect) { layout->pad, y, inner, layout->line_height };
  /* Room under it for the top tick's label, centred on the plot's top. */
  return y + layout->line_height * 2;
}

/* The footer --------------------------------------------------------------- */

static void
choose_notes (TallyChartLayout     *layout,
              const TallyChartData *data)
{
  if (layout->kind == TALLY_CHART_MATCH_QUALITY && data->n_periods > 0)
    layout->notes |= TALLY_CHART_NOTE_OVERLAP;
  if (layout->kind == TALLY_CHART_GAP_BRIDGE && (data->bridge.no_source != 0 || data->bridge.unmatched != 0))
    layout->notes |= TALLY_CHART_NOTE_CONTEXT;
}

/* The x labels ------------------------------------------------------------- */

/* The widest of @n strings at @stride bytes from each other, measuring only
 * the MEASURED_NAMES longest. */
static double
widest_name (TallyChartText *text,
             const char     *first,
             gsize           stride,
             guint           n)
{
  const char *longest[MEASURED_NAMES] = { NULL };
  gsize lengths[MEASURED_NAMES] = { 0 };
  double widest = 0;

  for (guint i = 0; i < n; i++)
    {
      const char *name = G_STRUCT_MEMBER (const char *, first, i * stride);
      gsize length = name != NULL ? strlen (name) : 0;
      guint shortest = 0;

      for (guint j = 1; j < MEASURED_NAMES; j++)
        if (lengths[j] < lengths[shortest])
          shortest = j;
      if (name != NULL && (longest[shortest] == NULL || length > lengths[shortest]))
        {
          longest[shortest] = name;
          lengths[shortest] = length;
        }
    }

  for (guint j = 0; j < MEASURED_NAMES; j++)
    if (longest[j] != NULL)
      widest = MAX (widest, _tally_chart_text_width (text, longest[j]));
  return widest;
}

/* A label every 1, 2, 3, 5, 7, 10, 14, 15, 20, 30 … slots, at least @min. */
static guint
nice_label_step (guint min)
{
  static const guint steps[] = { 1, 2, 3, 4, 5, 6, 7, 10, 12, 14, 15, 20, 25, 30, 50, 60, 90, 100 };

  for (guint i = 0; i < G_N_ELEMENTS (steps); i++)
    if (steps[i] >= min)
      return steps[i];
  return (guint) (ceil (min / 100.0) * 100);
}

/* Campaign names lie flat when they have room, else they turn upright. */
static double
campaign_label_room (TallyChartLayout     *layout,
                     const TallyChartData *data,
                     TallyChartText       *text,
                     double                slot_guess)
{
  double name_width = widest_name (text, (const char *) &data->campaigns[0].name, sizeof (TallyChartCampaign),
                                   data->n_campaigns);

  if (slot_guess >= layout->line_height * 5)
    {
      layout->label_lines = name_width <= slot_guess - 6 ? 1 : 2;
      return layout->label_lines * layout->line_height;
    }

  layout->labels_rotated = TRUE;
  layout->label_extent = MIN (name_width, MAX (layout->height * 0.25, layout->line_height * 4));
  layout->label_extent = MIN (layout->label_extent, layout->line_height * 16);
  return layout->label_extent;
}

/* Bridge labels wrap to up to three lines under their bars. */
static double
bridge_label_room (TallyChartLayout     *layout,
                   const TallyChartData *data,
                   TallyChartText       *text,
                   double                slot_guess)
{
  g_autofree TallyChartBridgeBar *bars = g_new (TallyChartBridgeBar, TALLY_CHART_BRIDGE_MAX_BARS (data));
  guint n = _tally_chart_bridge_bars (data, bars);
  double tallest = layout->line_height;

  for (guint i = 0; i < n; i++)
    {
      double h;

      _tally_chart_text_set (text, _tally_chart_bar_label (&bars[i]), FALSE, MAX (slot_guess - 8, 1), 3,
                             PANGO_ALIGN_CENTER);
      _tally_chart_text_size (text, NULL, &h);
      tallest = MAX (tallest, h);
    }

  layout->label_lines = (guint) CLAMP (round (tallest / layout->line_height), 1, 3);
  return layout->label_lines * layout->line_height;
}

/* The height the x labels need under the plot. */
static double
place_x_labels (TallyChartLayout     *layout,
                const TallyChartData *data,
                TallyChartText       *text)
{
  /* Before the y axis is known, guess its labels a little wide. */
  double slot_guess = (layout->width - 2 * layout->pad - 8 * layout->line_height) / MAX (layout->n_slots, 1);
  double room;

  layout->label_lines = 1;
  switch (layout->kind)
    {
    case TALLY_CHART_CAC_BY_CAMPAIGN:
      room = data->n_campaigns > 0 ? campaign_label_room (layout, data, text, slot_guess) : 0;
      break;
    case TALLY_CHART_GAP_BRIDGE:
      room = bridge_label_room (layout, data, text, slot_guess);
      break;
    case TALLY_CHART_ROAS_OVER_TIME:
    case TALLY_CHART_MATCH_QUALITY:
    default:
      room = layout->line_height;
      break;
    }
  return TALLY_CHART_TICK_LENGTH + 3 + room;
}

/* Whether a key is a day, YYYY-MM-DD. */
static gboolean
is_day_key (const char *key)
{
  return key != NULL && strlen (key) == 10 && key[4] == '-' && key[7] == '-';
}

/* Days too narrow for a label a fortnight get one on the first of every 1,
 * 2, 3, 6 or 12 months, which people find faster than every 30th day. */
static guint
label_months (guint step)
{
  static const guint months[] = { 1, 2, 3, 6, 12 };

  for (guint i = 0; i < G_N_ELEMENTS (months); i++)
    if (months[i] * 28 >= step)
      return months[i];
  return 0;
}

/* With the plot's width known, how many slots a label needs. */
static void
thin_x_labels (TallyChartLayout     *layout,
               const TallyChartData *data,
               TallyChartText       *text)
{
  double slot = MAX (layout->slot_width, 0.01);

  layout->label_step = 1;
  if (layout->kind == TALLY_CHART_CAC_BY_CAMPAIGN && layout->labels_rotated)
    layout->label_step = (guint) ceil ((layout->line_height + 2) / slot);
  else if ((layout->kind == TALLY_CHART_ROAS_OVER_TIME || layout->kind == TALLY_CHART_MATCH_QUALITY) &&
           data->n_periods > 0)
    {
      double key_width = widest_name (text, (const char *) &data->periods[0].key, sizeof (TallyChartPeriod),
                                      data->n_periods);
      guint step = (guint) ceil ((key_width + layout->line_height * 1.2) / slot);

      layout->label_step = nice_label_step (step);
      /* Days keep their weekday from label to label. */
      if (is_day_key (data->periods[0].key) && step > 7 && step <= 14)
        layout->label_step = 14;
      else if (is_day_key (data->periods[0].key) && step > 14)
        layout->label_months = label_months (step);
    }
}

/**
 * _tally_chart_slot_labelled:
 *
 * Returns: whether the x axis names @slot. Campaigns count from the last,
 *   so that `(unmatched)`, sorted last, always has its name.
 */
gboolean
_tally_chart_slot_labelled (const TallyChartLayout *layout,
                            const TallyChartData   *data,
                            guint                   slot)
{
  const char *key;
  guint month;

  switch (layout->kind)
    {
    case TALLY_CHART_CAC_BY_CAMPAIGN:
      return (layout->n_slots - 1 - slot) % layout->label_step == 0;
    case TALLY_CHART_GAP_BRIDGE:
      return TRUE;
    case TALLY_CHART_ROAS_OVER_TIME:
    case TALLY_CHART_MATCH_QUALITY:
    default:
      if (layout->label_months == 0)
        return slot % layout->label_step == 0;
      key = data->periods[slot].key;
      if (!is_day_key (key) || key[8] != '0' || key[9] != '1')
        return FALSE;
      month = (guint) g_ascii_strtoull (key + 5, NULL, 10);
      return month >= 1 && (month - 1) % layout->label_months == 0;
    }
}

/* Whether each half of a campaign's slot has room for its bar's value. */
static gboolean
campaign_values_fit (TallyChartLayout     *layout,
                     const TallyChartData *data,
                     TallyChartText       *text)
{
  double room = layout->slot_width / 2 - 4;

  for (guint i = 0; i < data->n_campaigns; i++)
    {
      g_autofree char *cac = _tally_chart_format_value (data, data->campaigns[i].crm_cac, FALSE);
      g_autofree char *cpa = _tally_chart_format_value (data, data->campaigns[i].meta_cpa, FALSE);

      if (_tally_chart_text_width (text, cac) > room || _tally_chart_text_width (text, cpa) > room)
        return FALSE;
    }
  return TRUE;
}

static void
size_bars (TallyChartLayout     *layout,
           const TallyChartData *data,
           TallyChartText       *text)
{
  double slot = layout->slot_width;

  if (layout->kind == TALLY_CHART_CAC_BY_CAMPAIGN)
    {
      layout->bar_gap = slot >= 12 ? 2 : slot >= 6 ? 1 : 0;
      layout->bar_width = MIN ((slot * 0.72 - layout->bar_gap) / 2, layout->line_height * 2.5);
      /* Flat names mean few campaigns: few enough to measure every value. */
      layout->bar_values = !layout->labels_rotated && campaign_values_fit (layout, data, text);
    }
  else if (layout->kind == TALLY_CHART_GAP_BRIDGE)
    layout->bar_width = MIN (slot * 0.62, layout->line_height * 8);
}

/* All of it ---------------------------------------------------------------- */

void
_tally_chart_layout_compute (TallyChartLayout      *layout,
                             TallyChartKind         kind,
                             double                 width,
                             double                 height,
                             const TallyChartData  *data,
                             const TallyChartStyle *style)
{
  TallyChartText text = { NULL };
  TallyChartRect *plot = &layout->axis.plot;
  double top, bottom, left;

  memset (layout, 0, sizeof *layout);
  layout->kind = kind;
  layout->width = width;
  layout->height = height;
  layout->value_kind = kind == TALLY_CHART_ROAS_OVER_TIME ? TALLY_CHART_VALUE_RATIO
                       : kind == TALLY_CHART_MATCH_QUALITY ? TALLY_CHART_VALUE_SHARE
                       : TALLY_CHART_VALUE_MONEY;
  layout->has_open = (kind == TALLY_CHART_ROAS_OVER_TIME || kind == TALLY_CHART_MATCH_QUALITY) && any_open (data);
  layout->n_slots = tally_chart_n_slots (kind, data);

  _tally_chart_text_init_measure (&text, style->font);
  _tally_chart_text_set (&text, "Ag", FALSE, 0, 1, PANGO_ALIGN_LEFT);
  _tally_chart_text_size (&text, NULL, &layout->line_height);
  layout->pad = round (layout->line_height);
  layout->swatch_width = round (layout->line_height * 1.3);

  top = place_header (layout, data, &text);
  choose_notes (layout, data);
  bottom = height - layout->pad;
  bottom -= place_x_labels (layout, data, &text);

  plot->y = top;
  plot->height = MAX (bottom - top - (layout->line_height * 1.6), 1);
  place_y_axis (layout, data);

  /* The note comes last: the y axis may have found a gap worth one. */
  if (layout->notes != 0)
    layout->note = (TallyChartRect) { layout->pad, height - layout->pad - layout->line_height,
                                      MAX (width - 2 * layout->pad, 1), layout->line_height };
  else
    plot->height += layout->line_height * 1.6;
  layout->label_top = plot->y + plot->height;

  left = layout->pad + widest_tick (layout, data, &text) + 8;
  plot->x = round (left);
  plot->width = MAX (width - layout->pad - plot->x, 1);
  layout->slot_width = layout->n_slots > 0 ? plot->width / layout->n_slots : plot->width;
  thin_x_labels (layout, data, &text);
  size_bars (layout, data, &text);

  _tally_chart_text_clear (&text);
}

/* Positions ---------------------------------------------------------------- */

double
_tally_chart_value_y (const TallyChartLayout *layout,
                      double                  value)
{
  const TallyChartAxis *axis = &layout->axis;

  return axis->plot.y + axis->plot.height * (axis->y_max - value) / (axis->y_max - axis->y_min);
}

double
_tally_chart_slot_x (const TallyChartLayout *layout,
                     guint                   slot)
{
  return layout->axis.plot.x + (slot + 0.5) * layout->slot_width;
}

gboolean
_tally_chart_point (const TallyChartLayout *layout,
                    const TallyChartData   *data,
                    TallyChartSeries        series,
                    guint                   index,
                    double                 *x,
                    double                 *y)
{
  double value;

  if (!kind_has_series (layout->kind, series) || index >= layout->n_slots)
    return FALSE;

  value = _tally_chart_series_value (data, series, index);
  if (!isfinite (value))
    return FALSE;

  if (layout->kind == TALLY_CHART_CAC_BY_CAMPAIGN)
    {
      TallyChartRect bar;

      _tally_chart_campaign_bar (layout, data, index, series, &bar);
      *x = bar.x + bar.width / 2;
      *y = value >= 0 ? bar.y : bar.y + bar.height;
      return TRUE;
    }

  *x = _tally_chart_slot_x (layout, index);
  *y = _tally_chart_value_y (layout, value);
  return TRUE;
}

/* A rectangle from @x0 to @x1 and @y0 to @y1 in either order, its edges on
 * whole units so that bars are crisp and tests can count pixels. */
static void
snap_rect (double          x0,
           double          x1,
           double          y0,
           double          y1,
           TallyChartRect *rect)
{
  double left = round (MIN (x0, x1)), right = round (MAX (x0, x1));
  double top = round (MIN (y0, y1)), bottom = round (MAX (y0, y1));

  *rect = (TallyChartRect) { left, top, MAX (right - left, 1), MAX (bottom - top, 1) };
}

/* The CRM CAC bar stands left of the slot's centre, the Meta CPA bar right. */
gboolean
_tally_chart_campaign_bar (const TallyChartLayout *layout,
                           const TallyChartData   *data,
                           guint                   campaign,
                           TallyChartSeries        which,
                           TallyChartRect         *rect)
{
  double centre, left, value;

  if (layout->kind != TALLY_CHART_CAC_BY_CAMPAIGN || campaign >= data->n_campaigns ||
      (which != TALLY_CHART_SERIES_CRM_CAC && which != TALLY_CHART_SERIES_META_CPA))
    return FALSE;

  value = _tally_chart_series_value (data, which, campaign);
  centre = _tally_chart_slot_x (layout, campaign);
  left = which == TALLY_CHART_SERIES_CRM_CAC ? centre - layout->bar_gap / 2 - layout->bar_width
                                             : centre + layout->bar_gap / 2;
  snap_rect (left, left + layout->bar_width, _tally_chart_value_y (layout, isfinite (value) ? value : 0),
             _tally_chart_value_y (layout, 0), rect);
  return isfinite (value);
}

/* A bar that cannot be measured is an empty box around its level, as tall
 * as a line of text, so that it can be seen and pointed at. */
void
_tally_chart_bridge_rect (const TallyChartLayout    *layout,
                          const TallyChartBridgeBar *bar,
                          guint                      index,
                          TallyChartRect            *rect)
{
  double centre = _tally_chart_slot_x (layout, index);
  double half = layout->bar_width / 2;
  double from = _tally_chart_value_y (layout, (double) bar->from);
  double to = _tally_chart_value_y (layout, (double) bar->to);

  if (!bar->measurable)
    {
      from -= layout->line_height * 0.8;
      to += layout->line_height * 0.8;
    }
  snap_rect (centre - half, centre + half, from, to, rect);
}
