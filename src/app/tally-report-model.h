/* tally-report-model.h: the report the window shows, computed off the
 * main thread
 *
 * Copyright 2026 The Tally authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "tally-core.h"

G_BEGIN_DECLS

#define TALLY_TYPE_REPORT_MODEL (tally_report_model_get_type ())
G_DECLARE_FINAL_TYPE (TallyReportModel, tally_report_model, TALLY, REPORT_MODEL, GObject)

TallyReportModel *tally_report_model_new         (void);
void              tally_report_model_set_project (TallyReportModel *self,
                                                  TallyProject     *project);
TallyProject     *tally_report_model_get_project (TallyReportModel *self);
void              tally_report_model_set_range   (TallyReportModel *self,
                                                  gint32            from,
                                                  gint32            to);
void              tally_report_model_get_range   (TallyReportModel *self,
                                                  gint32           *from,
                                                  gint32           *to);
void              tally_report_model_set_group   (TallyReportModel *self,
                                                  TallyGroup        group);
TallyGroup        tally_report_model_get_group   (TallyReportModel *self);
TallyReportSession *tally_report_model_get_session (TallyReportModel *self);
const char       *tally_report_model_get_error   (TallyReportModel *self);
gboolean          tally_report_model_get_busy    (TallyReportModel *self);
void              tally_report_model_refresh     (TallyReportModel *self);
TallyPublishPlan *tally_report_model_plan_publication (TallyReportModel *self,
                                                       gint32            from,
                                                       gint32            to);
gint64            tally_report_model_publish     (TallyReportModel  *self,
                                                  gint32             from,
                                                  gint32             to,
                                                  const char        *note,
                                                  GError           **error);

G_END_DECLS
