/* tally-publish.c: publishing a period, which freezes its old enough days
 *
 * Copyright 2026 The Tally authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Publishing is the act of sharing a period (SPEC section 8): it records a
 * publication (the period, the freeze clock, who, when, a note, the
 * settings, the totals and the bridge) and freezes each day of the period
 * that is at least restatement_days old and not frozen yet. Younger days
 * are published but stay live. Before it freezes, a plan lists as warnings
 * the days where one source has data and the other none: usually an
 * import that has not happened yet.
 */
#define G_LOG_DOMAIN "tally-freeze"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "tally-store.h"
#include "tally-freeze-private.h"
#include "tally-project-private.h"
#include "tally-publish.h"
#include "tally-report-session-private.h"
#include "tally-report-export.h"

void
tally_publish_plan_free (TallyPublishPlan *plan)
{
  if (plan == NULL)
    return;

  g_array_unref (plan->to_freeze);
  g_ptr_array_unref (plan->warnings);
  g_free (plan);
}

typedef enum
{
  ONE_SOURCE_NONE,
  ONE_SOURCE_META,
  ONE_SOURCE_CRM,
} OneSource;

static OneSource
one_source (TallyEngine *engine,
            gint32       day)
{
  const TallyDayDiag *diag = g_hash_table_lookup (engine->days, GINT_TO_POINTER (day));
  gboolean meta = diag != NULL && diag->meta_rows_covering > 0;
  gboolean crm = diag != NULL && diag->crm_records > 0;

  return meta && !crm ? ONE_SOURCE_META : crm && !meta ? ONE_SOURCE_CRM : ONE_SOURCE_NONE;
}

static void
add_warning (GPtrArray *warnings,
             OneSource  kind,
             gint32     first,
             gint32     last)
{
  char from[11], to[11];
  g_autofree char *days = NULL;

  tally_day_format (first, from);
  tally_day_format (last, to);
  days = first == last ? g_strdup (from)
                       /* Translators: a run of days, such as "2026-03-01 to 2026-03-05 (5 days)" */
                       : g_strdup_printf (_("%s to %s (%d days)"), from, to, last - first + 1);

  g_ptr_array_add (warnings, kind == ONE_SOURCE_META
                   ? g_strdup_printf (_("%s: Meta has data but the CRM has no record yet; if a CRM export of these days is still to come, import it before publishing."), days)
                   : g_strdup_printf (_("%s: the CRM has records but Meta has no data yet; if a Meta export of these days is still to come, import it before publishing."), days));
}

/**
 * tally_publish_plan_new:
 * @session: a session on the project's current data, built
 * @from: the period's first day
 * @to: its last day
 * @as_of: the freeze clock
 *
 * Returns: (transfer full): what publishing [@from, @to] would freeze, and
 *   the warnings it would give
 */
TallyPublishPlan *
tally_publish_plan_new (TallyReportSession *session,
                        gint32              from,
                        gint32              to,
                        gint32              as_of)
{
  TallyEngine *engine = tally_report_session_get_engine (session);
  const TallyFreezeView *view = tally_report_session_get_view (session);
  TallyPublishPlan *plan;
  OneSource run = ONE_SOURCE_NONE;
  gint32 run_start = 0;

  g_return_val_if_fail (engine != NULL && view != NULL, NULL);

  plan = g_new0 (TallyPublishPlan, 1);
  plan->from = from;
  plan->to = to;
  plan->as_of = as_of;
  plan->last_freezable = as_of - engine->rules->restatement_days;
  plan->to_freeze = g_array_new (FALSE, FALSE, sizeof (gint32));
  plan->warnings = g_ptr_array_new_with_free_func (g_free);

  for (gint32 day = from; day <= to; day++)
    {
      OneSource kind = ONE_SOURCE_NONE;

      if (g_hash_table_contains (view->days, GINT_TO_POINTER (day)))
        plan->n_frozen++;
      else if (day > plan->last_freezable)
        plan->n_live++;
      else
        {
          g_array_append_val (plan->to_freeze, day);
          kind = one_source (engine, day);
        }

      /* Consecutive days with the same gap make one warning. */
      if (kind != run)
        {
          if (run != ONE_SOURCE_NONE)
            add_warning (plan->warnings, run, run_start, day - 1);
          run = kind;
          run_start = day;
        }
    }
  if (run != ONE_SOURCE_NONE)
    add_warning (plan->warnings, run, run_start, to);

  return plan;
}

/**
 * tally_publish_plan_describe:
 * @plan: a plan
 *
 * Returns: (transfer full): what the plan freezes, in a sentence or two
 */
char *
tally_publish_plan_describe (const TallyPublishPlan *plan)
{
  g_autoptr(GString) text = g_string_new (NULL);
  guint n = plan->to_freeze->len;

  if (n == 0)
    g_string_append (text, _("No day freezes now."));
  else
    {
      char first[11], last[11];

      tally_day_format (g_array_index (plan->to_freeze, gint32, 0), first);
      tally_day_format (g_array_index (plan->to_freeze, gint32, n - 1), last);
      g_string_append_printf (text, g_dngettext (GETTEXT_PACKAGE, "%u day freezes (%s to %s).",
                                                 "%u days freeze (%s to %s).", n),
                              n, first, last);
    }
  if (plan->n_live > 0)
    {
      char clock[11];

      tally_day_format (plan->last_freezable, clock);
      g_string_append_c (text, ' ');
      g_string_append_printf (text, g_dngettext (GETTEXT_PACKAGE,
                                                 "%u day after %s is published but stays live until it is old enough to freeze.",
                                                 "%u days after %s are published but stay live until they are old enough to freeze.",
                                                 plan->n_live),
                              plan->n_live, clock);
    }
  if (plan->n_frozen > 0)
    {
      g_string_append_c (text, ' ');
      g_string_append_printf (text, g_dngettext (GETTEXT_PACKAGE, "%u day was frozen already and keeps its numbers.",
                                                 "%u days were frozen already and keep their numbers.", plan->n_frozen),
                              plan->n_frozen);
    }
  return g_string_free (g_steal_pointer (&text), FALSE);
}

static char *
json_of (TallyReport *report,
         int          what)
{
  g_autoptr(TallyJsonWriter) writer = tally_json_writer_new (FALSE);

  if (what == 0)
    tally_report_write_settings (report, writer);
  else if (what == 1)
    tally_report_write_row (report, writer, &report->totals, FALSE);
  else
    tally_report_write_bridge (report, writer);
  return tally_json_writer_free_to_string (g_steal_pointer (&writer));
}

/* Writes the publication row; its totals and bridge come once its days
 * are frozen. */
static gint64
insert_publication (TallyProject            *project,
                    const TallyPublishPlan  *plan,
                    const char              *note,
                    GError                 **error)
{
  TallyStore *store = _tally_project_get_store (project);
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autofree char *when = _tally_freeze_now_iso ();
  char from[11], to[11], as_of[11];

  tally_day_format (plan->from, from);
  tally_day_format (plan->to, to);
  tally_day_format (plan->as_of, as_of);
  stmt = _tally_store_prepare (store,
                               "INSERT INTO publications (kind, from_day, to_day, as_of, who, published_at, note, "
                                   "frozen_days) VALUES ('publish', ?1, ?2, ?3, ?4, ?5, ?6, ?7)",
                               error);
  if (stmt == NULL)
    return 0;
  _tally_store_bind_text (stmt, 1, from);
  _tally_store_bind_text (stmt, 2, to);
  _tally_store_bind_text (stmt, 3, as_of);
  _tally_store_bind_text (stmt, 4, _tally_freeze_who ());
  _tally_store_bind_text (stmt, 5, when);
  _tally_store_bind_text (stmt, 6, note != NULL ? note : "");
  sqlite3_bind_int64 (stmt, 7, plan->to_freeze->len);
  if (!_tally_store_step_done (store, stmt, error))
    return 0;
  return sqlite3_last_insert_rowid (_tally_store_get_db (store));
}

static gboolean
complete_publication (TallyProject  *project,
                      gint64         id,
                      TallyReport   *report,
                      GError       **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autofree char *settings = json_of (report, 0);
  g_autofree char *totals = json_of (report, 1);
  g_autofree char *bridge = json_of (report, 2);
  TallyStore *store = _tally_project_get_store (project);

  stmt = _tally_store_prepare (store,
                               "UPDATE publications SET settings = ?1, totals = ?2, bridge = ?3 WHERE id = ?4",
                               error);
  if (stmt == NULL)
    return FALSE;
  _tally_store_bind_text (stmt, 1, settings);
  _tally_store_bind_text (stmt, 2, totals);
  _tally_store_bind_text (stmt, 3, bridge);
  sqlite3_bind_int64 (stmt, 4, id);
  return _tally_store_step_done (store, stmt, error);
}

/**
 * tally_publish:
 * @session: a session on the project's current data
 * @plan: what to publish, from tally_publish_plan_new() on @session
 * @note: (nullable): a note for the list of publications
 * @error: return location for a #TallyError
 *
 * Publishes the plan's period: records the publication with the totals and
 * the bridge of the numbers it shows, and freezes the plan's days, in one
 * transaction. The session then shows them frozen.
 *
 * Returns: the publication's id, or 0 with @error set
 */
gint64
tally_publish (TallyReportSession      *session,
               const TallyPublishPlan  *plan,
               const char              *note,
               GError                 **error)
{
  TallyReportOptions options = { plan->from, plan->to, TALLY_GROUP_DAY, plan->as_of };
  g_autoptr(TallyFreezeView) view = NULL;
  g_autoptr(TallyReport) report = NULL;
  TallyReportRun *run;
  TallyProject *project;
  TallyEngine *engine;
  gint64 id;

  g_return_val_if_fail (TALLY_IS_REPORT_SESSION (session), 0);
  g_return_val_if_fail (plan->from <= plan->to, 0);

  /* The connection the session read the data through, and its engine. */
  run = _tally_report_session_get_run (session);
  g_return_val_if_fail (run != NULL, 0);
  project = run->project;
  engine = run->engine;

  if (!_tally_project_begin (project, error))
    return 0;

  id = insert_publication (project, plan, note, error);
  if (id == 0 || !_tally_freeze_store_days (project, engine, id, plan->to_freeze, error))
    goto fail;

  /* The totals and the bridge of the numbers this publication shows. */
  view = tally_freeze_load (project, engine, error);
  if (view == NULL)
    goto fail;
  report = _tally_report_session_report_with_view (session, &options, view);
  if (!complete_publication (project, id, report, error))
    goto fail;
  if (!_tally_project_commit (project, error))
    return 0;

  g_clear_pointer (&report, tally_report_free);
  _tally_report_session_take_view (session, g_steal_pointer (&view));
  return id;

fail:
  _tally_project_rollback (project);
  return 0;
}
