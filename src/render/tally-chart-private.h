/* tally-chart-private.h: what the chart files share
 *
 * Copyright 2026 The Tally authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <pango/pangocairo.h>

#include "tally-chart.h"

G_BEGIN_DECLS

/* Text --------------------------------------------------------------------- */

/* One PangoLayout reused for every string of a chart, and the two fonts. */
typedef struct
{
  PangoLayout          *layout;
  PangoFontDescription *font;
  PangoFontDescription *title_font;
  PangoEllipsizeMode    ellipsize;  /* for text given a width; END unless changed */
} TallyChartText;

void    _tally_chart_text_init_measure (TallyChartText  *text,
                                        const char      *font);
void    _tally_chart_text_init_cairo   (TallyChartText  *text,
                                        cairo_t         *cr,
                                        const char      *font);
void    _tally_chart_text_clear        (TallyChartText  *text);
void    _tally_chart_text_set          (TallyChartText  *text,
                                        const char      *str,
                                        gboolean         title,
                                        double           width,
                                        int              lines,
                                        PangoAlignment   alignment);
void    _tally_chart_text_size         (TallyChartText  *text,
                                        double          *width,
                                        double          *height);
double  _tally_chart_text_width        (TallyChartText  *text,
                                        const char      *str);

/* The bridge's bars ---------------------------------------------------------- */

typedef enum
{
  TALLY_CHART_BAR_START,
  TALLY_CHART_BAR_STEP,
  TALLY_CHART_BAR_REMAINDER,
  TALLY_CHART_BAR_END,
} TallyChartBarRole;

/* A bar of the waterfall runs from @from to @to (minor units). */
typedef struct
{
  TallyChartBarRole     role;
  const TallyChartStep *step;
  gint64                from;
  gint64                to;
  gboolean              measurable;
} TallyChartBridgeBar;

guint _tally_chart_bridge_bars (const TallyChartData *data,
                                TallyChartBridgeBar  *bars);

#define TALLY_CHART_BRIDGE_MAX_BARS(data) ((data)->bridge.n_steps + 3)

/* Layout --------------------------------------------------------------------- */

typedef enum
{
  TALLY_CHART_SWATCH_LINE,
  TALLY_CHART_SWATCH_FILL,
  TALLY_CHART_SWATCH_HATCH,
  TALLY_CHART_SWATCH_HOLLOW,
} TallyChartSwatch;

typedef struct
{
  const char       *text;   /* translated, static */
  TallyChartSwatch  swatch;
  gsize             color;  /* offset of its colour in TallyChartStyle */
  TallyChartRect    area;   /* the swatch and the text */
} TallyChartLegendItem;

#define TALLY_CHART_MAX_LEGEND 5

typedef enum
{
  TALLY_CHART_VALUE_RATIO,
  TALLY_CHART_VALUE_MONEY,
  TALLY_CHART_VALUE_SHARE,
} TallyChartValueKind;

typedef enum
{
  TALLY_CHART_NOTE_GAPS     = 1 << 0,  /* a null value leaves a gap */
  TALLY_CHART_NOTE_OVERLAP  = 1 << 1,  /* match quality shares overlap */
  TALLY_CHART_NOTE_CONTEXT  = 1 << 2,  /* the bridge's context values */
} TallyChartNotes;

/* Where everything goes: a pure function of the kind, the size, the data and
 * the font's metrics, computed alike for drawing and for hit testing. */
typedef struct
{
  TallyChartKind        kind;
  TallyChartValueKind   value_kind;
  double                width;
  double                height;
  double                pad;
  double                line_height;
  TallyChartRect        title;
  TallyChartRect        subtitle;
  TallyChartRect        unit;
  TallyChartRect        note;
  TallyChartNotes       notes;
  TallyChartLegendItem  legend[TALLY_CHART_MAX_LEGEND];
  guint                 n_legend;
  double                swatch_width;
  TallyChartAxis        axis;
  guint                 n_slots;
  double                slot_width;
  double                label_top;
  guint                 label_step;
  guint                 label_months;
  gboolean              labels_rotated;
  double                label_extent;
  guint                 label_lines;
  double                bar_width;
  double                bar_gap;
  gboolean              bar_values;
  gboolean              has_open;
} TallyChartLayout;

void     _tally_chart_layout_compute (TallyChartLayout       *layout,
                                      TallyChartKind          kind,
                                      double                  width,
                                      double                  height,
                                      const TallyChartData   *data,
                                      const TallyChartStyle  *style);
double   _tally_chart_value_y        (const TallyChartLayout *layout,
                                      double                  value);
double   _tally_chart_slot_x         (const TallyChartLayout *layout,
                                      guint                   slot);
gboolean _tally_chart_slot_labelled  (const TallyChartLayout *layout,
                                      const TallyChartData   *data,
                                      guint                   slot);
double   _tally_chart_series_value   (const TallyChartData   *data,
                                      TallyChartSeries        series,
                                      guint                   index);
gboolean _tally_chart_point          (const TallyChartLayout *layout,
                                      const TallyChartData   *data,
                                      TallyChartSeries        series,
                                      guint                   index,
                                      double                 *x,
                                      double                 *y);
gboolean _tally_chart_campaign_bar   (const TallyChartLayout *layout,
                                      const TallyChartData   *data,
                                      guint                   campaign,
                                      TallyChartSeries        which,
                                      TallyChartRect         *rect);
void     _tally_chart_bridge_rect    (const TallyChartLayout *layout,
                                      const TallyChartBridgeBar *bar,
                                      guint                   index,
                                      TallyChartRect         *rect);

/* Words and numbers -------------------------------------------------------- */

char       *_tally_chart_format_tick     (const TallyChartLayout *layout,
                                          const TallyChartData   *data,
                                          double                  value);
char       *_tally_chart_format_value    (const TallyChartData   *data,
                                          double                  minor,
                                          gboolean                with_sign);
char       *_tally_chart_format_money    (const TallyChartData   *data,
                                          double                  minor,
                                          gboolean                with_sign);
char       *_tally_chart_format_delta    (double                  value,
                                          guint                   decimals);
char       *_tally_chart_subtitle        (const TallyChartData   *data);
const char *_tally_chart_unit            (TallyChartKind          kind,
                                          const TallyChartData   *data);
char       *_tally_chart_note            (const TallyChartLayout *layout,
                                          const TallyChartData   *data);
const char *_tally_chart_bar_label       (const TallyChartBridgeBar *bar);
const char *_tally_chart_empty_text      (TallyChartKind          kind);
char       *_tally_chart_period_tooltip  (TallyChartKind          kind,
                                          const TallyChartData   *data,
                                          guint                   index);
char       *_tally_chart_campaign_tooltip (const TallyChartData  *data,
                                          guint                   index);
char       *_tally_chart_bridge_tooltip  (const TallyChartData   *data,
                                          const TallyChartBridgeBar *bar);

/* Drawing ------------------------------------------------------------------ */

/* What every drawing function needs. */
typedef struct
{
  cairo_t                *cr;
  const TallyChartData   *data;
  const TallyChartStyle  *style;
  const TallyChartLayout *layout;
  TallyChartText          text;
} TallyChartPainter;

void _tally_chart_set_color        (cairo_t                *cr,
                                    const TallyChartColor  *color);
void _tally_chart_show_text        (TallyChartPainter      *painter,
                                    const char             *str,
                                    gboolean                title,
                                    double                  x,
                                    double                  y,
                                    double                  width,
                                    int                     lines,
                                    PangoAlignment          alignment,
                                    const TallyChartColor  *color);
void _tally_chart_draw_x_tick      (TallyChartPainter      *painter,
                                    double                  x);
void _tally_chart_draw_hatch       (TallyChartPainter      *painter,
                                    const TallyChartRect   *rect);
void _tally_chart_draw_open_periods (TallyChartPainter     *painter);
void _tally_chart_draw_period_labels (TallyChartPainter    *painter);
void _tally_chart_draw_roas        (TallyChartPainter      *painter);
void _tally_chart_draw_match_quality (TallyChartPainter    *painter);
void _tally_chart_draw_cac         (TallyChartPainter      *painter);
void _tally_chart_draw_bridge      (TallyChartPainter      *painter);

#define TALLY_CHART_TICK_LENGTH 4.0

#define TALLY_CHART_COLOR(style, offset) (&G_STRUCT_MEMBER (TallyChartColor, (style), (offset)))

G_END_DECLS
