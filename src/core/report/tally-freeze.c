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

#include "tally-store.h"
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

/* Cells as stored ---------------------------------------------------------- */

#define CELL_FIELDS(X) \
  X (spend) X (purchase_value) X (view_value) X (gross) X (net_restate) X (net_period) \
  X (recognized_restate) X (recognized_period)
#define CELL_COUNTS(X) \
  X (impressions) X (link_clicks) X (all_clicks) X (landing_page_views) X (sessions) X (meta_leads) \
  X (meta_purchases) X (crm_leads) X (crm_leads_raw) X (new_customers) X (mq_people) X (mq_identifier) \
  X (mq_click_id) X (mq_unknown)
#define COUNT_ONE(name) + 1
#define CELL_VALUES (0 CELL_FIELDS (COUNT_ONE) CELL_COUNTS (COUNT_ONE))

/* A struct as little-endian 8-byte values, its doubles first, then its
 * counts: exact, and read back without parsing. NAME_to_blob and
 * NAME_from_blob for TYPE with the fields DOUBLES and COUNTS. */
#define PUT_DOUBLE(name) { guint64 bits; memcpy (&bits, &value->name, sizeof bits); blob[i++] = GUINT64_TO_LE (bits); }
#define PUT_INT(name) blob[i++] = GUINT64_TO_LE ((guint64) value->name);
#define GET_DOUBLE(name) { guint64 bits = GUINT64_FROM_LE (blob[i++]); memcpy (&value->name, &bits, sizeof bits); }
#define GET_INT(name) value->name = (gint64) GUINT64_FROM_LE (blob[i++]);
#define BLOB_CODEC(NAME, TYPE, DOUBLES, COUNTS, N) \
  static void \
  NAME##_to_blob (const TYPE *value, \
                  guint64     blob[N]) \
  { \
    guint i = 0; \
    DOUBLES (PUT_DOUBLE) \
    COUNTS (PUT_INT) \
  } \
  static gboolean \
  NAME##_from_blob (const void *data, \
                    gsize       length, \
                    TYPE       *value) \
  { \
    guint64 blob[N]; \
    guint i = 0; \
    memset (value, 0, sizeof *value); \
    if (data == NULL || length != sizeof blob) \
      return FALSE; \
    memcpy (blob, data, sizeof blob); \
    DOUBLES (GET_DOUBLE) \
    COUNTS (GET_INT) \
    return TRUE; \
  }

BLOB_CODEC (cell, TallyCell, CELL_FIELDS, CELL_COUNTS, CELL_VALUES)

/* {"USD": 1234, …}: the cell's spend in its original currencies. */
static char *
spend_by_currency (TallyEngine *engine,
                   gint32       day,
                   guint        campaign)
{
  guint64 key = tally_engine_cell_key (day, campaign);
  GArray *spends = g_hash_table_lookup (engine->spend_original, &key);
  GString *text = g_string_new ("{");

  for (guint i = 0; spends != NULL && i < spends->len; i++)
    {
      const TallySpendOriginal *spend = &g_array_index (spends, TallySpendOriginal, i);

      g_string_append_printf (text, "%s\"%s\": %" G_GINT64_FORMAT, i > 0 ? ", " : "", spend->currency, spend->minor);
    }
  g_string_append_c (text, '}');
  return g_string_free (text, FALSE);
}

static gboolean
cells_equal (const TallyCell *a,
             const TallyCell *b)
{
#define SAME_DOUBLE(name) if (fabs (a->name - b->name) >= 0.5) return FALSE;
#define SAME_INT(name) if (a->name != b->name) return FALSE;
  CELL_FIELDS (SAME_DOUBLE)
  CELL_COUNTS (SAME_INT)
#undef SAME_DOUBLE
#undef SAME_INT
  return TRUE;
}

/* What the bridge and the mismatch map count of a day, as stored with it. */
#define DIAG_DOUBLES(X) \
  X (window_mismatch_spend) X (gross_account) X (no_source_revenue) X (unmatched_revenue) X (refunds) \
  X (day_shift_revenue) X (spend_delivery)
#define DIAG_COUNTS(X) \
  X (meta_rows) X (window_mismatch_rows) X (window_rows) X (range_rows) X (meta_sourced) X (click_id_only) \
  X (unmatched_records) X (stage_anomalies) X (won_records) X (day_shift_records) X (crm_records) \
  X (meta_rows_covering)
#define DIAG_VALUES (0 DIAG_DOUBLES (COUNT_ONE) DIAG_COUNTS (COUNT_ONE))

BLOB_CODEC (diag, TallyDayDiag, DIAG_DOUBLES, DIAG_COUNTS, DIAG_VALUES)

/* Campaigns of frozen cells ------------------------------------------------ */

/* @by_key: campaign key → index + 1, filled as campaigns are added. */
static guint
campaign_index (TallyEngine *engine,
                GHashTable  *by_key,
                const char  *key,
                const char  *name,
                const char  *id)
{
  TallyCampaign *campaign;
  guint found;

  if (g_hash_table_size (by_key) == 0)
    for (guint i = 0; i < engine->campaigns->len; i++)
      g_hash_table_insert (by_key, ((TallyCampaign *) g_ptr_array_index (engine->campaigns, i))->key,
                           GUINT_TO_POINTER (i + 1));

  found = GPOINTER_TO_UINT (g_hash_table_lookup (by_key, key));
  if (found > 0)
    return found - 1;

  /* A campaign the live data no longer has keeps its frozen numbers. */
  campaign = g_new0 (TallyCampaign, 1);
  campaign->key = g_strdup (key);
  campaign->name = g_strdup (name != NULL ? name : key);
  campaign->id = g_strdup (id);
  campaign->last_spend_day = G_MININT32;
  g_ptr_array_add (engine->campaigns, campaign);
  g_hash_table_insert (by_key, campaign->key, GUINT_TO_POINTER (engine->campaigns->len));
  return engine->campaigns->len - 1;
}

/* A day's live cells: (campaign index → TallyCell *), borrowed. */
static GHashTable *
live_cells (TallyEngine *engine,
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

/* Storage ------------------------------------------------------------------ */

char *
_tally_freeze_now_iso (void)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();

  return g_date_time_format (now, "%Y-%m-%dT%H:%M:%SZ");
}

/* Who publishes or restates, for the log. */
const char *
_tally_freeze_who (void)
{
  const char *name = g_get_real_name ();

  return name != NULL && name[0] != '\0' && !g_str_equal (name, "Unknown") ? name : g_get_user_name ();
}

/* Stores @day's live cells and diagnostics as its frozen ones, replacing
 * any. A day frozen before keeps its publication; @publication is that of
 * a day freezing now. */
static gboolean
store_day (TallyProject  *project,
           TallyEngine   *engine,
           gint32         day,
           const char    *rules,
           gint64         publication,
           GError       **error)
{
  TallyStore *store = _tally_project_get_store (project);
  g_autoptr(sqlite3_stmt) clear = NULL, insert = NULL, mark = NULL;
  g_autoptr(GHashTable) cells = live_cells (engine, day);
  g_autofree char *when = _tally_freeze_now_iso ();
  TallyDayDiag *live_diag = g_hash_table_lookup (engine->days, GINT_TO_POINTER (day));
  TallyDayDiag empty = { 0 };
  guint64 diag[DIAG_VALUES];
  GHashTableIter iter;
  gpointer key, value;
  char text[11];

  tally_day_format (day, text);
  clear = _tally_store_prepare (store, "DELETE FROM frozen_cells WHERE day = ?1", error);
  insert = _tally_store_prepare (store,
                                 "INSERT INTO frozen_cells (day, campaign, campaign_name, campaign_id, data, "
                                     "spend_by_currency) VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
                                 error);
  mark = _tally_store_prepare (store,
                               "INSERT INTO frozen_days (day, frozen_at, rules, publication, diag) "
                                   "VALUES (?1, ?2, ?3, ?4, ?5) "
                                   "ON CONFLICT (day) DO UPDATE SET rules = excluded.rules, diag = excluded.diag",
                               error);
  if (clear == NULL || insert == NULL || mark == NULL)
    return FALSE;

  _tally_store_bind_text (clear, 1, text);
  if (!_tally_store_step_done (store, clear, error))
    return FALSE;

  g_hash_table_iter_init (&iter, cells);
  while (g_hash_table_iter_next (&iter, &key, &value))
    {
      guint c = GPOINTER_TO_UINT (key);
      TallyCampaign *campaign = g_ptr_array_index (engine->campaigns, c);
      g_autofree char *spends = spend_by_currency (engine, day, c);
      guint64 data[CELL_VALUES];

      cell_to_blob (value, data);
      sqlite3_reset (insert);
      _tally_store_bind_text (insert, 1, text);
      _tally_store_bind_text (insert, 2, campaign->key);
      _tally_store_bind_text (insert, 3, campaign->name);
      _tally_store_bind_text (insert, 4, campaign->id);
      sqlite3_bind_blob (insert, 5, data, sizeof data, SQLITE_TRANSIENT);
      _tally_store_bind_text (insert, 6, spends);
      if (!_tally_store_step_done (store, insert, error))
        return FALSE;
    }

  diag_to_blob (live_diag != NULL ? live_diag : &empty, diag);
  _tally_store_bind_text (mark, 1, text);
  _tally_store_bind_text (mark, 2, when);
  _tally_store_bind_text (mark, 3, rules);
  if (publication > 0)
    sqlite3_bind_int64 (mark, 4, publication);
  else
    sqlite3_bind_null (mark, 4);
  sqlite3_bind_blob (mark, 5, diag, sizeof diag, SQLITE_TRANSIENT);
  return _tally_store_step_done (store, mark, error);
}

static char *
summary_json (const TallyCell  *cell,
              const TallyRules *rules)
{
  return g_strdup_printf ("{\"spend\":%.0f,\"revenue\":%.0f,\"new_customers\":%" G_GINT64_FORMAT "}",
                          round (cell->spend), round (tally_cell_revenue (cell, rules)), cell->new_customers);
}

static gboolean
log_restatement (TallyProject     *project,
                 gint32            day,
                 const char       *why,
                 const TallyCell  *before,
                 const TallyCell  *after,
                 const TallyRules *rules,
                 GError          **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autofree char *when = _tally_freeze_now_iso ();
  g_autofree char *before_text = summary_json (before, rules);
  g_autofree char *after_text = summary_json (after, rules);
  char text[11];

  tally_day_format (day, text);
  stmt = _tally_store_prepare (_tally_project_get_store (project),
                               "INSERT INTO restatements (day, restated_at, who, why, before, after) "
                               "VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
                               error);
  if (stmt == NULL)
    return FALSE;

  _tally_store_bind_text (stmt, 1, text);
  _tally_store_bind_text (stmt, 2, when);
  _tally_store_bind_text (stmt, 3, _tally_freeze_who ());
  _tally_store_bind_text (stmt, 4, why);
  _tally_store_bind_text (stmt, 5, before_text);
  _tally_store_bind_text (stmt, 6, after_text);
  return _tally_store_step_done (_tally_project_get_store (project), stmt, error);
}

/* Loading ------------------------------------------------------------------ */

typedef struct
{
  gint32        day;
  gint64        publication;
  char         *rules;
  GHashTable   *cells;      /* campaign index → TallyCell */
  TallyCell     total;
  TallyDayDiag  diag;
  gboolean      has_diag;
} FrozenDay;

static void
frozen_day_free (FrozenDay *day)
{
  g_free (day->rules);
  g_hash_table_unref (day->cells);
  g_free (day);
}

static void
damaged (TallyProject  *project,
         GError       **error)
{
  g_set_error (error, TALLY_ERROR, TALLY_ERROR_CORRUPT,
               _("“%s” is damaged or was edited outside Tally and cannot be used; restore it from a backup."),
               tally_project_get_display_name (project));
}

/* Every frozen day, by day. */
static GHashTable *
load_frozen (TallyProject  *project,
             TallyEngine   *engine,
             GError       **error)
{
  TallyStore *store = _tally_project_get_store (project);
  g_autoptr(GHashTable) days = g_hash_table_new_full (g_direct_hash, g_direct_equal, NULL, (GDestroyNotify) frozen_day_free);
  g_autoptr(sqlite3_stmt) day_stmt = NULL, cell_stmt = NULL;
  g_autoptr(GHashTable) by_key = g_hash_table_new (g_str_hash, g_str_equal);
  int rc;

  day_stmt = _tally_store_prepare (store, "SELECT day, rules, publication, diag FROM frozen_days", error);
  cell_stmt = _tally_store_prepare (store, "SELECT day, campaign, campaign_name, campaign_id, data FROM frozen_cells", error);
  if (day_stmt == NULL || cell_stmt == NULL)
    return NULL;

  while ((rc = sqlite3_step (day_stmt)) == SQLITE_ROW)
    {
      FrozenDay *frozen;
      gint32 day;

      if (!tally_day_parse (_tally_store_column_text (day_stmt, 0), &day))
        continue;
      frozen = g_new0 (FrozenDay, 1);
      frozen->day = day;
      frozen->rules = g_strdup (_tally_store_column_text (day_stmt, 1));
      frozen->publication = sqlite3_column_int64 (day_stmt, 2);
      frozen->cells = g_hash_table_new_full (g_direct_hash, g_direct_equal, NULL, g_free);
      g_hash_table_insert (days, GINT_TO_POINTER (day), frozen);
      if (sqlite3_column_type (day_stmt, 3) != SQLITE_NULL)
        {
          if (!diag_from_blob (sqlite3_column_blob (day_stmt, 3), (gsize) sqlite3_column_bytes (day_stmt, 3),
                               &frozen->diag))
            {
              damaged (project, error);
              return NULL;
            }
          frozen->has_diag = TRUE;
        }
    }
  if (rc != SQLITE_DONE)
    {
      _tally_store_set_error (store, rc, error);
      return NULL;
    }

  while ((rc = sqlite3_step (cell_stmt)) == SQLITE_ROW)
    {
      FrozenDay *frozen;
      TallyCell *cell;
      gint32 day;
      guint c;

      if (!tally_day_parse (_tally_store_column_text (cell_stmt, 0), &day) ||
          (frozen = g_hash_table_lookup (days, GINT_TO_POINTER (day))) == NULL)
        continue;

      cell = g_new0 (TallyCell, 1);
      if (!cell_from_blob (sqlite3_column_blob (cell_stmt, 4), (gsize) sqlite3_column_bytes (cell_stmt, 4), cell))
        {
          g_free (cell);
          damaged (project, error);
          return NULL;
        }
      c = campaign_index (engine, by_key, _tally_store_column_text (cell_stmt, 1),
                          (const char *) sqlite3_column_text (cell_stmt, 2),
                          (const char *) sqlite3_column_text (cell_stmt, 3));
      tally_cell_add (&frozen->total, cell);
      g_hash_table_insert (frozen->cells, GUINT_TO_POINTER (c), cell);
    }
  if (rc != SQLITE_DONE)
    {
      _tally_store_set_error (store, rc, error);
      return NULL;
    }

  return g_steal_pointer (&days);
}

static gboolean
day_matches_live (TallyEngine *engine,
                  FrozenDay   *frozen,
                  TallyCell   *live_total)
{
  g_autoptr(GHashTable) live = live_cells (engine, frozen->day);
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
diag_of_old_day (const FrozenDay *day,
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
  frozen = load_frozen (project, engine, error);
  if (frozen == NULL)
    return NULL;

  g_hash_table_iter_init (&iter, frozen);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    {
      FrozenDay *day = value;
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
             FrozenDay     *entry,
             const char    *why,
             const char    *fingerprint,
             GError       **error)
{
  TallyCell live_total;

  day_matches_live (engine, entry, &live_total);
  return log_restatement (project, entry->day, why, &entry->total, &live_total, engine->rules, error) &&
         store_day (project, engine, entry->day, fingerprint, 0, error);
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
    frozen = load_frozen (project, engine, error);
  if (frozen == NULL)
    goto fail;
  fingerprint = tally_rules_fingerprint (engine->rules);

  for (guint i = 0; i < n_days; i++)
    {
      FrozenDay *entry = g_hash_table_lookup (frozen, GINT_TO_POINTER (days[i]));
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
  frozen = load_frozen (project, engine, error);
  if (frozen == NULL)
    return FALSE;

  g_hash_table_iter_init (&iter, frozen);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    {
      FrozenDay *day = value;
      TallyCell live_total;

      if (!day_matches_live (engine, day, &live_total))
        {
          if (!restate_day (project, engine, day, why, fingerprint, error))
            return FALSE;
        }
      else if (!g_str_equal (day->rules, fingerprint) &&
               !store_day (project, engine, day->day, fingerprint, 0, error))
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
    if (!store_day (project, engine, g_array_index (days, gint32, i), fingerprint, publication, error))
      return FALSE;
  return TRUE;
}

/* Whether the project has any frozen day at all. */
gboolean
tally_freeze_has_days (TallyProject *project)
{
  g_autoptr(sqlite3_stmt) stmt = _tally_store_prepare (_tally_project_get_store (project),
                                                       "SELECT 1 FROM frozen_days LIMIT 1",
                                                       NULL);

  return stmt != NULL && sqlite3_step (stmt) == SQLITE_ROW;
}

static void
entry_free (TallyRestatementEntry *entry)
{
  g_free (entry->day);
  g_free (entry->restated_at);
  g_free (entry->who);
  g_free (entry->why);
  g_free (entry);
}

/**
 * tally_freeze_list_log:
 * @project: a project
 * @error: return location for a #TallyError
 *
 * Returns: (transfer container) (element-type TallyRestatementEntry): every
 *   restatement made, the oldest first, or %NULL with @error set
 */
GPtrArray *
tally_freeze_list_log (TallyProject  *project,
                       GError       **error)
{
  g_autoptr(GPtrArray) entries = g_ptr_array_new_with_free_func ((GDestroyNotify) entry_free);
  g_autoptr(sqlite3_stmt) stmt = NULL;
  int rc;

  stmt = _tally_store_prepare (_tally_project_get_store (project),
                               "SELECT day, restated_at, who, why FROM restatements ORDER BY id",
                               error);
  if (stmt == NULL)
    return NULL;

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      TallyRestatementEntry *entry = g_new0 (TallyRestatementEntry, 1);

      entry->day = g_strdup (_tally_store_column_text (stmt, 0));
      entry->restated_at = g_strdup (_tally_store_column_text (stmt, 1));
      entry->who = g_strdup (_tally_store_column_text (stmt, 2));
      entry->why = g_strdup (_tally_store_column_text (stmt, 3));
      g_ptr_array_add (entries, entry);
    }

  if (rc != SQLITE_DONE)
    {
      _tally_store_set_error (_tally_project_get_store (project), rc, error);
      return NULL;
    }

  return g_steal_pointer (&entries);
}
