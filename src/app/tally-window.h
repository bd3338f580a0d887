/* tally-window.h
 *
 * Copyright 2026 The Tally authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "tally-application.h"
#include "tally-core.h"

G_BEGIN_DECLS

#define TALLY_TYPE_WINDOW (tally_window_get_type ())
G_DECLARE_FINAL_TYPE (TallyWindow, tally_window, TALLY, WINDOW, GtkApplicationWindow)

TallyWindow  *tally_window_new         (TallyApplication *application);
TallyProject *tally_window_get_project (TallyWindow      *self);
gboolean      tally_window_load_file   (TallyWindow      *self,
                                        GFile            *file);
void          tally_window_import_files (TallyWindow     *self,
                                        GPtrArray        *files);

G_END_DECLS
