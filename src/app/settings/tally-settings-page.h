/* tally-settings-page.h: the Settings page
 *
 * Copyright 2026 The Tally authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "tally-project.h"

G_BEGIN_DECLS

#define TALLY_TYPE_SETTINGS_PAGE (tally_settings_page_get_type ())
G_DECLARE_FINAL_TYPE (TallySettingsPage, tally_settings_page, TALLY, SETTINGS_PAGE, GtkWidget)

void tally_settings_page_set_project (TallySettingsPage *self,
                                      TallyProject      *project);

G_END_DECLS
