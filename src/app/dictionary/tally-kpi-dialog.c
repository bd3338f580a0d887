/* tally-kpi-dialog.c: adds or edits one KPI of the dictionary
 *
 * Copyright 2026 The Tally authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The dialog writes the KPI itself, through tally_dictionary_add() or
 * tally_dictionary_update(), so that the rules of the dictionary (required
 * fields, known ids in formulas, no cycles, a core KPI's fixed formula)
 * live in one place: the core. When the core refuses, its sentence is
 * shown here and the dialog stays open. After a save the dialog emits
 * TallyKpiDialog::saved with the KPI as it was and as it is now, which is
 * what the Dictionary page needs to undo the change.
 */
#define G_LOG_DOMAIN "tally-kpi-dialog"

#include "config.h"

#include <glib/gi18n.h>

#include "tally-dictionary.h"
#include "tally-kpi-dialog.h"

/* A new custom KPI is most often arithmetic over other KPIs. */
#define DEFAULT_SOURCE "derived"
#define DEFAULT_UNIT   "ratio"

struct _TallyKpiDialog
{
  GtkWindow     parent_instance;

  TallyProject *project;
  TallyKpi     *original;          /* NULL while adding a KPI */
  gboolean      core;

  GtkLabel     *intro_label;
  GtkEntry     *name_entry;
  GtkTextView  *definition_view;
  GtkEntry     *formula_entry;
  GtkLabel     *formula_note;
  GtkDropDown  *source_drop;
  GtkEntry     *source_note_entry;
  GtkEntry     *grain_entry;
  GtkEntry     *join_keys_entry;
  GtkDropDown  *unit_drop;
  GtkLabel     *error_label;
  GtkWidget    *cancel_button;
  GtkWidget    *save_button;
};

G_DEFINE_FINAL_TYPE (TallyKpiDialog, tally_kpi_dialog, GTK_TYPE_WINDOW)

enum { SAVED, N_SIGNALS };
static guint signals[N_SIGNALS];

typedef const char *(*KpiGetter) (TallyKpi *kpi);

/* Every text field of a KPI but its id. */
static const KpiGetter getters[] = {
  tally_kpi_get_name, tally_kpi_get_definition, tally_kpi_get_formula, tally_kpi_get_source,
  tally_kpi_get_source_note, tally_kpi_get_grain, tally_kpi_get_join_keys, tally_kpi_get_unit,
};

static gboolean
same_fields (TallyKpi *a,
             TallyKpi *b)
{
  for (guint i = 0; i < G_N_ELEMENTS (getters); i++)
    if (g_strcmp0 (getters[i] (a), getters[i] (b)) != 0)
      return FALSE;

  return TRUE;
}

/* Showing a KPI ---------------------------------------------------------------- */

/* Fills @drop with the allowed @values and selects @value. A stored value
 * outside them is kept as one more choice, so that opening and saving a
 * KPI never changes what the dialog did not show. */
static void
set_choices (GtkDropDown        *drop,
             const char * const *values,
             const char         *value)
{
  g_autoptr(GtkStringList) list = gtk_string_list_new (values);
  guint selected = GTK_INVALID_LIST_POSITION;

  for (guint i = 0; values[i] != NULL; i++)
    if (g_strcmp0 (values[i], value) == 0)
      selected = i;

  if (selected == GTK_INVALID_LIST_POSITION && value != NULL && value[0] != '\0')
    {
      gtk_string_list_append (list, value);
      selected = g_list_model_get_n_items (G_LIST_MODEL (list)) - 1;
    }

  gtk_drop_down_set_model (drop, G_LIST_MODEL (list));
  gtk_drop_down_set_selected (drop, selected == GTK_INVALID_LIST_POSITION ? 0 : selected);
}

static const char *
get_choice (GtkDropDown *drop)
{
  GtkStringObject *item = gtk_drop_down_get_selected_item (drop);

  return item != NULL ? gtk_string_object_get_string (item) : "";
}

static void
set_entry_text (GtkEntry   *entry,
                const char *text)
{
  gtk_editable_set_text (GTK_EDITABLE (entry), text);
}

static void
set_intro (TallyKpiDialog *self,
           TallyKpi       *kpi)
{
  g_autofree char *intro = NULL;

  if (self->original == NULL)
    intro = g_strdup (_("A custom KPI is arithmetic over other KPIs, named by their ids. "
                        "Tally makes its own id from its name."));
  else if (self->core)
    /* Translators: %s is a KPI id such as crm_cac */
    intro = g_strdup_printf (_("Core KPI “%s”. Tally computes it, so its formula, source and unit stay; "
                               "its wording, source note, grain and join keys are yours to adapt."),
                             tally_kpi_get_id (kpi));
  else
    /* Translators: %s is a KPI id such as margin_after_ads */
    intro = g_strdup_printf (_("Custom KPI “%s”. Other formulas name it by this id."),
                             tally_kpi_get_id (kpi));

  gtk_label_set_label (self->intro_label, intro);
}

static void
show_kpi (TallyKpiDialog *self,
          TallyKpi       *kpi)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (self->definition_view);

  set_intro (self, kpi);
  set_entry_text (self->name_entry, tally_kpi_get_name (kpi));
  set_entry_text (self->formula_entry, tally_kpi_get_formula (kpi));
  set_entry_text (self->source_note_entry, tally_kpi_get_source_note (kpi));
  set_entry_text (self->grain_entry, tally_kpi_get_grain (kpi));
  set_entry_text (self->join_keys_entry, tally_kpi_get_join_keys (kpi));
  set_choices (self->source_drop, tally_dictionary_get_sources (), tally_kpi_get_source (kpi));
  set_choices (self->unit_drop, tally_dictionary_get_units (), tally_kpi_get_unit (kpi));

  /* The text as it was is not a step Ctrl+Z should take back. */
  gtk_text_buffer_begin_irreversible_action (buffer);
  gtk_text_buffer_set_text (buffer, tally_kpi_get_definition (kpi), -1);
  gtk_text_buffer_end_irreversible_action (buffer);

  /* What Tally computes is shown, not offered. */
  gtk_widget_set_sensitive (GTK_WIDGET (self->formula_entry), !self->core);
  gtk_widget_set_sensitive (GTK_WIDGET (self->source_drop), !self->core);
  gtk_widget_set_sensitive (GTK_WIDGET (self->unit_drop), !self->core);
  gtk_label_set_label (self->formula_note,
                       self->core ? _("Core KPIs keep Tally’s formula.")
                                  : _("KPI ids, numbers, + - * / and parentheses, "
                                      "such as (revenue_net - spend) / spend."));

  gtk_window_set_title (GTK_WINDOW (self), self->original == NULL ? _("Add KPI") : _("Edit KPI"));
}

/* Saving ---------------------------------------------------------------------- */

static char *
get_entry_text (GtkEntry *entry)
{
  return g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (entry))));
}

static char *
get_definition (TallyKpiDialog *self)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (self->definition_view);
  GtkTextIter start, end;

  gtk_text_buffer_get_bounds (buffer, &start, &end);
  return g_strstrip (gtk_text_buffer_get_text (buffer, &start, &end, FALSE));
}

/* The KPI as the fields have it: a copy of the original with the edits, or
 * a new custom KPI with an empty id for the core to fill in. */
static TallyKpi *
read_kpi (TallyKpiDialog *self)
{
  TallyKpi *kpi = self->original != NULL ? tally_kpi_copy (self->original) : tally_kpi_new ();
  g_autofree char *name = get_entry_text (self->name_entry);
  g_autofree char *definition = get_definition (self);
  g_autofree char *source_note = get_entry_text (self->source_note_entry);
  g_autofree char *grain = get_entry_text (self->grain_entry);
  g_autofree char *join_keys = get_entry_text (self->join_keys_entry);

  tally_kpi_set_name (kpi, name);
  tally_kpi_set_definition (kpi, definition);
  tally_kpi_set_source_note (kpi, source_note);
  tally_kpi_set_grain (kpi, grain);
  tally_kpi_set_join_keys (kpi, join_keys);

  /* A core KPI's formula, source and unit are the stored ones, whatever
   * the insensitive fields hold. */
  if (!self->core)
    {
      g_autofree char *formula = get_entry_text (self->formula_entry);

      tally_kpi_set_formula (kpi, formula);
      tally_kpi_set_source (kpi, get_choice (self->source_drop));
      tally_kpi_set_unit (kpi, get_choice (self->unit_drop));
    }

  return kpi;
}

static void
show_error (TallyKpiDialog *self,
            const char     *message)
{
  gtk_label_set_label (self->error_label, message);
  gtk_widget_set_visible (GTK_WIDGET (self->error_label), TRUE);
}

static void
save_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  TallyKpiDialog *self = TALLY_KPI_DIALOG (widget);
  g_autoptr(TallyKpi) kpi = read_kpi (self);
  g_autoptr(GError) error = NULL;
  gboolean saved;

  /* Nothing changed: nothing to write, and nothing to undo. */
  if (self->original != NULL && same_fields (self->original, kpi))
    {
      gtk_window_destroy (GTK_WINDOW (self));
      return;
    }

  if (self->original == NULL)
    saved = tally_dictionary_add (self->project, kpi, &error);
  else
    saved = tally_dictionary_update (self->project, kpi, &error);

  if (!saved)
    {
      show_error (self, error->message);
      return;
    }

  g_signal_emit (self, signals[SAVED], 0, self->original, kpi);
  gtk_window_destroy (GTK_WINDOW (self));
}

/* Accessible names ---------------------------------------------------------- */

/* GTK 4.8 reads a widget's name as its label property followed by the
 * labels that point at it, so a field whose mnemonic label is “_Name”
 * would be called “Name Name”, and a “_Save” button “_Save Save”. Each
 * keeps one name, its title; mnemonics work without the relation. */
static void
set_accessible_name (GtkWidget  *widget,
                     const char *name)
{
  gtk_accessible_reset_relation (GTK_ACCESSIBLE (widget), GTK_ACCESSIBLE_RELATION_LABELLED_BY);
  gtk_accessible_update_property (GTK_ACCESSIBLE (widget), GTK_ACCESSIBLE_PROPERTY_LABEL, name, -1);
}

static void
set_accessible_names (TallyKpiDialog *self)
{
  set_accessible_name (GTK_WIDGET (self->name_entry), _("Name"));
  set_accessible_name (GTK_WIDGET (self->definition_view), _("Definition"));
  set_accessible_name (GTK_WIDGET (self->formula_entry), _("Formula"));
  set_accessible_name (GTK_WIDGET (self->source_drop), _("Source"));
  set_accessible_name (GTK_WIDGET (self->source_note_entry), _("Source note"));
  set_accessible_name (GTK_WIDGET (self->grain_entry), _("Grain"));
  set_accessible_name (GTK_WIDGET (self->join_keys_entry), _("Join keys"));
  set_accessible_name (GTK_WIDGET (self->unit_drop), _("Unit"));
  set_accessible_name (self->cancel_button, _("Cancel"));
  set_accessible_name (self->save_button, _("Save"));
}

/* GObject --------------------------------------------------------------------- */

static void
tally_kpi_dialog_dispose (GObject *object)
{
  TallyKpiDialog *self = TALLY_KPI_DIALOG (object);

  g_clear_object (&self->project);
  g_clear_object (&self->original);
  gtk_widget_dispose_template (GTK_WIDGET (self), TALLY_TYPE_KPI_DIALOG);

  G_OBJECT_CLASS (tally_kpi_dialog_parent_class)->dispose (object);
}

static void
tally_kpi_dialog_class_init (TallyKpiDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = tally_kpi_dialog_dispose;

  /**
   * TallyKpiDialog::saved:
   * @self: the dialog
   * @before: (nullable): the KPI as it was, or %NULL for an added one
   * @after: the KPI as it was saved, with its id
   */
  signals[SAVED] =
    g_signal_new ("saved",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 2, TALLY_TYPE_KPI, TALLY_TYPE_KPI);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PREFIX "/tally-kpi-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, TallyKpiDialog, intro_label);
  gtk_widget_class_bind_template_child (widget_class, TallyKpiDialog, name_entry);
  gtk_widget_class_bind_template_child (widget_class, TallyKpiDialog, definition_view);
  gtk_widget_class_bind_template_child (widget_class, TallyKpiDialog, formula_entry);
  gtk_widget_class_bind_template_child (widget_class, TallyKpiDialog, formula_note);
  gtk_widget_class_bind_template_child (widget_class, TallyKpiDialog, source_drop);
  gtk_widget_class_bind_template_child (widget_class, TallyKpiDialog, source_note_entry);
  gtk_widget_class_bind_template_child (widget_class, TallyKpiDialog, grain_entry);
  gtk_widget_class_bind_template_child (widget_class, TallyKpiDialog, join_keys_entry);
  gtk_widget_class_bind_template_child (widget_class, TallyKpiDialog, unit_drop);
  gtk_widget_class_bind_template_child (widget_class, TallyKpiDialog, error_label);
  gtk_widget_class_bind_template_child (widget_class, TallyKpiDialog, cancel_button);
  gtk_widget_class_bind_template_child (widget_class, TallyKpiDialog, save_button);

  gtk_widget_class_install_action (widget_class, "kpi.save", NULL, save_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_s, GDK_CONTROL_MASK, "kpi.save", NULL);
}

static void
tally_kpi_dialog_init (TallyKpiDialog *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  set_accessible_names (self);
}

/**
 * tally_kpi_dialog_new:
 * @parent: (nullable): the window the dialog belongs to
 * @project: the project whose dictionary is edited
 * @kpi: (nullable): the KPI to edit, or %NULL to add a custom KPI
 *
 * Returns: (transfer none): a new modal dialog, not yet shown
 */
TallyKpiDialog *
tally_kpi_dialog_new (GtkWindow    *parent,
                      TallyProject *project,
                      TallyKpi     *kpi)
{
  TallyKpiDialog *self;
  g_autoptr(TallyKpi) shown = NULL;

  g_return_val_if_fail (parent == NULL || GTK_IS_WINDOW (parent), NULL);
  g_return_val_if_fail (TALLY_IS_PROJECT (project), NULL);
  g_return_val_if_fail (kpi == NULL || TALLY_IS_KPI (kpi), NULL);

  self = g_object_new (TALLY_TYPE_KPI_DIALOG, "transient-for", parent, NULL);
  self->project = g_object_ref (project);

  if (kpi != NULL)
    {
      self->original = tally_kpi_copy (kpi);
      self->core = tally_kpi_get_core (kpi);
      shown = g_object_ref (self->original);
    }
  else
    {
      shown = tally_kpi_new ();
      tally_kpi_set_source (shown, DEFAULT_SOURCE);
      tally_kpi_set_unit (shown, DEFAULT_UNIT);
    }

  show_kpi (self, shown);
  gtk_window_set_focus (GTK_WINDOW (self), GTK_WIDGET (self->name_entry));
  return self;
}
