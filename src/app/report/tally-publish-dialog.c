/* tally-publish-dialog.c: publishing a period from the Report page
 *
 * Copyright 2026 The Tally authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The period (the report's range to begin with), what publishing it will
 * freeze and what stays live, the days with data from one source only as
 * warnings that do not stop it, and a note. Publishing goes through the
 * report model, as `tally-cli publish` goes through the same core.
 */
#define G_LOG_DOMAIN "tally-publish-dialog"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "tally-publish-dialog.h"
#include "tally-widget-util.h"

struct _TallyPublishDialog
{
  GtkWindow         parent_instance;

  TallyReportModel *model;
  gint32            from;
  gint32            to;
  gboolean          can_publish;

  GtkEntry         *from_entry;
  GtkEntry         *to_entry;
  GtkLabel         *summary_label;
  GtkListBox       *warnings_list;
  GtkEntry         *note_entry;
  GtkLabel         *error_label;
};

G_DEFINE_FINAL_TYPE (TallyPublishDialog, tally_publish_dialog, GTK_TYPE_WINDOW)

static gboolean
read_day (GtkEntry *entry,
          gint32   *day)
{
  const char *text = gtk_editable_get_text (GTK_EDITABLE (entry));
  gboolean ok = strlen (text) == 10 && tally_day_parse (text, day);

  if (ok)
    gtk_widget_remove_css_class (GTK_WIDGET (entry), "error");
  else
    gtk_widget_add_css_class (GTK_WIDGET (entry), "error");
  return ok;
}

static void
clear_warnings (TallyPublishDialog *self)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->warnings_list))) != NULL)
    gtk_list_box_remove (self->warnings_list, child);
}

/* What publishing the period in the entries would do. */
static void
update_plan (TallyPublishDialog *self)
{
  g_autoptr(TallyPublishPlan) plan = NULL;
  g_autofree char *summary = NULL;
  gboolean valid = read_day (self->from_entry, &self->from) & read_day (self->to_entry, &self->to);

  clear_warnings (self);
  self->can_publish = FALSE;
  if (!valid || self->from > self->to)
    {
      gtk_label_set_label (self->summary_label, !valid ? _("Write both days as YYYY-MM-DD, such as 2026-08-14.")
                                                       : _("The last day comes before the first: swap them."));
      gtk_widget_action_set_enabled (GTK_WIDGET (self), "publish.publish", FALSE);
      return;
    }

  plan = tally_report_model_plan_publication (self->model, self->from, self->to);
  if (plan == NULL)
    {
      gtk_label_set_label (self->summary_label, _("The report is still being computed; publish once it is shown."));
      gtk_widget_action_set_enabled (GTK_WIDGET (self), "publish.publish", FALSE);
      return;
    }

  summary = tally_publish_plan_describe (plan);
  gtk_label_set_label (self->summary_label, summary);
  for (guint i = 0; i < plan->warnings->len; i++)
    gtk_list_box_append (self->warnings_list, _tally_widget_list_label (g_ptr_array_index (plan->warnings, i)));
  if (plan->warnings->len == 0)
    gtk_list_box_append (self->warnings_list,
                         _tally_widget_list_label (_("Every day that freezes has data from both Meta and the CRM, or from neither.")));
  self->can_publish = TRUE;
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "publish.publish", TRUE);
}

static void
publish_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  TallyPublishDialog *self = TALLY_PUBLISH_DIALOG (widget);
  g_autofree char *note = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->note_entry))));
  g_autoptr(GError) error = NULL;

  update_plan (self);
  if (!self->can_publish)
    return;

  if (tally_report_model_publish (self->model, self->from, self->to, note, &error) == 0)
    {
      gtk_label_set_label (self->error_label, error->message);
      gtk_widget_set_visible (GTK_WIDGET (self->error_label), TRUE);
      return;
    }

  gtk_window_destroy (GTK_WINDOW (self));
}

static void
tally_publish_dialog_dispose (GObject *object)
{
  TallyPublishDialog *self = TALLY_PUBLISH_DIALOG (object);

  g_clear_object (&self->model);

  G_OBJECT_CLASS (tally_publish_dialog_parent_class)->dispose (object);
}

static void
tally_publish_dialog_class_init (TallyPublishDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = tally_publish_dialog_dispose;

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PREFIX "/tally-publish-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, TallyPublishDialog, from_entry);
  gtk_widget_class_bind_template_child (widget_class, TallyPublishDialog, to_entry);
  gtk_widget_class_bind_template_child (widget_class, TallyPublishDialog, summary_label);
  gtk_widget_class_bind_template_child (widget_class, TallyPublishDialog, warnings_list);
  gtk_widget_class_bind_template_child (widget_class, TallyPublishDialog, note_entry);
  gtk_widget_class_bind_template_child (widget_class, TallyPublishDialog, error_label);
  gtk_widget_class_install_action (widget_class, "publish.publish", NULL, publish_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
tally_publish_dialog_init (TallyPublishDialog *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  g_signal_connect_swapped (self->from_entry, "changed", G_CALLBACK (update_plan), self);
  g_signal_connect_swapped (self->to_entry, "changed", G_CALLBACK (update_plan), self);
}

/**
 * tally_publish_dialog_new:
 * @parent: (nullable): the window
 * @model: the report model, whose range the period starts from
 *
 * Returns: (transfer none): the dialog, to present
 */
TallyPublishDialog *
tally_publish_dialog_new (GtkWindow        *parent,
                          TallyReportModel *model)
{
  TallyPublishDialog *self = g_object_new (TALLY_TYPE_PUBLISH_DIALOG, "transient-for", parent, NULL);
  TallyReportSession *session = tally_report_model_get_session (model);
  TallyReport *report = session != NULL ? tally_report_session_get_report (session) : NULL;
  char from[11] = "", to[11] = "";

  self->model = g_object_ref (model);
  if (report != NULL && report->totals.n_days > 0)
    {
      tally_day_format (report->from, from);
      tally_day_format (report->to, to);
    }
  gtk_editable_set_text (GTK_EDITABLE (self->from_entry), from);
  gtk_editable_set_text (GTK_EDITABLE (self->to_entry), to);
  update_plan (self);
  gtk_widget_grab_focus (GTK_WIDGET (self->note_entry));
  return self;
}
