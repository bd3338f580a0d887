/* tally-project-job.c: a change to a project, made in a worker thread
 *
 * Copyright 2026 The Tally authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A connection is used by one thread at a time, so a job opens the file
 * again in its thread: the caller's connection stays free to read, and
 * SQLite's lock orders the two.
 */
#define G_LOG_DOMAIN "tally-project"

#include "config.h"

#include "tally-project-job.h"

typedef struct
{
  char           *path;
  TallyProjectJob func;
  gpointer        data;
  GDestroyNotify  data_free;
} Job;

static void
job_free (Job *job)
{
  if (job->data_free != NULL)
    job->data_free (job->data);
  g_free (job->path);
  g_free (job);
}

static void
job_worker (GTask        *task,
            gpointer      source_object,
            gpointer      task_data,
            GCancellable *cancellable)
{
  Job *job = task_data;
  g_autoptr(TallyProject) project = NULL;
  g_autoptr(GError) error = NULL;

  project = tally_project_open (job->path, &error);
  if (project == NULL || !job->func (project, job->data, &error))
    g_task_return_error (task, g_steal_pointer (&error));
  else
    g_task_return_boolean (task, TRUE);
}

/**
 * tally_project_run_async:
 * @project: a project
 * @func: the change, given a connection of its own
 * @data: what @func needs
 * @data_free: (nullable): frees @data once the job is over
 * @cancellable: (nullable): a #GCancellable
 * @callback: called in the caller's main context when @func has returned
 * @user_data: data for @callback
 *
 * Runs @func in a worker thread on the same file as @project. The caller
 * tells @project's readers with tally_project_notify_data_changed() once
 * tally_project_run_finish() says the change was made.
 */
void
tally_project_run_async (TallyProject        *project,
                         TallyProjectJob      func,
                         gpointer             data,
                         GDestroyNotify       data_free,
                         GCancellable        *cancellable,
                         GAsyncReadyCallback  callback,
                         gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  Job *job;

  g_return_if_fail (TALLY_IS_PROJECT (project));
  g_return_if_fail (func != NULL);

  job = g_new0 (Job, 1);
  job->path = g_strdup (tally_project_get_path (project));
  job->func = func;
  job->data = data;
  job->data_free = data_free;
  task = g_task_new (project, cancellable, callback, user_data);
  g_task_set_source_tag (task, tally_project_run_async);
  g_task_set_task_data (task, job, (GDestroyNotify) job_free);
  g_task_run_in_thread (task, job_worker);
}

gboolean
tally_project_run_finish (TallyProject  *project,
                          GAsyncResult  *result,
                          GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, project), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}
