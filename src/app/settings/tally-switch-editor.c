/* tally-switch-editor.c: a setting that is on or off
 *
 * Copyright 2026 The Tally authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The project stores such a setting as "true" or "false".
 */
#define G_LOG_DOMAIN "tally-switch-editor"

#include "config.h"

#include "tally-switch-editor.h"

struct _TallySwitchEditor
{
  TallySettingEditor  parent_instance;

  GtkSwitch          *toggle;
  gboolean            updating;   /* the editor itself moves the switch */
};

G_DEFINE_FINAL_TYPE (TallySwitchEditor, tally_switch_editor, TALLY_TYPE_SETTING_EDITOR)

static void
active_cb (TallySwitchEditor *self)
{
  if (self->updating)
    return;

  _tally_setting_editor_commit (TALLY_SETTING_EDITOR (self),
                                gtk_switch_get_active (self->toggle) ? "true" : "false");
}

static void
tally_switch_editor_show_value (TallySettingEditor *editor,
                                const char         *value)
{
  TallySwitchEditor *self = TALLY_SWITCH_EDITOR (editor);

  self->updating = TRUE;
  gtk_switch_set_active (self->toggle, g_str_equal (value, "true"));
  self->updating = FALSE;
}

static void
tally_switch_editor_class_init (TallySwitchEditorClass *klass)
{
  TallySettingEditorClass *editor_class = TALLY_SETTING_EDITOR_CLASS (klass);

  editor_class->show_value = tally_switch_editor_show_value;
}

static void
tally_switch_editor_init (TallySwitchEditor *self)
{
  self->toggle = GTK_SWITCH (gtk_switch_new ());
  gtk_widget_set_valign (GTK_WIDGET (self->toggle), GTK_ALIGN_CENTER);
  g_signal_connect_swapped (self->toggle, "notify::active", G_CALLBACK (active_cb), self);
  gtk_widget_set_parent (GTK_WIDGET (self->toggle), GTK_WIDGET (self));
}

/**
 * tally_switch_editor_new:
 *
 * Returns: (transfer floating): a switch, off until a value is set
 */
TallySettingEditor *
tally_switch_editor_new (void)
{
  return g_object_new (TALLY_TYPE_SWITCH_EDITOR, NULL);
}
