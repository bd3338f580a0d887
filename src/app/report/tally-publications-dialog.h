/* tally-publications-dialog.h: the list of publications
 *
 * Copyright 2026 The Tally authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "tally-report-model.h"

G_BEGIN_DECLS

#define TALLY_TYPE_PUBLICATIONS_DIALOG (tally_publications_dialog_get_type ())
G_DECLARE_FINAL_TYPE (TallyPublicationsDialog, tally_publications_dialog, TALLY, PUBLICATIONS_DIALOG, GtkWindow)

TallyPublicationsDialog *tally_publications_dialog_new (GtkWindow        *parent,
                                                        TallyReportModel *model);

G_END_DECLS
