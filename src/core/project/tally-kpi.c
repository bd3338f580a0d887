/* tally-kpi.c: one entry of the KPI dictionary
 *
 * Copyright 2026 The Tally authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "tally-kpi"

#include "config.h"

#include "tally-kpi.h"

/* The text fields, in the order of their properties. Keeping them in one
 * array lets the property code stay short and uniform. */
typedef enum
{
  FIELD_ID,
  FIELD_NAME,
  FIELD_DEFINITION,
  FIELD_FORMULA,
  FIELD_SOURCE,
  FIELD_SOURCE_NOTE,
  FIELD_GRAIN,
  FIELD_JOIN_KEYS,
  FIELD_UNIT,
  N_FIELDS
} Field;

struct _TallyKpi
{
  GObject   parent_instance;

  char     *fields[N_FIELDS];
  gboolean  core;
};

G_DEFINE_FINAL_TYPE (TallyKpi, tally_kpi, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_ID,
  PROP_NAME,
  PROP_DEFINITION,
  PROP_FORMULA,
  PROP_SOURCE,
  PROP_SOURCE_NOTE,
  PROP_GRAIN,
  PROP_JOIN_KEYS,
  PROP_UNIT,
  PROP_CORE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static const char *
get_field (TallyKpi *self,
           Field     field)
{
  return self->fields[field] != NULL ? self->fields[field] : "";
}

static void
set_field (TallyKpi   *self,
           Field       field,
           const char *value)
{
  if (g_strcmp0 (self->fields[field], value) == 0)
    return;

  g_free (self->fields[field]);
  self->fields[field] = g_strdup (value);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ID + field]);
}

static void
tally_kpi_finalize (GObject *object)
{
  TallyKpi *self = (TallyKpi *) object;

  for (guint i = 0; i < N_FIELDS; i++)
    g_clear_pointer (&self->fields[i], g_free);

  G_OBJECT_CLASS (tally_kpi_parent_class)->finalize (object);
}

static void
tally_kpi_get_property (GObject    *object,
                        guint       prop_id,
                        GValue     *value,
                        GParamSpec *pspec)
{
  TallyKpi *self = TALLY_KPI (object);

  if (prop_id >= PROP_ID && prop_id < PROP_ID + N_FIELDS)
    g_value_set_string (value, get_field (self, prop_id - PROP_ID));
  else if (prop_id == PROP_CORE)
    g_value_set_boolean (value, self->core);
  else
    G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
}

static void
tally_kpi_set_property (GObject      *object,
                        guint         prop_id,
                        const GValue *value,
                        GParamSpec   *pspec)
{
  TallyKpi *self = TALLY_KPI (object);

  if (prop_id >= PROP_ID && prop_id < PROP_ID + N_FIELDS)
    set_field (self, prop_id - PROP_ID, g_value_get_string (value));
  else if (prop_id == PROP_CORE)
    tally_kpi_set_core (self, g_value_get_boolean (value));
  else
    G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
}

static void
tally_kpi_class_init (TallyKpiClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  static const char * const names[N_FIELDS] = {
    "id", "name", "definition", "formula", "source", "source-note", "grain", "join-keys", "unit",
  };

  object_class->finalize = tally_kpi_finalize;
  object_class->get_property = tally_kpi_get_property;
  object_class->set_property = tally_kpi_set_property;

  for (guint i = 0; i < N_FIELDS; i++)
    properties[PROP_ID + i] =
      g_param_spec_string (names[i], NULL, NULL, "",
                           G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  properties[PROP_CORE] =
    g_param_spec_boolean ("core", NULL, NULL, FALSE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
tally_kpi_init (TallyKpi *self)
{
}

TallyKpi *
tally_kpi_new (void)
{
  return g_object_new (TALLY_TYPE_KPI, NULL);
}

/**
 * tally_kpi_copy:
 *
 * Returns: (transfer full): an independent copy, for editing
 */
TallyKpi *
tally_kpi_copy (TallyKpi *self)
{
  TallyKpi *copy;

  g_return_val_if_fail (TALLY_IS_KPI (self), NULL);

  copy = tally_kpi_new ();
  for (guint i = 0; i < N_FIELDS; i++)
    copy->fields[i] = g_strdup (self->fields[i]);
  copy->core = self->core;

  return copy;
}

#define DEFINE_TEXT_FIELD(getter, setter, FIELD)     \
  const char *                                       \
  getter (TallyKpi *self)                            \
  {                                                  \
    g_return_val_if_fail (TALLY_IS_KPI (self), NULL); \
    return get_field (self, FIELD);                  \
  }                                                  \
  void                                               \
  setter (TallyKpi   *self,                          \
          const char *value)                         \
  {                                                  \
    g_return_if_fail (TALLY_IS_KPI (self));          \
    set_field (self, FIELD, value);                  \
  }

DEFINE_TEXT_FIELD (tally_kpi_get_id, tally_kpi_set_id, FIELD_ID)
DEFINE_TEXT_FIELD (tally_kpi_get_name, tally_kpi_set_name, FIELD_NAME)
DEFINE_TEXT_FIELD (tally_kpi_get_definition, tally_kpi_set_definition, FIELD_DEFINITION)
DEFINE_TEXT_FIELD (tally_kpi_get_formula, tally_kpi_set_formula, FIELD_FORMULA)
DEFINE_TEXT_FIELD (tally_kpi_get_source, tally_kpi_set_source, FIELD_SOURCE)
DEFINE_TEXT_FIELD (tally_kpi_get_source_note, tally_kpi_set_source_note, FIELD_SOURCE_NOTE)
DEFINE_TEXT_FIELD (tally_kpi_get_grain, tally_kpi_set_grain, FIELD_GRAIN)
DEFINE_TEXT_FIELD (tally_kpi_get_join_keys, tally_kpi_set_join_keys, FIELD_JOIN_KEYS)
DEFINE_TEXT_FIELD (tally_kpi_get_unit, tally_kpi_set_unit, FIELD_UNIT)

gboolean
tally_kpi_get_core (TallyKpi *self)
{
  g_return_val_if_fail (TALLY_IS_KPI (self), FALSE);

  return self->core;
}

void
tally_kpi_set_core (TallyKpi *self,
                    gboolean  core)
{
  g_return_if_fail (TALLY_IS_KPI (self));

  core = !!core;
  if (self->core == core)
    return;

  self->core = core;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CORE]);
}
