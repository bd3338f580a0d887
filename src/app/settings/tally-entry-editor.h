/* tally-entry-editor.h: a setting typed as free text (names, lists, addresses)
 *
 * Copyright 2026 The Tally authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "tally-setting-editor.h"
#include "tally-settings.h"

G_BEGIN_DECLS

#define TALLY_TYPE_ENTRY_EDITOR (tally_entry_editor_get_type ())
G_DECLARE_FINAL_TYPE (TallyEntryEditor, tally_entry_editor, TALLY, ENTRY_EDITOR, TallySettingEditor)

TallySettingEditor *tally_entry_editor_new (const TallySettingSpec *spec);

G_END_DECLS
