/* tally-report-model.c: the report the window shows, computed off the
 * main thread
 *
 * Copyright 2026 The Tally authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The Report, Charts and Mismatch map pages show the same report. Reading
 * the facts and applying the rules to them (a TallyReportSession) happens
 * on a worker thread with its own connection to the project file, when the
 * data or a rule that moves numbers between cells changes; a result that a
 * newer request overtook is dropped. A new range or grouping, or a setting
 * that only chooses among what the cells keep, rebuilds the report from the
 * session at once, on this thread: tens of milliseconds for a large client.
 * Like `tally-cli report`, showing a report never changes the project.
 */
#define G_LOG_DOMAIN "tally-report-model"

#include "config.h"

#include <glib/gi18n.h>

#include "tally-report-model.h"

struct _TallyReportModel
{
  GObject         parent_instance;

  TallyProject   *project;
  gint32          from;
  gint32          to;
  TallyGroup          group;
  TallyReportSession *session;
  char               *error;
  guint           generation;
  guint           running;
  guint           refresh_source;
  GCancellable   *cancellable;
};

G_DEFINE_FINAL_TYPE (TallyReportModel, tally_report_model, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_BUSY,
  N_PROPS
};

enum {
  CHANGED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

typedef struct
{
  char               *path;
  TallyReportOptions  options;
  guint               generation;
} Request;

static void
request_free (Request *request)
{
  g_free (request->path);
  g_free (request);
}

static void
compute_worker (GTask        *task,
                gpointer      source_object,
                gpointer      task_data,
                GCancellable *cancellable)
{
  Request *request = task_data;
  g_autoptr(TallyProject) project = NULL;
  g_autoptr(TallyReportSession) session = NULL;
  g_autoptr(GError) error = NULL;

  project = tally_project_open (request->path, &error);
  if (project != NULL)
    session = tally_report_session_new (project, &error);
  if (session == NULL || !tally_report_session_build (session, &request->options, &error))
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  g_task_return_pointer (task, g_steal_pointer (&session), (GDestroyNotify) tally_report_session_free);
}

static void
current_options (TallyReportModel   *self,
                 TallyReportOptions *options)
{
  options->from = self->from;
  options->to = self->to;
  options->group = self->group;
  options->as_of = TALLY_DAY_UNSET;
  options->campaign = NULL;
}

/* The quick way: the same session, a new report. */
static void
rebuild_now (TallyReportModel *self)
{
  TallyReportOptions options;
  g_autoptr(GError) error = NULL;

  current_options (self, &options);
  g_clear_pointer (&self->error, g_free);
  if (!tally_report_session_build (self->session, &options, &error))
    {
      g_clear_pointer (&self->session, tally_report_session_free);
      self->error = g_strdup (error->message);
    }
  g_signal_emit (self, signals[CHANGED], 0);
}

static void
compute_done_cb (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  TallyReportModel *self = TALLY_REPORT_MODEL (object);
  Request *request = g_task_get_task_data (G_TASK (result));
  g_autoptr(GError) error = NULL;
  TallyReportSession *session = g_task_propagate_pointer (G_TASK (result), &error);
  TallyReportOptions options;

  self->running--;
  if (self->running == 0)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_BUSY]);

  /* Overtaken by a newer request, or by a closed project. */
  if (request->generation != self->generation || self->project == NULL)
    {
      g_clear_pointer (&session, tally_report_session_free);
      return;
    }

  g_clear_pointer (&self->session, tally_report_session_free);
  g_clear_pointer (&self->error, g_free);
  self->session = session;
  if (session == NULL)
    {
      self->error = g_strdup (error->message);
      g_signal_emit (self, signals[CHANGED], 0);
      return;
    }

  /* The range or grouping may have changed while the worker ran. */
  current_options (self, &options);
  if (options.from != request->options.from || options.to != request->options.to ||
      options.group != request->options.group)
    {
      rebuild_now (self);
      return;
    }

  g_signal_emit (self, signals[CHANGED], 0);
}

static gboolean
refresh_now (gpointer data)
{
  TallyReportModel *self = data;
  g_autoptr(GTask) task = NULL;
  Request *request;

  self->refresh_source = 0;
  if (self->project == NULL)
    return G_SOURCE_REMOVE;

  request = g_new0 (Request, 1);
  request->path = g_strdup (tally_project_get_path (self->project));
  current_options (self, &request->options);
  request->generation = ++self->generation;

  task = g_task_new (self, self->cancellable, compute_done_cb, NULL);
  g_task_set_source_tag (task, refresh_now);
  g_task_set_task_data (task, request, (GDestroyNotify) request_free);
  self->running++;
  if (self->running == 1)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_BUSY]);
  g_task_run_in_thread (task, compute_worker);
  return G_SOURCE_REMOVE;
}

/**
 * tally_report_model_refresh:
 * @self: a report model
 *
 * Computes the report again, soon: several changes in a row (typing a
 * setting, picking a range) make one computation.
 */
void
tally_report_model_refresh (TallyReportModel *self)
{
  g_return_if_fail (TALLY_IS_REPORT_MODEL (self));

  if (self->refresh_source == 0)
    self->refresh_source = g_timeout_add (50, refresh_now, self);
}

static void
data_changed_cb (TallyReportModel *self)
{
  tally_report_model_refresh (self);
}

/* A setting that only chooses among what the cells keep is followed at
 * once; any other needs the worker. */
static void
setting_changed_cb (TallyReportModel *self)
{
  if (self->session != NULL && self->running == 0 && self->refresh_source == 0 &&
      tally_report_session_reload_rules (self->session))
    rebuild_now (self);
  else
    tally_report_model_refresh (self);
}

/* A new range or grouping: at once when a session is at hand. */
static void
options_changed (TallyReportModel *self)
{
  if (self->session != NULL && self->running == 0 && self->refresh_source == 0)
    rebuild_now (self);
  else
    tally_report_model_refresh (self);
}

void
tally_report_model_set_project (TallyReportModel *self,
                                TallyProject     *project)
{
  g_return_if_fail (TALLY_IS_REPORT_MODEL (self));

  if (self->project != NULL)
    g_signal_handlers_disconnect_by_data (self->project, self);
  g_set_object (&self->project, project);
  g_clear_pointer (&self->session, tally_report_session_free);
  g_clear_pointer (&self->error, g_free);
  self->from = self->to = TALLY_DAY_UNSET;
  self->generation++;

  if (project == NULL)
    return;

  g_signal_connect_object (project, "setting-changed", G_CALLBACK (setting_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (project, "data-changed", G_CALLBACK (data_changed_cb), self, G_CONNECT_SWAPPED);
  tally_report_model_refresh (self);
}

TallyProject *
tally_report_model_get_project (TallyReportModel *self)
{
  g_return_val_if_fail (TALLY_IS_REPORT_MODEL (self), NULL);

  return self->project;
}

/* TALLY_DAY_UNSET for the data's first or last day. */
void
tally_report_model_set_range (TallyReportModel *self,
                              gint32            from,
                              gint32            to)
{
  g_return_if_fail (TALLY_IS_REPORT_MODEL (self));

  if (self->from == from && self->to == to)
    return;
  self->from = from;
  self->to = to;
  options_changed (self);
}

void
tally_report_model_get_range (TallyReportModel *self,
                              gint32           *from,
                              gint32           *to)
{
  g_return_if_fail (TALLY_IS_REPORT_MODEL (self));

  *from = self->from;
  *to = self->to;
}

void
tally_report_model_set_group (TallyReportModel *self,
                              TallyGroup        group)
{
  g_return_if_fail (TALLY_IS_REPORT_MODEL (self));

  if (self->group == group)
    return;
  self->group = group;
  options_changed (self);
}

TallyGroup
tally_report_model_get_group (TallyReportModel *self)
{
  g_return_val_if_fail (TALLY_IS_REPORT_MODEL (self), TALLY_GROUP_DAY);

  return self->group;
}

/**
 * tally_report_model_plan_publication:
 * @self: a report model
 * @from: the period's first day
 * @to: its last day
 *
 * Returns: (transfer full) (nullable): what publishing the period would
 *   freeze, and its warnings; %NULL while no report is at hand
 */
TallyPublishPlan *
tally_report_model_plan_publication (TallyReportModel *self,
                                     gint32            from,
                                     gint32            to)
{
  g_return_val_if_fail (TALLY_IS_REPORT_MODEL (self), NULL);

  if (self->session == NULL || self->running > 0 || from > to)
    return NULL;
  return tally_publish_plan_new (self->session, from, to, self->session->as_of);
}

/**
 * tally_report_model_publish:
 * @self: a report model with a report at hand
 * @from: the period's first day
 * @to: its last day
 * @note: (nullable): a note
 * @error: return location for a #TallyError
 *
 * Publishes the period, as `tally-cli publish` does, and shows the report
 * with the days it froze.
 *
 * Returns: the publication's id, or 0 with @error set
 */
gint64
tally_report_model_publish (TallyReportModel  *self,
                            gint32             from,
                            gint32             to,
                            const char        *note,
                            GError           **error)
{
  g_autoptr(TallyPublishPlan) plan = tally_report_model_plan_publication (self, from, to);
  gint64 id;

  if (plan == NULL)
    {
      g_set_error_literal (error, TALLY_ERROR, TALLY_ERROR_INVALID,
                           _("The report is still being computed; publish once it is shown."));
      return 0;
    }

  id = tally_publish (self->session, plan, note, error);
  if (id > 0)
    rebuild_now (self);
  return id;
}

/* Returns: (transfer none) (nullable): the latest report */
TallyReportRun *
tally_report_model_get_run (TallyReportModel *self)
{
  g_return_val_if_fail (TALLY_IS_REPORT_MODEL (self), NULL);

  return self->session != NULL ? &self->session->run : NULL;
}

/* Returns: (transfer none) (nullable): the session the report comes from,
 *   for other reports from the same engine */
TallyReportSession *
tally_report_model_get_session (TallyReportModel *self)
{
  g_return_val_if_fail (TALLY_IS_REPORT_MODEL (self), NULL);

  return self->session;
}

/* Returns: (nullable): why the latest report could not be made */
const char *
tally_report_model_get_error (TallyReportModel *self)
{
  g_return_val_if_fail (TALLY_IS_REPORT_MODEL (self), NULL);

  return self->error;
}

gboolean
tally_report_model_get_busy (TallyReportModel *self)
{
  g_return_val_if_fail (TALLY_IS_REPORT_MODEL (self), FALSE);

  return self->running > 0;
}

static void
tally_report_model_dispose (GObject *object)
{
  TallyReportModel *self = TALLY_REPORT_MODEL (object);

  g_cancellable_cancel (self->cancellable);
  g_clear_handle_id (&self->refresh_source, g_source_remove);
  if (self->project != NULL)
    g_signal_handlers_disconnect_by_data (self->project, self);
  g_clear_object (&self->project);
  g_clear_pointer (&self->session, tally_report_session_free);

  G_OBJECT_CLASS (tally_report_model_parent_class)->dispose (object);
}

static void
tally_report_model_finalize (GObject *object)
{
  TallyReportModel *self = TALLY_REPORT_MODEL (object);

  g_clear_object (&self->cancellable);
  g_free (self->error);

  G_OBJECT_CLASS (tally_report_model_parent_class)->finalize (object);
}

static void
tally_report_model_get_property (GObject    *object,
                                 guint       prop_id,
                                 GValue     *value,
                                 GParamSpec *pspec)
{
  TallyReportModel *self = TALLY_REPORT_MODEL (object);

  switch (prop_id)
    {
    case PROP_BUSY:
      g_value_set_boolean (value, tally_report_model_get_busy (self));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
tally_report_model_class_init (TallyReportModelClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = tally_report_model_dispose;
  object_class->finalize = tally_report_model_finalize;
  object_class->get_property = tally_report_model_get_property;

  properties[PROP_BUSY] =
    g_param_spec_boolean ("busy", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * TallyReportModel::changed:
   *
   * A new report, or a new error, is ready.
   */
  signals[CHANGED] =
    g_signal_new ("changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL, G_TYPE_NONE, 0);
}

static void
tally_report_model_init (TallyReportModel *self)
{
  self->from = self->to = TALLY_DAY_UNSET;
  self->group = TALLY_GROUP_DAY;
  self->cancellable = g_cancellable_new ();
}

TallyReportModel *
tally_report_model_new (void)
{
  return g_object_new (TALLY_TYPE_REPORT_MODEL, NULL);
}
