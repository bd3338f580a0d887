/* tally-number-editor.h: a setting that is a number, in a spin button
 *
 * Copyright 2026 The Tally authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "tally-setting-editor.h"

G_BEGIN_DECLS

#define TALLY_TYPE_NUMBER_EDITOR (tally_number_editor_get_type ())
G_DECLARE_FINAL_TYPE (TallyNumberEditor, tally_number_editor, TALLY, NUMBER_EDITOR, TallySettingEditor)

TallySettingEditor *tally_number_editor_new (const char *key);

G_END_DECLS
