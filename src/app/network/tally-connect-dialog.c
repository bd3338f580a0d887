/* tally-connect-dialog.c: a Meta token, and the project's ad account
 *
 * Copyright 2026 The Tally authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The person pastes a token and asks for the accounts it sees (on a
 * worker thread, through the project's network settings); choosing one
 * and Connect keeps the token in the keyring and the account in the
 * project (`meta_account_id`), so that Pull from Meta is one click.
 */
#define G_LOG_DOMAIN "tally-connect-dialog"

#include "config.h"

#include <glib/gi18n.h>

#include "tally-connect-dialog.h"

struct _TallyConnectDialog
{
  GtkWindow     parent_instance;

  TallyProject *project;
  TallyPullJob *job;
  GCancellable *cancellable;
  GPtrArray    *accounts;   /* TallyMetaAccount, by row */

  GtkPasswordEntry *token_entry;
  GtkButton        *accounts_button;
  GtkButton        *connect_button;
  GtkLabel         *message_label;
  GtkListBox       *accounts_list;
};

G_DEFINE_FINAL_TYPE (TallyConnectDialog, tally_connect_dialog, GTK_TYPE_WINDOW)

static void
show_message (TallyConnectDialog *self,
              const char         *message,
              gboolean            is_error)
{
  gtk_label_set_label (self->message_label, message);
  gtk_widget_set_visible (GTK_WIDGET (self->message_label), message != NULL);
  if (is_error)
    gtk_widget_add_css_class (GTK_WIDGET (self->message_label), "error");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self->message_label), "error");
}

static GtkWidget *
account_row (const TallyMetaAccount *account)
{
  g_autofree char *text = g_strdup_printf ("%s — %s (%s, %s)", account->name != NULL ? account->name : _("Unnamed account"),
                                           account->id, account->currency != NULL ? account->currency : "?",
                                           account->timezone != NULL ? account->timezone : "?");
  GtkWidget *label = gtk_label_new (text);

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_widget_set_margin_start (label, 12);
  gtk_widget_set_margin_end (label, 12);
  gtk_widget_set_margin_top (label, 8);
  gtk_widget_set_margin_bottom (label, 8);
  return label;
}

static void
accounts_done_cb (GObject      *object,
                  GAsyncResult *result,
                  gpointer      data)
{
  g_autoptr(TallyConnectDialog) self = data;
  g_autoptr(GError) error = NULL;
  GPtrArray *accounts;

  gtk_widget_set_sensitive (GTK_WIDGET (self->accounts_button), TRUE);
  if (!tally_pull_job_run_finish (TALLY_PULL_JOB (object), result, &error))
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        show_message (self, error->message, TRUE);
      return;
    }

  accounts = tally_pull_job_get_accounts (TALLY_PULL_JOB (object));
  g_clear_pointer (&self->accounts, g_ptr_array_unref);
  self->accounts = g_ptr_array_ref (accounts);
  for (guint i = 0; i < accounts->len; i++)
    gtk_list_box_append (self->accounts_list, account_row (accounts->pdata[i]));
  if (accounts->len == 0)
    show_message (self, _("The token sees no ad accounts; check that it has the ads_read permission."), TRUE);
  else
    {
      show_message (self, _("Choose the client’s ad account, then Connect."), FALSE);
      gtk_list_box_select_row (self->accounts_list, gtk_list_box_get_row_at_index (self->accounts_list, 0));
    }
}

static void
accounts_action (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *parameter)
{
  TallyConnectDialog *self = TALLY_CONNECT_DIALOG (widget);
  TallyPullOptions options = { gtk_editable_get_text (GTK_EDITABLE (self->token_entry)) };
  GtkWidget *child;

  if (options.token[0] == '\0')
    {
      show_message (self, _("Paste the access token first."), TRUE);
      return;
    }
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->accounts_list))) != NULL)
    gtk_list_box_remove (self->accounts_list, child);
  g_clear_pointer (&self->accounts, g_ptr_array_unref);
  gtk_widget_set_sensitive (GTK_WIDGET (self->connect_button), FALSE);
  gtk_widget_set_sensitive (GTK_WIDGET (self->accounts_button), FALSE);
  show_message (self, _("Asking Meta which ad accounts the token sees…"), FALSE);

  g_clear_object (&self->job);
  self->job = tally_pull_job_new (self->project, TALLY_PULL_ACCOUNTS, &options);
  tally_pull_job_run_async (self->job, self->cancellable, accounts_done_cb, g_object_ref (self));
}

static void
stored_cb (GObject      *object,
           GAsyncResult *result,
           gpointer      data)
{
  g_autoptr(TallyConnectDialog) self = data;
  g_autoptr(GError) error = NULL;
  GtkListBoxRow *row = gtk_list_box_get_selected_row (self->accounts_list);
  const TallyMetaAccount *account;

  gtk_widget_set_sensitive (GTK_WIDGET (self->connect_button), TRUE);
  if (!tally_token_store_finish (result, &error))
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        show_message (self, error->message, TRUE);
      return;
    }
  if (row == NULL || self->accounts == NULL)
    return;
  account = self->accounts->pdata[gtk_list_box_row_get_index (row)];
  if (!tally_setting_save (self->project, "meta_account_id", account->id, &error))
    {
      show_message (self, error->message, TRUE);
      return;
    }
  gtk_window_destroy (GTK_WINDOW (self));
}

/* Keeps the token in the keyring (which may ask to be unlocked), then the
 * account in the project. */
static void
connect_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  TallyConnectDialog *self = TALLY_CONNECT_DIALOG (widget);

  if (gtk_list_box_get_selected_row (self->accounts_list) == NULL || self->accounts == NULL)
    return;
  gtk_widget_set_sensitive (GTK_WIDGET (self->connect_button), FALSE);
  show_message (self, _("Keeping the token in the keyring…"), FALSE);
  tally_token_store_async (gtk_editable_get_text (GTK_EDITABLE (self->token_entry)), self->cancellable,
                           stored_cb, g_object_ref (self));
}

static void
row_selected_cb (GtkListBox         *box,
                 GtkListBoxRow      *row,
                 TallyConnectDialog *self)
{
  gtk_widget_set_sensitive (GTK_WIDGET (self->connect_button), row != NULL);
  if (row != NULL)
    gtk_window_set_default_widget (GTK_WINDOW (self), GTK_WIDGET (self->connect_button));
}

static void
tally_connect_dialog_dispose (GObject *object)
{
  TallyConnectDialog *self = TALLY_CONNECT_DIALOG (object);

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->job);
  g_clear_object (&self->project);
  g_clear_pointer (&self->accounts, g_ptr_array_unref);
  gtk_widget_dispose_template (GTK_WIDGET (self), TALLY_TYPE_CONNECT_DIALOG);

  G_OBJECT_CLASS (tally_connect_dialog_parent_class)->dispose (object);
}

static void
tally_connect_dialog_class_init (TallyConnectDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = tally_connect_dialog_dispose;

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PREFIX "/tally-connect-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, TallyConnectDialog, token_entry);
  gtk_widget_class_bind_template_child (widget_class, TallyConnectDialog, accounts_button);
  gtk_widget_class_bind_template_child (widget_class, TallyConnectDialog, connect_button);
  gtk_widget_class_bind_template_child (widget_class, TallyConnectDialog, message_label);
  gtk_widget_class_bind_template_child (widget_class, TallyConnectDialog, accounts_list);
  gtk_widget_class_bind_template_callback (widget_class, row_selected_cb);
  gtk_widget_class_install_action (widget_class, "connect.accounts", NULL, accounts_action);
  gtk_widget_class_install_action (widget_class, "connect.connect", NULL, connect_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
tally_connect_dialog_init (TallyConnectDialog *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  self->cancellable = g_cancellable_new ();
  gtk_window_set_default_widget (GTK_WINDOW (self), GTK_WIDGET (self->accounts_button));
}

TallyConnectDialog *
tally_connect_dialog_new (GtkWindow    *parent,
                          TallyProject *project)
{
  TallyConnectDialog *self = g_object_new (TALLY_TYPE_CONNECT_DIALOG, "transient-for", parent, NULL);

  self->project = g_object_ref (project);
  return self;
}
