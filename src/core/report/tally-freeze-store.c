/* tally-freeze-store.c: the SQL of frozen days and the restatement log
 *
 * Copyright 2026 The Tally authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * What tally-freeze.c decides, this file reads and writes: a frozen day's
 * cells as exact little-endian blobs with the rules they froze under, what
 * the bridge and the mismatch map need of it, and the log of every
 * restatement. Every statement binds its values; a blob that does not
 * decode says the file is damaged, never a raw SQL error.
 */
#define G_LOG_DOMAIN "tally-freeze"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>
#include <string.h>

#include "tally-store.h"
#include "tally-error.h"
#include "tally-freeze-private.h"
#include "tally-project-private.h"
#include "tally-report.h"

/* Cells as stored ---------------------------------------------------------- */

#define COUNT_ONE(name) + 1
#define CELL_VALUES (0 TALLY_FREEZE_CELL_DOUBLES (COUNT_ONE) TALLY_FREEZE_CELL_COUNTS (COUNT_ONE))

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

BLOB_CODEC (cell, TallyCell, TALLY_FREEZE_CELL_DOUBLES, TALLY_FREEZE_CELL_COUNTS, CELL_VALUES)

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
gboolean
_tally_freeze_store_day (TallyProject  *project,
                         TallyEngine   *engine,
                         gint32         day,
                         const char    *rules,
                         gint64         publication,
                         GError       **error)
{
  TallyStore *store = _tally_project_get_store (project);
  g_autoptr(sqlite3_stmt) clear = NULL, insert = NULL, mark = NULL;
  g_autoptr(GHashTable) cells = _tally_freeze_live_cells (engine, day);
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

gboolean
_tally_freeze_store_log (TallyProject     *project,
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

static void
frozen_day_free (TallyFrozenDay *day)
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
GHashTable *
_tally_freeze_store_load (TallyProject  *project,
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
      TallyFrozenDay *frozen;
      gint32 day;

      if (!tally_day_parse (_tally_store_column_text (day_stmt, 0), &day))
        continue;
      frozen = g_new0 (TallyFrozenDay, 1);
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
      TallyFrozenDay *frozen;
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
