/* tally-setting-editor.c: what every editor of a setting has in common
 *
 * Copyright 2026 The Tally authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * An editor holds one value as the project stores it ("0.16", "true",
 * "America/Bogota"). Whoever shows the editor sets the value it reads from
 * the project; a person changing it emits ::changed with the new value, and
 * a text that can be no value at all is explained in the error property.
 * The editor saves nothing itself.
 */
#define G_LOG_DOMAIN "tally-setting-editor"

#include "config.h"

#include <string.h>

#include "tally-setting-editor.h"

typedef struct
{
  char *value;
  char *error;
} TallySettingEditorPrivate;

G_DEFINE_ABSTRACT_TYPE_WITH_PRIVATE (TallySettingEditor, tally_setting_editor, GTK_TYPE_WIDGET)

enum { PROP_0, PROP_VALUE, PROP_ERROR, N_PROPS };
static GParamSpec *properties[N_PROPS];

enum { CHANGED, N_SIGNALS };
static guint signals[N_SIGNALS];

static gboolean
store_value (TallySettingEditor *self,
             const char         *value)
{
  TallySettingEditorPrivate *priv = tally_setting_editor_get_instance_private (self);

  if (g_strcmp0 (priv->value, value) == 0)
    return FALSE;

  g_free (priv->value);
  priv->value = g_strdup (value);
  return TRUE;
}

const char *
tally_setting_editor_get_value (TallySettingEditor *self)
{
  TallySettingEditorPrivate *priv;

  g_return_val_if_fail (TALLY_IS_SETTING_EDITOR (self), NULL);

  priv = tally_setting_editor_get_instance_private (self);
  return priv->value != NULL ? priv->value : "";
}

/**
 * tally_setting_editor_set_value:
 * @self: an editor
 * @value: a value as the project stores it
 *
 * Shows @value, dropping what was typed and its error, without emitting
 * #TallySettingEditor::changed.
 */
void
tally_setting_editor_set_value (TallySettingEditor *self,
                                const char         *value)
{
  gboolean changed;

  g_return_if_fail (TALLY_IS_SETTING_EDITOR (self));

  if (value == NULL)
    value = "";

  changed = store_value (self, value);
  _tally_setting_editor_set_error (self, NULL);
  TALLY_SETTING_EDITOR_GET_CLASS (self)->show_value (self, value);
  if (changed)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_VALUE]);
}

/**
 * tally_setting_editor_get_error:
 * @self: an editor
 *
 * Returns: (nullable): why what the person typed can be no value, or %NULL
 */
const char *
tally_setting_editor_get_error (TallySettingEditor *self)
{
  TallySettingEditorPrivate *priv;

  g_return_val_if_fail (TALLY_IS_SETTING_EDITOR (self), NULL);

  priv = tally_setting_editor_get_instance_private (self);
  return priv->error;
}

GtkWidget *
tally_setting_editor_get_target (TallySettingEditor *self)
{
  g_return_val_if_fail (TALLY_IS_SETTING_EDITOR (self), NULL);

  return TALLY_SETTING_EDITOR_GET_CLASS (self)->get_target (self);
}

const char *
tally_setting_editor_get_spoken_value (TallySettingEditor *self)
{
  TallySettingEditorClass *klass;

  g_return_val_if_fail (TALLY_IS_SETTING_EDITOR (self), NULL);

  klass = TALLY_SETTING_EDITOR_GET_CLASS (self);
  return klass->get_spoken_value != NULL ? klass->get_spoken_value (self) : NULL;
}

/* A person chose or typed @value: it becomes the editor's value and is
 * announced, even when equal, so that a refused value can be tried again. */
void
_tally_setting_editor_commit (TallySettingEditor *self,
                              const char         *value)
{
  g_assert (TALLY_IS_SETTING_EDITOR (self));
  g_assert (value != NULL);

  _tally_setting_editor_set_error (self, NULL);
  if (store_value (self, value))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_VALUE]);
  g_signal_emit (self, signals[CHANGED], 0, value);
}

void
_tally_setting_editor_set_error (TallySettingEditor *self,
                                 const char         *message)
{
  TallySettingEditorPrivate *priv = tally_setting_editor_get_instance_private (self);

  if (g_strcmp0 (priv->error, message) == 0)
    return;

  g_free (priv->error);
  priv->error = g_strdup (message);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ERROR]);
}

/* "0,16" typed in a comma-decimal locale means 0.16; the core reads dots. */
char *
_tally_setting_editor_fix_decimal_comma (const char *text)
{
  char *fixed = g_strstrip (g_strdup (text));
  const char *comma = strchr (fixed, ',');

  if (comma != NULL && strchr (comma + 1, ',') == NULL && strchr (fixed, '.') == NULL)
    g_strdelimit (fixed, ",", '.');
  return fixed;
}

/* Most editors are one widget, which is also the one to name. */
static GtkWidget *
tally_setting_editor_real_get_target (TallySettingEditor *self)
{
  return gtk_widget_get_first_child (GTK_WIDGET (self));
}

static void
tally_setting_editor_real_show_value (TallySettingEditor *self,
                                      const char         *value)
{
}

static void
tally_setting_editor_get_property (GObject    *object,
                                   guint       prop_id,
                                   GValue     *value,
                                   GParamSpec *pspec)
{
  TallySettingEditor *self = TALLY_SETTING_EDITOR (object);

  switch (prop_id)
    {
    case PROP_VALUE:
      g_value_set_string (value, tally_setting_editor_get_value (self));
      break;

    case PROP_ERROR:
      g_value_set_string (value, tally_setting_editor_get_error (self));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
tally_setting_editor_set_property (GObject      *object,
                                   guint         prop_id,
                                   const GValue *value,
                                   GParamSpec   *pspec)
{
  TallySettingEditor *self = TALLY_SETTING_EDITOR (object);

  switch (prop_id)
    {
    case PROP_VALUE:
      tally_setting_editor_set_value (self, g_value_get_string (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
tally_setting_editor_dispose (GObject *object)
{
  GtkWidget *child;

  /* Editors built in code own their children; templates are gone by now. */
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (object))) != NULL)
    gtk_widget_unparent (child);

  G_OBJECT_CLASS (tally_setting_editor_parent_class)->dispose (object);
}

static void
tally_setting_editor_finalize (GObject *object)
{
  TallySettingEditor *self = TALLY_SETTING_EDITOR (object);
  TallySettingEditorPrivate *priv = tally_setting_editor_get_instance_private (self);

  g_clear_pointer (&priv->value, g_free);
  g_clear_pointer (&priv->error, g_free);

  G_OBJECT_CLASS (tally_setting_editor_parent_class)->finalize (object);
}

static void
tally_setting_editor_class_init (TallySettingEditorClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->get_property = tally_setting_editor_get_property;
  object_class->set_property = tally_setting_editor_set_property;
  object_class->dispose = tally_setting_editor_dispose;
  object_class->finalize = tally_setting_editor_finalize;

  klass->show_value = tally_setting_editor_real_show_value;
  klass->get_target = tally_setting_editor_real_get_target;

  /**
   * TallySettingEditor:value:
   *
   * The value as the project stores it: the one set last, or the one a
   * person chose since.
   */
  properties[PROP_VALUE] =
    g_param_spec_string ("value", NULL, NULL, "",
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  /**
   * TallySettingEditor:error:
   *
   * Why the text a person typed can be no value, or %NULL.
   */
  properties[PROP_ERROR] =
    g_param_spec_string ("error", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * TallySettingEditor::changed:
   * @self: the editor
   * @value: the value the person chose, as the project stores it
   */
  signals[CHANGED] = g_signal_new ("changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                                   NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_STRING);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
}

static void
tally_setting_editor_init (TallySettingEditor *self)
{
}
