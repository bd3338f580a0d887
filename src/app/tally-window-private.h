/* tally-window-private.h: the main window, for the files it is spread over
 *
 * Copyright 2026 The Tally authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "tally-charts-page.h"
#include "tally-data-page.h"
#include "tally-dictionary-page.h"
#include "tally-mismatch-page.h"
#include "tally-report-model.h"
#include "tally-report-page.h"
#include "tally-settings-page.h"
#include "tally-window.h"

G_BEGIN_DECLS

struct _TallyWindow
{
  GtkApplicationWindow  parent_instance;

  TallyProject         *project;
  TallyReportModel     *report_model;
  GtkNativeDialog      *chooser;

  /* Template widgets */
  GtkStack             *main_stack;
  GtkStack             *title_stack;
  GtkStack             *pages_stack;
  GtkMenuButton        *recent_button;
  GtkSpinner           *busy_spinner;
  GtkLabel             *client_label;
  GtkLabel             *rules_label;
  TallyReportPage      *report_page;
  TallyChartsPage      *charts_page;
  TallyMismatchPage    *mismatch_page;
  TallyDataPage        *data_page;
  TallyDictionaryPage  *dictionary_page;
  TallySettingsPage    *settings_page;
};

/* tally-window-export.c */
void _tally_window_export_action (GtkWidget  *widget,
                                  const char *action_name,
                                  GVariant   *parameter);

G_END_DECLS
