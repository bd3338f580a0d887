/* tally-chart-text.c: measuring and setting the charts' text
 *
 * Copyright 2026 The Tally authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The layout is measured without a surface (hit tests have none) and the
 * text drawn on the caller's surface later. Both use the same font options,
 * with unhinted metrics, so that a string is as wide when measured as when
 * drawn, on screen, on paper and at any scale.
 */
#include "config.h"

#include "tally-chart-private.h"

/* The title is this much larger than the base font, and bold. */
#define TITLE_SCALE 1.25

static void
set_font_options (PangoContext *context)
{
  cairo_font_options_t *options = cairo_font_options_create ();

  cairo_font_options_set_hint_metrics (options, CAIRO_HINT_METRICS_OFF);
  cairo_font_options_set_hint_style (options, CAIRO_HINT_STYLE_NONE);
  pango_cairo_context_set_font_options (context, options);
  cairo_font_options_destroy (options);
}

static void
init_fonts (TallyChartText *text,
            const char     *font)
{
  int size;

  text->font = pango_font_description_from_string (font != NULL ? font : "Sans 9");
  size = pango_font_description_get_size (text->font);
  if (size <= 0)
    {
      size = 9 * PANGO_SCALE;
      pango_font_description_set_size (text->font, size);
    }

  text->ellipsize = PANGO_ELLIPSIZE_END;
  text->title_font = pango_font_description_copy (text->font);
  pango_font_description_set_weight (text->title_font, PANGO_WEIGHT_BOLD);
  if (pango_font_description_get_size_is_absolute (text->font))
    pango_font_description_set_absolute_size (text->title_font, size * TITLE_SCALE);
  else
    pango_font_description_set_size (text->title_font, (int) (size * TITLE_SCALE));
}

/* For the layout, which has no surface. */
void
_tally_chart_text_init_measure (TallyChartText *text,
                                const char     *font)
{
  PangoContext *context = pango_font_map_create_context (pango_cairo_font_map_get_default ());

  set_font_options (context);
  text->layout = pango_layout_new (context);
  g_object_unref (context);
  init_fonts (text, font);
}

/* For drawing on @cr. */
void
_tally_chart_text_init_cairo (TallyChartText *text,
                              cairo_t        *cr,
                              const char     *font)
{
  text->layout = pango_cairo_create_layout (cr);
  set_font_options (pango_layout_get_context (text->layout));
  pango_layout_context_changed (text->layout);
  init_fonts (text, font);
}

void
_tally_chart_text_clear (TallyChartText *text)
{
  g_clear_object (&text->layout);
  g_clear_pointer (&text->font, pango_font_description_free);
  g_clear_pointer (&text->title_font, pango_font_description_free);
}

/**
 * _tally_chart_text_set:
 * @width: the widest the text may be, or 0 for no limit
 * @lines: how many lines it may wrap to when @width is set; past them, or
 *   past @width on one line, it is ellipsized
 */
void
_tally_chart_text_set (TallyChartText *text,
                       const char     *str,
                       gboolean        title,
                       double          width,
                       int             lines,
                       PangoAlignment  alignment)
{
  PangoLayout *layout = text->layout;

  pango_layout_set_font_description (layout, title ? text->title_font : text->font);
  pango_layout_set_alignment (layout, alignment);
  if (width > 0)
    {
      pango_layout_set_width (layout, (int) (width * PANGO_SCALE));
      pango_layout_set_wrap (layout, PANGO_WRAP_WORD_CHAR);
      pango_layout_set_height (layout, -MAX (lines, 1));
      pango_layout_set_ellipsize (layout, text->ellipsize);
    }
  else
    {
      pango_layout_set_width (layout, -1);
      pango_layout_set_height (layout, -1);
      pango_layout_set_ellipsize (layout, PANGO_ELLIPSIZE_NONE);
    }
  pango_layout_set_text (layout, str, -1);
}

/* The logical size of what _tally_chart_text_set() set. */
void
_tally_chart_text_size (TallyChartText *text,
                        double         *width,
                        double         *height)
{
  int w, h;

  pango_layout_get_size (text->layout, &w, &h);
  if (width != NULL)
    *width = (double) w / PANGO_SCALE;
  if (height != NULL)
    *height = (double) h / PANGO_SCALE;
}

double
_tally_chart_text_width (TallyChartText *text,
                         const char     *str)
{
  double width;

  _tally_chart_text_set (text, str, FALSE, 0, 1, PANGO_ALIGN_LEFT);
  _tally_chart_text_size (text, &width, NULL);
  return width;
}
