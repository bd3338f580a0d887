/* tally-pdf-doc.h: text, tables and charts flowing over PDF pages
 *
 * Copyright 2026 The Tally authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <cairo.h>

#include "tally-chart.h"

G_BEGIN_DECLS

typedef struct _TallyPdfDoc TallyPdfDoc;

typedef enum
{
  TALLY_PDF_BODY,
  TALLY_PDF_SMALL,
  TALLY_PDF_SMALL_BOLD,
  TALLY_PDF_BOLD,
  TALLY_PDF_MONO,
  TALLY_PDF_HEADING,
  TALLY_PDF_TITLE,
} TallyPdfFont;

TallyPdfDoc *_tally_pdf_doc_new        (cairo_surface_t       *surface,
                                        double                 width,
                                        double                 height,
                                        guint                  n_pages,
                                        const char            *footer);
guint        _tally_pdf_doc_finish     (TallyPdfDoc           *doc);
void         _tally_pdf_doc_new_page   (TallyPdfDoc           *doc);
void         _tally_pdf_doc_space      (TallyPdfDoc           *doc,
                                        double                 points);
void         _tally_pdf_doc_text       (TallyPdfDoc           *doc,
                                        const char            *text,
                                        TallyPdfFont           font,
                                        double                 indent);
void         _tally_pdf_doc_heading    (TallyPdfDoc           *doc,
                                        const char            *text);
void         _tally_pdf_doc_table      (TallyPdfDoc           *doc,
                                        GPtrArray             *rows,
                                        const double          *widths,
                                        guint                  n_columns,
                                        gboolean               small);
void         _tally_pdf_doc_chart      (TallyPdfDoc           *doc,
                                        TallyChartKind         kind,
                                        const TallyChartData  *data,
                                        double                 height);

G_END_DECLS
