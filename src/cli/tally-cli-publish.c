/* tally-cli-publish.c: tally-cli publish and publications
 *
 * Copyright 2026 The Tally authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "tally-cli"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <stdio.h>

#include "tally-cli-private.h"

/**
 * tally_cli_publish_session:
 * @session: a session on the project
 * @from: the first day; unset: the data's
 * @to: the last day; unset: the data's
 * @as_of: the freeze clock; unset: today in the project's timezone
 * @note: (nullable): a note
 * @exit_code: (out): the exit code on failure
 *
 * Publishes, with the plan's warnings on stderr (they do not stop it) and
 * what froze on stdout; used by `publish` and `pdf --publish`.
 *
 * Returns: the publication's id, or 0
 */
gint64
tally_cli_publish_session (TallyReportSession *session,
                           gint32              from,
                           gint32              to,
                           gint32              as_of,
                           const char         *note,
                           int                *exit_code)
{
  g_autoptr(TallyPublishPlan) plan = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *summary = NULL;
  char first[11], last[11];
  gint64 id;

  tally_report_session_resolve_range (session, &from, &to);
  if (as_of == TALLY_DAY_UNSET)
    as_of = tally_report_session_get_as_of (session);
  if (from > to)
    {
      g_printerr (_("%s has no data to publish yet; import an export first.\n"),
                  tally_project_get_display_name (tally_report_session_get_project (session)));
      *exit_code = TALLY_EXIT_INPUT;
      return 0;
    }

  plan = tally_publish_plan_new (session, from, to, as_of);
  for (guint i = 0; i < plan->warnings->len; i++)
    g_printerr (_("Warning: %s\n"), (char *) g_ptr_array_index (plan->warnings, i));

  id = tally_publish (session, plan, note, &error);
  if (id == 0)
    {
      *exit_code = tally_cli_fail (error);
      return 0;
    }

  tally_day_format (from, first);
  tally_day_format (to, last);
  summary = tally_publish_plan_describe (plan);
  g_print (_("Published %s to %s as publication %" G_GINT64_FORMAT ". %s\n"), first, last, id, summary);
  return id;
}

/**
 * tally_cli_open_session:
 * @path: a project file
 * @options: the report's options
 * @exit_code: (out): the exit code on failure
 *
 * Returns: (transfer full) (nullable): a report session on the project,
 *   built, or %NULL with the sentence printed
 */
TallyReportSession *
tally_cli_open_session (const char               *path,
                        const TallyReportOptions *options,
                        int                      *exit_code)
{
  g_autoptr(TallyProject) project = tally_cli_open_project (path, exit_code);
  g_autoptr(TallyReportSession) session = NULL;
  g_autoptr(GError) error = NULL;

  if (project == NULL)
    return NULL;
  session = tally_report_session_new (project);
  tally_report_session_set_options (session, options);
  if (!tally_report_session_build (session, NULL, &error))
    {
      *exit_code = tally_cli_fail (error);
      return NULL;
    }
  return g_steal_pointer (&session);
}

int
tally_cli_publish (int    argc,
                   char **argv)
{
  g_autofree char *from = NULL, *to = NULL, *as_of = NULL, *note = NULL;
  g_autoptr(TallyReportSession) session = NULL;
  TallyReportOptions options = { TALLY_DAY_UNSET, TALLY_DAY_UNSET, TALLY_GROUP_DAY, TALLY_DAY_UNSET };
  const TallyCliCommand *command = tally_cli_lookup_command ("publish");
  gint32 first, last, clock;
  int exit_code = TALLY_EXIT_OK;
  GOptionEntry entries[] = {
    { "from", 0, 0, G_OPTION_ARG_STRING, &from, N_("The period’s first day"), N_("YYYY-MM-DD") },
    { "to", 0, 0, G_OPTION_ARG_STRING, &to, N_("The period’s last day"), N_("YYYY-MM-DD") },
    { "as-of", 0, 0, G_OPTION_ARG_STRING, &as_of, N_("The freeze clock: days up to this one less restatement_days freeze (default: today)"), N_("YYYY-MM-DD") },
    { "note", 0, 0, G_OPTION_ARG_STRING, &note, N_("A note for the list of publications"), N_("TEXT") },
    { NULL }
  };

  if (!tally_cli_parse (command, entries, &argc, &argv, 1, 1, &exit_code))
    return exit_code;
  if (from == NULL || to == NULL)
    return tally_cli_usage (command, _("--from and --to are required: name the period you publish."));
  if (!tally_cli_parse_day (command, "--from", from, &first, &exit_code) ||
      !tally_cli_parse_day (command, "--to", to, &last, &exit_code) ||
      !tally_cli_parse_day (command, "--as-of", as_of, &clock, &exit_code))
    return exit_code;
  if (first > last)
    return tally_cli_usage (command, _("--from must not be after --to."));

  session = tally_cli_open_session (argv[1], &options, &exit_code);
  if (session == NULL)
    return exit_code;

  return tally_cli_publish_session (session, first, last, clock, note, &exit_code) > 0 ? TALLY_EXIT_OK : exit_code;
}

static char **
publications_header (void)
{
  return g_strsplit (_("ID|PERIOD|PUBLISHED|BY|FROZE|NOTE"), "|", -1);
}

static char **
publication_row (gpointer item)
{
  const TallyPublication *p = item;
  char **cells = g_new0 (char *, 7);
  char first[11] = "?", last[11] = "?";

  if (p->from != G_MININT32)
    tally_day_format (p->from, first);
  if (p->to != G_MININT32)
    tally_day_format (p->to, last);
  cells[0] = g_strdup_printf ("%" G_GINT64_FORMAT, p->id);
  cells[1] = g_strdup_printf (_("%s to %s"), first, last);
  cells[2] = g_strcmp0 (p->kind, "migrated") == 0 ? g_strdup (_("by viewing, before publishing existed"))
                                                   : g_strndup (p->published_at, 10);
  cells[3] = g_strdup (p->who);
  cells[4] = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u day", "%u days", p->frozen_days), p->frozen_days);
  cells[5] = g_strdup (p->note);
  return cells;
}

static void
print_publications_json (GPtrArray *list)
{
  g_autoptr(TallyJsonWriter) writer = tally_json_writer_new (TRUE);
  g_autofree char *text = NULL;

  tally_json_begin_array (writer);
  for (guint i = 0; i < list->len; i++)
    tally_publication_write (g_ptr_array_index (list, i), writer, TRUE);
  tally_json_end_array (writer);
  text = tally_json_writer_free_to_string (g_steal_pointer (&writer));
  g_print ("%s\n", text);
}

int
tally_cli_publications (int    argc,
                        char **argv)
{
  static const TallyCliList list = {
    "publications", N_("Print JSON, with the settings, totals and bridge of each"), tally_publications_list,
    print_publications_json, publications_header, publication_row, 6,
    N_("Nothing is published yet: every number is live. Publish a period with “tally-cli publish FILE --from D --to D”.\n"),
  };

  return tally_cli_run_list (&list, argc, argv);
}
