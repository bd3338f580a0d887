/* tally-cli-list.c: what the list commands share
 *
 * Copyright 2026 The Tally authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * `dictionary`, `batches` and `publications` each take FILE and --json,
 * open the project, list its items and print them as JSON or as a table
 * under a header. Each says what its items are and how one is shown; the
 * rest is written here once.
 */
#define G_LOG_DOMAIN "tally-cli"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "tally-cli-private.h"

static void
print_table (const TallyCliList *list,
             GPtrArray          *items)
{
  g_autoptr(GPtrArray) rows = g_ptr_array_new_with_free_func ((GDestroyNotify) g_strfreev);

  g_ptr_array_add (rows, list->header ());
  for (guint i = 0; i < items->len; i++)
    g_ptr_array_add (rows, list->row (g_ptr_array_index (items, i)));
  tally_cli_print_table (rows, list->n_columns);
}

/**
 * tally_cli_run_list:
 * @list: the command's items and how they are shown
 * @argc: the command's argument count
 * @argv: its arguments: the command's name, then FILE
 *
 * Returns: the exit code
 */
int
tally_cli_run_list (const TallyCliList  *list,
                    int                  argc,
                    char               **argv)
{
  g_autoptr(TallyProject) project = NULL;
  g_autoptr(GPtrArray) items = NULL;
  g_autoptr(GError) error = NULL;
  gboolean json = FALSE;
  int exit_code;
  GOptionEntry entries[] = {
    { "json", 0, 0, G_OPTION_ARG_NONE, &json, list->json_help != NULL ? list->json_help : N_("Print JSON"), NULL },
    { NULL }
  };

  if (!tally_cli_parse (tally_cli_lookup_command (list->command), entries, &argc, &argv, 1, 1, &exit_code))
    return exit_code;

  project = tally_cli_open_project (argv[1], &exit_code);
  if (project == NULL)
    return exit_code;

  items = list->list (project, &error);
  if (items == NULL)
    return tally_cli_fail (error);

  if (json)
    list->print_json (items);
  else if (items->len == 0 && list->empty != NULL)
    g_print ("%s", _(list->empty));
  else
    print_table (list, items);

  return TALLY_EXIT_OK;
}
