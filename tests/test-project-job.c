/* test-project-job.c: a change made in a worker thread, on a connection of
 * its own
 *
 * Copyright 2026 The Tally authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "tally-core.h"
#include "tally-test-utils.h"

typedef struct
{
  GMainLoop *loop;
  gboolean   ok;
  GError    *error;
  gboolean   other_thread;
} Outcome;

static GThread *main_thread;

static gboolean
rename_job (TallyProject  *project,
            gpointer       data,
            GError       **error)
{
  gboolean *other_thread = data;

  *other_thread = g_thread_self () != main_thread;
  return tally_setting_save (project, "name", "Renamed in a thread", error);
}

static gboolean
refused_job (TallyProject  *project,
             gpointer       data,
             GError       **error)
{
  return tally_setting_save (project, "timezone", "Mars/Base", error);
}

static void
done_cb (GObject      *object,
         GAsyncResult *result,
         gpointer      user_data)
{
  Outcome *outcome = user_data;

  outcome->ok = tally_project_run_finish (TALLY_PROJECT (object), result, &outcome->error);
  g_main_loop_quit (outcome->loop);
}

static void
test_job (void)
{
  g_autofree char *dir = tally_test_make_dir ();
  g_autofree char *path = g_build_filename (dir, "Client.tally", NULL);
  g_autoptr(TallyProject) project = NULL;
  g_autoptr(GMainLoop) loop = g_main_loop_new (NULL, FALSE);
  g_autoptr(GError) error = NULL;
  g_autofree char *name = NULL;
  g_autofree char *timezone = NULL;
  Outcome outcome = { loop };

  main_thread = g_thread_self ();
  project = tally_project_create (path, NULL, &error);
  g_assert_no_error (error);

  /* The change is made in another thread and seen by this connection. */
  tally_project_run_async (project, rename_job, &outcome.other_thread, NULL, NULL, done_cb, &outcome);
  g_main_loop_run (loop);
  g_assert_no_error (outcome.error);
  g_assert_true (outcome.ok);
  g_assert_true (outcome.other_thread);
  name = tally_project_get_setting (project, "name");
  g_assert_cmpstr (name, ==, "Renamed in a thread");

  /* A refused change comes back as the job's error and changes nothing. */
  timezone = tally_project_get_setting (project, "timezone");
  tally_project_run_async (project, refused_job, NULL, NULL, NULL, done_cb, &outcome);
  g_main_loop_run (loop);
  g_assert_false (outcome.ok);
  g_assert_error (outcome.error, TALLY_ERROR, TALLY_ERROR_INVALID);
  g_clear_error (&outcome.error);
  g_free (name);
  name = tally_project_get_setting (project, "timezone");
  g_assert_cmpstr (name, ==, timezone);

  g_clear_object (&project);
  tally_test_remove_dir (dir);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/project-job/run", test_job);

  return g_test_run ();
}
