/* tally-cli-pull.c: tally-cli accounts, pull, fx-update, connect and
 * disconnect: the network, from the command line
 *
 * Copyright 2026 The Tally authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The token comes from TALLY_META_TOKEN or the keyring (`connect` keeps
 * one read from standard input, never from the arguments, which other
 * users of the machine can see); no line printed holds it.
 */
#define G_LOG_DOMAIN "tally-cli"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "tally-cli-private.h"

int
tally_cli_accounts (int    argc,
                    char **argv)
{
  g_autoptr(TallyProject) project = NULL;
  g_autoptr(GPtrArray) accounts = NULL;
  g_autoptr(GPtrArray) rows = g_ptr_array_new_with_free_func ((GDestroyNotify) g_strfreev);
  g_autoptr(GError) error = NULL;
  TallyPullOptions options = { 0 };
  int exit_code;

  if (!tally_cli_parse (tally_cli_lookup_command ("accounts"), NULL, &argc, &argv, 1, 1, &exit_code))
    return exit_code;
  if ((project = tally_cli_open_project (argv[1], &exit_code)) == NULL)
    return exit_code;

  accounts = tally_pull_accounts (project, &options, NULL, &error);
  if (accounts == NULL)
    return tally_cli_fail (error);
  if (accounts->len == 0)
    {
      g_print ("%s\n", _("The token sees no ad accounts; check that it has the ads_read permission."));
      return TALLY_EXIT_OK;
    }

  g_ptr_array_add (rows, g_strsplit (_("Account\tName\tCurrency\tTimezone"), "\t", -1));
  for (guint i = 0; i < accounts->len; i++)
    {
      TallyMetaAccount *account = accounts->pdata[i];
      char **row = g_new0 (char *, 5);

      row[0] = g_strdup (account->id);
      row[1] = g_strdup (account->name != NULL ? account->name : "");
      row[2] = g_strdup (account->currency != NULL ? account->currency : "");
      row[3] = g_strdup (account->timezone != NULL ? account->timezone : "");
      g_ptr_array_add (rows, row);
    }
  tally_cli_print_table (rows, 4);
  return TALLY_EXIT_OK;
}

static void
print_pull (const TallyPullResult *result)
{
  if (result->import != NULL)
    tally_cli_print_import_summary (result->import);
  else
    g_print ("%s\n", _("Nothing new: the answer is the same as the last pull’s."));
  if (result->note != NULL)
    g_print ("  %s\n", result->note);
}

int
tally_cli_pull (int    argc,
                char **argv)
{
  g_autofree char *account = NULL, *from = NULL, *to = NULL;
  g_autoptr(TallyProject) project = NULL;
  g_autoptr(TallyPullResult) result = NULL;
  g_autoptr(GError) error = NULL;
  TallyPullOptions options = { 0 };
  const TallyCliCommand *command = tally_cli_lookup_command ("pull");
  gint32 day;
  int exit_code;
  GOptionEntry entries[] = {
    { "account", 0, 0, G_OPTION_ARG_STRING, &account, N_("The ad account (default: the project’s)"), N_("ID") },
    { "from", 0, 0, G_OPTION_ARG_STRING, &from, N_("The first day, YYYY-MM-DD"), N_("D") },
    { "to", 0, 0, G_OPTION_ARG_STRING, &to, N_("The last day, YYYY-MM-DD"), N_("D") },
    { NULL }
  };

  if (!tally_cli_parse (command, entries, &argc, &argv, 1, 1, &exit_code))
    return exit_code;
  if ((from == NULL) != (to == NULL))
    return tally_cli_usage (command, _("Give both --from and --to, or neither."));
  if ((from != NULL && !tally_cli_parse_day (command, "--from", from, &day, &exit_code)) ||
      (to != NULL && !tally_cli_parse_day (command, "--to", to, &day, &exit_code)))
    return exit_code;
  if ((project = tally_cli_open_project (argv[1], &exit_code)) == NULL)
    return exit_code;

  options.account_id = account;
  options.from = from;
  options.to = to;
  if (!tally_pull_meta (project, &options, NULL, NULL, NULL, &result, &error))
    return tally_cli_fail (error);

  g_print (_("Pulled %s, %s to %s.\n"), result->account->id, result->from, result->to);
  print_pull (result);
  return TALLY_EXIT_OK;
}

int
tally_cli_fx_update (int    argc,
                     char **argv)
{
  g_autoptr(TallyProject) project = NULL;
  g_autoptr(TallyPullResult) result = NULL;
  g_autoptr(GError) error = NULL;
  TallyPullOptions options = { 0 };
  gboolean history = FALSE;
  int exit_code;
  GOptionEntry entries[] = {
    { "history", 0, 0, G_OPTION_ARG_NONE, &history, N_("Every rate since 1999, not only the feed’s days"), NULL },
    { NULL }
  };

  if (!tally_cli_parse (tally_cli_lookup_command ("fx-update"), entries, &argc, &argv, 1, 1, &exit_code))
    return exit_code;
  if ((project = tally_cli_open_project (argv[1], &exit_code)) == NULL)
    return exit_code;

  options.history = history;
  if (!tally_pull_fx (project, &options, NULL, NULL, NULL, &result, &error))
    return tally_cli_fail (error);
  print_pull (result);
  return TALLY_EXIT_OK;
}

int
tally_cli_connect (int    argc,
                   char **argv)
{
  g_autoptr(GIOChannel) input = g_io_channel_unix_new (0);
  g_autoptr(GError) error = NULL;
  g_autofree char *line = NULL;
  int exit_code;

  if (!tally_cli_parse (tally_cli_lookup_command ("connect"), NULL, &argc, &argv, 0, 0, &exit_code))
    return exit_code;

  if (g_io_channel_read_line (input, &line, NULL, NULL, &error) != G_IO_STATUS_NORMAL || line == NULL)
    {
      g_printerr ("%s\n", _("No token came on standard input: paste it, or pipe it in, then press Enter."));
      return TALLY_EXIT_USAGE;
    }
  if (!tally_token_store (line, NULL, &error))
    {
      memset (line, 0, strlen (line));
      return tally_cli_fail (error);
    }
  memset (line, 0, strlen (line));
  g_print ("%s\n", _("The token is in the keyring; `tally-cli accounts FILE` lists what it can see."));
  return TALLY_EXIT_OK;
}

int
tally_cli_disconnect (int    argc,
                      char **argv)
{
  g_autoptr(GError) error = NULL;
  int exit_code;

  if (!tally_cli_parse (tally_cli_lookup_command ("disconnect"), NULL, &argc, &argv, 0, 0, &exit_code))
    return exit_code;
  if (!tally_token_clear (NULL, &error))
    return tally_cli_fail (error);
  g_print ("%s\n", _("The keyring holds no Meta token of Tally’s any more."));
  return TALLY_EXIT_OK;
}
