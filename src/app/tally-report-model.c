/* tally-report-model.c: the report the window shows, computed off the
 * main thread
 *
 * Copyright 2026 The Tally authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The Report, Charts and Mismatch map pages show the same report, from one
 * TallyReportSession. When the data or a rule that moves numbers between
 * cells changes, the session reads the project again in its worker thread
 * (tally_report_session_build_async), through a connection of its own; a
 * newer request cancels the one under way. A new range or grouping, or a
 * setting that only chooses among what the cells keep, rebuilds the report
 * from the session at once, on this thread: tens of milliseconds for a
 * large client.
 * Like `tally-cli report`, showing a report never changes the project.
 */
#define G_LOG_DOMAIN "tally-report-model"

#include "config.h"

#include <glib/gi18n.h>

#include "tally-report-model.h"

struct _TallyReportModel
{
  GObject             parent_instance;

  TallyProject       *project;
  gint32              from;
  gint32              to;
  TallyGroup          group;
  TallyReportSession *session;
  gboolean            has_report;     /* the session's report is the one to show */
  char               *error;
  guint               running;
  guint               refresh_source;
  GCancellable       *build;          /* the build under way, cancelled when a newer one starts */
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

static void
set_session_options (TallyReportModel *self)
{
  TallyReportOptions options = { self->from, self->to, self->group, TALLY_DAY_UNSET };

  tally_report_session_set_options (self->session, &options);
}

/* The quick way: what the session read, a new report. */
static void
rebuild_now (TallyReportModel *self)
{
  g_autoptr(GError) error = NULL;

  set_session_options (self);
  g_clear_pointer (&self->error, g_free);
  self->has_report = tally_report_session_build (self->session, NULL, &error);
  if (!self->has_report)
    self->error = g_strdup (error->message);
  g_signal_emit (self, signals[CHANGED], 0);
}

static void
build_done_cb (GObject      *object,
               GAsyncResult *result,
               gpointer      user_data)
{
  TallyReportSession *session = TALLY_REPORT_SESSION (object);
  g_autoptr(TallyReportModel) self = user_data;
  g_autoptr(GError) error = NULL;
  gboolean built = tally_report_session_build_finish (session, result, &error);

  self->running--;
  if (self->running == 0)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_BUSY]);

  /* Overtaken by a newer request, or by another or a closed project. */
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED) || session != self->session)
    return;

  g_clear_pointer (&self->error, g_free);
  self->has_report = built;
  if (!built)
    self->error = g_strdup (error->message);
  g_signal_emit (self, signals[CHANGED], 0);
}

static gboolean
refresh_now (gpointer data)
{
  TallyReportModel *self = data;

  self->refresh_source = 0;
  if (self->session == NULL)
    return G_SOURCE_REMOVE;

  /* A newer request overtakes the one under way. */
  g_cancellable_cancel (self->build);
  g_clear_object (&self->build);
  self->build = g_cancellable_new ();

  set_session_options (self);
  tally_report_session_invalidate (self->session);
  self->running++;
  if (self->running == 1)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_BUSY]);
  tally_report_session_build_async (self->session, self->build, build_done_cb, g_object_ref (self));
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
  if (self->has_report && self->running == 0 && self->refresh_source == 0 &&
      tally_report_session_reload_rules (self->session))
    rebuild_now (self);
  else
    tally_report_model_refresh (self);
}

/* A new range or grouping: at once when a session is at hand. */
static void
options_changed (TallyReportModel *self)
{
  if (self->has_report && self->running == 0 && self->refresh_source == 0)
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
  g_cancellable_cancel (self->build);
  g_clear_object (&self->session);
  g_clear_pointer (&self->error, g_free);
  self->has_report = FALSE;
  self->from = self->to = TALLY_DAY_UNSET;

  if (project == NULL)
    return;

  self->session = tally_report_session_new (project);
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

  if (!self->has_report || self->running > 0 || from > to)
    return NULL;
  return tally_publish_plan_new (self->session, from, to, tally_report_session_get_as_of (self->session));
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

/* Returns: (transfer none) (nullable): the session with the latest report,
 *   for it and for other reports from what it read; %NULL while there is
 *   none */
TallyReportSession *
tally_report_model_get_session (TallyReportModel *self)
{
  g_return_val_if_fail (TALLY_IS_REPORT_MODEL (self), NULL);

  return self->has_report ? self->session : NULL;
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

  g_cancellable_cancel (self->build);
  g_clear_handle_id (&self->refresh_source, g_source_remove);
  if (self->project != NULL)
    g_signal_handlers_disconnect_by_data (self->project, self);
  g_clear_object (&self->project);
  g_clear_object (&self->session);
  self->has_report = FALSE;

  G_OBJECT_CLASS (tally_report_model_parent_class)->dispose (object);
}

static void
tally_report_model_finalize (GObject *object)
{
  TallyReportModel *self = TALLY_REPORT_MODEL (object);

  g_clear_object (&self->build);
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
}

TallyReportModel *
tally_report_model_new (void)
{
  return g_object_new (TALLY_TYPE_REPORT_MODEL, NULL);
}
