/* tally-report-run.h: a report from a project, with all it rests on
 *
 * Copyright 2026 The Tally authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "tally-facts.h"
#include "tally-freeze.h"
#include "tally-report.h"

G_BEGIN_DECLS

/* A report keeps pointers into its engine, and the engine into its facts:
 * they live and die together. */
typedef struct
{
  TallyProject    *project;
  TallyFacts      *facts;
  TallyEngine     *engine;
  TallyFreezeView *view;
  TallyReport     *report;
} TallyReportRun;

TallyReportRun *tally_report_run      (TallyProject              *project,
                                       const TallyReportOptions  *options,
                                       GError                   **error);
void            tally_report_run_free (TallyReportRun            *run);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (TallyReportRun, tally_report_run_free)

G_END_DECLS
