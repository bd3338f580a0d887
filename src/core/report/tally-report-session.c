/* tally-report-session.c: one project's engine, kept for report after report
 *
 * Copyright 2026 The Tally authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Reading the facts and applying the rules to them is the slow part of a
 * report (half a second for a million CRM records); grouping, a range, a
 * campaign, or a setting that only chooses among what the cells keep (the
 * revenue basis, the refund policy, the scope…) need neither. A session
 * keeps the engine and every frozen day loaded, and builds reports from
 * them in tens of milliseconds; only a change of the data, of a rule that
 * moves numbers between cells, or a publication needs a new session.
 *
 * A session and its project are used by one thread at a time.
 */
#define G_LOG_DOMAIN "tally-report"

#include "config.h"

#include "tally-report-session.h"

void
tally_report_session_free (TallyReportSession *session)
{
  if (session == NULL)
    return;

  g_clear_pointer (&session->run.report, tally_report_free);
  g_clear_pointer (&session->run.view, tally_freeze_view_free);
  g_clear_pointer (&session->run.engine, tally_engine_free);
  g_clear_pointer (&session->run.facts, tally_facts_free);
  g_clear_object (&session->run.project);
  g_free (session);
}

/* Every frozen day, whatever its date. */
static gboolean
load_frozen_days (TallyReportSession  *session,
                  GError             **error)
{
  TallyFreezeView *view = tally_freeze_load (session->run.project, session->run.engine, error);

  if (view == NULL)
    return FALSE;

  g_clear_pointer (&session->run.view, tally_freeze_view_free);
  session->run.view = view;
  return TRUE;
}

/**
 * tally_report_session_new:
 * @project: an open project; the session keeps it
 * @error: return location for a #TallyError
 *
 * Reads the facts, applies the rules and loads the frozen days: the slow
 * part, done once.
 *
 * Returns: (transfer full): the session, or %NULL with @error set
 */
TallyReportSession *
tally_report_session_new (TallyProject  *project,
                          GError       **error)
{
  g_autoptr(TallyReportSession) session = g_new0 (TallyReportSession, 1);

  g_return_val_if_fail (TALLY_IS_PROJECT (project), NULL);

  session->run.project = g_object_ref (project);
  session->run.facts = tally_facts_load (project, error);
  if (session->run.facts == NULL)
    return NULL;
  session->run.engine = tally_engine_new (project, session->run.facts, error);
  if (session->run.engine == NULL)
    return NULL;
  session->as_of = tally_zone_today (session->run.engine->rules->zone);
  if (!load_frozen_days (session, error))
    return NULL;

  return g_steal_pointer (&session);
}

static void
resolve (TallyReportSession *session,
         TallyReportOptions *options)
{
  TallyEngine *engine = session->run.engine;

  if (options->from == TALLY_DAY_UNSET)
    options->from = engine->min_day;
  if (options->to == TALLY_DAY_UNSET)
    options->to = engine->max_day;
  if (options->as_of == TALLY_DAY_UNSET)
    options->as_of = session->as_of;
}

/**
 * tally_report_session_build:
 * @session: a session
 * @options: the range, grouping, campaign, freeze clock and whether the
 *   numbers are live only
 * @error: return location for a #TallyError
 *
 * Builds the session's report anew from what the session holds; reads and
 * writes nothing.
 */
gboolean
tally_report_session_build (TallyReportSession        *session,
                            const TallyReportOptions  *options,
                            GError                   **error)
{
  TallyReportOptions resolved = *options;

  g_return_val_if_fail (session != NULL, FALSE);

  resolve (session, &resolved);
  g_clear_pointer (&session->run.report, tally_report_free);
  session->run.report = tally_report_build (session->run.engine, &resolved, session->run.view);
  return TRUE;
}

/**
 * tally_report_session_extra_report:
 * @session: a session
 * @options: the range, grouping and campaign
 *
 * Returns: (transfer full): another report from the same engine and frozen
 *   days, such as the charts' by campaign
 */
TallyReport *
tally_report_session_extra_report (TallyReportSession       *session,
                                   const TallyReportOptions *options)
{
  TallyReportOptions resolved = *options;

  resolve (session, &resolved);
  return tally_report_build (session->run.engine, &resolved, session->run.view);
}

/**
 * tally_report_session_reload_rules:
 * @session: a session
 *
 * Reads the settings again. When they only choose among what the cells
 * keep, the engine takes them and %TRUE is returned; when they move
 * numbers between cells, nothing changes and %FALSE says that a new
 * session is needed.
 *
 * Returns: whether the session follows the settings now
 */
gboolean
tally_report_session_reload_rules (TallyReportSession *session)
{
  g_autoptr(TallyRules) rules = tally_rules_load (session->run.project);
  g_autofree char *before = tally_rules_fingerprint (session->run.engine->rules);
  g_autofree char *after = tally_rules_fingerprint (rules);

  if (!g_str_equal (before, after))
    return FALSE;

  tally_engine_set_rules (session->run.engine, g_steal_pointer (&rules));
  return TRUE;
}
