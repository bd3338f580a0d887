/* tally-test-project.c: helpers for tests that work on a project
 *
 * Copyright 2026 The Tally authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "tally-test-project.h"
#include "tally-test-utils.h"

/* Writes @text to @dir/@name and imports it with the detected preset;
 * any error fails the test. */
void
tally_test_import_text (TallyProject *project,
                        const char   *dir,
                        const char   *name,
                        const char   *text)
{
  g_autofree char *path = g_build_filename (dir, name, NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(TallyImportResult) result = NULL;

  tally_test_write_file (path, text, -1);
  g_assert_true (tally_import_file (project, path, NULL, NULL, NULL, NULL, &result, &error));
  g_assert_no_error (error);
}

/**
 * tally_test_client_new:
 * @dir: the test's folder
 * @file_name: the project's file name in @dir
 * @meta_csv: (nullable): a Meta export to import as meta.csv
 * @deals_csv: (nullable): a CRM export to import as deals.csv
 *
 * A client reported in UTC and USD, with the two exports imported.
 */
TallyProject *
tally_test_client_new (const char *dir,
                       const char *file_name,
                       const char *meta_csv,
                       const char *deals_csv)
{
  const char * const settings[] = { "timezone", "UTC", "reporting_currency", "USD", NULL };
  g_autofree char *path = g_build_filename (dir, file_name, NULL);
  g_autoptr(GError) error = NULL;
  TallyProject *project = tally_project_create (path, settings, &error);

  g_assert_no_error (error);
  if (meta_csv != NULL)
    tally_test_import_text (project, dir, "meta.csv", meta_csv);
  if (deals_csv != NULL)
    tally_test_import_text (project, dir, "deals.csv", deals_csv);
  return project;
}

void
tally_test_client_setup (TallyTestClient *fixture,
                         gconstpointer    data)
{
  const char * const settings[] = { "timezone", "America/Bogota", "reporting_currency", "USD", NULL };
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;

  fixture->dir = tally_test_make_dir ();
  path = g_build_filename (fixture->dir, "client.tally", NULL);
  fixture->project = tally_project_create (path, settings, &error);
  g_assert_no_error (error);
}

/* The project must be gone with the test: nothing may keep it alive. */
void
tally_test_client_teardown (TallyTestClient *fixture,
                            gconstpointer    data)
{
  g_assert_finalize_object (fixture->project);
  tally_test_remove_dir (fixture->dir);
  g_free (fixture->dir);
}
