/* tally-report-session.h: the one road from a project to its report
 *
 * Copyright 2026 The Tally authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "tally-diagnostics.h"
#include "tally-facts.h"
#include "tally-freeze.h"
#include "tally-report.h"

G_BEGIN_DECLS

/* A report keeps pointers into its engine, and the engine into its facts:
 * they live and die together. */
typedef struct
{
  TallyProject    *project;    /* the connection the facts were read through */
  TallyFacts      *facts;
  TallyEngine     *engine;
  TallyFreezeView *view;
  TallyReport     *report;     /* (nullable): the latest report */
  gint32           as_of;      /* today in the project's timezone, when the facts were read */
} TallyReportRun;

#define TALLY_TYPE_REPORT_SESSION (tally_report_session_get_type ())
G_DECLARE_FINAL_TYPE (TallyReportSession, tally_report_session, TALLY, REPORT_SESSION, GObject)

TallyReportSession    *tally_report_session_new          (TallyProject              *project);
void                   tally_report_session_set_options  (TallyReportSession        *self,
                                                          const TallyReportOptions  *options);
void                   tally_report_session_get_options  (TallyReportSession        *self,
                                                          TallyReportOptions        *options);
void                   tally_report_session_invalidate   (TallyReportSession        *self);
gboolean               tally_report_session_build        (TallyReportSession        *self,
                                                          GCancellable              *cancellable,
                                                          GError                   **error);
void                   tally_report_session_build_async  (TallyReportSession        *self,
                                                          GCancellable              *cancellable,
                                                          GAsyncReadyCallback        callback,
                                                          gpointer                   user_data);
gboolean               tally_report_session_build_finish (TallyReportSession        *self,
                                                          GAsyncResult              *result,
                                                          GError                   **error);
gboolean               tally_report_session_reload_rules (TallyReportSession        *self);

TallyReport           *tally_report_session_get_report   (TallyReportSession        *self);
GPtrArray             *tally_report_session_get_diagnostics (TallyReportSession     *self);
TallyReport           *tally_report_session_extra_report (TallyReportSession        *self,
                                                          const TallyReportOptions  *options);
TallyProject          *tally_report_session_get_project  (TallyReportSession        *self);
TallyEngine           *tally_report_session_get_engine   (TallyReportSession        *self);
const TallyFreezeView *tally_report_session_get_view     (TallyReportSession        *self);
gint32                 tally_report_session_get_as_of    (TallyReportSession        *self);
void                   tally_report_session_resolve_range (TallyReportSession       *self,
                                                          gint32                    *from,
                                                          gint32                    *to);
gboolean               tally_report_session_has_data     (TallyReportSession        *self);

TallyReportRun        *tally_report_run                  (TallyProject              *project,
                                                          const TallyReportOptions  *options,
                                                          GError                   **error);
void                   tally_report_run_free             (TallyReportRun            *run);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (TallyReportRun, tally_report_run_free)

G_END_DECLS
