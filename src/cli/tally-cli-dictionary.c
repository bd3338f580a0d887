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

static char **
header (void)
{
  return make_row (_("ID"), _("NAME"), _("SOURCE"), _("UNIT"), _("KIND"));
}

static char **
kpi_row (gpointer item)
{
  TallyKpi *kpi = item;

  return make_row (tally_kpi_get_id (kpi), tally_kpi_get_name (kpi), tally_kpi_get_source (kpi),
                   tally_kpi_get_unit (kpi), tally_kpi_get_core (kpi) ? _("core") : _("custom"));
}

static void
print_json (GPtrArray *kpis)
{
  g_autoptr(JsonNode) node = tally_dictionary_to_json (kpis);

  tally_cli_print_json (node);
}

int
tally_cli_dictionary (int    argc,
                      char **argv)
{
  static const TallyCliList list = {
    "dictionary", NULL, tally_dictionary_list, print_json, header, kpi_row, 5, NULL,
  };

  return tally_cli_run_list (&list, argc, argv);
}
