/* tally-import-wizard.c: from exported files to imported batches
 *
 * Copyright 2026 The Tally authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * One file after another: what Tally recognizes in it and its columns
 * (the mapping page); the question a file raises when a column reads two
 * ways (the question page); every row it cannot read, before anything of
 * the file is written, to leave out only by an explicit choice (the
 * problems page); the import with a progress bar (the progress page); and
 * at the end what was added, what was left out and how the totals moved
 * (the summary page).
 *
 * The wizard keeps the pages in a stack and goes from one to the next;
 * its actions are enabled by what the visible page says it is. The
 * imports run in a TallyImportSession, one transaction committed only when
 * the last file is in: Cancel, at any step, leaves the project as it was.
 */
#define G_LOG_DOMAIN "tally-import-wizard"

#include "config.h"

#include <glib/gi18n.h>

#include "tally-import-mapping-page.h"
#include "tally-import-problems-page.h"
#include "tally-import-progress-page.h"
#include "tally-import-question-page.h"
#include "tally-import-session.h"
#include "tally-import-summary-page.h"
#include "tally-import-wizard.h"

#define PREVIEW_ROWS 20

struct _TallyImportWizard
{
  GtkWindow                parent_instance;

  TallyImportSession      *session;
  GPtrArray               *files;        /* TallyImportItem */
  GPtrArray               *unreadable;   /* why files could not even be previewed */
  guint                    current;
  gboolean                 running;
  gboolean                 closing;
  GCancellable            *cancellable;

  GtkLabel                *step_label;
  GtkButton               *next_button;
  GtkButton               *skip_button;
  GtkButton               *cancel_button;
  GtkStack                *steps;
  TallyImportMappingPage  *mapping_page;
  TallyImportQuestionPage *question_page;
  TallyImportProblemsPage *problems_page;
  TallyImportProgressPage *progress_page;
  TallyImportSummaryPage  *summary_page;
};

G_DEFINE_FINAL_TYPE (TallyImportWizard, tally_import_wizard, GTK_TYPE_WINDOW)

static TallyImportItem *
current_file (TallyImportWizard *self)
{
  return self->current < self->files->len ? g_ptr_array_index (self->files, self->current) : NULL;
}

static TallyImportPage *
visible_page (TallyImportWizard *self)
{
  return TALLY_IMPORT_PAGE (gtk_stack_get_visible_child (self->steps));
}

static void
update_actions (TallyImportWizard *self)
{
  TallyImportPage *page = visible_page (self);
  gboolean summary = page == TALLY_IMPORT_PAGE (self->summary_page);
  gboolean problems = page == TALLY_IMPORT_PAGE (self->problems_page);
  gboolean progress = page == TALLY_IMPORT_PAGE (self->progress_page);
  gboolean complete = !self->running && tally_import_page_get_complete (page);
  GtkWidget *default_widget = tally_import_page_get_default_widget (page);

  /* Rows the file cannot give are left out only by the page's own button,
   * which says how many: the header bar's Import has no say there. */
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "wizard.next", complete && !problems);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "wizard.skip-rows", complete && problems);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "wizard.back", !self->running && problems);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "wizard.skip", !self->running && !summary);
  gtk_widget_set_visible (GTK_WIDGET (self->next_button), !problems);
  gtk_widget_set_visible (GTK_WIDGET (self->skip_button), !summary && !progress);
  gtk_widget_set_visible (GTK_WIDGET (self->cancel_button), !summary);
  gtk_button_set_label (self->next_button, summary ? _("_Done") : _("_Import"));
  gtk_window_set_default_widget (GTK_WINDOW (self),
                                 default_widget != NULL ? default_widget : GTK_WIDGET (self->next_button));
}

static void
show_step (TallyImportWizard *self,
           gpointer           page)
{
  TallyImportItem *file = current_file (self);

  gtk_stack_set_visible_child (self->steps, GTK_WIDGET (page));
  if (file != NULL && page != (gpointer) self->summary_page)
    {
      g_autofree char *name = g_filename_display_basename (file->path);
      /* Translators: the wizard's subtitle, "File 1 of 2 · deals.csv" */
      g_autofree char *text = g_strdup_printf (_("File %u of %u · %s"), self->current + 1, self->files->len, name);

      gtk_label_set_label (self->step_label, text);
    }
  else
    gtk_label_set_label (self->step_label, "");
  update_actions (self);
}

static void
show_mapping (TallyImportWizard *self,
              const char        *problem)
{
  /* The page says what a file still lacks itself; a failed import's
   * reason takes its place. */
  tally_import_page_set_item (TALLY_IMPORT_PAGE (self->mapping_page), current_file (self));
  if (problem != NULL)
    tally_import_mapping_page_set_problem (self->mapping_page, problem);
  show_step (self, self->mapping_page);
}

static void finish (TallyImportWizard *self);

/* Moves to the file at @index, or to the end. */
static void
go_to_file (TallyImportWizard *self,
            guint              index)
{
  self->current = index;
  if (index >= self->files->len)
    {
      finish (self);
      return;
    }

  show_mapping (self, NULL);
}

/* What the page after a failed import is: the question the file raised,
 * the rows it cannot read, or the columns with the reason. */
static void
show_failure (TallyImportWizard *self,
              TallyImportItem   *file,
              const GError      *error)
{
  if (file->result != NULL && file->result->question != TALLY_QUESTION_NONE)
    {
      tally_import_page_set_item (TALLY_IMPORT_PAGE (self->question_page), file);
      show_step (self, self->question_page);
    }
  else if (file->result != NULL && file->result->n_rejected > 0 && !file->skip_invalid)
    {
      tally_import_page_set_item (TALLY_IMPORT_PAGE (self->problems_page), file);
      show_step (self, self->problems_page);
      gtk_widget_grab_focus (tally_import_page_get_default_widget (TALLY_IMPORT_PAGE (self->problems_page)));
    }
  else
    show_mapping (self, error->message);
}

/* The session's answer arrives on this thread; the wizard may have been
 * closed meanwhile, and holds itself until then. */
static void
import_done_cb (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(TallyImportWizard) self = user_data;
  g_autoptr(TallyImportResult) import_result = NULL;
  g_autoptr(GError) error = NULL;
  gboolean ok = tally_import_session_import_finish (TALLY_IMPORT_SESSION (object), result, &import_result, &error);
  TallyImportItem *file;

  self->running = FALSE;
  if (self->files == NULL)
    return;
  tally_import_progress_page_stop (self->progress_page);
  if (self->closing)
    {
      gtk_window_destroy (GTK_WINDOW (self));
      return;
    }

  file = current_file (self);
  g_clear_pointer (&file->result, tally_import_result_free);
  file->result = g_steal_pointer (&import_result);
  if (!ok)
    {
      show_failure (self, file, error);
      return;
    }

  file->imported = TRUE;
  go_to_file (self, self->current + 1);
}

static void
start_import (TallyImportWizard *self)
{
  TallyImportItem *file = current_file (self);
  TallyImportOptions options;
  g_autoptr(JsonNode) mapping = tally_import_item_get_options (file, &options);

  tally_import_page_set_item (TALLY_IMPORT_PAGE (self->progress_page), file);
  tally_import_progress_page_watch (self->progress_page, self->session);
  show_step (self, self->progress_page);

  self->running = TRUE;
  tally_import_session_import_async (self->session, file->path, &options, self->cancellable,
                                     import_done_cb, g_object_ref (self));
  update_actions (self);
}

static void
commit_done_cb (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(TallyImportWizard) self = user_data;
  g_autoptr(GError) error = NULL;
  gboolean ok = tally_import_session_commit_finish (TALLY_IMPORT_SESSION (object), result, &error);

  self->running = FALSE;
  if (self->files == NULL)
    return;
  if (self->closing)
    {
      gtk_window_destroy (GTK_WINDOW (self));
      return;
    }

  if (!ok)
    {
      /* The session let go of every file: they are all to import again. */
      for (guint i = 0; i < self->files->len; i++)
        ((TallyImportItem *) g_ptr_array_index (self->files, i))->imported = FALSE;
      self->current = 0;
      show_mapping (self, error->message);
      return;
    }

  finish (self);
}

/* After the last file: commit everything at once, then say what changed. */
static void
finish (TallyImportWizard *self)
{
  gboolean any = FALSE;

  for (guint i = 0; i < self->files->len; i++)
    any |= ((TallyImportItem *) g_ptr_array_index (self->files, i))->imported;

  if (any && !tally_import_session_is_committed (self->session))
    {
      tally_import_progress_page_saving (self->progress_page);
      show_step (self, self->progress_page);
      self->running = TRUE;
      tally_import_session_commit_async (self->session, self->cancellable, commit_done_cb, g_object_ref (self));
      update_actions (self);
      return;
    }

  tally_import_summary_page_show (self->summary_page, self->files, self->unreadable, self->session);
  show_step (self, self->summary_page);
}

/* Actions ------------------------------------------------------------------- */

static void
next_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  TallyImportWizard *self = TALLY_IMPORT_WIZARD (widget);
  TallyImportPage *page = visible_page (self);

  if (page == TALLY_IMPORT_PAGE (self->summary_page))
    {
      gtk_window_destroy (GTK_WINDOW (self));
      return;
    }

  tally_import_page_commit (page);
  start_import (self);
}

/* The one way past the problems page: the rows listed are left out. */
static void
skip_rows_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  TallyImportWizard *self = TALLY_IMPORT_WIZARD (widget);

  tally_import_page_commit (TALLY_IMPORT_PAGE (self->problems_page));
  start_import (self);
}

/* Back to the columns, to correct the mapping or read the file again. */
static void
back_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  TallyImportWizard *self = TALLY_IMPORT_WIZARD (widget);

  show_mapping (self, NULL);
}

static void
skip_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  TallyImportWizard *self = TALLY_IMPORT_WIZARD (widget);
  TallyImportItem *file = current_file (self);

  if (file != NULL)
    file->skipped = TRUE;
  go_to_file (self, self->current + 1);
}

/* Nothing is committed before the end: dropping the session is enough. */
static void
cancel_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  TallyImportWizard *self = TALLY_IMPORT_WIZARD (widget);

  if (self->running)
    {
      self->closing = TRUE;
      g_cancellable_cancel (self->cancellable);
      tally_import_progress_page_set_label (self->progress_page, _("Cancelling…"));
      return;
    }

  gtk_window_destroy (GTK_WINDOW (self));
}

static gboolean
tally_import_wizard_close_request (GtkWindow *window)
{
  TallyImportWizard *self = TALLY_IMPORT_WIZARD (window);

  if (self->running)
    {
      cancel_action (GTK_WIDGET (self), "wizard.cancel", NULL);
      return TRUE;
    }

  return GTK_WINDOW_CLASS (tally_import_wizard_parent_class)->close_request (window);
}

static void
page_complete_cb (TallyImportWizard *self)
{
  update_actions (self);
}

/* Life ------------------------------------------------------------------------ */

static void
tally_import_wizard_dispose (GObject *object)
{
  TallyImportWizard *self = TALLY_IMPORT_WIZARD (object);

  g_cancellable_cancel (self->cancellable);
  /* A running import holds the session; it rolls back when it goes. */
  g_clear_object (&self->session);
  g_clear_pointer (&self->files, g_ptr_array_unref);
  /* GtkWindow itself drops its child and titlebar: unparenting them here
   * as well would leave it a dangling pointer. */

  G_OBJECT_CLASS (tally_import_wizard_parent_class)->dispose (object);
}

static void
tally_import_wizard_finalize (GObject *object)
{
  TallyImportWizard *self = TALLY_IMPORT_WIZARD (object);

  g_clear_object (&self->cancellable);
  g_clear_pointer (&self->unreadable, g_ptr_array_unref);

  G_OBJECT_CLASS (tally_import_wizard_parent_class)->finalize (object);
}

static void
tally_import_wizard_class_init (TallyImportWizardClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);

  object_class->dispose = tally_import_wizard_dispose;
  object_class->finalize = tally_import_wizard_finalize;
  window_class->close_request = tally_import_wizard_close_request;

  g_type_ensure (TALLY_TYPE_IMPORT_MAPPING_PAGE);
  g_type_ensure (TALLY_TYPE_IMPORT_QUESTION_PAGE);
  g_type_ensure (TALLY_TYPE_IMPORT_PROBLEMS_PAGE);
  g_type_ensure (TALLY_TYPE_IMPORT_PROGRESS_PAGE);
  g_type_ensure (TALLY_TYPE_IMPORT_SUMMARY_PAGE);
  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PREFIX "/tally-import-wizard.ui");
  gtk_widget_class_bind_template_child (widget_class, TallyImportWizard, step_label);
  gtk_widget_class_bind_template_child (widget_class, TallyImportWizard, next_button);
  gtk_widget_class_bind_template_child (widget_class, TallyImportWizard, skip_button);
  gtk_widget_class_bind_template_child (widget_class, TallyImportWizard, cancel_button);
  gtk_widget_class_bind_template_child (widget_class, TallyImportWizard, steps);
  gtk_widget_class_bind_template_child (widget_class, TallyImportWizard, mapping_page);
  gtk_widget_class_bind_template_child (widget_class, TallyImportWizard, question_page);
  gtk_widget_class_bind_template_child (widget_class, TallyImportWizard, problems_page);
  gtk_widget_class_bind_template_child (widget_class, TallyImportWizard, progress_page);
  gtk_widget_class_bind_template_child (widget_class, TallyImportWizard, summary_page);

  gtk_widget_class_install_action (widget_class, "wizard.next", NULL, next_action);
  gtk_widget_class_install_action (widget_class, "wizard.skip", NULL, skip_action);
  gtk_widget_class_install_action (widget_class, "wizard.skip-rows", NULL, skip_rows_action);
  gtk_widget_class_install_action (widget_class, "wizard.back", NULL, back_action);
  gtk_widget_class_install_action (widget_class, "wizard.cancel", NULL, cancel_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "wizard.cancel", NULL);
}

static void
tally_import_wizard_init (TallyImportWizard *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->cancellable = g_cancellable_new ();
  self->files = g_ptr_array_new_with_free_func ((GDestroyNotify) tally_import_item_unref);
  self->unreadable = g_ptr_array_new_with_free_func (g_free);

  for (GtkWidget *page = gtk_widget_get_first_child (GTK_WIDGET (self->steps)); page != NULL;
       page = gtk_widget_get_next_sibling (page))
    g_signal_connect_object (page, "notify::complete", G_CALLBACK (page_complete_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->steps, "notify::visible-child", G_CALLBACK (page_complete_cb), self,
                           G_CONNECT_SWAPPED);
}

/* Each file with what Tally found in it, or why it cannot be read. */
static void
add_file (TallyImportWizard *self,
          TallyProject      *project,
          GFile             *gfile)
{
  g_autofree char *path = g_file_get_path (gfile);
  g_autoptr(GError) error = NULL;
  TallyImportPreview *preview;

  if (path == NULL)
    {
      g_autofree char *uri = g_file_get_uri (gfile);

      g_ptr_array_add (self->unreadable,
                       g_strdup_printf (_("%s is not a file on this computer; copy it to a folder first."), uri));
      return;
    }

  preview = tally_import_preview (project, path, PREVIEW_ROWS, &error);
  if (preview == NULL)
    {
      g_ptr_array_add (self->unreadable, g_strdup (error->message));
      return;
    }

  g_ptr_array_add (self->files, tally_import_item_new (path, preview));
}

/**
 * tally_import_wizard_new:
 * @parent: the project's window
 * @project: the project to import into
 * @files: (element-type GFile): the exports
 *
 * Returns: (transfer none): the wizard, on its first file
 */
TallyImportWizard *
tally_import_wizard_new (GtkWindow    *parent,
                         TallyProject *project,
                         GPtrArray    *files)
{
  TallyImportWizard *self;

  g_return_val_if_fail (TALLY_IS_PROJECT (project), NULL);

  self = g_object_new (TALLY_TYPE_IMPORT_WIZARD, "transient-for", parent, NULL);
  self->session = tally_import_session_new (project);
  for (guint i = 0; i < files->len; i++)
    add_file (self, project, g_ptr_array_index (files, i));

  go_to_file (self, 0);
  return self;
}
