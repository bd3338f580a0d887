/* tally-import-session.c: several files into a project as one change
 *
 * Copyright 2026 The Tally authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A session imports one file after another on a worker thread, through a
 * connection of its own, inside one transaction that is committed only
 * when the caller says so: discarding it, or dropping the session, leaves
 * the project as it was. It notes the project's totals when it starts and
 * again after the commit, so that a person can see how they moved.
 *
 * Only one import or commit runs at a time. Its worker uses the session's
 * Work, and nothing else of the session; the main thread reads the Work
 * only while nothing runs, except for the progress, which is atomic.
 */
#define G_LOG_DOMAIN "tally-import-session"

#include "config.h"

#include "tally-import-session.h"
#include "tally-report-session.h"

/* What the worker threads share, one at a time. */
typedef struct
{
  char              *path;
  TallyProject      *project;     /* the session's own connection, in a transaction */
  TallyImportTotals  before;
  TallyImportTotals  after;
  char              *currency;
  guint              decimals;
  GArray            *batch_ids;   /* gint64: the files in the transaction */
  gint               permille;    /* the running import's progress */
} Work;

struct _TallyImportSession
{
  GObject       parent_instance;

  TallyProject *project;          /* the caller's: told when the data changed */
  Work         *work;
  gboolean      busy;
  gboolean      committed;
};

G_DEFINE_FINAL_TYPE (TallyImportSession, tally_import_session, G_TYPE_OBJECT)

/* One import or the commit: the inputs, copied, and what came of it. */
typedef struct
{
  Work               *work;
  char               *path;
  char               *preset;
  JsonNode           *mapping;
  TallyImportOptions  options;
  gboolean            commit;
  TallyImportResult  *result;
} Job;

static void
job_free (Job *job)
{
  g_free (job->path);
  g_free (job->preset);
  g_clear_pointer (&job->mapping, json_node_unref);
  g_clear_pointer (&job->result, tally_import_result_free);
  g_free (job);
}

static void
work_free (Work *work)
{
  /* Closing the connection rolls back what was not committed. */
  g_clear_object (&work->project);
  g_free (work->path);
  g_free (work->currency);
  g_clear_pointer (&work->batch_ids, g_array_unref);
  g_free (work);
}

/* The worker ----------------------------------------------------------------- */

static void
read_totals (Work              *work,
             TallyImportTotals *totals)
{
  TallyReportOptions options = { TALLY_DAY_UNSET, TALLY_DAY_UNSET, TALLY_GROUP_MONTH, TALLY_DAY_UNSET };
  g_autoptr(TallyReportSession) session = tally_report_session_new (work->project);
  g_autoptr(TallyReport) live = NULL;
  TallyReport *report;
  TallyEngine *engine;

  *totals = (TallyImportTotals) { 0 };
  tally_report_session_set_options (session, &options);
  if (!tally_report_session_build (session, NULL, NULL))
    return;

  /* What the data says, published days or not; those it changes are
   * counted, to be reviewed on the Report page. */
  report = tally_report_session_get_report (session);
  engine = tally_report_session_get_engine (session);
  options.from = report->from;
  options.to = report->to;
  options.as_of = report->as_of;
  options.live = TRUE;
  live = tally_report_session_extra_report (session, &options);
  if (live == NULL)
    return;

  g_free (work->currency);
  work->currency = g_strdup (tally_report_get_currency (live));
  work->decimals = tally_report_get_decimals (live);
  totals->valid = TRUE;
  totals->spend = live->totals.sum.spend;
  totals->meta_value = live->totals.sum.purchase_value;
  totals->revenue = tally_cell_revenue (&live->totals.sum, engine->rules);
  totals->new_customers = live->totals.sum.new_customers;
  totals->pending = tally_report_session_get_view (session)->pending->len;
}

/* The first import opens the session's connection, notes the totals, and
 * starts the transaction every file goes into. */
static gboolean
ensure_connection (Work    *work,
                   GError **error)
{
  if (work->project != NULL)
    return TRUE;

  work->project = tally_project_open (work->path, error);
  if (work->project == NULL)
    return FALSE;

  read_totals (work, &work->before);
  if (tally_project_begin_changes (work->project, error))
    return TRUE;

  g_clear_object (&work->project);
  work->before.valid = FALSE;
  return FALSE;
}

/* While nothing is imported yet, the transaction holds nothing but the
 * project's write lock: the session lets go of it, so that other programs
 * can open the project while a person looks at what went wrong. The next
 * import opens the connection again and notes the totals afresh. */
static void
release_idle_connection (Work *work)
{
  if (work->batch_ids->len > 0 || work->project == NULL)
    return;

  tally_project_discard_changes (work->project);
  g_clear_object (&work->project);
  work->before.valid = FALSE;
}

static void
progress_cb (double   fraction,
             gpointer data)
{
  Work *work = data;

  g_atomic_int_set (&work->permille, (gint) (CLAMP (fraction, 0.0, 1.0) * 1000));
}

static void
import_worker (GTask        *task,
               gpointer      source_object,
               gpointer      task_data,
               GCancellable *cancellable)
{
  Job *job = task_data;
  Work *work = job->work;
  g_autoptr(GError) error = NULL;

  g_atomic_int_set (&work->permille, 0);
  if (!ensure_connection (work, &error))
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  /* Each import is a savepoint inside the session's transaction: one that
   * fails or is cancelled leaves the others as they were. */
  if (!tally_import_file (work->project, job->path, &job->options, progress_cb, work, cancellable,
                          &job->result, &error))
    {
      release_idle_connection (work);
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  g_array_append_val (work->batch_ids, job->result->batch_id);
  g_task_return_boolean (task, TRUE);
}

static void
commit_worker (GTask        *task,
               gpointer      source_object,
               gpointer      task_data,
               GCancellable *cancellable)
{
  Job *job = task_data;
  Work *work = job->work;
  g_autoptr(GError) error = NULL;

  if (g_cancellable_set_error_if_cancelled (cancellable, &error))
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  if (work->project == NULL)
    {
      /* Nothing was imported: there is nothing to save. */
      g_task_return_boolean (task, TRUE);
      return;
    }

  if (!tally_project_commit_changes (work->project, &error))
    {
      /* The transaction is gone with its files: the session starts afresh. */
      g_clear_object (&work->project);
      g_array_set_size (work->batch_ids, 0);
      work->before.valid = FALSE;
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  read_totals (work, &work->after);
  g_clear_object (&work->project);
  g_task_return_boolean (task, TRUE);
}

/* Running jobs ----------------------------------------------------------------- */

/* The worker's task is finished on this thread: the session is free again,
 * and the caller's project hears of committed data before the caller does. */
static void
job_done_cb (GObject      *object,
             GAsyncResult *result,
             gpointer      user_data)
{
  g_autoptr(GTask) outer = user_data;
  TallyImportSession *self = g_task_get_source_object (outer);
  Job *job = g_task_get_task_data (outer);
  g_autoptr(GError) error = NULL;
  gboolean ok = g_task_propagate_boolean (G_TASK (result), &error);

  self->busy = FALSE;
  if (ok && job->commit)
    {
      self->committed = TRUE;
      if (self->work->batch_ids->len > 0)
        tally_project_notify_data_changed (self->project);
    }

  if (ok)
    g_task_return_boolean (outer, TRUE);
  else
    g_task_return_error (outer, g_steal_pointer (&error));
}

/* The caller's task carries the job; a second task runs it on a thread. */
static void
run_job (TallyImportSession  *self,
         Job                 *job,
         GTaskThreadFunc      worker,
         gpointer             source_tag,
         GCancellable        *cancellable,
         GAsyncReadyCallback  callback,
         gpointer             user_data)
{
  g_autoptr(GTask) outer = g_task_new (self, cancellable, callback, user_data);
  g_autoptr(GTask) inner = NULL;

  job->work = self->work;
  g_task_set_source_tag (outer, source_tag);
  g_task_set_task_data (outer, job, (GDestroyNotify) job_free);
  /* What the worker did is the answer, cancelled or not: an import that
   * was already in when Cancel came is still part of the transaction. */
  g_task_set_check_cancellable (outer, FALSE);

  /* The worker thread lets go of its task a little after it returned: the
   * inner task holds no session, so that the session goes as soon as the
   * caller drops it. */
  inner = g_task_new (NULL, cancellable, job_done_cb, g_object_ref (outer));
  g_task_set_source_tag (inner, run_job);
  g_task_set_task_data (inner, job, NULL);
  g_task_set_check_cancellable (inner, FALSE);
  self->busy = TRUE;
  g_task_run_in_thread (inner, worker);
}

/* Public ---------------------------------------------------------------------- */

/**
 * tally_import_session_import_async:
 * @self: an idle session
 * @path: the export to import
 * @options: (nullable): how to read it; copied
 * @cancellable: (nullable): cancels this import only
 * @callback: called on this thread when the import is done
 * @user_data: for @callback
 *
 * Imports @path into the session's transaction on a worker thread. The
 * first import opens the session's connection and notes the totals before.
 */
void
tally_import_session_import_async (TallyImportSession        *self,
                                   const char                *path,
                                   const TallyImportOptions  *options,
                                   GCancellable              *cancellable,
                                   GAsyncReadyCallback        callback,
                                   gpointer                   user_data)
{
  Job *job;

  g_return_if_fail (TALLY_IS_IMPORT_SESSION (self));
  g_return_if_fail (path != NULL);
  g_return_if_fail (!self->busy && !self->committed);

  job = g_new0 (Job, 1);
  job->path = g_strdup (path);
  if (options != NULL)
    job->options = *options;
  job->preset = g_strdup (job->options.preset);
  if (job->options.mapping != NULL)
    {
      /* A copy of its own: json-glib's reference counts are not for threads. */
      g_autofree char *text = json_to_string (job->options.mapping, FALSE);

      job->mapping = json_from_string (text, NULL);
    }
  job->options.preset = job->preset;
  job->options.mapping = job->mapping;
  g_atomic_int_set (&self->work->permille, 0);

  run_job (self, job, import_worker, tally_import_session_import_async, cancellable, callback, user_data);
}

/**
 * tally_import_session_import_finish:
 * @self: the session
 * @result: the result given to the callback
 * @import_result: (out) (optional) (transfer full): what the import found,
 *   also when it failed (rows it could not read, a question to ask)
 * @error: return location for an error
 *
 * Returns: whether the file is in the session's transaction
 */
gboolean
tally_import_session_import_finish (TallyImportSession  *self,
                                    GAsyncResult        *result,
                                    TallyImportResult  **import_result,
                                    GError             **error)
{
  Job *job;

  g_return_val_if_fail (TALLY_IS_IMPORT_SESSION (self), FALSE);
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == tally_import_session_import_async, FALSE);

  job = g_task_get_task_data (G_TASK (result));
  if (import_result != NULL)
    *import_result = g_steal_pointer (&job->result);
  return g_task_propagate_boolean (G_TASK (result), error);
}

/**
 * tally_import_session_get_progress:
 * @self: the session
 *
 * Returns: how far the running import has read its file, from 0 to 1;
 *   safe to ask while it runs
 */
double
tally_import_session_get_progress (TallyImportSession *self)
{
  g_return_val_if_fail (TALLY_IS_IMPORT_SESSION (self), 0);

  return g_atomic_int_get (&self->work->permille) / 1000.0;
}

/**
 * tally_import_session_commit_async:
 * @self: an idle session
 * @cancellable: (nullable): stops the commit if it has not begun
 * @callback: called on this thread when the files are saved
 * @user_data: for @callback
 *
 * Saves every file imported so far at once, then notes the totals after.
 * The project the session was made for hears of the change before
 * @callback runs.
 */
void
tally_import_session_commit_async (TallyImportSession  *self,
                                   GCancellable        *cancellable,
                                   GAsyncReadyCallback  callback,
                                   gpointer             user_data)
{
  Job *job;

  g_return_if_fail (TALLY_IS_IMPORT_SESSION (self));
  g_return_if_fail (!self->busy && !self->committed);

  job = g_new0 (Job, 1);
  job->commit = TRUE;
  run_job (self, job, commit_worker, tally_import_session_commit_async, cancellable, callback, user_data);
}

gboolean
tally_import_session_commit_finish (TallyImportSession  *self,
                                    GAsyncResult        *result,
                                    GError             **error)
{
  g_return_val_if_fail (TALLY_IS_IMPORT_SESSION (self), FALSE);
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == tally_import_session_commit_async, FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

/**
 * tally_import_session_discard:
 * @self: an idle session
 *
 * Drops every file imported so far; the project is as it was before the
 * session. The session can import again afterwards.
 */
void
tally_import_session_discard (TallyImportSession *self)
{
  Work *work;

  g_return_if_fail (TALLY_IS_IMPORT_SESSION (self));
  g_return_if_fail (!self->busy);

  work = self->work;
  if (work->project != NULL)
    tally_project_discard_changes (work->project);
  g_clear_object (&work->project);
  g_array_set_size (work->batch_ids, 0);
  work->before.valid = FALSE;
  work->after.valid = FALSE;
}

gboolean
tally_import_session_is_busy (TallyImportSession *self)
{
  g_return_val_if_fail (TALLY_IS_IMPORT_SESSION (self), FALSE);

  return self->busy;
}

gboolean
tally_import_session_is_committed (TallyImportSession *self)
{
  g_return_val_if_fail (TALLY_IS_IMPORT_SESSION (self), FALSE);

  return self->committed;
}

/**
 * tally_import_session_get_n_imported:
 * @self: an idle session
 *
 * Returns: how many files are in the session's transaction (or were
 *   committed with it)
 */
guint
tally_import_session_get_n_imported (TallyImportSession *self)
{
  g_return_val_if_fail (TALLY_IS_IMPORT_SESSION (self), 0);
  g_return_val_if_fail (!self->busy, 0);

  return self->work->batch_ids->len;
}

/**
 * tally_import_session_get_batch_id:
 * @self: an idle session
 * @index: the file, in the order they were imported
 *
 * Returns: the batch the file became
 */
gint64
tally_import_session_get_batch_id (TallyImportSession *self,
                                   guint               index)
{
  g_return_val_if_fail (TALLY_IS_IMPORT_SESSION (self), 0);
  g_return_val_if_fail (!self->busy, 0);
  g_return_val_if_fail (index < self->work->batch_ids->len, 0);

  return g_array_index (self->work->batch_ids, gint64, index);
}

/**
 * tally_import_session_get_totals_before:
 * @self: an idle session
 *
 * Returns: (transfer none): the totals when the session's transaction
 *   began; not valid before the first import
 */
const TallyImportTotals *
tally_import_session_get_totals_before (TallyImportSession *self)
{
  g_return_val_if_fail (TALLY_IS_IMPORT_SESSION (self), NULL);

  return &self->work->before;
}

/**
 * tally_import_session_get_totals_after:
 * @self: an idle session
 *
 * Returns: (transfer none): the totals once committed; not valid before
 */
const TallyImportTotals *
tally_import_session_get_totals_after (TallyImportSession *self)
{
  g_return_val_if_fail (TALLY_IS_IMPORT_SESSION (self), NULL);

  return &self->work->after;
}

/**
 * tally_import_session_get_currency:
 * @self: an idle session
 *
 * Returns: (nullable): the reporting currency the totals are in
 */
const char *
tally_import_session_get_currency (TallyImportSession *self)
{
  g_return_val_if_fail (TALLY_IS_IMPORT_SESSION (self), NULL);

  return self->work->currency;
}

/* The currency's minor unit, for formatting the totals. */
guint
tally_import_session_get_decimals (TallyImportSession *self)
{
  g_return_val_if_fail (TALLY_IS_IMPORT_SESSION (self), 0);

  return self->work->decimals;
}

TallyProject *
tally_import_session_get_project (TallyImportSession *self)
{
  g_return_val_if_fail (TALLY_IS_IMPORT_SESSION (self), NULL);

  return self->project;
}

/* Life ------------------------------------------------------------------------- */

static void
tally_import_session_finalize (GObject *object)
{
  TallyImportSession *self = TALLY_IMPORT_SESSION (object);

  /* A running job holds the session: no thread uses the Work now. */
  g_clear_pointer (&self->work, work_free);
  g_clear_object (&self->project);

  G_OBJECT_CLASS (tally_import_session_parent_class)->finalize (object);
}

static void
tally_import_session_class_init (TallyImportSessionClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = tally_import_session_finalize;
}

static void
tally_import_session_init (TallyImportSession *self)
{
  self->work = g_new0 (Work, 1);
  self->work->batch_ids = g_array_new (FALSE, FALSE, sizeof (gint64));
}

/**
 * tally_import_session_new:
 * @project: the project to import into
 *
 * The session opens a connection of its own to @project's file when it
 * first imports; @project is only told when the data changed.
 *
 * Returns: (transfer full): a session with nothing imported
 */
TallyImportSession *
tally_import_session_new (TallyProject *project)
{
  TallyImportSession *self;

  g_return_val_if_fail (TALLY_IS_PROJECT (project), NULL);

  self = g_object_new (TALLY_TYPE_IMPORT_SESSION, NULL);
  self->project = g_object_ref (project);
  self->work->path = g_strdup (tally_project_get_path (project));
  return self;
}
