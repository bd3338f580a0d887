/* tally-setting-row.c: one setting of the Settings page, with its editor
 *
 * Copyright 2026 The Tally authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The row names the setting, picks the editor for its kind, saves what the
 * editor announces and shows under it why the project refused a value.
 */
#define G_LOG_DOMAIN "tally-setting-row"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "tally-setting-save.h"
#include "tally-choice-editor.h"
#include "tally-entry-editor.h"
#include "tally-number-editor.h"
#include "tally-rates-editor.h"
#include "tally-setting-row.h"
#include "tally-switch-editor.h"

struct _TallySettingRow
{
  GtkListBoxRow           parent_instance;

  TallyProject           *project;
  char                   *key;
  const TallySettingSpec *spec;          /* NULL in the add-a-rate row */

  TallySettingEditor     *editor;
  char                   *shown;         /* the stored value the editor shows */
  gboolean                invalid;

  GtkLabel               *title_label;
  GtkLabel               *description_label;
  GtkBox                 *editor_box;
  GtkLabel               *error_label;
};

G_DEFINE_FINAL_TYPE (TallySettingRow, tally_setting_row, GTK_TYPE_LIST_BOX_ROW)

static const char *
get_rate_currency (TallySettingRow *self)
{
  return self->key + strlen (TALLY_SETTING_FX_FIXED_PREFIX);
}

static char *
get_effective (TallySettingRow *self,
               const char      *key)
{
  char *value = tally_project_get_effective_setting (self->project, key);

  return value != NULL ? value : g_strdup ("");
}

/* The value the editor should show: the stored one, "" for an unset
 * optional key, or the default of a key the file does not hold yet. */
static char *
get_stored_value (TallySettingRow *self)
{
  char *value = tally_project_get_setting (self->project, self->key);

  if (value != NULL)
    return value;
  if (self->spec->optional)
    return g_strdup ("");

  value = tally_project_get_effective_setting (self->project, self->key);
  if (value == NULL)
    value = g_strdup (self->spec->default_value != NULL ? self->spec->default_value : "");
  return value;
}

static char *
make_title (TallySettingRow *self)
{
  if (self->spec == NULL)
    return g_strdup (_("Add a fixed rate"));
  if (tally_settings_is_fx_fixed_key (self->key))
    /* Translators: %s is a currency code such as EUR */
    return g_strdup_printf (_("Fixed rate for %s"), get_rate_currency (self));
  return g_strdup (_(self->spec->title));
}

/* Fixed rates are read against the reporting currency, so their rows say
 * which one it is and change when it does. */
static char *
make_description (TallySettingRow *self)
{
  g_autofree char *reporting = NULL;

  if (self->spec != NULL && !tally_settings_is_fx_fixed_key (self->key))
    return g_strdup (_(self->spec->description));

  reporting = get_effective (self, "reporting_currency");
  if (self->spec == NULL)
    /* Translators: %s is the reporting currency, such as MXN */
    return g_strdup_printf (_("Pick a currency and type how many %s one unit of it is worth."),
                            reporting);

  /* Translators: "1 EUR is worth this many MXN under the fixed rule." */
  return g_strdup_printf (_("1 %s is worth this many %s under the fixed rule."),
                          get_rate_currency (self), reporting);
}

/* The first item of an optional drop-down, which unsets the key. */
static char *
make_unset_label (TallySettingRow *self)
{
  const char *follows = self->spec->follows;
  g_autofree char *effective = NULL;

  if (follows == NULL)
    return g_strdup (_("None"));

  effective = get_effective (self, follows);
  if (g_str_equal (follows, "timezone"))
    /* Translators: an unset timezone; %s is the zone it follows */
    return g_strdup_printf (_("Same as the reporting timezone (%s)"), effective);
  if (g_str_equal (follows, "reporting_currency"))
    /* Translators: an unset currency; %s is the code it follows */
    return g_strdup_printf (_("Same as the reporting currency (%s)"), effective);

  /* Translators: an unset setting, "Same as “Setting” (value)" */
  return g_strdup_printf (_("Same as “%s” (%s)"), _(tally_settings_lookup (follows)->title),
                          effective);
}

/* What assistive technologies read beside the title: the error while there
 * is one; a drop-down's choice, which GTK 4.8 does not expose by itself; or
 * the row's description. */
static void
describe_editor (TallySettingRow *self)
{
  GtkWidget *target = tally_setting_editor_get_target (self->editor);
  const char *spoken = tally_setting_editor_get_spoken_value (self->editor);
  const char *text = gtk_label_get_label (self->description_label);

  if (self->invalid)
    text = gtk_label_get_label (self->error_label);
  else if (spoken != NULL)
    text = spoken;

  gtk_accessible_update_property (GTK_ACCESSIBLE (target), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION,
                                  text, -1);
}

/* Shows @message under the row and marks the editor, or clears both. */
static void
set_invalid (TallySettingRow *self,
             const char      *message)
{
  GtkWidget *target = tally_setting_editor_get_target (self->editor);

  if (!self->invalid && message == NULL)
    return;

  self->invalid = message != NULL;
  gtk_label_set_label (self->error_label, message != NULL ? message : "");
  gtk_widget_set_visible (GTK_WIDGET (self->error_label), message != NULL);

  if (message != NULL)
    gtk_widget_add_css_class (target, "error");
  else
    gtk_widget_remove_css_class (target, "error");

  gtk_accessible_update_state (GTK_ACCESSIBLE (target), GTK_ACCESSIBLE_STATE_INVALID,
                               message != NULL ? GTK_ACCESSIBLE_INVALID_TRUE
                                               : GTK_ACCESSIBLE_INVALID_FALSE,
                               -1);
  describe_editor (self);
}

/* The project names itself in front of its errors; on its own Settings
 * page that is noise. */
static void
set_error (TallySettingRow *self,
           const GError    *error)
{
  const char *name = tally_project_get_display_name (self->project);
  const char *message = error->message;

  if (name != NULL && g_str_has_prefix (message, name) &&
      g_str_has_prefix (message + strlen (name), ": "))
    message += strlen (name) + 2;

  set_invalid (self, message);
}

/* Puts the stored value in the editor without saving it back. */
static void
show_value (TallySettingRow *self)
{
  tally_setting_editor_set_value (self->editor, self->shown);
  describe_editor (self);
}

/* Saves @value under @key; a refused value stays in the editor, explained
 * under it. */
static gboolean
save (TallySettingRow *self,
      const char      *key,
      const char      *value)
{
  g_autoptr(TallySettingRow) hold = NULL;
  g_autoptr(GError) error = NULL;

  if (self->project == NULL)
    return FALSE;

  /* Removing a fixed rate takes its row off the page while we are here. */
  hold = g_object_ref (self);

  if (!tally_setting_save (self->project, key, value, &error))
    {
      set_error (self, error);
      return FALSE;
    }

  set_invalid (self, NULL);
  return TRUE;
}

static void
editor_changed_cb (TallySettingRow    *self,
                   const char         *value,
                   TallySettingEditor *editor)
{
  g_autofree char *key = NULL;

  if (self->spec != NULL)
    {
      /* "setting-changed" has refreshed the row when the value changed; an
       * equal value written differently ("usd") still shows in its
       * canonical form. */
      if (save (self, self->key, value) && self->shown != NULL && self->project != NULL)
        show_value (self);
      return;
    }

  key = g_strconcat (TALLY_SETTING_FX_FIXED_PREFIX,
                     tally_rates_editor_get_currency (TALLY_RATES_EDITOR (editor)), NULL);
  if (save (self, key, value))
    tally_setting_editor_set_value (editor, "");
}

static void
editor_error_cb (TallySettingRow    *self,
                 GParamSpec         *pspec,
                 TallySettingEditor *editor)
{
  /* The editor's own reason, or none once the text reads again. */
  set_invalid (self, tally_setting_editor_get_error (editor));
}

static void
remove_rate_cb (TallySettingRow *self)
{
  save (self, self->key, "");
}

static GtkWidget *
create_remove_button (TallySettingRow *self)
{
  GtkWidget *button = gtk_button_new_from_icon_name ("user-trash-symbolic");
  /* Translators: %s is a currency code such as EUR */
  g_autofree char *spoken = g_strdup_printf (_("Remove the fixed rate for %s"),
                                             get_rate_currency (self));

  gtk_widget_add_css_class (button, "flat");
  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  gtk_widget_set_tooltip_text (button, _("Remove this fixed rate"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  spoken, -1);
  g_signal_connect_swapped (button, "clicked", G_CALLBACK (remove_rate_cb), self);
  return button;
}

/* The editor that fits the setting's kind. */
static TallySettingEditor *
create_editor (TallySettingRow *self)
{
  g_autofree char *unset = NULL;

  if (self->spec == NULL)
    {
      g_autofree char *reporting = get_effective (self, "reporting_currency");

      return tally_rates_editor_new (reporting);
    }

  switch (self->spec->kind)
    {
    case TALLY_SETTING_CHOICE:
    case TALLY_SETTING_TIMEZONE:
    case TALLY_SETTING_CURRENCY:
      if (self->spec->optional)
        unset = make_unset_label (self);
      return tally_choice_editor_new_for_spec (self->spec, unset);

    case TALLY_SETTING_INTEGER:
    case TALLY_SETTING_FRACTION:
    case TALLY_SETTING_NUMBER:
    case TALLY_SETTING_RATE:
      return tally_number_editor_new (self->key);

    case TALLY_SETTING_BOOLEAN:
      return tally_switch_editor_new ();

    case TALLY_SETTING_TEXT:
    case TALLY_SETTING_LIST:
    case TALLY_SETTING_URL:
    case TALLY_SETTING_API_VERSION:
    case TALLY_SETTING_AD_ACCOUNT:
    case TALLY_SETTING_COUNTRY_CODE:
    default:
      return tally_entry_editor_new (self->spec);
    }
}

static void
add_editor (TallySettingRow *self)
{
  self->editor = create_editor (self);
  g_signal_connect_object (self->editor, "changed", G_CALLBACK (editor_changed_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->editor, "notify::error", G_CALLBACK (editor_error_cb), self,
                           G_CONNECT_SWAPPED);
  gtk_box_append (self->editor_box, GTK_WIDGET (self->editor));

  if (self->spec == NULL)
    return;

  /* End-to-end tests and screen readers find each editor by its title. */
  gtk_accessible_update_property (GTK_ACCESSIBLE (tally_setting_editor_get_target (self->editor)),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  gtk_label_get_label (self->title_label), -1);

  if (tally_settings_is_fx_fixed_key (self->key))
    gtk_box_append (self->editor_box, create_remove_button (self));
}

/* Follows a change of the key this row's unset item names. */
static void
update_unset_label (TallySettingRow *self)
{
  g_autofree char *label = NULL;

  if (!TALLY_IS_CHOICE_EDITOR (self->editor) || !self->spec->optional)
    return;

  label = make_unset_label (self);
  tally_choice_editor_set_unset_label (TALLY_CHOICE_EDITOR (self->editor), label);
  describe_editor (self);
}

static void
update_description (TallySettingRow *self)
{
  g_autofree char *description = make_description (self);

  if (TALLY_IS_RATES_EDITOR (self->editor))
    {
      g_autofree char *reporting = get_effective (self, "reporting_currency");

      tally_rates_editor_set_reporting_currency (TALLY_RATES_EDITOR (self->editor), reporting);
    }

  if (g_strcmp0 (description, gtk_label_get_label (self->description_label)) == 0)
    return;

  gtk_label_set_label (self->description_label, description);
  describe_editor (self);
}

/**
 * tally_setting_row_refresh:
 * @self: a row
 *
 * Rereads the setting after a "setting-changed" of any key. The editor
 * changes only when the value it should show does, so that what a person is
 * typing elsewhere and where the focus is stay as they are.
 */
void
tally_setting_row_refresh (TallySettingRow *self)
{
  g_autofree char *value = NULL;

  g_return_if_fail (TALLY_IS_SETTING_ROW (self));

  if (self->project == NULL)
    return;

  update_description (self);
  if (self->spec == NULL)
    return;

  update_unset_label (self);

  value = get_stored_value (self);
  if (g_strcmp0 (value, self->shown) == 0)
    return;

  g_free (self->shown);
  self->shown = g_steal_pointer (&value);
  set_invalid (self, NULL);
  show_value (self);
}

/**
 * tally_setting_row_unbind:
 * @self: a row
 *
 * Lets go of the project before the row leaves the page, so that a focused
 * entry losing its focus on the way out saves nothing.
 */
void
tally_setting_row_unbind (TallySettingRow *self)
{
  g_return_if_fail (TALLY_IS_SETTING_ROW (self));

  g_clear_object (&self->project);
}

const char *
tally_setting_row_get_key (TallySettingRow *self)
{
  g_return_val_if_fail (TALLY_IS_SETTING_ROW (self), NULL);

  return self->key;
}

/**
 * tally_setting_row_get_editor:
 * @self: a row
 *
 * Returns: (transfer none): the editor of the row's value
 */
TallySettingEditor *
tally_setting_row_get_editor (TallySettingRow *self)
{
  g_return_val_if_fail (TALLY_IS_SETTING_ROW (self), NULL);

  return self->editor;
}

/**
 * tally_setting_row_get_error:
 * @self: a row
 *
 * Returns: (nullable): the error shown under the row, or %NULL
 */
const char *
tally_setting_row_get_error (TallySettingRow *self)
{
  g_return_val_if_fail (TALLY_IS_SETTING_ROW (self), NULL);

  return self->invalid ? gtk_label_get_label (self->error_label) : NULL;
}

/**
 * tally_setting_row_new:
 * @project: the project the setting belongs to
 * @key: a setting key, an `fx_fixed.` key, or `fx_fixed.` alone for the row
 *   that adds a fixed rate
 *
 * Returns: (transfer floating): a row with the editor that fits the
 *   setting's kind
 */
TallySettingRow *
tally_setting_row_new (TallyProject *project,
                       const char   *key)
{
  gboolean adds_rate;
  const TallySettingSpec *spec;
  TallySettingRow *self;
  g_autofree char *title = NULL;

  g_return_val_if_fail (TALLY_IS_PROJECT (project), NULL);
  g_return_val_if_fail (key != NULL, NULL);

  adds_rate = g_str_equal (key, TALLY_SETTING_FX_FIXED_PREFIX);
  spec = adds_rate ? NULL : tally_settings_lookup (key);
  g_return_val_if_fail (adds_rate || spec != NULL, NULL);

  self = g_object_new (TALLY_TYPE_SETTING_ROW, NULL);
  self->project = g_object_ref (project);
  self->key = g_strdup (key);
  self->spec = spec;

  title = make_title (self);
  gtk_label_set_label (self->title_label, title);
  add_editor (self);

  tally_setting_row_refresh (self);
  describe_editor (self);
  return self;
}

static void
tally_setting_row_dispose (GObject *object)
{
  TallySettingRow *self = TALLY_SETTING_ROW (object);

  g_clear_object (&self->project);
  gtk_widget_dispose_template (GTK_WIDGET (self), TALLY_TYPE_SETTING_ROW);
  self->editor = NULL;

  G_OBJECT_CLASS (tally_setting_row_parent_class)->dispose (object);
}

static void
tally_setting_row_finalize (GObject *object)
{
  TallySettingRow *self = TALLY_SETTING_ROW (object);

  g_clear_pointer (&self->key, g_free);
  g_clear_pointer (&self->shown, g_free);

  G_OBJECT_CLASS (tally_setting_row_parent_class)->finalize (object);
}

static void
tally_setting_row_class_init (TallySettingRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = tally_setting_row_dispose;
  object_class->finalize = tally_setting_row_finalize;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_PREFIX "/tally-setting-row.ui");
  gtk_widget_class_bind_template_child (widget_class, TallySettingRow, title_label);
  gtk_widget_class_bind_template_child (widget_class, TallySettingRow, description_label);
  gtk_widget_class_bind_template_child (widget_class, TallySettingRow, editor_box);
  gtk_widget_class_bind_template_child (widget_class, TallySettingRow, error_label);
}

static void
tally_setting_row_init (TallySettingRow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}
