/* tally-number-editor.c: a setting that is a number, in a spin button
 *
 * Copyright 2026 The Tally authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The core says which texts are numbers of the setting (its range, whole
 * or not); a refused text stays on screen to be corrected, with the core's
 * reason in the editor's error.
 */
#define G_LOG_DOMAIN "tally-number-editor"

#include "config.h"

#include <math.h>
#include <string.h>

#include "tally-core.h"
#include "tally-number-editor.h"

/* The core keeps ten significant digits of a number; a spin button never
 * needs more decimals than that to show a stored value exactly. */
#define MAX_DIGITS 10

struct _TallyNumberEditor
{
  TallySettingEditor  parent_instance;

  GtkSpinButton      *spin;
  char               *key;
  TallySettingKind    kind;
  guint               base_digits;
  char               *pending_text;   /* a refused text kept on screen */
  double              pending_value;
  gboolean            updating;       /* the editor itself changes the spin button */
};

G_DEFINE_FINAL_TYPE (TallyNumberEditor, tally_number_editor, TALLY_TYPE_SETTING_EDITOR)

/* The decimals the spin button needs to show @value exactly. */
static guint
get_digits (TallyNumberEditor *self,
            const char        *value)
{
  const char *point = strchr (value, '.');
  guint decimals = 0;

  if (strpbrk (value, "eE") != NULL)
    return MAX_DIGITS;
  if (point != NULL)
    decimals = strspn (point + 1, "0123456789");

  return CLAMP (decimals, self->base_digits, MAX_DIGITS);
}

static char *
format_spin_value (GtkSpinButton *spin)
{
  char format[16];
  char buffer[G_ASCII_DTOSTR_BUF_SIZE];

  /* Always with a dot: that is how the core reads and writes numbers. */
  g_snprintf (format, sizeof format, "%%.%uf", gtk_spin_button_get_digits (spin));
  g_ascii_formatd (buffer, sizeof buffer, format, gtk_spin_button_get_value (spin));
  return g_strdup (buffer);
}

/* GTK reads the spin button's text here; the core says whether it is
 * allowed and why not. */
static int
spin_input_cb (GtkSpinButton     *spin,
               double            *new_value,
               TallyNumberEditor *self)
{
  TallySettingEditor *editor = TALLY_SETTING_EDITOR (self);
  g_autofree char *text = NULL;
  g_autofree char *normalized = NULL;
  g_autoptr(GError) error = NULL;

  *new_value = gtk_spin_button_get_value (spin);

  text = self->kind == TALLY_SETTING_INTEGER ?
    g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (spin)))) :
    _tally_setting_editor_fix_decimal_comma (gtk_editable_get_text (GTK_EDITABLE (spin)));

  /* An emptied spin button goes back to the number it showed. */
  if (text[0] == '\0')
    {
      g_clear_pointer (&self->pending_text, g_free);
      _tally_setting_editor_set_error (editor, NULL);
      *new_value = g_ascii_strtod (tally_setting_editor_get_value (editor), NULL);
      return TRUE;
    }

  normalized = tally_settings_normalize (self->key, text, &error);
  if (normalized == NULL)
    {
      g_free (self->pending_text);
      self->pending_text = g_steal_pointer (&text);
      self->pending_value = *new_value;
      _tally_setting_editor_set_error (editor, error->message);
      return TRUE;
    }

  g_clear_pointer (&self->pending_text, g_free);
  _tally_setting_editor_set_error (editor, NULL);
  self->updating = TRUE;
  gtk_spin_button_set_digits (spin, get_digits (self, normalized));
  self->updating = FALSE;
  *new_value = g_ascii_strtod (normalized, NULL);
  return TRUE;
}

static gboolean
spin_output_cb (GtkSpinButton     *spin,
                TallyNumberEditor *self)
{
  g_autofree char *text = NULL;

  text = self->pending_text != NULL ? g_strdup (self->pending_text) : format_spin_value (spin);
  if (g_strcmp0 (text, gtk_editable_get_text (GTK_EDITABLE (spin))) != 0)
    gtk_editable_set_text (GTK_EDITABLE (spin), text);

  return TRUE;
}

static void
spin_value_changed_cb (GtkSpinButton     *spin,
                       TallyNumberEditor *self)
{
  g_autofree char *text = NULL;

  if (self->updating)
    return;

  /* GTK emits this again while it puts a refused text back. */
  if (self->pending_text != NULL && gtk_spin_button_get_value (spin) == self->pending_value)
    return;

  if (self->pending_text != NULL)
    {
      g_clear_pointer (&self->pending_text, g_free);
      spin_output_cb (spin, self);
    }

  text = format_spin_value (spin);
  _tally_setting_editor_commit (TALLY_SETTING_EDITOR (self), text);
}

/* The wheel over a spin button that is not being edited scrolls the page:
 * scrolling down the settings must never change one of them. */
static gboolean
spin_scroll_cb (GtkEventControllerScroll *controller,
                double                    dx,
                double                    dy,
                TallyNumberEditor        *self)
{
  GtkWidget *spin = gtk_event_controller_get_widget (GTK_EVENT_CONTROLLER (controller));
  GtkRoot *root = gtk_widget_get_root (spin);
  GtkWidget *focus = root != NULL ? gtk_root_get_focus (root) : NULL;
  GtkWidget *scrolled;
  GtkAdjustment *adjustment;
  double delta = dy;

  if (focus != NULL && (focus == spin || gtk_widget_is_ancestor (focus, spin)))
    return GDK_EVENT_PROPAGATE;

  scrolled = gtk_widget_get_ancestor (spin, GTK_TYPE_SCROLLED_WINDOW);
  if (scrolled == NULL)
    return GDK_EVENT_PROPAGATE;

  adjustment = gtk_scrolled_window_get_vadjustment (GTK_SCROLLED_WINDOW (scrolled));
  /* The step GtkScrolledWindow takes for one notch of the wheel. */
  if (gtk_event_controller_scroll_get_unit (controller) == GDK_SCROLL_UNIT_WHEEL)
    delta *= pow (gtk_adjustment_get_page_size (adjustment), 2.0 / 3.0);
  gtk_adjustment_set_value (adjustment, gtk_adjustment_get_value (adjustment) + delta);

  return GDK_EVENT_STOP;
}

static void
create_spin (TallyNumberEditor      *self,
             const TallySettingSpec *spec)
{
  GtkAdjustment *adjustment;
  GtkEventController *scroll;
  double step = 1;
  double page = 10;

  switch (spec->kind)
    {
    case TALLY_SETTING_FRACTION:
      step = 0.01;
      page = 0.1;
      self->base_digits = 2;
      break;

    case TALLY_SETTING_NUMBER:
      step = 0.1;
      page = 1;
      self->base_digits = 1;
      break;

    case TALLY_SETTING_RATE:
      step = 0.01;
      page = 1;
      self->base_digits = 2;
      break;

    case TALLY_SETTING_INTEGER:
    default:
      self->base_digits = 0;
      break;
    }

  adjustment = gtk_adjustment_new (spec->min, spec->min, spec->max, step, page, 0);
  self->spin = GTK_SPIN_BUTTON (gtk_spin_button_new (adjustment, step, self->base_digits));
  gtk_editable_set_width_chars (GTK_EDITABLE (self->spin), spec->kind == TALLY_SETTING_RATE ? 10 : 6);
  gtk_editable_set_alignment (GTK_EDITABLE (self->spin), 1.0);

  g_signal_connect (self->spin, "input", G_CALLBACK (spin_input_cb), self);
  g_signal_connect (self->spin, "output", G_CALLBACK (spin_output_cb), self);
  g_signal_connect (self->spin, "value-changed", G_CALLBACK (spin_value_changed_cb), self);

  scroll = gtk_event_controller_scroll_new (GTK_EVENT_CONTROLLER_SCROLL_VERTICAL);
  gtk_event_controller_set_propagation_phase (scroll, GTK_PHASE_CAPTURE);
  g_signal_connect (scroll, "scroll", G_CALLBACK (spin_scroll_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self->spin), scroll);

  gtk_widget_set_parent (GTK_WIDGET (self->spin), GTK_WIDGET (self));
}

static void
tally_number_editor_show_value (TallySettingEditor *editor,
                                const char         *value)
{
  TallyNumberEditor *self = TALLY_NUMBER_EDITOR (editor);

  self->updating = TRUE;
  g_clear_pointer (&self->pending_text, g_free);
  gtk_spin_button_set_digits (self->spin, get_digits (self, value));
  gtk_spin_button_set_value (self->spin, g_ascii_strtod (value, NULL));
  self->updating = FALSE;
}

static void
tally_number_editor_finalize (GObject *object)
{
  TallyNumberEditor *self = TALLY_NUMBER_EDITOR (object);

  g_clear_pointer (&self->key, g_free);
  g_clear_pointer (&self->pending_text, g_free);

  G_OBJECT_CLASS (tally_number_editor_parent_class)->finalize (object);
}

static void
tally_number_editor_class_init (TallyNumberEditorClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  TallySettingEditorClass *editor_class = TALLY_SETTING_EDITOR_CLASS (klass);

  object_class->finalize = tally_number_editor_finalize;
  editor_class->show_value = tally_number_editor_show_value;
}

static void
tally_number_editor_init (TallyNumberEditor *self)
{
}

/**
 * tally_number_editor_new:
 * @key: a setting of kind integer, fraction, number or rate, or an
 *   `fx_fixed.` key
 *
 * Returns: (transfer floating): a spin button over the setting's range
 */
TallySettingEditor *
tally_number_editor_new (const char *key)
{
  const TallySettingSpec *spec = tally_settings_lookup (key);
  TallyNumberEditor *self;

  g_return_val_if_fail (spec != NULL, NULL);

  self = g_object_new (TALLY_TYPE_NUMBER_EDITOR, NULL);
  self->key = g_strdup (key);
  self->kind = spec->kind;
  create_spin (self, spec);
  return TALLY_SETTING_EDITOR (self);
}
