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
