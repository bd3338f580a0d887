/* tally-report-run.c: a report from a project, with all it rests on
 *
 * Copyright 2026 The Tally authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The one way from a project to its report, for tally-cli and for the
 * app's worker threads alike: the facts (from the cache when it is
 * fresh), the engine under the settings in force, the frozen days (read,
 * never written: looking at a report changes nothing), the report.
 * With G_MESSAGES_DEBUG=tally-report it says where the time went.
 */
#define G_LOG_DOMAIN "tally-report"

#include "config.h"

#include "tally-report-run.h"

static void
debug_time (const char *what,
            gint64     *since)
{
  gint64 now = g_get_monotonic_time ();

  g_debug ("%s: %.3f s", what, (double) (now - *since) / G_USEC_PER_SEC);
  *since = now;
}

/**
 * tally_report_run:
 * @project: an open project, used by this thread alone while this runs
 * @options: the range (unset: the data's), grouping, freeze clock
 *   (unset: today in the project's timezone) and whether to show live
 *   numbers only
 * @error: return location for a #TallyError
 *
 * Returns: (transfer full): the report and what it rests on, or %NULL
 *   with @error set
 */
TallyReportRun *
tally_report_run (TallyProject              *project,
                  const TallyReportOptions  *options,
                  GError                   **error)
{
  g_autoptr(TallyReportRun) run = g_new0 (TallyReportRun, 1);
  TallyReportOptions resolved = *options;
  gint64 clock = g_get_monotonic_time ();

  g_return_val_if_fail (TALLY_IS_PROJECT (project), NULL);

  run->project = g_object_ref (project);
  run->facts = tally_facts_load (project, error);
  if (run->facts == NULL)
    return NULL;
  debug_time ("loading the facts", &clock);

  run->engine = tally_engine_new (project, run->facts, error);
  if (run->engine == NULL)
    return NULL;
  debug_time ("applying the rules", &clock);

  if (resolved.from == TALLY_DAY_UNSET)
    resolved.from = run->engine->min_day;
  if (resolved.to == TALLY_DAY_UNSET)
    resolved.to = run->engine->max_day;
  if (resolved.as_of == TALLY_DAY_UNSET)
    resolved.as_of = tally_zone_today (run->engine->rules->zone);

  run->view = tally_freeze_load (project, run->engine, error);
  if (run->view == NULL)
    return NULL;
  debug_time ("the frozen days", &clock);

  run->report = tally_report_build (run->engine, &resolved, run->view);
  debug_time ("building the report", &clock);
  return g_steal_pointer (&run);
}

void
tally_report_run_free (TallyReportRun *run)
{
  if (run == NULL)
    return;

  /* The report reads the engine, the engine the facts. */
  g_clear_pointer (&run->report, tally_report_free);
  g_clear_pointer (&run->view, tally_freeze_view_free);
  g_clear_pointer (&run->engine, tally_engine_free);
  g_clear_pointer (&run->facts, tally_facts_free);
  g_clear_object (&run->project);
  g_free (run);
}
