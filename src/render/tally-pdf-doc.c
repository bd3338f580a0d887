/* tally-pdf-doc.c: text, tables and charts flowing over PDF pages
 *
 * Copyright 2026 The Tally authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A cursor moving down the page: each block measures itself, goes to a new
 * page when it does not fit, and draws. Text goes through Pango, so it is
 * real, selectable text and cairo embeds the fonts it uses. Every page ends
 * with a footer, "Page N of M": the document is laid out twice, the first
 * time only to count its pages.
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <pango/pangocairo.h>

#include "tally-pdf-doc.h"

#define MARGIN       48.0
#define FOOTER_SPACE 28.0
#define CELL_PADDING 3.0

struct _TallyPdfDoc
{
  cairo_t *cr;
  double   width;
  double   height;
  double   y;
  guint    page;
  guint    n_pages;
  char    *footer;
};

static const char * const font_names[] = {
  "Sans 9", "Sans 7.5", "Sans Bold 7.5", "Sans Bold 9", "Monospace 8", "Sans Bold 13", "Sans Bold 20",
};

static PangoLayout *
layout_new (TallyPdfDoc  *doc,
            const char   *text,
            TallyPdfFont  font,
            double        width)
{
  PangoLayout *layout = pango_cairo_create_layout (doc->cr);
  PangoFontDescription *description = pango_font_description_from_string (font_names[font]);

  pango_layout_set_font_description (layout, description);
  pango_font_description_free (description);
  pango_layout_set_width (layout, (int) (width * PANGO_SCALE));
  pango_layout_set_wrap (layout, PANGO_WRAP_WORD_CHAR);
  pango_layout_set_text (layout, text, -1);
  return layout;
}

static double
layout_height (PangoLayout *layout)
{
  int width, height;

  pango_layout_get_size (layout, &width, &height);
  return (double) height / PANGO_SCALE;
}

static double
bottom (TallyPdfDoc *doc)
{
  return doc->height - MARGIN - FOOTER_SPACE;
}

static void
draw_footer (TallyPdfDoc *doc)
{
  g_autofree char *text = NULL;
  g_autoptr(PangoLayout) layout = NULL;

  /* Translators: the footer of each page of the PDF report */
  text = doc->n_pages > 0 ? g_strdup_printf (_("%s · Page %u of %u"), doc->footer, doc->page, doc->n_pages)
                          : g_strdup_printf (_("%s · Page %u"), doc->footer, doc->page);
  layout = layout_new (doc, text, TALLY_PDF_SMALL, doc->width - 2 * MARGIN);
  pango_layout_set_alignment (layout, PANGO_ALIGN_RIGHT);
  cairo_set_source_rgb (doc->cr, 0.35, 0.35, 0.35);
  cairo_move_to (doc->cr, MARGIN, doc->height - MARGIN);
  pango_cairo_show_layout (doc->cr, layout);
}

TallyPdfDoc *
_tally_pdf_doc_new (cairo_surface_t *surface,
                    double           width,
                    double           height,
                    guint            n_pages,
                    const char      *footer)
{
  TallyPdfDoc *doc = g_new0 (TallyPdfDoc, 1);

  doc->cr = cairo_create (surface);
  doc->width = width;
  doc->height = height;
  doc->n_pages = n_pages;
  doc->footer = g_strdup (footer);
  doc->page = 1;
  doc->y = MARGIN;
  return doc;
}

/* Ends the last page; returns how many pages there were. */
guint
_tally_pdf_doc_finish (TallyPdfDoc *doc)
{
  guint pages = doc->page;

  draw_footer (doc);
  cairo_show_page (doc->cr);
  cairo_destroy (doc->cr);
  g_free (doc->footer);
  g_free (doc);
  return pages;
}

void
_tally_pdf_doc_new_page (TallyPdfDoc *doc)
{
  draw_footer (doc);
  cairo_show_page (doc->cr);
  doc->page++;
  doc->y = MARGIN;
}

/* Goes to a new page unless @height fits on this one. */
static void
ensure (TallyPdfDoc *doc,
        double       height)
{
  if (doc->y + height > bottom (doc) && doc->y > MARGIN)
    _tally_pdf_doc_new_page (doc);
}

void
_tally_pdf_doc_space (TallyPdfDoc *doc,
                      double       points)
{
  doc->y += points;
}

void
_tally_pdf_doc_text (TallyPdfDoc  *doc,
                     const char   *text,
                     TallyPdfFont  font,
                     double        indent)
{
  g_autoptr(PangoLayout) layout = layout_new (doc, text, font, doc->width - 2 * MARGIN - indent);
  double height = layout_height (layout);

  ensure (doc, height);
  cairo_set_source_rgb (doc->cr, 0.1, 0.1, 0.1);
  cairo_move_to (doc->cr, MARGIN + indent, doc->y);
  pango_cairo_show_layout (doc->cr, layout);
  doc->y += height + 2;
}

/* A heading stays with at least a few lines of what follows it. */
void
_tally_pdf_doc_heading (TallyPdfDoc *doc,
                        const char  *text)
{
  ensure (doc, 80);
  _tally_pdf_doc_space (doc, 6);
  _tally_pdf_doc_text (doc, text, TALLY_PDF_HEADING, 0);
  _tally_pdf_doc_space (doc, 4);
}

/* One row of the table: its height, and when @draw, its cells. */
static double
table_row (TallyPdfDoc   *doc,
           GStrv          cells,
           const double  *widths,
           guint          n_columns,
           gboolean       header,
           gboolean       small,
           gboolean       draw)
{
  double content = doc->width - 2 * MARGIN, x = MARGIN, height = 0;

  for (guint c = 0; c < n_columns; c++)
    {
      double width = widths[c] * content - 2 * CELL_PADDING;
      TallyPdfFont font = header ? (small ? TALLY_PDF_SMALL_BOLD : TALLY_PDF_BOLD) : (small ? TALLY_PDF_SMALL : TALLY_PDF_BODY);
      g_autoptr(PangoLayout) layout = layout_new (doc, cells[c] != NULL ? cells[c] : "", font, width);

      /* Figures line up on the right, words on the left; a figure is
       * never cut in two, a long column title may be. */
      if (c > 0)
        pango_layout_set_alignment (layout, PANGO_ALIGN_RIGHT);
      if (!header)
        pango_layout_set_wrap (layout, PANGO_WRAP_WORD);
      height = MAX (height, layout_height (layout));
      if (draw)
        {
          cairo_set_source_rgb (doc->cr, 0.1, 0.1, 0.1);
          cairo_move_to (doc->cr, x + CELL_PADDING, doc->y + CELL_PADDING);
          pango_cairo_show_layout (doc->cr, layout);
        }
      x += widths[c] * content;
    }

  return height + 2 * CELL_PADDING;
}

static void
rule (TallyPdfDoc *doc,
      double       grey,
      double       line_width)
{
  cairo_set_source_rgb (doc->cr, grey, grey, grey);
  cairo_set_line_width (doc->cr, line_width);
  cairo_move_to (doc->cr, MARGIN, doc->y);
  cairo_line_to (doc->cr, doc->width - MARGIN, doc->y);
  cairo_stroke (doc->cr);
}

/**
 * _tally_pdf_doc_table:
 * @rows: (element-type GStrv): the header row, then the others
 * @widths: each column's share of the width
 *
 * Draws a table, its header again at the top of each page it runs onto.
 */
void
_tally_pdf_doc_table (TallyPdfDoc  *doc,
                      GPtrArray    *rows,
                      const double *widths,
                      guint         n_columns,
                      gboolean      small)
{
  GStrv header = g_ptr_array_index (rows, 0);
  double header_height = table_row (doc, header, widths, n_columns, TRUE, small, FALSE);

  for (guint i = 0; i < rows->len; i++)
    {
      GStrv cells = g_ptr_array_index (rows, i);
      double height = i == 0 ? header_height : table_row (doc, cells, widths, n_columns, FALSE, small, FALSE);

      if (i > 0 && doc->y + height > bottom (doc))
        {
          _tally_pdf_doc_new_page (doc);
          table_row (doc, header, widths, n_columns, TRUE, small, TRUE);
          doc->y += header_height;
          rule (doc, 0.3, 0.8);
        }
      else if (i == 0)
        ensure (doc, header_height + 3 * height);

      table_row (doc, cells, widths, n_columns, i == 0, small, TRUE);
      doc->y += height;
      rule (doc, i == 0 ? 0.3 : 0.85, i == 0 ? 0.8 : 0.4);
    }
  doc->y += 6;
}

void
_tally_pdf_doc_chart (TallyPdfDoc          *doc,
                      TallyChartKind        kind,
                      const TallyChartData *data,
                      double                height)
{
  double width = doc->width - 2 * MARGIN;

  ensure (doc, height);
  cairo_save (doc->cr);
  cairo_translate (doc->cr, MARGIN, doc->y);
  tally_chart_render (kind, doc->cr, width, height, data, tally_chart_style_print ());
  cairo_restore (doc->cr);
  doc->y += height + 12;
}
