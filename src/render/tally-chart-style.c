/* tally-chart-style.c: the colours and font of the charts
 *
 * Copyright 2026 The Tally authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The palettes come from the GNOME palette. Meta is blue and CRM orange in
 * every chart, a pair that people with the common forms of colour blindness
 * still tell apart; the dark preset takes the lighter shades of the same
 * hues so that lines keep their contrast against a dark background.
 */
#include "config.h"

#include "tally-chart-style.h"

#define RGB(hex) { ((hex) >> 16 & 0xff) / 255.0, ((hex) >> 8 & 0xff) / 255.0, ((hex) & 0xff) / 255.0, 1.0 }
#define RGBA(hex, a) { ((hex) >> 16 & 0xff) / 255.0, ((hex) >> 8 & 0xff) / 255.0, ((hex) & 0xff) / 255.0, (a) }

static const TallyChartStyle light = {
  .foreground = RGB (0x241f31),
  .muted = RGB (0x5e5c64),
  .background = RGB (0xffffff),
  .grid = RGB (0xe4e3e0),
  .meta = RGB (0x1c71d8),
  .crm = RGB (0xc64600),
  .gap = RGBA (0x9141ac, 0.20),
  .open_period = RGBA (0x77767b, 0.35),
  .increase = RGB (0x26a269),
  .decrease = RGB (0xc01c28),
  .identifier = RGB (0x1c71d8),
  .click_id = RGB (0x26a269),
  .unknown_source = RGB (0xc64600),
  .font = "Sans 9",
  .line_width = 2.0,
};

static const TallyChartStyle dark = {
  .foreground = RGB (0xffffff),
  .muted = RGB (0xc0bfbc),
  .background = RGB (0x1e1e1e),
  .grid = RGB (0x3a3a3a),
  .meta = RGB (0x62a0ea),
  .crm = RGB (0xffa348),
  .gap = RGBA (0xc061cb, 0.28),
  .open_period = RGBA (0x9a9996, 0.35),
  .increase = RGB (0x57e389),
  .decrease = RGB (0xf66151),
  .identifier = RGB (0x62a0ea),
  .click_id = RGB (0x57e389),
  .unknown_source = RGB (0xffa348),
  .font = "Sans 9",
  .line_width = 2.0,
};

/* Paper: black text, darker hues, a font sized in points. */
static const TallyChartStyle print = {
  .foreground = RGB (0x000000),
  .muted = RGB (0x3d3846),
  .background = RGB (0xffffff),
  .grid = RGB (0xdeddda),
  .meta = RGB (0x1a5fb4),
  .crm = RGB (0xc64600),
  .gap = RGBA (0x613583, 0.18),
  .open_period = RGBA (0x5e5c64, 0.40),
  .increase = RGB (0x26a269),
  .decrease = RGB (0xa51d2d),
  .identifier = RGB (0x1a5fb4),
  .click_id = RGB (0x26a269),
  .unknown_source = RGB (0x865e3c),
  /* Absolute: 7 units are 7 pt on a PDF page, whatever the resolution. */
  .font = "Sans 7px",
  .line_width = 1.5,
};

/**
 * tally_chart_style_light:
 *
 * Returns: (transfer none): the style for a light theme
 */
const TallyChartStyle *
tally_chart_style_light (void)
{
  return &light;
}

/**
 * tally_chart_style_dark:
 *
 * Returns: (transfer none): the style for a dark theme
 */
const TallyChartStyle *
tally_chart_style_dark (void)
{
  return &dark;
}

/**
 * tally_chart_style_print:
 *
 * Returns: (transfer none): the style for the PDF report
 */
const TallyChartStyle *
tally_chart_style_print (void)
{
  return &print;
}
