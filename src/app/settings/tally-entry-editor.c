/* tally-entry-editor.c: a setting typed as free text (names, lists, addresses)
 *
 * Copyright 2026 The Tally authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The text is committed by Enter or by leaving the entry, not at each key:
 * half a web address is no setting.
 */
#define G_LOG_DOMAIN "tally-entry-editor"

#include "config.h"

#include <glib/gi18n.h>

#include "tally-entry-editor.h"

struct _TallyEntryEditor
{
  TallySettingEditor  parent_instance;

  GtkEntry           *entry;
};

G_DEFINE_FINAL_TYPE (TallyEntryEditor, tally_entry_editor, TALLY_TYPE_SETTING_EDITOR)

static void
commit (TallyEntryEditor *self)
{
  TallySettingEditor *editor = TALLY_SETTING_EDITOR (self);
  const char *text = gtk_editable_get_text (GTK_EDITABLE (self->entry));

  /* Leaving an untouched entry changes nothing. */
  if (g_strcmp0 (text, tally_setting_editor_get_value (editor)) == 0)
    return;

  _tally_setting_editor_commit (editor, text);
}

static void
set_width (TallyEntryEditor       *self,
           const TallySettingSpec *spec)
{
  int width = 24;

  switch (spec->kind)
    {
    case TALLY_SETTING_LIST:
      width = 28;
      break;

    case TALLY_SETTING_URL:
      width = 30;
      gtk_entry_set_input_purpose (self->entry, GTK_INPUT_PURPOSE_URL);
      break;

    case TALLY_SETTING_API_VERSION:
      width = 8;
      break;

    case TALLY_SETTING_AD_ACCOUNT:
      width = 22;
      break;

    case TALLY_SETTING_COUNTRY_CODE:
      width = 6;
      gtk_entry_set_input_purpose (self->entry, GTK_INPUT_PURPOSE_PHONE);
      break;

    case TALLY_SETTING_TEXT:
    default:
      break;
    }

  gtk_editable_set_width_chars (GTK_EDITABLE (self->entry), width);
  gtk_editable_set_max_width_chars (GTK_EDITABLE (self->entry), width);
}

static void
tally_entry_editor_show_value (TallySettingEditor *editor,
                               const char         *value)
{
  TallyEntryEditor *self = TALLY_ENTRY_EDITOR (editor);

  /* An equal text keeps the cursor where it is. */
  if (g_strcmp0 (gtk_editable_get_text (GTK_EDITABLE (self->entry)), value) != 0)
    gtk_editable_set_text (GTK_EDITABLE (self->entry), value);
}

static void
tally_entry_editor_class_init (TallyEntryEditorClass *klass)
{
  TallySettingEditorClass *editor_class = TALLY_SETTING_EDITOR_CLASS (klass);

  editor_class->show_value = tally_entry_editor_show_value;
}

static void
tally_entry_editor_init (TallyEntryEditor *self)
{
  GtkEventController *focus = gtk_event_controller_focus_new ();

  self->entry = GTK_ENTRY (gtk_entry_new ());
  g_signal_connect_swapped (self->entry, "activate", G_CALLBACK (commit), self);
  g_signal_connect_swapped (focus, "leave", G_CALLBACK (commit), self);
  gtk_widget_add_controller (GTK_WIDGET (self->entry), focus);
  gtk_widget_set_parent (GTK_WIDGET (self->entry), GTK_WIDGET (self));
}

/**
 * tally_entry_editor_new:
 * @spec: a setting of kind text, list, URL, API version or country code
 *
 * Returns: (transfer floating): an entry as wide as such values are
 */
TallySettingEditor *
tally_entry_editor_new (const TallySettingSpec *spec)
{
  TallyEntryEditor *self;

  g_return_val_if_fail (spec != NULL, NULL);

  self = g_object_new (TALLY_TYPE_ENTRY_EDITOR, NULL);
  set_width (self, spec);
  if (spec->optional)
    gtk_entry_set_placeholder_text (self->entry, _("None"));
  return TALLY_SETTING_EDITOR (self);
}
