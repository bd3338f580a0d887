/* tally-application.h
 *
 * Copyright 2026 The Tally authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

#define TALLY_TYPE_APPLICATION (tally_application_get_type ())
G_DECLARE_FINAL_TYPE (TallyApplication, tally_application, TALLY, APPLICATION, GtkApplication)

TallyApplication *tally_application_new              (void);
GSettings        *tally_application_get_settings     (TallyApplication *self);
GMenuModel       *tally_application_get_recent_menu  (TallyApplication *self);
void              tally_application_add_recent       (TallyApplication *self,
                                                      const char       *path);

G_END_DECLS
