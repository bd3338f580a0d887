/* tally-freeze.c: published days and their restatements, SPEC section 8
 *
 * Copyright 2026 The Tally authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A day freezes when a report covers it while it is at least
 * restatement_days old: its cells are stored with every variant, and the
 * rules they were made under. From then on a report shows the stored
 * numbers. New data that would change them is a pending restatement until
 * someone accepts it; an undo, or a change of a rule that moves numbers
 * between days (timezone, window, FX, Meta-source rules), restates at once.
 * Every restatement is logged with who, when and why.
 */
#define G_LOG_DOMAIN "tally-freeze"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <json-glib/json-glib.h>
#include <math.h>
#include <string.h>

#include "tally-db.h"
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

/* A cell as CELL_VALUES little-endian 8-byte values: exact, and read back
 * without parsing. */
static void
cell_to_blob (const TallyCell *cell,
              guint64          blob[CELL_VALUES])
{
  guint i = 0;

#define PUT_DOUBLE(name) { guint64 bits; memcpy (&bits, &cell->name, sizeof bits); blob[i++] = GUINT64_TO_LE (bits); }
#define PUT_INT(name) blob[i++] = GUINT64_TO_LE ((guint64) cell->name);
  CELL_FIELDS (PUT_DOUBLE)
  CELL_COUNTS (PUT_INT)
#undef PUT_DOUBLE
#undef PUT_INT
}

static gboolean
cell_from_blob (const void *data,
                gsize       length,
                TallyCell  *cell)
{
  guint64 blob[CELL_VALUES];
  guint i = 0;

  memset (cell, 0, sizeof *cell);
  if (data == NULL || length != sizeof blob)
    return FALSE;
  memcpy (blob, data, sizeof blob);

#define GET_DOUBLE(name) { guint64 bits = GUINT64_FROM_LE (blob[i++]); memcpy (&cell->name, &bits, sizeof bits); }
#define GET_INT(name) cell->name = (gint64) GUINT64_FROM_LE (blob[i++]);
  CELL_FIELDS (GET_DOUBLE)
  CELL_COUNTS (GET_INT)
#undef GET_DOUBLE
#undef GET_INT
  return TRUE;
}

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

static char *
now_iso (void)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();

  return g_date_time_format (now, "%Y-%m-%dT%H:%M:%SZ");
}

static const char *
who (void)
{
  const char *name = g_get_real_name ();

  return name != NULL && name[0] != '\0' && !g_str_equal (name, "Unknown") ? name : g_get_user_name ();
}

/* Stores @day's live cells as its frozen ones, replacing any. */
static gboolean
store_day (TallyProject  *project,
           TallyEngine   *engine,
           gint32         day,
           const char    *rules,
           GError       **error)
{
  sqlite3 *db = _tally_project_get_db (project);
  const char *name = tally_project_get_display_name (project);
  g_autoptr(sqlite3_stmt) clear = NULL, insert = NULL, mark = NULL;
  g_autoptr(GHashTable) cells = live_cells (engine, day);
  g_autofree char *when = now_iso ();
  GHashTableIter iter;
  gpointer key, value;
  char text[11];

  tally_day_format (day, text);
  clear = _tally_db_prepare (db, "DELETE FROM frozen_cells WHERE day = ?1", name, error);
  insert = _tally_db_prepare (db, "INSERT INTO frozen_cells (day, campaign, campaign_name, campaign_id, data, "
                                  "spend_by_currency) VALUES (?1, ?2, ?3, ?4, ?5, ?6)", name, error);
  mark = _tally_db_prepare (db, "INSERT OR REPLACE INTO frozen_days (day, frozen_at, rules) VALUES (?1, ?2, ?3)",
                            name, error);
  if (clear == NULL || insert == NULL || mark == NULL)
    return FALSE;

  _tally_db_bind_text (clear, 1, text);
  if (!_tally_db_step_done (clear, name, error))
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
      _tally_db_bind_text (insert, 1, text);
      _tally_db_bind_text (insert, 2, campaign->key);
      _tally_db_bind_text (insert, 3, campaign->name);
      _tally_db_bind_text (insert, 4, campaign->id);
      sqlite3_bind_blob (insert, 5, data, sizeof data, SQLITE_TRANSIENT);
      _tally_db_bind_text (insert, 6, spends);
      if (!_tally_db_step_done (insert, name, error))
        return FALSE;
    }

  _tally_db_bind_text (mark, 1, text);
  _tally_db_bind_text (mark, 2, when);
  _tally_db_bind_text (mark, 3, rules);
  return _tally_db_step_done (mark, name, error);
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
  g_autofree char *when = now_iso ();
  g_autofree char *before_text = summary_json (before, rules);
  g_autofree char *after_text = summary_json (after, rules);
  char text[11];

  tally_day_format (day, text);
  stmt = _tally_db_prepare (_tally_project_get_db (project),
                            "INSERT INTO restatements (day, restated_at, who, why, before, after) "
                            "VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
                            tally_project_get_display_name (project), error);
  if (stmt == NULL)
    return FALSE;

  _tally_db_bind_text (stmt, 1, text);
  _tally_db_bind_text (stmt, 2, when);
  _tally_db_bind_text (stmt, 3, who ());
  _tally_db_bind_text (stmt, 4, why);
  _tally_db_bind_text (stmt, 5, before_text);
  _tally_db_bind_text (stmt, 6, after_text);
  return _tally_db_step_done (stmt, tally_project_get_display_name (project), error);
}

/* Loading ------------------------------------------------------------------ */

typedef struct
{
  gint32     day;
  char      *rules;
  GHashTable *cells;      /* campaign index → TallyCell */
  TallyCell  total;
} FrozenDay;

static void
frozen_day_free (FrozenDay *day)
{
  g_free (day->rules);
  g_hash_table_unref (day->cells);
  g_free (day);
}

/* Every frozen day of [from, to] (all of them when from > to). */
static GHashTable *
load_frozen (TallyProject  *project,
             TallyEngine   *engine,
             gint32         from,
             gint32         to,
             GError       **error)
{
  sqlite3 *db = _tally_project_get_db (project);
  const char *name = tally_project_get_display_name (project);
  g_autoptr(GHashTable) days = g_hash_table_new_full (g_direct_hash, g_direct_equal, NULL, (GDestroyNotify) frozen_day_free);
  g_autoptr(sqlite3_stmt) day_stmt = NULL, cell_stmt = NULL;
  g_autoptr(GHashTable) by_key = g_hash_table_new (g_str_hash, g_str_equal);
  int rc;

  day_stmt = _tally_db_prepare (db, "SELECT day, rules FROM frozen_days", name, error);
  cell_stmt = _tally_db_prepare (db, "SELECT day, campaign, campaign_name, campaign_id, data FROM frozen_cells", name, error);
  if (day_stmt == NULL || cell_stmt == NULL)
    return NULL;

  while ((rc = sqlite3_step (day_stmt)) == SQLITE_ROW)
    {
      FrozenDay *frozen;
      gint32 day;

      if (!tally_day_parse (_tally_db_column_text (day_stmt, 0), &day) || (from <= to && (day < from || day > to)))
        continue;
      frozen = g_new0 (FrozenDay, 1);
      frozen->day = day;
      frozen->rules = g_strdup (_tally_db_column_text (day_stmt, 1));
      frozen->cells = g_hash_table_new_full (g_direct_hash, g_direct_equal, NULL, g_free);
      g_hash_table_insert (days, GINT_TO_POINTER (day), frozen);
    }
  if (rc != SQLITE_DONE)
    {
      _tally_db_set_error (error, db, rc, name);
      return NULL;
    }

  while ((rc = sqlite3_step (cell_stmt)) == SQLITE_ROW)
    {
      FrozenDay *frozen;
      TallyCell *cell;
      gint32 day;
      guint c;

      if (!tally_day_parse (_tally_db_column_text (cell_stmt, 0), &day) ||
          (frozen = g_hash_table_lookup (days, GINT_TO_POINTER (day))) == NULL)
        continue;

      cell = g_new0 (TallyCell, 1);
      if (!cell_from_blob (sqlite3_column_blob (cell_stmt, 4), (gsize) sqlite3_column_bytes (cell_stmt, 4), cell))
        {
          g_free (cell);
          g_set_error (error, TALLY_ERROR, TALLY_ERROR_CORRUPT,
                       _("“%s” is damaged or was edited outside Tally and cannot be used; restore it from a backup."), name);
          return NULL;
        }
      c = campaign_index (engine, by_key, _tally_db_column_text (cell_stmt, 1),
                          (const char *) sqlite3_column_text (cell_stmt, 2),
                          (const char *) sqlite3_column_text (cell_stmt, 3));
      tally_cell_add (&frozen->total, cell);
      g_hash_table_insert (frozen->cells, GUINT_TO_POINTER (c), cell);
    }
  if (rc != SQLITE_DONE)
    {
      _tally_db_set_error (error, db, rc, name);
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
  gboolean same = g_hash_table_size (live) <= g_hash_table_size (frozen->cells);

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

void
tally_freeze_view_free (TallyFreezeView *view)
{
  if (view == NULL)
    return;

  g_hash_table_unref (view->cells);
  g_hash_table_unref (view->days);
  g_array_unref (view->pending);
  g_ptr_array_unref (view->restated);
  g_free (view);
}

/* The cell first, so that a table value is the cell itself. */
typedef struct
{
  TallyCell cell;
  guint64   key;
} KeyedCell;

static int
compare_texts (gconstpointer a,
               gconstpointer b)
{
  return strcmp (*(const char * const *) a, *(const char * const *) b);
}

/**
 * tally_freeze_apply:
 * @project: a project
 * @engine: its engine under the settings in force
 * @from: the report's first day
 * @to: its last day
 * @as_of: the freeze clock
 * @freeze_new: whether to freeze the days this report makes old enough
 *   (a report does; the mismatch map alone does not)
 * @error: return location for a #TallyError
 *
 * Restates frozen days made under other rules, lists frozen days whose
 * data changed since, and freezes days of the range that are at least
 * restatement_days old.
 *
 * Returns: (transfer full): what the report shows of frozen days
 */
TallyFreezeView *
tally_freeze_apply (TallyProject  *project,
                    TallyEngine   *engine,
                    gint32         from,
                    gint32         to,
                    gint32         as_of,
                    gboolean       freeze_new,
                    GError       **error)
{
  g_autoptr(TallyFreezeView) view = g_new0 (TallyFreezeView, 1);
  g_autoptr(GHashTable) frozen = NULL;
  g_autofree char *fingerprint = tally_rules_fingerprint (engine->rules);
  gint32 last_open = as_of - engine->rules->restatement_days;
  gboolean writable = !tally_project_is_read_only (project);
  gboolean began = FALSE;
  GHashTableIter iter;
  gpointer value;

  view->cells = g_hash_table_new_full (tally_cell_key_hash, tally_cell_key_equal, NULL, g_free);
  view->days = g_hash_table_new (g_direct_hash, g_direct_equal);
  view->pending = g_array_new (FALSE, FALSE, sizeof (TallyRestatement));
  view->restated = g_ptr_array_new_with_free_func (g_free);

  frozen = load_frozen (project, engine, from, to, error);
  if (frozen == NULL)
    return NULL;

  if (writable)
    {
      if (!_tally_project_begin (project, error))
        return NULL;
      began = TRUE;
    }

  g_hash_table_iter_init (&iter, frozen);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    {
      FrozenDay *day = value;
      TallyCell live_total;
      gboolean same = day_matches_live (engine, day, &live_total);

      /* Frozen under other rules: restated at once, with the rule named. */
      if (!g_str_equal (day->rules, fingerprint) && writable)
        {
          g_autofree char *keys = changed_rules (day->rules, fingerprint);
          g_autofree char *why = g_strdup_printf (_("settings changed: %s"), keys);
          char text[11];

          if (!same && !log_restatement (project, day->day, why, &day->total, &live_total, engine->rules, error))
            goto fail;
          if (!store_day (project, engine, day->day, fingerprint, error))
            goto fail;
          tally_day_format (day->day, text);
          if (!same)
            g_ptr_array_add (view->restated, g_strdup_printf ("%s: %s", text, why));
          continue;
        }

      g_hash_table_add (view->days, GINT_TO_POINTER (day->day));
      {
        GHashTableIter cells;
        gpointer c, cell;

        g_hash_table_iter_init (&cells, day->cells);
        while (g_hash_table_iter_next (&cells, &c, &cell))
          {
            KeyedCell *copy = g_new0 (KeyedCell, 1);

            copy->key = tally_engine_cell_key (day->day, GPOINTER_TO_UINT (c));
            copy->cell = *(TallyCell *) cell;
            g_hash_table_insert (view->cells, &copy->key, copy);
          }
      }

      if (!same)
        {
          TallyRestatement pending = {
            day->day, day->total.spend, live_total.spend,
            tally_cell_revenue (&day->total, engine->rules), tally_cell_revenue (&live_total, engine->rules),
            day->total.new_customers, live_total.new_customers,
          };

          g_array_append_val (view->pending, pending);
        }
    }

  /* Days old enough freeze as this report shows them. */
  if (freeze_new && writable)
    for (gint32 day = from; day <= MIN (to, last_open); day++)
      if (!g_hash_table_contains (frozen, GINT_TO_POINTER (day)))
        {
          g_autoptr(GHashTable) cells = NULL;
          GHashTableIter cells_iter;
          gpointer c, cell;

          if (!store_day (project, engine, day, fingerprint, error))
            goto fail;
          g_hash_table_add (view->days, GINT_TO_POINTER (day));

          /* Its frozen numbers are, this once, the live ones. */
          cells = live_cells (engine, day);
          g_hash_table_iter_init (&cells_iter, cells);
          while (g_hash_table_iter_next (&cells_iter, &c, &cell))
            {
              KeyedCell *copy = g_new0 (KeyedCell, 1);

              copy->key = tally_engine_cell_key (day, GPOINTER_TO_UINT (c));
              copy->cell = *(TallyCell *) cell;
              g_hash_table_insert (view->cells, &copy->key, copy);
            }
        }

  if (began && !_tally_project_commit (project, error))
    return NULL;

  /* "YYYY-MM-DD: why": by day. */
  g_ptr_array_sort (view->restated, compare_texts);
  return g_steal_pointer (&view);

fail:
  _tally_project_rollback (project);
  return NULL;
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
         store_day (project, engine, entry->day, fingerprint, error);
}

/**
 * tally_freeze_restate:
 * @project: a project
 * @engine: its engine under the settings in force
 * @day: a frozen day
 * @why: why, for the log
 * @error: return location for a #TallyError
 *
 * Accepts a pending restatement: @day's published numbers become what the
 * data says now, and the change is logged.
 */
gboolean
tally_freeze_restate (TallyProject  *project,
                      TallyEngine   *engine,
                      gint32         day,
                      const char    *why,
                      GError       **error)
{
  g_autoptr(GHashTable) frozen = NULL;
  g_autofree char *fingerprint = tally_rules_fingerprint (engine->rules);
  FrozenDay *entry;
  char text[11];

  tally_day_format (day, text);
  frozen = load_frozen (project, engine, day, day, error);
  if (frozen == NULL)
    return FALSE;

  entry = g_hash_table_lookup (frozen, GINT_TO_POINTER (day));
  if (entry == NULL)
    {
      g_set_error (error, TALLY_ERROR, TALLY_ERROR_INVALID,
                   _("%s is not a frozen day of “%s”, so there is nothing to restate; “tally-cli restatements” lists the pending ones."),
                   text, tally_project_get_display_name (project));
      return FALSE;
    }

  if (!_tally_project_begin (project, error))
    return FALSE;
  if (!restate_day (project, engine, entry, why, fingerprint, error))
    {
      _tally_project_rollback (project);
      return FALSE;
    }

  return _tally_project_commit (project, error);
}

/**
 * _tally_freeze_restate_changed:
 * @project: a project whose data just changed (an undo), inside the
 *   transaction that changed it
 * @why: why, for the log
 * @error: return location for a #TallyError
 *
 * Restates every frozen day whose numbers the change moved, in the
 * caller's transaction, so that the change and its restatements are
 * saved together or not at all.
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

  facts = tally_facts_load (project, error);
  if (facts == NULL)
    return FALSE;
  engine = tally_engine_new (project, facts, error);
  if (engine == NULL)
    return FALSE;
  fingerprint = tally_rules_fingerprint (engine->rules);
  frozen = load_frozen (project, engine, 1, 0, error);
  if (frozen == NULL)
    return FALSE;

  g_hash_table_iter_init (&iter, frozen);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    {
      FrozenDay *day = value;
      TallyCell live_total;

      if (!day_matches_live (engine, day, &live_total) &&
          !restate_day (project, engine, day, why, fingerprint, error))
        return FALSE;
    }

  return TRUE;
}

/* Whether the project has any frozen day at all. */
gboolean
tally_freeze_has_days (TallyProject *project)
{
  g_autoptr(sqlite3_stmt) stmt = _tally_db_prepare (_tally_project_get_db (project),
                                                    "SELECT 1 FROM frozen_days LIMIT 1",
                                                    tally_project_get_display_name (project), NULL);

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

  stmt = _tally_db_prepare (_tally_project_get_db (project),
                            "SELECT day, restated_at, who, why FROM restatements ORDER BY id",
                            tally_project_get_display_name (project), error);
  if (stmt == NULL)
    return NULL;

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      TallyRestatementEntry *entry = g_new0 (TallyRestatementEntry, 1);

      entry->day = g_strdup (_tally_db_column_text (stmt, 0));
      entry->restated_at = g_strdup (_tally_db_column_text (stmt, 1));
      entry->who = g_strdup (_tally_db_column_text (stmt, 2));
      entry->why = g_strdup (_tally_db_column_text (stmt, 3));
      g_ptr_array_add (entries, entry);
    }

  if (rc != SQLITE_DONE)
    {
      _tally_db_set_error (error, _tally_project_get_db (project), rc, tally_project_get_display_name (project));
      return NULL;
    }

  return g_steal_pointer (&entries);
}
