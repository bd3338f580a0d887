/* tally-cli-dictionary.c: tally-cli dictionary
 *
 * Copyright 2026 The Tally authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "tally-cli"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "tally-cli-private.h"

static char **
make_row (const char *id,
          const char *name,
          const char *source,
          const char *unit,
          const char *kind)
{
  char **row = g_new0 (char *, 6);

  row[0] = g_strdup (id);
  row[1] = g_strdup (name);
  row[2] = g_strdup (source);
  row[3] = g_strdup (unit);
  row[4] = g_strdup (kind);
  return row;
}

int
tally_cli_dictionary (int    argc,
                      char **argv)
{
  g_autoptr(TallyProject) project = NULL;
  g_autoptr(GPtrArray) kpis = NULL;
  g_autoptr(GPtrArray) rows = NULL;
  g_autoptr(GError) error = NULL;
  gboolean json = FALSE;
  int exit_code;
  GOptionEntry entries[] = {
    { "json", 0, 0, G_OPTION_ARG_NONE, &json, N_("Print JSON"), NULL },
    { NULL }
  };

  if (!tally_cli_parse (tally_cli_lookup_command ("dictionary"), entries, &argc, &argv, 1, 1, &exit_code))
    return exit_code;

  project = tally_cli_open_project (argv[1], &exit_code);
  if (project == NULL)
    return exit_code;

  kpis = tally_dictionary_list (project, &error);
  if (kpis == NULL)
    return tally_cli_fail (error);

  if (json)
    {
      g_autoptr(JsonNode) node = tally_dictionary_to_json (kpis);

      tally_cli_print_json (node);
      return TALLY_EXIT_OK;
    }

  rows = g_ptr_array_new_with_free_func ((GDestroyNotify) g_strfreev);
  g_ptr_array_add (rows, make_row (_("ID"), _("NAME"), _("SOURCE"), _("UNIT"), _("KIND")));
  for (guint i = 0; i < kpis->len; i++)
    {
      TallyKpi *kpi = g_ptr_array_index (kpis, i);

      g_ptr_array_add (rows, make_row (tally_kpi_get_id (kpi), tally_kpi_get_name (kpi),
                                       tally_kpi_get_source (kpi), tally_kpi_get_unit (kpi),
                                       tally_kpi_get_core (kpi) ? _("core") : _("custom")));
    }
  tally_cli_print_table (rows, 5);
  return TALLY_EXIT_OK;
}
