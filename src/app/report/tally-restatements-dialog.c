/* tally-restatements-dialog.c: published days with new numbers, to accept
 *
 * Copyright 2026 The Tally authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * SPEC section 8: a later import does not change a published day; it waits
 * here, with its numbers as published and as the data has them now, until
 * someone accepts it, saying why. The restatements are written on a worker
 * thread through a connection of its own, and logged with who, when, why.
 */
#define G_LOG_DOMAIN "tally-restatements-dialog"

#include "config.h"

#include <glib/gi18n.h>

#include "tally-restatements-dialog.h"
#include "tally-widget-util.h"

struct _TallyRestatementsDialog
{
  GtkWindow         parent_instance;

  TallyReportModel *model;
  GArray           *days;          /* gint32: the pending days shown */
  GCancellable     *cancellable;
  gboolean          running;

  GtkListBox       *days_list;
  GtkEntry         *why_entry;
  GtkButton        *restate_button;
  GtkLabel         *error_label;
};

G_DEFINE_FINAL_TYPE (TallyRestatementsDialog, tally_restatements_dialog, GTK_TYPE_WINDOW)

static void
update_actions (TallyRestatementsDialog *self)
{
  const char *why = gtk_editable_get_text (GTK_EDITABLE (self->why_entry));
  g_autofree char *stripped = g_strstrip (g_strdup (why));

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "restatements.accept",
                                 !self->running && stripped[0] != '\0' && self->days->len > 0);
}

/* "2026-03-03: CRM revenue 0.00 → 40.00 (+40.00) · New customers 0 → 1 (+1)" */
static char *
describe (TallyReport            *report,
          const TallyRestatement *r)
{
  guint decimals = tally_report_get_decimals (report);
  TallyFormatFlags flags = TALLY_FORMAT_GROUPED | TALLY_FORMAT_UNICODE_MINUS;
  g_autoptr(GString) text = g_string_new (NULL);
  char day[11];

  tally_day_format (r->day, day);
  g_string_append_printf (text, "%s: ", day);
  for (guint i = 0; i < r->changes->len; i++)
    {
      const TallyMetricChange *c = &g_array_index (r->changes, TallyMetricChange, i);
      guint places = c->money ? decimals : 0;
      g_autofree char *published = tally_format_amount (c->published, places, flags);
      g_autofree char *live = tally_format_amount (c->live, places, flags);
      g_autofree char *difference = tally_format_amount (c->live - c->published, places, flags);

      /* Translators: one number of a published day: its name, published → live (difference) */
      g_string_append_printf (text, _("%s%s %s → %s (%s%s)"), i > 0 ? " · " : "", tally_metric_change_label (c),
                              published, live, c->live > c->published ? "+" : "", difference);
    }
  if (r->changes->len == 0)
    g_string_append (text, _("the totals are the same; the numbers moved between campaigns"));
  if (r->changed_rules != NULL)
    g_string_append_printf (text, _(" (frozen under other values of: %s)"), r->changed_rules);
  return g_string_free (g_steal_pointer (&text), FALSE);
}

static void
fill (TallyRestatementsDialog *self)
{
  TallyReportSession *session = tally_report_model_get_session (self->model);
  GPtrArray *pending;
  g_autofree char *label = NULL;

  g_array_set_size (self->days, 0);
  if (session == NULL)
    return;

  pending = tally_report_session_get_view (session)->pending;
  for (guint i = 0; i < pending->len; i++)
    {
      const TallyRestatement *r = g_ptr_array_index (pending, i);
      g_autofree char *text = describe (tally_report_session_get_report (session), r);

      gtk_list_box_append (self->days_list, _tally_widget_list_label (text));
      g_array_append_val (self->days, r->day);
    }

  label = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "_Restate %u Day", "_Restate %u Days", self->days->len),
                           self->days->len);
  gtk_button_set_label (self->restate_button, label);
  update_actions (self);
}

static void
restate_done_cb (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(TallyRestatementsDialog) self = user_data;
  g_autoptr(GError) error = NULL;

  self->running = FALSE;
  if (self->days == NULL)
    return;

  if (!tally_freeze_restate_finish (TALLY_PROJECT (object), result, &error))
    {
      gtk_label_set_label (self->error_label, error->message);
      gtk_widget_set_visible (GTK_WIDGET (self->error_label), TRUE);
      update_actions (self);
      return;
    }

  tally_report_model_refresh (self->model);
  gtk_window_destroy (GTK_WINDOW (self));
}

static void
accept_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  TallyRestatementsDialog *self = TALLY_RESTATEMENTS_DIALOG (widget);
  TallyProject *project = tally_report_model_get_project (self->model);
  g_autofree char *why = NULL;

  if (project == NULL)
    return;

  why = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->why_entry))));
  self->running = TRUE;
  update_actions (self);
  tally_freeze_restate_async (project, self->days, why, self->cancellable,
                              restate_done_cb, g_object_ref (self));
}

static void
tally_restatements_dialog_dispose (GObject *object)
{
  TallyRestatementsDialog *self = TALLY_RESTATEMENTS_DIALOG (object);

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->model);
  g_clear_pointer (&self->days, g_array_unref);
  /* GtkWindow itself drops its child and titlebar: unparenting them here
   * as well would leave it a dangling pointer. */

  G_OBJECT_CLASS (tally_restatements_dialog_parent_class)->dispose (object);
}

static void
tally_restatements_dialog_finalize (GObject *object)
{
  g_clear_object (&TALLY_RESTATEMENTS_DIALOG (object)->cancellable);
  G_OBJECT_CLASS (tally_restatements_dialog_parent_class)->finalize (object);
}

static void
tally_restatements_dialog_class_init (TallyRestatementsDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = tally_restatements_dialog_dispose;
  object_class->finalize = tally_restatements_dialog_finalize;

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PREFIX "/tally-restatements-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, TallyRestatementsDialog, days_list);
  gtk_widget_class_bind_template_child (widget_class, TallyRestatementsDialog, why_entry);
  gtk_widget_class_bind_template_child (widget_class, TallyRestatementsDialog, restate_button);
  gtk_widget_class_bind_template_child (widget_class, TallyRestatementsDialog, error_label);
  gtk_widget_class_install_action (widget_class, "restatements.accept", NULL, accept_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
tally_restatements_dialog_init (TallyRestatementsDialog *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  self->days = g_array_new (FALSE, FALSE, sizeof (gint32));
  self->cancellable = g_cancellable_new ();
  g_signal_connect_swapped (self->why_entry, "changed", G_CALLBACK (update_actions), self);
}

TallyRestatementsDialog *
tally_restatements_dialog_new (GtkWindow        *parent,
                               TallyReportModel *model)
{
  TallyRestatementsDialog *self = g_object_new (TALLY_TYPE_RESTATEMENTS_DIALOG, "transient-for", parent, NULL);

  self->model = g_object_ref (model);
  fill (self);
  return self;
}
