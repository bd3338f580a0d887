/* tally-pull-dialog.h: a pull from Meta or the ECB, with its progress
 *
 * Copyright 2026 The Tally authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "tally-core.h"

G_BEGIN_DECLS

#define TALLY_TYPE_PULL_DIALOG (tally_pull_dialog_get_type ())
G_DECLARE_FINAL_TYPE (TallyPullDialog, tally_pull_dialog, TALLY, PULL_DIALOG, GtkWindow)

TallyPullDialog *tally_pull_dialog_new (GtkWindow     *parent,
                                        TallyProject  *project,
                                        TallyPullKind  kind);

G_END_DECLS
