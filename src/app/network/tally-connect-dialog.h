/* tally-connect-dialog.h: a Meta token, and the project's ad account
 *
 * Copyright 2026 The Tally authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "tally-core.h"

G_BEGIN_DECLS

#define TALLY_TYPE_CONNECT_DIALOG (tally_connect_dialog_get_type ())
G_DECLARE_FINAL_TYPE (TallyConnectDialog, tally_connect_dialog, TALLY, CONNECT_DIALOG, GtkWindow)

TallyConnectDialog *tally_connect_dialog_new (GtkWindow    *parent,
                                              TallyProject *project);

G_END_DECLS
