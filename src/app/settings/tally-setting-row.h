/* tally-setting-row.h: one setting of the Settings page, with its editor
 *
 * Copyright 2026 The Tally authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "tally-project.h"
#include "tally-setting-editor.h"

G_BEGIN_DECLS

#define TALLY_TYPE_SETTING_ROW (tally_setting_row_get_type ())
G_DECLARE_FINAL_TYPE (TallySettingRow, tally_setting_row, TALLY, SETTING_ROW, GtkListBoxRow)

TallySettingRow    *tally_setting_row_new        (TallyProject    *project,
                                                 const char      *key);
const char         *tally_setting_row_get_key    (TallySettingRow *self);
TallySettingEditor *tally_setting_row_get_editor (TallySettingRow *self);
const char         *tally_setting_row_get_error  (TallySettingRow *self);
void                tally_setting_row_refresh    (TallySettingRow *self);
void                tally_setting_row_unbind     (TallySettingRow *self);

G_END_DECLS
