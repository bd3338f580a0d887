/* tally-cli-report.c: tally-cli report, check, restatements and restate
 *
 * Copyright 2026 The Tally authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "tally-cli"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>

#include "tally-cli-private.h"

gboolean
tally_cli_parse_day (const TallyCliCommand *command,
                     const char            *name,
                     const char            *text,
                     gint32                *day,
                     int                   *exit_code)
{
  if (text == NULL)
    {
      *day = TALLY_DAY_UNSET;
      return TRUE;
    }

  if (tally_day_parse (text, day) && text[10] == '\0')
    return TRUE;

  {
    g_autofree char *problem = g_strdup_printf (_("%s takes a day written YYYY-MM-DD, not “%s”."), name, text);

    *exit_code = tally_cli_usage (command, problem);
  }
  return FALSE;
}

static char *
format_money (TallyReport *report,
              double       minor)
{
  return tally_format_amount (minor, tally_report_get_decimals (report), TALLY_FORMAT_PLAIN);
}

static char *
format_ratio (double value)
{
  return tally_format_ratio (value, 2);
}

static char **
table_row (TallyReport          *report,
           const TallyReportRow *row,
           const char           *key)
{
  char **cells = g_new0 (char *, 11);

  cells[0] = g_strdup (key);
  cells[1] = format_money (report, tally_report_metric (report, row, "spend"));
  cells[2] = format_money (report, tally_report_metric (report, row, "meta_purchase_value"));
  cells[3] = format_ratio (tally_report_metric (report, row, "meta_roas"));
  cells[4] = format_money (report, tally_cell_revenue (&row->sum, report->engine->rules));
  cells[5] = format_ratio (tally_report_metric (report, row, "crm_roas"));
  cells[6] = format_ratio (tally_report_metric (report, row, "roas_gap"));
  cells[7] = g_strdup_printf ("%" G_GINT64_FORMAT " / %" G_GINT64_FORMAT, row->sum.meta_purchases, row->sum.new_customers);
  cells[8] = format_money (report, tally_report_metric (report, row, "crm_cac"));
  cells[9] = g_strdup (tally_report_row_is_frozen (row) ? _("frozen") : "");
  return cells;
}

/* The checks of the mismatch map at @least or worse, errors first: an
 * error says which numbers are incomplete (spend without a rate, say). */
static void
print_mismatch_map (TallyReport   *report,
                    TallySeverity  least)
{
  GPtrArray *diagnostics = tally_report_get_diagnostics (report);
  gboolean header = FALSE;

  for (int severity = TALLY_SEVERITY_ERROR; severity >= (int) least; severity--)
    for (guint i = 0; i < diagnostics->len; i++)
      {
        TallyDiagnostic *d = g_ptr_array_index (diagnostics, i);

        if ((int) d->severity != severity)
          continue;
        if (!header && least >= TALLY_SEVERITY_WARNING)
          g_print (_("Why Meta and the CRM differ (the mismatch map; “tally-cli check” lists every check):\n"));
        header = TRUE;
        g_print ("%-8s %-34s %s\n", tally_severity_to_string (d->severity), d->id, d->message);
        if (d->severity >= TALLY_SEVERITY_WARNING)
          g_print ("%-8s %-34s → %s\n", "", "", d->action);
      }
  if (header && least >= TALLY_SEVERITY_WARNING)
    g_print ("\n");
}

static void
print_report_table (TallyReport *report)
{
  const TallyRules *rules = report->engine->rules;
  g_autoptr(GPtrArray) rows = g_ptr_array_new_with_free_func ((GDestroyNotify) g_strfreev);
  char from[11], to[11];

  tally_day_format (report->from, from);
  tally_day_format (report->to, to);
  g_print (_("%s to %s, by %s; attribution %s, timezone %s, currency %s, revenue %s (refunds: %s)\n\n"),
           from, to, tally_group_to_string (report->group), rules->window, rules->timezone,
           rules->reporting_currency, rules->revenue_basis, rules->refund_policy);

  g_ptr_array_add (rows, g_strsplit (_("PERIOD|SPEND|META VALUE|META ROAS|CRM REVENUE|CRM ROAS|GAP|PURCHASES / CUSTOMERS|CRM CAC|"), "|", -1));
  for (guint i = 0; i < report->rows->len; i++)
    {
      TallyReportRow *row = g_ptr_array_index (report->rows, i);

      g_ptr_array_add (rows, table_row (report, row, row->key));
    }
  g_ptr_array_add (rows, table_row (report, &report->totals, _("Total")));
  tally_cli_print_table (rows, 10);

  {
    g_autofree char *start = format_money (report, (double) report->bridge.start);
    g_autofree char *end = format_money (report, (double) report->bridge.end);

    g_print (_("\nFrom Meta’s %s to the CRM’s %s:\n"), start, end);
    for (guint i = 0; i < report->bridge.n_steps; i++)
      {
        g_autofree char *amount = format_money (report, (double) report->bridge.steps[i].amount);

        g_print ("  %-16s %14s\n", report->bridge.steps[i].id, amount);
      }
    g_print ("\n");
  }

  print_mismatch_map (report, TALLY_SEVERITY_WARNING);

  for (guint i = 0; report->publications != NULL && i < report->publications->len; i++)
    {
      const TallyPublication *p = g_ptr_array_index (report->publications, i);
      g_autofree char *label = NULL;
      char first[11], last[11];

      if (!tally_publication_overlaps (p, report->from, report->to))
        continue;
      label = tally_publication_describe (p);
      tally_day_format (p->from, first);
      tally_day_format (p->to, last);
      g_print (_("%s: %s to %s\n"), label, first, last);
    }

  if (report->view == NULL)
    g_print (_("\nLive numbers of every day, published or not.\n"));
  else if (report->n_pending > 0)
    g_print (g_dngettext (GETTEXT_PACKAGE, "\n%u frozen day has new data; it shows its published numbers until the change is accepted (“tally-cli restatements” lists it, “report --live” shows the live ones).\n",
                          "\n%u frozen days have new data; they show their published numbers until the change is accepted (“tally-cli restatements” lists them, “report --live” shows the live ones).\n",
                          report->n_pending),
             report->n_pending);
}

int
tally_cli_report (int    argc,
                  char **argv)
{
  g_autofree char *from = NULL, *to = NULL, *group = NULL, *as_of = NULL;
  g_autoptr(TallyReportSession) session = NULL;
  TallyReportOptions options = { TALLY_DAY_UNSET, TALLY_DAY_UNSET, TALLY_GROUP_DAY, TALLY_DAY_UNSET };
  const TallyCliCommand *command = tally_cli_lookup_command ("report");
  gboolean json = FALSE, live = FALSE;
  int exit_code;
  GOptionEntry entries[] = {
    { "from", 0, 0, G_OPTION_ARG_STRING, &from, N_("The first day (default: the data’s first)"), N_("YYYY-MM-DD") },
    { "to", 0, 0, G_OPTION_ARG_STRING, &to, N_("The last day (default: the data’s last)"), N_("YYYY-MM-DD") },
    { "group", 0, 0, G_OPTION_ARG_STRING, &group, N_("Rows per day, week, month or campaign"), N_("day|week|month|campaign") },
    { "as-of", 0, 0, G_OPTION_ARG_STRING, &as_of, N_("Today, for the report (default: today in the project’s timezone)"), N_("YYYY-MM-DD") },
    { "live", 0, 0, G_OPTION_ARG_NONE, &live, N_("The live numbers of every day, ignoring what publications froze"), NULL },
    { "json", 0, 0, G_OPTION_ARG_NONE, &json, N_("Print JSON"), NULL },
    { NULL }
  };

  if (!tally_cli_parse (command, entries, &argc, &argv, 1, 1, &exit_code) ||
      !tally_cli_parse_day (command, "--from", from, &options.from, &exit_code) ||
      !tally_cli_parse_day (command, "--to", to, &options.to, &exit_code) ||
      !tally_cli_parse_day (command, "--as-of", as_of, &options.as_of, &exit_code))
    return exit_code;
  if (group != NULL && !tally_group_from_string (group, &options.group))
    return tally_cli_usage (command, _("--group takes day, week, month or campaign."));
  if (options.from != TALLY_DAY_UNSET && options.to != TALLY_DAY_UNSET && options.from > options.to)
    return tally_cli_usage (command, _("--from must not be after --to."));

  options.live = live;
  session = tally_cli_open_session (argv[1], &options, &exit_code);
  if (session == NULL)
    return exit_code;

  if (json)
    {
      g_autofree char *text = tally_report_to_json (tally_report_session_get_report (session));

      g_print ("%s\n", text);
    }
  else
    print_report_table (tally_report_session_get_report (session));

  return TALLY_EXIT_OK;
}

int
tally_cli_check (int    argc,
                 char **argv)
{
  g_autoptr(TallyReportSession) session = NULL;
  TallyReportOptions options = { TALLY_DAY_UNSET, TALLY_DAY_UNSET, TALLY_GROUP_DAY, TALLY_DAY_UNSET };
  gboolean json = FALSE;
  int exit_code;
  GOptionEntry entries[] = {
    { "json", 0, 0, G_OPTION_ARG_NONE, &json, N_("Print JSON"), NULL },
    { NULL }
  };

  if (!tally_cli_parse (tally_cli_lookup_command ("check"), entries, &argc, &argv, 1, 1, &exit_code))
    return exit_code;

  session = tally_cli_open_session (argv[1], &options, &exit_code);
  if (session == NULL)
    return exit_code;

  if (json)
    {
      g_autoptr(TallyJsonWriter) writer = tally_json_writer_new (TRUE);
      g_autofree char *text = NULL;

      tally_diagnostics_write (tally_report_session_get_diagnostics (session), writer,
                               tally_report_get_decimals (tally_report_session_get_report (session)));
      text = tally_json_writer_free_to_string (g_steal_pointer (&writer));
      g_print ("%s\n", text);
      return TALLY_EXIT_OK;
    }

  print_mismatch_map (tally_report_session_get_report (session), TALLY_SEVERITY_OK);
  return TALLY_EXIT_OK;
}

static char *
format_change (TallyReport             *report,
               const TallyMetricChange *change,
               double                   value)
{
  return change->money ? format_money (report, value) : g_strdup_printf ("%.0f", value);
}

static void
write_restatements_json (TallyReportSession *session)
{
  g_autoptr(TallyJsonWriter) writer = tally_json_writer_new (TRUE);
  GPtrArray *pending = tally_report_session_get_view (session)->pending;
  guint decimals = tally_report_get_decimals (tally_report_session_get_report (session));
  g_autofree char *text = NULL;

  tally_json_begin_array (writer);
  for (guint i = 0; i < pending->len; i++)
    {
      const TallyRestatement *r = g_ptr_array_index (pending, i);
      char day[11];

      tally_day_format (r->day, day);
      tally_json_begin_object (writer);
      tally_json_member (writer, "day");
      tally_json_string (writer, day);
      tally_json_member (writer, "publication");
      tally_json_int (writer, r->publication);
      tally_json_member (writer, "changed_rules");
      tally_json_string (writer, r->changed_rules);
      tally_json_member (writer, "changes");
      tally_json_begin_array (writer);
      for (guint k = 0; k < r->changes->len; k++)
        {
          const TallyMetricChange *c = &g_array_index (r->changes, TallyMetricChange, k);

          tally_json_begin_object (writer);
          tally_json_member (writer, "metric");
          tally_json_string (writer, c->metric);
#define VALUE(name, value) \
          tally_json_member (writer, name); \
          if (c->money) tally_json_money (writer, value, decimals); else tally_json_int (writer, (gint64) (value));
          VALUE ("published", c->published)
          VALUE ("live", c->live)
          VALUE ("difference", c->live - c->published)
#undef VALUE
          tally_json_end_object (writer);
        }
      tally_json_end_array (writer);
      tally_json_end_object (writer);
    }
  tally_json_end_array (writer);
  text = tally_json_writer_free_to_string (g_steal_pointer (&writer));
  g_print ("%s\n", text);
}

/* The restatements made before, as `restatements` prints them. */
static gboolean
print_log (TallyProject  *project,
           GError       **error)
{
  g_autoptr(GPtrArray) log = tally_freeze_list_log (project, error);

  if (log == NULL)
    return FALSE;
  for (guint i = 0; i < log->len; i++)
    {
      const TallyRestatementEntry *entry = g_ptr_array_index (log, i);

      if (i == 0)
        g_print (_("Restated before:\n"));
      g_print (_("  %s, restated %s by %s: %s\n"), entry->day, entry->restated_at, entry->who, entry->why);
    }
  if (log->len > 0)
    g_print ("\n");
  return TRUE;
}

/* The pending restatements: a line per changed number of each day. */
static void
print_pending (TallyReport *report,
               GPtrArray   *pending)
{
  g_autoptr(GPtrArray) rows = g_ptr_array_new_with_free_func ((GDestroyNotify) g_strfreev);

  g_ptr_array_add (rows, g_strsplit (_("DAY|NUMBER|PUBLISHED|LIVE|DIFFERENCE"), "|", -1));
  for (guint i = 0; i < pending->len; i++)
    {
      const TallyRestatement *r = g_ptr_array_index (pending, i);
      char day[11];

      tally_day_format (r->day, day);
      if (r->changes->len == 0)
        {
          char **cells = g_new0 (char *, 6);

          cells[0] = g_strdup (day);
          cells[1] = g_strdup (_("split by campaign"));
          cells[2] = g_strdup ("");
          cells[3] = g_strdup ("");
          cells[4] = g_strdup ("");
          g_ptr_array_add (rows, cells);
        }
      for (guint k = 0; k < r->changes->len; k++)
        {
          const TallyMetricChange *c = &g_array_index (r->changes, TallyMetricChange, k);
          char **cells = g_new0 (char *, 6);

          cells[0] = g_strdup (k == 0 ? day : "");
          cells[1] = g_strdup (tally_metric_change_label (c));
          cells[2] = format_change (report, c, c->published);
          cells[3] = format_change (report, c, c->live);
          cells[4] = format_change (report, c, c->live - c->published);
          g_ptr_array_add (rows, cells);
        }
    }
  tally_cli_print_table (rows, 5);
}

int
tally_cli_restatements (int    argc,
                        char **argv)
{
  TallyReportOptions options = { TALLY_DAY_UNSET, TALLY_DAY_UNSET, TALLY_GROUP_DAY, TALLY_DAY_UNSET };
  g_autoptr(TallyReportSession) session = NULL;
  g_autoptr(GError) error = NULL;
  GPtrArray *pending;
  gboolean json = FALSE;
  int exit_code;
  GOptionEntry entries[] = {
    { "json", 0, 0, G_OPTION_ARG_NONE, &json, N_("Print JSON"), NULL },
    { NULL }
  };

  if (!tally_cli_parse (tally_cli_lookup_command ("restatements"), entries, &argc, &argv, 1, 1, &exit_code))
    return exit_code;
  session = tally_cli_open_session (argv[1], &options, &exit_code);
  if (session == NULL)
    return exit_code;

  if (json)
    {
      write_restatements_json (session);
      return TALLY_EXIT_OK;
    }

  if (!print_log (tally_report_session_get_project (session), &error))
    return tally_cli_fail (error);

  pending = tally_report_session_get_view (session)->pending;
  if (pending->len == 0)
    {
      g_print (_("No frozen day has new data.\n"));
      return TALLY_EXIT_OK;
    }

  print_pending (tally_report_session_get_report (session), pending);
  g_print (_("\nAccept one with: tally-cli restate FILE DAY --why TEXT\n"));
  return TALLY_EXIT_OK;
}

int
tally_cli_restate (int    argc,
                   char **argv)
{
  g_autofree char *why = NULL;
  g_autoptr(TallyProject) project = NULL;
  g_autoptr(GError) error = NULL;
  const TallyCliCommand *command = tally_cli_lookup_command ("restate");
  gint32 day;
  int exit_code;
  GOptionEntry entries[] = {
    { "why", 0, 0, G_OPTION_ARG_STRING, &why, N_("Why the day’s published numbers change, for the log"), N_("TEXT") },
    { NULL }
  };

  if (!tally_cli_parse (command, entries, &argc, &argv, 2, 2, &exit_code))
    return exit_code;
  if (why == NULL || g_strstrip (why)[0] == '\0')
    return tally_cli_usage (command, _("--why is required: say why the published numbers change."));
  if (!tally_cli_parse_day (command, "DAY", argv[2], &day, &exit_code))
    return exit_code;

  project = tally_cli_open_project (argv[1], &exit_code);
  if (project == NULL)
    return exit_code;

  if (!tally_freeze_restate (project, &day, 1, why, &error))
    return tally_cli_fail (error);

  g_print (_("Restated %s: its published numbers are now what the data says.\n"), argv[2]);
  return TALLY_EXIT_OK;
}
