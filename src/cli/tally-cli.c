/* tally-cli.c: the headless command line, the same core as the app
 *
 * Copyright 2026 The Tally authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "tally-cli"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <stdio.h>
#include <string.h>

#include "tally-cli-private.h"

static const TallyCliCommand commands[] = {
  { "new", N_("FILE [--timezone TZ] [--currency CUR] [--name NAME]"),
    N_("Create a project file for a client"), tally_cli_new },
  { "set", N_("FILE KEY VALUE"),
    N_("Change a setting (an empty VALUE unsets an optional one)"), tally_cli_set },
  { "get", N_("FILE [KEY]"),
    N_("Print one setting, or all of them"), tally_cli_get },
  { "import", N_("FILE INPUT [--preset ID] [--mapping MAPPING.json] [--decimal comma|point] [--date-order dmy|mdy] [--dry-run] [--skip-invalid]"),
    N_("Import an export as one batch"), tally_cli_import },
  { "batches", N_("FILE [--json]"),
    N_("List the import batches"), tally_cli_batches },
  { "undo", N_("FILE BATCH_ID"),
    N_("Undo an import batch, restoring what it replaced"), tally_cli_undo },
  { "report", N_("FILE [--from D] [--to D] [--group day|week|month|campaign] [--as-of D] [--live] [--json]"),
    N_("Meta attributed and CRM realized, side by side, with the gap bridge and the mismatch map"), tally_cli_report },
  { "check", N_("FILE [--json]"),
    N_("The mismatch map: why Meta and the CRM differ"), tally_cli_check },
  { "restatements", N_("FILE [--json]"),
    N_("Frozen days whose data changed since they were published"), tally_cli_restatements },
  { "restate", N_("FILE DAY --why TEXT"),
    N_("Accept a restatement of a frozen day, and log why"), tally_cli_restate },
  { "publish", N_("FILE --from D --to D [--as-of D] [--note TEXT]"),
    N_("Publish a period: record it and freeze its days that are old enough"), tally_cli_publish },
  { "publications", N_("FILE [--json]"),
    N_("List the publications"), tally_cli_publications },
  { "pdf", N_("FILE OUT.pdf [--from D] [--to D] [--publish] [--note TEXT]"),
    N_("Write the report as a PDF: the rules, both views, the charts, the mismatch map and the dictionary"), tally_cli_pdf },
  { "dictionary", N_("FILE [--json]"),
    N_("Print the KPI dictionary"), tally_cli_dictionary },
  { "accounts", N_("FILE"),
    N_("List the Meta ad accounts the saved token can see"), tally_cli_accounts },
  { "pull", N_("FILE [--account ID] [--from D] [--to D]"),
    N_("Pull ad insights from Meta as one batch (no range: the last pulled day minus 28 days to yesterday)"), tally_cli_pull },
  { "fx-update", N_("FILE [--history]"),
    N_("Download the ECB's reference rates as one batch"), tally_cli_fx_update },
  { "connect", "",
    N_("Keep the Meta access token read from standard input in the keyring"), tally_cli_connect },
  { "disconnect", "",
    N_("Forget the Meta access token kept in the keyring"), tally_cli_disconnect },
  { "demo", N_("FILE"),
    N_("Create the demo client project from bundled data"), tally_cli_demo },
};

const TallyCliCommand *
tally_cli_lookup_command (const char *name)
{
  for (guint i = 0; i < G_N_ELEMENTS (commands); i++)
    if (g_str_equal (commands[i].name, name))
      return &commands[i];

  return NULL;
}

static void
print_overview (FILE *stream)
{
  fprintf (stream, "%s\n\n", _("Usage: tally-cli COMMAND FILE [ARGUMENTS…]"));
  fprintf (stream, "%s\n", _("Reconciles Meta Ads data with CRM data into one CAC and ROAS report."));
  fprintf (stream, "\n%s\n", _("Commands:"));
  for (guint i = 0; i < G_N_ELEMENTS (commands); i++)
    {
      g_autofree char *synopsis = g_strdup_printf ("%s %s", commands[i].name, _(commands[i].arguments));

      fprintf (stream, "  %s\n      %s\n", synopsis, _(commands[i].summary));
    }
  fprintf (stream, "\n%s\n", _("Exit status: 0 success, 1 usage error, 2 bad input, 3 project error."));
  fprintf (stream, "%s\n", _("Run “tally-cli COMMAND --help” for the options of a command."));
}

/**
 * tally_cli_fail:
 * @error: what went wrong
 *
 * Prints the error's sentence on stderr.
 *
 * Returns: the exit status that goes with it
 */
int
tally_cli_fail (const GError *error)
{
  g_printerr ("%s\n", error->message);
  return tally_error_exit_code (error);
}

int
tally_cli_usage (const TallyCliCommand *command,
                 const char            *problem)
{
  if (problem != NULL)
    g_printerr ("%s\n", problem);
  g_printerr (_("Usage: tally-cli %s %s\n"), command->name, _(command->arguments));
  return TALLY_EXIT_USAGE;
}

/**
 * tally_cli_parse:
 * @command: the command being run
 * @entries: (nullable): its options
 * @argc: (inout): the arguments after the command name, plus argv[0]
 * @argv: (inout): those arguments
 * @min_args: the fewest positional arguments
 * @max_args: the most positional arguments
 * @exit_code: (out): the status to exit with when this returns %FALSE
 *
 * Parses a command's options and checks the number of positional
 * arguments. `--help` prints the command's help and exits 0.
 */
gboolean
tally_cli_parse (const TallyCliCommand   *command,
                 GOptionEntry            *entries,
                 int                     *argc,
                 char                  ***argv,
                 int                      min_args,
                 int                      max_args,
                 int                     *exit_code)
{
  return tally_cli_parse_with_description (command, entries, NULL, argc, argv, min_args, max_args, exit_code);
}

gboolean
tally_cli_parse_with_description (const TallyCliCommand   *command,
                                  GOptionEntry            *entries,
                                  const char              *description,
                                  int                     *argc,
                                  char                  ***argv,
                                  int                      min_args,
                                  int                      max_args,
                                  int                     *exit_code)
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *parameter = g_strdup_printf ("%s %s", command->name, _(command->arguments));
  int n_args;

  context = g_option_context_new (parameter);
  g_option_context_set_summary (context, _(command->summary));
  g_option_context_set_translation_domain (context, GETTEXT_PACKAGE);
  if (description != NULL)
    g_option_context_set_description (context, description);
  if (entries != NULL)
    g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);

  if (!g_option_context_parse (context, argc, argv, &error))
    {
      *exit_code = tally_cli_usage (command, error->message);
      return FALSE;
    }

  n_args = *argc - 1;
  if (n_args < min_args || n_args > max_args)
    {
      *exit_code = tally_cli_usage (command,
                                    n_args < min_args ? _("Some arguments are missing.")
                                                      : _("There are more arguments than this command takes."));
      return FALSE;
    }

  return TRUE;
}

/**
 * tally_cli_open_project:
 * @path: a project file
 * @exit_code: (out): the status to exit with when this returns %NULL
 *
 * Returns: (transfer full) (nullable): the project, or %NULL after printing why
 */
TallyProject *
tally_cli_open_project (const char *path,
                        int        *exit_code)
{
  g_autoptr(GError) error = NULL;
  TallyProject *project = tally_project_open (path, &error);

  if (project == NULL)
    *exit_code = tally_cli_fail (error);

  return project;
}

void
tally_cli_print_json (JsonNode *node)
{
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autofree char *text = NULL;

  json_generator_set_pretty (generator, TRUE);
  json_generator_set_indent (generator, 2);
  json_generator_set_root (generator, node);
  text = json_generator_to_data (generator, NULL);
  g_print ("%s\n", text);
}

/**
 * tally_cli_print_table:
 * @rows: (element-type GStrv): rows of @n_columns cells; the first is the header
 * @n_columns: the number of columns
 *
 * Prints left-aligned columns padded to their widest cell, measured in
 * characters so that “Campaña” lines up as well as “Campaign”.
 */
void
tally_cli_print_table (GPtrArray *rows,
                       guint      n_columns)
{
  g_autofree glong *widths = g_new0 (glong, n_columns);

  for (guint r = 0; r < rows->len; r++)
    {
      char **cells = g_ptr_array_index (rows, r);

      for (guint c = 0; c < n_columns; c++)
        widths[c] = MAX (widths[c], g_utf8_strlen (cells[c], -1));
    }

  for (guint r = 0; r < rows->len; r++)
    {
      char **cells = g_ptr_array_index (rows, r);
      g_autoptr(GString) line = g_string_new (NULL);

      for (guint c = 0; c < n_columns; c++)
        {
          g_string_append (line, cells[c]);
          if (c + 1 < n_columns)
            for (glong pad = g_utf8_strlen (cells[c], -1); pad < widths[c] + 2; pad++)
              g_string_append_c (line, ' ');
        }
      while (line->len > 0 && line->str[line->len - 1] == ' ')
        g_string_truncate (line, line->len - 1);
      g_print ("%s\n", line->str);
    }
}

int
main (int   argc,
      char *argv[])
{
  const TallyCliCommand *command;

  tally_core_init_i18n ();
  textdomain (GETTEXT_PACKAGE);
  g_set_prgname ("tally-cli");
  /* Debug messages must never mix with the JSON on stdout. */
  g_log_writer_default_set_use_stderr (TRUE);

  if (argc < 2)
    {
      print_overview (stderr);
      return TALLY_EXIT_USAGE;
    }

  if (g_str_equal (argv[1], "--help") || g_str_equal (argv[1], "-h") || g_str_equal (argv[1], "help"))
    {
      print_overview (stdout);
      return TALLY_EXIT_OK;
    }

  if (g_str_equal (argv[1], "--version"))
    {
      g_print ("tally-cli %s\n", PACKAGE_VERSION);
      return TALLY_EXIT_OK;
    }

  command = tally_cli_lookup_command (argv[1]);
  if (command == NULL)
    {
      g_printerr (_("“%s” is not a tally-cli command; run “tally-cli --help” to see the commands.\n"), argv[1]);
      return TALLY_EXIT_USAGE;
    }

  /* The command sees itself as argv[0], like a program of its own. */
  return command->run (argc - 1, argv + 1);
}
