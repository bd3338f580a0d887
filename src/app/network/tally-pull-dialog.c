/* tally-pull-dialog.c: a pull from Meta or the ECB, with its progress
 *
 * Copyright 2026 The Tally authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Opening the dialog starts the pull (Meta: the project's account, from
 * its last pulled day minus 28 days to yesterday; the ECB: the project's
 * feed). The bar follows the pull's fraction, the label what it is doing;
 * Cancel stops it and nothing is written. When it ends the dialog says
 * what changed, or why nothing did, and Cancel becomes Close.
 */
#define G_LOG_DOMAIN "tally-pull-dialog"

#include "config.h"

#include <glib/gi18n.h>

#include "tally-pull-dialog.h"

#define POLL_MS 100

struct _TallyPullDialog
{
  GtkWindow       parent_instance;

  TallyProject   *project;
  TallyPullKind   kind;
  TallyPullJob   *job;
  GCancellable   *cancellable;
  guint           poll;
  gboolean        done;

  GtkLabel       *status_label;
  GtkProgressBar *progress_bar;
  GtkLabel       *summary_label;
  GtkButton      *close_button;
};

G_DEFINE_FINAL_TYPE (TallyPullDialog, tally_pull_dialog, GTK_TYPE_WINDOW)

static gboolean
poll_cb (gpointer data)
{
  TallyPullDialog *self = data;
  g_autofree char *status = tally_pull_job_dup_status (self->job);
  double fraction = tally_pull_job_get_fraction (self->job);
  g_autofree char *percent = g_strdup_printf (_("%.0f %%"), fraction * 100);

  gtk_progress_bar_set_fraction (self->progress_bar, fraction);
  gtk_progress_bar_set_text (self->progress_bar, percent);
  if (status != NULL)
    gtk_label_set_label (self->status_label, status);
  return G_SOURCE_CONTINUE;
}

static char *
describe (TallyPullDialog       *self,
          const TallyPullResult *result)
{
  g_autoptr(GString) text = g_string_new (NULL);

  if (self->kind == TALLY_PULL_META)
    g_string_append_printf (text, _("Pulled %s, %s to %s. "), result->account->id, result->from, result->to);
  if (result->import == NULL)
    g_string_append (text, _("Nothing new: the answer is the same as the last pull’s."));
  else
    g_string_append_printf (text, _("%" G_GUINT64_FORMAT " rows added, %" G_GUINT64_FORMAT " replaced (batch %" G_GINT64_FORMAT ")."),
                            result->import->rows_added, result->import->rows_replaced, result->import->batch_id);
  if (result->note != NULL)
    g_string_append_printf (text, " %s", result->note);
  return g_string_free (g_steal_pointer (&text), FALSE);
}

static void
run_done_cb (GObject      *object,
             GAsyncResult *res,
             gpointer      data)
{
  g_autoptr(TallyPullDialog) self = data;
  g_autoptr(GError) error = NULL;
  g_autofree char *summary = NULL;
  gboolean ok = tally_pull_job_run_finish (self->job, res, &error);

  g_clear_handle_id (&self->poll, g_source_remove);
  self->done = TRUE;
  gtk_button_set_label (self->close_button, _("_Close"));

  if (ok)
    {
      summary = describe (self, tally_pull_job_get_result (self->job));
      gtk_progress_bar_set_fraction (self->progress_bar, 1);
      gtk_progress_bar_set_text (self->progress_bar, _("Done"));
      gtk_label_set_label (self->status_label, _("Done."));
      tally_project_notify_data_changed (self->project);
    }
  else
    {
      summary = g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED)
        ? g_strdup (_("Cancelled: nothing was written.")) : g_strdup (error->message);
      gtk_label_set_label (self->status_label, _("Nothing was written."));
      gtk_widget_add_css_class (GTK_WIDGET (self->summary_label), "error");
    }
  gtk_label_set_label (self->summary_label, summary);
  gtk_widget_set_visible (GTK_WIDGET (self->summary_label), TRUE);
}

/* Cancel while it runs; Close once it is done. */
static void
close_action (GtkWidget  *widget,
              const char *action_name,
              GVariant   *parameter)
{
  TallyPullDialog *self = TALLY_PULL_DIALOG (widget);

  if (!self->done)
    {
      g_cancellable_cancel (self->cancellable);
      gtk_label_set_label (self->status_label, _("Cancelling…"));
      return;
    }
  gtk_window_destroy (GTK_WINDOW (self));
}

static gboolean
tally_pull_dialog_close_request (GtkWindow *window)
{
  TallyPullDialog *self = TALLY_PULL_DIALOG (window);

  if (self->done)
    return FALSE;
  g_cancellable_cancel (self->cancellable);
  return TRUE;
}

static void
tally_pull_dialog_dispose (GObject *object)
{
  TallyPullDialog *self = TALLY_PULL_DIALOG (object);

  g_clear_handle_id (&self->poll, g_source_remove);
  g_clear_object (&self->job);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->project);
  gtk_widget_dispose_template (GTK_WIDGET (self), TALLY_TYPE_PULL_DIALOG);

  G_OBJECT_CLASS (tally_pull_dialog_parent_class)->dispose (object);
}

static void
tally_pull_dialog_class_init (TallyPullDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = tally_pull_dialog_dispose;
  GTK_WINDOW_CLASS (klass)->close_request = tally_pull_dialog_close_request;

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PREFIX "/tally-pull-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, TallyPullDialog, status_label);
  gtk_widget_class_bind_template_child (widget_class, TallyPullDialog, progress_bar);
  gtk_widget_class_bind_template_child (widget_class, TallyPullDialog, summary_label);
  gtk_widget_class_bind_template_child (widget_class, TallyPullDialog, close_button);
  gtk_widget_class_install_action (widget_class, "pull.close", NULL, close_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "pull.close", NULL);
}

static void
tally_pull_dialog_init (TallyPullDialog *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  self->cancellable = g_cancellable_new ();
}

/**
 * tally_pull_dialog_new:
 * @kind: %TALLY_PULL_META or %TALLY_PULL_FX
 *
 * Returns: (transfer floating): the dialog, its pull started
 */
TallyPullDialog *
tally_pull_dialog_new (GtkWindow     *parent,
                       TallyProject  *project,
                       TallyPullKind  kind)
{
  TallyPullDialog *self = g_object_new (TALLY_TYPE_PULL_DIALOG, "transient-for", parent, NULL);
  TallyPullOptions options = { 0 };

  self->project = g_object_ref (project);
  self->kind = kind;
  gtk_window_set_title (GTK_WINDOW (self), kind == TALLY_PULL_META ? _("Pull from Meta") : _("Update Exchange Rates"));
  gtk_label_set_label (self->status_label, kind == TALLY_PULL_META ? _("Asking Meta for the ad account’s insights…")
                                                                   : _("Downloading the ECB’s reference rates…"));
  self->job = tally_pull_job_new (project, kind, &options);
  self->poll = g_timeout_add (POLL_MS, poll_cb, self);
  tally_pull_job_run_async (self->job, self->cancellable, run_done_cb, g_object_ref (self));
  return self;
}
