/* tally-cli-pdf.c: tally-cli pdf
 *
 * Copyright 2026 The Tally authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "tally-cli"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "tally-cli-private.h"
#include "tally-report-pdf.h"

/* Days for a few weeks, weeks for a few months, months beyond. */
static TallyGroup
group_for_range (gint32 from,
                 gint32 to)
{
  gint32 days = to - from + 1;

  return days <= 31 ? TALLY_GROUP_DAY : days <= 120 ? TALLY_GROUP_WEEK : TALLY_GROUP_MONTH;
}

int
tally_cli_pdf (int    argc,
               char **argv)
{
  g_autofree char *from = NULL, *to = NULL, *note = NULL;
  gboolean publish = FALSE;
  gint64 publication = 0;
  g_autoptr(TallyReportSession) session = NULL;
  g_autoptr(GError) error = NULL;
  TallyReportOptions options = { TALLY_DAY_UNSET, TALLY_DAY_UNSET, TALLY_GROUP_MONTH, TALLY_DAY_UNSET };
  const TallyCliCommand *command = tally_cli_lookup_command ("pdf");
  gint32 first, last;
  int exit_code;
  GOptionEntry entries[] = {
    { "from", 0, 0, G_OPTION_ARG_STRING, &from, N_("The first day (default: the data’s first)"), N_("YYYY-MM-DD") },
    { "to", 0, 0, G_OPTION_ARG_STRING, &to, N_("The last day (default: the data’s last)"), N_("YYYY-MM-DD") },
    { "publish", 0, 0, G_OPTION_ARG_NONE, &publish, N_("Publish the period first, freezing its days that are old enough"), NULL },
    { "note", 0, 0, G_OPTION_ARG_STRING, &note, N_("With --publish: a note for the list of publications"), N_("TEXT") },
    { NULL }
  };

  if (!tally_cli_parse (command, entries, &argc, &argv, 2, 2, &exit_code) ||
      !tally_cli_parse_day (command, "--from", from, &options.from, &exit_code) ||
      !tally_cli_parse_day (command, "--to", to, &options.to, &exit_code))
    return exit_code;
  if (options.from != TALLY_DAY_UNSET && options.to != TALLY_DAY_UNSET && options.from > options.to)
    return tally_cli_usage (command, _("--from must not be after --to."));

  session = tally_cli_open_session (argv[1], &options, &exit_code);
  if (session == NULL)
    return exit_code;

  /* A draft unless it publishes the period it shows. */
  if (publish)
    {
      publication = tally_cli_publish_session (session, options.from, options.to, TALLY_DAY_UNSET, note, &exit_code);
      if (publication == 0)
        return exit_code;
    }
  else if (note != NULL)
    return tally_cli_usage (command, _("--note goes with --publish."));

  first = options.from;
  last = options.to;
  tally_report_session_resolve_range (session, &first, &last);
  options.group = group_for_range (first, last);
  tally_report_session_set_options (session, &options);
  if (!tally_report_session_build (session, NULL, &error) ||
      !tally_report_pdf_write (session, publication, argv[2], &error))
    {
      tally_render_shutdown ();
      return tally_cli_fail (error);
    }
  tally_render_shutdown ();

  {
    g_autofree char *client = tally_project_get_effective_setting (tally_report_session_get_project (session), "name");

    g_print (_("Wrote the report of %s to %s.\n"), client, argv[2]);
  }
  return TALLY_EXIT_OK;
}
