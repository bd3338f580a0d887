/* tally-import-wizard.c: from exported files to imported batches
 *
 * Copyright 2026 The Tally authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * One file after another: what Tally recognizes in it and a preview of its
 * first rows, each column with a drop-down of what it holds; the question
 * a file raises when a column reads two ways (decimal separator, day and
 * month order); every row it cannot read, with its line, column, reason
 * and text, before anything of the file is written, to leave out only by
 * an explicit choice; the import with a progress bar; and at the end what
 * was added, what was left out and how the totals moved.
 *
 * The imports run on worker threads through a connection of their own,
 * inside one transaction that is committed only when the last file is in:
 * Cancel, at any step, leaves the project as it was.
 */
#define G_LOG_DOMAIN "tally-import-wizard"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "tally-import-wizard.h"
#include "tally-mapping-view.h"
#include "tally-widget-util.h"

#define PREVIEW_ROWS 20
#define MAX_PROBLEMS 300   /* rejected rows listed; the rest are counted */
#define MAX_LEFT_OUT 10    /* line numbers the summary names */
#define MAX_RAW      200   /* characters of a cell shown as written */

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
  GtkLabel         *problems_hint;
  GtkListBox       *problems_list;
  GtkButton        *back_button;
  GtkButton        *skip_rows_button;
  gboolean          can_skip_rows;   /* some rows of the file can be read */
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
  gboolean problems = g_str_equal (step, "problems");
  gboolean next = !self->running && !g_str_equal (step, "progress");

  /* Rows the file cannot give are left out only by the page's own button,
   * which says how many: the header bar's Import has no say there. */
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "wizard.next", next && !problems);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "wizard.skip-rows", !self->running && problems && self->can_skip_rows);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "wizard.back", !self->running && problems);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "wizard.skip", !self->running && !summary);
  gtk_widget_set_visible (GTK_WIDGET (self->next_button), !problems);
  gtk_widget_set_visible (GTK_WIDGET (self->skip_button), !summary && !g_str_equal (step, "progress"));
  gtk_widget_set_visible (GTK_WIDGET (self->cancel_button), !summary);
  gtk_button_set_label (self->next_button, summary ? _("_Done") : _("_Import"));
  gtk_window_set_default_widget (GTK_WINDOW (self),
                                 problems ? GTK_WIDGET (self->can_skip_rows ? self->skip_rows_button : self->back_button)
                                          : GTK_WIDGET (self->next_button));
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

  /* Leaving rows out holds for the rows a person was shown: after a look
   * at the columns the next import lists them again. */
  file->skip_invalid = FALSE;
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

/* The core names where a row sits by a translated word: "line" in a
 * text file, "row" in a workbook, "entry" in JSON. The wizard needs the
 * capitalized and plural forms as well. */
typedef enum
{
  PLACE_LINE,
  PLACE_ROW,
  PLACE_ENTRY,
} PlaceKind;

static PlaceKind
place_kind (const TallyImportResult *result)
{
  if (g_strcmp0 (result->line_word, _("row")) == 0)
    return PLACE_ROW;
  if (g_strcmp0 (result->line_word, _("entry")) == 0)
    return PLACE_ENTRY;
  return PLACE_LINE;
}

static char *
format_place (PlaceKind kind,
              guint64   line)
{
  switch (kind)
    {
    case PLACE_ROW:
      /* Translators: where a rejected row sits in a workbook */
      return g_strdup_printf (_("Row %" G_GUINT64_FORMAT), line);
    case PLACE_ENTRY:
      /* Translators: where a rejected entry sits in a JSON file */
      return g_strdup_printf (_("Entry %" G_GUINT64_FORMAT), line);
    case PLACE_LINE:
    default:
      /* Translators: where a rejected row sits in a text file */
      return g_strdup_printf (_("Line %" G_GUINT64_FORMAT), line);
    }
}

/* @text on one line, at most @max characters of it: the fonts at hand
 * lack the pictures of control characters (U+2400…), so a line break
 * shows as ↵, a tab as →, the rest as �. */
static char *
visible_text (const char *text,
              glong       max)
{
  g_autoptr(GString) shown = g_string_new (NULL);
  const char *p = text;

  for (glong length = 0; *p != '\0' && length < max; p = g_utf8_next_char (p), length++)
    {
      gunichar c = g_utf8_get_char (p);

      if (c == '\r' && p[1] == '\n')
        continue;
      if (c == '\n' || c == '\r')
        g_string_append (shown, "↵");
      else if (c == '\t')
        g_string_append (shown, "→");
      else if (c < 0x20 || c == 0x7f)
        g_string_append (shown, "�");
      else
        g_string_append_unichar (shown, c);
    }
  if (*p != '\0')
    g_string_append (shown, "…");
  return g_string_free (g_steal_pointer (&shown), FALSE);
}

/* The cell as the file wrote it, when the reason does not already quote
 * it whole. */
static char *
visible_raw (const TallyImportIssue *issue)
{
  g_autofree char *quoted = NULL;

  if (issue->raw == NULL || !g_utf8_validate (issue->raw, -1, NULL))
    return NULL;
  /* The quotes the core's reasons put around a value. */
  quoted = g_strdup_printf ("“%s”", issue->raw);
  if (issue->reason != NULL && strstr (issue->reason, quoted) != NULL)
    return NULL;

  return visible_text (issue->raw, MAX_RAW);
}

/* One rejected row: where, which column, why, and what the cell held. A
 * screen reader reads the row as one sentence. */
static GtkWidget *
problem_row (PlaceKind               kind,
             const TallyImportIssue *issue)
{
  g_autofree char *place = format_place (kind, issue->line);
  g_autofree char *raw = visible_raw (issue);
  gboolean has_column = issue->column != NULL && issue->column[0] != '\0';
  g_autofree char *sentence = NULL;
  g_autofree char *shown_reason = NULL;
  GtkWidget *row = gtk_list_box_row_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  GtkWidget *details = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);
  GtkWidget *where = _tally_widget_wrapped_label (place, "dim-label");
  GtkWidget *reason;

  gtk_label_set_wrap (GTK_LABEL (where), FALSE);
  gtk_label_set_width_chars (GTK_LABEL (where), 10);
  gtk_widget_set_valign (where, GTK_ALIGN_START);
  gtk_box_append (GTK_BOX (box), where);

  gtk_widget_set_hexpand (details, TRUE);
  if (has_column)
    gtk_box_append (GTK_BOX (details), _tally_widget_wrapped_label (issue->column, "heading"));
  /* A reason quoting a long cell is cut short on screen; the row's
   * accessible name keeps it whole. */
  shown_reason = visible_text (issue->reason != NULL ? issue->reason : "", G_MAXLONG);
  reason = _tally_widget_wrapped_label (shown_reason, NULL);
  gtk_label_set_lines (GTK_LABEL (reason), 4);
  gtk_label_set_ellipsize (GTK_LABEL (reason), PANGO_ELLIPSIZE_END);
  gtk_box_append (GTK_BOX (details), reason);
  if (raw != NULL)
    {
      g_autofree char *markup = g_markup_printf_escaped ("%s <tt>%s</tt>", _("As written:"), raw);
      GtkWidget *written = _tally_widget_wrapped_label (NULL, "dim-label");

      gtk_label_set_markup (GTK_LABEL (written), markup);
      gtk_box_append (GTK_BOX (details), written);
    }
  gtk_box_append (GTK_BOX (box), details);

  _tally_widget_set_list_margins (box);
  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), box);
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), FALSE);

  /* Translators: a rejected row as a screen reader says it: "Line 3, “Amount”: “diez” is not an amount" */
  sentence = has_column ? g_strdup_printf (_("%s, “%s”: %s"), place, issue->column, issue->reason)
                        : g_strdup_printf (_("%s: %s"), place, issue->reason);
  if (raw != NULL)
    {
      /* Translators: the end of a rejected row's sentence: "…; as written: 12abc" */
      g_autofree char *longer = g_strdup_printf (_("%s; as written: %s"), sentence, raw);

      g_free (sentence);
      sentence = g_steal_pointer (&longer);
    }
  gtk_accessible_update_property (GTK_ACCESSIBLE (row), GTK_ACCESSIBLE_PROPERTY_LABEL, sentence, -1);
  return row;
}

static gulong
plural_n (guint64 n)
{
  return (gulong) MIN (n, G_MAXULONG);
}

/* The rows a file's import rejected, before anything of it is written;
 * a person leaves them out with the page's button, or goes back. */
static void
fill_problems (TallyImportWizard *self,
               FileState         *file)
{
  TallyImportResult *result = file->result;
  PlaceKind kind = place_kind (result);
  GtkWidget *child;
  g_autofree char *title = NULL;
  g_autofree char *hint = NULL;
  g_autofree char *skip = NULL;
  guint64 readable = 0;
  guint64 shown = 0;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->problems_list))) != NULL)
    gtk_list_box_remove (self->problems_list, child);

  /* Translators: the problems step's title: "“ads.csv” has 2 rows Tally cannot read" */
  title = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "“%s” has %" G_GUINT64_FORMAT " row Tally cannot read",
                                        "“%s” has %" G_GUINT64_FORMAT " rows Tally cannot read",
                                        plural_n (result->n_rejected)),
                           file->preview->file_name, result->n_rejected);
  gtk_label_set_label (self->problems_title, title);

  /* Summary and footer lines are read, and are not data. */
  if (result->rows_read > result->n_rejected + result->rows_ignored)
    readable = result->rows_read - result->n_rejected - result->rows_ignored;
  self->can_skip_rows = readable > 0;
  if (self->can_skip_rows)
    hint = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                         "Nothing is imported yet. Skip the rows below to import the other %" G_GUINT64_FORMAT " row, or go back to check what each column holds.",
                                         "Nothing is imported yet. Skip the rows below to import the other %" G_GUINT64_FORMAT " rows, or go back to check what each column holds.",
                                         plural_n (readable)),
                            readable);
  else
    hint = g_strdup (_("Nothing is imported yet. None of its rows can be read: go back to check what each column holds, or skip this file."));
  gtk_label_set_label (self->problems_hint, hint);

  for (guint i = 0; i < result->issues->len && shown < MAX_PROBLEMS; i++)
    {
      TallyImportIssue *issue = g_ptr_array_index (result->issues, i);

      if (issue->severity != TALLY_ISSUE_REJECTED)
        continue;
      gtk_list_box_append (self->problems_list, problem_row (kind, issue));
      shown++;
    }

  if (result->n_rejected > shown)
    {
      guint64 more = result->n_rejected - shown;
      g_autofree char *text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                            "And %" G_GUINT64_FORMAT " more row Tally cannot read, not listed here",
                                                            "And %" G_GUINT64_FORMAT " more rows Tally cannot read, not listed here",
                                                            plural_n (more)),
                                               more);
      GtkWidget *row = gtk_list_box_row_new ();
      GtkWidget *label = _tally_widget_list_label (text);

      gtk_widget_add_css_class (label, "dim-label");
      gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), label);
      gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), FALSE);
      gtk_accessible_update_property (GTK_ACCESSIBLE (row), GTK_ACCESSIBLE_PROPERTY_LABEL, text, -1);
      gtk_list_box_append (self->problems_list, row);
    }

  /* Translators: the button that leaves the rejected rows out; keep the mnemonic off S, which Skip This File has */
  skip = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "S_kip %" G_GUINT64_FORMAT " Row and Import the Rest",
                                       "S_kip %" G_GUINT64_FORMAT " Rows and Import the Rest",
                                       plural_n (result->n_rejected)),
                          result->n_rejected);
  gtk_button_set_label (self->skip_rows_button, skip);
  gtk_widget_set_visible (GTK_WIDGET (self->skip_rows_button), self->can_skip_rows);
}

static void
show_problems (TallyImportWizard *self,
               FileState         *file)
{
  fill_problems (self, file);
  show_step (self, "problems");
  gtk_widget_grab_focus (GTK_WIDGET (self->can_skip_rows ? self->skip_rows_button : self->back_button));
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

/* While the wizard waits on a person (a question, rows it cannot read, a
 * mapping to correct) with nothing imported yet, its transaction holds
 * nothing but the project's write lock: it lets go of it, so that other
 * programs can open the project meanwhile. The next import opens the
 * connection again and notes the totals afresh. */
static void
release_idle_session (TallyImportWizard *self)
{
  g_assert (!self->running);

  for (guint i = 0; i < self->files->len; i++)
    if (((FileState *) g_ptr_array_index (self->files, i))->imported)
      return;

  if (self->session->project != NULL)
    tally_project_discard_changes (self->session->project);
  g_clear_object (&self->session->project);
  self->session->before.valid = FALSE;
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
      return;
    }

  release_idle_session (self);
  if (file->result != NULL && file->result->question != TALLY_QUESTION_NONE)
    ask_question (self, file);
  else if (file->result != NULL && file->result->n_rejected > 0 && !file->skip_invalid)
    show_problems (self, file);
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

/* "3, 7 and 9", or "3, 4, …, 12 and 5 more" past MAX_LEFT_OUT numbers. */
static char *
join_lines (GArray  *lines,
            guint64  total)
{
  g_autoptr(GString) text = g_string_new (NULL);
  guint listed = MIN (lines->len, MAX_LEFT_OUT);
  guint64 more = total > listed ? total - listed : 0;
  /* When nothing is left over, the last number joins with "and". */
  guint commas = more > 0 ? listed : listed - 1;
  g_autofree char *last = NULL;

  g_assert (listed > 0);
  for (guint i = 0; i < commas; i++)
    {
      if (i > 0)
        /* Translators: between the line numbers of a list, "3, 7 and 9" */
        g_string_append (text, _(", "));
      g_string_append_printf (text, "%" G_GUINT64_FORMAT, g_array_index (lines, guint64, i));
    }

  if (more > 0)
    /* Translators: the end of a list of line numbers: "3, 4, 5 and 12 more" */
    return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s and %" G_GUINT64_FORMAT " more",
                                         "%s and %" G_GUINT64_FORMAT " more", plural_n (more)),
                            text->str, more);
  if (commas == 0)
    return g_strdup_printf ("%" G_GUINT64_FORMAT, g_array_index (lines, guint64, 0));

  last = g_strdup_printf ("%" G_GUINT64_FORMAT, g_array_index (lines, guint64, listed - 1));
  /* Translators: the last two of a list of line numbers, "3, 7 and 9" */
  return g_strdup_printf (_("%s and %s"), text->str, last);
}

/* What an import with skipped rows left out: "2 rows were left out: lines
 * 3 and 5"; NULL when it left out nothing. */
static char *
describe_left_out (const TallyImportResult *result)
{
  g_autoptr(GArray) lines = g_array_new (FALSE, FALSE, sizeof (guint64));
  g_autofree char *numbers = NULL;
  g_autofree char *places = NULL;
  gulong n;

  if (result->n_rejected == 0)
    return NULL;

  for (guint i = 0; i < result->issues->len && lines->len < MAX_LEFT_OUT; i++)
    {
      TallyImportIssue *issue = g_ptr_array_index (result->issues, i);

      if (issue->severity == TALLY_ISSUE_REJECTED &&
          (lines->len == 0 || g_array_index (lines, guint64, lines->len - 1) != issue->line))
        g_array_append_val (lines, issue->line);
    }
  if (lines->len == 0)
    return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%" G_GUINT64_FORMAT " row was left out",
                                         "%" G_GUINT64_FORMAT " rows were left out", plural_n (result->n_rejected)),
                            result->n_rejected);

  numbers = join_lines (lines, result->n_rejected);
  n = plural_n (result->n_rejected);
  switch (place_kind (result))
    {
    case PLACE_ROW:
      /* Translators: "rows 3, 7 and 9" in a workbook */
      places = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "row %s", "rows %s", n), numbers);
      break;
    case PLACE_ENTRY:
      places = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "entry %s", "entries %s", n), numbers);
      break;
    case PLACE_LINE:
    default:
      places = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "line %s", "lines %s", n), numbers);
      break;
    }

  /* Translators: under a file in the summary: "2 rows were left out: lines 3 and 5" */
  return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%" G_GUINT64_FORMAT " row was left out: %s",
                                       "%" G_GUINT64_FORMAT " rows were left out: %s", n),
                          result->n_rejected, places);
}

/* Beneath a file in the summary: what it left out, then each thing the
 * import warns about (a currency with no rate, a file that can never give
 * a customer), one per line. */
static char *
describe_notes (const TallyImportResult *result)
{
  g_autoptr(GString) notes = g_string_new (NULL);
  g_autofree char *left_out = describe_left_out (result);

  if (left_out != NULL)
    g_string_append (notes, left_out);

  for (guint i = 0; i < result->issues->len; i++)
    {
      TallyImportIssue *issue = g_ptr_array_index (result->issues, i);
      gunichar first;

      if (issue->severity != TALLY_ISSUE_WARNING || issue->reason[0] == '\0')
        continue;
      if (notes->len > 0)
        g_string_append_c (notes, '\n');
      first = g_utf8_get_char (issue->reason);
      g_string_append_unichar (notes, g_unichar_toupper (first));
      g_string_append (notes, g_utf8_next_char (issue->reason));
      g_string_append_c (notes, '.');
    }

  return notes->len > 0 ? g_string_free (g_steal_pointer (&notes), FALSE) : NULL;
}

/* A file's row in the summary, with what it left out beneath. */
static GtkWidget *
summary_row (const char *text,
             const char *left_out)
{
  GtkWidget *box;
  GtkWidget *label;

  if (left_out == NULL)
    return _tally_widget_list_label (text);

  box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 4);
  _tally_widget_set_list_margins (box);
  gtk_box_append (GTK_BOX (box), _tally_widget_wrapped_label (text, NULL));
  label = _tally_widget_wrapped_label (left_out, "dim-label");
  gtk_box_append (GTK_BOX (box), label);
  return box;
}

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
      g_autofree char *left_out = NULL;

      if (file->imported)
        {
          imported++;
          /* Translators: a file's line in the summary */
          text = g_strdup_printf (_("%s — %s: %" G_GUINT64_FORMAT " rows added, %" G_GUINT64_FORMAT " replaced, %" G_GUINT64_FORMAT " skipped"),
                                  file->preview->file_name, file->result->preset_name,
                                  file->result->rows_added, file->result->rows_replaced, file->result->rows_skipped);
          left_out = describe_notes (file->result);
        }
      else
        text = g_strdup_printf (_("%s — not imported"), file->preview->file_name);

      gtk_list_box_append (self->files_list, summary_row (text, left_out));
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

  start_import (self);
}

/* The one way past the problems step: the rows listed are left out, and
 * the batch records them. */
static void
skip_rows_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  TallyImportWizard *self = TALLY_IMPORT_WIZARD (widget);
  FileState *file = current_file (self);

  g_assert (file != NULL);
  file->skip_invalid = TRUE;
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
  gtk_widget_class_bind_template_child (widget_class, TallyImportWizard, problems_hint);
  gtk_widget_class_bind_template_child (widget_class, TallyImportWizard, problems_list);
  gtk_widget_class_bind_template_child (widget_class, TallyImportWizard, back_button);
  gtk_widget_class_bind_template_child (widget_class, TallyImportWizard, skip_rows_button);
  gtk_widget_class_bind_template_child (widget_class, TallyImportWizard, progress_label);
  gtk_widget_class_bind_template_child (widget_class, TallyImportWizard, progress_bar);
  gtk_widget_class_bind_template_child (widget_class, TallyImportWizard, summary_title);
  gtk_widget_class_bind_template_child (widget_class, TallyImportWizard, files_list);
  gtk_widget_class_bind_template_child (widget_class, TallyImportWizard, totals_grid);

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
