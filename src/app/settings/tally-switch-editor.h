/* tally-switch-editor.h: a setting that is on or off
 *
 * Copyright 2026 The Tally authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "tally-setting-editor.h"

G_BEGIN_DECLS

#define TALLY_TYPE_SWITCH_EDITOR (tally_switch_editor_get_type ())
G_DECLARE_FINAL_TYPE (TallySwitchEditor, tally_switch_editor, TALLY, SWITCH_EDITOR, TallySettingEditor)

TallySettingEditor *tally_switch_editor_new (void);

G_END_DECLS
