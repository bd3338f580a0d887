/* tally-cli-settings.c: tally-cli new, set and get
 *
 * Copyright 2026 The Tally authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "tally-cli"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "tally-cli-private.h"

int
tally_cli_new (int    argc,
               char **argv)
{
  g_autofree char *timezone = NULL;
  g_autofree char *currency = NULL;
  g_autofree char *name = NULL;
  g_autoptr(GPtrArray) settings = g_ptr_array_new ();
  g_autoptr(TallyProject) project = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *tz = NULL;
  g_autofree char *cur = NULL;
  g_autofree char *client = NULL;
  int exit_code;
  GOptionEntry entries[] = {
    { "timezone", 0, 0, G_OPTION_ARG_STRING, &timezone,
      N_("The reporting timezone, an IANA name (default: this computer’s)"), N_("TZ") },
    { "currency", 0, 0, G_OPTION_ARG_STRING, &currency,
      N_("The reporting currency, an ISO 4217 code (default: USD)"), N_("CUR") },
    { "name", 0, 0, G_OPTION_ARG_STRING, &name,
      N_("The client’s name (default: the file name)"), N_("NAME") },
    { NULL }
  };

  if (!tally_cli_parse (tally_cli_lookup_command ("new"), entries, &argc, &argv, 1, 1, &exit_code))
    return exit_code;

  if (timezone != NULL)
    {
      g_ptr_array_add (settings, "timezone");
      g_ptr_array_add (settings, timezone);
    }
  if (currency != NULL)
    {
      g_ptr_array_add (settings, "reporting_currency");
      g_ptr_array_add (settings, currency);
    }
  if (name != NULL)
    {
      g_ptr_array_add (settings, "name");
      g_ptr_array_add (settings, name);
    }
  g_ptr_array_add (settings, NULL);

  project = tally_project_create (argv[1], (const char * const *) settings->pdata, &error);
  if (project == NULL)
    return tally_cli_fail (error);

  client = tally_project_get_setting (project, "name");
  tz = tally_project_get_setting (project, "timezone");
  cur = tally_project_get_setting (project, "reporting_currency");
  g_print (_("Created %s for %s, reporting in %s on %s time.\n"),
           tally_project_get_display_name (project), client, cur, tz);
  return TALLY_EXIT_OK;
}

int
tally_cli_set (int    argc,
               char **argv)
{
  g_autoptr(TallyProject) project = NULL;
  g_autoptr(GError) error = NULL;
  int exit_code;

  if (!tally_cli_parse (tally_cli_lookup_command ("set"), NULL, &argc, &argv, 3, 3, &exit_code))
    return exit_code;

  project = tally_cli_open_project (argv[1], &exit_code);
  if (project == NULL)
    return exit_code;

  if (!tally_setting_save (project, argv[2], argv[3], &error))
    return tally_cli_fail (error);

  return TALLY_EXIT_OK;
}

/* How an unset key reads in the listing: what applies instead. */
static char *
describe_unset (TallyProject *project,
                const char   *key)
{
  const TallySettingSpec *spec = tally_settings_lookup (key);
  g_autofree char *effective = NULL;

  if (spec == NULL || spec->follows == NULL)
    return g_strdup (_("(unset)"));

  effective = tally_project_get_effective_setting (project, key);
  return g_strdup_printf (_("(unset: follows %s, %s)"), spec->follows, effective);
}

static int
print_all_settings (TallyProject *project)
{
  g_auto(GStrv) keys = tally_project_list_setting_keys (project);
  g_autoptr(GPtrArray) rows = g_ptr_array_new_with_free_func ((GDestroyNotify) g_strfreev);

  for (guint i = 0; keys[i] != NULL; i++)
    {
      g_autofree char *value = tally_project_get_setting (project, keys[i]);
      char **row = g_new0 (char *, 3);

      row[0] = g_strdup (keys[i]);
      row[1] = value != NULL ? g_steal_pointer (&value) : describe_unset (project, keys[i]);
      g_ptr_array_add (rows, row);
    }

  tally_cli_print_table (rows, 2);
  return TALLY_EXIT_OK;
}

int
tally_cli_get (int    argc,
               char **argv)
{
  g_autoptr(TallyProject) project = NULL;
  g_autofree char *value = NULL;
  int exit_code;

  if (!tally_cli_parse (tally_cli_lookup_command ("get"), NULL, &argc, &argv, 1, 2, &exit_code))
    return exit_code;

  project = tally_cli_open_project (argv[1], &exit_code);
  if (project == NULL)
    return exit_code;

  if (argc == 2)
    return print_all_settings (project);

  if (tally_settings_lookup (argv[2]) == NULL)
    {
      g_autoptr(GError) error = NULL;

      /* The same sentence `set` gives for an unknown key. */
      g_free (tally_settings_normalize (argv[2], "", &error));
      return tally_cli_fail (error);
    }

  /* An unset key prints an empty line: there is no value to show. */
  value = tally_project_get_setting (project, argv[2]);
  g_print ("%s\n", value != NULL ? value : "");
  return TALLY_EXIT_OK;
}
