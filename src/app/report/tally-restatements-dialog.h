/* tally-restatements-dialog.h: published days with new numbers, to accept
 *
 * Copyright 2026 The Tally authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "tally-report-model.h"

G_BEGIN_DECLS

#define TALLY_TYPE_RESTATEMENTS_DIALOG (tally_restatements_dialog_get_type ())
G_DECLARE_FINAL_TYPE (TallyRestatementsDialog, tally_restatements_dialog, TALLY, RESTATEMENTS_DIALOG, GtkWindow)

TallyRestatementsDialog *tally_restatements_dialog_new (GtkWindow        *parent,
                                                        TallyReportModel *model);

G_END_DECLS
