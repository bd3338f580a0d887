/* tally-data-page.c: the Data page: the import batches
 *
 * Copyright 2026 The Tally authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Every file imported into the project, one batch each, with what it
 * added, replaced and skipped; a batch can be undone after a confirmation.
 * The undo runs on a worker thread with its own connection to the file, so
 * that undoing a million rows never freezes the window.
 */
#define G_LOG_DOMAIN "tally-data-page"

#include "config.h"

#include <glib/gi18n.h>

#include "tally-preset.h"
#include "tally-format.h"
#include "tally-batches.h"
#include "tally-data-page.h"
#include "tally-widget-util.h"

/* A batch as a list item. */
#define TALLY_TYPE_BATCH_ITEM (tally_batch_item_get_type ())
G_DECLARE_FINAL_TYPE (TallyBatchItem, tally_batch_item, TALLY, BATCH_ITEM, GObject)

struct _TallyBatchItem
{
  GObject     parent_instance;
  TallyBatch *batch;
  gboolean    undoing;
};

G_DEFINE_FINAL_TYPE (TallyBatchItem, tally_batch_item, G_TYPE_OBJECT)

static void
tally_batch_item_finalize (GObject *object)
{
  g_clear_pointer (&TALLY_BATCH_ITEM (object)->batch, tally_batch_free);
  G_OBJECT_CLASS (tally_batch_item_parent_class)->finalize (object);
}

static void
tally_batch_item_class_init (TallyBatchItemClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = tally_batch_item_finalize;
}

static void
tally_batch_item_init (TallyBatchItem *self)
{
}

struct _TallyDataPage
{
  GtkWidget      parent_instance;

  TallyProject  *project;
  GListStore    *store;
  GCancellable  *cancellable;

  GtkLabel      *summary_label;
  GtkColumnView *batches_view;
};

G_DEFINE_FINAL_TYPE (TallyDataPage, tally_data_page, GTK_TYPE_WIDGET)

enum { COLUMN_ID, COLUMN_FILE, COLUMN_SOURCE, COLUMN_ROWS, COLUMN_REPLACED, COLUMN_SKIPPED, COLUMN_DATE, COLUMN_UNDO };

static const char * const column_titles[] = {
  N_("Batch"), N_("File"), N_("Source"), N_("Rows"), N_("Replaced"), N_("Skipped"), N_("Imported"), "",
};

/* "2026-11-27T17:26:44Z" as "2026-11-27 17:26" in local time. */
static char *
format_when (const char *iso)
{
  g_autoptr(GDateTime) utc = iso != NULL ? g_date_time_new_from_iso8601 (iso, NULL) : NULL;
  g_autoptr(GDateTime) local = utc != NULL ? g_date_time_to_local (utc) : NULL;

  return local != NULL ? g_date_time_format (local, "%Y-%m-%d %H:%M") : g_strdup (iso != NULL ? iso : "");
}

static char *
cell_text (TallyBatch *batch,
           guint       column)
{
  const TallyPreset *preset;

  switch (column)
    {
    case COLUMN_ID:
      return g_strdup_printf ("%" G_GINT64_FORMAT, batch->id);
    case COLUMN_FILE:
      return g_strdup (batch->file_name);
    case COLUMN_SOURCE:
      preset = tally_preset_lookup (batch->source);
      return g_strdup (preset != NULL ? tally_preset_get_name (preset) : batch->source);
    case COLUMN_ROWS:
      return tally_format_amount ((double) batch->rows_added, 0, TALLY_FORMAT_GROUPED);
    case COLUMN_REPLACED:
      return tally_format_amount ((double) batch->rows_replaced, 0, TALLY_FORMAT_GROUPED);
    case COLUMN_SKIPPED:
      return tally_format_amount ((double) batch->rows_skipped, 0, TALLY_FORMAT_GROUPED);
    case COLUMN_DATE:
    default:
      return format_when (batch->imported_at);
    }
}

/* Undo ------------------------------------------------------------------------ */

static void refill (TallyDataPage *self);

static void
show_error (TallyDataPage *self,
            const char    *title,
            const char    *message)
{
  _tally_widget_show_error (GTK_WIDGET (self), title, message);
}

static void
undo_done_cb (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(TallyDataPage) self = user_data;
  g_autoptr(GError) error = NULL;

  if (!tally_batches_undo_finish (TALLY_PROJECT (object), result, &error))
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        show_error (self, _("The batch could not be undone"), error->message);
      refill (self);
      return;
    }

  /* The undo went through another connection: say so to this one's readers. */
  if (self->project != NULL)
    tally_project_notify_data_changed (self->project);
}

static void
confirm_response_cb (GtkDialog      *dialog,
                     int             response,
                     TallyBatchItem *item)
{
  TallyDataPage *self = g_object_get_data (G_OBJECT (dialog), "page");

  gtk_window_destroy (GTK_WINDOW (dialog));
  if (response == GTK_RESPONSE_ACCEPT && self->project != NULL)
    {
      item->undoing = TRUE;
      tally_batches_undo_async (self->project, item->batch->id, self->cancellable,
                                undo_done_cb, g_object_ref (self));
      refill (self);
    }
  g_object_unref (item);
}

static void
undo_clicked_cb (GtkButton     *button,
                 TallyDataPage *self)
{
  TallyBatchItem *item = g_object_get_data (G_OBJECT (button), "item");
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  GtkWidget *dialog, *undo;
  g_autofree char *rows = NULL;

  if (item == NULL)
    return;

  dialog = gtk_message_dialog_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                   GTK_DIALOG_MODAL | GTK_DIALOG_DESTROY_WITH_PARENT,
                                   GTK_MESSAGE_QUESTION, GTK_BUTTONS_NONE,
                                   _("Undo the import of “%s”?"), item->batch->file_name);
  rows = tally_format_amount ((double) item->batch->rows_added, 0, TALLY_FORMAT_GROUPED);
  gtk_message_dialog_format_secondary_text (GTK_MESSAGE_DIALOG (dialog),
                                            _("Its %s rows leave the project and the rows it replaced come back. "
                                              "Published days it changes are restated, and the change is logged."),
                                            rows);
  gtk_dialog_add_button (GTK_DIALOG (dialog), _("_Cancel"), GTK_RESPONSE_CANCEL);
  undo = gtk_dialog_add_button (GTK_DIALOG (dialog), _("_Undo Import"), GTK_RESPONSE_ACCEPT);
  gtk_widget_add_css_class (undo, "destructive-action");
  gtk_dialog_set_default_response (GTK_DIALOG (dialog), GTK_RESPONSE_CANCEL);
  g_object_set_data (G_OBJECT (dialog), "page", self);
  g_signal_connect (dialog, "response", G_CALLBACK (confirm_response_cb), g_object_ref (item));
  gtk_window_present (GTK_WINDOW (dialog));
}

/* The table ------------------------------------------------------------------- */

static void
setup_cell_cb (GtkSignalListItemFactory *factory,
               GtkListItem              *list_item,
               gpointer                  data)
{
  guint column = GPOINTER_TO_UINT (data);
  GtkWidget *child;

  if (column == COLUMN_UNDO)
    {
      TallyDataPage *self = g_object_get_data (G_OBJECT (factory), "page");

      child = gtk_button_new_with_mnemonic (_("_Undo…"));
      g_signal_connect (child, "clicked", G_CALLBACK (undo_clicked_cb), self);
    }
  else
    {
      child = gtk_label_new (NULL);
      gtk_label_set_xalign (GTK_LABEL (child), column >= COLUMN_ROWS && column <= COLUMN_SKIPPED ? 1.0f : 0.0f);
      gtk_label_set_ellipsize (GTK_LABEL (child), column == COLUMN_FILE ? PANGO_ELLIPSIZE_MIDDLE : PANGO_ELLIPSIZE_NONE);
    }
  gtk_list_item_set_child (list_item, child);
}

static void
bind_cell_cb (GtkSignalListItemFactory *factory,
              GtkListItem              *list_item,
              gpointer                  data)
{
  guint column = GPOINTER_TO_UINT (data);
  TallyBatchItem *item = gtk_list_item_get_item (list_item);
  GtkWidget *child = gtk_list_item_get_child (list_item);

  if (column == COLUMN_UNDO)
    {
      g_autofree char *spoken = g_strdup_printf (_("Undo the import of %s"), item->batch->file_name);

      g_object_set_data (G_OBJECT (child), "item", item);
      gtk_widget_set_visible (child, item->batch->undone_at == NULL);
      gtk_widget_set_sensitive (child, !item->undoing);
      gtk_accessible_update_property (GTK_ACCESSIBLE (child), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, spoken, -1);
      return;
    }

  {
    g_autofree char *text = cell_text (item->batch, column);

    if (column == COLUMN_DATE && item->batch->undone_at != NULL)
      {
        g_autofree char *undone = format_when (item->batch->undone_at);
        g_autofree char *both = g_strdup_printf (_("%s (undone %s)"), text, undone);

        gtk_label_set_label (GTK_LABEL (child), both);
      }
    else
      gtk_label_set_label (GTK_LABEL (child), text);
    gtk_widget_set_opacity (child, item->batch->undone_at != NULL ? 0.55 : 1.0);
  }
}

static void
add_columns (TallyDataPage *self)
{
  for (guint c = 0; c < G_N_ELEMENTS (column_titles); c++)
    {
      GtkListItemFactory *factory = gtk_signal_list_item_factory_new ();
      g_autoptr(GtkColumnViewColumn) column = NULL;

      g_object_set_data (G_OBJECT (factory), "page", self);
      g_signal_connect (factory, "setup", G_CALLBACK (setup_cell_cb), GUINT_TO_POINTER (c));
      g_signal_connect (factory, "bind", G_CALLBACK (bind_cell_cb), GUINT_TO_POINTER (c));
      column = gtk_column_view_column_new (column_titles[c][0] != '\0' ? _(column_titles[c]) : "", factory);
      gtk_column_view_column_set_expand (column, c == COLUMN_FILE);
      gtk_column_view_append_column (self->batches_view, column);
    }
}

static void
refill (TallyDataPage *self)
{
  g_autoptr(GPtrArray) batches = NULL;
  g_autoptr(GPtrArray) items = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GError) error = NULL;
  guint active = 0;
  gint64 rows = 0;

  if (self->project == NULL)
    return;

  batches = tally_batches_list (self->project, &error);
  if (batches == NULL)
    {
      gtk_label_set_label (self->summary_label, error->message);
      return;
    }

  /* The list owns the batches from here on. */
  g_ptr_array_set_free_func (batches, NULL);
  for (guint i = batches->len; i > 0; i--)
    {
      TallyBatchItem *item = g_object_new (TALLY_TYPE_BATCH_ITEM, NULL);
      guint n = g_list_model_get_n_items (G_LIST_MODEL (self->store));

      item->batch = g_ptr_array_index (batches, i - 1);
      for (guint k = 0; k < n; k++)
        {
          g_autoptr(TallyBatchItem) old = g_list_model_get_item (G_LIST_MODEL (self->store), k);

          if (old->batch->id == item->batch->id && item->batch->undone_at == NULL)
            item->undoing = old->undoing;
        }
      if (item->batch->undone_at == NULL)
        {
          active++;
          rows += item->batch->rows_added;
        }
      g_ptr_array_add (items, item);
    }
  g_list_store_splice (self->store, 0, g_list_model_get_n_items (G_LIST_MODEL (self->store)),
                       items->pdata, items->len);

  {
    g_autofree char *count = tally_format_amount ((double) rows, 0, TALLY_FORMAT_GROUPED);
    g_autofree char *summary = active == 0
      ? g_strdup (_("Nothing imported yet: import the client’s Ads Manager and CRM exports."))
      : g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u file in force, %s rows.", "%u files in force, %s rows.", active),
                         active, count);

    gtk_label_set_label (self->summary_label, summary);
  }
}

void
tally_data_page_set_project (TallyDataPage *self,
                             TallyProject  *project)
{
  g_return_if_fail (TALLY_IS_DATA_PAGE (self));

  if (self->project != NULL)
    g_signal_handlers_disconnect_by_data (self->project, self);
  g_set_object (&self->project, project);
  g_list_store_remove_all (self->store);
  if (project == NULL)
    return;

  g_signal_connect_object (project, "data-changed", G_CALLBACK (refill), self, G_CONNECT_SWAPPED);
  refill (self);
}

static void
tally_data_page_dispose (GObject *object)
{
  TallyDataPage *self = TALLY_DATA_PAGE (object);

  g_cancellable_cancel (self->cancellable);
  if (self->project != NULL)
    g_signal_handlers_disconnect_by_data (self->project, self);
  g_clear_object (&self->project);
  g_clear_object (&self->store);
  gtk_widget_dispose_template (GTK_WIDGET (self), TALLY_TYPE_DATA_PAGE);
  _tally_widget_unparent_children (GTK_WIDGET (self));

  G_OBJECT_CLASS (tally_data_page_parent_class)->dispose (object);
}

static void
tally_data_page_finalize (GObject *object)
{
  g_clear_object (&TALLY_DATA_PAGE (object)->cancellable);
  G_OBJECT_CLASS (tally_data_page_parent_class)->finalize (object);
}

static void
tally_data_page_class_init (TallyDataPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = tally_data_page_dispose;
  object_class->finalize = tally_data_page_finalize;

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PREFIX "/tally-data-page.ui");
  gtk_widget_class_bind_template_child (widget_class, TallyDataPage, summary_label);
  gtk_widget_class_bind_template_child (widget_class, TallyDataPage, batches_view);
}

static void
tally_data_page_init (TallyDataPage *self)
{
  g_autoptr(GtkNoSelection) selection = NULL;

  gtk_widget_init_template (GTK_WIDGET (self));

  self->cancellable = g_cancellable_new ();
  self->store = g_list_store_new (TALLY_TYPE_BATCH_ITEM);
  selection = gtk_no_selection_new (g_object_ref (G_LIST_MODEL (self->store)));
  gtk_column_view_set_model (self->batches_view, GTK_SELECTION_MODEL (selection));
  add_columns (self);
}
