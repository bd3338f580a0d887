/* tally-freeze.c: published days and their restatements, SPEC section 8
 *
 * Copyright 2026 The Tally authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Numbers are live; a day freezes only when a publication covers it while
 * it is at least restatement_days old (tally-publish.c). Its cells are then
 * stored with every variant, with what the mismatch map and the bridge need
 * of the day, and the rules they were made under. From then on a report
 * shows the stored numbers. New data that would change them is a pending
 * restatement until someone accepts it; an undo, or a change of a rule
 * that moves numbers between days (timezone, window, FX, Meta-source
 * rules), restates at once, in the transaction that made the change.
 * Reading frozen days never writes. Every restatement is logged with who,
 * when and why.
 */
#define G_LOG_DOMAIN "tally-freeze"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <json-glib/json-glib.h>
#include <math.h>
#include <string.h>

#include "tally-error.h"
#include "tally-facts.h"
#include "tally-freeze-private.h"
#include "tally-project-private.h"
#include "tally-report.h"

/* The rule keys whose values differ between two fingerprints. */
static char *
changed_rules (const char *before,
               const char *after)
{
  g_autoptr(JsonNode) a = json_from_string (before, NULL);
  g_autoptr(JsonNode) b = json_from_string (after, NULL);
  g_autoptr(GString) keys = g_string_new (NULL);
  g_autoptr(GList) members = NULL;
  JsonObject *x, *y;

  if (a == NULL || b == NULL || !JSON_NODE_HOLDS_OBJECT (a) || !JSON_NODE_HOLDS_OBJECT (b))
    return g_strdup ("rules");

  x = json_node_get_object (a);
  y = json_node_get_object (b);
  members = json_object_get_members (y);
  for (GList *l = members; l != NULL; l = l->next)
    {
      const char *old = json_object_get_string_member_with_default (x, l->data, NULL);
      const char *new = json_object_get_string_member_with_default (y, l->data, NULL);

      if (g_strcmp0 (old, new) != 0)
        g_string_append_printf (keys, "%s%s", keys->len > 0 ? ", " : "", (char *) l->data);
    }

  return g_string_free (g_steal_pointer (&keys), FALSE);
}

static gboolean
cells_equal (const TallyCell *a,
             const TallyCell *b)
{
#define SAME_DOUBLE(name) if (fabs (a->name - b->name) >= 0.5) return FALSE;
#define SAME_INT(name) if (a->name != b->name) return FALSE;
  TALLY_FREEZE_CELL_DOUBLES (SAME_DOUBLE)
  TALLY_FREEZE_CELL_COUNTS (SAME_INT)
#undef SAME_DOUBLE
#undef SAME_INT
  return TRUE;
}

/* A day's live cells: (campaign index → TallyCell *), borrowed. */
GHashTable *
_tally_freeze_live_cells (TallyEngine *engine,
                          gint32       day)
{
  GHashTable *cells = g_hash_table_new (g_direct_hash, g_direct_equal);

  for (guint c = 0; c < engine->campaigns->len; c++)
    {
      guint64 key = tally_engine_cell_key (day, c);
      TallyCell *cell = g_hash_table_lookup (engine->cells, &key);

      if (cell != NULL)
        g_hash_table_insert (cells, GUINT_TO_POINTER (c), cell);
    }

  return cells;
}

static gboolean
day_matches_live (TallyEngine *engine,
                  TallyFrozenDay   *frozen,
                  TallyCell   *live_total)
{
  g_autoptr(GHashTable) live = _tally_freeze_live_cells (engine, frozen->day);
  GHashTableIter iter;
  gpointer key, value;
  gboolean same = TRUE;

  memset (live_total, 0, sizeof *live_total);
  g_hash_table_iter_init (&iter, live);
  while (g_hash_table_iter_next (&iter, &key, &value))
    {
      TallyCell *stored = g_hash_table_lookup (frozen->cells, key);
      TallyCell empty = { 0 };

      tally_cell_add (live_total, value);
      if (!cells_equal (value, stored != NULL ? stored : &empty))
        same = FALSE;
    }

  /* Frozen cells with no live counterpart are data that went away. */
  g_hash_table_iter_init (&iter, frozen->cells);
  while (g_hash_table_iter_next (&iter, &key, &value))
    if (!g_hash_table_contains (live, key))
      {
        TallyCell empty = { 0 };

        if (!cells_equal (value, &empty))
          same = FALSE;
      }

  return same;
}

/* Pending restatements --------------------------------------------------------- */

static const struct
{
  const char *metric;
  const char *label;
} metric_labels[] = {
  { "spend", N_("Spend") },
  { "meta_purchase_value", N_("Meta purchase value") },
  { "revenue_gross", N_("Revenue gross") },
  { "revenue_net", N_("Revenue net") },
  { "revenue_recognized", N_("Revenue recognized") },
  { "impressions", N_("Impressions") },
  { "link_clicks", N_("Link clicks") },
  { "all_clicks", N_("All clicks") },
  { "landing_page_views", N_("Landing page views") },
  { "sessions", N_("Sessions") },
  { "meta_leads", N_("Meta leads") },
  { "meta_purchases", N_("Meta purchases") },
  { "crm_leads", N_("CRM leads") },
  { "crm_leads_raw", N_("CRM leads (raw)") },
  { "new_customers", N_("New customers") },
};

/* Returns: the metric's name, translated */
const char *
tally_metric_change_label (const TallyMetricChange *change)
{
  for (guint i = 0; i < G_N_ELEMENTS (metric_labels); i++)
    if (g_str_equal (metric_labels[i].metric, change->metric))
      return _(metric_labels[i].label);
  return change->metric;
}

/* The day's numbers, published against live, where they differ: money
 * compared as the report rounds it, to the minor unit. */
static GArray *
metric_changes (const TallyRules *rules,
                const TallyCell  *published,
                const TallyCell  *live)
{
  GArray *changes = g_array_new (FALSE, FALSE, sizeof (TallyMetricChange));
  gboolean period = g_str_equal (rules->refund_policy, "period");
  struct { double published, live; gboolean money; } values[] = {
    { published->spend, live->spend, TRUE },
    { published->purchase_value, live->purchase_value, TRUE },
    { published->gross, live->gross, TRUE },
    { period ? published->net_period : published->net_restate, period ? live->net_period : live->net_restate, TRUE },
    { period ? published->recognized_period : published->recognized_restate,
      period ? live->recognized_period : live->recognized_restate, TRUE },
#define COUNTS(name) { (double) published->name, (double) live->name, FALSE }
    COUNTS (impressions), COUNTS (link_clicks), COUNTS (all_clicks), COUNTS (landing_page_views),
    COUNTS (sessions), COUNTS (meta_leads), COUNTS (meta_purchases), COUNTS (crm_leads),
    COUNTS (crm_leads_raw), COUNTS (new_customers),
#undef COUNTS
  };

  G_STATIC_ASSERT (G_N_ELEMENTS (values) == G_N_ELEMENTS (metric_labels));
  for (guint i = 0; i < G_N_ELEMENTS (values); i++)
    {
      TallyMetricChange change = {
        metric_labels[i].metric, round (values[i].published), round (values[i].live), values[i].money
      };

      if (change.published != change.live)
        g_array_append_val (changes, change);
    }

  return changes;
}

static void
restatement_free (TallyRestatement *restatement)
{
  g_free (restatement->changed_rules);
  g_array_unref (restatement->changes);
  g_free (restatement);
}

static int
compare_restatements (gconstpointer a,
                      gconstpointer b)
{
  const TallyRestatement *x = *(TallyRestatement * const *) a;
  const TallyRestatement *y = *(TallyRestatement * const *) b;

  return (x->day > y->day) - (x->day < y->day);
}

void
tally_freeze_view_free (TallyFreezeView *view)
{
  if (view == NULL)
    return;

  g_hash_table_unref (view->cells);
  g_hash_table_unref (view->days);
  g_hash_table_unref (view->diags);
  g_ptr_array_unref (view->pending);
  g_clear_pointer (&view->publications, g_ptr_array_unref);
  g_free (view);
}

/* The cell first, so that a table value is the cell itself. */
typedef struct
{
  TallyCell cell;
  guint64   key;
} KeyedCell;

/* What a day frozen before schema 4 shows to the bridge and the mismatch
 * map: its own revenue as counted on the account's days (no timezone
 * step), its own spend, and nothing else it did not keep. */
static void
diag_of_old_day (const TallyFrozenDay *day,
                 TallyDayDiag    *diag)
{
  memset (diag, 0, sizeof *diag);
  diag->gross_account = day->total.gross;
  diag->spend_delivery = day->total.spend;
}

/**
 * tally_freeze_load:
 * @project: a project
 * @engine: its engine under the settings in force
 * @error: return location for a #TallyError
 *
 * Reads every frozen day and compares it with the live data; writes
 * nothing.
 *
 * Returns: (transfer full): what a report shows of frozen days, and the
 *   pending restatements
 */
TallyFreezeView *
tally_freeze_load (TallyProject  *project,
                   TallyEngine   *engine,
                   GError       **error)
{
  g_autoptr(TallyFreezeView) view = g_new0 (TallyFreezeView, 1);
  g_autoptr(GHashTable) frozen = NULL;
  g_autofree char *fingerprint = tally_rules_fingerprint (engine->rules);
  GHashTableIter iter;
  gpointer value;

  view->cells = g_hash_table_new_full (tally_cell_key_hash, tally_cell_key_equal, NULL, g_free);
  view->days = g_hash_table_new (g_direct_hash, g_direct_equal);
  view->diags = g_hash_table_new_full (g_direct_hash, g_direct_equal, NULL, g_free);
  view->pending = g_ptr_array_new_with_free_func ((GDestroyNotify) restatement_free);

  view->publications = tally_publications_list (project, error);
  if (view->publications == NULL)
    return NULL;
  frozen = _tally_freeze_store_load (project, engine, error);
  if (frozen == NULL)
    return NULL;

  g_hash_table_iter_init (&iter, frozen);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    {
      TallyFrozenDay *day = value;
      TallyDayDiag *diag = g_new (TallyDayDiag, 1);
      TallyCell live_total;
      GHashTableIter cells;
      gpointer c, cell;

      g_hash_table_insert (view->days, GINT_TO_POINTER (day->day), GSIZE_TO_POINTER ((gsize) day->publication));
      if (day->has_diag)
        *diag = day->diag;
      else
        diag_of_old_day (day, diag);
      g_hash_table_insert (view->diags, GINT_TO_POINTER (day->day), diag);

      g_hash_table_iter_init (&cells, day->cells);
      while (g_hash_table_iter_next (&cells, &c, &cell))
        {
          KeyedCell *copy = g_new0 (KeyedCell, 1);

          copy->key = tally_engine_cell_key (day->day, GPOINTER_TO_UINT (c));
          copy->cell = *(TallyCell *) cell;
          g_hash_table_insert (view->cells, &copy->key, copy);
        }

      if (!day_matches_live (engine, day, &live_total))
        {
          TallyRestatement *pending = g_new0 (TallyRestatement, 1);

          pending->day = day->day;
          pending->publication = day->publication;
          pending->changes = metric_changes (engine->rules, &day->total, &live_total);
          if (!g_str_equal (day->rules, fingerprint))
            pending->changed_rules = changed_rules (day->rules, fingerprint);
          g_ptr_array_add (view->pending, pending);
        }
    }

  g_ptr_array_sort (view->pending, compare_restatements);
  return g_steal_pointer (&view);
}

/* Returns: how many frozen days of [@from, @to] have a pending restatement */
guint
tally_freeze_view_count_pending (const TallyFreezeView *view,
                                 gint32                 from,
                                 gint32                 to)
{
  guint count = 0;

  for (guint i = 0; view != NULL && i < view->pending->len; i++)
    {
      const TallyRestatement *r = g_ptr_array_index (view->pending, i);

      count += r->day >= from && r->day <= to;
    }
  return count;
}

/* Logs @entry's change and stores what the data says now; within the
 * caller's transaction. */
static gboolean
restate_day (TallyProject  *project,
             TallyEngine   *engine,
             TallyFrozenDay     *entry,
             const char    *why,
             const char    *fingerprint,
             GError       **error)
{
  TallyCell live_total;

  day_matches_live (engine, entry, &live_total);
  return _tally_freeze_store_log (project, entry->day, why, &entry->total, &live_total, engine->rules, error) &&
         _tally_freeze_store_day (project, engine, entry->day, fingerprint, 0, error);
}

/* The facts and the engine under the settings in force, read through the
 * caller's connection (and so inside its transaction). */
static TallyEngine *
engine_now (TallyProject  *project,
            TallyFacts   **facts,
            GError       **error)
{
  *facts = tally_facts_load (project, error);
  if (*facts == NULL)
    return NULL;
  return tally_engine_new (project, *facts, error);
}

/**
 * tally_freeze_restate:
 * @project: a writable project
 * @days: (array length=n_days): frozen days
 * @n_days: how many
 * @why: why, for the log
 * @error: return location for a #TallyError
 *
 * Accepts pending restatements: each day's published numbers become what
 * the data says now, and each change is logged; all the days or none. The
 * app's Restatements dialog and `tally-cli restate` both come here.
 */
gboolean
tally_freeze_restate (TallyProject  *project,
                      const gint32  *days,
                      guint          n_days,
                      const char    *why,
                      GError       **error)
{
  g_autoptr(TallyFacts) facts = NULL;
  g_autoptr(TallyEngine) engine = NULL;
  g_autoptr(GHashTable) frozen = NULL;
  g_autofree char *fingerprint = NULL;

  g_return_val_if_fail (TALLY_IS_PROJECT (project), FALSE);
  g_return_val_if_fail (why != NULL, FALSE);

  if (!_tally_project_begin (project, error))
    return FALSE;

  engine = engine_now (project, &facts, error);
  if (engine != NULL)
    frozen = _tally_freeze_store_load (project, engine, error);
  if (frozen == NULL)
    goto fail;
  fingerprint = tally_rules_fingerprint (engine->rules);

  for (guint i = 0; i < n_days; i++)
    {
      TallyFrozenDay *entry = g_hash_table_lookup (frozen, GINT_TO_POINTER (days[i]));
      char text[11];

      if (entry == NULL)
        {
          tally_day_format (days[i], text);
          g_set_error (error, TALLY_ERROR, TALLY_ERROR_INVALID,
                       _("%s is not a frozen day of “%s”, so there is nothing to restate; “tally-cli restatements” lists the pending ones."),
                       text, tally_project_get_display_name (project));
          goto fail;
        }
      if (!restate_day (project, engine, entry, why, fingerprint, error))
        goto fail;
    }

  return _tally_project_commit (project, error);

fail:
  _tally_project_rollback (project);
  return FALSE;
}

/**
 * _tally_freeze_restate_changed:
 * @project: a project whose data or rules just changed (an undo, a
 *   setting), inside the transaction that changed them
 * @why: why, for the log
 * @error: return location for a #TallyError
 *
 * Restates every frozen day whose numbers the change moved, logged, and
 * notes the rules in force on the others, in the caller's transaction, so
 * that the change and its restatements are saved together or not at all.
 */
gboolean
_tally_freeze_restate_changed (TallyProject  *project,
                               const char    *why,
                               GError       **error)
{
  g_autoptr(TallyFacts) facts = NULL;
  g_autoptr(TallyEngine) engine = NULL;
  g_autoptr(GHashTable) frozen = NULL;
  g_autofree char *fingerprint = NULL;
  GHashTableIter iter;
  gpointer value;

  if (!tally_freeze_has_days (project))
    return TRUE;

  engine = engine_now (project, &facts, error);
  if (engine == NULL)
    return FALSE;
  fingerprint = tally_rules_fingerprint (engine->rules);
  frozen = _tally_freeze_store_load (project, engine, error);
  if (frozen == NULL)
    return FALSE;

  g_hash_table_iter_init (&iter, frozen);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    {
      TallyFrozenDay *day = value;
      TallyCell live_total;

      if (!day_matches_live (engine, day, &live_total))
        {
          if (!restate_day (project, engine, day, why, fingerprint, error))
            return FALSE;
        }
      else if (!g_str_equal (day->rules, fingerprint) &&
               !_tally_freeze_store_day (project, engine, day->day, fingerprint, 0, error))
        return FALSE;
    }

  return TRUE;
}

/**
 * _tally_freeze_store_days:
 * @project: a project, inside the caller's transaction
 * @engine: its engine under the settings in force
 * @publication: the publication that freezes them
 * @days: (element-type gint32): days not frozen yet
 * @error: return location for a #TallyError
 *
 * Freezes @days as the live data shows them now.
 */
gboolean
_tally_freeze_store_days (TallyProject  *project,
                          TallyEngine   *engine,
                          gint64         publication,
                          GArray        *days,
                          GError       **error)
{
  g_autofree char *fingerprint = tally_rules_fingerprint (engine->rules);

  for (guint i = 0; i < days->len; i++)
    if (!_tally_freeze_store_day (project, engine, g_array_index (days, gint32, i), fingerprint, publication, error))
      return FALSE;
  return TRUE;
}

typedef struct
{
  char   *path;
  char   *why;
  GArray *days;
} RestateJob;

static void
restate_job_free (RestateJob *job)
{
  g_free (job->path);
  g_free (job->why);
  g_array_unref (job->days);
  g_free (job);
}

static void
restate_worker (GTask        *task,
                gpointer      source_object,
                gpointer      task_data,
                GCancellable *cancellable)
{
  RestateJob *job = task_data;
  g_autoptr(TallyProject) project = NULL;
  g_autoptr(GError) error = NULL;

  project = tally_project_open (job->path, &error);
  if (project == NULL ||
      !tally_freeze_restate (project, (const gint32 *) job->days->data, job->days->len, job->why, &error))
    g_task_return_error (task, g_steal_pointer (&error));
  else
    g_task_return_boolean (task, TRUE);
}

/**
 * tally_freeze_restate_async:
 * @project: a project
 * @days: (element-type gint32): the frozen days to restate
 * @why: the reason, for the log
 * @cancellable: (nullable): a #GCancellable
 * @callback: called in the caller's main context when it is done
 * @user_data: data for @callback
 *
 * Restates the days as tally_freeze_restate() does, all of them or none,
 * in a worker thread over a connection of its own.
 */
void
tally_freeze_restate_async (TallyProject        *project,
                            GArray              *days,
                            const char          *why,
                            GCancellable        *cancellable,
                            GAsyncReadyCallback  callback,
                            gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  RestateJob *job;

  g_return_if_fail (TALLY_IS_PROJECT (project));

  job = g_new0 (RestateJob, 1);
  job->path = g_strdup (tally_project_get_path (project));
  job->why = g_strdup (why);
  job->days = g_array_ref (days);
  task = g_task_new (project, cancellable, callback, user_data);
  g_task_set_source_tag (task, tally_freeze_restate_async);
  g_task_set_task_data (task, job, (GDestroyNotify) restate_job_free);
  g_task_run_in_thread (task, restate_worker);
}

gboolean
tally_freeze_restate_finish (TallyProject  *project,
                             GAsyncResult  *result,
                             GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, project), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}
