/* tally-test-gtk.c: set-up shared by the in-process widget tests
 *
 * Copyright 2026 The Tally authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <gtk/gtk.h>

#include "tally-test-gtk.h"

/* GTest with isolated folders, then GTK. Without a display every test is
 * skipped: returns %FALSE, and the caller returns g_test_run() at once. */
gboolean
tally_test_init_gtk (int    *argc,
                     char ***argv)
{
  g_test_init (argc, argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  if (!gtk_init_check ())
    {
      g_test_skip ("no display");
      return FALSE;
    }
  return TRUE;
}
