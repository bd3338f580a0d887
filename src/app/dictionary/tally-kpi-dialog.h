/* tally-kpi-dialog.h: adds or edits one KPI of the dictionary
 *
 * Copyright 2026 The Tally authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "tally-kpi.h"
#include "tally-project.h"

G_BEGIN_DECLS

#define TALLY_TYPE_KPI_DIALOG (tally_kpi_dialog_get_type ())
G_DECLARE_FINAL_TYPE (TallyKpiDialog, tally_kpi_dialog, TALLY, KPI_DIALOG, GtkWindow)

TallyKpiDialog *tally_kpi_dialog_new (GtkWindow    *parent,
                                      TallyProject *project,
                                      TallyKpi     *kpi);

G_END_DECLS
