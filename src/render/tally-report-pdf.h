/* tally-report-pdf.h: the report that teams share, as a PDF
 *
 * Copyright 2026 The Tally authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "tally-core.h"

G_BEGIN_DECLS

gboolean tally_report_pdf_write (TallyReportSession  *session,
                                 gint64               publication,
                                 const char          *path,
                                 GError             **error);
void     tally_render_shutdown  (void);

G_END_DECLS
