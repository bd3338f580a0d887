/* tally-cli-demo.c: tally-cli demo
 *
 * Copyright 2026 The Tally authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "tally-cli"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "tally-cli-private.h"

int
tally_cli_demo (int    argc,
                char **argv)
{
  g_autoptr(TallyProject) project = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *name = NULL;
  int exit_code;

  if (!tally_cli_parse (tally_cli_lookup_command ("demo"), NULL, &argc, &argv, 1, 1, &exit_code))
    return exit_code;

  project = tally_demo_create (argv[1], &error);
  if (project == NULL)
    return tally_cli_fail (error);

  name = tally_project_get_setting (project, "name");
  g_print (_("Created the demo client %s in %s, with its exports imported.\n"), name, tally_project_get_path (project));
  return TALLY_EXIT_OK;
}
