/* tally-report-session.h: one project's engine, kept for report after report
 *
 * Copyright 2026 The Tally authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "tally-report-run.h"

G_BEGIN_DECLS

typedef struct
{
  TallyReportRun  run;        /* the project, facts, engine, the frozen days, the last report */
  gint32          as_of;      /* today in the project's timezone, when the session began */
} TallyReportSession;

TallyReportSession *tally_report_session_new          (TallyProject              *project,
                                                       GError                   **error);
gboolean            tally_report_session_build        (TallyReportSession        *session,
                                                       const TallyReportOptions  *options,
                                                       GError                   **error);
TallyReport        *tally_report_session_extra_report (TallyReportSession        *session,
                                                       const TallyReportOptions  *options);
gboolean            tally_report_session_reload_rules (TallyReportSession        *session);
void                tally_report_session_free         (TallyReportSession        *session);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (TallyReportSession, tally_report_session_free)

G_END_DECLS
