/* tally-facts.c: the imported data, in the shape the engine reads
 *
 * Copyright 2026 The Tally authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Facts depend on the data alone, never on settings: times stay as they
 * were written (a date, a wall-clock time, an instant), money in its own
 * currency, sources as text. The engine applies the settings to them, so
 * that a new timezone or attribution rule needs no new pass over SQL.
 * Meta rows are summed per day or range, campaign, attribution setting and
 * currency here, which is all a report asks of them.
 */
#define G_LOG_DOMAIN "tally-facts"

#include "config.h"

#include <string.h>

#include "tally-store.h"
#include "tally-facts-private.h"
#include "tally-strings.h"
#include "tally-project-private.h"

static guint32
intern (Interner   *interner,
        const char *text)
{
  gpointer id;

  if (text == NULL || text[0] == '\0')
    return 0;

  if (g_hash_table_lookup_extended (interner->ids, text, NULL, &id))
    return GPOINTER_TO_UINT (id);

  g_ptr_array_add (interner->facts->strings, g_strdup (text));
  id = GUINT_TO_POINTER (interner->facts->strings->len - 1);
  g_hash_table_insert (interner->ids, g_ptr_array_index (interner->facts->strings, interner->facts->strings->len - 1), id);
  return GPOINTER_TO_UINT (id);
}

guint32
_tally_facts_intern (Interner   *interner,
                     const char *text)
{
  return intern (interner, text);
}

static const char *
text_at (sqlite3_stmt *stmt,
         int           column)
{
  return (const char *) sqlite3_column_text (stmt, column);
}

const char *
tally_facts_string (TallyFacts *facts,
                    guint32     id)
{
  return id < facts->strings->len ? g_ptr_array_index (facts->strings, id) : "";
}

void
tally_facts_free (TallyFacts *facts)
{
  if (facts == NULL)
    return;

  g_ptr_array_unref (facts->strings);
  g_array_unref (facts->crm);
  g_array_unref (facts->crm_shapes);
  g_array_unref (facts->crm_contacts);
  g_array_unref (facts->crm_refunds);
  g_array_unref (facts->meta);
  g_array_unref (facts->sessions);
  g_array_unref (facts->rates);
  g_free (facts);
}

/* CRM ---------------------------------------------------------------------- */

/* The id a coded column holds, or 0 for a text kept inline. */
static gint64
text_id (sqlite3_stmt *stmt,
         int           column)
{
  return sqlite3_column_type (stmt, column) == SQLITE_INTEGER ? sqlite3_column_int64 (stmt, column) : 0;
}

/* One record's values, as SQL gives them from crm_rows: the coded
 * columns through @strings. */
static void
values_from_row (sqlite3_stmt   *stmt,
                 TallyStrings   *strings,
                 TallyCrmValues *v)
{
  memset (v, 0, sizeof *v);
  v->origin = _tally_strings_column (strings, stmt, 0);
  v->record_id = text_at (stmt, 1);
  v->kind = _tally_strings_column (strings, stmt, 2);
  v->contact_id = text_at (stmt, 3);
  v->created = text_at (stmt, 4);
  v->won = text_at (stmt, 5);
  v->stage = _tally_strings_column (strings, stmt, 6);
  v->stage_id = text_id (stmt, 6);
  v->has_amount = sqlite3_column_type (stmt, 7) != SQLITE_NULL;
  v->amount = sqlite3_column_int64 (stmt, 7);
  v->currency = _tally_strings_column (strings, stmt, 8);
  v->currency_id = text_id (stmt, 8);
  v->refund = sqlite3_column_int64 (stmt, 9);
  v->refunded = text_at (stmt, 10);
  v->term_months = sqlite3_column_int (stmt, 11);
  /* Hashes are 32-byte blobs since schema 5; a value that was no
   * lower-case hex hash stayed text. Both are keyed as text. */
  for (int h = 0; h < 2; h++)
    {
      if (sqlite3_column_type (stmt, 12 + h) == SQLITE_BLOB && sqlite3_column_bytes (stmt, 12 + h) == 32)
        v->sha256[h] = sqlite3_column_blob (stmt, 12 + h);
      else
        v->sha256_text[h] = text_at (stmt, 12 + h);
    }
  for (int t = 0; t < N_TOUCHES; t++)
    {
      v->utm_source[t] = _tally_strings_column (strings, stmt, 14 + 2 * t);
      v->utm_campaign[t] = _tally_strings_column (strings, stmt, 15 + 2 * t);
      v->crm_source[t] = _tally_strings_column (strings, stmt, 18 + 2 * t);
      v->crm_detail[t] = _tally_strings_column (strings, stmt, 19 + 2 * t);
      v->utm_source_id[t] = text_id (stmt, 14 + 2 * t);
      v->utm_campaign_id[t] = text_id (stmt, 15 + 2 * t);
      v->crm_source_id[t] = text_id (stmt, 18 + 2 * t);
      v->crm_detail_id[t] = text_id (stmt, 19 + 2 * t);
    }
  v->fbclid = text_at (stmt, 22);
  v->fbc = text_at (stmt, 23);
}

/* About how many records have ids from @first to @last: the span of
 * their ids, which are one run per batch. */
static guint
rows_between (TallyProject *project,
              gint64        first,
              gint64        last)
{
  g_autoptr(sqlite3_stmt) stmt = _tally_store_prepare (_tally_project_get_store (project),
                                                       "SELECT max (id) - min (id) + 1 FROM crm_rows "
                                                       "WHERE id BETWEEN ?1 AND ?2", NULL);

  if (stmt == NULL)
    return 0;
  sqlite3_bind_int64 (stmt, 1, first);
  sqlite3_bind_int64 (stmt, 2, last);
  if (sqlite3_step (stmt) != SQLITE_ROW)
    return 0;
  return (guint) CLAMP (sqlite3_column_int64 (stmt, 0), 0, 1 << 22);
}

/* Appends the records with ids from @first to @last, as an import would. */
static gboolean
load_crm (TallyProject  *project,
          Interner      *interner,
          gint64         first,
          gint64         last,
          GError       **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(TallyStrings) strings = NULL;
  TallyCrmAppend *append;
  TallyCrmValues values;
  int rc;

  g_assert (interner->facts->crm->len == 0);
  strings = _tally_strings_new (_tally_project_get_store (project), error);
  if (strings == NULL)
    return FALSE;
  stmt = _tally_store_prepare (_tally_project_get_store (project),
                               "SELECT origin, record_id, kind, contact_id, created_at, won_at, stage, amount, currency, "
                               "       refunded_amount, refunded_at, term_months, email_sha256, phone_sha256, "
                               "       utm_source, utm_campaign, latest_utm_source, latest_utm_campaign, "
                               "       crm_source, crm_source_detail, latest_crm_source, latest_crm_source_detail, "
                               "       fbclid, fbc "
                               "FROM crm_rows WHERE replaced_by IS NULL AND id BETWEEN ?1 AND ?2 ORDER BY id",
                               error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, first);
  sqlite3_bind_int64 (stmt, 2, last);

  append = _tally_facts_crm_append_new (rows_between (project, first, last));
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      values_from_row (stmt, strings, &values);
      _tally_facts_crm_append_add (append, &values);
    }

  if (rc == SQLITE_DONE)
    _tally_facts_adopt_crm (interner, append);
  _tally_facts_crm_append_free (append);
  if (rc != SQLITE_DONE)
    {
      _tally_store_set_error (_tally_project_get_store (project), rc, error);
      return FALSE;
    }
  return TRUE;
}

/* Meta --------------------------------------------------------------------- */

static gboolean
load_meta (TallyProject  *project,
           Interner      *interner,
           gint64         first,
           gint64         last,
           GError       **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  static const char sql[] =
    "SELECT date_start, date_end, coalesce (campaign_id, campaign_name, ''), max (coalesce (campaign_name, '')), "
    "       max (campaign_id IS NOT NULL), coalesce (attribution_window, ''), coalesce (attribution_setting, ''), "
    "       coalesce (currency, ''), count (*), sum (breakdown <> ''), sum (w), "
    "       total (spend), total (impressions), total (all_clicks), total (link_clicks), total (landing_page_views), "
    "       total (CASE WHEN w = 0 THEN purchases END), total (CASE WHEN w = 0 THEN purchase_value END), "
    "       total (CASE WHEN w = 0 THEN leads END), "
    "       total (purchases_1d_click), total (purchases_7d_click), total (purchases_28d_click), total (purchases_1d_view), "
    "       total (value_1d_click), total (value_7d_click), total (value_28d_click), total (value_1d_view), "
    "       total (leads_1d_click), total (leads_7d_click), total (leads_28d_click), total (leads_1d_view), "
    "       total (CASE WHEN landing_page_views IS NOT NULL THEN link_clicks END), "
    "       total (CASE WHEN link_clicks IS NOT NULL THEN landing_page_views END), "
    "       total (CASE WHEN all_clicks IS NOT NULL THEN link_clicks END), "
    "       total (CASE WHEN link_clicks IS NOT NULL THEN all_clicks END) "
    "FROM (SELECT *, (coalesce (purchases_1d_click, purchases_7d_click, purchases_28d_click, purchases_1d_view, "
    "                           value_1d_click, value_7d_click, value_28d_click, value_1d_view, "
    "                           leads_1d_click, leads_7d_click, leads_28d_click, leads_1d_view) IS NOT NULL) AS w "
    "      FROM meta_rows WHERE replaced_by IS NULL AND id BETWEEN ?1 AND ?2) "
    "GROUP BY date_start, date_end, 3, 6, 7, 8";
  int rc;

  stmt = _tally_store_prepare (_tally_project_get_store (project), sql, error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, first);
  sqlite3_bind_int64 (stmt, 2, last);

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      MetaFact fact = { 0 };

      if (!tally_day_parse (text_at (stmt, 0), &fact.start) || !tally_day_parse (text_at (stmt, 1), &fact.end))
        continue;
      fact.campaign = intern (interner, text_at (stmt, 2));
      fact.campaign_name = intern (interner, text_at (stmt, 3));
      fact.has_campaign_id = sqlite3_column_int (stmt, 4) != 0;
      fact.window = intern (interner, text_at (stmt, 5));
      fact.setting = intern (interner, text_at (stmt, 6));
      fact.currency = intern (interner, text_at (stmt, 7));
      fact.n_rows = (guint32) sqlite3_column_int (stmt, 8);
      fact.n_breakdown_rows = (guint32) sqlite3_column_int (stmt, 9);
      fact.n_window_rows = (guint32) sqlite3_column_int (stmt, 10);
      fact.spend = (gint64) sqlite3_column_double (stmt, 11);
      fact.impressions = (gint64) sqlite3_column_double (stmt, 12);
      fact.all_clicks = (gint64) sqlite3_column_double (stmt, 13);
      fact.link_clicks = (gint64) sqlite3_column_double (stmt, 14);
      fact.landing_page_views = (gint64) sqlite3_column_double (stmt, 15);
      fact.purchases = (gint64) sqlite3_column_double (stmt, 16);
      fact.purchase_value = (gint64) sqlite3_column_double (stmt, 17);
      fact.leads = (gint64) sqlite3_column_double (stmt, 18);
      for (int w = 0; w < 4; w++)
        {
          fact.purchases_window[w] = (gint64) sqlite3_column_double (stmt, 19 + w);
          fact.value_window[w] = (gint64) sqlite3_column_double (stmt, 23 + w);
          fact.leads_window[w] = (gint64) sqlite3_column_double (stmt, 27 + w);
        }
      fact.lpv_link_clicks = (gint64) sqlite3_column_double (stmt, 31);
      fact.lpv_paired = (gint64) sqlite3_column_double (stmt, 32);
      fact.all_link_clicks = (gint64) sqlite3_column_double (stmt, 33);
      fact.all_paired = (gint64) sqlite3_column_double (stmt, 34);
      g_array_append_val (interner->facts->meta, fact);
    }

  if (rc != SQLITE_DONE)
    {
      _tally_store_set_error (_tally_project_get_store (project), rc, error);
      return FALSE;
    }

  return TRUE;
}

/* Sessions and rates ------------------------------------------------------- */

static gboolean
load_sessions (TallyProject  *project,
               Interner      *interner,
               GError       **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  int rc;

  stmt = _tally_store_prepare (_tally_project_get_store (project),
                               "SELECT day, lower (trim (source)), campaign, sum (sessions) FROM web_sessions "
                               "WHERE replaced_by IS NULL GROUP BY 1, 2, 3",
                               error);
  if (stmt == NULL)
    return FALSE;

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      SessionFact fact = { 0 };

      if (!tally_day_parse (text_at (stmt, 0), &fact.day))
        continue;
      fact.source = intern (interner, text_at (stmt, 1));
      fact.campaign = intern (interner, text_at (stmt, 2));
      fact.sessions = sqlite3_column_int64 (stmt, 3);
      g_array_append_val (interner->facts->sessions, fact);
    }

  if (rc != SQLITE_DONE)
    {
      _tally_store_set_error (_tally_project_get_store (project), rc, error);
      return FALSE;
    }
  return TRUE;
}

static gboolean
load_rates (TallyProject  *project,
            Interner      *interner,
            GError       **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  int rc;

  stmt = _tally_store_prepare (_tally_project_get_store (project),
                               "SELECT day, base, currency, rate FROM fx_rates WHERE replaced_by IS NULL ORDER BY day",
                               error);
  if (stmt == NULL)
    return FALSE;

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      RateFact fact = { 0 };

      if (!tally_day_parse (text_at (stmt, 0), &fact.day))
        continue;
      fact.base = intern (interner, text_at (stmt, 1));
      fact.currency = intern (interner, text_at (stmt, 2));
      fact.rate = sqlite3_column_double (stmt, 3);
      g_array_append_val (interner->facts->rates, fact);
    }

  if (rc != SQLITE_DONE)
    {
      _tally_store_set_error (_tally_project_get_store (project), rc, error);
      return FALSE;
    }
  return TRUE;
}

/**
 * tally_facts_load:
 * @project: a project
 * @error: return location for a #TallyError
 *
 * Returns: (transfer full): the project's data in force
 */
TallyFacts *
tally_facts_load (TallyProject  *project,
                  GError       **error)
{
  TallyStore *store;
  g_autoptr(TallyFacts) facts = NULL;
  gboolean own_transaction;

  g_return_val_if_fail (TALLY_IS_PROJECT (project), NULL);

  /* One read transaction: the version and the rows agree. */
  store = _tally_project_get_store (project);
  own_transaction = sqlite3_get_autocommit (_tally_store_get_db (store));
  if (own_transaction && !_tally_store_exec (store, "BEGIN", error))
    return NULL;

  facts = _tally_facts_cache_read (project, _tally_facts_data_version (project));
  if (facts != NULL)
    {
      if (own_transaction)
        sqlite3_exec (_tally_store_get_db (store), "COMMIT", NULL, NULL, NULL);
      return g_steal_pointer (&facts);
    }

  facts = _tally_facts_build (project, error);
  if (own_transaction)
    sqlite3_exec (_tally_store_get_db (store), "COMMIT", NULL, NULL, NULL);
  if (facts == NULL)
    return NULL;

  /* Kept for the next run, when this one is not inside a change. */
  if (own_transaction && facts->data_version >= 0)
    _tally_facts_cache_write (project, facts);

  return g_steal_pointer (&facts);
}

TallyFacts *
_tally_facts_new (void)
{
  TallyFacts *facts = g_new0 (TallyFacts, 1);

  facts->strings = g_ptr_array_new_with_free_func (g_free);
  g_ptr_array_add (facts->strings, g_strdup (""));
  facts->crm = g_array_new (FALSE, FALSE, sizeof (CrmFact));
  facts->crm_shapes = g_array_new (FALSE, FALSE, sizeof (CrmShape));
  facts->crm_contacts = g_array_new (FALSE, FALSE, sizeof (CrmContact));
  facts->crm_refunds = g_array_new (FALSE, FALSE, sizeof (CrmRefund));
  facts->meta = g_array_new (FALSE, FALSE, sizeof (MetaFact));
  facts->sessions = g_array_new (FALSE, FALSE, sizeof (SessionFact));
  facts->rates = g_array_new (FALSE, FALSE, sizeof (RateFact));
  facts->data_version = -1;
  return facts;
}

Interner *
_tally_facts_interner_new (TallyFacts *facts)
{
  Interner *interner = g_new0 (Interner, 1);

  interner->facts = facts;
  interner->ids = g_hash_table_new (g_str_hash, g_str_equal);
  for (guint i = 1; i < facts->strings->len; i++)
    g_hash_table_insert (interner->ids, g_ptr_array_index (facts->strings, i), GUINT_TO_POINTER (i));
  return interner;
}

void
_tally_facts_interner_free (Interner *interner)
{
  g_hash_table_unref (interner->ids);
  g_free (interner);
}

gboolean
_tally_facts_load_table (TallyProject     *project,
                         Interner         *interner,
                         TallyFactsTable   table,
                         gint64            first,
                         gint64            last,
                         GError          **error)
{
  switch (table)
    {
    case TALLY_FACTS_CRM:
      return load_crm (project, interner, first, last, error);
    case TALLY_FACTS_META:
      return load_meta (project, interner, first, last, error);
    case TALLY_FACTS_SESSIONS:
      return load_sessions (project, interner, error);
    case TALLY_FACTS_RATES:
      return load_rates (project, interner, error);
    default:
      g_assert_not_reached ();
    }
}

/**
 * _tally_facts_build_before:
 * @project: a project, inside a transaction
 * @table: the table read only in part
 * @first: rows of @table from this id on are left out
 *
 * Reads every row in force, but those of @table from @first on, in the
 * order _tally_facts_canonicalize() gives once they are added.
 *
 * Returns: (transfer full): the facts, or %NULL with @error set
 */
TallyFacts *
_tally_facts_build_before (TallyProject     *project,
                           TallyFactsTable   table,
                           gint64            first,
                           GError          **error)
{
  g_autoptr(TallyFacts) facts = _tally_facts_new ();
  Interner *interner = _tally_facts_interner_new (facts);
  gboolean ok = TRUE;

  facts->data_version = _tally_facts_data_version (project);
  for (int t = 0; ok && t < TALLY_FACTS_N_TABLES; t++)
    ok = _tally_facts_load_table (project, interner, t, 0, (int) table == t ? first - 1 : G_MAXINT64, error);
  _tally_facts_interner_free (interner);
  if (!ok)
    return NULL;

  return g_steal_pointer (&facts);
}

/**
 * _tally_facts_build:
 * @project: a project, inside a transaction
 *
 * Reads every row in force, in the canonical order that
 * _tally_facts_canonicalize() gives.
 *
 * Returns: (transfer full): the facts, or %NULL with @error set
 */
TallyFacts *
_tally_facts_build (TallyProject  *project,
                    GError       **error)
{
  TallyFacts *facts = _tally_facts_build_before (project, TALLY_FACTS_CRM, G_MAXINT64, error);

  if (facts != NULL)
    _tally_facts_canonicalize (facts);
  return facts;
}
