/* tally-pull-job.c: a pull on a worker thread, for the app
 *
 * Copyright 2026 The Tally authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The pull runs in a GTask thread on a connection of its own (the project
 * opened again by its path), as every change of the app does; the window
 * reads its progress while it runs (the fraction atomically, the status
 * under a lock) and, once it is done, its result, then tells its own
 * project that the data changed.
 */
#define G_LOG_DOMAIN "tally-pull"

#include "config.h"

#include "tally-pull-job.h"

#include <string.h>

struct _TallyPullJob
{
  GObject           parent_instance;

  char             *path;
  TallyPullKind     kind;
  char             *token;
  char             *account_id;
  char             *from;
  char             *to;
  gboolean          history;

  gint              permille;    /* atomic */
  GMutex            lock;
  char             *status;      /* under lock */
  TallyPullResult  *result;      /* the worker's until it returns */
  GPtrArray        *accounts;
  gboolean          running;
};

G_DEFINE_FINAL_TYPE (TallyPullJob, tally_pull_job, G_TYPE_OBJECT)

static void
tally_pull_job_finalize (GObject *object)
{
  TallyPullJob *self = TALLY_PULL_JOB (object);

  g_free (self->path);
  if (self->token != NULL)
    memset (self->token, 0, strlen (self->token));
  g_free (self->token);
  g_free (self->account_id);
  g_free (self->from);
  g_free (self->to);
  g_free (self->status);
  g_mutex_clear (&self->lock);
  g_clear_pointer (&self->result, tally_pull_result_free);
  g_clear_pointer (&self->accounts, g_ptr_array_unref);

  G_OBJECT_CLASS (tally_pull_job_parent_class)->finalize (object);
}

static void
tally_pull_job_class_init (TallyPullJobClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = tally_pull_job_finalize;
}

static void
tally_pull_job_init (TallyPullJob *self)
{
  g_mutex_init (&self->lock);
}

/**
 * tally_pull_job_new:
 * @project: the project to pull into; only its path is kept
 * @options: copied
 */
TallyPullJob *
tally_pull_job_new (TallyProject           *project,
                    TallyPullKind           kind,
                    const TallyPullOptions *options)
{
  TallyPullJob *self = g_object_new (TALLY_TYPE_PULL_JOB, NULL);

  self->path = g_strdup (tally_project_get_path (project));
  self->kind = kind;
  self->token = g_strdup (options->token);
  self->account_id = g_strdup (options->account_id);
  self->from = g_strdup (options->from);
  self->to = g_strdup (options->to);
  self->history = options->history;
  return self;
}

static void
progress_cb (double      fraction,
             const char *status,
             gpointer    data)
{
  TallyPullJob *self = data;

  g_atomic_int_set (&self->permille, (gint) (CLAMP (fraction, 0.0, 1.0) * 1000));
  g_mutex_lock (&self->lock);
  g_free (self->status);
  self->status = g_strdup (status);
  g_mutex_unlock (&self->lock);
}

static void
run_worker (GTask        *task,
            gpointer      source_object,
            gpointer      task_data,
            GCancellable *cancellable)
{
  TallyPullJob *self = source_object;
  TallyPullOptions options = { self->token, self->account_id, self->from, self->to, self->history, 0 };
  g_autoptr(GError) error = NULL;
  g_autoptr(TallyProject) project = tally_project_open (self->path, &error);
  gboolean ok;

  if (project == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  switch (self->kind)
    {
    case TALLY_PULL_ACCOUNTS:
      self->accounts = tally_pull_accounts (project, &options, cancellable, &error);
      ok = self->accounts != NULL;
      break;
    case TALLY_PULL_META:
      ok = tally_pull_meta (project, &options, progress_cb, self, cancellable, &self->result, &error);
      break;
    case TALLY_PULL_FX:
    default:
      ok = tally_pull_fx (project, &options, progress_cb, self, cancellable, &self->result, &error);
      break;
    }

  if (ok)
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, g_steal_pointer (&error));
}

void
tally_pull_job_run_async (TallyPullJob        *self,
                          GCancellable        *cancellable,
                          GAsyncReadyCallback  callback,
                          gpointer             user_data)
{
  g_autoptr(GTask) task = g_task_new (self, cancellable, callback, user_data);

  g_return_if_fail (!self->running);
  self->running = TRUE;
  g_task_set_source_tag (task, tally_pull_job_run_async);
  g_task_run_in_thread (task, run_worker);
}

gboolean
tally_pull_job_run_finish (TallyPullJob  *self,
                           GAsyncResult  *result,
                           GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  self->running = FALSE;
  return g_task_propagate_boolean (G_TASK (result), error);
}

double
tally_pull_job_get_fraction (TallyPullJob *self)
{
  return g_atomic_int_get (&self->permille) / 1000.0;
}

/* Returns: (transfer full) (nullable): what the pull is doing */
char *
tally_pull_job_dup_status (TallyPullJob *self)
{
  char *status;

  g_mutex_lock (&self->lock);
  status = g_strdup (self->status);
  g_mutex_unlock (&self->lock);
  return status;
}

/* Returns: (nullable): the Meta or FX pull's result, once it is done */
const TallyPullResult *
tally_pull_job_get_result (TallyPullJob *self)
{
  return self->running ? NULL : self->result;
}

/* Returns: (nullable) (element-type TallyMetaAccount): the accounts */
GPtrArray *
tally_pull_job_get_accounts (TallyPullJob *self)
{
  return self->running ? NULL : self->accounts;
}
