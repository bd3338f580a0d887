/* tally-choice-editor.h: a setting picked from a list (choices, zones, currencies)
 *
 * Copyright 2026 The Tally authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "tally-setting-editor.h"
#include "tally-settings.h"

G_BEGIN_DECLS

#define TALLY_TYPE_CHOICE_EDITOR (tally_choice_editor_get_type ())
G_DECLARE_FINAL_TYPE (TallyChoiceEditor, tally_choice_editor, TALLY, CHOICE_EDITOR, TallySettingEditor)

TallySettingEditor *tally_choice_editor_new             (gboolean                  searchable);
TallySettingEditor *tally_choice_editor_new_for_spec    (const TallySettingSpec   *spec,
                                                         const char               *unset_label);
void                tally_choice_editor_append          (TallyChoiceEditor        *self,
                                                         const char               *label,
                                                         const char               *value);
void                tally_choice_editor_append_choices  (TallyChoiceEditor        *self,
                                                         const TallySettingChoice *choices);
void                tally_choice_editor_append_timezones  (TallyChoiceEditor      *self);
void                tally_choice_editor_append_currencies (TallyChoiceEditor      *self);
void                tally_choice_editor_set_unset_label (TallyChoiceEditor        *self,
                                                         const char               *label);

G_END_DECLS
