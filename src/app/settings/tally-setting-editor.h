/* tally-setting-editor.h: what every editor of a setting has in common
 *
 * Copyright 2026 The Tally authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

#define TALLY_TYPE_SETTING_EDITOR (tally_setting_editor_get_type ())
G_DECLARE_DERIVABLE_TYPE (TallySettingEditor, tally_setting_editor, TALLY, SETTING_EDITOR, GtkWidget)

/**
 * TallySettingEditorClass:
 * @show_value: puts @value on screen without emitting #TallySettingEditor::changed
 * @get_target: the widget that carries the setting's name, its description
 *   and the mark of an error
 * @get_spoken_value: what a screen reader should hear beside the name while
 *   there is no error, for widgets that do not say their value themselves;
 *   %NULL to hear the description
 */
struct _TallySettingEditorClass
{
  GtkWidgetClass parent_class;

  void         (*show_value)       (TallySettingEditor *self,
                                    const char         *value);
  GtkWidget   *(*get_target)       (TallySettingEditor *self);
  const char  *(*get_spoken_value) (TallySettingEditor *self);
};

const char *tally_setting_editor_get_value        (TallySettingEditor *self);
void        tally_setting_editor_set_value        (TallySettingEditor *self,
                                                   const char         *value);
const char *tally_setting_editor_get_error        (TallySettingEditor *self);
GtkWidget  *tally_setting_editor_get_target       (TallySettingEditor *self);
const char *tally_setting_editor_get_spoken_value (TallySettingEditor *self);

/* For the editors themselves. */
void        _tally_setting_editor_commit            (TallySettingEditor *self,
                                                     const char         *value);
void        _tally_setting_editor_set_error         (TallySettingEditor *self,
                                                     const char         *message);
char       *_tally_setting_editor_fix_decimal_comma (const char         *text);

G_END_DECLS
