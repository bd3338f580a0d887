/* tally-publish-dialog.h: publishing a period from the Report page
 *
 * Copyright 2026 The Tally authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "tally-report-model.h"

G_BEGIN_DECLS

#define TALLY_TYPE_PUBLISH_DIALOG (tally_publish_dialog_get_type ())
G_DECLARE_FINAL_TYPE (TallyPublishDialog, tally_publish_dialog, TALLY, PUBLISH_DIALOG, GtkWindow)

TallyPublishDialog *tally_publish_dialog_new (GtkWindow        *parent,
                                              TallyReportModel *model);

G_END_DECLS
