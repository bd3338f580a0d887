/* tally-setting-item.c: one row of the settings list
 *
 * Copyright 2026 The Tally authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "tally-setting-item"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "tally-setting-item.h"

struct _TallySettingItem
{
  GObject  parent_instance;

  char    *key;
  char    *title;
  char    *value;
  char    *description;
};

G_DEFINE_FINAL_TYPE (TallySettingItem, tally_setting_item, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_KEY,
  PROP_TITLE,
  PROP_VALUE,
  PROP_DESCRIPTION,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
tally_setting_item_finalize (GObject *object)
{
  TallySettingItem *self = (TallySettingItem *) object;

  g_clear_pointer (&self->key, g_free);
  g_clear_pointer (&self->title, g_free);
  g_clear_pointer (&self->value, g_free);
  g_clear_pointer (&self->description, g_free);

  G_OBJECT_CLASS (tally_setting_item_parent_class)->finalize (object);
}

static void
tally_setting_item_get_property (GObject    *object,
                                 guint       prop_id,
                                 GValue     *value,
                                 GParamSpec *pspec)
{
  TallySettingItem *self = TALLY_SETTING_ITEM (object);

  switch (prop_id)
    {
    case PROP_KEY:
      g_value_set_string (value, self->key);
      break;

    case PROP_TITLE:
      g_value_set_string (value, self->title);
      break;

    case PROP_VALUE:
      g_value_set_string (value, self->value);
      break;

    case PROP_DESCRIPTION:
      g_value_set_string (value, self->description);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
tally_setting_item_class_init (TallySettingItemClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = tally_setting_item_finalize;
  object_class->get_property = tally_setting_item_get_property;

  properties[PROP_KEY] =
    g_param_spec_string ("key", NULL, NULL, NULL, G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_TITLE] =
    g_param_spec_string ("title", NULL, NULL, NULL, G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_VALUE] =
    g_param_spec_string ("value", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_DESCRIPTION] =
    g_param_spec_string ("description", NULL, NULL, NULL, G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
tally_setting_item_init (TallySettingItem *self)
{
}

/* What a person reads for the value: the label of a choice, "None" for an
 * unset key, or what an unset key follows. */
static char *
describe_value (TallyProject           *project,
                const TallySettingSpec *spec,
                const char             *key)
{
  g_autofree char *value = tally_project_get_setting (project, key);
  g_autofree char *effective = NULL;
  const TallySettingSpec *followed;

  if (value != NULL)
    {
      if (spec->kind == TALLY_SETTING_CHOICE)
        return g_strdup (tally_settings_get_choice_label (spec, value));
      if (spec->kind == TALLY_SETTING_BOOLEAN)
        return g_strdup (g_str_equal (value, "true") ? _("Yes") : _("No"));
      return g_steal_pointer (&value);
    }

  if (spec->follows == NULL)
    return g_strdup (_("None"));

  followed = tally_settings_lookup (spec->follows);
  effective = tally_project_get_effective_setting (project, key);
  /* Translators: an unset setting, such as "Same as Reporting timezone (America/Mexico_City)" */
  return g_strdup_printf (_("Same as %s (%s)"), _(followed->title), effective);
}

void
tally_setting_item_refresh (TallySettingItem *self,
                            TallyProject     *project)
{
  const TallySettingSpec *spec;
  g_autofree char *value = NULL;

  g_return_if_fail (TALLY_IS_SETTING_ITEM (self));
  g_return_if_fail (TALLY_IS_PROJECT (project));

  spec = tally_settings_lookup (self->key);
  g_return_if_fail (spec != NULL);

  value = describe_value (project, spec, self->key);
  if (g_strcmp0 (value, self->value) == 0)
    return;

  g_free (self->value);
  self->value = g_steal_pointer (&value);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_VALUE]);
}

TallySettingItem *
tally_setting_item_new (TallyProject *project,
                        const char   *key)
{
  const TallySettingSpec *spec = tally_settings_lookup (key);
  TallySettingItem *self;

  g_return_val_if_fail (spec != NULL, NULL);

  self = g_object_new (TALLY_TYPE_SETTING_ITEM, NULL);
  self->key = g_strdup (key);
  if (tally_settings_is_fx_fixed_key (key))
    /* Translators: %s is a currency code */
    self->title = g_strdup_printf (_("Fixed rate for %s"), key + strlen (TALLY_SETTING_FX_FIXED_PREFIX));
  else
    self->title = g_strdup (_(spec->title));
  self->description = g_strdup (_(spec->description));
  tally_setting_item_refresh (self, project);

  return self;
}

const char *
tally_setting_item_get_key (TallySettingItem *self)
{
  g_return_val_if_fail (TALLY_IS_SETTING_ITEM (self), NULL);

  return self->key;
}

const char *
tally_setting_item_get_value (TallySettingItem *self)
{
  g_return_val_if_fail (TALLY_IS_SETTING_ITEM (self), NULL);

  return self->value;
}
