/* tally-rates-editor.c: a new fixed exchange rate, its currency and its rate
 *
 * Copyright 2026 The Tally authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The last row of the fixed rates: a currency, a rate and an Add button.
 * The value is the rate typed, with a dot; Add announces it, and the key
 * it belongs under is `fx_fixed.` and the currency.
 */
#define G_LOG_DOMAIN "tally-rates-editor"

#include "config.h"

#include <glib/gi18n.h>

#include "tally-choice-editor.h"
#include "tally-rates-editor.h"

struct _TallyRatesEditor
{
  TallySettingEditor  parent_instance;

  char               *reporting_currency;

  TallySettingEditor *currency_editor;
  GtkEntry           *rate_entry;
};

G_DEFINE_FINAL_TYPE (TallyRatesEditor, tally_rates_editor, TALLY_TYPE_SETTING_EDITOR)

enum { PROP_0, PROP_REPORTING_CURRENCY, N_PROPS };
static GParamSpec *properties[N_PROPS];

static void
add_cb (TallyRatesEditor *self)
{
  g_autofree char *rate = _tally_setting_editor_fix_decimal_comma (gtk_editable_get_text (GTK_EDITABLE (self->rate_entry)));
  const char *code = tally_rates_editor_get_currency (self);
  g_autofree char *message = NULL;

  if (code[0] == '\0')
    return;

  if (rate[0] != '\0')
    {
      _tally_setting_editor_commit (TALLY_SETTING_EDITOR (self), rate);
      return;
    }

  /* Translators: "Type how many MXN one EUR is worth, such as 18.25." */
  message = g_strdup_printf (_("Type how many %s one %s is worth, such as 18.25."),
                             self->reporting_currency != NULL ? self->reporting_currency : "", code);
  _tally_setting_editor_set_error (TALLY_SETTING_EDITOR (self), message);
}

/* GTK 4.8 does not expose a drop-down's choice by itself. */
static void
describe_currency (TallyRatesEditor *self)
{
  gtk_accessible_update_property (GTK_ACCESSIBLE (tally_setting_editor_get_target (self->currency_editor)),
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION,
                                  tally_setting_editor_get_spoken_value (self->currency_editor), -1);
}

const char *
tally_rates_editor_get_currency (TallyRatesEditor *self)
{
  g_return_val_if_fail (TALLY_IS_RATES_EDITOR (self), NULL);

  return tally_setting_editor_get_value (self->currency_editor);
}

const char *
tally_rates_editor_get_reporting_currency (TallyRatesEditor *self)
{
  g_return_val_if_fail (TALLY_IS_RATES_EDITOR (self), NULL);

  return self->reporting_currency;
}

/**
 * tally_rates_editor_set_reporting_currency:
 * @self: an editor
 * @reporting_currency: the code the rates are read in
 *
 * Names the currency a rate is worth in, for the error of an empty rate.
 */
void
tally_rates_editor_set_reporting_currency (TallyRatesEditor *self,
                                           const char       *reporting_currency)
{
  g_return_if_fail (TALLY_IS_RATES_EDITOR (self));

  if (g_strcmp0 (self->reporting_currency, reporting_currency) == 0)
    return;

  g_free (self->reporting_currency);
  self->reporting_currency = g_strdup (reporting_currency);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_REPORTING_CURRENCY]);
}

static void
tally_rates_editor_show_value (TallySettingEditor *editor,
                               const char         *value)
{
  TallyRatesEditor *self = TALLY_RATES_EDITOR (editor);

  gtk_editable_set_text (GTK_EDITABLE (self->rate_entry), value);
}

/* The rate is where a mistake is made, and what the row names. */
static GtkWidget *
tally_rates_editor_get_target (TallySettingEditor *editor)
{
  return GTK_WIDGET (TALLY_RATES_EDITOR (editor)->rate_entry);
}

static void
tally_rates_editor_constructed (GObject *object)
{
  TallyRatesEditor *self = TALLY_RATES_EDITOR (object);

  G_OBJECT_CLASS (tally_rates_editor_parent_class)->constructed (object);

  /* A likely first pick: the other of USD and EUR. */
  tally_setting_editor_set_value (self->currency_editor,
                                  g_strcmp0 (self->reporting_currency, "USD") == 0 ? "EUR" : "USD");
  describe_currency (self);
}

static void
tally_rates_editor_get_property (GObject    *object,
                                 guint       prop_id,
                                 GValue     *value,
                                 GParamSpec *pspec)
{
  TallyRatesEditor *self = TALLY_RATES_EDITOR (object);

  switch (prop_id)
    {
    case PROP_REPORTING_CURRENCY:
      g_value_set_string (value, self->reporting_currency);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
tally_rates_editor_set_property (GObject      *object,
                                 guint         prop_id,
                                 const GValue *value,
                                 GParamSpec   *pspec)
{
  TallyRatesEditor *self = TALLY_RATES_EDITOR (object);

  switch (prop_id)
    {
    case PROP_REPORTING_CURRENCY:
      tally_rates_editor_set_reporting_currency (self, g_value_get_string (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
tally_rates_editor_dispose (GObject *object)
{
  gtk_widget_dispose_template (GTK_WIDGET (object), TALLY_TYPE_RATES_EDITOR);

  G_OBJECT_CLASS (tally_rates_editor_parent_class)->dispose (object);
}

static void
tally_rates_editor_finalize (GObject *object)
{
  TallyRatesEditor *self = TALLY_RATES_EDITOR (object);

  g_clear_pointer (&self->reporting_currency, g_free);

  G_OBJECT_CLASS (tally_rates_editor_parent_class)->finalize (object);
}

static void
tally_rates_editor_class_init (TallyRatesEditorClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  TallySettingEditorClass *editor_class = TALLY_SETTING_EDITOR_CLASS (klass);

  object_class->constructed = tally_rates_editor_constructed;
  object_class->get_property = tally_rates_editor_get_property;
  object_class->set_property = tally_rates_editor_set_property;
  object_class->dispose = tally_rates_editor_dispose;
  object_class->finalize = tally_rates_editor_finalize;

  editor_class->show_value = tally_rates_editor_show_value;
  editor_class->get_target = tally_rates_editor_get_target;

  /**
   * TallyRatesEditor:reporting-currency:
   *
   * The code a rate is worth in; at construction it also picks the first
   * currency offered.
   */
  properties[PROP_REPORTING_CURRENCY] =
    g_param_spec_string ("reporting-currency", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT | G_PARAM_EXPLICIT_NOTIFY |
                         G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);

  g_type_ensure (TALLY_TYPE_CHOICE_EDITOR);
  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PREFIX "/tally-rates-editor.ui");
  gtk_widget_class_bind_template_child (widget_class, TallyRatesEditor, currency_editor);
  gtk_widget_class_bind_template_child (widget_class, TallyRatesEditor, rate_entry);
  gtk_widget_class_bind_template_callback (widget_class, add_cb);
}

static void
tally_rates_editor_init (TallyRatesEditor *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  tally_choice_editor_append_currencies (TALLY_CHOICE_EDITOR (self->currency_editor));
  gtk_accessible_update_property (GTK_ACCESSIBLE (tally_setting_editor_get_target (self->currency_editor)),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Currency of the new fixed rate"), -1);
  g_signal_connect_swapped (self->currency_editor, "notify::value",
                            G_CALLBACK (describe_currency), self);
}

/**
 * tally_rates_editor_new:
 * @reporting_currency: the code the rates are read in
 *
 * Returns: (transfer floating): the editor of a new fixed rate
 */
TallySettingEditor *
tally_rates_editor_new (const char *reporting_currency)
{
  return g_object_new (TALLY_TYPE_RATES_EDITOR, "reporting-currency", reporting_currency, NULL);
}
