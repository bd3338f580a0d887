/* tally-mismatch-page.c: the Mismatch map page
 *
 * Copyright 2026 The Tally authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Every check of the mismatch map for the report's range, grouped by its
 * seven categories: a severity icon, what was measured, a plain sentence,
 * and what to do about it.
 */
#define G_LOG_DOMAIN "tally-mismatch-page"

#include "config.h"

#include <glib/gi18n.h>

#include "tally-mismatch-page.h"
#include "tally-widget-util.h"

struct _TallyMismatchPage
{
  GtkWidget         parent_instance;

  TallyReportModel *model;
  GPtrArray        *sections;     /* the widgets added under the summary */

  GtkBox           *categories_box;
  GtkLabel         *summary_label;
};

G_DEFINE_FINAL_TYPE (TallyMismatchPage, tally_mismatch_page, GTK_TYPE_WIDGET)

static const struct
{
  const char *icon;
  const char *name;
  const char *css;
} severities[] = {
  { "emblem-ok-symbolic", N_("OK"), "severity-ok" },
  { "dialog-information-symbolic", N_("Information"), "severity-info" },
  { "dialog-warning-symbolic", N_("Warning"), "severity-warning" },
  { "dialog-error-symbolic", N_("Error"), "severity-error" },
};

static GtkWidget *
wrapped_label (const char *text,
               const char *css_class)
{
  GtkWidget *label = _tally_widget_wrapped_label (text, css_class);

  gtk_label_set_selectable (GTK_LABEL (label), TRUE);
  return label;
}

static GtkWidget *
check_row (TallyMismatchPage *self,
           TallyDiagnostic   *d,
           TallyReport       *report)
{
  g_autofree char *values = tally_diagnostic_describe_values (d, tally_report_get_currency (report),
                                                              tally_report_get_decimals (report));
  GtkWidget *row = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  GtkWidget *text = gtk_box_new (GTK_ORIENTATION_VERTICAL, 3);
  GtkWidget *icon = gtk_image_new_from_icon_name (severities[d->severity].icon);
  GtkWidget *title = wrapped_label (tally_diagnostic_title (d->id), "heading");
  g_autofree char *spoken = g_strdup_printf ("%s: %s", _(severities[d->severity].name), tally_diagnostic_title (d->id));

  gtk_widget_add_css_class (row, "check-row");
  gtk_widget_add_css_class (icon, severities[d->severity].css);
  gtk_widget_set_valign (icon, GTK_ALIGN_START);
  gtk_accessible_update_property (GTK_ACCESSIBLE (icon), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _(severities[d->severity].name), -1);
  gtk_widget_set_tooltip_text (icon, _(severities[d->severity].name));
  gtk_accessible_update_property (GTK_ACCESSIBLE (title), GTK_ACCESSIBLE_PROPERTY_LABEL, spoken, -1);

  gtk_box_append (GTK_BOX (text), title);
  gtk_box_append (GTK_BOX (text), wrapped_label (d->message, NULL));
  if (values[0] != '\0')
    gtk_box_append (GTK_BOX (text), wrapped_label (values, "caption"));
  if (d->severity >= TALLY_SEVERITY_WARNING)
    {
      /* Translators: the advice under a warning of the mismatch map */
      g_autofree char *advice = g_strdup_printf (_("What to do: %s"), d->action);

      gtk_box_append (GTK_BOX (text), wrapped_label (advice, "advice"));
    }
  gtk_widget_set_hexpand (text, TRUE);
  gtk_widget_set_tooltip_text (title, d->id);

  gtk_box_append (GTK_BOX (row), icon);
  gtk_box_append (GTK_BOX (row), text);
  return row;
}

static void
clear_sections (TallyMismatchPage *self)
{
  for (guint i = 0; i < self->sections->len; i++)
    gtk_box_remove (self->categories_box, g_ptr_array_index (self->sections, i));
  g_ptr_array_set_size (self->sections, 0);
}

static void
show_run (TallyMismatchPage *self)
{
  TallyReportSession *session = tally_report_model_get_session (self->model);
  TallyReport *report = session != NULL ? tally_report_session_get_report (session) : NULL;
  const char * const *categories = tally_diagnostic_categories ();
  guint counts[G_N_ELEMENTS (severities)] = { 0 };
  GPtrArray *diagnostics;
  char from[11], to[11];

  clear_sections (self);
  if (report == NULL)
    {
      const char *error = tally_report_model_get_error (self->model);

      gtk_label_set_label (self->summary_label, error != NULL ? error : "");
      return;
    }

  diagnostics = tally_report_session_get_diagnostics (session);
  for (guint c = 0; categories[c] != NULL; c++)
    {
      GtkWidget *heading = gtk_label_new (tally_diagnostic_category_title (categories[c]));
      GtkWidget *list = gtk_list_box_new ();

      gtk_label_set_xalign (GTK_LABEL (heading), 0);
      gtk_widget_add_css_class (heading, "title-4");
      gtk_widget_set_margin_top (heading, 12);
      gtk_list_box_set_selection_mode (GTK_LIST_BOX (list), GTK_SELECTION_NONE);
      gtk_widget_add_css_class (list, "boxed-list");
      gtk_accessible_update_property (GTK_ACCESSIBLE (list), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                      tally_diagnostic_category_title (categories[c]), -1);

      for (guint i = 0; i < diagnostics->len; i++)
        {
          TallyDiagnostic *d = g_ptr_array_index (diagnostics, i);

          if (!g_str_equal (d->category, categories[c]))
            continue;
          counts[d->severity]++;
          gtk_list_box_append (GTK_LIST_BOX (list), check_row (self, d, report));
        }

      gtk_box_append (self->categories_box, heading);
      gtk_box_append (self->categories_box, list);
      g_ptr_array_add (self->sections, heading);
      g_ptr_array_add (self->sections, list);
    }

  {
    g_autofree char *summary = NULL;

    tally_day_format (report->from, from);
    tally_day_format (report->to, to);
    /* Translators: the line above the mismatch map */
    summary = g_strdup_printf (_("From %s to %s: %u errors, %u warnings, %u notes, %u checks without findings."),
                               from, to, counts[TALLY_SEVERITY_ERROR], counts[TALLY_SEVERITY_WARNING],
                               counts[TALLY_SEVERITY_INFO], counts[TALLY_SEVERITY_OK]);
    gtk_label_set_label (self->summary_label, summary);
  }
}

void
tally_mismatch_page_set_model (TallyMismatchPage *self,
                               TallyReportModel  *model)
{
  g_return_if_fail (TALLY_IS_MISMATCH_PAGE (self));

  if (self->model != NULL)
    g_signal_handlers_disconnect_by_data (self->model, self);
  g_set_object (&self->model, model);
  if (model == NULL)
    return;

  g_signal_connect_object (model, "changed", G_CALLBACK (show_run), self, G_CONNECT_SWAPPED);
  show_run (self);
}

static void
tally_mismatch_page_dispose (GObject *object)
{
  TallyMismatchPage *self = TALLY_MISMATCH_PAGE (object);

  if (self->model != NULL)
    g_signal_handlers_disconnect_by_data (self->model, self);
  g_clear_object (&self->model);
  g_clear_pointer (&self->sections, g_ptr_array_unref);
  gtk_widget_dispose_template (GTK_WIDGET (self), TALLY_TYPE_MISMATCH_PAGE);
  _tally_widget_unparent_children (GTK_WIDGET (self));

  G_OBJECT_CLASS (tally_mismatch_page_parent_class)->dispose (object);
}

static void
tally_mismatch_page_class_init (TallyMismatchPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = tally_mismatch_page_dispose;

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PREFIX "/tally-mismatch-page.ui");
  gtk_widget_class_bind_template_child (widget_class, TallyMismatchPage, categories_box);
  gtk_widget_class_bind_template_child (widget_class, TallyMismatchPage, summary_label);
}

static void
tally_mismatch_page_init (TallyMismatchPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  self->sections = g_ptr_array_new ();
}
