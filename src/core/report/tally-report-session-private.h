/* tally-report-session-private.h: the session, for the core's publishing
 *
 * Copyright 2026 The Tally authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "tally-report-session.h"

G_BEGIN_DECLS

TallyReportRun *_tally_report_session_get_run          (TallyReportSession       *self);
TallyReport    *_tally_report_session_report_with_view (TallyReportSession       *self,
                                                        const TallyReportOptions *options,
                                                        const TallyFreezeView    *view);
void            _tally_report_session_take_view        (TallyReportSession       *self,
                                                        TallyFreezeView          *view);

G_END_DECLS
