/* tally-import-progress-page.c: a file being imported, or the files saved
 *
 * Copyright 2026 The Tally authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * While the session imports a file on its thread, the page reads the
 * session's progress ten times a second into its bar. It is never
 * complete: the wizard goes on when the import is done.
 */
#define G_LOG_DOMAIN "tally-import-progress-page"

#include "config.h"

#include <glib/gi18n.h>

#include "tally-import-progress-page.h"

#define POLL_MS 100

struct _TallyImportProgressPage
{
  TallyImportPage     parent_instance;

  TallyImportSession *session;      /* the one being watched */
  guint               source;

  GtkLabel           *progress_label;
  GtkProgressBar     *progress_bar;
};

G_DEFINE_FINAL_TYPE (TallyImportProgressPage, tally_import_progress_page, TALLY_TYPE_IMPORT_PAGE)

static gboolean
update_cb (gpointer data)
{
  TallyImportProgressPage *self = data;
  double fraction = tally_import_session_get_progress (self->session);
  g_autofree char *text = g_strdup_printf (_("%.0f %% read"), fraction * 100);

  gtk_progress_bar_set_fraction (self->progress_bar, fraction);
  gtk_progress_bar_set_text (self->progress_bar, text);
  return G_SOURCE_CONTINUE;
}

/* The page's item names the file being imported. */
static void
tally_import_progress_page_item_changed (TallyImportPage *page)
{
  TallyImportProgressPage *self = TALLY_IMPORT_PROGRESS_PAGE (page);
  TallyImportItem *file = tally_import_page_get_item (page);
  g_autofree char *label = NULL;

  if (file == NULL)
    return;

  /* Translators: "Importing deals.csv…" */
  label = g_strdup_printf (_("Importing %s…"), file->preview->file_name);
  gtk_label_set_label (self->progress_label, label);
  gtk_progress_bar_set_fraction (self->progress_bar, 0);
  gtk_progress_bar_set_text (self->progress_bar, NULL);
}

/**
 * tally_import_progress_page_watch:
 * @self: the page
 * @session: the session importing the page's item
 *
 * Shows @session's progress until tally_import_progress_page_stop().
 */
void
tally_import_progress_page_watch (TallyImportProgressPage *self,
                                  TallyImportSession      *session)
{
  g_return_if_fail (TALLY_IS_IMPORT_PROGRESS_PAGE (self));
  g_return_if_fail (TALLY_IS_IMPORT_SESSION (session));

  tally_import_progress_page_stop (self);
  self->session = g_object_ref (session);
  self->source = g_timeout_add (POLL_MS, update_cb, self);
}

void
tally_import_progress_page_stop (TallyImportProgressPage *self)
{
  g_return_if_fail (TALLY_IS_IMPORT_PROGRESS_PAGE (self));

  g_clear_handle_id (&self->source, g_source_remove);
  g_clear_object (&self->session);
}

/* After the last file: the session commits everything at once. */
void
tally_import_progress_page_saving (TallyImportProgressPage *self)
{
  g_return_if_fail (TALLY_IS_IMPORT_PROGRESS_PAGE (self));

  tally_import_progress_page_stop (self);
  gtk_label_set_label (self->progress_label, _("Saving…"));
  gtk_progress_bar_set_fraction (self->progress_bar, 1.0);
}

/* What the wizard is doing instead, such as cancelling. */
void
tally_import_progress_page_set_label (TallyImportProgressPage *self,
                                      const char              *label)
{
  g_return_if_fail (TALLY_IS_IMPORT_PROGRESS_PAGE (self));

  gtk_label_set_label (self->progress_label, label);
}

static void
tally_import_progress_page_dispose (GObject *object)
{
  TallyImportProgressPage *self = TALLY_IMPORT_PROGRESS_PAGE (object);

  tally_import_progress_page_stop (self);
  gtk_widget_dispose_template (GTK_WIDGET (object), TALLY_TYPE_IMPORT_PROGRESS_PAGE);

  G_OBJECT_CLASS (tally_import_progress_page_parent_class)->dispose (object);
}

static void
tally_import_progress_page_class_init (TallyImportProgressPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  TallyImportPageClass *page_class = TALLY_IMPORT_PAGE_CLASS (klass);

  object_class->dispose = tally_import_progress_page_dispose;
  page_class->item_changed = tally_import_progress_page_item_changed;

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PREFIX "/tally-import-progress-page.ui");
  gtk_widget_class_bind_template_child (widget_class, TallyImportProgressPage, progress_label);
  gtk_widget_class_bind_template_child (widget_class, TallyImportProgressPage, progress_bar);
}

static void
tally_import_progress_page_init (TallyImportProgressPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

GtkWidget *
tally_import_progress_page_new (void)
{
  return g_object_new (TALLY_TYPE_IMPORT_PROGRESS_PAGE, NULL);
}
