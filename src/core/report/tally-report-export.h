/* tally-report-export.h: a report as CSV and as the JSON of
 * `tally-cli report --json`
 *
 * Copyright 2026 The Tally authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "tally-json-writer.h"
#include "tally-report.h"

G_BEGIN_DECLS

char *tally_report_to_json        (TallyReport          *report);
char *tally_report_to_csv         (TallyReport          *report);
void  tally_report_write_row      (TallyReport          *report,
                                   TallyJsonWriter      *writer,
                                   const TallyReportRow *row,
                                   gboolean              with_key);
void  tally_report_write_bridge   (TallyReport          *report,
                                   TallyJsonWriter      *writer);
void  tally_report_write_settings (TallyReport          *report,
                                   TallyJsonWriter      *writer);

G_END_DECLS
