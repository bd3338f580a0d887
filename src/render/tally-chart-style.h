/* tally-chart-style.h: the colours and font of the charts
 *
 * Copyright 2026 The Tally authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef struct
{
  double red;
  double green;
  double blue;
  double alpha;
} TallyChartColor;

/**
 * TallyChartStyle:
 * @foreground: titles, axes and values
 * @muted: the subtitle, tick labels and notes
 * @background: painted over the whole chart first
 * @grid: the horizontal grid lines
 * @meta: Meta attributed lines and bars
 * @crm: CRM realized lines and bars
 * @gap: the fill between the two ROAS lines
 * @open_period: the hatch over periods that are not frozen yet
 * @increase: bridge steps that raise revenue
 * @decrease: bridge steps that lower it
 * @identifier: the match quality line of identifier shares
 * @click_id: the match quality line of click id shares
 * @unknown_source: the match quality line of records without a source
 * @font: a Pango font description, such as "Sans 9"
 * @line_width: the width of data lines, in user units
 *
 * Copy a preset and change what the surface needs: the app takes its
 * foreground and background from the theme.
 */
typedef struct
{
  TallyChartColor  foreground;
  TallyChartColor  muted;
  TallyChartColor  background;
  TallyChartColor  grid;
  TallyChartColor  meta;
  TallyChartColor  crm;
  TallyChartColor  gap;
  TallyChartColor  open_period;
  TallyChartColor  increase;
  TallyChartColor  decrease;
  TallyChartColor  identifier;
  TallyChartColor  click_id;
  TallyChartColor  unknown_source;
  const char      *font;
  double           line_width;
} TallyChartStyle;

const TallyChartStyle *tally_chart_style_light (void);
const TallyChartStyle *tally_chart_style_dark  (void);
const TallyChartStyle *tally_chart_style_print (void);

G_END_DECLS
