/* tally-import-wizard.c: from exported files to imported batches
 *
 * Copyright 2026 The Tally authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * One file after another: what Tally recognizes in it and a preview of its
 * first rows, each column with a drop-down of what it holds; the question
 * a file raises when a column reads two ways (decimal separator, day and
 * month order); the rows it cannot read, to skip or not; the import with a
 * progress bar; and at the end what was added and how the totals moved.
 *
 * The imports run on worker threads through a connection of their own,
 * inside one transaction that is committed only when the last file is in:
 * Cancel, at any step, leaves the project as it was.
 */
#define G_LOG_DOMAIN "tally-import-wizard"

#include "config.h"

#include <glib/gi18n.h>

#include "tally-import-wizard.h"
#include "tally-mapping-view.h"
#include "tally-widget-util.h"

#define PREVIEW_ROWS 20

typedef struct
{
  char               *path;
  TallyImportPreview *preview;
  TallyMapping       *mapping;      /* the one shown and edited */
  char               *preset_id;    /* the source as chosen, when not detected */
  gboolean            edited;       /* the mapping differs from the preset's */
  TallyDecimal        decimal;
  TallyDateOrder      date_order;
  gboolean            skip_invalid;
  TallyImportResult  *result;
  gboolean            imported;
  gboolean            skipped;
} FileState;

static void
file_state_free (FileState *file)
{
  g_free (file->path);
  g_clear_pointer (&file->preview, tally_import_preview_free);
  g_clear_pointer (&file->mapping, tally_mapping_free);
  g_free (file->preset_id);
  g_clear_pointer (&file->result, tally_import_result_free);
  g_free (file);
}

/* The project's totals before and after. */
typedef struct
{
  gboolean valid;
  double   spend;
  double   meta_value;
  double   revenue;
  gint64   new_customers;
  guint    pending;         /* published days whose numbers the data changed */
} Totals;

/* What the worker threads share, one at a time. */
typedef struct
{
  char          *path;
  TallyProject  *project;      /* the wizard's own connection, in a transaction */
  Totals         before;
  Totals         after;
  char          *currency;
  guint          decimals;
  volatile gint  permille;     /* the running import's progress */
} Session;

static void
session_free (Session *session)
{
  /* Closing the connection rolls back what was not committed. */
  g_clear_object (&session->project);
  g_free (session->path);
  g_free (session->currency);
  g_free (session);
}

struct _TallyImportWizard
{
  GtkWindow         parent_instance;

  TallyProject     *project;      /* the window's; read on this thread only */
  GPtrArray        *files;        /* FileState */
  guint             current;
  Session          *session;
  gboolean          running;
  gboolean          committed;
  gboolean          closing;
  GCancellable     *cancellable;
  guint             progress_source;
  GPtrArray        *presets;      /* the table presets in the source drop-down */
  GPtrArray        *unreadable;   /* why files could not even be previewed */
  gboolean          filling;      /* drop-downs being set by code, not by a person */

  GtkLabel         *step_label;
  GtkButton        *next_button;
  GtkButton        *skip_button;
  GtkButton        *cancel_button;
  GtkStack         *steps;
  GtkLabel         *file_label;
  GtkLabel         *detected_label;
  GtkWidget        *source_box;
  GtkDropDown      *source_dropdown;
  GtkWidget        *target_title;
  GtkDropDown      *target_dropdown;
  GtkWidget        *mapping_hint;
  TallyMappingView *mapping_view;
  GtkLabel         *mapping_error;
  GtkLabel         *question_title;
  GtkLabel         *question_label;
  GtkCheckButton   *answer_first;
  GtkCheckButton   *answer_second;
  GtkLabel         *problems_title;
  GtkListBox       *problems_list;
  GtkCheckButton   *skip_check;
  GtkLabel         *progress_label;
  GtkProgressBar   *progress_bar;
  GtkLabel         *summary_title;
  GtkListBox       *files_list;
  GtkGrid          *totals_grid;
};

G_DEFINE_FINAL_TYPE (TallyImportWizard, tally_import_wizard, GTK_TYPE_WINDOW)

static const TallyTarget targets[] = {
  TALLY_TARGET_META, TALLY_TARGET_CRM, TALLY_TARGET_SESSIONS, TALLY_TARGET_FX,
};

static FileState *
current_file (TallyImportWizard *self)
{
  return self->current < self->files->len ? g_ptr_array_index (self->files, self->current) : NULL;
}

static void
update_actions (TallyImportWizard *self)
{
  const char *step = gtk_stack_get_visible_child_name (self->steps);
  gboolean summary = g_str_equal (step, "summary");
  gboolean next = !self->running && !g_str_equal (step, "progress");

  if (g_str_equal (step, "problems"))
    next = next && gtk_check_button_get_active (self->skip_check);

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "wizard.next", next);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "wizard.skip", !self->running && !summary);
  gtk_widget_set_visible (GTK_WIDGET (self->skip_button), !summary && !g_str_equal (step, "progress"));
  gtk_widget_set_visible (GTK_WIDGET (self->cancel_button), !summary);
  gtk_button_set_label (self->next_button, summary ? _("_Done") : _("_Import"));
}

static void
show_step (TallyImportWizard *self,
           const char        *step)
{
  FileState *file = current_file (self);

  gtk_stack_set_visible_child_name (self->steps, step);
  if (file != NULL && !g_str_equal (step, "summary"))
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

/* The mapping step ----------------------------------------------------------- */

/* The mapping a file starts with: the preview's, as the import would find it. */
static void
reset_mapping (FileState *file)
{
  g_autoptr(JsonNode) node = NULL;

  g_clear_pointer (&file->mapping, tally_mapping_free);
  if (file->preview->mapping == NULL)
    return;

  node = tally_mapping_to_json (file->preview->mapping);
  file->mapping = tally_mapping_from_json (node, (const char * const *) file->preview->headers,
                                           g_strv_length (file->preview->headers), file->preview->file_name, NULL);
}

static void
describe_detection (TallyImportWizard *self,
                    FileState         *file)
{
  g_autofree char *text = NULL;

  if (file->preview->format != TALLY_IMPORT_FORMAT_TABLE)
    {
      const TallyPreset *preset = tally_preset_lookup (file->preview->preset_id);

      text = g_strdup_printf (_("%s: Tally reads every entry as it is; there are no columns to map."),
                              tally_preset_get_name (preset));
    }
  else if (file->preview->mapping == NULL)
    text = g_strdup_printf (_("Tally does not recognize this file. Choose its source, or “%s” and what it holds, then say what each column is."),
                            tally_preset_get_name (tally_preset_lookup ("generic")));
  else if (file->preview->mapping_saved)
    text = g_strdup (_("Read with the columns you mapped for a file like this before."));
  else
    text = g_strdup_printf (_("Recognized as a %s (%.0f %% of its expected columns found)."),
                            tally_preset_get_name (file->preview->mapping->preset),
                            file->preview->mapping->confidence * 100);

  gtk_label_set_label (self->detected_label, text);
}

static void
fill_source_dropdown (TallyImportWizard *self,
                      FileState         *file)
{
  const TallyPreset *selected = file->mapping != NULL ? file->mapping->preset : tally_preset_lookup ("generic");
  guint position = 0;

  self->filling = TRUE;
  for (guint i = 0; i < self->presets->len; i++)
    if (g_ptr_array_index (self->presets, i) == selected)
      position = i;
  gtk_drop_down_set_selected (self->source_dropdown, position);

  for (guint i = 0; i < G_N_ELEMENTS (targets); i++)
    if (file->mapping != NULL && file->mapping->target == targets[i])
      gtk_drop_down_set_selected (self->target_dropdown, i);
  self->filling = FALSE;

  gtk_widget_set_visible (self->target_title, g_str_equal (tally_preset_get_id (selected), "generic"));
  gtk_widget_set_visible (GTK_WIDGET (self->target_dropdown), g_str_equal (tally_preset_get_id (selected), "generic"));
}

static void
show_mapping (TallyImportWizard *self,
              const char        *problem)
{
  FileState *file = current_file (self);
  gboolean table = file->preview->format == TALLY_IMPORT_FORMAT_TABLE;

  gtk_label_set_label (self->file_label, file->preview->file_name);
  describe_detection (self, file);
  gtk_widget_set_visible (self->source_box, table);
  gtk_widget_set_visible (self->mapping_hint, table);
  gtk_widget_set_visible (GTK_WIDGET (self->mapping_view), table);
  if (table)
    fill_source_dropdown (self, file);
  tally_mapping_view_set (self->mapping_view, table ? file->preview : NULL, file->mapping);

  gtk_label_set_label (self->mapping_error, problem != NULL ? problem : "");
  gtk_widget_set_visible (GTK_WIDGET (self->mapping_error), problem != NULL);
  show_step (self, "mapping");
}

/* Moves to the file at @index, or to the end. */
static void finish (TallyImportWizard *self);

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

static void
source_changed_cb (TallyImportWizard *self)
{
  FileState *file = current_file (self);
  guint position = gtk_drop_down_get_selected (self->source_dropdown);
  const TallyPreset *preset;

  if (self->filling || file == NULL || position >= self->presets->len)
    return;

  preset = g_ptr_array_index (self->presets, position);
  g_clear_pointer (&file->mapping, tally_mapping_free);
  g_clear_pointer (&file->preset_id, g_free);

  if (file->preview->mapping != NULL && preset == file->preview->mapping->preset)
    reset_mapping (file);
  else
    {
      file->mapping = tally_mapping_for_preset (preset, (const char * const *) file->preview->headers,
                                                g_strv_length (file->preview->headers));
      file->preset_id = g_strdup (tally_preset_get_id (preset));
      if (g_str_equal (tally_preset_get_id (preset), "generic"))
        file->mapping->target = targets[MIN (gtk_drop_down_get_selected (self->target_dropdown), 3u)];
    }
  file->edited = g_str_equal (tally_preset_get_id (preset), "generic");

  fill_source_dropdown (self, file);
  tally_mapping_view_set (self->mapping_view, file->preview, file->mapping);
}

static void
target_changed_cb (TallyImportWizard *self)
{
  FileState *file = current_file (self);
  guint position = gtk_drop_down_get_selected (self->target_dropdown);

  if (self->filling || file == NULL || file->mapping == NULL || position >= G_N_ELEMENTS (targets) ||
      !g_str_equal (tally_preset_get_id (file->mapping->preset), "generic"))
    return;

  /* Another target has other fields: start its columns afresh. */
  g_clear_pointer (&file->mapping, tally_mapping_free);
  file->mapping = tally_mapping_for_preset (tally_preset_lookup ("generic"),
                                            (const char * const *) file->preview->headers,
                                            g_strv_length (file->preview->headers));
  file->mapping->target = targets[position];
  file->edited = TRUE;
  tally_mapping_view_set (self->mapping_view, file->preview, file->mapping);
}

static void
mapping_edited_cb (TallyImportWizard *self)
{
  FileState *file = current_file (self);

  if (file != NULL)
    file->edited = TRUE;
}

/* The worker ----------------------------------------------------------------- */

typedef struct
{
  Session            *session;
  char               *path;
  char               *preset_id;
  JsonNode           *mapping;
  TallyDecimal        decimal;
  TallyDateOrder      date_order;
  gboolean            skip_invalid;
  gboolean            finish;        /* commit rather than import */
  TallyImportResult  *result;
} Job;

static void
job_free (Job *job)
{
  g_free (job->path);
  g_free (job->preset_id);
  g_clear_pointer (&job->mapping, json_node_unref);
  g_clear_pointer (&job->result, tally_import_result_free);
  g_free (job);
}

static void
read_totals (Session *session,
             Totals  *totals)
{
  TallyReportOptions options = { TALLY_DAY_UNSET, TALLY_DAY_UNSET, TALLY_GROUP_MONTH, TALLY_DAY_UNSET };
  g_autoptr(TallyReportRun) run = tally_report_run (session->project, &options, NULL);
  g_autoptr(TallyReport) live = NULL;

  if (run == NULL)
    return;

  /* What the data says, published days or not; those it changes are
   * counted, to be reviewed on the Report page. */
  options.from = run->report->from;
  options.to = run->report->to;
  options.as_of = run->report->as_of;
  options.live = TRUE;
  live = tally_report_build (run->engine, &options, NULL);

  g_free (session->currency);
  session->currency = g_strdup (run->engine->rules->reporting_currency);
  session->decimals = tally_currency_minor_unit (session->currency);
  totals->valid = TRUE;
  totals->spend = live->totals.sum.spend;
  totals->meta_value = live->totals.sum.purchase_value;
  totals->revenue = tally_cell_revenue (&live->totals.sum, run->engine->rules);
  totals->new_customers = live->totals.sum.new_customers;
  totals->pending = run->view->pending->len;
}

/* The first job opens the wizard's connection, notes the totals, and
 * starts the transaction every file goes into. */
static gboolean
ensure_session (Session  *session,
                GError  **error)
{
  if (session->project != NULL)
    return TRUE;

  session->project = tally_project_open (session->path, error);
  if (session->project == NULL)
    return FALSE;

  read_totals (session, &session->before);
  return tally_project_begin_changes (session->project, error);
}

static void
progress_cb (double   fraction,
             gpointer data)
{
  Session *session = data;

  g_atomic_int_set (&session->permille, (gint) (CLAMP (fraction, 0.0, 1.0) * 1000));
}

static void
job_worker (GTask        *task,
            gpointer      source_object,
            gpointer      task_data,
            GCancellable *cancellable)
{
  Job *job = task_data;
  TallyImportOptions options = { 0 };
  g_autoptr(GError) error = NULL;

  if (!ensure_session (job->session, &error))
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  if (job->finish)
    {
      if (!tally_project_commit_changes (job->session->project, &error))
        {
          g_task_return_error (task, g_steal_pointer (&error));
          return;
        }
      read_totals (job->session, &job->session->after);
      g_task_return_boolean (task, TRUE);
      return;
    }

  options.preset = job->preset_id;
  options.mapping = job->mapping;
  options.decimal = job->decimal;
  options.date_order = job->date_order;
  options.skip_invalid = job->skip_invalid;
  g_atomic_int_set (&job->session->permille, 0);

  if (tally_import_file (job->session->project, job->path, &options, progress_cb, job->session, cancellable,
                         &job->result, &error))
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, g_steal_pointer (&error));
}

/* The import step ------------------------------------------------------------ */

static gboolean
update_progress (gpointer data)
{
  TallyImportWizard *self = data;
  double fraction = g_atomic_int_get (&self->session->permille) / 1000.0;
  g_autofree char *text = g_strdup_printf (_("%.0f %% read"), fraction * 100);

  gtk_progress_bar_set_fraction (self->progress_bar, fraction);
  gtk_progress_bar_set_text (self->progress_bar, text);
  return G_SOURCE_CONTINUE;
}

static void
stop_progress (TallyImportWizard *self)
{
  g_clear_handle_id (&self->progress_source, g_source_remove);
}

static void
fill_problems (TallyImportWizard *self,
               FileState         *file)
{
  GtkWidget *child;
  g_autofree char *title = NULL;
  guint shown = 0;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->problems_list))) != NULL)
    gtk_list_box_remove (self->problems_list, child);

  title = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s has %" G_GUINT64_FORMAT " row Tally cannot read",
                                        "%s has %" G_GUINT64_FORMAT " rows Tally cannot read",
                                        (gulong) MIN (file->result->n_rejected, G_MAXULONG)),
                           file->preview->file_name, file->result->n_rejected);
  gtk_label_set_label (self->problems_title, title);

  for (guint i = 0; i < file->result->issues->len && shown < 200; i++)
    {
      TallyImportIssue *issue = g_ptr_array_index (file->result->issues, i);
      g_autofree char *text = NULL;
      GtkWidget *label;

      if (issue->severity != TALLY_ISSUE_REJECTED)
        continue;
      /* Translators: a row the import cannot read: "line 3, “Amount”: “diez” is not an amount" */
      text = issue->column != NULL && issue->column[0] != '\0'
        ? g_strdup_printf (_("%s %" G_GUINT64_FORMAT ", “%s”: %s"), file->result->line_word, issue->line, issue->column, issue->reason)
        : g_strdup_printf (_("%s %" G_GUINT64_FORMAT ": %s"), file->result->line_word, issue->line, issue->reason);
      label = _tally_widget_list_label (text);
      gtk_list_box_append (self->problems_list, label);
      shown++;
    }

  gtk_check_button_set_active (self->skip_check, FALSE);
}

static void
ask_question (TallyImportWizard *self,
              FileState         *file)
{
  g_autofree char *text = NULL;

  if (file->result->question == TALLY_QUESTION_DECIMAL)
    {
      gtk_label_set_label (self->question_title, _("Which decimal separator does this file use?"));
      text = g_strdup_printf (_("The column “%s” has numbers such as “%s”, which read two ways."),
                              file->result->question_column, file->result->question_example);
      gtk_check_button_set_label (self->answer_first, _("A _point: 1,500.25 is one thousand five hundred"));
      gtk_check_button_set_label (self->answer_second, _("A _comma: 1.500,25 is one thousand five hundred"));
    }
  else
    {
      gtk_label_set_label (self->question_title, _("How are this file’s dates written?"));
      text = g_strdup_printf (_("The column “%s” has dates such as “%s”, which read two ways."),
                              file->result->question_column, file->result->question_example);
      gtk_check_button_set_label (self->answer_first, _("_Day first: 3/4/2026 is the 3rd of April"));
      gtk_check_button_set_label (self->answer_second, _("_Month first: 3/4/2026 is March the 4th"));
    }
  gtk_label_set_label (self->question_label, text);
  gtk_check_button_set_active (self->answer_first, TRUE);
  show_step (self, "question");
}

static void
job_done_cb (GObject      *object,
             GAsyncResult *result,
             gpointer      user_data)
{
  TallyImportWizard *self = TALLY_IMPORT_WIZARD (object);
  Job *job = g_task_get_task_data (G_TASK (result));
  FileState *file = current_file (self);
  g_autoptr(GError) error = NULL;
  gboolean ok = g_task_propagate_boolean (G_TASK (result), &error);

  self->running = FALSE;

  /* Closed while the worker ran: nothing is left to show. */
  if (self->files == NULL)
    return;
  stop_progress (self);

  if (self->closing)
    {
      gtk_window_destroy (GTK_WINDOW (self));
      return;
    }

  if (job->finish)
    {
      if (!ok)
        {
          go_to_file (self, 0);
          show_mapping (self, error->message);
          return;
        }
      self->committed = TRUE;
      finish (self);
      return;
    }

  g_clear_pointer (&file->result, tally_import_result_free);
  file->result = g_steal_pointer (&job->result);

  if (ok)
    {
      file->imported = TRUE;
      go_to_file (self, self->current + 1);
    }
  else if (file->result != NULL && file->result->question != TALLY_QUESTION_NONE)
    ask_question (self, file);
  else if (file->result != NULL && file->result->n_rejected > 0 && !file->skip_invalid)
    {
      fill_problems (self, file);
      show_step (self, "problems");
    }
  else
    show_mapping (self, error->message);
}

static void
run_job (TallyImportWizard *self,
         Job               *job)
{
  g_autoptr(GTask) task = g_task_new (self, self->cancellable, job_done_cb, NULL);

  job->session = self->session;
  self->running = TRUE;
  g_task_set_source_tag (task, run_job);
  g_task_set_task_data (task, job, (GDestroyNotify) job_free);
  g_task_run_in_thread (task, job_worker);
}

static void
start_import (TallyImportWizard *self)
{
  FileState *file = current_file (self);
  Job *job = g_new0 (Job, 1);
  g_autofree char *label = NULL;

  job->path = g_strdup (file->path);
  job->decimal = file->decimal;
  job->date_order = file->date_order;
  job->skip_invalid = file->skip_invalid;

  /* What the person saw is what is imported: a mapping they changed (then
   * kept for the next file with these columns), or the source they chose. */
  if (file->preview->format == TALLY_IMPORT_FORMAT_TABLE && file->mapping != NULL && file->edited)
    job->mapping = tally_mapping_to_json (file->mapping);
  else if (file->preset_id != NULL)
    job->preset_id = g_strdup (file->preset_id);

  /* Translators: "Importing deals.csv…" */
  label = g_strdup_printf (_("Importing %s…"), file->preview->file_name);
  gtk_label_set_label (self->progress_label, label);
  gtk_progress_bar_set_fraction (self->progress_bar, 0);
  gtk_progress_bar_set_text (self->progress_bar, NULL);
  g_atomic_int_set (&self->session->permille, 0);
  self->progress_source = g_timeout_add (100, update_progress, self);

  show_step (self, "progress");
  run_job (self, job);
  update_actions (self);
}

/* The summary ---------------------------------------------------------------- */

static void
add_total_row (TallyImportWizard *self,
               int                row,
               const char        *title,
               char              *before,
               char              *after)
{
  GtkWidget *name = gtk_label_new (title);
  GtkWidget *from = gtk_label_new (before);
  GtkWidget *to = gtk_label_new (after);
  /* Translators: how a total moved, as a screen reader says it: "CRM revenue: 0.00 to 1,500.00" */
  g_autofree char *spoken = g_strdup_printf (_("%s: %s to %s"), title, before, after);

  gtk_label_set_xalign (GTK_LABEL (name), 0);
  gtk_label_set_xalign (GTK_LABEL (from), 1);
  gtk_label_set_xalign (GTK_LABEL (to), 1);
  gtk_widget_add_css_class (from, "dim-label");
  gtk_widget_add_css_class (to, "heading");
  gtk_accessible_update_property (GTK_ACCESSIBLE (to), GTK_ACCESSIBLE_PROPERTY_LABEL, spoken, -1);
  gtk_grid_attach (self->totals_grid, name, 0, row, 1, 1);
  gtk_grid_attach (self->totals_grid, from, 1, row, 1, 1);
  gtk_grid_attach (self->totals_grid, gtk_label_new ("→"), 2, row, 1, 1);
  gtk_grid_attach (self->totals_grid, to, 3, row, 1, 1);
  g_free (before);
  g_free (after);
}

static void
show_summary (TallyImportWizard *self)
{
  Session *session = self->session;
  guint imported = 0;
  g_autofree char *title = NULL;

  for (guint i = 0; i < self->files->len; i++)
    {
      FileState *file = g_ptr_array_index (self->files, i);
      g_autofree char *text = NULL;
      GtkWidget *label;

      if (file->imported)
        {
          imported++;
          /* Translators: a file's line in the summary */
          text = g_strdup_printf (_("%s — %s: %" G_GUINT64_FORMAT " rows added, %" G_GUINT64_FORMAT " replaced, %" G_GUINT64_FORMAT " skipped"),
                                  file->preview->file_name, file->result->preset_name,
                                  file->result->rows_added, file->result->rows_replaced, file->result->rows_skipped);
        }
      else
        text = g_strdup_printf (_("%s — not imported"), file->preview->file_name);

      label = _tally_widget_list_label (text);
      gtk_list_box_append (self->files_list, label);
    }

  for (guint i = 0; i < self->unreadable->len; i++)
    {
      gtk_list_box_append (self->files_list, _tally_widget_list_label (g_ptr_array_index (self->unreadable, i)));
    }

  title = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u file imported", "%u files imported", imported), imported);
  gtk_label_set_label (self->summary_title, title);

  if (session != NULL && session->before.valid && session->after.valid)
    {
      TallyFormatFlags money = TALLY_FORMAT_GROUPED | TALLY_FORMAT_UNICODE_MINUS;

      add_total_row (self, 0, _("Spend"), tally_format_amount (session->before.spend, session->decimals, money),
                     tally_format_amount (session->after.spend, session->decimals, money));
      add_total_row (self, 1, _("Meta purchase value"),
                     tally_format_amount (session->before.meta_value, session->decimals, money),
                     tally_format_amount (session->after.meta_value, session->decimals, money));
      add_total_row (self, 2, _("CRM revenue"), tally_format_amount (session->before.revenue, session->decimals, money),
                     tally_format_amount (session->after.revenue, session->decimals, money));
      add_total_row (self, 3, _("New customers"),
                     tally_format_amount ((double) session->before.new_customers, 0, TALLY_FORMAT_GROUPED),
                     tally_format_amount ((double) session->after.new_customers, 0, TALLY_FORMAT_GROUPED));

      if (session->after.pending > 0)
        {
          g_autofree char *note = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                                "%u published day has new numbers: it keeps the ones already reported until you review it on the Report page.",
                                                                "%u published days have new numbers: they keep the ones already reported until you review them on the Report page.",
                                                                session->after.pending),
                                                   session->after.pending);
          GtkWidget *label = gtk_label_new (note);

          gtk_label_set_wrap (GTK_LABEL (label), TRUE);
          gtk_label_set_xalign (GTK_LABEL (label), 0);
          gtk_widget_add_css_class (label, "dim-label");
          gtk_grid_attach (self->totals_grid, label, 0, 4, 4, 1);
        }
    }

  show_step (self, "summary");
}

/* After the last file: commit everything at once, then say what changed. */
static void
finish (TallyImportWizard *self)
{
  gboolean any = FALSE;

  for (guint i = 0; i < self->files->len; i++)
    any |= ((FileState *) g_ptr_array_index (self->files, i))->imported;

  if (any && !self->committed)
    {
      Job *job = g_new0 (Job, 1);

      job->finish = TRUE;
      gtk_label_set_label (self->progress_label, _("Saving…"));
      gtk_progress_bar_set_fraction (self->progress_bar, 1.0);
      show_step (self, "progress");
      run_job (self, job);
      update_actions (self);
      return;
    }

  if (self->committed)
    tally_project_notify_data_changed (self->project);
  show_summary (self);
}

/* Actions ------------------------------------------------------------------- */

static void
next_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  TallyImportWizard *self = TALLY_IMPORT_WIZARD (widget);
  const char *step = gtk_stack_get_visible_child_name (self->steps);
  FileState *file = current_file (self);

  if (g_str_equal (step, "summary"))
    {
      gtk_window_destroy (GTK_WINDOW (self));
      return;
    }

  if (g_str_equal (step, "question"))
    {
      gboolean first = gtk_check_button_get_active (self->answer_first);

      if (file->result->question == TALLY_QUESTION_DECIMAL)
        file->decimal = first ? TALLY_DECIMAL_POINT : TALLY_DECIMAL_COMMA;
      else
        file->date_order = first ? TALLY_DATE_ORDER_DMY : TALLY_DATE_ORDER_MDY;
    }
  else if (g_str_equal (step, "problems"))
    file->skip_invalid = TRUE;

  start_import (self);
}

static void
skip_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  TallyImportWizard *self = TALLY_IMPORT_WIZARD (widget);
  FileState *file = current_file (self);

  if (file != NULL)
    file->skipped = TRUE;
  go_to_file (self, self->current + 1);
}

/* Nothing is committed before the end: dropping the connection is enough. */
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
      gtk_label_set_label (self->progress_label, _("Cancelling…"));
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

/* Life ------------------------------------------------------------------------ */

static void
tally_import_wizard_dispose (GObject *object)
{
  TallyImportWizard *self = TALLY_IMPORT_WIZARD (object);

  g_cancellable_cancel (self->cancellable);
  stop_progress (self);
  /* A running job holds the wizard; the session goes once no thread uses it. */
  if (!self->running)
    g_clear_pointer (&self->session, session_free);
  g_clear_object (&self->project);
  g_clear_pointer (&self->files, g_ptr_array_unref);
  /* GtkWindow itself drops its child and titlebar: unparenting them here
   * as well would leave it a dangling pointer. */

  G_OBJECT_CLASS (tally_import_wizard_parent_class)->dispose (object);
}

static void
tally_import_wizard_finalize (GObject *object)
{
  TallyImportWizard *self = TALLY_IMPORT_WIZARD (object);

  g_clear_pointer (&self->session, session_free);
  g_clear_object (&self->cancellable);
  g_clear_pointer (&self->presets, g_ptr_array_unref);
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

  g_type_ensure (TALLY_TYPE_MAPPING_VIEW);
  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PREFIX "/tally-import-wizard.ui");
  gtk_widget_class_bind_template_child (widget_class, TallyImportWizard, step_label);
  gtk_widget_class_bind_template_child (widget_class, TallyImportWizard, next_button);
  gtk_widget_class_bind_template_child (widget_class, TallyImportWizard, skip_button);
  gtk_widget_class_bind_template_child (widget_class, TallyImportWizard, cancel_button);
  gtk_widget_class_bind_template_child (widget_class, TallyImportWizard, steps);
  gtk_widget_class_bind_template_child (widget_class, TallyImportWizard, file_label);
  gtk_widget_class_bind_template_child (widget_class, TallyImportWizard, detected_label);
  gtk_widget_class_bind_template_child (widget_class, TallyImportWizard, source_box);
  gtk_widget_class_bind_template_child (widget_class, TallyImportWizard, source_dropdown);
  gtk_widget_class_bind_template_child (widget_class, TallyImportWizard, target_title);
  gtk_widget_class_bind_template_child (widget_class, TallyImportWizard, target_dropdown);
  gtk_widget_class_bind_template_child (widget_class, TallyImportWizard, mapping_hint);
  gtk_widget_class_bind_template_child (widget_class, TallyImportWizard, mapping_view);
  gtk_widget_class_bind_template_child (widget_class, TallyImportWizard, mapping_error);
  gtk_widget_class_bind_template_child (widget_class, TallyImportWizard, question_title);
  gtk_widget_class_bind_template_child (widget_class, TallyImportWizard, question_label);
  gtk_widget_class_bind_template_child (widget_class, TallyImportWizard, answer_first);
  gtk_widget_class_bind_template_child (widget_class, TallyImportWizard, answer_second);
  gtk_widget_class_bind_template_child (widget_class, TallyImportWizard, problems_title);
  gtk_widget_class_bind_template_child (widget_class, TallyImportWizard, problems_list);
  gtk_widget_class_bind_template_child (widget_class, TallyImportWizard, skip_check);
  gtk_widget_class_bind_template_child (widget_class, TallyImportWizard, progress_label);
  gtk_widget_class_bind_template_child (widget_class, TallyImportWizard, progress_bar);
  gtk_widget_class_bind_template_child (widget_class, TallyImportWizard, summary_title);
  gtk_widget_class_bind_template_child (widget_class, TallyImportWizard, files_list);
  gtk_widget_class_bind_template_child (widget_class, TallyImportWizard, totals_grid);

  gtk_widget_class_install_action (widget_class, "wizard.next", NULL, next_action);
  gtk_widget_class_install_action (widget_class, "wizard.skip", NULL, skip_action);
  gtk_widget_class_install_action (widget_class, "wizard.cancel", NULL, cancel_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "wizard.cancel", NULL);
}

static void
tally_import_wizard_init (TallyImportWizard *self)
{
  g_autoptr(GPtrArray) all = tally_preset_list ();
  g_autoptr(GtkStringList) names = gtk_string_list_new (NULL);

  gtk_widget_init_template (GTK_WIDGET (self));

  self->cancellable = g_cancellable_new ();
  self->files = g_ptr_array_new_with_free_func ((GDestroyNotify) file_state_free);
  self->unreadable = g_ptr_array_new_with_free_func (g_free);

  /* The presets for tables; the generic one, mapped by hand, last. */
  self->presets = g_ptr_array_new ();
  for (guint pass = 0; pass < 2; pass++)
    for (guint i = 0; i < all->len; i++)
      {
        const TallyPreset *preset = g_ptr_array_index (all, i);
        gboolean generic = g_str_equal (tally_preset_get_id (preset), "generic");

        if (!g_str_equal (tally_preset_get_format (preset), "table") || generic != (pass == 1))
          continue;
        g_ptr_array_add (self->presets, (gpointer) preset);
        gtk_string_list_append (names, tally_preset_get_name (preset));
      }
  gtk_drop_down_set_model (self->source_dropdown, G_LIST_MODEL (names));

  g_signal_connect_swapped (self->source_dropdown, "notify::selected", G_CALLBACK (source_changed_cb), self);
  g_signal_connect_swapped (self->target_dropdown, "notify::selected", G_CALLBACK (target_changed_cb), self);
  g_signal_connect_swapped (self->mapping_view, "changed", G_CALLBACK (mapping_edited_cb), self);
  g_signal_connect_swapped (self->skip_check, "notify::active", G_CALLBACK (update_actions), self);
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
  self->project = g_object_ref (project);
  self->session = g_new0 (Session, 1);
  self->session->path = g_strdup (tally_project_get_path (project));

  for (guint i = 0; i < files->len; i++)
    {
      GFile *gfile = g_ptr_array_index (files, i);
      g_autofree char *path = g_file_get_path (gfile);
      g_autoptr(GError) error = NULL;
      TallyImportPreview *preview = NULL;
      FileState *file;

      if (path == NULL)
        {
          g_autofree char *uri = g_file_get_uri (gfile);

          g_ptr_array_add (self->unreadable,
                           g_strdup_printf (_("%s is not a file on this computer; copy it to a folder first."), uri));
          continue;
        }

      preview = tally_import_preview (project, path, PREVIEW_ROWS, &error);
      if (preview == NULL)
        {
          g_ptr_array_add (self->unreadable, g_strdup (error->message));
          continue;
        }

      file = g_new0 (FileState, 1);
      file->path = g_steal_pointer (&path);
      file->preview = preview;
      reset_mapping (file);
      g_ptr_array_add (self->files, file);
    }

  go_to_file (self, 0);
  return self;
}
