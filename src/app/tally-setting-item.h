/* tally-setting-item.h: one row of the settings list
 *
 * Copyright 2026 The Tally authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib-object.h>

#include "tally-core.h"

G_BEGIN_DECLS

#define TALLY_TYPE_SETTING_ITEM (tally_setting_item_get_type ())
G_DECLARE_FINAL_TYPE (TallySettingItem, tally_setting_item, TALLY, SETTING_ITEM, GObject)

TallySettingItem *tally_setting_item_new       (TallyProject     *project,
                                                const char       *key);
const char       *tally_setting_item_get_key   (TallySettingItem *self);
const char       *tally_setting_item_get_value (TallySettingItem *self);
void              tally_setting_item_refresh   (TallySettingItem *self,
                                                TallyProject     *project);

G_END_DECLS
