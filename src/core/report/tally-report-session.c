/* tally-report-session.c: the one road from a project to its report
 *
 * Copyright 2026 The Tally authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Every report of Tally comes this way: tally-cli's report, check,
 * restatements, publish and pdf, the app's pages and exports, the PDF. A
 * session reads the facts (from the cache when it is fresh), applies the
 * rules in force and loads the frozen days (read, never written: looking
 * at a report changes nothing), then builds the report of its options.
 *
 * Reading the facts and applying the rules is the slow part (half a second
 * for a million CRM records); grouping, a range, a campaign, or a setting
 * that only chooses among what the cells keep (the revenue basis, the
 * refund policy, the scope…) need neither. So the session keeps what it
 * read, and builds the next report from it in tens of milliseconds; only a
 * change of the data or of a rule that moves numbers between cells needs
 * tally_report_session_invalidate().
 *
 * tally_report_session_build_async() reads in a worker thread, through a
 * connection of its own to the project file, so that the caller's thread
 * keeps its project; the worker touches nothing of the session, which
 * takes the result in _finish(). tally_report_session_build() does the
 * same work on the calling thread, through the caller's project.
 * With G_MESSAGES_DEBUG=tally-report it says where the time went.
 */
#define G_LOG_DOMAIN "tally-report"

#include "config.h"

#include "tally-report-session-private.h"

struct _TallyReportSession
{
  GObject             parent_instance;

  TallyProject       *project;    /* the caller's */
  TallyReportOptions  options;
  char               *campaign;   /* options.campaign, owned */
  TallyReportRun     *run;        /* (nullable): what the reports rest on */
  gboolean            stale;      /* the run must be read again */
};

G_DEFINE_FINAL_TYPE (TallyReportSession, tally_report_session, G_TYPE_OBJECT)

static void
debug_time (const char *what,
            gint64     *since)
{
  gint64 now = g_get_monotonic_time ();

  g_debug ("%s: %.3f s", what, (double) (now - *since) / G_USEC_PER_SEC);
  *since = now;
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

/* The slow part: the facts, the engine under the rules in force and every
 * frozen day, through @project, which this thread alone uses meanwhile. */
static TallyReportRun *
load_run (TallyProject  *project,
          GCancellable  *cancellable,
          GError       **error)
{
  g_autoptr(TallyReportRun) run = g_new0 (TallyReportRun, 1);
  gint64 clock = g_get_monotonic_time ();

  run->project = g_object_ref (project);
  run->facts = tally_facts_load (project, error);
  if (run->facts == NULL || g_cancellable_set_error_if_cancelled (cancellable, error))
    return NULL;
  debug_time ("loading the facts", &clock);

  run->engine = tally_engine_new (project, run->facts, error);
  if (run->engine == NULL || g_cancellable_set_error_if_cancelled (cancellable, error))
    return NULL;
  run->as_of = tally_zone_today (run->engine->rules->zone);
  debug_time ("applying the rules", &clock);

  run->view = tally_freeze_load (project, run->engine, error);
  if (run->view == NULL || g_cancellable_set_error_if_cancelled (cancellable, error))
    return NULL;
  debug_time ("the frozen days", &clock);

  return g_steal_pointer (&run);
}

/* Unset days of @options: the data's first and last, and the run's today. */
static void
resolve (const TallyReportRun *run,
         TallyReportOptions   *options)
{
  if (options->from == TALLY_DAY_UNSET)
    options->from = run->engine->min_day;
  if (options->to == TALLY_DAY_UNSET)
    options->to = run->engine->max_day;
  if (options->as_of == TALLY_DAY_UNSET)
    options->as_of = run->as_of;
}

static TallyReport *
report_of (const TallyReportRun     *run,
           const TallyReportOptions *options,
           const TallyFreezeView    *view)
{
  TallyReportOptions resolved = *options;
  gint64 clock = g_get_monotonic_time ();
  TallyReport *report;

  resolve (run, &resolved);
  report = tally_report_build (run->engine, &resolved, view);
  debug_time ("building the report", &clock);
  return report;
}

/* The latest report anew from what the session holds; reads nothing. */
static void
rebuild_report (TallyReportSession *self)
{
  g_clear_pointer (&self->run->report, tally_report_free);
  self->run->report = report_of (self->run, &self->options, self->run->view);
}

static void
install_run (TallyReportSession *self,
             TallyReportRun     *run)
{
  g_clear_pointer (&self->run, tally_report_run_free);
  self->run = run;
  self->stale = FALSE;
}

/* Building --------------------------------------------------------------- */

/**
 * tally_report_session_build:
 * @self: a session
 * @cancellable: (nullable): a #GCancellable
 * @error: return location for a #TallyError or %G_IO_ERROR_CANCELLED
 *
 * Builds the report of the session's options, on this thread: reads the
 * project first when the session has not read it yet or was invalidated.
 * On failure the session keeps what it had.
 *
 * Returns: whether tally_report_session_get_report() has the new report
 */
gboolean
tally_report_session_build (TallyReportSession  *self,
                            GCancellable        *cancellable,
                            GError             **error)
{
  g_return_val_if_fail (TALLY_IS_REPORT_SESSION (self), FALSE);
  g_return_val_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable), FALSE);

  if (self->run == NULL || self->stale)
    {
      TallyReportRun *run = load_run (self->project, cancellable, error);

      if (run == NULL)
        return FALSE;
      install_run (self, run);
    }

  rebuild_report (self);
  return TRUE;
}

/* What a worker is given: copies, so that it touches nothing of the
 * session. */
typedef struct
{
  char               *path;
  TallyReportOptions  options;
  char               *campaign;
} BuildData;

static void
build_data_free (BuildData *data)
{
  g_free (data->path);
  g_free (data->campaign);
  g_free (data);
}

static void
build_worker (GTask        *task,
              gpointer      source_object,
              gpointer      task_data,
              GCancellable *cancellable)
{
  BuildData *data = task_data;
  g_autoptr(TallyProject) project = NULL;
  g_autoptr(TallyReportRun) run = NULL;
  GError *error = NULL;

  /* A connection of its own: the caller's thread keeps using its project. */
  project = tally_project_open (data->path, &error);
  if (project != NULL)
    run = load_run (project, cancellable, &error);
  if (run == NULL)
    {
      g_task_return_error (task, error);
      return;
    }

  data->options.campaign = data->campaign;
  run->report = report_of (run, &data->options, run->view);
  g_task_return_pointer (task, g_steal_pointer (&run), (GDestroyNotify) tally_report_run_free);
}

/**
 * tally_report_session_build_async:
 * @self: a session
 * @cancellable: (nullable): a #GCancellable
 * @callback: called on this thread's main context once it is built
 * @user_data: for @callback
 *
 * Builds the report of the session's options. When the session has read
 * the project and was not invalidated since, that is quick and is done
 * here; otherwise a worker thread reads the project through a connection
 * of its own. The session takes the result in
 * tally_report_session_build_finish(); until then it keeps what it had.
 */
void
tally_report_session_build_async (TallyReportSession  *self,
                                  GCancellable        *cancellable,
                                  GAsyncReadyCallback  callback,
                                  gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  BuildData *data;

  g_return_if_fail (TALLY_IS_REPORT_SESSION (self));
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, tally_report_session_build_async);

  if (g_task_return_error_if_cancelled (task))
    return;

  /* Nothing to read: the report is built at once. */
  if (self->run != NULL && !self->stale)
    {
      rebuild_report (self);
      g_task_return_pointer (task, NULL, NULL);
      return;
    }

  data = g_new0 (BuildData, 1);
  data->path = g_strdup (tally_project_get_path (self->project));
  data->options = self->options;
  data->campaign = g_strdup (self->campaign);
  g_task_set_task_data (task, data, (GDestroyNotify) build_data_free);
  g_task_run_in_thread (task, build_worker);
}

/**
 * tally_report_session_build_finish:
 * @self: a session
 * @result: the result given to the callback
 * @error: return location for a #TallyError or %G_IO_ERROR_CANCELLED
 *
 * Takes what the worker read and built. A cancelled build fails with
 * %G_IO_ERROR_CANCELLED, and the session keeps what it had.
 *
 * Returns: whether tally_report_session_get_report() has the new report
 */
gboolean
tally_report_session_build_finish (TallyReportSession  *self,
                                   GAsyncResult        *result,
                                   GError             **error)
{
  g_autoptr(GError) local_error = NULL;
  TallyReportRun *run;

  g_return_val_if_fail (TALLY_IS_REPORT_SESSION (self), FALSE);
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == tally_report_session_build_async, FALSE);

  run = g_task_propagate_pointer (G_TASK (result), &local_error);
  if (local_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }

  if (run != NULL)
    install_run (self, run);
  return TRUE;
}

/* Options and rules ------------------------------------------------------ */

/**
 * tally_report_session_set_options:
 * @self: a session
 * @options: the range (unset: the data's), grouping, campaign, freeze
 *   clock (unset: today in the project's timezone) and whether to show the
 *   live numbers only
 *
 * The options of the next build; copied.
 */
void
tally_report_session_set_options (TallyReportSession       *self,
                                  const TallyReportOptions *options)
{
  char *campaign;

  g_return_if_fail (TALLY_IS_REPORT_SESSION (self));
  g_return_if_fail (options != NULL);

  campaign = g_strdup (options->campaign);
  g_free (self->campaign);
  self->campaign = campaign;
  self->options = *options;
  self->options.campaign = self->campaign;
}

/* The options of the next build, as set; the campaign is the session's. */
void
tally_report_session_get_options (TallyReportSession *self,
                                  TallyReportOptions *options)
{
  g_return_if_fail (TALLY_IS_REPORT_SESSION (self));

  *options = self->options;
}

/**
 * tally_report_session_invalidate:
 * @self: a session
 *
 * The project's data or a rule that moves numbers between cells changed:
 * the next build reads the project again. The session keeps its report
 * until then.
 */
void
tally_report_session_invalidate (TallyReportSession *self)
{
  g_return_if_fail (TALLY_IS_REPORT_SESSION (self));

  self->stale = TRUE;
}

/**
 * tally_report_session_reload_rules:
 * @self: a session that has read the project
 *
 * Reads the settings again. When they only choose among what the cells
 * keep, the engine takes them and %TRUE is returned; the next build
 * follows them. When they move numbers between cells, nothing changes and
 * %FALSE says that the session must read the project again.
 *
 * Returns: whether the session follows the settings now
 */
gboolean
tally_report_session_reload_rules (TallyReportSession *self)
{
  g_autoptr(TallyRules) rules = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;

  g_return_val_if_fail (TALLY_IS_REPORT_SESSION (self), FALSE);

  if (self->run == NULL || self->stale)
    return FALSE;

  rules = tally_rules_load (self->run->project);
  before = tally_rules_fingerprint (self->run->engine->rules);
  after = tally_rules_fingerprint (rules);
  if (!g_str_equal (before, after))
    return FALSE;

  tally_engine_set_rules (self->run->engine, g_steal_pointer (&rules));
  return TRUE;
}

/* What the session holds ------------------------------------------------- */

/* Returns: (transfer none) (nullable): the latest report, %NULL before
 *   the first build */
TallyReport *
tally_report_session_get_report (TallyReportSession *self)
{
  g_return_val_if_fail (TALLY_IS_REPORT_SESSION (self), NULL);

  return self->run != NULL ? self->run->report : NULL;
}

/**
 * tally_report_session_get_diagnostics:
 * @self: a session with a report
 *
 * Returns: (transfer none) (element-type TallyDiagnostic): the mismatch
 *   map of the latest report, computed the first time it is asked for
 */
GPtrArray *
tally_report_session_get_diagnostics (TallyReportSession *self)
{
  TallyReport *report = tally_report_session_get_report (self);

  g_return_val_if_fail (report != NULL, NULL);

  return tally_report_get_diagnostics (report);
}

/**
 * tally_report_session_extra_report:
 * @self: a session that has read the project
 * @options: the range, grouping and campaign
 *
 * Returns: (transfer full): another report from the same engine and frozen
 *   days, such as the charts' by campaign
 */
TallyReport *
tally_report_session_extra_report (TallyReportSession       *self,
                                   const TallyReportOptions *options)
{
  g_return_val_if_fail (TALLY_IS_REPORT_SESSION (self), NULL);
  g_return_val_if_fail (self->run != NULL, NULL);

  return report_of (self->run, options, self->run->view);
}

/* Returns: (transfer none): the project the session reads; after an async
 *   build, through a connection of its own */
TallyProject *
tally_report_session_get_project (TallyReportSession *self)
{
  g_return_val_if_fail (TALLY_IS_REPORT_SESSION (self), NULL);

  return self->run != NULL ? self->run->project : self->project;
}

/* Returns: (transfer none) (nullable): the engine the reports read */
TallyEngine *
tally_report_session_get_engine (TallyReportSession *self)
{
  g_return_val_if_fail (TALLY_IS_REPORT_SESSION (self), NULL);

  return self->run != NULL ? self->run->engine : NULL;
}

/* Returns: (transfer none) (nullable): the frozen days, the pending
 *   restatements and the publications */
const TallyFreezeView *
tally_report_session_get_view (TallyReportSession *self)
{
  g_return_val_if_fail (TALLY_IS_REPORT_SESSION (self), NULL);

  return self->run != NULL ? self->run->view : NULL;
}

/* Returns: today in the project's timezone, when the project was read */
gint32
tally_report_session_get_as_of (TallyReportSession *self)
{
  g_return_val_if_fail (TALLY_IS_REPORT_SESSION (self), TALLY_DAY_UNSET);
  g_return_val_if_fail (self->run != NULL, TALLY_DAY_UNSET);

  return self->run->as_of;
}

/* Sets unset days of @from and @to to the data's first and last. */
void
tally_report_session_resolve_range (TallyReportSession *self,
                                    gint32             *from,
                                    gint32             *to)
{
  g_return_if_fail (TALLY_IS_REPORT_SESSION (self));
  g_return_if_fail (self->run != NULL);

  if (*from == TALLY_DAY_UNSET)
    *from = self->run->engine->min_day;
  if (*to == TALLY_DAY_UNSET)
    *to = self->run->engine->max_day;
}

/* Returns: whether the project has any Meta row or CRM record */
gboolean
tally_report_session_has_data (TallyReportSession *self)
{
  g_return_val_if_fail (TALLY_IS_REPORT_SESSION (self), FALSE);

  return self->run != NULL && self->run->facts->crm->len + self->run->facts->meta->len > 0;
}

/* For publishing ---------------------------------------------------------- */

TallyReportRun *
_tally_report_session_get_run (TallyReportSession *self)
{
  return self->run;
}

/* A report of @options over @view instead of the session's frozen days:
 * the one a publication records, before its days are committed. */
TallyReport *
_tally_report_session_report_with_view (TallyReportSession       *self,
                                        const TallyReportOptions *options,
                                        const TallyFreezeView    *view)
{
  g_assert (self->run != NULL);

  return report_of (self->run, options, view);
}

/* The frozen days after a publication; the next build shows them. */
void
_tally_report_session_take_view (TallyReportSession *self,
                                 TallyFreezeView    *view)
{
  g_assert (self->run != NULL);

  g_clear_pointer (&self->run->report, tally_report_free);
  g_clear_pointer (&self->run->view, tally_freeze_view_free);
  self->run->view = view;
}

/* Life ---------------------------------------------------------------------- */

/**
 * tally_report_session_new:
 * @project: an open project; the session keeps it
 *
 * Reads nothing yet: the first build does.
 *
 * Returns: (transfer full): a session with the default options: the
 *   data's whole range, by day, today's freeze clock, frozen days shown
 */
TallyReportSession *
tally_report_session_new (TallyProject *project)
{
  TallyReportSession *self;

  g_return_val_if_fail (TALLY_IS_PROJECT (project), NULL);

  self = g_object_new (TALLY_TYPE_REPORT_SESSION, NULL);
  self->project = g_object_ref (project);
  return self;
}

static void
tally_report_session_dispose (GObject *object)
{
  TallyReportSession *self = TALLY_REPORT_SESSION (object);

  g_clear_pointer (&self->run, tally_report_run_free);
  g_clear_object (&self->project);

  G_OBJECT_CLASS (tally_report_session_parent_class)->dispose (object);
}

static void
tally_report_session_finalize (GObject *object)
{
  TallyReportSession *self = TALLY_REPORT_SESSION (object);

  g_free (self->campaign);

  G_OBJECT_CLASS (tally_report_session_parent_class)->finalize (object);
}

static void
tally_report_session_class_init (TallyReportSessionClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = tally_report_session_dispose;
  object_class->finalize = tally_report_session_finalize;
}

static void
tally_report_session_init (TallyReportSession *self)
{
  self->options = (TallyReportOptions) { TALLY_DAY_UNSET, TALLY_DAY_UNSET, TALLY_GROUP_DAY, TALLY_DAY_UNSET };
}

/**
 * tally_report_run:
 * @project: an open project, used by this thread alone while this runs
 * @options: the range, grouping, freeze clock and whether to show live
 *   numbers only
 * @error: return location for a #TallyError
 *
 * A session used once, for a caller that needs one report and what it
 * rests on, and nothing more.
 *
 * Returns: (transfer full): the report and what it rests on, or %NULL
 *   with @error set
 */
TallyReportRun *
tally_report_run (TallyProject              *project,
                  const TallyReportOptions  *options,
                  GError                   **error)
{
  g_autoptr(TallyReportSession) session = NULL;

  g_return_val_if_fail (TALLY_IS_PROJECT (project), NULL);
  g_return_val_if_fail (options != NULL, NULL);

  session = tally_report_session_new (project);
  tally_report_session_set_options (session, options);
  if (!tally_report_session_build (session, NULL, error))
    return NULL;

  return g_steal_pointer (&session->run);
}
